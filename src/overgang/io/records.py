"""Rows and domain records, both ways, and the one order a workbook's records come in.

Reading turns typed rows into the frozen dataclasses of `overgang.core.domain`,
filling blank optional cells with the defaults of DESIGN.md; writing turns the
dataclasses back into rows. Both go through `canonical` order, so that writing a
Dataset and reading it again gives an equal Dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter
from typing import Any

from overgang.core.domain import (
    Case,
    Citizen,
    Dataset,
    Delivery,
    District,
    Employee,
    EmploymentForm,
    Institution,
    InstitutionType,
    Interview,
    Municipality,
    MunicipalityRole,
    Profession,
    ResignationReason,
    StaffingNeed,
)
from overgang.io.cells import CENTS
from overgang.io.schema import NO, SHEETS, YES, Column, Sheet
from overgang.io.sheets import CPR, ParsedSheet

# Export writes the keyed hash (`cpr_noegle`), never a `cpr` column.
EXPORTED_COLUMNS: dict[str, tuple[Column, ...]] = {
    sheet.name: tuple(column for column in sheet.columns if column.name != CPR) for sheet in SHEETS
}


# Columns added to the format later, each with whether a data set uses it. An export writes
# them only where some row does, so that the export of a data set without them is what it
# always was (as its inputs' hash is: core/planning/fingerprint.py); a read of a workbook
# without them gives the defaults.
LATER_COLUMNS: dict[tuple[str, str], Callable[[Dataset], bool]] = {
    ("samtaler", "kan_accepteres"): lambda d: any(
        i.acceptable_municipalities for i in d.interviews
    ),
    ("sager", "tidligere_skift"): lambda d: any(c.earlier_changes for c in d.cases),
}


def canonical(dataset: Dataset) -> Dataset:
    """Return the dataset as a read of its export gives it back.

    Records are ordered by their id (municipalities by code, needs by municipality
    and profession, interviews by employee, date, wish, note and the acceptable
    municipalities); the order of the tags within a record is kept, an interview's
    acceptable municipalities are sorted by code. Quantities (norm, hours, load,
    min_fte) are rounded to the two decimals a workbook carries.
    """
    return Dataset(
        municipalities=tuple(sorted(dataset.municipalities, key=lambda m: m.code)),
        professions=tuple(
            p if _cents(p.norm) == p.norm else replace(p, norm=_cents(p.norm))
            for p in sorted(dataset.professions, key=lambda p: p.code)
        ),
        districts=tuple(sorted(dataset.districts, key=lambda d: d.id)),
        institutions=tuple(sorted(dataset.institutions, key=lambda i: i.id)),
        employees=tuple(
            e if _cents(e.hours) == e.hours else replace(e, hours=_cents(e.hours))
            for e in sorted(dataset.employees, key=lambda e: e.id)
        ),
        interviews=tuple(sorted(map(_sorted_acceptable, dataset.interviews), key=_interview_order)),
        citizens=tuple(sorted(dataset.citizens, key=lambda c: c.id)),
        cases=tuple(
            c if _cents(c.load) == c.load else replace(c, load=_cents(c.load))
            for c in sorted(dataset.cases, key=lambda c: c.id)
        ),
        needs=tuple(
            n if _cents(n.min_fte) == n.min_fte else replace(n, min_fte=_cents(n.min_fte))
            for n in sorted(dataset.needs, key=lambda n: (n.municipality, n.profession))
        ),
    )


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def _interview_order(interview: Interview) -> tuple[Any, ...]:
    wish = interview.wished_municipality
    return (
        interview.employee_id,
        interview.held_on,
        wish is not None,
        wish or 0,
        interview.note,
        interview.acceptable_municipalities,
    )


def _sorted_acceptable(interview: Interview) -> Interview:
    acceptable = tuple(sorted(set(interview.acceptable_municipalities)))
    if acceptable == interview.acceptable_municipalities:
        return interview
    return replace(interview, acceptable_municipalities=acceptable)


# Reading -------------------------------------------------------------------------------


def build_dataset(sheets: Mapping[str, ParsedSheet]) -> Dataset:
    """Return the Dataset of sheets that passed validation, defaults filled, in canonical order."""

    def rows(name: str, *columns: str) -> Iterator[tuple[Any, ...]]:
        """Yield the named columns' values of each row: the hot path of a large read."""
        if name not in sheets:
            return iter(())
        names = sheets[name].sheet.names
        pick = itemgetter(*(names.index(column) for column in columns))
        return (pick(row.values) for row in sheets[name].rows)

    citizens = tuple(
        Citizen(id_, municipality, family or id_, year, district, institution, key)
        for id_, municipality, family, year, district, institution, key in rows(
            "borgere", *_CITIZEN_COLUMNS
        )
    )
    residence = {citizen.id: citizen.municipality for citizen in citizens}
    return canonical(
        Dataset(
            municipalities=tuple(
                Municipality(code, name, _ROLES[role])
                for code, name, role in rows("kommuner", "kode", "navn", "rolle")
            ),
            professions=tuple(
                Profession(*values) for values in rows("faggrupper", "faggruppe", "navn", "norm")
            ),
            districts=tuple(
                District(*values) for values in rows("distrikter", "distrikt_id", "kommune", "navn")
            ),
            institutions=tuple(
                Institution(id_, name, _INSTITUTION_TYPES[kind], district)
                for id_, name, kind, district in rows(
                    "institutioner", "institution_id", "navn", "type", "distrikt_id"
                )
            ),
            employees=tuple(
                _employee(*values) for values in rows("medarbejdere", *_EMPLOYEE_COLUMNS)
            ),
            interviews=tuple(
                Interview(employee, held_on, wish, note or "", acceptable or ())
                for employee, held_on, wish, note, acceptable in rows(
                    "samtaler",
                    "medarbejder_id",
                    "dato",
                    "oensket_kommune",
                    "bemaerkning",
                    "kan_accepteres",
                )
            ),
            citizens=citizens,
            cases=tuple(_case(residence, *values) for values in rows("sager", *_CASE_COLUMNS)),
            needs=tuple(
                StaffingNeed(*values) for values in rows("behov", "kommune", "faggruppe", "min_fte")
            ),
        )
    )


