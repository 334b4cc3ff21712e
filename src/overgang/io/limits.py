"""How big a workbook may be, and the checks that refuse a file before it is parsed.

An .xlsx file is a zip archive of XML files. Unpacking is where a hostile or broken
file does harm: a few kilobytes can unpack to gigabytes (a zip bomb) and exhaust
the server's memory or disk. So the sizes declared in the archive's central
directory are checked before anything is unpacked, and Python's zipfile then
refuses to unpack a member beyond its declared size (it checks the length and the
CRC), so the declared sizes cannot lie.

The defaults fit the largest real transition by a wide margin: the scale-100 demo
(300,000 rows) is about 15 MB as .xlsx. Each limit can be raised through the
environment, in whole MiB (`OVERGANG_MAX_FILE_MB`, `OVERGANG_MAX_UNPACKED_MB`) or as
a plain number (`OVERGANG_MAX_COMPRESSION_RATIO`).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext

from overgang.io.issues import WorkbookError

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
