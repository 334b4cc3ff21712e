"""Export then import gives back the same Dataset, in .xlsx and in CSV, in any encoding read."""

from __future__ import annotations

import csv
import dataclasses
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings

from overgang.core.domain import Dataset
from overgang.io.read import file_sha256, read_workbook
from overgang.io.schema import SHEETS, CellKind
from overgang.io.write import canonical, write_workbook
from tests.io.factories import CPR_KEY, small_dataset
from tests.io.strategies import datasets


def round_trip(dataset: Dataset, target: Path) -> Dataset | None:
    write_workbook(dataset, target)
    result = read_workbook(target, cpr_key=CPR_KEY)
    assert result.ok, [issue.format() for issue in result.errors]
    return result.dataset


def test_xlsx_export_imports_to_the_same_dataset(tmp_path: Path) -> None:
    dataset = small_dataset()
    assert round_trip(dataset, tmp_path / "overgang.xlsx") == canonical(dataset)


def test_csv_folder_export_imports_to_the_same_dataset(tmp_path: Path) -> None:
    dataset = small_dataset()
    assert round_trip(dataset, tmp_path / "overgang") == canonical(dataset)


def test_the_hand_made_dataset_reads_without_warnings(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "overgang.xlsx")
    assert read_workbook(tmp_path / "overgang.xlsx", cpr_key=CPR_KEY).issues == ()


def test_canonical_order_is_what_a_read_gives_and_is_idempotent() -> None:
    ordered = canonical(small_dataset())
    assert [m.code for m in ordered.municipalities] == [183, 187]
    assert [c.id for c in ordered.cases] == ["S1", "S2", "S3"]
    assert [(i.employee_id, i.held_on.month) for i in ordered.interviews] == [
        ("M001", 4),
        ("M001", 5),
        ("M002", 5),
    ]
    assert canonical(ordered) == ordered


def test_a_note_spanning_lines_survives_both_forms(tmp_path: Path) -> None:
    dataset = small_dataset()
    first = dataset.interviews[0]
    noted = Dataset(
        **{
            **dataset.__dict__,
            "interviews": (
                type(first)(first.employee_id, first.held_on, None, "første linje\nanden linje"),
            ),
        }
    )
    assert round_trip(noted, tmp_path / "a.xlsx") == canonical(noted)
    assert round_trip(noted, tmp_path / "a") == canonical(noted)


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_any_valid_dataset_survives_xlsx_export_and_import(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert round_trip(dataset, Path(folder) / "d.xlsx") == canonical(dataset)


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_any_valid_dataset_survives_csv_export_and_import(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert round_trip(dataset, Path(folder) / "d") == canonical(dataset)


# Danish spreadsheet habits: ';' between cells, decimal comma, dates day first,
# saved as Windows-1252 or as UTF-8 with a byte order mark.


def _danish_cell(kind: CellKind, text: str) -> str:
    if kind is CellKind.DECIMAL and text:
        return text.replace(".", ",")
    if kind is CellKind.DATE and text:
        year, month, day = text.split("-")
        return f"{day}-{month}-{year}"
    return text


def resave_the_danish_way(source: Path, target: Path, encoding: str) -> None:
    target.mkdir()
    for sheet in SHEETS:
        with (source / f"{sheet.name}.csv").open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        kinds = [sheet.column(name).kind for name in rows[0]]
        danish = [rows[0]] + [
            [_danish_cell(kind, cell) for kind, cell in zip(kinds, row, strict=True)]
            for row in rows[1:]
        ]
        with (target / f"{sheet.name}.csv").open("w", encoding=encoding, newline="") as file:
            csv.writer(file, delimiter=";").writerows(danish)


def test_windows_1252_semicolons_decimal_commas_and_danish_dates_read_the_same(
    tmp_path: Path,
) -> None:
    dataset = small_dataset()
    write_workbook(dataset, tmp_path / "utf8")
    resave_the_danish_way(tmp_path / "utf8", tmp_path / "cp1252", "cp1252")
    assert (tmp_path / "cp1252" / "kommuner.csv").read_bytes().count(b"\xf8") == 1  # Ishøj
    result = read_workbook(tmp_path / "cp1252", cpr_key=CPR_KEY)
    assert result.issues == ()
    assert result.dataset == canonical(dataset)


def test_utf8_with_byte_order_mark_reads_the_same(tmp_path: Path) -> None:
    dataset = small_dataset()
    write_workbook(dataset, tmp_path / "plain")
    resave_the_danish_way(tmp_path / "plain", tmp_path / "bom", "utf-8-sig")
    assert (tmp_path / "bom" / "sager.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_workbook(tmp_path / "bom", cpr_key=CPR_KEY).dataset == canonical(dataset)


def test_file_hash_changes_with_content_and_covers_a_folder(tmp_path: Path) -> None:
    write_workbook(small_dataset(), tmp_path / "a")
    write_workbook(small_dataset(), tmp_path / "b")
    assert file_sha256(tmp_path / "a") == file_sha256(tmp_path / "b")
    (tmp_path / "b" / "behov.csv").write_text("kommune,faggruppe,min_fte\n", encoding="utf-8")
    assert file_sha256(tmp_path / "a") != file_sha256(tmp_path / "b")
    write_workbook(small_dataset(), tmp_path / "c.xlsx")
    assert len(file_sha256(tmp_path / "c.xlsx")) == 64


def test_quantities_with_more_than_two_decimals_come_back_rounded_to_cents(tmp_path: Path) -> None:
    dataset = small_dataset()
    cases = tuple(
        dataclasses.replace(c, load=Decimal("0.125")) if c.id == "S1" else c for c in dataset.cases
    )
    dataset = dataclasses.replace(dataset, cases=cases)
    expected = canonical(dataset)
    assert expected.cases[0].load == Decimal("0.13")
    assert round_trip(dataset, tmp_path / "a.xlsx") == expected
    assert round_trip(dataset, tmp_path / "a") == expected
