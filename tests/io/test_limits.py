"""Files that are too large, zip bombs and non-workbooks are refused before parsing."""

from __future__ import annotations

import importlib
import zipfile
from pathlib import Path

import pytest

from overgang.io import limits
from overgang.io.issues import WorkbookError
from overgang.io.read import read_workbook
from overgang.io.write import write_workbook
from tests.io.factories import CPR_KEY, small_dataset


def never_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the file was parsed although it should have been refused")


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("overgang.io.tables.CalamineWorkbook", never_parse)
    monkeypatch.setattr("overgang.io.limits.subprocess.run", never_parse)
    monkeypatch.setattr("overgang.io.tables.decode", never_parse)


def make_zip_bomb(path: Path, unpacked_mib: int = 12) -> None:
    """Write a small .xlsx-named zip whose sheet unpacks a thousand times larger."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (unpacked_mib * limits.MIB))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, no_parsing: None) -> None:
    bomb = tmp_path / "bomb.xlsx"
    make_zip_bomb(bomb)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(WorkbookError) as refusal:
        read_workbook(bomb, cpr_key=CPR_KEY)
    [issue] = refusal.value.issues
    assert issue.sheet == "bomb.xlsx"
    assert "zip bomb" in issue.message


def test_a_workbook_unpacking_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parsing: None
) -> None:
    path = tmp_path / "overgang.xlsx"
    write_workbook(small_dataset(), path)
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(WorkbookError, match="unpacks to"):
        read_workbook(path, cpr_key=CPR_KEY)


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parsing: None
) -> None:
    path = tmp_path / "overgang.xlsx"
    write_workbook(small_dataset(), path)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(WorkbookError, match="largest accepted"):
        read_workbook(path, cpr_key=CPR_KEY)


def test_a_folder_of_csv_files_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_parsing: None
) -> None:
    write_workbook(small_dataset(), tmp_path / "csv")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    with pytest.raises(WorkbookError, match="CSV files"):
        read_workbook(tmp_path / "csv", cpr_key=CPR_KEY)


def test_a_file_just_within_the_limits_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "overgang.xlsx"
    write_workbook(small_dataset(), path)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", path.stat().st_size)
    assert read_workbook(path, cpr_key=CPR_KEY).ok


def test_a_sheet_probe_that_cannot_run_is_a_fault_of_the_server_not_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "overgang.xlsx"
    write_workbook(small_dataset(), path)
    broken_probe = tmp_path / "probe.py"
    broken_probe.write_text("import no_such_module\n")
    monkeypatch.setattr(limits, "_SHEET_PROBE", broken_probe)
    with pytest.raises(RuntimeError, match="no_such_module"):
        read_workbook(path, cpr_key=CPR_KEY)


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003"),
        ("text.xlsx", "kommuner;kode\n183;Ishøj\n".encode(), "is text"),
        ("empty.xlsx", b"", "empty"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    # Every kind of file that is no workbook: tests/io/test_hostile_files.py.
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=said):
        read_workbook(path, cpr_key=CPR_KEY)


def test_a_zip_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hej")
    with pytest.raises(WorkbookError, match="without a workbook"):
        read_workbook(path, cpr_key=CPR_KEY)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="does not exist") as refusal:
        read_workbook(tmp_path / "nowhere.xlsx", cpr_key=CPR_KEY)
    assert refusal.value.issues[0].is_error


def test_the_limits_can_be_raised_through_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERGANG_MAX_FILE_MB", "250")
    assert limits._from_env("OVERGANG_MAX_FILE_MB", 100, limits.MIB) == 250 * limits.MIB
    monkeypatch.setenv("OVERGANG_MAX_FILE_MB", "lots")
    assert limits._from_env("OVERGANG_MAX_FILE_MB", 100, limits.MIB) == 100 * limits.MIB


def test_the_default_limits_are_those_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OVERGANG_MAX_FILE_MB",
        "OVERGANG_MAX_UNPACKED_MB",
        "OVERGANG_MAX_COMPRESSION_RATIO",
        "OVERGANG_MAX_SHEET_MB",
    ):
        monkeypatch.delenv(name, raising=False)
    importlib.reload(limits)
    assert limits.MAX_FILE_BYTES == 100 * limits.MIB
    assert limits.MAX_UNPACKED_BYTES == 2048 * limits.MIB
    assert limits.MAX_COMPRESSION_RATIO == 100
    assert limits.MAX_SHEET_MB == 2048