# Enum members by value: a dictionary look-up is many times quicker than Enum(value).
_ROLES = {member.value: member for member in MunicipalityRole}
_INSTITUTION_TYPES = {member.value: member for member in InstitutionType}
_EMPLOYMENT_FORMS = {member.value: member for member in EmploymentForm}
_RESIGNATION_REASONS = {member.value: member for member in ResignationReason}
_DELIVERIES = {member.value: member for member in Delivery}

_CITIZEN_COLUMNS = (
    "borger_id",
    "kommune",
    "familie_id",
    "foedselsaar",
    "distrikt_id",
    "institution_id",
    "cpr_noegle",
)
_EMPLOYEE_COLUMNS = (
    "medarbejder_id",
    "navn",
    "faggruppe",
    "timer",
    "leder",
    "enhed",
    "ansat_dato",
    "ansaettelsesform",
    "kompetencer",
    "fratraadt_dato",
    "fratraedelsesaarsag",
)
_CASE_COLUMNS = (
    "sag_id",
    "borger_id",
    "ydelse",
    "faggruppe",
    "levering",
    "leverandoer",
    "vaegt",
    "handlekommune",
    "betalingskommune",
    "kontaktperson",
    "saarbarhed",
    "startdato",
    "paragraf",
    "tidligere_skift",
)


def _employee(
    id_: str,
    name: str,
    profession: str,
    hours: Decimal,
    leader: bool | None,
    unit: str | None,
    hired_on: date | None,
    form: str | None,
    competences: tuple[str, ...] | None,
    resigned_on: date | None,
    reason: str | None,
) -> Employee:
    return Employee(
        id=id_,
        name=name,
        profession=profession,
        hours=hours,
        is_leader=bool(leader),  # blank means nej
        unit=unit or "",
        hired_on=hired_on,
        employment_form=_EMPLOYMENT_FORMS[form] if form is not None else None,
        competences=competences or (),
        resigned_on=resigned_on,
        resignation_reason=_RESIGNATION_REASONS[reason] if reason is not None else None,
    )


def _case(
    residence: Mapping[str, int],
    id_: str,
    citizen: str,
    service: str,
    profession: str,
    delivery: str,
    provider: str | None,
    load: Decimal | None,
    acting: int | None,
    paying: int | None,
    contact: str | None,
    vulnerability: int | None,
    started_on: date | None,
    legal_basis: str | None,
    earlier_changes: int | None,
) -> Case:
    acting = acting or residence[citizen]  # blank: the citizen's municipality
    return Case(
        id=id_,
        citizen_id=citizen,
        service=service,
        profession=profession,
        delivery=_DELIVERIES[delivery],
        acting_municipality=acting,
        paying_municipality=paying or acting,  # blank: the acting municipality
        provider=provider or "",
        load=load if load is not None else Decimal(1),
        contact_person=contact,
        vulnerability=vulnerability if vulnerability is not None else 1,
        started_on=started_on,
        legal_basis=legal_basis or "",
        earlier_changes=earlier_changes or 0,  # blank: none
    )


