"""The optional workbook sheet of decisions fixed by hand (`fastlagt`); read and written by
io/fixed.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from overgang.io.columns import ID_CHARS, NAME_CHARS_SHORT, CellKind, Column, Sheet

# Beside the data set, optional: the decisions fixed by hand (read and written by io/fixed.py).
# Not in SHEETS, since it is no part of the Dataset; an import adds or replaces the fixes
# it lists and leaves every other fix recorded in Overgang as it is.
FIXED_KINDS = ("medarbejder", "sag")
FIXED_SHEET = Sheet(
    "fastlagt",
    _(
        "Decisions fixed by hand: where an employee works, or who is a case's contact person. "
        "Every plan keeps them. Optional."
    ),
    (
        Column(
            "type",
            CellKind.CHOICE,
            _(
                "'medarbejder' to fix where an employee works, 'sag' to fix a case's contact person."
            ),
            True,
            choices=FIXED_KINDS,
        ),
        Column(
            "id",
            CellKind.TEXT,
            _("The employee's medarbejder_id, or the case's sag_id."),
            True,
            max_chars=ID_CHARS,
        ),
        Column(
            "vaerdi",
            CellKind.TEXT,
            _(
                "The municipality the employee works for (its code or name), or the contact "
                "person's medarbejder_id."
            ),
            True,
            width=24,
            max_chars=NAME_CHARS_SHORT,
        ),
        Column("begrundelse", CellKind.TEXT, _("Why the decision is fixed."), True, width=40),
    ),
    key=("type", "id"),
    required=False,
)
