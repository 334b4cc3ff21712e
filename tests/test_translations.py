"""Every text the user sees has its Danish wording: the catalogue is complete and compiles."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "overgang"


def _entries(po: Path) -> list[tuple[str, str, bool]]:
    """Return (msgid, msgstr, fuzzy) for every entry of a .po file, header excluded."""
    entries, msgid, msgstr, fuzzy, field = [], None, None, False, None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if msgid:
                entries.append((msgid, msgstr or "", fuzzy))
            msgid, msgstr, fuzzy, field = None, None, False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, field = line[7:-1], "id"
        elif line.startswith("msgid_plural "):
            field = None
        elif line.startswith(
            "msgstr"
        ):  # msgstr, or msgstr[n] of a plural entry: all must be filled
            text = line.split(" ", 1)[1][1:-1]
            if msgstr is None or (field == "str" and msgstr):
                msgstr = text if msgstr is None else (msgstr if text else "")
            field = "str"
        elif line.startswith('"'):
            if field == "id":
                msgid = (msgid or "") + line[1:-1]
            elif field == "str":
                msgstr = (msgstr or "") + line[1:-1]
    return entries


def test_every_message_in_the_code_has_a_danish_translation(tmp_path):
    copy = tmp_path / "overgang"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "da",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "overgang.web.settings"},
        check=True,
        capture_output=True,
    )
    missing = [
        msgid
        for msgid, msgstr, fuzzy in _entries(copy / "locale/da/LC_MESSAGES/django.po")
        if fuzzy or not msgstr
    ]
    assert missing == []


def test_the_danish_catalogue_compiles_without_errors(tmp_path):
    po = PACKAGE / "locale/da/LC_MESSAGES/django.po"
    entries = _entries(po)
    assert len(entries) > 100
    assert all(msgstr for _, msgstr, fuzzy in entries if not fuzzy)
    done = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
