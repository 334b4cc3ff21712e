"""The stored plan a command names by id, or the command ends saying there is none."""

from __future__ import annotations

from typing import Any

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import err_console


def stored_plan_or_exit(plan_id: int) -> Any:
    """Return the StoredPlan `plan_id` (Django is set up lazily), or exit 1 saying none is."""
    from overgang.web.planning.models import StoredPlan

    stored = StoredPlan.objects.filter(pk=plan_id).first()
    if stored is None:
        err_console.print(_("No plan with id %(id)s.") % {"id": plan_id})
        raise typer.Exit(1)
    return stored
