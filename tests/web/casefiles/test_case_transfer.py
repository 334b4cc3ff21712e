"""Case files to the receiving case system: the list, the round trip, the recorded answers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from overgang.io.transfer_answers import TransferFileError, read_transfer_answers
from overgang.reports.case_transfer import TRANSFER_COLUMNS
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.models import AuditEntry
from overgang.web.casefiles.models import CaseTransfer, TransferStatus
from overgang.web.casefiles.services import confirm_case_transfers, record_transfer_export
from overgang.web.reporting.case_transfers import load_transfer_list, transfer_list_export
from tests.web.casefiles.world import CPR_KEYS, TO_VALLENSBAEK

pytestmark = pytest.mark.django_db

ADMIN = SystemActor("sagssystem")


def _export(plan, fmt="xlsx", municipality=187):
    made = transfer_list_export(plan, municipality, fmt)
    name, body = next(iter(made.files.items()))
    record_transfer_export(
        municipality=municipality, plan_id=plan.pk, held=made.held, files=[name], by=ADMIN
    )
    return name, body


def _rows(name: str, body: bytes) -> list[dict[str, str]]:
    """The file's rows as the administrator's spreadsheet shows them, by column name."""
    if name.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        values = [
            [("" if v is None else str(v)) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        text = body.decode("utf-8-sig")
        values = list(
            csv.reader(io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ",")
        )
    header, *rows = values
    return [dict(zip(header, row, strict=False)) for row in rows]


def test_the_vallensbaek_list_holds_exactly_the_cases_that_move_to_vallensbaek(plan):
    transfers = load_transfer_list(plan, 187)
    assert {r.case_id for r in transfers.rows} == TO_VALLENSBAEK
    move = next(r for r in transfers.rows if r.case_id == "MOVE")
    assert (move.acting_before, move.acting_after, move.paying_before, move.paying_after) == (
        183,
        187,
        187,
        187,
    )
    assert (move.contact_before, move.contact_after, move.contact_name) == (
        "X-EMP",
        "V-EMP",
        "Vera Vallensbæk",
    )
    assert move.cpr_key == CPR_KEYS["V-CIT2"] and str(move.moves_on) == "2022-01-01"
    external = next(r for r in transfers.rows if r.case_id == "EXT-V")
    assert (external.delivery, external.provider) == ("ekstern", "Kirkebækskolen")
    # The host keeps its cases: nothing moves to Ishøj.
    assert load_transfer_list(plan, 183).rows == ()


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "csv-utf8"])
def test_the_list_round_trips_with_the_administrators_answers(plan, fmt):
    name, body = _export(plan, fmt)
    assert CaseTransfer.objects.filter(status=TransferStatus.PENDING).count() == 4
    rows = _rows(name, body)
    assert list(rows[0]) == list(TRANSFER_COLUMNS)
    assert {r["sag_id"] for r in rows} == TO_VALLENSBAEK
    if fmt == "csv":
        assert body.startswith(b"\xef\xbb\xbf") and b";" in body.splitlines()[0]
    # The administrator answers in their spreadsheet and saves it in the same format.
    answers = {"MOVE": ("overtaget", ""), "MOVE2": ("afvist", "=Mangler samtykke")}
    for row in rows:
        row["status"], row["begrundelse"] = answers.get(row["sag_id"], ("", ""))
    rows.append({**rows[0], "sag_id": "UKENDT-1", "status": "overtaget", "begrundelse": ""})
    answered = _write(name, rows)
    read = read_transfer_answers(name, answered)
    result = confirm_case_transfers(
        answers=read.answers, municipality=187, file_name=name, by=ADMIN
    )
    assert (result.taken_over, result.refused) == (("MOVE",), ("MOVE2",))
    assert result.unknown == ((6, "UKENDT-1"),)
    assert read.unanswered == 2
    recorded = {t.case_id: (t.status, t.reason) for t in CaseTransfer.objects.all()}
    assert recorded == {
        "MOVE": ("overtaget", ""),
        "MOVE2": ("afvist", "=Mangler samtykke"),
        "V-CASE": ("afventer", ""),
        "EXT-V": ("afventer", ""),
    }


def _write(name: str, rows: list[dict[str, str]]) -> bytes:
    header = list(TRANSFER_COLUMNS)
    if name.endswith(".xlsx"):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(column, "") for column in header])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, as Excel keeps a quote-prefixed cell
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    excel = "utf8" not in name
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";" if excel else ",")
    writer.writerow(header)
    for row in rows:
        value = [row.get(column, "") for column in header]
        writer.writerow(["'" + v if v.startswith("=") else v for v in value])
    # Excel saves "CSV (semikolonsepareret)" in Windows-1252.
    return text.getvalue().encode("cp1252" if excel else "utf-8")


def test_a_malformed_file_is_refused_whole_and_nothing_is_recorded(plan):
    _export(plan)
    bad = "sag_id;status;begrundelse\r\nMOVE;overtaget;\r\nMOVE2;afvist;\r\nV-CASE;maaske;\r\n"
    with pytest.raises(TransferFileError) as refused:
        read_transfer_answers("svar.csv", bad.encode())
    assert refused.value.problems == (
        "række 3 (MOVE2): en afvisning kræver en begrundelse",
        "række 4 (V-CASE): status skal være overtaget, afvist eller tom",
    )
    with pytest.raises(TransferFileError, match="kolonnen status mangler"):
        read_transfer_answers("svar.csv", b"sag_id;svar\r\nMOVE;ja\r\n")
    with pytest.raises(TransferFileError):
        read_transfer_answers("svar.xlsx", b"PK\x03\x04 not a workbook")
    assert set(CaseTransfer.objects.values_list("status", flat=True)) == {"afventer"}


def test_another_municipalitys_list_cannot_be_answered_from_this_one(plan):
    _export(plan)
    read = read_transfer_answers(
        "svar.csv", b"sag_id,status,modtagende_kommune\nMOVE,overtaget,183\nV-CASE,overtaget,187\n"
    )
    result = confirm_case_transfers(answers=read.answers, municipality=187, file_name="x", by=ADMIN)
    assert result.taken_over == ("V-CASE",) and result.unknown == ((2, "MOVE"),)


def test_the_export_and_the_confirmation_are_audited_with_what_they_held(plan):
    name, _body = _export(plan, "csv")
    entry = AuditEntry.objects.get(object_type="reports.case-transfer")
    assert entry.detail["cases"] == sorted(TO_VALLENSBAEK)
    assert entry.detail["citizens"] == ["V-CIT", "V-CIT2", "V-CIT3"]
    assert entry.detail["municipality"] == 187 and entry.detail["files"] == [name]
    read = read_transfer_answers("svar.csv", b"sag_id;status\r\nMOVE;overtaget\r\n")
    confirm_case_transfers(answers=read.answers, municipality=187, file_name="svar.csv", by=ADMIN)
    confirmed = AuditEntry.objects.get(object_type="casefiles.casetransfer", action="update")
    assert confirmed.detail["taken_over"] == ["MOVE"]
    assert confirmed.detail["citizens"] == ["V-CIT2"]
    assert confirmed.municipality == 187


def test_the_commands_export_and_confirm(plan, tmp_path):
    from typer.testing import CliRunner

    from overgang.cli.main import app

    out = tmp_path / "vallensbaek.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["case-transfer", "export", "--kommune", "187", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 sager" in result.output
    answered = tmp_path / "svar.csv"
    answered.write_bytes(b"sag_id;status;begrundelse\r\nMOVE;overtaget;\r\nNOPE;afvist;x\r\n")
    result = runner.invoke(app, ["case-transfer", "confirm", str(answered), "--kommune", "187"])
    assert result.exit_code == 2, result.output
    assert "Række 3: sag NOPE står ikke på overførselslisten" in result.output
    assert CaseTransfer.objects.get(case_id="MOVE").status == "overtaget"


def test_the_dashboard_counts_each_municipalitys_cases_taken_over_pending_and_refused(plan, users):
    from django.test import Client

    _export(plan)
    read = read_transfer_answers("svar.csv", b"sag_id;status;begrundelse\r\nMOVE;afvist;Fejl\r\n")
    confirm_case_transfers(answers=read.answers, municipality=187, file_name="s", by=ADMIN)
    from overgang.web.casefiles.selectors import transfer_counts

    assert transfer_counts() == {187: {"overtaget": 0, "afventer": 3, "afvist": 1}}
    client = Client()
    client.force_login(users["kommuneleder-vallensbaek"])
    page = client.get("/").content.decode()
    table = page[page.index('id="case-transfer-progress"') :]
    row = table[table.index("Vallensbæk</th>") :].split("</tr>")[0]
    assert [c.split("<")[0] for c in row.split('class="num">')[1:]] == ["0", "3", "1", "4"]
    client.force_login(users["med"])  # a committee sees the counts below 5 hidden
    page = client.get("/").content.decode()
    table = page[page.index('id="case-transfer-progress"') :]
    assert "&lt;5" in table.split("</table>")[0]
