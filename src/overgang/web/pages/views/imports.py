"""The transition lead's import page: upload a workbook, see what it changes, confirm it.

Uploading validates the workbook and shows, sheet by sheet, what importing it would
change (`import_workbook(..., dry_run=True)`, as `overgang import --dry-run`); nothing
is stored. "Confirm import" then imports exactly the bytes previewed through the same
use case the command line calls. The page also lists the import history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.io.issues import Severity
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import ImportBatch
from overgang.web.dataset.preview import ImportPreview
from overgang.web.dataset.services import ImportOutcome, import_workbook
from overgang.web.dataset.store import current_batch
from overgang.web.pages import uploads
from overgang.web.pages.listing import page_of
from overgang.web.pages.permissions import requires
from overgang.web.process.clock import before_effective_date


@dataclass(frozen=True)
class HistoryRow:
    """One import of the history, with what it changed summed over its sheets."""

    batch: ImportBatch
    added: int | None  # None: imported before imports kept what they changed
    changed: int | None
    retired: int | None
    touched: int | None


def _history_row(batch: ImportBatch) -> HistoryRow:
    sheets = (batch.summary or {}).get("sheets")
    if not sheets:
        return HistoryRow(batch, None, None, None, None)
    return HistoryRow(
        batch,
        added=sum(int(s.get("added", 0)) for s in sheets.values()),
        changed=sum(int(s.get("changed", 0)) for s in sheets.values()),
        retired=sum(int(s.get("retired", 0)) for s in sheets.values()),
        touched=len(batch.summary.get("touched", [])),
    )


def _current_batch_pk() -> int | None:
    batch = current_batch()
    return batch.pk if batch is not None else None


def _render(
    request: HttpRequest,
    *,
    form: uploads.WorkbookUploadForm | None = None,
    outcome: ImportOutcome | None = None,
    pending: uploads.PendingUpload | None = None,
) -> HttpResponse:
    history = page_of(request, ImportBatch.objects.order_by("-imported_at", "-pk"))
    history.object_list = [_history_row(batch) for batch in history.object_list]
    issues = list(outcome.issues) if outcome is not None else []
    preview = outcome.preview if outcome is not None else None
    context: dict[str, Any] = {
        "form": form or uploads.WorkbookUploadForm(),
        "preview": preview,
        "sample": [(s.sheet, change) for s in preview.sheets for change in s.sample]
        if preview is not None
        else [],
        "unchanged": preview is not None and all(s.unchanged for s in preview.sheets),
        "pending": pending,
        "errors": [i for i in issues if i.severity is Severity.ERROR],
        "warnings": [i for i in issues if i.severity is Severity.WARNING],
        # After the effective date the transition lead sees aggregates only: no rows.
        "show_rows": before_effective_date(),
        "history": history,
        "largest_mb": uploads.largest_file_mb(),
    }
    return render(request, "pages/import.html", context)


def _log_preview(
    request: HttpRequest, pending: uploads.PendingUpload, shown: ImportPreview
) -> None:
    """Log the preview as a read: it shows stored rows of people and cases, field by field."""
    record(
        request,
        Action.VIEW,
        object_type="dataset.importpreview",
        object_id=pending.sha256,
        detail={
            "file": pending.name,
            **shown.summary(),
            # The rows shown field by field (none after the effective date: see _render).
            "ids": sorted({c.row_id for s in shown.sheets for c in s.sample})
            if before_effective_date()
            else [],
        },
    )


def _preview(request: HttpRequest, pending: uploads.PendingUpload) -> ImportOutcome:
    """What importing the pending file would change; a refused file is deleted."""
    outcome = import_workbook(pending.path, by=request.user, dry_run=True)
    if outcome.preview is None:
        uploads.discard(request)
    else:
        _log_preview(request, pending, outcome.preview)
    return outcome


@requires("import_workbook")
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request)
    form = uploads.WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form=form)
    pending = uploads.keep(request, form.cleaned_data["workbook"], batch=_current_batch_pk())
    outcome = _preview(request, pending)
    return _render(
        request, outcome=outcome, pending=pending if outcome.preview is not None else None
    )


def _refusal(pending: uploads.PendingUpload | None, confirmed: str) -> str:
    """Why the confirmed file may not be imported, or '' when it may."""
    if pending is None:
        return _("There is no checked file to import: upload the workbook again.")
    if confirmed != pending.sha256:
        return _(
            "The file you confirmed is not the one checked last in this session: "
            "upload the workbook again."
        )
    if not pending.intact():
        return _(
            "The checked file is gone or has changed on the server; nothing was stored. "
            "Upload the workbook again."
        )
    return ""


@require_POST
@requires("import_workbook")
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = uploads.pending_upload(request)
    if "discard" in request.POST:
        uploads.discard(request)
        messages.info(request, _("The file has been discarded; nothing was stored."))
        return redirect("pages:import")
    refused = _refusal(pending, request.POST.get("sha256", ""))
    if refused or pending is None:
        if pending is not None and not pending.intact():
            uploads.discard(request)
        messages.error(request, refused)
        return redirect("pages:import")
    stored_now = _current_batch_pk()
    if stored_now != pending.batch:
        # Another import came in since the preview, so it no longer says what changes.
        uploads.remember_batch(request, pending, stored_now)
        messages.warning(
            request,
            _(
                "Another workbook has been imported since you checked this one; here is "
                "what importing it changes now. Nothing was stored: confirm again."
            ),
        )
        outcome = _preview(request, pending)
        shown = pending if outcome.preview is not None else None
        return _render(request, outcome=outcome, pending=shown)
    outcome = import_workbook(pending.path, by=request.user)
    uploads.discard(request)
    if outcome.batch is None:
        return _render(request, outcome=outcome)
    messages.success(request, _("Imported %(name)s") % {"name": pending.name})
    return redirect("pages:import")
