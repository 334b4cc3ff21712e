"""Refuse a workbook whose XML declares a document type: the carrier of XML attacks.

Entity expansion ("billion laughs": entities that each repeat the one before, so
that a few hundred bytes expand to gigabytes) and external entities (a reference
that makes the reader open a local file or a URL) both need a document type
declaration (`<!DOCTYPE ...>`) in some XML part of the package. Excel and every
other spreadsheet program never write one. python-calamine expands no entity and
fetches nothing, but reads a declared entity as an empty cell, so such a file would
be refused only later, for the wrong reason; openpyxl (the template and the tests)
is protected the same way only because defusedxml is installed.

So every part of the package is read, through defusedxml, up to its first element,
which is as far as a declaration can come: a few kilobytes of each part at most,
never the sheets' data. Runs after `limits.check_zip`, so the parts' sizes are known
to be within the limits.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext

from overgang.io.issues import WorkbookError


def check_xml_parts(path: Path) -> None:
    """Raise WorkbookError if any XML part of the .xlsx file declares a document type."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if not member.is_dir() and _declares_document_type(archive, member):
                raise WorkbookError.refuse(
                    gettext(
                        "the part %(part)s of the file declares an XML document type (DTD), "
                        "the means of attacks such as entity expansion ('billion laughs') "
                        "and external entities; spreadsheet programs never write one, so "
                        "the file is refused. Expected a workbook saved by Excel or another "
                        "spreadsheet program"
                    )
                    % {"part": member.filename},
                    file=path.name,
                )


def _declares_document_type(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(member) as part:
            for _event, _element in iterparse(part, events=("start",), forbid_dtd=True):
                return False  # the first element: no declaration can follow it
    except DefusedXmlException:
        return True
    except (
        ParseError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
        pass  # not XML (an image), encrypted or damaged: the reading judges it
    return False
