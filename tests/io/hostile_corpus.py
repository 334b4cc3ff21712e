"""The corpus of hostile and broken files: whole-file faults and attacks, made afresh by the tests.

Beside the bad workbooks of `bad_corpus.py` (one mistake an HR officer could make in a
cell or a sheet), these are files that are wrong as a whole, or made to do harm: an
empty file, half a workbook, text, a Word document, an old or encrypted Office file
and a web page named .xlsx, a workbook with macros, XML entity expansion and external
entities, a cell in the last corner of a sheet, a control character in an id, a name
of 100,000 characters, every sheet twice. Each is built from the good workbook of
`factories.small_dataset()` by `build_corpus`, so no binary file is committed.

`REFUSED` says what the refusal of the whole file must say (in English and Danish);
`CELL_ERRORS` where the errors of a file that is read but rejected must point.
`ACCEPTED` lists files that look odd but import: Excel's "Unicode text" in a folder.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from overgang.io.schema import SHEETS
from overgang.io.write import write_workbook
from tests.io.factories import small_dataset

Place = tuple[str, int | None, str | None]


@dataclass(frozen=True)
class Refusal:
    english: str  # words the message must hold in English ...
    danish: str  # ... and in Danish


REFUSED: dict[str, Refusal] = {
    "empty.xlsx": Refusal("empty (0 bytes)", "tom (0 byte)"),
    "truncated.xlsx": Refusal("damaged or incomplete", "beskadiget eller ufuldstændig"),
    "text.xlsx": Refusal("is text (such as CSV)", "er tekst (som CSV)"),
    "unicode-text.xlsx": Refusal("'Unicode text' (UTF-16)", "'Unicode-tekst' (UTF-16)"),
    "web-page.xlsx": Refusal("a web page (HTML)", "en webside (HTML)"),
    "word.xlsx": Refusal("a Word document (.docx)", "et Word-dokument (.docx)"),
    "zip-without-workbook.xlsx": Refusal("zip archive without a workbook", "zip-arkiv uden"),
    "old-format.xlsx": Refusal("Excel 97-2003 workbook (.xls)", "Excel 97-2003-projektmappe"),
    "encrypted.xlsx": Refusal("the workbook is encrypted", "projektmappen er krypteret"),
    "macros.xlsm": Refusal("contains macros (xl/vbaProject.bin)", "indeholder makroer"),
    "billion-laughs.xlsx": Refusal(
        "part xl/worksheets/sheet1.xml of the file declares an XML document type",
        "delen xl/worksheets/sheet1.xml",
    ),
    "external-entity.xlsx": Refusal(
        "part xl/workbook.xml of the file declares an XML document type", "delen xl/workbook.xml"
    ),
    "last-cell.xlsx": Refusal("the sheet sager needs more than", "arket sager kræver mere end"),
}

# The first data row of `medarbejdere` is M001's: "-Anna Æbelø" in column B (navn).
CELL_ERRORS: dict[str, list[Place]] = {
    "nul-in-id.xlsx": [("medarbejdere", 2, "medarbejder_id")],
    "control-characters-csv": [
        ("medarbejdere", 2, "medarbejder_id"),
        ("medarbejdere", 3, "enhed"),
    ],
    "name-of-100000-characters.xlsx": [("medarbejdere", 2, "navn")],
    "every-sheet-twice.xlsx": [(sheet.name.upper(), None, None) for sheet in SHEETS],
}

ACCEPTED = ("unicode-text-csv",)

LONG_NAME = "Anna " + "x" * (100_000 - 5)


def _rewrite(good: Path, target: Path, changes: dict[str, Callable[[bytes], bytes]]) -> None:
    """Copy the workbook, changing some of its parts and adding the parts not in it."""
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        names = old.namelist()
        for name in names:
            data = old.read(name)
            new.writestr(name, changes[name](data) if name in changes else data)
        for name, make in changes.items():
            if name not in names:
                new.writestr(name, make(b""))


def _after_declaration(prologue: bytes) -> Callable[[bytes], bytes]:
    """Put `prologue` (a document type) after the XML declaration of a part."""

    def change(xml: bytes) -> bytes:
        start = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:start] + prologue + xml[start:]

    return change


# Ten entities, each ten times the one before: &lol9; is a thousand million "lol"s.
BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b"]>"
)
EXTERNAL_ENTITY = b'<!DOCTYPE workbook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def _billion_laughs(good: Path, target: Path) -> None:
    _rewrite(
        good,
        target,
        {
            "xl/worksheets/sheet1.xml": lambda xml: _after_declaration(BILLION_LAUGHS)(
                xml.replace(b"<v>183</v>", b"<v>&lol9;</v>")
            )
        },
    )


def _external_entity(good: Path, target: Path) -> None:
    _rewrite(
        good,
        target,
        {
            "xl/workbook.xml": lambda xml: _after_declaration(EXTERNAL_ENTITY)(
                xml.replace(b'name="kommuner"', b'name="&secret;"')
            )
        },
    )


def _last_cell(good: Path, target: Path) -> None:
    # The sheet's grid spans A1:XFD1048576: half a terabyte for python-calamine to hold.
    _rewrite(
        good,
        target,
        {
            "xl/worksheets/sheet8.xml": lambda xml: xml.replace(  # sager
                b"</sheetData>",
                b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                b"</sheetData>",
            )
        },
    )


def _macros(good: Path, target: Path) -> None:
    workbook_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    macro_type = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    _rewrite(
        good,
        target,
        {
            "[Content_Types].xml": lambda xml: xml.replace(workbook_type, macro_type).replace(
                b"<Default ",
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                b"<Default ",
                1,
            ),
            # A VBA project is an OLE2 container; its first bytes are enough here.
            "xl/vbaProject.bin": lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        },
    )


def _every_sheet_twice(good: Path, target: Path) -> None:
    def doubled(xml: bytes) -> bytes:
        text = xml.decode()
        entries = re.findall(r'<sheet name="([^"]+)" sheetId="(\d+)" (r:id="rId\d+")/>', text)
        copies = "".join(
            f'<sheet name="{name.upper()}" sheetId="{100 + int(number)}" {relation}/>'
            for name, number, relation in entries
        )
        return text.replace("</sheets>", copies + "</sheets>").encode()

    _rewrite(good, target, {"xl/workbook.xml": doubled})


def _encrypted(good: Path, target: Path) -> None:
    # What Excel writes for a workbook protected with a password or a sensitivity
    # label: the package, encrypted, inside an OLE2 container (ECMA-376 agile encryption).
    from msoffcrypto.format.ooxml import OOXMLFile

    with good.open("rb") as source, target.open("wb") as encrypted:
        OOXMLFile(source).encrypt("hemmelig", encrypted)


def _word(good: Path, target: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Medarbejderliste")
    document.save(str(target))


def _truncated(good: Path, target: Path) -> None:
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def _unicode_text(rows: list[list[str]]) -> bytes:
    """Return rows as Excel's "Unicode text" writes them: UTF-16 with BOM, tabs, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-16")  # little-endian, with its byte order mark


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def _unicode_text_folder(folder: Path) -> None:
    for path in folder.glob("*.csv"):
        path.write_bytes(_unicode_text(_csv_rows(path)))


