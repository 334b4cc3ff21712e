"""The reasons of a plan's decisions in words, in the active language (Danish by default)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.core.planning.explain import CaseReason, EmployeeReason
from overgang.core.planning.plan import Reason


def _term(reason: Reason, municipality: str) -> str:
    term = reason.get("term")
    if term == "contact_change":
        count = int(reason.get("children") or 0)
        return ngettext(
            "%(count)d child keeps their contact person",
            "%(count)d children keep their contact person",
            count,
        ) % {"count": count}
    if term == "below_min_fte":
        return _("the staffing need in %(municipality)s") % {"municipality": municipality}
    return _("cases in %(municipality)s would otherwise be unstaffed") % {
        "municipality": municipality
    }


def employee_reason_text(reason: Reason, names: Mapping[int, str], host: int) -> str:
    """Return why an employee works where the plan puts them, e.g. 'Flyttes til Vallensbæk: eget ønske'."""
    code = reason.get("municipality")
    where = names.get(int(code or 0), str(code))
    stays = code == host
    if reason.code == EmployeeReason.FIXED:
        return fixed_text(reason)
    if reason.code == EmployeeReason.STAYS_BY_WISH:
        return _("Stays in %(municipality)s: own wish") % {"municipality": where}
    if reason.code == EmployeeReason.MOVES_BY_WISH:
        return _("Moves to %(municipality)s: own wish") % {"municipality": where}
    if reason.code == EmployeeReason.NOT_INTERVIEWED:
        return _("Stays in %(municipality)s: not interviewed") % {"municipality": where}
    if reason.code == EmployeeReason.NO_PREFERENCE:
        if stays:
            return _("Stays in %(municipality)s: no preference") % {"municipality": where}
        return _("Moves to %(municipality)s: no preference") % {"municipality": where}
    wish = names.get(int(reason.get("wish") or 0), str(reason.get("wish")))
    because = _term(reason, where)
    if not reason.get("interviewed"):
        return _("Moves to %(municipality)s although not interviewed: %(because)s") % {
            "municipality": where,
            "because": because,
        }
    if reason.code == EmployeeReason.ACCEPTABLE:
        if stays:
            text = _("Stays in %(municipality)s, which the employee can accept (wished %(wish)s)")
        else:
            text = _("Moves to %(municipality)s, which the employee can accept (wished %(wish)s)")
        return text % {"municipality": where, "wish": wish} + ": " + because
    if stays:
        return _("Stays in %(municipality)s against the wish for %(wish)s: %(because)s") % {
            "municipality": where,
            "wish": wish,
            "because": because,
        }
    return _("Moves to %(municipality)s against own wish: %(because)s") % {
        "municipality": where,
        "because": because,
    }


def case_reason_text(
    reason: Reason, names: Mapping[int, str], professions: Mapping[str, str], host: int
) -> str:
    """Return why a case has the contact person it has, e.g. 'Ny kontaktperson: den tidligere bliver i Ishøj'."""
    where = names.get(int(reason.get("municipality") or 0), "")
    profession = professions.get(str(reason.get("profession")), str(reason.get("profession")))
    if reason.code == CaseReason.FIXED:
        text = fixed_text(reason)
    elif reason.code == CaseReason.KEEPS_CONTACT:
        text = _("Keeps the contact person")
    elif reason.code == CaseReason.FORMER_LEAVES:
        text = _("New contact person: the former one leaves")
    elif reason.code == CaseReason.FORMER_ELSEWHERE:
        former = reason.get("former_municipality")
        former_name = names.get(int(former or 0), str(former))
        if former == host:
            text = _("New contact person: the former one stays in %(municipality)s") % {
                "municipality": former_name
            }
        else:
            text = _("New contact person: the former one moves to %(municipality)s") % {
                "municipality": former_name
            }
    elif reason.code == CaseReason.FORMER_FULL:
        text = _("New contact person: the former one has no capacity left")
    elif reason.code == CaseReason.FIRST_CONTACT:
        text = _("Contact person assigned: the case had none")
    else:
        text = _("Not staffed: no free capacity among %(profession)s in %(municipality)s") % {
            "profession": profession.lower(),
            "municipality": where,
        }
    if reason.get("cooperation"):
        text += " " + _("(voluntary cooperation with %(host)s)") % {
            "host": names.get(host, str(host))
        }
    return text


def fixed_text(reason: Reason) -> str:
    """Word a fixed decision: 'Fastlagt af <bruger> <dato>: <begrundelse>'."""
    by, on, why = reason.get("by") or "", str(reason.get("on") or ""), reason.get("reason") or ""
    with contextlib.suppress(ValueError):  # not an ISO date: shown as given
        on = date_format(date.fromisoformat(on))
    if by:
        text = _("Fixed by %(by)s %(on)s") % {"by": by, "on": on}
    else:  # fixed on the command line with no name, or by a notification without a user
        text = _("Fixed %(on)s") % {"on": on}
    return f"{text}: {why}" if why else text
