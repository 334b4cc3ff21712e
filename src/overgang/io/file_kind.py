"""What a file handed in as a workbook really is, told from its bytes, and why it is refused.

People hand in what they have: an empty file left by a broken upload, half a file,
a CSV or "Unicode text" export renamed to .xlsx, a Word document, an Excel 97-2003
file, a workbook protected with a password or a sensitivity label (both are an
encrypted OLE2 container), a workbook with macros. Each is refused here, before
anything is unpacked, with a message that says what the file is and what to do,
instead of one "not a workbook" for all of them.

`check_kind` reads the first bytes and finds the zip archive's central directory;
`check_package` reads the names of its parts. Nothing is unpacked: the unpacking
limits (`limits.check_zip`) come between the two, and the XML inside by `xml_guard`
after them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import NoReturn

import olefile
from django.utils.translation import gettext, gettext_noop

from overgang.io.issues import WorkbookError

# The signatures at the start of a file.
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip archive; an empty one starts with the second
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: .xls, .doc, encrypted Office
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text" starts with the first

# A zip archive that holds one of these parts is that kind of document, not a workbook.
_OTHER_PACKAGES = (
    ("word/document.xml", gettext_noop("a Word document (.docx)")),
    ("ppt/presentation.xml", gettext_noop("a PowerPoint presentation (.pptx)")),
    ("xl/workbook.bin", gettext_noop("an Excel binary workbook (.xlsb)")),
    ("content.xml", gettext_noop("an OpenDocument file (.ods, .odt)")),
)
_WORKBOOK_PART = "xl/workbook.xml"


def check_kind(path: Path) -> None:
    """Raise WorkbookError unless the file is a whole zip archive (as every .xlsx file is)."""
    with path.open("rb") as stream:
        head = stream.read(512)
    if not head:
        _refuse(
            path,
            gettext(
                "the file is empty (0 bytes), often what a broken upload or copy leaves; "
                "expected a workbook saved as .xlsx"
            ),
        )
    if head.startswith(_OLE2):
        _refuse(path, _ole2_reason(path))
    if not head.startswith(_ZIP):
        _refuse(path, _not_zip_reason(head))
    try:
        with zipfile.ZipFile(path):
            pass
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        _refuse(
            path,
            gettext(
                "the file is damaged or incomplete: it starts as a workbook but its end is "
                "missing or broken, as when an upload or copy breaks off; expected the whole "
                ".xlsx file, saved again from Excel"
            ),
        )


def _refuse(path: Path, message: str) -> NoReturn:
    raise WorkbookError.refuse(message, file=path.name)


def _ole2_reason(path: Path) -> str:
    """Say which kind of OLE2 file it is: encrypted, an old workbook, or another old Office file."""
    try:
        with olefile.OleFileIO(str(path)) as container:
            streams = {"/".join(entry).lower() for entry in container.listdir()}
    except (OSError, ValueError, TypeError, IndexError):  # olefile's own NotOleFileError is OSError
        streams = set()
    if {"encryptioninfo", "encryptedpackage"} & streams:
        return gettext(
            "the workbook is encrypted: it is protected with a password or a sensitivity "
            "label, and cannot be read; expected it saved without protection as .xlsx "
            "(in Excel: File, Info, remove the password or label, then save)"
        )
    if {"workbook", "book"} & streams or not streams:
        return gettext(
            "the file is an old Excel 97-2003 workbook (.xls) or another file in Office's "
            "old format; expected it saved as .xlsx (Excel Workbook)"
        )
    return gettext(
        "the file is an Office document in the old format (OLE2), not an Excel workbook; "
        "expected a workbook saved as .xlsx"
    )


def _not_zip_reason(head: bytes) -> str:
    """Say what a file that is no zip archive looks like: Unicode text, a web page, other text."""
    if head.startswith(_UTF16_BOMS):
        return gettext(
            "the file is text saved as Excel's 'Unicode text' (UTF-16), not a workbook; "
            "expected a workbook saved as .xlsx, or a folder with one CSV file per sheet, "
            "where Unicode text is read"
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return gettext(
            "the file is a web page (HTML), not a workbook, often what a failed download "
            "leaves; expected a workbook saved as .xlsx"
        )
    if b"\0" not in head:  # binary formats hold zero bytes at once, text never
        return gettext(
            "the file is text (such as CSV), not a workbook; expected a workbook saved as "
            ".xlsx, or a folder with one CSV file per sheet"
        )
    return gettext(
        "not an Excel workbook; expected a file saved as .xlsx (Excel Workbook), "
        "or a folder of CSV files"
    )


def check_package(path: Path) -> None:
    """Raise WorkbookError if the zip archive is another kind of document, or a workbook with macros.

    Reads the names of the parts only.
    """
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    lower = {name.lower() for name in names}
    if _WORKBOOK_PART not in lower:
        for part, kind in _OTHER_PACKAGES:
            if part in lower:
                _refuse(
                    path,
                    gettext(
                        "the file is %(kind)s, not an Excel workbook; expected a workbook "
                        "saved as .xlsx"
                    )
                    % {"kind": gettext(kind)},
                )
        _refuse(
            path,
            gettext(
                "the file is a zip archive without a workbook in it; expected a workbook "
                "saved as .xlsx"
            ),
        )
    macros = sorted(
        name
        for name in names
        if name.lower().endswith("vbaproject.bin") or name.lower().startswith("xl/macrosheets/")
    )
    if macros:
        _refuse(
            path,
            gettext(
                "the workbook contains macros (%(part)s), which are refused for safety; "
                "expected it saved as .xlsx (Excel Workbook), which holds no macros"
            )
            % {"part": macros[0]},
        )
