"""Rows and domain records, both ways, and the one order a workbook's records come in.

Reading turns typed rows into the frozen dataclasses of `overgang.core.domain`,
filling blank optional cells with the defaults of DESIGN.md; writing turns the
dataclasses back into rows. Both go through `canonical` order, so that writing a
Dataset and reading it again gives an equal Dataset.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
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
    Profession,
    ResignationReason,
    Role,
    StaffingNeed,
)
from overgang.io.schema import NO, SHEETS, YES, Column, Sheet
from overgang.io.sheets import CPR, ParsedSheet

# Export writes the keyed hash (`cpr_noegle`), never a `cpr` column.
EXPORTED_COLUMNS: dict[str, tuple[Column, ...]] = {
    sheet.name: tuple(column for column in sheet.columns if column.name != CPR) for sheet in SHEETS
}


def canonical(dataset: Dataset) -> Dataset:
    """Return the dataset with every tuple of records in the order a read gives them.

    Records are ordered by their id (municipalities by code, needs by municipality
    and profession, interviews by employee, date, wish and note); the order of the
    tags within a record is kept.
    """
    return Dataset(
        municipalities=tuple(sorted(dataset.municipalities, key=lambda m: m.code)),
        professions=tuple(sorted(dataset.professions, key=lambda p: p.code)),
        districts=tuple(sorted(dataset.districts, key=lambda d: d.id)),
        institutions=tuple(sorted(dataset.institutions, key=lambda i: i.id)),
        employees=tuple(sorted(dataset.employees, key=lambda e: e.id)),
        interviews=tuple(sorted(dataset.interviews, key=_interview_order)),
        citizens=tuple(sorted(dataset.citizens, key=lambda c: c.id)),
        cases=tuple(sorted(dataset.cases, key=lambda c: c.id)),
        needs=tuple(sorted(dataset.needs, key=lambda n: (n.municipality, n.profession))),
    )


def _interview_order(interview: Interview) -> tuple[Any, ...]:
    wish = interview.wished_municipality
    return (interview.employee_id, interview.held_on, wish is not None, wish or 0, interview.note)


# Reading -------------------------------------------------------------------------------


def build_dataset(sheets: Mapping[str, ParsedSheet]) -> Dataset:
    """Return the Dataset of sheets that passed validation, defaults filled, in canonical order."""

    def rows(name: str) -> list[Any]:
        return sheets[name].rows if name in sheets else []

    citizens = tuple(_citizen(row) for row in rows("borgere"))
    residence = {citizen.id: citizen.municipality for citizen in citizens}
    return canonical(
        Dataset(
            municipalities=tuple(
                Municipality(row["kode"], row["navn"], Role(row["rolle"]))
                for row in rows("kommuner")
            ),
            professions=tuple(
                Profession(row["faggruppe"], row["navn"], row["norm"]) for row in rows("faggrupper")
            ),
            districts=tuple(
                District(row["distrikt_id"], row["kommune"], row["navn"])
                for row in rows("distrikter")
            ),
            institutions=tuple(
                Institution(
                    row["institution_id"],
                    row["navn"],
                    InstitutionType(row["type"]),
                    row["distrikt_id"],
                )
                for row in rows("institutioner")
            ),
            employees=tuple(_employee(row) for row in rows("medarbejdere")),
            interviews=tuple(
                Interview(
                    row["medarbejder_id"],
                    row["dato"],
                    row["oensket_kommune"],
                    row["bemaerkning"] or "",
                )
                for row in rows("samtaler")
            ),
            citizens=citizens,
            cases=tuple(_case(row, residence) for row in rows("sager")),
            needs=tuple(
                StaffingNeed(row["kommune"], row["faggruppe"], row["min_fte"])
                for row in rows("behov")
            ),
        )
    )


def _employee(row: Any) -> Employee:
    form, reason = row["ansaettelsesform"], row["fratraedelsesaarsag"]
    return Employee(
        id=row["medarbejder_id"],
        name=row["navn"],
        profession=row["faggruppe"],
        hours=row["timer"],
        is_leader=bool(row["leder"]),
        unit=row["enhed"] or "",
        hired_on=row["ansat_dato"],
        employment_form=EmploymentForm(form) if form is not None else None,
        competences=row["kompetencer"] or (),
        resigned_on=row["fratraadt_dato"],
        resignation_reason=ResignationReason(reason) if reason is not None else None,
    )


def _citizen(row: Any) -> Citizen:
    return Citizen(
        id=row["borger_id"],
        municipality=row["kommune"],
        family_id=row["familie_id"] or row["borger_id"],
        birth_year=row["foedselsaar"],
        district_id=row["distrikt_id"],
        institution_id=row["institution_id"],
        cpr_hash=row["cpr_noegle"],
    )


def _case(row: Any, residence: Mapping[str, int]) -> Case:
    acting = row["handlekommune"] or residence[row["borger_id"]]
    vulnerability = row["saarbarhed"]
    return Case(
        id=row["sag_id"],
        citizen_id=row["borger_id"],
        service=row["ydelse"],
        profession=row["faggruppe"],
        delivery=Delivery(row["levering"]),
        acting_municipality=acting,
        paying_municipality=row["betalingskommune"] or acting,
        provider=row["leverandoer"] or "",
        load=row["vaegt"] if row["vaegt"] is not None else Decimal(1),
        contact_person=row["kontaktperson"],
        vulnerability=vulnerability if vulnerability is not None else 1,
        started_on=row["startdato"],
        legal_basis=row["paragraf"] or "",
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


def _record_rows(dataset: Dataset) -> dict[str, Iterator[dict[str, object]]]:
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
    tags are joined with ';'.
    """
    records = _record_rows(canonical(dataset))
    for sheet in SHEETS:
        columns = EXPORTED_COLUMNS[sheet.name]
        yield sheet, columns, _values(records[sheet.name], tuple(c.name for c in columns))


def _values(records: Iterator[dict[str, object]], names: tuple[str, ...]) -> Iterator[list[object]]:
    for record in records:
        yield [_plain(record[name]) for name in names]
