"""Store a data set and load it back: the one place rows become domain objects and back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from overgang.core.domain import (
    Case,
    Citizen,
    Dataset,
    Delivery,
    District,
    Employee,
    EmploymentForm,
    Institution,
    InstitutionType,
    Interview,
    Municipality,
    MunicipalityRole,
    Profession,
    ResignationReason,
    StaffingNeed,
)
from overgang.core.progress import Progress
from overgang.web.dataset import models as m
from overgang.web.dataset.municipalities import kept_settings, set_in_app

BATCH_SIZE = 2000


# The data set's rows matched by id, in the order their references need. StaffingNeed is
# replaced as a whole (it has no history); imported interviews are replaced, those recorded
# in Overgang kept.
RETIRED_MODELS: tuple[type[models.Model], ...] = (
    m.Municipality,
    m.Profession,
    m.District,
    m.Institution,
    m.Employee,
    m.Citizen,
    m.Case,
)


def _ids(model: type[models.Model], field: str = "ext_id") -> dict[Any, int]:
    return dict(model.objects.values_list(field, "pk"))


def _upsert(
    model: type[models.Model],
    rows: Iterable[models.Model],
    total: int,
    progress: Progress | None,
    *,
    key: str = "ext_id",
) -> None:
    """Insert the rows, or update the stored row with the same key (and bring it back from
    retirement: the rows carry retired_at None)."""
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in (key, "version")
    ]
    batch: list[models.Model] = []
    done = 0

    def flush() -> None:
        nonlocal done
        model.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=[key], update_fields=fields
        )
        done += len(batch)
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            flush()
            if progress:
                progress(str(model._meta.verbose_name_plural), done, total)
    if batch:
        flush()
    if progress:
        progress(str(model._meta.verbose_name_plural), done, total)


def _insert(
    model: type[models.Model], rows: Iterable[models.Model], total: int, progress: Progress | None
) -> None:
    batch: list[models.Model] = []
    done = 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            model.objects.bulk_create(batch)
            done += len(batch)
            batch.clear()
    if batch:
        model.objects.bulk_create(batch)
        done += len(batch)
    if progress:
        progress(str(model._meta.verbose_name_plural), done, total)


@transaction.atomic
def merge_dataset(
    dataset: Dataset,
    *,
    file_name: str,
    file_hash: str,
    imported_by: str,
    progress: Progress | None = None,
) -> m.ImportBatch:
    """Store the data set, matching rows by their ids; return the import's batch record.

    Rows the data set lists are added or changed; rows it no longer lists are retired
    (kept, with `retired_at`), never deleted, so that interviews, decisions, handovers and
    everything else recorded about them stays. Imported interviews are replaced by the
    file's; interviews recorded in Overgang are kept, and so are the municipalities' names
    and roles set in Overgang. The staffing needs are replaced.
    """
    # The names and roles the transition lead set in Overgang stay (dataset.municipalities).
    dataset, _kept = kept_settings(dataset)
    marks = set_in_app()
    now = timezone.now()
    # Everything is retired first and brought back by the upserts below: what stays
    # retired is what the file no longer lists (no id list, however large the data set).
    for model in RETIRED_MODELS:
        model.objects.filter(retired_at__isnull=True).update(retired_at=now)
    m.StaffingNeed.objects.all().delete()
    m.Interview.objects.filter(recorded_by="").delete()
    m.ImportBatch.objects.filter(is_current=True).update(is_current=False)
    batch = m.ImportBatch.objects.create(
        imported_by=imported_by,
        file_name=file_name,
        file_hash=file_hash,
        row_counts=dataset.row_counts(),
    )

    _upsert(
        m.Municipality,
        (
            m.Municipality(
                code=x.code,
                name=x.name,
                role=x.role.value,
                name_set_by=marks.get(x.code, ("", ""))[0],
                role_set_by=marks.get(x.code, ("", ""))[1],
                batch=batch,
            )
            for x in dataset.municipalities
        ),
        len(dataset.municipalities),
        progress,
        key="code",
    )
    municipality = _ids(m.Municipality, "code")
    _upsert(
        m.Profession,
        (
            m.Profession(code=x.code, name=x.name, norm=x.norm, batch=batch)
            for x in dataset.professions
        ),
        len(dataset.professions),
        progress,
        key="code",
    )
    profession = _ids(m.Profession, "code")
    _upsert(
        m.District,
        (
            m.District(
                ext_id=x.id, municipality_id=municipality[x.municipality], name=x.name, batch=batch
            )
            for x in dataset.districts
        ),
        len(dataset.districts),
        progress,
    )
    district = _ids(m.District)
    _upsert(
        m.Institution,
        (
            m.Institution(
                ext_id=x.id,
                name=x.name,
                type=x.type.value,
                district_id=district[x.district_id],
                batch=batch,
            )
            for x in dataset.institutions
        ),
        len(dataset.institutions),
        progress,
    )
    institution = _ids(m.Institution)
    _upsert(
        m.Employee,
        (_employee_row(x, profession, batch) for x in dataset.employees),
        len(dataset.employees),
        progress,
    )
    employee = _ids(m.Employee)
    # An interview recorded in Overgang that the file also lists (an exported workbook
    # imported again) is kept once, as recorded.
    recorded = {
        (employee_pk, held_on, wish, note, tuple(sorted(acceptable)))
        for employee_pk, held_on, wish, note, acceptable in m.Interview.objects.values_list(
            "employee_id", "held_on", "wished_municipality_id", "note", "acceptable_municipalities"
        )
    }
    _insert(
        m.Interview,
        (
            _interview_row(x, employee, municipality, batch)
            for x in dataset.interviews
            if _interview_key(x, employee, municipality) not in recorded
        ),
        len(dataset.interviews),
        progress,
    )
    _upsert(
        m.Citizen,
        (
            m.Citizen(
                ext_id=x.id,
                municipality_id=municipality[x.municipality],
                family_id=x.family_id,
                birth_year=x.birth_year,
                district_id=district[x.district_id] if x.district_id else None,
                institution_id=institution[x.institution_id] if x.institution_id else None,
                cpr_hash=x.cpr_hash or "",
                batch=batch,
            )
            for x in dataset.citizens
        ),
        len(dataset.citizens),
        progress,
    )
    citizen = _ids(m.Citizen)
    _upsert(
        m.Case,
        (
            m.Case(
                ext_id=x.id,
                citizen_id=citizen[x.citizen_id],
                service=x.service,
                profession_id=profession[x.profession],
                delivery=x.delivery.value,
                provider=x.provider,
                load=x.load,
                acting_municipality_id=municipality[x.acting_municipality],
                paying_municipality_id=municipality[x.paying_municipality],
                contact_person_id=employee[x.contact_person] if x.contact_person else None,
                vulnerability=x.vulnerability,
                started_on=x.started_on,
                legal_basis=x.legal_basis,
                earlier_changes=x.earlier_changes,
                batch=batch,
            )
            for x in dataset.cases
        ),
        len(dataset.cases),
        progress,
    )
    _insert(
        m.StaffingNeed,
        (
            m.StaffingNeed(
                municipality_id=municipality[x.municipality],
                profession_id=profession[x.profession],
                min_fte=x.min_fte,
                batch=batch,
            )
            for x in dataset.needs
        ),
        len(dataset.needs),
        progress,
    )
    return batch


def _interview_key(
    x: Interview, employee: dict[Any, int], municipality: dict[Any, int]
) -> tuple[Any, ...]:
    """What makes a stored interview the same as the file's: all it says, as stored."""
    wish = municipality[x.wished_municipality] if x.wished_municipality is not None else None
    acceptable = tuple(sorted(set(x.acceptable_municipalities)))
    return (employee[x.employee_id], x.held_on, wish, x.note, acceptable)


