"""Robustness warnings in words, in the active language (Danish by default)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.core.robustness import RobustnessWarning, WarningCode


def _fte(value: object) -> str:
    from overgang.texts.numbers import formatted

    return formatted(float(str(value or 0)), 1)


def warning_text(
    warning: RobustnessWarning, names: Mapping[int, str], professions: Mapping[str, str]
) -> str:
    """Return a warning as a sentence, e.g. 'Vallensbæk: tegnsprog findes hos ingen medarbejder efter delingen'."""
    where = names.get(warning.municipality, str(warning.municipality))
    profession = professions.get(warning.subject, warning.subject)
    if warning.code == WarningCode.BELOW_CRITICAL_MASS:
        text = _("%(profession)s: %(fte)s FTE, below the critical mass of %(critical)s FTE") % {
            "profession": profession,
            "fte": _fte(warning.get("fte")),
            "critical": _fte(warning.get("critical_fte")),
        }
    elif warning.code == WarningCode.HIRES_NEEDED:
        text = _("%(profession)s: %(fte)s FTE must be hired") % {
            "profession": profession,
            "fte": _fte(warning.get("fte")),
        }
    elif warning.code == WarningCode.SINGLE_HOLDER:
        text = _("%(competence)s: held by one employee only (a single point of failure)") % {
            "competence": warning.subject
        }
    elif warning.code == WarningCode.FEW_HOLDERS:
        count = int(warning.get("holders") or 0)
        text = ngettext(
            "%(competence)s: held by %(count)d employee only",
            "%(competence)s: held by %(count)d employees only",
            count,
        ) % {"competence": warning.subject, "count": count}
    else:
        count = int(warning.get("holders_in_centre") or 0)
        text = ngettext(
            "%(competence)s: held by no one after the split (%(count)d holder in the centre today)",
            "%(competence)s: held by no one after the split (%(count)d holders in the centre today)",
            count,
        ) % {"competence": warning.subject, "count": count}
    return f"{where}: {text}"
