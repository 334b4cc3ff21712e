"""The scoping layer: rows the user may see, every fetch of them logged, unknown models refused."""

from __future__ import annotations

import pytest

from overgang.web import scoping
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.models import Case, Municipality
from tests.web.users import BEFORE, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    build_world()
    users = make_users()
    set_today(BEFORE)
    return users["kommuneleder-vallensbaek"]


def _reads() -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(action__in=["view", "list", "refused"])
        .order_by("seq")
        .values_list("action", "object_id")
    )


def test_a_fetched_list_is_logged_once_and_counts_are_not_logged(lead):
    cases = Case.objects.for_user(lead).order_by("ext_id")
    assert cases.count() == 2  # Vallensbæk's own case and the one moving to it
    assert cases.exists()
    assert _reads() == []
    assert [c.ext_id for c in cases] == ["MOVE", "V-CASE"]
    assert list(cases) == list(cases)  # cached: not fetched, not logged, again
    assert _reads() == [("list", "2")]


def test_one_row_read_is_logged_by_its_id_and_a_row_out_of_sight_as_refused(lead):
    assert Case.objects.for_user(lead).get(ext_id="V-CASE").ext_id == "V-CASE"
    with pytest.raises(Case.DoesNotExist):
        Case.objects.for_user(lead).get(ext_id="I-CASE")  # Ishøj's child
    assert _reads() == [("view", "V-CASE"), ("refused", "I-CASE")]


def test_a_model_without_a_registered_rule_is_refused_whole(lead):
    with pytest.raises(LookupError, match="dataset.municipality"):
        scoping.restrict(Municipality.objects.all(), lead)


def test_each_personal_data_model_names_the_municipality_of_its_rows(lead):
    case = Case.objects.get(ext_id="MOVE")
    assert scoping.municipality_of(case) == 187
    resolve = scoping.municipalities_resolver()
    assert [resolve(c) for c in Case.objects.order_by("ext_id")] == [183, 187, 187]
