"""A fast reader of .xlsx worksheets: cell values only, streamed row by row.

openpyxl builds an object per cell and takes minutes over the 300,000 rows of a
large transition; this reader takes seconds, because it only finds values. The
small parts of the package (workbook, relationships, styles, shared strings) are
parsed as XML with defusedxml; the worksheets, which hold nearly all the bytes,
are scanned with string searches and one regular expression per row. That is
safe as well as fast: nothing is expanded or fetched, entities included, since
only the five predefined entities and character references are decoded.

Values come as openpyxl gives them with `values_only=True`: str, int, float,
bool, datetime (for numbers in a date format), None for a blank cell; the tests
compare the two readers on the same files.
"""

from __future__ import annotations

import codecs
import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_CHUNK = 1 << 22  # characters of sheet XML decoded at a time

# One cell: its attributes (column letters, type, style in any order) and its
# content: a plain value, an inline string, or anything else (a formula and its value).
# Elements may carry a namespace prefix (<x:c>), as some programs write them.
_CELL = re.compile(
    r"""
    <(?:\w+:)?c((?:\s+(?:r="([A-Z]+)\d*"|t="(\w+)"|s="(\d+)"|[\w:]+="[^"]*"))*)\s*
    (?:/>|>(?:<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>|<(?:\w+:)?is>(.*?)</(?:\w+:)?is>|(.*?))</(?:\w+:)?c>)
    """,
    re.S | re.X,
)
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_VALUE = re.compile(r"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_PREFIX = re.compile(r"<(\w+:)?(?:worksheet|sst)\b")


@dataclass(frozen=True)
class SheetPart:
    """A worksheet of the workbook: its title and where its XML lies in the package."""

    title: str
    path: str


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element.iter() if _local(child) == name)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Return a part's relationships: id -> (type, path of the target in the package)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    result = {}
    for relation in _children(fromstring(archive.read(rels)), "Relationship"):
        target = relation.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        result[relation.get("Id", "")] = (relation.get("Type", ""), posixpath.normpath(path))
    return result


