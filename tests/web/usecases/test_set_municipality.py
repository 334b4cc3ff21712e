"""set_municipality: a municipality's name and role set in Overgang, and kept by every
later import, which names the difference instead of undoing it."""

from __future__ import annotations

import dataclasses

import pytest

from overgang.core.domain import MunicipalityRole
from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.dataset.municipalities import MunicipalityError, set_municipality
from overgang.web.dataset.services import import_workbook
from overgang.web.dataset.store import load_dataset
from tests.web.usecases.trail import mark, who_did_what
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db
LEAD = SystemActor("anna")
HR = SystemActor("hr")


def _names_and_roles() -> dict[int, tuple[str, str]]:
    return {row.code: (row.name, row.role) for row in m.Municipality.objects.all()}


def test_making_a_member_the_host_makes_the_former_host_a_member_each_logged(world):
    since = mark()
    set_municipality(code=VALLENSBAEK, name="Vallensbæk Kommune", role="vaert", by=LEAD)
    assert _names_and_roles() == {
        ISHOEJ: ("Ishøj", "medlem"),
        VALLENSBAEK: ("Vallensbæk Kommune", "vaert"),
    }
    entries = [who_did_what(e) for e in since.entries()]
    assert entries == [
        ("cli:anna", "update", "dataset.municipality", str(world.ishoej.pk)),
        ("cli:anna", "update", "dataset.municipality", str(world.vallensbaek.pk)),
    ]


@pytest.mark.parametrize(
    ("code", "name", "role", "message"),
    [
        (ISHOEJ, None, "medlem", "anden kommune til vært"),
        (999, "X", None, "999"),
        (ISHOEJ, " ", None, "skal have et navn"),
        (ISHOEJ, None, "chef", "vaert"),
    ],
)
def test_what_would_leave_no_host_or_no_name_is_refused(world, code, name, role, message):
    since = mark()
    with pytest.raises(MunicipalityError, match=message):
        set_municipality(code=code, name=name, role=role, by=LEAD)
    assert since.entries() == []


def test_an_import_keeps_the_name_and_host_set_in_overgang_and_says_so(world, tmp_path):
    workbook = tmp_path / "hr.xlsx"
    write_workbook(load_dataset(), workbook)  # HR's file: Ishøj host, the old names
    set_municipality(code=VALLENSBAEK, name="Vallensbæk Kommune", role="vaert", by=LEAD)

    dry = import_workbook(workbook, by=HR, dry_run=True)
    assert dry.preview is not None
    kommuner = next(s for s in dry.preview.sheets if s.sheet == "kommuner")
    assert kommuner.unchanged, kommuner
    touched = " ".join(dry.preview.touched)
    assert "“Vallensbæk Kommune”" in touched and "“Vallensbæk”" in touched
    assert "kommune 183" in touched and "kommune 187" in touched

    outcome = import_workbook(workbook, by=HR)
    assert outcome.batch is not None, outcome.issues
    assert _names_and_roles() == {
        ISHOEJ: ("Ishøj", "medlem"),
        VALLENSBAEK: ("Vallensbæk Kommune", "vaert"),
    }
    assert load_dataset().host.code == VALLENSBAEK
    stored = m.Municipality.objects.get(code=VALLENSBAEK)
    assert (stored.name_set_by, stored.role_set_by) == ("anna", "anna")


def test_a_name_the_workbook_changes_and_overgang_never_set_is_imported(world, tmp_path):
    set_municipality(code=VALLENSBAEK, name="Vallensbæk Kommune", by=LEAD)
    dataset = load_dataset()
    renamed = tuple(
        dataclasses.replace(x, name="Ishøj Kommune") if x.code == ISHOEJ else x
        for x in dataset.municipalities
    )
    workbook = tmp_path / "hr.xlsx"
    write_workbook(dataclasses.replace(dataset, municipalities=renamed), workbook)

    assert import_workbook(workbook, by=HR).batch is not None
    assert _names_and_roles() == {
        ISHOEJ: ("Ishøj Kommune", MunicipalityRole.HOST.value),
        VALLENSBAEK: ("Vallensbæk Kommune", MunicipalityRole.MEMBER.value),
    }
