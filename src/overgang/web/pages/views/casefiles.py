"""Letters to families and case files to the receiving case system.

- `family_letters`: one letter per family whose child gets a new contact person in
  the plan, for the families of the user's municipality only, as PDF or Word.
- `case_transfers`: a receiving municipality's transfer list: its counts, the cases
  and their answers, the list to download and the administrator's answered file to
  upload. A municipal lead works on their own municipality's list only; the transition
  lead chooses one.
Every file is audited with what it holds, and every answer recorded by the use cases
of `overgang.web.casefiles.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.io.transfer_answers import TransferFileError, read_transfer_answers
from overgang.reports.case_transfer import TRANSFER_FORMATS
from overgang.web.access import profile_of
from overgang.web.accounts.models import Role
from overgang.web.audit.exports import record_export
from overgang.web.casefiles.models import CaseTransfer, TransferStatus
from overgang.web.casefiles.services import confirm_case_transfers, record_transfer_export
from overgang.web.dataset.models import Municipality
from overgang.web.pages.permissions import requires
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.selectors import current_plan, host_code
from overgang.web.process.clock import before_effective_date
from overgang.web.reporting.case_transfers import transfer_list_export
from overgang.web.reporting.family_letters import family_letters_export

_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "csv-utf8": "text/csv; charset=utf-8",
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def _file(body: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(body, content_type=_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires("download_personal_reports")
def family_letters(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The letters to the families the user's municipality writes to, in one file."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    plan = get_object_or_404(StoredPlan, pk=pk)
    made = family_letters_export(plan, fmt, _language(), user=request.user, combined=True)
    if not made.files:
        raise Http404(_("No letters to families you may write."))
    record_export(
        request,
        report="family-letters",
        object_id=str(plan.pk),
        held=made.held,
        files=list(made.files),
    )
    name, body = next(iter(made.files.items()))
    return _file(body, name, fmt)


def _receiving(request: HttpRequest) -> tuple[list[tuple[int, str]], int | None]:
    """The municipalities whose lists the user may work on, and the one chosen."""
    profile = profile_of(request.user)
    if profile is None or (profile.role == Role.TRANSITION_LEAD and not before_effective_date()):
        return [], None  # after the effective date the transition lead sees no case
    others = list(
        Municipality.objects.filter(retired_at__isnull=True)
        .exclude(code=host_code() or 0)
        .order_by("code")
        .values_list("code", "name")
    )
    if profile.role == Role.MUNICIPAL_LEAD:
        own = [(code, name) for code, name in others if code == profile.municipality_code]
        return own, own[0][0] if own else None
    wanted = request.POST.get("kommune") or request.GET.get("kommune") or ""
    codes = [code for code, _name in others]
    chosen = int(wanted) if wanted.isdigit() and int(wanted) in codes else None
    return others, chosen if chosen is not None else (codes[0] if codes else None)


@requires("transfer_case_files")
def case_transfers(request: HttpRequest) -> HttpResponse:
    municipalities, chosen = _receiving(request)
    if request.method == "POST" and chosen is not None:
        upload = request.FILES.get("fil")
        if upload is None or (upload.size or 0) > MAX_UPLOAD_BYTES:
            messages.error(request, _("Choose the answered transfer list (.xlsx or .csv)."))
        else:
            _confirm(request, upload.name or "svar", upload.read(), chosen)
        return redirect(f"{reverse('pages:case-transfers')}?kommune={chosen}")
    rows = CaseTransfer.objects.for_user(request.user).filter(municipality_code=chosen)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return render(
        request,
        "pages/case_transfers.html",
        {
            "municipalities": municipalities,
            "chosen": chosen,
            "plan": current_plan(),
            "formats": [
                ("xlsx", _("Excel workbook (.xlsx)")),
                ("csv", _("CSV for Danish Excel (semicolon, UTF-8 with BOM)")),
                ("csv-utf8", _("CSV, UTF-8 (comma)")),
            ],
            "counts": [(label, counts.get(status, 0)) for status, label in TransferStatus.choices],
            "answered": rows.exclude(status=TransferStatus.PENDING)[:200],
        },
    )


def _confirm(request: HttpRequest, name: str, data: bytes, municipality: int) -> None:
    try:
        read = read_transfer_answers(name, data)
    except TransferFileError as error:
        messages.error(
            request,
            _("The file is refused; nothing was recorded: %(problems)s")
            % {"problems": "; ".join(error.problems[:20])},
        )
        return
    result = confirm_case_transfers(
        answers=read.answers, municipality=municipality, file_name=name, by=request.user
    )
    messages.success(
        request,
        _("Recorded %(taken)d taken over and %(refused)d refused; %(open)d rows without an answer.")
        % {
            "taken": len(result.taken_over),
            "refused": len(result.refused),
            "open": read.unanswered,
        },
    )
    for row, case_id in result.unknown[:50]:
        messages.warning(
            request,
            _("Row %(row)s: case %(case)s is not on the transfer list; not recorded.")
            % {"row": row, "case": case_id},
        )


@require_POST
@requires("transfer_case_files")
def case_transfer_export(request: HttpRequest) -> HttpResponse:
    """The chosen municipality's transfer list as a file; its cases recorded as sent."""
    _municipalities, chosen = _receiving(request)
    fmt = request.POST.get("format", "xlsx")
    plan = current_plan()
    if chosen is None or plan is None or fmt not in TRANSFER_FORMATS:
        raise Http404
    made = transfer_list_export(plan, chosen, fmt)
    name, body = next(iter(made.files.items()))
    record_transfer_export(
        municipality=chosen, plan_id=plan.pk, held=made.held, files=[name], by=request.user
    )
    return _file(body, name, fmt)
