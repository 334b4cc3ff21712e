"""How big a workbook may be, and the checks that refuse a file before it is parsed.

An .xlsx file is a zip archive of XML files. Unpacking is where a hostile or broken
file does harm: a few kilobytes can unpack to gigabytes (a zip bomb) and exhaust
the server's memory or disk. So the sizes declared in the archive's central
directory are checked before anything is unpacked, and the zip reader then refuses
to unpack a member beyond its declared size (python-calamine's, like Python's
zipfile, checks the length), so the declared sizes cannot lie.

Reading takes memory by the area a sheet spans, not by the cells it holds:
python-calamine keeps a sheet as a grid from its first to its last cell, so a file
of two kilobytes with one cell in A1 and one in XFD1048576 asks for half a terabyte,
and the failed allocation aborts the process (tafia/calamine#693). So the sheets are
first opened in a child process capped in memory (`sheet_probe.py`); only if that
child survives is the file read here.

The defaults fit the largest real transition by a wide margin: the scale-100 demo
(456,000 rows) is 21 MB as .xlsx and unpacks to 206 MB. Each limit can be raised
through the environment, in whole MiB (`OVERGANG_MAX_FILE_MB`,
`OVERGANG_MAX_UNPACKED_MB`, `OVERGANG_MAX_SHEET_MB`) or as a plain number
(`OVERGANG_MAX_COMPRESSION_RATIO`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext

from overgang.io.issues import WorkbookError, printable
from overgang.io.sheet_probe import TOO_LARGE

MIB = 1024 * 1024


def _from_env(name: str, default: int, unit: int = 1) -> int:
    text = os.environ.get(name, "").strip()
    if text.isdigit() and int(text) > 0:
        return int(text) * unit
    return default * unit


# The largest .xlsx file, or the largest total of a folder's CSV files, accepted.
MAX_FILE_BYTES = _from_env("OVERGANG_MAX_FILE_MB", 100, MIB)

# The most an .xlsx file may unpack to, summed over all its members.
MAX_UNPACKED_BYTES = _from_env("OVERGANG_MAX_UNPACKED_MB", 2048, MIB)

# How many times smaller than its unpacked size a large member may be packed. Real
# sheets pack 5 to 30 times; zip bombs pack a thousand times and more.
MAX_COMPRESSION_RATIO = _from_env("OVERGANG_MAX_COMPRESSION_RATIO", 100)

# Small members (styles, themes) may pack very well without harm, so the ratio is
# only checked for members larger than this once unpacked.
RATIO_CHECKED_ABOVE_BYTES = 10 * MIB

# A workbook has a few dozen members; thousands mean something else.
MAX_ZIP_MEMBERS = 10_000

# The most memory python-calamine may take to hold one sheet of an .xlsx file (address
# space, in MiB). The largest sheet of the scale-100 demo (250,000 rows) takes 0.4 GB.
MAX_SHEET_MB = _from_env("OVERGANG_MAX_SHEET_MB", 2048)

_SHEET_PROBE = Path(__file__).with_name("sheet_probe.py")


def _mb(size: int) -> str:
    return f"{size / MIB:.1f}"


def check_file_size(path: Path) -> None:
    """Raise WorkbookError if the file is larger than MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookError.refuse(
            gettext("the file is %(size)s MB; the largest accepted is %(limit)s MB")
            % {"size": _mb(size), "limit": _mb(MAX_FILE_BYTES)},
            file=path.name,
        )


def check_folder_size(paths: Iterable[Path], folder: Path) -> None:
    """Raise WorkbookError if the CSV files together are larger than MAX_FILE_BYTES."""
    size = sum(path.stat().st_size for path in paths)
    if size > MAX_FILE_BYTES:
        raise WorkbookError.refuse(
            gettext("the CSV files are %(size)s MB together; the largest accepted is %(limit)s MB")
            % {"size": _mb(size), "limit": _mb(MAX_FILE_BYTES)},
            file=folder.name,
        )


def check_zip(path: Path) -> None:
    """Raise WorkbookError unless the file is a zip archive within the unpacking limits.

    Reads only the central directory: nothing is unpacked.
    """
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise WorkbookError.refuse(
            gettext(
                "not an Excel workbook; expected a file saved as .xlsx (Excel Workbook), "
                "or a folder of CSV files"
            ),
            file=name,
        ) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise WorkbookError.refuse(
            gettext("the file holds %(count)s parts; a workbook holds at most %(limit)s")
            % {"count": len(members), "limit": MAX_ZIP_MEMBERS},
            file=name,
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError.refuse(
            gettext("the file unpacks to %(size)s MB; the largest accepted is %(limit)s MB")
            % {"size": _mb(unpacked), "limit": _mb(MAX_UNPACKED_BYTES)},
            file=name,
        )
    for member in members:
        if member.file_size <= RATIO_CHECKED_ABOVE_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise WorkbookError.refuse(
                gettext(
                    "the part %(member)s is packed %(ratio)s times smaller than it unpacks "
                    "to; more than %(limit)s times is refused as a possible zip bomb"
                )
                % {"member": member.filename, "ratio": int(ratio), "limit": MAX_COMPRESSION_RATIO},
                file=name,
            )


def check_sheet_memory(path: Path) -> None:
    """Raise WorkbookError if a sheet of the .xlsx file takes more than MAX_SHEET_MB to hold.

    The sheets are opened in a child process capped at that much memory: if it runs
    out, reading the file here would have taken more, or aborted the server.
    """
    probe = subprocess.run(
        # -P: the probe's folder, which holds modules such as read.py, is not on its path.
        [sys.executable, "-P", str(_SHEET_PROBE), str(path), str(MAX_SHEET_MB)],
        capture_output=True,
        check=False,
    )
    if probe.returncode == 0:
        return
    if probe.returncode != TOO_LARGE and probe.returncode > 0:  # not the file's fault
        raise RuntimeError(
            f"the sheet probe failed ({probe.returncode}): "
            + probe.stderr.decode(errors="replace")[-2000:]
        )
    raise WorkbookError.refuse(
        gettext(
            "the sheet %(sheet)s needs more than %(limit)s MB of memory to be read, "
            "usually because a cell far below or to the right of the table holds something "
            "(the last cell of a sheet is XFD1048576); expected each sheet to hold its "
            "table only: delete the rows and columns beyond it"
        )
        % {"sheet": _last_sheet_named(probe.stdout), "limit": MAX_SHEET_MB},
        file=path.name,
    )


def _last_sheet_named(output: bytes) -> str:
    """Return the sheet the probe opened last (it prints each name as a JSON line)."""
    for line in reversed(output.decode(errors="replace").splitlines()):
        try:
            name = json.loads(line)
        except ValueError:
            continue
        if isinstance(name, str):
            return printable(name)
    return "?"
