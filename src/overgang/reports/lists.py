"""Excel lists for the people who carry the transition out.

- Handover lists, one workbook per caseworker: the cases they hand over (with the
  new contact person) and the cases they receive (with the former one), and the
  handover deadline; and one workbook with every handover, to filter.
- Transfer lists, one workbook per municipality: the employees the plan gives it
  (transferred or staying) and the cases it serves from the effective date.

The lists carry personal data (names, citizens' ids): they are for those entitled.
The handover deadline is the last day before the effective date, unless given.

The lists are made from records (`ReportSources`, `HandoverSources`) that
`overgang.web.reporting` loads: all of them, or one caseworker's handovers only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.core.domain import Delivery
from overgang.reports.sources import Handover, HandoverSources, ReportSources
from overgang.reports.xlsx import Sheet, Value, workbook_bytes
from overgang.texts.reasons import case_reason_text, employee_reason_text


def _handover_header() -> tuple[str, ...]:
    return (
        _("Case"),
        _("Citizen"),
        _("Family"),
        _("Service"),
        _("Profession"),
        _("Acting municipality"),
        _("Paying municipality"),
        _("Vulnerability"),
        _("Other contact person"),
        _("Other contact person's name"),
        _("Handover deadline"),
        _("Handover meeting"),
        _("Handed over"),
        _("Reason"),
    )


_HANDOVER_WIDTHS = (12, 11, 11, 34, 24, 18, 18, 10, 14, 24, 14, 14, 10, 50)


def _handover_row(
    src: HandoverSources, h: Handover, other: str, reason: str, deadline: date
) -> list[Value]:
    return [
        h.case_id,
        h.citizen_id,
        h.family_id,
        h.service,
        src.profession(h.profession),
        src.municipality(h.acting),
        src.municipality(h.paying),
        h.vulnerability,
        other or _("none"),
        src.names.get(other, ""),
        deadline,
        h.meeting,
        _("yes") if h.done else _("no"),
        reason,
    ]


def _reasons(src: HandoverSources) -> dict[str, str]:
    """Case id -> the plan's reason for the new contact person, in words."""
    return {
        h.case_id: case_reason_text(h.reason, src.municipalities, src.professions, src.host)
        for h in src.handovers
    }


def _by_caseworker(src: HandoverSources) -> dict[str, tuple[list[Handover], list[Handover]]]:
    """Caseworker id -> (the cases they hand over, the cases they receive), by caseworker."""
    lists: dict[str, tuple[list[Handover], list[Handover]]] = defaultdict(lambda: ([], []))
    for h in src.handovers:
        if h.former:
            lists[h.former][0].append(h)
        if h.new:
            lists[h.new][1].append(h)
    return dict(sorted(lists.items()))


def _caseworker_workbook(
    src: HandoverSources,
    outgoing: list[Handover],
    incoming: list[Handover],
    reasons: dict[str, str],
    deadline: date,
) -> bytes:
    header = _handover_header()
    return workbook_bytes(
        [
            Sheet(
                _("Cases handed over"),
                header,
                [_handover_row(src, h, h.new, reasons[h.case_id], deadline) for h in outgoing],
                _HANDOVER_WIDTHS,
            ),
            Sheet(
                _("Cases received"),
                header,
                [_handover_row(src, h, h.former, reasons[h.case_id], deadline) for h in incoming],
                _HANDOVER_WIDTHS,
            ),
        ]
    )


def handover_deadline(src: HandoverSources, deadline: date | None = None) -> date:
    """Return the handover deadline: the one given, else the last day before the effective date."""
    return deadline or src.effective_date - timedelta(days=1)


def handover_workbooks(src: HandoverSources, deadline: date) -> dict[str, bytes]:
    """Return the handover list of every caseworker with cases to hand over or receive."""
    reasons = _reasons(src)
    files = {
        f"overdragelse-{person}.xlsx": _caseworker_workbook(src, *lists, reasons, deadline)
        for person, lists in _by_caseworker(src).items()
    }
    header = _handover_header()
    everyone = (
        (
            _("Former contact person"),
            _("Former contact person's name"),
            _("New contact person"),
            _("New contact person's name"),
        )
        + header[:8]
        + header[10:]
    )
    files["overdragelse-alle.xlsx"] = workbook_bytes(
        [
            Sheet(
                _("All handovers"),
                everyone,
                [
                    [h.former, src.names.get(h.former, ""), h.new, src.names.get(h.new, "")]
                    + _handover_row(src, h, "", reasons[h.case_id], deadline)[:8]
                    + _handover_row(src, h, "", reasons[h.case_id], deadline)[10:]
                    for h in src.handovers
                ],
                (14, 24, 14, 24) + _HANDOVER_WIDTHS[:8] + _HANDOVER_WIDTHS[10:],
            )
        ]
    )
    return files


