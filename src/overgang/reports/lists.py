"""Excel lists for the people who carry the transition out.

- Handover lists, one workbook per caseworker: the cases they hand over (with the
  new contact person) and the cases they receive (with the former one), and the
  handover deadline; and one workbook with every handover, to filter.
- Transfer lists, one workbook per municipality: the employees the plan gives it
  (transferred or staying) and the cases it serves from the effective date.

The lists carry personal data (names, citizens' ids): they are for those entitled.
The handover deadline is the last day before the effective date, unless given.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.core.domain import Delivery
from overgang.core.planning.plan import Reason
from overgang.reports.sources import ReportSources, load_sources
from overgang.reports.xlsx import Sheet, Value, workbook_bytes
from overgang.texts.reasons import case_reason_text, employee_reason_text
from overgang.web.planning.models import StoredPlan


@dataclass(frozen=True)
class Handover:
    case_id: str
    citizen_id: str
    family_id: str
    service: str
    profession: str
    acting: str
    paying: str
    vulnerability: int
    former: str  # employee id, "" for none
    new: str  # employee id, "" for unstaffed
    meeting: date | None
    done: bool
    reason: str


def _meetings(plan: StoredPlan) -> dict[str, tuple[date | None, bool]]:
    from overgang.web.process.models import HandoverMeeting

    return {
        case_id: (held_on, done)
        for case_id, held_on, done in HandoverMeeting.objects.filter(
            decision__plan=plan
        ).values_list("decision__case_id", "held_on", "done")
    }


def handovers(src: ReportSources) -> list[Handover]:
    """Return every in-house case whose contact person changes in the plan."""
    cases = {c.id: c for c in src.dataset.cases}
    family = {c.id: c.family_id for c in src.dataset.citizens}
    meetings = _meetings(src.plan)
    found = []
    rows = src.plan.case_decisions.exclude(reason_code="keeps_contact").order_by("case_id")
    for d in rows:
        if d.former_contact == d.contact_person:
            continue
        case = cases.get(d.case_id)
        if case is None:
            continue
        held_on, done = meetings.get(d.case_id, (None, False))
        found.append(
            Handover(
                case_id=case.id,
                citizen_id=case.citizen_id,
                family_id=family.get(case.citizen_id, ""),
                service=case.service,
                profession=src.profession(case.profession),
                acting=src.municipality(case.acting_municipality),
                paying=src.municipality(case.paying_municipality),
                vulnerability=case.vulnerability,
                former=d.former_contact,
                new=d.contact_person,
                meeting=held_on,
                done=done,
                reason=case_reason_text(
                    Reason(d.reason_code, tuple(d.reason_params.items())),
                    src.municipalities,
                    src.professions,
                    src.host,
                ),
            )
        )
    return found


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


def _handover_row(h: Handover, other: str, names: dict[str, str], deadline: date) -> list[Value]:
    return [
        h.case_id,
        h.citizen_id,
        h.family_id,
        h.service,
        h.profession,
        h.acting,
        h.paying,
        h.vulnerability,
        other or _("none"),
        names.get(other, ""),
        deadline,
        h.meeting,
        _("yes") if h.done else _("no"),
        h.reason,
    ]


def handover_workbooks(src: ReportSources, deadline: date) -> dict[str, bytes]:
    """Return the handover list of every caseworker with cases to hand over or receive."""
    names = {e.id: e.name for e in src.dataset.employees}
    outgoing: dict[str, list[Handover]] = defaultdict(list)
    incoming: dict[str, list[Handover]] = defaultdict(list)
    everything = handovers(src)
    for h in everything:
        if h.former:
            outgoing[h.former].append(h)
        if h.new:
            incoming[h.new].append(h)
    files: dict[str, bytes] = {}
    header = _handover_header()
    for person in sorted(set(outgoing) | set(incoming)):
        files[f"overdragelse-{person}.xlsx"] = workbook_bytes(
            [
                Sheet(
                    _("Cases handed over"),
                    header,
                    [_handover_row(h, h.new, names, deadline) for h in outgoing[person]],
                    _HANDOVER_WIDTHS,
                ),
                Sheet(
                    _("Cases received"),
                    header,
                    [_handover_row(h, h.former, names, deadline) for h in incoming[person]],
                    _HANDOVER_WIDTHS,
                ),
            ]
        )
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
                    [h.former, names.get(h.former, ""), h.new, names.get(h.new, "")]
                    + _handover_row(h, "", names, deadline)[:8]
                    + _handover_row(h, "", names, deadline)[10:]
                    for h in everything
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
    decisions = list(src.plan.employee_decisions.order_by("employee_id"))
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
                    employee_reason_text(
                        Reason(d.reason_code, tuple(d.reason_params.items())),
                        src.municipalities,
                        src.host,
                    ),
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


def render_lists(
    plan: StoredPlan, lang: str = "da", *, deadline: date | None = None
) -> dict[str, bytes]:
    """Return every list as files: {relative path: content}."""
    with translation.override(lang):
        src = load_sources(plan)
        day = deadline or src.effective_date - timedelta(days=1)
        files = {f"overdragelse/{k}": v for k, v in handover_workbooks(src, day).items()}
        files.update({f"overflytning/{k}": v for k, v in transfer_workbooks(src).items()})
    return files