def _interview_row(
    x: Interview, employee: dict[Any, int], municipality: dict[Any, int], batch: m.ImportBatch
) -> m.Interview:
    employee_pk, held_on, wish, note, acceptable = _interview_key(x, employee, municipality)
    return m.Interview(
        employee_id=employee_pk,
        held_on=held_on,
        wished_municipality_id=wish,
        note=note,
        acceptable_municipalities=list(acceptable),
        batch=batch,
    )


def _employee_row(x: Employee, profession: dict[Any, int], batch: m.ImportBatch) -> m.Employee:
    return m.Employee(
        ext_id=x.id,
        name=x.name,
        profession_id=profession[x.profession],
        hours=x.hours,
        is_leader=x.is_leader,
        unit=x.unit,
        hired_on=x.hired_on,
        employment_form=x.employment_form.value if x.employment_form else "",
        competences=list(x.competences),
        resigned_on=x.resigned_on,
        resignation_reason=x.resignation_reason.value if x.resignation_reason else "",
        batch=batch,
    )


def load_dataset() -> Dataset:
    """Return the stored data set as domain objects, in the workbook's canonical order."""
    municipality_code = dict(m.Municipality.objects.values_list("pk", "code"))
    profession_code = dict(m.Profession.objects.values_list("pk", "code"))
    district_id = dict(m.District.objects.values_list("pk", "ext_id"))
    institution_id = dict(m.Institution.objects.values_list("pk", "ext_id"))
    employee_id = dict(m.Employee.objects.values_list("pk", "ext_id"))
    citizen_id = dict(m.Citizen.objects.values_list("pk", "ext_id"))

    return Dataset(
        municipalities=tuple(
            Municipality(code=code, name=name, role=MunicipalityRole(role))
            for code, name, role in m.Municipality.objects.filter(retired_at__isnull=True)
            .order_by("code")
            .values_list("code", "name", "role")
        ),
        professions=tuple(
            Profession(code=code, name=name, norm=norm)
            for code, name, norm in m.Profession.objects.filter(retired_at__isnull=True)
            .order_by("code")
            .values_list("code", "name", "norm")
        ),
        districts=tuple(
            District(id=ext_id, municipality=municipality_code[mun], name=name)
            for ext_id, mun, name in m.District.objects.filter(retired_at__isnull=True)
            .order_by("ext_id")
            .values_list("ext_id", "municipality_id", "name")
        ),
        institutions=tuple(
            Institution(
                id=ext_id, name=name, type=InstitutionType(kind), district_id=district_id[dist]
            )
            for ext_id, name, kind, dist in m.Institution.objects.filter(retired_at__isnull=True)
            .order_by("ext_id")
            .values_list("ext_id", "name", "type", "district_id")
        ),
        employees=tuple(
            Employee(
                id=row.ext_id,
                name=row.name,
                profession=profession_code[row.profession_id],
                hours=row.hours,
                is_leader=row.is_leader,
                unit=row.unit,
                hired_on=row.hired_on,
                employment_form=EmploymentForm(row.employment_form)
                if row.employment_form
                else None,
                competences=tuple(row.competences),
                resigned_on=row.resigned_on,
                resignation_reason=(
                    ResignationReason(row.resignation_reason) if row.resignation_reason else None
                ),
            )
            for row in m.Employee.objects.filter(retired_at__isnull=True).order_by("ext_id")
        ),
        interviews=load_interviews(municipality_code, employee_id),
        citizens=tuple(
            Citizen(
                id=row.ext_id,
                municipality=municipality_code[row.municipality_id],
                family_id=row.family_id,
                birth_year=row.birth_year,
                district_id=district_id[row.district_id] if row.district_id else None,
                institution_id=institution_id[row.institution_id] if row.institution_id else None,
                cpr_hash=row.cpr_hash or None,
            )
            for row in m.Citizen.objects.filter(retired_at__isnull=True).order_by("ext_id")
        ),
        cases=tuple(
            Case(
                id=row.ext_id,
                citizen_id=citizen_id[row.citizen_id],
                service=row.service,
                profession=profession_code[row.profession_id],
                delivery=Delivery(row.delivery),
                acting_municipality=municipality_code[row.acting_municipality_id],
                paying_municipality=municipality_code[row.paying_municipality_id],
                provider=row.provider,
                load=row.load,
                contact_person=employee_id[row.contact_person_id]
                if row.contact_person_id
                else None,
                vulnerability=row.vulnerability,
                started_on=row.started_on,
                legal_basis=row.legal_basis,
                earlier_changes=row.earlier_changes,
            )
            for row in m.Case.objects.filter(retired_at__isnull=True).order_by("ext_id")
        ),
        needs=tuple(
            StaffingNeed(
                municipality=municipality_code[mun], profession=profession_code[prof], min_fte=fte
            )
            for mun, prof, fte in m.StaffingNeed.objects.order_by(
                "municipality__code", "profession__code"
            ).values_list("municipality_id", "profession_id", "min_fte")
        ),
    )


def load_interviews(
    municipality_code: dict[int, int] | None = None, employee_id: dict[int, str] | None = None
) -> tuple[Interview, ...]:
    """Return the stored interviews as `load_dataset` gives them (the part of the data set
    that changes between imports)."""
    if municipality_code is None:
        municipality_code = dict(m.Municipality.objects.values_list("pk", "code"))
    if employee_id is None:
        employee_id = dict(m.Employee.objects.values_list("pk", "ext_id"))
    return tuple(
        Interview(
            employee_id=employee_id[emp],
            held_on=held_on,
            wished_municipality=municipality_code[wish] if wish is not None else None,
            note=note,
            acceptable_municipalities=tuple(sorted(set(acceptable or ()))),
        )
        for emp, held_on, wish, note, acceptable in m.Interview.objects.filter(
            employee__retired_at__isnull=True
        )
        .order_by("employee__ext_id", "held_on", "pk")
        .values_list(
            "employee_id",
            "held_on",
            "wished_municipality_id",
            "note",
            "acceptable_municipalities",
        )
    )


def current_batch() -> m.ImportBatch | None:
    """Return the record of the stored data set, or None when nothing has been imported."""
    return m.ImportBatch.objects.filter(is_current=True).first()