def transfer_workbooks(src: ReportSources) -> dict[str, bytes]:
    """Return, per municipality, the employees the plan gives it and the cases it serves."""
    employees = {e.id: e for e in src.dataset.employees}
    attachment = {
        r["medarbejder_id"]: r["primaert_tilknyttet"] for r in src.metrics.get("attachment", [])
    }
    decisions = src.employee_decisions
    contacts = src.case_contacts
    files: dict[str, bytes] = {}
    for code in sorted(src.municipalities):
        staff_rows: list[list[Value]] = []
        for d in decisions:
            e = employees.get(d.employee_id)
            if d.municipality != code or e is None:
                continue
            primary = attachment.get(e.id)
            staff_rows.append(
                [
                    e.id,
                    e.name,
                    src.profession(e.profession),
                    e.hours,
                    round(float(e.fte), 2),
                    e.unit,
                    _("leader") if e.is_leader else "",
                    str(e.employment_form) if e.employment_form else "",
                    e.hired_on,
                    _("yes") if code != src.host else _("no"),
                    src.municipality(src.host),
                    src.municipality(code),
                    src.effective_date,
                    src.municipality(primary) if primary else "",
                    employee_reason_text(d.reason, src.municipalities, src.host),
                ]
            )
        case_rows: list[list[Value]] = []
        for c in src.dataset.cases:
            in_house = c.delivery is Delivery.IN_HOUSE
            former, new = contacts.get(c.id, (c.contact_person or "", ""))
            if src.case_serving.get(c.id, c.acting_municipality) != code:
                continue
            case_rows.append(
                [
                    c.id,
                    c.citizen_id,
                    c.service,
                    src.profession(c.profession),
                    _("in-house") if in_house else _("external"),
                    c.provider,
                    src.municipality(c.acting_municipality),
                    src.municipality(c.paying_municipality),
                    former if in_house else "",
                    new if in_house else "",
                    employees[new].name if in_house and new in employees else "",
                    (_("yes") if former != new else _("no")) if in_house else "",
                ]
            )
        files[f"overflytning-{code}.xlsx"] = workbook_bytes(
            [
                Sheet(
                    _("Employees"),
                    (
                        _("Employee"),
                        _("Name"),
                        _("Profession"),
                        _("Hours"),
                        _("FTE"),
                        _("Unit"),
                        _("Leader"),
                        _("Employment form"),
                        _("Employed since"),
                        _("Transfers"),
                        _("From"),
                        _("To"),
                        _("From the date"),
                        _("Primarily attached to"),
                        _("Reason"),
                    ),
                    staff_rows,
                    (12, 24, 24, 8, 8, 22, 8, 14, 14, 10, 16, 16, 14, 18, 50),
                ),
                Sheet(
                    _("Cases"),
                    (
                        _("Case"),
                        _("Citizen"),
                        _("Service"),
                        _("Profession"),
                        _("Delivery"),
                        _("Provider"),
                        _("Acting municipality"),
                        _("Paying municipality"),
                        _("Former contact person"),
                        _("New contact person"),
                        _("New contact person's name"),
                        _("New contact"),
                    ),
                    case_rows,
                    (12, 11, 34, 24, 10, 24, 18, 18, 14, 14, 24, 10),
                ),
            ]
        )
    return files


def list_files(
    src: ReportSources,
    handovers: HandoverSources,
    lang: str = "da",
    *,
    deadline: date | None = None,
) -> dict[str, bytes]:
    """Return every list as files: {relative path: content}."""
    with translation.override(lang):
        day = handover_deadline(handovers, deadline)
        files = {f"overdragelse/{k}": v for k, v in handover_workbooks(handovers, day).items()}
        files.update({f"overflytning/{k}": v for k, v in transfer_workbooks(src).items()})
    return files


def handover_list_file(
    src: HandoverSources, employee_id: str, lang: str = "da", *, deadline: date | None = None
) -> bytes | None:
    """Return one caseworker's handover list, or None when they hand over and receive nothing.

    It is the same workbook as theirs among every list (`list_files`); give it the
    caseworker's own handovers (those of others are not shown anyway).
    """
    lists = _by_caseworker(src).get(employee_id)
    if lists is None:
        return None
    with translation.override(lang):
        day = handover_deadline(src, deadline)
        return _caseworker_workbook(src, *lists, _reasons(src), day)