# Writing -------------------------------------------------------------------------------


def _yes_no(flag: bool) -> str:
    return YES if flag else NO


def _text(value: str | None) -> str | None:
    """Return None for an empty text, so the cell is left blank."""
    return value or None


def _plain(value: object) -> object:
    """Return enum members as their plain string value."""
    return str(value) if isinstance(value, str) else value


def record_rows(dataset: Dataset) -> dict[str, Iterator[dict[str, object]]]:
    return {
        "kommuner": (
            {"kode": m.code, "navn": m.name, "rolle": m.role} for m in dataset.municipalities
        ),
        "faggrupper": (
            {"faggruppe": p.code, "navn": p.name, "norm": p.norm} for p in dataset.professions
        ),
        "distrikter": (
            {"distrikt_id": d.id, "kommune": d.municipality, "navn": d.name}
            for d in dataset.districts
        ),
        "institutioner": (
            {"institution_id": i.id, "navn": i.name, "type": i.type, "distrikt_id": i.district_id}
            for i in dataset.institutions
        ),
        "medarbejdere": (
            {
                "medarbejder_id": e.id,
                "navn": e.name,
                "faggruppe": e.profession,
                "timer": e.hours,
                "leder": _yes_no(e.is_leader),
                "enhed": _text(e.unit),
                "ansat_dato": e.hired_on,
                "ansaettelsesform": e.employment_form,
                "kompetencer": ";".join(e.competences) or None,
                "fratraadt_dato": e.resigned_on,
                "fratraedelsesaarsag": e.resignation_reason,
            }
            for e in dataset.employees
        ),
        "samtaler": (
            {
                "medarbejder_id": i.employee_id,
                "dato": i.held_on,
                "oensket_kommune": i.wished_municipality,
                "bemaerkning": _text(i.note),
                "kan_accepteres": ";".join(map(str, i.acceptable_municipalities)) or None,
            }
            for i in dataset.interviews
        ),
        "borgere": (
            {
                "borger_id": c.id,
                "kommune": c.municipality,
                "familie_id": c.family_id,
                "foedselsaar": c.birth_year,
                "distrikt_id": c.district_id,
                "institution_id": c.institution_id,
                "cpr_noegle": c.cpr_hash,
            }
            for c in dataset.citizens
        ),
        "sager": (
            {
                "sag_id": c.id,
                "borger_id": c.citizen_id,
                "ydelse": c.service,
                "faggruppe": c.profession,
                "levering": c.delivery,
                "leverandoer": _text(c.provider),
                "vaegt": c.load,
                "handlekommune": c.acting_municipality,
                "betalingskommune": c.paying_municipality,
                "kontaktperson": c.contact_person,
                "saarbarhed": c.vulnerability,
                "startdato": c.started_on,
                "paragraf": _text(c.legal_basis),
                "tidligere_skift": c.earlier_changes,
            }
            for c in dataset.cases
        ),
        "behov": (
            {"kommune": n.municipality, "faggruppe": n.profession, "min_fte": n.min_fte}
            for n in dataset.needs
        ),
    }


def export_rows(
    dataset: Dataset,
) -> Iterator[tuple[Sheet, tuple[Column, ...], Iterator[list[object]]]]:
    """Yield each sheet, its exported columns and its rows of plain values, canonical order.

    Values are str, int, Decimal, date or None (a blank cell); yes/no is 'ja'/'nej',
    tags and codes are joined with ';'. A column added to the format later is left out
    where no row uses it (`LATER_COLUMNS`).
    """
    dataset = canonical(dataset)
    records = record_rows(dataset)
    for sheet in SHEETS:
        columns = tuple(
            column
            for column in EXPORTED_COLUMNS[sheet.name]
            if (sheet.name, column.name) not in LATER_COLUMNS
            or LATER_COLUMNS[sheet.name, column.name](dataset)
        )
        yield sheet, columns, _values(records[sheet.name], tuple(c.name for c in columns))


def _values(records: Iterator[dict[str, object]], names: tuple[str, ...]) -> Iterator[list[object]]:
    for record in records:
        yield [_plain(record[name]) for name in names]