class XlsxReader:
    """The worksheets of an .xlsx package and their rows; raises on a broken package."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        workbook = next(
            path
            for kind, path in _relationships(archive, "").values()
            if kind.endswith("/officeDocument")
        )
        related = _relationships(archive, workbook)
        root = fromstring(archive.read(workbook))
        self.sheets = [
            SheetPart(sheet.get("name", ""), related[_relationship_id(sheet)][1])
            for sheet in _children(root, "sheet")
            if related.get(_relationship_id(sheet), ("", ""))[0].endswith("/worksheet")
        ]
        properties = next(_children(root, "workbookPr"), None)
        uses_1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self._epoch = CALENDAR_MAC_1904 if uses_1904 else CALENDAR_WINDOWS_1900
        parts = {kind.rsplit("/", 1)[-1]: path for kind, path in related.values()}
        self._strings = self._shared_strings(parts.get("sharedStrings"))
        self._date_styles = self._date_style_ids(parts.get("styles"))

    def _shared_strings(self, path: str | None) -> list[str]:
        if path is None:
            return []
        strings = []
        with self._archive.open(path) as source:
            for _, element in iterparse(source, events=("end",)):
                if _local(element) == "si":
                    strings.append(_text_of(element))
                    element.clear()
        return strings

    def _date_style_ids(self, path: str | None) -> frozenset[int]:
        """Return the style indexes whose number format shows a date."""
        if path is None:
            return frozenset()
        root = fromstring(self._archive.read(path))
        formats = dict(BUILTIN_FORMATS)
        for number_format in _children(root, "numFmt"):
            formats[int(number_format.get("numFmtId", "0"))] = number_format.get("formatCode", "")
        cell_formats = next(_children(root, "cellXfs"), None)
        if cell_formats is None:
            return frozenset()
        return frozenset(
            index
            for index, style in enumerate(child for child in cell_formats if _local(child) == "xf")
            if is_date_format(formats.get(int(style.get("numFmtId", "0")), ""))
        )

    def rows(self, sheet: SheetPart) -> Iterator[tuple[int, list[object]]]:
        """Yield the sheet's rows that have cells: their number (from 1) and values by column."""
        number = 0
        for body, attributes in self._row_texts(sheet.path):
            given = _ROW_NUMBER.search(attributes)
            number = int(given.group(1)) if given else number + 1
            if body:
                yield number, self._values(_CELL.findall(body))

    def _row_texts(self, path: str) -> Iterator[tuple[str, str]]:
        """Yield each row's inner XML and its attributes, streaming the sheet's XML."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        buffer = ""
        prefix: str | None = None
        with self._archive.open(path) as source:
            while True:
                chunk = source.read(_CHUNK)
                buffer += decoder.decode(chunk, final=not chunk)
                if prefix is None:
                    found = _PREFIX.search(buffer)
                    if found is None and chunk:
                        continue
                    prefix = (found.group(1) or "") if found else ""
                    open_row, close_row = f"<{prefix}row", f"</{prefix}row>"
                    end_of_data = f"</{prefix}sheetData>"
                position = 0
                while True:
                    start = buffer.find(open_row, position)
                    if start < 0:
                        break
                    after = start + len(open_row)
                    if after >= len(buffer):
                        break
                    if buffer[after] not in " \t\r\n/>":  # <rowBreaks>, not a row
                        position = after
                        continue
                    head_end = buffer.find(">", after)
                    if head_end < 0:
                        break
                    attributes = buffer[after:head_end]
                    if attributes.endswith("/"):
                        yield "", attributes
                        position = head_end + 1
                        continue
                    end = buffer.find(close_row, head_end)
                    if end < 0:
                        break
                    yield buffer[head_end + 1 : end], attributes
                    position = end + len(close_row)
                buffer = buffer[position:]
                if not chunk or buffer.find(end_of_data) >= 0 > buffer.find(open_row):
                    return

    def _values(self, cells: list[tuple[str, ...]]) -> list[object]:
        # The innermost loop of a read: every cell of the workbook passes here once.
        values: list[object] = []
        column = -1
        for _, letters, kind, style, plain, inline, other in cells:
            if not letters:
                column += 1
            elif (column := _COLUMNS.get(letters, -1)) < 0:
                column = _column_index(letters)
            if plain:
                text = plain
            elif inline:
                if inline[:3] == "<t>" and inline.count("<") == 2:
                    value: object = _unescape(inline[3:-4])
                else:
                    value = _inline_text(inline)
                _place(values, column, value)
                continue
            elif other:
                found = _VALUE.search(other)
                if found is None:
                    continue
                text = found.group(1)
            else:
                continue
            if kind == "s":
                value = self._strings[int(text)]
            elif not kind or kind == "n":
                value = int(text) if text.isdigit() else _number(text)
                if style and int(style) in self._date_styles:
                    value = _from_excel(value, self._epoch)
            elif kind == "b":
                value = text.strip() in ("1", "true")
            elif kind == "d":
                value = datetime.fromisoformat(text.strip().rstrip("Z"))
            else:  # "str" (a formula's text) and "e" (an error such as #N/A)
                value = _unescape(text)
            if column == len(values):
                values.append(value)
            else:
                _place(values, column, value)
        return values


@lru_cache(maxsize=65536)
def _from_excel(serial: float, epoch: datetime) -> object:
    """Return the date an Excel serial number stands for; dates repeat, so they are kept."""
    return from_excel(serial, epoch)


def _relationship_id(element: Element) -> str:
    return next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), "")


def _place(values: list[object], column: int, value: object) -> None:
    if column >= len(values):
        values.extend([None] * (column - len(values) + 1))
    values[column] = value


def _column_index(letters: str) -> int:
    """Return the 0-based index of a column's letters: A is 0, AA is 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


_LETTERS = [chr(65 + i) for i in range(26)]
# The indexes of columns A to ZZ, looked up rather than computed for every cell.
_COLUMNS: dict[str, int] = {
    name: _column_index(name) for name in _LETTERS + [a + b for a in _LETTERS for b in _LETTERS]
}


def _number(text: str) -> int | float:
    if text.isdigit() or (text[:1] == "-" and text[1:].isdigit()):
        return int(text)
    return float(text)


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text


_TEXT_RUN = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")
_PHONETIC = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)


def _inline_text(inner: str) -> str:
    if "<rPh" in inner or ":rPh" in inner:
        inner = _PHONETIC.sub("", inner)
    return _unescape("".join(_TEXT_RUN.findall(inner)))


def _text_of(item: Element) -> str:
    """Return a shared string's text: its runs, without phonetic guides."""
    texts = []
    for child in item:
        name = _local(child)
        if name == "t":
            texts.append(child.text or "")
        elif name == "r":
            texts.extend(t.text or "" for t in child if _local(t) == "t")
    return "".join(texts)
