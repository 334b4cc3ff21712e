"""The optional sheet `deling`: the settlement register, written beside the data set and read
back alike; each mistake named by sheet, row and column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from overgang.io.read import read_workbook
from overgang.io.settlement import SettlementRow, parse_shares
from overgang.io.write import canonical, write_workbook
from tests.io.factories import CPR_KEY, ISHOJ, VALLENSBAEK, rewrite_csv, small_dataset

ITEMS = (
    SettlementRow(
        "D001",
        "lejemaal",
        "Lejemål, Ishøj Store Torv 3",
        Decimal("480000.00"),
        ISHOJ,
        "noegle",
        None,
        "sager",
        {ISHOJ: Decimal("0.3333"), VALLENSBAEK: Decimal("0.6667")},
        "forhandlet",
        date(2021, 10, 1),
        "Økonomichef",
        "=pkt. 4.2",  # text like a formula stays text
    ),
    SettlementRow("D002", "it", "DUBU-licens", Decimal("-1250.50"), None, "en", VALLENSBAEK),
    SettlementRow(
        "D003", "arkiv", "Papirarkiv 2010-2020", split_kind="uenighed", status="uenighed"
    ),
    SettlementRow(
        "D004",
        "pension",
        "Tjenestemandspension",
        split_key="aftalt",
        shares={ISHOJ: Decimal("0.5"), VALLENSBAEK: Decimal("0.5")},
    ),
)

HEADER = [
    "deling_id",
    "kategori",
    "beskrivelse",
    "vaerdi",
    "ejer",
    "forslag",
    "noegle",
    "andele",
    "status",
    "frist",
    "ansvarlig",
    "bemaerkning",
]


def _without_row(rows: tuple[SettlementRow, ...]) -> list[SettlementRow]:
    return [SettlementRow(**{**r.__dict__, "row": 0}) for r in rows]


@pytest.mark.parametrize("name", ["overgang.xlsx", "overgang"])
def test_the_settlement_sheet_reads_back_as_written_beside_the_same_dataset(
    tmp_path: Path, name: str
) -> None:
    write_workbook(small_dataset(), tmp_path / name, settlement=ITEMS)
    result = read_workbook(tmp_path / name, cpr_key=CPR_KEY)
    assert result.issues == ()
    assert result.dataset == canonical(small_dataset())
    assert _without_row(result.settlement) == list(ITEMS)
    assert [r.row for r in result.settlement] == [2, 3, 4, 5]


def test_a_workbook_without_the_sheet_has_no_items(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "without.xlsx")
    assert read_workbook(tmp_path / "without.xlsx", cpr_key=CPR_KEY).settlement == ()


def test_municipalities_by_name_and_shares_with_decimal_commas(tmp_path: Path) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, settlement=())
    shares = "183: 0,25; 187=0,75"
    rewrite_csv(
        folder, "deling", [HEADER[:8], ["D9", "budget", "Budget", "", "Ishøj", "Vallensbæk"]]
    )
    (item,) = read_workbook(folder, cpr_key=CPR_KEY).settlement
    assert (item.owner_code, item.split_kind, item.split_to) == (ISHOJ, "en", VALLENSBAEK)
    assert parse_shares(shares) == {ISHOJ: Decimal("0.25"), VALLENSBAEK: Decimal("0.75")}


BAD_ROWS = [
    (["D9", "hus", "x", "", "", "uenighed"], "kategori", "one of budget"),
    (["D9", "it", "", "", "", "uenighed"], "beskrivelse", "the column is required"),
    (["D9", "it", "x", "mange", "", "uenighed"], "vaerdi", "expected"),
    (["D9", "it", "x", "", "Gotham", "uenighed"], "ejer", "unknown municipality"),
    (["D9", "it", "x", "", "", "999"], "forslag", "expected a municipality's code or name"),
    (["D9", "it", "x", "", "", "noegle"], "noegle", "the key the item is shared by"),
    (["D9", "it", "x", "", "", "noegle", "aftalt"], "andele", "each municipality's share"),
    (["D9", "it", "x", "", "", "", "aftalt", "183: 0,5; 187: 0,4"], "andele", "expected exactly 1"),
    (["D9", "it", "x", "", "", "", "aftalt", "183: 0,5; 999: 0,5"], "andele", "unknown"),
    (["D9", "it", "x", "", "", "", "aftalt", "halvdelen"], "andele", "e.g. '183: 0,6"),
    (["D9", "it", "x", "", "", "uenighed", "", "", "faerdig"], "status", "one of forslag"),
    (["D9", "it", "x", "", "", "uenighed", "", "", "", "i morgen"], "frist", "expected"),
    (["D1", "it", "x", "", "", "uenighed"], "deling_id", "appears"),
]


@pytest.mark.parametrize(("row", "column", "words"), BAD_ROWS)
def test_a_bad_row_is_an_error_naming_sheet_row_and_column(
    tmp_path: Path, row: list[str], column: str, words: str
) -> None:
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder)
    good = ["D1", "budget", "Budget", "100", "183", "uenighed"]
    rewrite_csv(folder, "deling", [HEADER, good, row])
    result = read_workbook(folder, cpr_key=CPR_KEY)
    assert result.dataset is None and result.settlement == ()
    (issue,) = result.errors
    assert (issue.sheet, issue.row, issue.column) == ("deling", 3, column), issue.format()
    assert words in issue.format()


def test_the_template_carries_the_empty_sheet_and_a_filled_in_row_imports(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from overgang.io.template import write_template

    write_template(tmp_path / "skabelon.xlsx")
    book = load_workbook(tmp_path / "skabelon.xlsx")
    assert [c.value for c in book["deling"][1]][:3] == ["deling_id", "kategori", "beskrivelse"]
    guide = [row[0] for row in book["vejledning"].iter_rows(values_only=True)]
    assert "deling" in guide
    # the template's header, as the template heads it (nøgle, bemærkning), filled in
    write_workbook(small_dataset(), tmp_path / "data.xlsx")
    data = load_workbook(tmp_path / "data.xlsx")
    filled = data.create_sheet("deling")
    filled.append([c.value for c in book["deling"][1]])
    filled.append(["D1", "arkiv", "Papirarkiv", None, "Ishøj", "uenighed"])
    data.save(tmp_path / "data.xlsx")
    result = read_workbook(tmp_path / "data.xlsx", cpr_key=CPR_KEY)
    assert result.errors == ()
    assert [(r.ext_id, r.owner_code, r.split_kind) for r in result.settlement] == [
        ("D1", ISHOJ, "uenighed")
    ]
