"""The transfer lists' records: the cases whose handling moves to one receiving municipality.

Until the effective date the host handles every case of the cooperation (the member
municipalities delegated the authority, kommunesamarbejdsloven § 8); from it the
municipality that serves the case in the plan does: the case's handlekommune, or the
host for a service kept in a voluntary cooperation. A case moves to municipality X
when X serves it from the effective date and X is not the host: an in-house case by
the plan's decision (its contact person moves with it or changes), an external one
by its handlekommune. The host's list is therefore empty: its cases stay where they are.

The paying municipality is the data set's before and after (the plan does not change
who pays). Only cases the data set holds now are listed; a list holds only the
receiving municipality's cases.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Q

from overgang.core.domain import Delivery
from overgang.reports.case_transfer import TransferList, TransferRow, transfer_file
from overgang.web.casefiles.models import CaseTransfer, TransferStatus
from overgang.web.dataset.models import Case, Employee
from overgang.web.planning.models import StoredPlan
from overgang.web.reporting.documents import Export
from overgang.web.reporting.held import Held
from overgang.web.reporting.sources import plan_effective_date, plan_labels


def load_transfer_list(plan: StoredPlan, municipality: int) -> TransferList:
    """Return the cases whose handling moves to `municipality` in this plan, by case id."""
    _names, _professions, host = plan_labels(plan)
    if municipality == host:
        return TransferList(plan.pk, municipality, ())
    serving = dict(plan.case_decisions.values_list("case_id", "municipality"))
    contacts = {
        case_id: (former, new)
        for case_id, former, new in plan.case_decisions.values_list(
            "case_id", "former_contact", "contact_person"
        )
    }
    moving = plan.case_decisions.filter(municipality=municipality).values("case_id")
    candidates = Case.objects.filter(
        Q(ext_id__in=moving) | Q(acting_municipality__code=municipality),
        retired_at__isnull=True,
        citizen__retired_at__isnull=True,
    ).values_list(
        "ext_id",
        "citizen__ext_id",
        "citizen__cpr_hash",
        "service",
        "profession__code",
        "legal_basis",
        "delivery",
        "provider",
        "acting_municipality__code",
        "paying_municipality__code",
        "contact_person__ext_id",
    )
    recorded = {
        case_id: (status, reason)
        for case_id, status, reason in CaseTransfer.objects.filter(
            municipality_code=municipality
        ).values_list("case_id", "status", "reason")
    }
    effective = plan_effective_date(plan)
    found = []
    for (
        case_id,
        citizen,
        cpr_key,
        service,
        profession,
        legal_basis,
        delivery,
        provider,
        acting,
        paying,
        contact,
    ) in candidates:
        in_house = delivery == Delivery.IN_HOUSE
        after = serving.get(case_id, acting) if in_house else acting
        if after != municipality:
            continue
        before_contact, after_contact = (
            contacts.get(case_id, (contact or "", contact or ""))
            if in_house
            else (contact or "", contact or "")
        )
        status, reason = recorded.get(case_id, (TransferStatus.PENDING, ""))
        found.append(
            TransferRow(
                case_id=case_id,
                citizen_id=citizen,
                cpr_key=cpr_key,
                service=service,
                profession=profession,
                legal_basis=legal_basis,
                delivery=delivery,
                provider=provider,
                acting_before=host,
                acting_after=after,
                paying_before=paying,
                paying_after=paying,
                contact_before=before_contact,
                contact_after=after_contact,
                contact_name="",
                moves_on=effective,
                status=str(status),
                reason=reason,
            )
        )
    names = dict(
        Employee.objects.filter(
            retired_at__isnull=True, ext_id__in={r.contact_after for r in found if r.contact_after}
        ).values_list("ext_id", "name")
    )
    rows_named = tuple(
        sorted(
            (_named(r, names.get(r.contact_after, "")) for r in found),
            key=lambda r: r.case_id,
        )
    )
    return TransferList(plan.pk, municipality, rows_named)


def _named(row: TransferRow, name: str) -> TransferRow:
    return replace(row, contact_name=name)


def transfer_list_held(transfers: TransferList) -> Held:
    """The list's cases, their citizens and the contact persons it names."""
    return {
        "employees": sorted(
            {p for r in transfers.rows for p in (r.contact_before, r.contact_after) if p}
        ),
        "cases": sorted({r.case_id for r in transfers.rows}),
        "citizens": sorted({r.citizen_id for r in transfers.rows}),
    }


def transfer_list_export(plan: StoredPlan, municipality: int, fmt: str = "xlsx") -> Export:
    """Return one municipality's transfer list as a file, with the cases and people it holds."""
    transfers = load_transfer_list(plan, municipality)
    name, body = transfer_file(transfers, fmt)
    return Export({name: body}, transfer_list_held(transfers))
