"""The municipalities' names and roles as the transition lead sets them, kept across imports.

The workbook's sheet `kommuner` brings each municipality's name and role (host or
member). The transition lead may change them in Overgang (the page "Forløbet",
`overgang transition municipality`); the row then records who set the name or the
role (`name_set_by`, `role_set_by`). A later import keeps what was set in Overgang,
as it keeps an interview recorded in Overgang, and names the difference among what
needs attention, so that nothing set by hand is undone in silence.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.core.domain import Dataset, MunicipalityRole
from overgang.web.audit.actors import Actor, actor_name
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Municipality


class MunicipalityError(ValueError):
    """A name or role that cannot be set as asked; the message says why, for the user."""


@transaction.atomic
def set_municipality(
    *, code: int, name: str | None = None, role: str | None = None, by: Actor
) -> Municipality:
    """Set a municipality's name and/or role in Overgang; return the stored row.

    Exactly one municipality is the host: making one the host makes the former host a
    member (both recorded as set in Overgang), and the host cannot be made a member
    except by making another municipality the host.
    """
    found = Municipality.objects.select_for_update().filter(code=code, retired_at=None).first()
    if found is None:
        raise MunicipalityError(_("No municipality has the code %(code)s.") % {"code": code})
    who = actor_name(by)
    changed: dict[str, str] = {}
    if name is not None:
        name = name.strip()
        if not name:
            raise MunicipalityError(_("A municipality needs a name."))
        if name != found.name:
            changed["name"] = name
        found.name, found.name_set_by = name, who
    if role is not None:
        if role not in {choice.value for choice in MunicipalityRole}:
            raise MunicipalityError(_("The role is vaert (host) or medlem (member)."))
        if role == MunicipalityRole.MEMBER and found.role == MunicipalityRole.HOST:
            raise MunicipalityError(
                _("There must be a host: make another municipality the host instead.")
            )
        if role == MunicipalityRole.HOST and found.role != MunicipalityRole.HOST:
            changed["role"] = role
            for former in Municipality.objects.select_for_update().filter(
                role=MunicipalityRole.HOST, retired_at=None
            ):
                former.role, former.role_set_by = MunicipalityRole.MEMBER.value, who
                former.save(update_fields=["role", "role_set_by"])
                record(by, Action.UPDATE, former, detail={"role": MunicipalityRole.MEMBER.value})
        found.role, found.role_set_by = role, who
    found.save(update_fields=["name", "name_set_by", "role", "role_set_by"])
    record(by, Action.UPDATE, found, detail={"set_in_app": sorted(changed), **changed})
    return found


def kept_settings(dataset: Dataset) -> tuple[Dataset, list[str]]:
    """Return the data set with the names and roles set in Overgang, and one sentence per
    value of the workbook that Overgang keeps instead.

    The host chosen in Overgang stays the host (and every other municipality a member) as
    long as the workbook still lists it; where it does not, the workbook's roles apply.
    """
    stored = {
        row.code: row
        for row in Municipality.objects.filter(retired_at=None).exclude(
            name_set_by="", role_set_by=""
        )
    }
    if not stored:
        return dataset, []
    listed = {x.code for x in dataset.municipalities}
    host = next(
        (
            code
            for code, row in stored.items()
            if row.role_set_by and row.role == MunicipalityRole.HOST and code in listed
        ),
        None,
    )
    sentences: list[str] = []
    kept = []
    for x in dataset.municipalities:
        row = stored.get(x.code)
        name = row.name if row is not None and row.name_set_by else x.name
        role = x.role
        if host is not None:
            role = MunicipalityRole.HOST if x.code == host else MunicipalityRole.MEMBER
        if name != x.name:
            sentences.append(
                _(
                    "The name of municipality %(code)s was set in Overgang to “%(kept)s”; "
                    "the workbook says “%(file)s”. Overgang keeps “%(kept)s”."
                )
                % {"code": x.code, "kept": name, "file": x.name}
            )
        if role != x.role:
            sentences.append(
                _(
                    "The role of municipality %(code)s was set in Overgang to %(kept)s; "
                    "the workbook says %(file)s. Overgang keeps %(kept)s."
                )
                % {"code": x.code, "kept": role.value, "file": x.role.value}
            )
        kept.append(replace(x, name=name, role=role))
    return replace(dataset, municipalities=tuple(kept)), sentences


def set_in_app() -> dict[int, tuple[str, str]]:
    """Who set each municipality's name and role in Overgang, by code (blank: the workbook)."""
    return {
        code: (name_by, role_by)
        for code, name_by, role_by in Municipality.objects.values_list(
            "code", "name_set_by", "role_set_by"
        )
    }
