"""The optional workbook sheet of the settlement register (`deling`); read and written by
io/settlement.py."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from overgang.io.columns import ID_CHARS, NAME_CHARS, NAME_CHARS_SHORT, CellKind, Column, Sheet

# The workbook's words, as the settlement app stores them (web/settlement/models.py).
CATEGORIES = ("budget", "udstyr", "lejemaal", "kontrakt", "it", "arkiv", "pension", "andet")
KEYS = ("sager", "belastning", "personale", "borgere", "aftalt")
STATUSES = ("forslag", "forhandlet", "aftalt", "uenighed")
SHARED, DISPUTED = "noegle", "uenighed"  # `forslag` beside a municipality's code or name

# What the value column (DecimalField(max_digits=14, decimal_places=2)) can hold.
LARGEST_VALUE = Decimal("999999999999.99")

# Beside the data set, optional, like `fastlagt`: not in SHEETS, since it is no part of the
# Dataset; an import adds or changes the items it lists and leaves every other item as it is.
SETTLEMENT_SHEET = Sheet(
    "deling",
    _(
        "The settlement register (delingsaftale): everything that is not a person and must be "
        "split, with the proposed split, its status and deadline. Optional."
    ),
    (
        Column(
            "deling_id",
            CellKind.TEXT,
            _("The item's id, e.g. D001."),
            True,
            max_chars=ID_CHARS,
        ),
        Column(
            "kategori",
            CellKind.CHOICE,
            _(
                "budget, udstyr (equipment), lejemaal (lease), kontrakt (supplier contract), "
                "it (IT system or licence), arkiv (archive and case files), pension (civil "
                "servants' pension obligations) or andet."
            ),
            True,
            choices=CATEGORIES,
        ),
        Column("beskrivelse", CellKind.TEXT, _("What the item is."), True, width=40),
        Column(
            "vaerdi",
            CellKind.DECIMAL,
            _("The value in DKK, where there is one; an obligation is negative."),
            minimum=-LARGEST_VALUE,
            maximum=LARGEST_VALUE,
        ),
        Column(
            "ejer",
            CellKind.TEXT,
            _("Today's owner: a municipality's code or name from the sheet kommuner."),
            max_chars=NAME_CHARS_SHORT,
        ),
        Column(
            "forslag",
            CellKind.TEXT,
            _(
                "The proposed split: a municipality's code or name (the item goes to it), "
                "'noegle' (shared by the key in noegle; the default) or 'uenighed' (disputed)."
            ),
            max_chars=NAME_CHARS_SHORT,
        ),
        Column(
            "noegle",
            CellKind.CHOICE,
            _(
                "The key where the item is shared: sager, belastning, personale or borgere "
                "(Overgang's figures), or aftalt (shares agreed by hand, in andele)."
            ),
            choices=KEYS,
        ),
        Column(
            "andele",
            CellKind.TEXT,
            _(
                "Each municipality's share, e.g. '183: 0,6; 187: 0,4', adding up to 1. Required "
                "with the key aftalt; blank with another key, the shares are Overgang's figures."
            ),
            width=28,
        ),
        Column(
            "status",
            CellKind.CHOICE,
            _("forslag (proposal; the default), forhandlet, aftalt or uenighed."),
            choices=STATUSES,
        ),
        Column("frist", CellKind.DATE, _("The deadline.")),
        Column(
            "ansvarlig",
            CellKind.TEXT,
            _("Who is responsible (a role or a name)."),
            width=24,
            max_chars=NAME_CHARS,
        ),
        Column("bemaerkning", CellKind.TEXT, _("A note, e.g. the agreement's clause."), width=40),
    ),
    key=("deling_id",),
    required=False,
)
