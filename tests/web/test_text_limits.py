"""A text cell is refused above the length its database column holds, on every database.

PostgreSQL refuses a value longer than a varchar column and SQLite stores it, so the
workbook's schema carries each column's limit (io/schema.py, `max_chars`) and the
reading refuses a longer cell naming it. This test keeps the two in step.
"""

from __future__ import annotations

from django.apps import apps

from overgang.io.schema import FIXED_SHEET, SHEETS, TEXT_CHARS, CellKind
from overgang.io.settlement_sheet import SETTLEMENT_SHEET

# Where each text column of the workbook is stored: (model, field).
STORED_IN = {
    ("kommuner", "navn"): ("dataset.Municipality", "name"),
    ("faggrupper", "faggruppe"): ("dataset.Profession", "code"),
    ("faggrupper", "navn"): ("dataset.Profession", "name"),
    ("distrikter", "distrikt_id"): ("dataset.District", "ext_id"),
    ("distrikter", "navn"): ("dataset.District", "name"),
    ("institutioner", "institution_id"): ("dataset.Institution", "ext_id"),
    ("institutioner", "navn"): ("dataset.Institution", "name"),
    ("institutioner", "distrikt_id"): ("dataset.District", "ext_id"),
    ("medarbejdere", "medarbejder_id"): ("dataset.Employee", "ext_id"),
    ("medarbejdere", "navn"): ("dataset.Employee", "name"),
    ("medarbejdere", "faggruppe"): ("dataset.Profession", "code"),
    ("medarbejdere", "enhed"): ("dataset.Employee", "unit"),
    ("samtaler", "medarbejder_id"): ("dataset.Employee", "ext_id"),
    ("samtaler", "bemaerkning"): ("dataset.Interview", "note"),
    ("borgere", "borger_id"): ("dataset.Citizen", "ext_id"),
    ("borgere", "familie_id"): ("dataset.Citizen", "family_id"),
    ("borgere", "distrikt_id"): ("dataset.District", "ext_id"),
    ("borgere", "institution_id"): ("dataset.Institution", "ext_id"),
    ("borgere", "cpr_noegle"): ("dataset.Citizen", "cpr_hash"),  # 64 hex digits, checked
    ("sager", "sag_id"): ("dataset.Case", "ext_id"),
    ("sager", "borger_id"): ("dataset.Citizen", "ext_id"),
    ("sager", "ydelse"): ("dataset.Case", "service"),
    ("sager", "faggruppe"): ("dataset.Profession", "code"),
    ("sager", "leverandoer"): ("dataset.Case", "provider"),
    ("sager", "kontaktperson"): ("dataset.Employee", "ext_id"),
    ("sager", "paragraf"): ("dataset.Case", "legal_basis"),
    ("behov", "faggruppe"): ("dataset.Profession", "code"),
    ("fastlagt", "id"): ("planning.FixedDecision", "subject_id"),
    # A municipality's code or name, stored as its code; or a medarbejder_id.
    ("fastlagt", "vaerdi"): ("dataset.Municipality", "name"),
    ("fastlagt", "begrundelse"): ("planning.FixedDecision", "reason"),
    ("deling", "deling_id"): ("settlement.SettlementItem", "ext_id"),
    ("deling", "beskrivelse"): ("settlement.SettlementItem", "description"),
    # A municipality's code or name, stored as its code.
    ("deling", "ejer"): ("dataset.Municipality", "name"),
    ("deling", "forslag"): ("dataset.Municipality", "name"),
    ("deling", "andele"): ("settlement.SettlementItem", "shares"),  # JSON, parsed first
    ("deling", "ansvarlig"): ("settlement.SettlementItem", "responsible"),
    ("deling", "bemaerkning"): ("settlement.SettlementItem", "note"),
}
CHECKED_OTHERWISE = {("borgere", "cpr_noegle")}


def _text_columns() -> dict[tuple[str, str], int]:
    return {
        (sheet.name, column.name): column.max_chars
        for sheet in (*SHEETS, FIXED_SHEET, SETTLEMENT_SHEET)
        for column in sheet.columns
        if column.kind is CellKind.TEXT
    }


def test_every_text_column_of_the_workbook_is_known_to_be_stored_somewhere() -> None:
    assert set(_text_columns()) == set(STORED_IN)


def test_no_text_cell_may_be_longer_than_the_database_column_it_is_stored_in() -> None:
    for place, limit in _text_columns().items():
        label, field_name = STORED_IN[place]
        field = apps.get_model(label)._meta.get_field(field_name)
        stored = getattr(field, "max_length", None) or TEXT_CHARS
        if place not in CHECKED_OTHERWISE:
            assert limit == stored, (place, limit, stored)
