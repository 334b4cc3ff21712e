"""A plan's metrics as a user may see them: without the rows about people or cases they may not.

Most metrics are counts; some list one row per employee (their attachment under the
transfer of undertakings act) or case ids. The rows a user may see are decided by the
row rules of `overgang.web.access`; this module only applies them to the metrics.
"""

from __future__ import annotations

from typing import Any

from overgang.web.access import case_filter, citizen_filter, employee_filter
from overgang.web.dataset.models import Case, Citizen, Employee

# Rows of a plan's metrics that are about one person or case, by the key that names them.
PERSONAL_KEYS = {"medarbejder_id": "employees", "sag_id": "cases", "borger_id": "citizens"}


def scoped_metrics(metrics: Any, user: Any, shown: set[str] | None = None) -> Any:
    """A plan's metrics without the rows about people or cases the user may not see.

    Most metrics are counts; some list one row per employee (their attachment under the
    transfer of undertakings act) or case ids. `shown` collects the ids left in, for the
    audit log.
    """
    visible = {
        "employees": set(
            Employee.objects.filter(employee_filter(user)).values_list("ext_id", flat=True)
        ),
        "cases": set(Case.objects.filter(case_filter(user)).values_list("ext_id", flat=True)),
        "citizens": set(
            Citizen.objects.filter(citizen_filter(user)).values_list("ext_id", flat=True)
        ),
    }
    return _scoped(metrics, visible, shown if shown is not None else set())


def _scoped(value: Any, visible: dict[str, set[str]], shown: set[str], key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _scoped(item, visible, shown, k) for k, item in value.items()}
    if isinstance(value, list):
        kept = []
        for item in value:
            if isinstance(item, dict):
                named = [(k, item[k]) for k in PERSONAL_KEYS if k in item]
                if any(str(v) not in visible[PERSONAL_KEYS[k]] for k, v in named):
                    continue
                shown.update(str(v) for _k, v in named)
            elif key == "sager" and isinstance(item, str):  # a list of case ids
                if item not in visible["cases"]:
                    continue
                shown.add(item)
            kept.append(_scoped(item, visible, shown))
        return kept
    return value
