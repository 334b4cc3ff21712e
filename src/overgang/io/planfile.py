"""The plan file: a plan's interchange form for auditors and other systems (DESIGN.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OPTIONAL_SETTINGS = (
    "norm_overrides",
    "need_overrides",
    "fixes",
    "reference",
    "history_cap",
    "leaders_only",
    "deterministic",  # the search it was made with: a re-solve must use the same
)


def plan_document(
    *,
    settings: dict[str, Any],
    solver: dict[str, Any],
    employees: list[dict[str, Any]],
    cases: list[dict[str, Any]],
    metrics: dict[str, Any],
    plan_id: int | None = None,
    input_hash: str | None = None,
) -> dict[str, Any]:
    """Return the plan file's document: settings, solver, every employee and case, the metrics."""
    document: dict[str, Any] = {}
    if plan_id is not None:
        document["plan_id"] = plan_id
    if input_hash is not None:
        document["input_hash"] = input_hash
    document.update(
        {
            "weights": settings["weights"],
            "max_load_factor": settings["max_load_factor"],
            "voluntary_only": settings["voluntary_only"],
            "effective_date": settings["effective_date"],
            "cooperation_services": settings.get("cooperation_services", []),
        }
    )
    # A scenario's norm and staffing need overrides, the decisions fixed by hand, the plan
    # re-planned from and the other settings a plan may have: where it has them, so that the
    # file verifies against the settings it was made with.
    document.update({key: settings[key] for key in OPTIONAL_SETTINGS if key in settings})
    document.update({"solver": solver, "employees": employees, "cases": cases, "metrics": metrics})
    return document


def write_plan_file(document: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_plan_file(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document
