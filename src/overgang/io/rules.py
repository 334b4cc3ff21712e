"""The domain's rules a workbook must keep beyond types and references.

Each function takes the typed sheets and returns its issues; a rule whose
columns are missing says nothing, since the missing column is already an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.utils.translation import gettext

from overgang.core.domain import Delivery, MunicipalityRole
from overgang.io.cells import display
from overgang.io.issues import Issue, error, warning
from overgang.io.sheets import ParsedSheet


def _has(sheets: Mapping[str, ParsedSheet], sheet: str, *columns: str) -> bool:
    return sheet in sheets and all(column in sheets[sheet].present for column in columns)


def exactly_one_host(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return an error unless exactly one municipality has the role `vaert`."""
    if not _has(sheets, "kommuner", "rolle"):
        return []
    hosts = [row for row in sheets["kommuner"].rows if row["rolle"] == MunicipalityRole.HOST]
    if not hosts:
        return [
            error(
                "kommuner",
                gettext(
                    "no municipality has the role vaert; expected exactly one, "
                    "the one that employs the staff today"
                ),
                column="rolle",
            )
        ]
    return [
        error(
            "kommuner",
            gettext(
                "%(count)s municipalities have the role vaert; expected exactly one, "
                "the first is in row %(row)s"
            )
            % {"count": len(hosts), "row": hosts[0].number},
            row=row.number,
            column="rolle",
            value=str(MunicipalityRole.HOST),
        )
        for row in hosts[1:]
    ]


def resignations(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return errors for a reason to resign without a date, and a resignation before hire."""
    if not _has(sheets, "medarbejdere"):
        return []
    issues: list[Issue] = []
    for row in sheets["medarbejdere"].rows:
        left, reason, hired = row["fratraadt_dato"], row["fratraedelsesaarsag"], row["ansat_dato"]
        if reason is not None and left is None:
            issues.append(
                error(
                    "medarbejdere",
                    gettext(
                        "a reason for leaving without a date; expected fratraadt_dato "
                        "filled in as well, or this cell blank"
                    ),
                    row=row.number,
                    column="fratraedelsesaarsag",
                    value=display(reason),
                )
            )
        if isinstance(left, date) and isinstance(hired, date) and left < hired:
            issues.append(
                error(
                    "medarbejdere",
                    gettext(
                        "the employee leaves before being hired; expected a date on or after ansat_dato %(hired)s"
                    )
                    % {"hired": display(hired)},
                    row=row.number,
                    column="fratraadt_dato",
                    value=display(left),
                )
            )
    return issues


def contact_persons(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return errors for a contact person on an external case or of another profession."""
    if not _has(sheets, "sager", "kontaktperson", "levering"):
        return []
    professions: dict[object, object] = {}
    if _has(sheets, "medarbejdere", "medarbejder_id", "faggruppe"):
        professions = {
            row["medarbejder_id"]: row["faggruppe"] for row in sheets["medarbejdere"].rows
        }
    issues: list[Issue] = []
    for row in sheets["sager"].rows:
        contact = row["kontaktperson"]
        if contact is None:
            continue
        if row["levering"] == Delivery.EXTERNAL:
            issues.append(
                error(
                    "sager",
                    gettext(
                        "an external case has no contact person at the centre; expected "
                        "this cell blank when levering is ekstern"
                    ),
                    row=row.number,
                    column="kontaktperson",
                    value=display(contact),
                )
            )
            continue
        theirs = professions.get(contact)
        ours = row["faggruppe"]
        if theirs is not None and ours is not None and theirs != ours:
            issues.append(
                error(
                    "sager",
                    gettext(
                        "the contact person belongs to the profession %(theirs)s; expected an "
                        "employee of the case's profession %(ours)s"
                    )
                    % {"theirs": theirs, "ours": ours},
                    row=row.number,
                    column="kontaktperson",
                    value=display(contact),
                )
            )
    return issues


def providers(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return a warning for each external case that names no provider."""
    if not _has(sheets, "sager", "levering"):
        return []
    return [
        warning(
            "sager",
            gettext("an external case without a provider; expected the provider's name"),
            row=row.number,
            column="leverandoer",
        )
        for row in sheets["sager"].rows
        if row["levering"] == Delivery.EXTERNAL and row["leverandoer"] is None
    ]


def citizen_districts(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return a warning for a citizen whose institution lies in another district than theirs."""
    if not _has(sheets, "borgere", "distrikt_id", "institution_id"):
        return []
    if not _has(sheets, "institutioner", "institution_id", "distrikt_id"):
        return []
    district_of = {
        row["institution_id"]: row["distrikt_id"] for row in sheets["institutioner"].rows
    }
    issues: list[Issue] = []
    for row in sheets["borgere"].rows:
        district, institution = row["distrikt_id"], row["institution_id"]
        if district is None or institution is None:
            continue
        actual = district_of.get(institution)
        if actual is not None and actual != district:
            issues.append(
                warning(
                    "borgere",
                    gettext(
                        "the institution lies in the district %(actual)s; expected it in the "
                        "citizen's district %(district)s"
                    )
                    % {"actual": actual, "district": district},
                    row=row.number,
                    column="institution_id",
                    value=display(institution),
                )
            )
    return issues


ALL_RULES = (exactly_one_host, resignations, contact_persons, providers, citizen_districts)


def check_rules(sheets: Mapping[str, ParsedSheet]) -> list[Issue]:
    """Return the issues of every rule of the domain."""
    return [issue for rule in ALL_RULES for issue in rule(sheets)]
