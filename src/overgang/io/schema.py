"""The transition workbook's format: its sheets, columns, types and explanations.

One declaration drives the template, the validation, the export and the
documentation, so they cannot drift apart. Column names are the canonical
ASCII spelling of DESIGN.md; `normalise_header` maps what people type
(`Ønsket kommune`, `OENSKET_KOMMUNE`) onto them.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from overgang.core.domain import (
    Delivery,
    EmploymentForm,
    InstitutionType,
    MunicipalityRole,
    ResignationReason,
)
from overgang.io.columns import (
    CODE_CHARS,
    ID_CHARS,
    NAME_CHARS,
    NAME_CHARS_SHORT,
    NO,
    TEXT_CHARS,
    YES,
    CellKind,
    Column,
    Sheet,
    normalise_header,
)
from overgang.io.fixed_sheet import FIXED_KINDS, FIXED_SHEET

# Declared in io/columns.py and io/fixed_sheet.py; imported from here by the rest of io.
__all__ = ["FIXED_KINDS", "FIXED_SHEET", "TEXT_CHARS", "normalise_header"]


def _choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


_MUNICIPALITY = ("kommuner", "kode")
_PROFESSION = ("faggrupper", "faggruppe")
_DISTRICT = ("distrikter", "distrikt_id")
_INSTITUTION = ("institutioner", "institution_id")
_EMPLOYEE = ("medarbejdere", "medarbejder_id")
_CITIZEN = ("borgere", "borger_id")

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "kommuner",
        _("The municipalities in the cooperation."),
        (
            Column(
                "kode",
                CellKind.INT,
                _("Official municipality code, e.g. 183."),
                True,
                minimum=Decimal(101),
                maximum=Decimal(999),
            ),
            Column(
                "navn",
                CellKind.TEXT,
                _("The municipality's name."),
                True,
                width=24,
                max_chars=NAME_CHARS_SHORT,
            ),
            Column(
                "rolle",
                CellKind.CHOICE,
                _(
                    "'vaert' for the one municipality that employs the staff today, 'medlem' for the others."
                ),
                True,
                choices=_choices(MunicipalityRole),
            ),
        ),
        key=("kode",),
    ),
    Sheet(
        "faggrupper",
        _("The professions and how much load a full-time employee carries."),
        (
            Column(
                "faggruppe",
                CellKind.TEXT,
                _("Short code of the profession, e.g. PSY."),
                True,
                max_chars=CODE_CHARS,
            ),
            Column(
                "navn",
                CellKind.TEXT,
                _("The profession's name."),
                True,
                width=32,
                max_chars=NAME_CHARS,
            ),
            Column(
                "norm",
                CellKind.DECIMAL,
                _(
                    "Load units one full-time employee (37 hours a week) can carry; 0 for leaders and others without cases."
                ),
                True,
                minimum=Decimal(0),
            ),
        ),
        key=("faggruppe",),
    ),
    Sheet(
        "distrikter",
        _("School districts."),
        (
            Column("distrikt_id", CellKind.TEXT, _("The district's id."), True, max_chars=ID_CHARS),
            Column(
                "kommune",
                CellKind.INT,
                _("Code of the municipality the district lies in."),
                True,
                references=_MUNICIPALITY,
            ),
            Column(
                "navn",
                CellKind.TEXT,
                _("The district's name."),
                True,
                width=28,
                max_chars=NAME_CHARS,
            ),
        ),
        key=("distrikt_id",),
    ),
    Sheet(
        "institutioner",
        _("Schools, daycare and other institutions, each in a school district."),
        (
            Column(
                "institution_id",
                CellKind.TEXT,
                _("The institution's id."),
                True,
                max_chars=ID_CHARS,
            ),
            Column(
                "navn",
                CellKind.TEXT,
                _("The institution's name."),
                True,
                width=28,
                max_chars=NAME_CHARS,
            ),
            Column(
                "type",
                CellKind.CHOICE,
                _("'skole', 'dagtilbud' or 'andet'."),
                True,
                choices=_choices(InstitutionType),
            ),
            Column(
                "distrikt_id",
                CellKind.TEXT,
                _("The school district it belongs to."),
                True,
                references=_DISTRICT,
                max_chars=ID_CHARS,
            ),
        ),
        key=("institution_id",),
    ),
    Sheet(
        "medarbejdere",
        _("The staff of the shared service, from the host municipality's HR system."),
        (
            Column(
                "medarbejder_id",
                CellKind.TEXT,
                _("The employee's id in the HR system."),
                True,
                max_chars=ID_CHARS,
            ),
            Column(
                "navn",
                CellKind.TEXT,
                _("The employee's name."),
                True,
                width=28,
                max_chars=NAME_CHARS,
            ),
            Column(
                "faggruppe",
                CellKind.TEXT,
                _("Code of the employee's profession."),
                True,
                references=_PROFESSION,
                max_chars=CODE_CHARS,
            ),
            Column(
                "timer",
                CellKind.DECIMAL,
                _("Weekly hours (37 is full time)."),
                True,
                minimum=Decimal(0),
                maximum=Decimal(48),
            ),
            Column(
                "leder",
                CellKind.BOOL,
                _("'ja' if the employee is a leader; blank means 'nej'."),
                choices=(YES, NO),
            ),
            Column(
                "enhed",
                CellKind.TEXT,
                _("The unit the employee works in today."),
                width=24,
                max_chars=NAME_CHARS,
            ),
            Column("ansat_dato", CellKind.DATE, _("Date of hire.")),
            Column(
                "ansaettelsesform",
                CellKind.CHOICE,
                _("'overenskomst' or 'tjenestemand'."),
                choices=_choices(EmploymentForm),
            ),
            Column(
                "kompetencer",
                CellKind.TAGS,
                _("Special competences, separated by ';', e.g. 'autisme;ADHD'."),
                width=28,
            ),
            Column(
                "fratraadt_dato",
                CellKind.DATE,
                _("Date the employee leaves, if they have resigned."),
            ),
            Column(
                "fratraedelsesaarsag",
                CellKind.CHOICE,
                _(
                    "Why the employee leaves: 'ophoer' when due to the dissolution, otherwise 'nyt_job', 'pension' or 'andet'. HR's own wording is accepted: 'pga. ophør', 'Andet job', 'Pension' are recognised, anything else is read as 'andet' with a warning."
                ),
                choices=_choices(ResignationReason),
            ),
        ),
        key=("medarbejder_id",),
    ),
    Sheet(
        "samtaler",
        _("Preference interviews. Several per employee are allowed; the latest counts."),
        (
            Column(
                "medarbejder_id",
                CellKind.TEXT,
                _("The employee interviewed."),
                True,
                references=_EMPLOYEE,
                max_chars=ID_CHARS,
            ),
            Column("dato", CellKind.DATE, _("Date of the interview."), True),
            Column(
                "oensket_kommune",
                CellKind.INT,
                _(
                    "Code of the municipality the employee wishes to work for; blank for no preference."
                ),
                references=_MUNICIPALITY,
            ),
            Column("bemaerkning", CellKind.TEXT, _("Remark."), width=40),
            Column(
                "kan_accepteres",
                CellKind.CODES,
                _(
                    "Codes of the other municipalities the employee can accept, separated by ';' (or ','), e.g. '187;175'; a move there does not go against the wish. Blank: none."
                ),
                references=_MUNICIPALITY,
                width=20,
            ),
        ),
        key=(),
    ),
    Sheet(
        "borgere",
        _("Children, young people and adults with cases, from the case system."),
        (
            Column(
                "borger_id",
                CellKind.TEXT,
                _("The citizen's id in the case system (not the CPR number)."),
                True,
                max_chars=ID_CHARS,
            ),
            Column(
                "kommune",
                CellKind.INT,
                _("Code of the municipality the citizen lives in."),
                True,
                references=_MUNICIPALITY,
            ),
            Column(
                "familie_id",
                CellKind.TEXT,
                _("The family's id; blank means the citizen alone."),
                max_chars=ID_CHARS,
            ),
            Column(
                "foedselsaar",
                CellKind.INT,
                _("Year of birth."),
                minimum=Decimal(1900),
                maximum=Decimal(2100),
            ),
            Column(
                "distrikt_id",
                CellKind.TEXT,
                _("The school district the citizen belongs to."),
                references=_DISTRICT,
                max_chars=ID_CHARS,
            ),
            Column(
                "institution_id",
                CellKind.TEXT,
                _("The school or daycare the citizen attends."),
                references=_INSTITUTION,
                max_chars=ID_CHARS,
            ),
            Column(
                "cpr",
                CellKind.CPR,
                _(
                    "Optional CPR number, only for matching with the case system: it is validated and stored as a keyed hash, never in clear."
                ),
            ),
            Column(
                "cpr_noegle",
                CellKind.TEXT,
                _(
                    "Keyed hash of the CPR number, written by export; leave blank when filling in by hand."
                ),
                width=20,
            ),
        ),
        key=("borger_id",),
    ),
    Sheet(
        "sager",
        _("Cases: one intervention for one citizen."),
        (
            Column(
                "sag_id",
                CellKind.TEXT,
                _("The case's id in the case system."),
                True,
                max_chars=ID_CHARS,
            ),
            Column(
                "borger_id",
                CellKind.TEXT,
                _("The citizen the case is about."),
                True,
                references=_CITIZEN,
                max_chars=ID_CHARS,
            ),
            Column(
                "ydelse",
                CellKind.TEXT,
                _("The service, e.g. 'Familiebehandling'."),
                True,
                width=28,
                max_chars=NAME_CHARS,
            ),
            Column(
                "faggruppe",
                CellKind.TEXT,
                _("Code of the profession that handles the case."),
                True,
                references=_PROFESSION,
                max_chars=CODE_CHARS,
            ),
            Column(
                "levering",
                CellKind.CHOICE,
                _(
                    "'intern' if the centre's own staff deliver it, 'ekstern' if bought from a provider."
                ),
                True,
                choices=_choices(Delivery),
            ),
            Column(
                "leverandoer",
                CellKind.TEXT,
                _("The external provider."),
                width=28,
                max_chars=NAME_CHARS,
            ),
            Column(
                "vaegt",
                CellKind.DECIMAL,
                _("Load units the case takes; blank means 1."),
                minimum=Decimal(0),
            ),
            Column(
                "handlekommune",
                CellKind.INT,
                _("Acting municipality (code); blank means the citizen's municipality."),
                references=_MUNICIPALITY,
            ),
            Column(
                "betalingskommune",
                CellKind.INT,
                _("Paying municipality (code); blank means the acting municipality."),
                references=_MUNICIPALITY,
            ),
            Column(
                "kontaktperson",
                CellKind.TEXT,
                _("The contact person's employee id; blank if none."),
                references=_EMPLOYEE,
                max_chars=ID_CHARS,
            ),
            Column(
                "saarbarhed",
                CellKind.INT,
                _(
                    "How much a change of contact person costs the citizen, 1 (little) to 3 (much); blank means 1."
                ),
                choices=("1", "2", "3"),
                minimum=Decimal(1),
                maximum=Decimal(3),
            ),
            Column("startdato", CellKind.DATE, _("Start date of the case.")),
            Column(
                "paragraf",
                CellKind.TEXT,
                _("Legal basis, e.g. 'SEL § 52'."),
                max_chars=NAME_CHARS,
            ),
            Column(
                "tidligere_skift",
                CellKind.INT,
                _(
                    "Changes of contact person in the last 24 months, from the case system; each earlier change makes a further one weigh more. Blank means 0."
                ),
                minimum=Decimal(0),
            ),
        ),
        key=("sag_id",),
    ),
    Sheet(
        "behov",
        _("Staffing a municipality needs beyond its caseload (leaders, administration). Optional."),
        (
            Column(
                "kommune",
                CellKind.INT,
                _("Code of the municipality."),
                True,
                references=_MUNICIPALITY,
            ),
            Column(
                "faggruppe",
                CellKind.TEXT,
                _("Code of the profession."),
                True,
                references=_PROFESSION,
                max_chars=CODE_CHARS,
            ),
            Column(
                "min_fte",
                CellKind.DECIMAL,
                _("Full-time equivalents the municipality needs at least."),
                True,
                minimum=Decimal(0),
            ),
        ),
        key=("kommune", "faggruppe"),
        required=False,
    ),
)

SHEETS_BY_NAME: dict[str, Sheet] = {sheet.name: sheet for sheet in SHEETS}

# The sheet the template adds with the explanations; an import passes over it.
GUIDE_SHEET = "vejledning"