def _control_characters_folder(folder: Path) -> None:
    path = folder / "medarbejdere.csv"
    rows = _csv_rows(path)
    header = rows[0]
    rows[1][header.index("medarbejder_id")] = "M0\x0001"  # NUL: PostgreSQL refuses it
    rows[2][header.index("enhed")] = "Team \x1b[2JVest"  # ESC: a terminal takes it as a command
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)


FILES: dict[str, Callable[[Path, Path], None]] = {
    "empty.xlsx": lambda good, target: target.write_bytes(b""),
    "truncated.xlsx": _truncated,
    "text.xlsx": lambda good, target: target.write_text("kode;navn;rolle\n183;Ishøj;vaert\n"),
    "unicode-text.xlsx": lambda good, target: target.write_bytes(
        _unicode_text([["kode", "navn", "rolle"], ["183", "Ishøj", "vaert"]])
    ),
    "web-page.xlsx": lambda good, target: target.write_text(
        "<!DOCTYPE html><html><body>Log ind</body></html>"
    ),
    "word.xlsx": _word,
    "zip-without-workbook.xlsx": lambda good, target: _zip_of(target, {"readme.txt": b"hej"}),
    # An OLE2 header and nothing that olefile can read further: as much as the first
    # bytes of an .xls file say.
    "old-format.xlsx": lambda good, target: target.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    ),
    "encrypted.xlsx": _encrypted,
    "macros.xlsm": _macros,
    "billion-laughs.xlsx": _billion_laughs,
    "external-entity.xlsx": _external_entity,
    "last-cell.xlsx": _last_cell,
    "nul-in-id.xlsx": lambda good, target: _rewrite(
        good,
        target,
        {
            "xl/worksheets/sheet5.xml": lambda xml: xml.replace(  # medarbejdere
                b"<t>M001</t>",
                b"<t>M0_x0000_01</t>",
                1,  # how .xlsx writes a NUL
            )
        },
    ),
    "name-of-100000-characters.xlsx": lambda good, target: _rewrite(
        good,
        target,
        {
            "xl/worksheets/sheet5.xml": lambda xml: xml.replace(
                "<t>-Anna Æbelø</t>".encode(), f"<t>{LONG_NAME}</t>".encode(), 1
            )
        },
    ),
    "every-sheet-twice.xlsx": _every_sheet_twice,
}

FOLDERS: dict[str, Callable[[Path], None]] = {
    "control-characters-csv": _control_characters_folder,
    "unicode-text-csv": _unicode_text_folder,
}


def _zip_of(target: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def build_corpus(target: Path) -> dict[str, Path]:
    """Write every hostile file and folder into `target`; return each one's path by name."""
    assert set(FILES) | set(FOLDERS) == set(REFUSED) | set(CELL_ERRORS) | set(ACCEPTED)
    target.mkdir(parents=True, exist_ok=True)
    good = target / "good.xlsx"
    write_workbook(small_dataset(), good)
    paths: dict[str, Path] = {}
    for name, make in FILES.items():
        make(good, target / name)
        paths[name] = target / name
    for name, change in FOLDERS.items():
        shutil.rmtree(target / name, ignore_errors=True)
        write_workbook(small_dataset(), target / name)
        change(target / name)
        paths[name] = target / name
    good.unlink()
    return paths
