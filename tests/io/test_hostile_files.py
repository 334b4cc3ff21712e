"""Hostile and broken files are refused with a message naming the problem, never a traceback.

The database side (nothing stored, on SQLite and PostgreSQL, through the import use
case, the command line and the import page) is in tests/web/test_hostile_imports.py.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from overgang.io.issues import WorkbookError
from overgang.io.read import read_workbook
from overgang.io.write import canonical
from tests.io.factories import CPR_KEY, small_dataset
from tests.io.hostile_corpus import ACCEPTED, CELL_ERRORS, LONG_NAME, REFUSED, build_corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


def _refusal(path: Path) -> str:
    with pytest.raises(WorkbookError) as refused:
        read_workbook(path, cpr_key=CPR_KEY)
    [issue] = refused.value.issues
    assert issue.is_error
    assert issue.sheet == path.name  # the file is named
    return issue.format()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_file_is_refused_as_a_whole_naming_the_problem(
    corpus: dict[str, Path], name: str
) -> None:
    assert REFUSED[name].english in _refusal(corpus[name])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_refusal_is_said_in_danish(
    corpus: dict[str, Path], name: str, compiled_danish: None
) -> None:
    text = _refusal(corpus[name])
    assert REFUSED[name].danish in text
    message = text.split(": ", 1)[1]  # after the file's name
    english = r"(?<![/\w])(the|expected|file|workbook)(?![\w.])"  # not in xl/workbook.xml
    assert not re.search(english, message), text


@pytest.mark.parametrize("name", sorted(CELL_ERRORS))
def test_a_hostile_cell_or_sheet_is_an_error_at_its_place(
    corpus: dict[str, Path], name: str
) -> None:
    result = read_workbook(corpus[name], cpr_key=CPR_KEY)
    assert result.dataset is None
    assert sorted((i.sheet, i.row, i.column) for i in result.errors) == sorted(CELL_ERRORS[name])


def test_a_control_character_is_named_by_its_code_and_shown_harmless(
    corpus: dict[str, Path],
) -> None:
    result = read_workbook(corpus["control-characters-csv"], cpr_key=CPR_KEY)
    nul, escape = (issue.format() for issue in result.errors)
    assert nul == (
        "medarbejdere, row 2, column medarbejder_id: 'M0[U+0000]01' — expected text without "
        "control characters; the cell holds the control character U+0000 at character 3, "
        "which cannot be stored (Excel's function RENS, CLEAN in English, removes such characters)"
    )
    assert "'Team [U+001B][2JVest'" in escape
    assert "\x1b" not in escape and "\0" not in nul


def test_a_nul_written_the_xlsx_way_is_refused_like_one_in_csv(corpus: dict[str, Path]) -> None:
    [issue] = read_workbook(corpus["nul-in-id.xlsx"], cpr_key=CPR_KEY).errors
    assert "U+0000 at character 3" in issue.message


def test_a_name_of_100000_characters_is_refused_with_its_length_and_shown_short(
    corpus: dict[str, Path],
) -> None:
    [issue] = read_workbook(corpus["name-of-100000-characters.xlsx"], cpr_key=CPR_KEY).errors
    assert issue.message == "expected at most 200 characters; the cell holds 100000"
    assert issue.value is not None and len(issue.value) <= 200
    assert issue.value.startswith(LONG_NAME[:50])


def test_every_sheet_twice_says_which_sheet_appears_twice(corpus: dict[str, Path]) -> None:
    result = read_workbook(corpus["every-sheet-twice.xlsx"], cpr_key=CPR_KEY)
    assert "KOMMUNER: the sheet kommuner appears twice; expected it once" in [
        issue.format() for issue in result.errors
    ]


@pytest.mark.parametrize("name", ACCEPTED)
def test_excel_unicode_text_in_a_folder_is_read_like_utf8(
    corpus: dict[str, Path], name: str
) -> None:
    assert (corpus[name] / "kommuner.csv").read_bytes().startswith(b"\xff\xfe")
    result = read_workbook(corpus[name], cpr_key=CPR_KEY)
    assert result.issues == ()
    assert result.dataset == canonical(small_dataset())


# Reading every file of the corpus, in one process capped at this much address space
# and CPU time (the sheet probe, a child of it, caps itself at limits.MAX_SHEET_MB): the
# bound this test holds the reader to. What each file takes is measured, not asserted
# here (a resident-memory figure varies with the machine: 87 MiB here, 414 MiB on a
# fresh clone under load): `python -m bench.largest_import --hostile`, docs/benchmarks.md.
CAP_BYTES = 3 * 1024**3
CAP_CPU_SECONDS = 120

_READ_ALL = """
import json, os, sys
import django
django.setup()
from overgang.io.issues import WorkbookError
from overgang.io.read import read_workbook
outcome = {}
for path in sys.argv[1:]:
    try:
        result = read_workbook(path, cpr_key=b"k")
        outcome[os.path.basename(path)] = "ok" if result.ok else "errors"
    except WorkbookError:
        outcome[os.path.basename(path)] = "refused"
print(json.dumps(outcome))
"""


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CAP_CPU_SECONDS, CAP_CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def test_the_whole_corpus_is_read_within_bounded_memory_and_time(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "overgang.web.settings"}
    with (tmp_path / "out").open("w+b") as out, (tmp_path / "err").open("w+b") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", _READ_ALL, *map(str, corpus.values())],
            stdout=out,
            stderr=err,
            preexec_fn=_capped,
            env=environment,
            cwd=ROOT,
        )
        status = child.wait()
        out.seek(0), err.seek(0)
        printed, complaints = out.read(), err.read().decode(errors="replace")
    assert status == 0, complaints[-3000:]
    assert "Traceback" not in complaints
    assert json.loads(printed) == {
        **dict.fromkeys(REFUSED, "refused"),
        **dict.fromkeys(CELL_ERRORS, "errors"),
        **dict.fromkeys(ACCEPTED, "ok"),
    }
