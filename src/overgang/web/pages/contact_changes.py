"""The case page's changes of contact person after the effective date, and its form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from overgang.web.access import can
from overgang.web.casefiles.models import ContactChange
from overgang.web.dataset.models import Case
from overgang.web.pages.forms import ContactChangeForm
from overgang.web.process.clock import before_effective_date


def contact_change_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    """The case page's changes of contact person after the effective date, and the form to add one."""
    may = not before_effective_date() and can(request.user, "record_contact_change", case)
    return {
        "contact_changes": list(
            ContactChange.objects.for_user(request.user).filter(case_id=case.ext_id)
        ),
        "contact_change_form": ContactChangeForm() if may else None,
    }
