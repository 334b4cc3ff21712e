"""fix_employee, fix_case, unfix: fixed decisions by page, API and command line, the one way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.core.planning.fixes import CaseFix, EmployeeFix, Fixes
from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset import models as m
from overgang.web.dataset.services import export_workbook, import_workbook
from overgang.web.dataset.store import load_dataset
from overgang.web.planning.fixing import FixError, fix_case, fix_employee, unfix
from overgang.web.planning.models import FixedDecision
from overgang.web.planning.selectors import fixes_in_force
from tests.io.factories import read_csv, rewrite_csv
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.users import PASSWORD
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db

LEAD = "projektleder"


def _page() -> Client:
    page = Client()
    assert page.login(username=LEAD, password=PASSWORD)
    return page


def _api(username: str = LEAD) -> APIClient:
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _row(fix: FixedDecision) -> tuple[str, str, str, str, date, bool]:
    return (fix.kind, fix.value, fix.reason, fix.fixed_by_name, fix.fixed_on, fix.in_force)


def _fix_entries() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type="planning.fixeddecision").order_by("seq"))


def test_page_api_and_command_line_fix_an_employee_alike_row_and_audit_entry(world, users):
    response = _page().post(
        "/medarbejdere/I-EMP/fastlaeg/",
        {"fix-municipality": str(VALLENSBAEK), "fix-reason": "Aftalt med lederen"},
    )
    assert response.status_code == 302, response.content
    response = _api().post(
        "/api/v1/fixes/",
        {
            "type": "medarbejder",
            "id": "V-EMP",
            "vaerdi": "187",
            "begrundelse": "Aftalt med lederen",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["vaerdi"] == "187"
    # The command line takes the municipality's name as well as its code.
    _cli("fix", "employee", "X-EMP", "Vallensbæk", "--reason", "Aftalt med lederen", "--by", LEAD)

    rows = {f.subject_id: f for f in FixedDecision.objects.all()}
    assert sorted(rows) == ["I-EMP", "V-EMP", "X-EMP"]
    assert {_row(f) for f in rows.values()} == {
        ("employee", "187", "Aftalt med lederen", LEAD, date(2021, 9, 15), True)
    }
    assert rows["I-EMP"].fixed_by == users[LEAD] and rows["X-EMP"].fixed_by is None
    entries = _fix_entries()
    assert [(e.username, e.object_id) for e in entries] == [
        (LEAD, "I-EMP"),
        (LEAD, "V-EMP"),
        (f"cli:{LEAD}", "X-EMP"),
    ]
    # Apart from who and which employee, one entry per channel, alike field for field.
    shapes = {(e.action, e.object_type, e.municipality, str(e.detail)) for e in entries}
    assert shapes == {("create", "planning.fixeddecision", VALLENSBAEK, str(entries[0].detail))}
    assert entries[0].detail == {"kind": "employee", "value": "187"}
    assert verify_chain().ok


def test_page_api_and_command_line_fix_a_case_alike(world):
    decision = world.case_decisions["MOVE"]
    response = _page().post(
        f"/beslutninger/sager/{decision.pk}/fastlaeg/",
        {"reason": "Familien kender V-EMP", "next": f"/planer/{world.plan.pk}/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/planer/{world.plan.pk}/#case-decisions"
    response = _api().post(
        "/api/v1/fixes/",
        {"type": "sag", "id": "V-CASE", "vaerdi": "V-EMP", "begrundelse": "Familien kender V-EMP"},
        format="json",
    )
    assert response.status_code == 201, response.content
    _cli("fix", "case", "I-CASE", "I-EMP", "--reason", "Familien kender V-EMP", "--by", LEAD)

    rows = {f.subject_id: (f.kind, f.value, f.reason) for f in FixedDecision.objects.all()}
    assert rows == {
        "MOVE": ("case", "V-EMP", "Familien kender V-EMP"),
        "V-CASE": ("case", "V-EMP", "Familien kender V-EMP"),
        "I-CASE": ("case", "I-EMP", "Familien kender V-EMP"),
    }
    entries = _fix_entries()
    assert [(e.action, e.object_id, e.municipality) for e in entries] == [
        ("create", "MOVE", VALLENSBAEK),
        ("create", "V-CASE", VALLENSBAEK),
        ("create", "I-CASE", ISHOEJ),
    ]


def test_one_click_on_a_plan_row_fixes_what_the_plan_proposed_with_a_default_reason(world):
    decision = world.employee_decisions["I-EMP"]
    page = _page()
    response = page.post(f"/beslutninger/{decision.pk}/fastlaeg/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "fastlagt" in response.content.decode()
    fix = FixedDecision.objects.get()
    assert (fix.subject_id, fix.value, fix.reason) == (
        "I-EMP",
        str(ISHOEJ),
        f"Fastlagt fra plan {world.plan.pk}",
    )
    shown = page.get(f"/planer/{world.plan.pk}/").content.decode()
    assert "Fastlagt af projektleder" in shown  # the row's mark names who fixed it


def test_only_the_transition_lead_may_fix(world):
    page = Client()
    assert page.login(username="kommuneleder-ishoej", password=PASSWORD)
    decision = world.employee_decisions["I-EMP"]
    assert page.post(f"/beslutninger/{decision.pk}/fastlaeg/").status_code == 403
    assert page.post("/medarbejdere/I-EMP/fastlaeg/", {"fix-reason": "x"}).status_code == 403
    response = _api("kommuneleder-ishoej").post(
        "/api/v1/fixes/",
        {"type": "medarbejder", "id": "I-EMP", "vaerdi": "187", "begrundelse": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert not FixedDecision.objects.exists()


@pytest.mark.parametrize(
    ("call", "field", "words"),
    [
        (
            lambda: fix_employee(employee_id="NOBODY", municipality=187, reason="r", by=None),
            "medarbejder_id",
            "NOBODY",
        ),
        (
            lambda: fix_employee(employee_id="I-EMP", municipality=999, reason="r", by=None),
            "kommune",
            "999",
        ),
        (
            lambda: fix_employee(employee_id="I-EMP", municipality=187, reason="  ", by=None),
            "begrundelse",
            "begrundelse",
        ),
        (
            lambda: fix_case(case_id="NONE", contact_person="I-EMP", reason="r", by=None),
            "sag_id",
            "NONE",
        ),
        (
            lambda: fix_case(case_id="MOVE", contact_person="NOBODY", reason="r", by=None),
            "kontaktperson",
            "NOBODY",
        ),
        (
            lambda: unfix(kind="employee", subject_id="I-EMP", by=None),
            "medarbejder_id",
            "I-EMP",
        ),
    ],
)
def test_a_fix_that_cannot_be_made_is_refused_in_words_and_nothing_is_stored(
    world, call, field, words
):
    since = mark()
    with pytest.raises(FixError, match=words) as refused:
        call()
    assert refused.value.field == field
    assert not FixedDecision.objects.exists()
    assert since.entries() == []


def test_a_retired_employee_an_external_case_and_another_profession_are_refused(world):
    world.employees["X-EMP"].retired_at = timezone.now()
    world.employees["X-EMP"].save()
    with pytest.raises(FixError, match="ikke længere"):
        fix_employee(employee_id="X-EMP", municipality=ISHOEJ, reason="r", by=None)
    external = world.cases["V-CASE"]
    external.delivery = "ekstern"
    external.save()
    with pytest.raises(FixError, match="ekstern"):
        fix_case(case_id="V-CASE", contact_person="V-EMP", reason="r", by=None)
    batch = m.ImportBatch.objects.first()
    social = m.Profession.objects.create(code="SOC", name="Socialrådgivere", norm=10, batch=batch)
    m.Employee.objects.create(
        ext_id="S-EMP", name="Sofie", profession=social, hours=Decimal(37), batch=batch
    )
    with pytest.raises(FixError, match="Socialrådgivere") as refused:
        fix_case(case_id="MOVE", contact_person="S-EMP", reason="r", by=None)
    assert refused.value.field == "kontaktperson"
    assert not FixedDecision.objects.exists()


def test_the_page_shows_a_refused_fix_by_its_field(world):
    response = _page().post(
        "/medarbejdere/I-EMP/fastlaeg/", {"fix-municipality": str(VALLENSBAEK), "fix-reason": ""}
    )
    assert response.status_code == 200
    assert 'id="id_fix-reason_errors"' in response.content.decode()
    assert not FixedDecision.objects.exists()


def test_the_api_names_the_field_of_a_refused_fix(world):
    response = _api().post(
        "/api/v1/fixes/",
        {"type": "sag", "id": "MOVE", "vaerdi": "NOBODY", "begrundelse": "r"},
        format="json",
    )
    assert response.status_code == 400
    assert "NOBODY" in response.json()["vaerdi"][0]


def test_a_new_fix_of_the_same_employee_replaces_the_one_in_force_and_keeps_it(world):
    first = fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="først", by=SystemActor("a")
    )
    since = mark()
    second = fix_employee(
        employee_id="I-EMP", municipality=ISHOEJ, reason="så", by=SystemActor("b")
    )
    first.refresh_from_db()
    assert (first.in_force, first.removed_by_name, second.in_force) == (False, "b", True)
    assert FixedDecision.objects.filter(subject_id="I-EMP").count() == 2
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("cli:b", "create", "planning.fixeddecision", "I-EMP")
    assert entry.detail["replaces"] == {"value": "187", "by": "a"}
    assert fixes_in_force().employer() == {"I-EMP": ISHOEJ}


def test_unfixing_keeps_the_fix_in_its_history_by_page_api_and_command_line(world):
    for employee in ("I-EMP", "V-EMP", "X-EMP"):
        fix_employee(employee_id=employee, municipality=ISHOEJ, reason="r", by=SystemActor("a"))
    assert _page().post("/medarbejdere/I-EMP/fastlaeg/ophaev/").status_code == 302
    api = _api()
    number = FixedDecision.objects.get(subject_id="V-EMP").pk
    assert api.delete(f"/api/v1/fixes/{number}/").status_code == 204
    assert api.delete(f"/api/v1/fixes/{number}/").status_code == 404  # not in force any more
    _cli("unfix", "employee", "X-EMP", "--by", LEAD)

    rows = FixedDecision.objects.order_by("subject_id")
    assert [(f.subject_id, f.in_force, f.removed_by_name) for f in rows] == [
        ("I-EMP", False, LEAD),
        ("V-EMP", False, LEAD),
        ("X-EMP", False, LEAD),
    ]
    assert fixes_in_force() == Fixes()
    listed = api.get("/api/v1/fixes/?historik=true").json()
    assert len(listed["results"]) == 3
    removals = [e for e in _fix_entries() if e.action == "update"]
    assert [(e.username, e.object_id) for e in removals] == [
        (LEAD, "I-EMP"),
        (LEAD, "V-EMP"),
        (f"cli:{LEAD}", "X-EMP"),
    ]


def test_the_fixes_in_force_are_the_cores_fixes_with_who_when_and_why(world):
    fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="aftalt", by=SystemActor("a")
    )
    fix_case(case_id="MOVE", contact_person="V-EMP", reason="kender familien", by=SystemActor("b"))
    assert fixes_in_force() == Fixes(
        employees=(EmployeeFix("I-EMP", VALLENSBAEK, "a", "2021-09-15", "aftalt"),),
        cases=(CaseFix("MOVE", "V-EMP", "b", "2021-09-15", "kender familien"),),
    )


def test_the_command_line_lists_the_fixes_and_logs_the_listing(world):
    fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="aftalt", by=SystemActor("a")
    )
    since = mark()
    output = _cli("fixes", "--by", LEAD)
    assert "I-EMP" in output and "aftalt" in output and "2021-09-15" in output
    assert who_did_what(the_one_entry(since)) == (
        f"cli:{LEAD}",
        "list",
        "planning.fixeddecision",
        "1",
    )


def test_a_refused_fix_on_the_command_line_says_why_and_exits_1(world):
    result = CliRunner().invoke(app, ["fix", "employee", "I-EMP", "Gotham", "--reason", "r"])
    assert result.exit_code == 1
    assert "Gotham" in result.output
    assert not FixedDecision.objects.exists()


def test_fixes_are_seen_as_far_as_the_employee_or_case_is(world):
    fix_employee(employee_id="I-EMP", municipality=ISHOEJ, reason="r", by=SystemActor("a"))
    fix_case(case_id="V-CASE", contact_person="V-EMP", reason="r", by=SystemActor("a"))
    seen = {
        username: sorted(f["id"] for f in _api(username).get("/api/v1/fixes/").json()["results"])
        for username in ("projektleder", "teamleder-vallensbaek", "med")
        if username != "med"
    }
    assert seen == {"projektleder": ["I-EMP", "V-CASE"], "teamleder-vallensbaek": ["V-CASE"]}
    assert _api("med").get("/api/v1/fixes/").status_code == 403


# --- the workbook's sheet `fastlagt` ------------------------------------------------------


def _rewrite_fixed(folder, *rows):
    rewrite_csv(folder, "fastlagt", [["type", "id", "vaerdi", "begrundelse"], *rows])


def test_an_export_carries_the_fixes_and_importing_it_again_changes_no_fix(world, tmp_path):

    fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="aftalt", by=SystemActor("a")
    )
    fix_case(case_id="MOVE", contact_person="V-EMP", reason="kender familien", by=SystemActor("a"))
    folder = tmp_path / "export"
    export_workbook(folder, by=SystemActor("test"))
    assert read_csv(folder, "fastlagt") == [
        ["type", "id", "vaerdi", "begrundelse"],
        ["medarbejder", "I-EMP", "187", "aftalt"],
        ["sag", "MOVE", "V-EMP", "kender familien"],
    ]
    before = list(FixedDecision.objects.values())
    outcome = import_workbook(folder, by=SystemActor("hr"))
    assert outcome.batch is not None, [i.format() for i in outcome.issues]
    assert list(FixedDecision.objects.values()) == before
    assert _fix_entries()[-1].username == "cli:a"  # none by the import


def test_a_sheet_row_adds_or_replaces_its_fix_and_the_other_fixes_stay(world, tmp_path):

    fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="aftalt", by=SystemActor("a")
    )
    fix_employee(employee_id="X-EMP", municipality=ISHOEJ, reason="bliver", by=SystemActor("a"))
    folder = tmp_path / "export"
    export_workbook(folder, by=SystemActor("test"))
    _rewrite_fixed(
        folder,
        ["medarbejder", "I-EMP", "Ishøj", "ændret aftale"],
        ["sag", "V-CASE", "V-EMP", "kender familien"],
    )
    outcome = import_workbook(folder, by=SystemActor("hr"))
    assert outcome.batch is not None, [i.format() for i in outcome.issues]
    assert "fastlagt" in " ".join(outcome.preview.touched)
    in_force = {
        (f.subject_id, f.value, f.reason, f.fixed_by_name)
        for f in FixedDecision.objects.filter(removed_at=None)
    }
    assert in_force == {
        ("I-EMP", str(ISHOEJ), "ændret aftale", "hr"),
        ("X-EMP", str(ISHOEJ), "bliver", "a"),  # not in the sheet: kept
        ("V-CASE", "V-EMP", "kender familien", "hr"),
    }
    assert FixedDecision.objects.filter(subject_id="I-EMP", removed_at__isnull=False).count() == 1


def test_a_workbook_without_the_sheet_changes_no_fix(world, tmp_path):

    fix_employee(
        employee_id="I-EMP", municipality=VALLENSBAEK, reason="aftalt", by=SystemActor("a")
    )
    write_workbook(load_dataset(), tmp_path / "without.xlsx")
    before = list(FixedDecision.objects.values())
    assert import_workbook(tmp_path / "without.xlsx", by=SystemActor("hr")).batch is not None
    assert list(FixedDecision.objects.values()) == before


def test_a_sheet_row_the_use_case_refuses_refuses_the_whole_import_naming_the_row(world, tmp_path):

    folder = tmp_path / "export"
    export_workbook(folder, by=SystemActor("test"))
    staff = read_csv(folder, "medarbejdere")
    header = staff[0]
    for row in staff[1:]:  # X-EMP leaves before the effective date
        if row[0] == "X-EMP":
            row[header.index("fratraadt_dato")] = "2021-10-31"
            row[header.index("fratraedelsesaarsag")] = "nyt_job"
    rewrite_csv(folder, "medarbejdere", staff)
    _rewrite_fixed(folder, ["medarbejder", "X-EMP", "183", "bliver"])
    batches = m.ImportBatch.objects.count()

    outcome = import_workbook(folder, by=SystemActor("hr"))
    assert outcome.batch is None and m.ImportBatch.objects.count() == batches
    issue = outcome.issues[-1]
    assert (issue.sheet, issue.row, issue.column) == ("fastlagt", 2, "id")
    assert "X-EMP" in issue.message
    assert not FixedDecision.objects.exists()
    assert m.Employee.objects.get(ext_id="X-EMP").resigned_on is None  # nothing stored


def test_an_import_that_retires_a_fixed_employee_says_the_fix_needs_attention(world, tmp_path):
    fix_employee(employee_id="X-EMP", municipality=ISHOEJ, reason="bliver", by=SystemActor("a"))
    folder = tmp_path / "export"
    export_workbook(folder, by=SystemActor("test"))
    (folder / "fastlagt.csv").unlink()  # HR's workbook: no fixes of its own
    for sheet, column in (("medarbejdere", 0), ("samtaler", 0)):
        rows = read_csv(folder, sheet)
        rewrite_csv(folder, sheet, [row for row in rows if row[column] != "X-EMP"])
    cases = read_csv(folder, "sager")
    contact = cases[0].index("kontaktperson")
    rewrite_csv(
        folder,
        "sager",
        [[*r[:contact], "", *r[contact + 1 :]] if r[contact] == "X-EMP" else r for r in cases],
    )

    outcome = import_workbook(folder, by=SystemActor("hr"), dry_run=True)
    assert outcome.preview is not None, [i.format() for i in outcome.issues]
    assert any(
        "X-EMP" in sentence and "fastlagt" in sentence for sentence in outcome.preview.touched
    )
