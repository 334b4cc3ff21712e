"""The preference interviews of spring 2021: who wishes to stay, to move, or does not mind.

As in the status note: most wish to stay with the host, a minority wish to move,
some state no preference, a few are not interviewed yet, and one leader has
settled early in April that she moves. Employees who do much of a member's work
today are likelier to wish to move there. Some name another municipality they can
accept besides their wish (`add_acceptable`).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from overgang.core.domain import Employee, Interview
from overgang.demo import calibration as cal
from overgang.demo.contacts import Attachment
from overgang.demo.places import Geography
from overgang.demo.quotas import exact_flags, quota_counts, random_weekday, weighted_pick
from overgang.demo.staff import DemoStaff

_NOTES = {
    "stay": ("Ønsker at blive i nuværende team", "Bor tæt på Ishøj", "Ønsker at følge sine sager"),
    "move": (
        "Har mange sager i kommunen",
        "Ønsker kortere transport",
        "Ønsker at følge sine sager",
    ),
    "none": ("Det er ok for medarbejderen at flytte", "Afventer den nye organisering"),
}
_SECOND_NOTES = ("Opfølgende samtale", "Bekræfter sit ønske")
_CHANGED_NOTE = "Har ændret ønske efter første samtale"
_NOTE_SHARE = 0.3


def _note(rng: random.Random, wish: str) -> str:
    return rng.choice(_NOTES[wish]) if rng.random() < _NOTE_SHARE else ""


def _destination(
    rng: random.Random, geography: Geography, attachment: Attachment, employee_id: str
) -> int:
    members = geography.members
    weights = [
        0.2 * served.children_0_17 / geography.host.children_0_17
        + attachment.share(employee_id, served.municipality.code)
        for served in members
    ]
    return rng.choices([s.municipality.code for s in members], weights)[0]


def _wish_code(wish: str, geography: Geography, destination: int) -> int | None:
    return {"stay": geography.host.municipality.code, "move": destination, "none": None}[wish]


def build_interviews(
    rng: random.Random, staff: DemoStaff, geography: Geography, attachment: Attachment
) -> list[Interview]:
    """Return every interview held, the latest per employee being the one that counts."""
    host = geography.host.municipality.code
    members = [s.municipality.code for s in geography.members]
    interviews: list[Interview] = []
    active = {e.id: e for e in staff.active_on(cal.REFERENCE_DATE)}

    # The leaders: one (per replica at larger scales) moves by her own wish in early April;
    # with more members, further leaders wish to go to the others.
    leader_wishes: dict[str, int] = {leader: members[0] for leader in staff.moving_leaders}
    others = [leader for leader in staff.other_leaders if leader in active]
    for leader, member in zip(others, members[1:], strict=False):
        leader_wishes[leader] = member
    for leader in staff.moving_leaders + staff.other_leaders:
        if leader not in active:
            continue
        wished = leader_wishes.get(leader, host)
        day = (
            cal.INTERVIEWS_FROM
            if wished != host
            else random_weekday(rng, cal.INTERVIEWS_FROM, cal.INTERVIEWS_UNTIL - timedelta(days=10))
        )
        interviews.append(
            Interview(leader, day, wished, "Afklaret i ledergruppen" if wished != host else "")
        )

    staff_members = [e for e in active.values() if not e.is_leader]
    interviewed = [
        e
        for e, skip in zip(
            staff_members,
            exact_flags(rng, len(staff_members), cal.SHARE_NOT_INTERVIEWED),
            strict=True,
        )
        if not skip
    ]
    counts = quota_counts(len(interviewed), cal.WISH_SHARES)
    weights = [1.0 + 4.0 * (1.0 - attachment.share(e.id, host)) for e in interviewed]
    movers = {e.id for e in weighted_pick(rng, interviewed, weights, counts["move"])}
    rest = [e for e in interviewed if e.id not in movers]
    indifferent = {e.id for e in rng.sample(rest, counts["none"])}
    twice = exact_flags(rng, len(interviewed), cal.SHARE_TWO_INTERVIEWS)
    for employee, has_two in zip(interviewed, twice, strict=True):
        wish = "move" if employee.id in movers else "none" if employee.id in indifferent else "stay"
        destination = _destination(rng, geography, attachment, employee.id)
        interviews.extend(_interviews_of(rng, employee, wish, destination, has_two, geography))
    interviews.sort(key=lambda i: (i.employee_id, i.held_on))
    return interviews


def _interviews_of(
    rng: random.Random,
    employee: Employee,
    wish: str,
    destination: int,
    has_two: bool,
    geography: Geography,
) -> list[Interview]:
    latest_until = cal.INTERVIEWS_UNTIL - timedelta(days=10 if has_two else 0)
    first_day = random_weekday(rng, cal.INTERVIEWS_FROM + timedelta(days=7), latest_until)
    final = _wish_code(wish, geography, destination)
    if not has_two:
        return [Interview(employee.id, first_day, final, _note(rng, wish))]
    first_wish = wish
    if rng.random() < cal.SHARE_CHANGED_WISH:
        first_wish = rng.choice([w for w in cal.WISH_SHARES if w != wish])
    second_day = random_weekday(rng, first_day + timedelta(days=7), cal.INTERVIEWS_UNTIL)
    if second_day <= first_day:
        second_day = first_day + timedelta(days=7)
    return [
        Interview(
            employee.id,
            first_day,
            _wish_code(first_wish, geography, destination),
            _note(rng, first_wish),
        ),
        Interview(
            employee.id,
            second_day,
            final,
            _CHANGED_NOTE if first_wish != wish else rng.choice(_SECOND_NOTES),
        ),
    ]


def add_acceptable(
    rng: random.Random,
    interviews: list[Interview],
    staff: DemoStaff,
    geography: Geography,
    attachment: Attachment,
) -> list[Interview]:
    """Return the interviews with, on some latest ones, the other municipality the employee
    can accept: one a host-wisher could go to, or the host for one who wishes to move.

    Leaders are left out: theirs is settled in the leader group. Drawn from its own stream,
    so that it changes no wish.
    """
    host = geography.host.municipality.code
    leaders = set(staff.moving_leaders) | set(staff.other_leaders)
    latest = {i.employee_id: index for index, i in enumerate(interviews)}  # sorted by date
    stated = [
        index
        for employee_id, index in sorted(latest.items())
        if employee_id not in leaders and interviews[index].wished_municipality is not None
    ]
    out = list(interviews)
    for index, chosen in zip(
        stated, exact_flags(rng, len(stated), cal.SHARE_ACCEPTABLE), strict=True
    ):
        if not chosen:
            continue
        interview = interviews[index]
        if interview.wished_municipality == host:
            other = _destination(rng, geography, attachment, interview.employee_id)
        else:
            other = host
        out[index] = replace(interview, acceptable_municipalities=(other,))
    return out
