"""The consulted bodies (høringsparter): MED committees, city councils, staff groups.

The transition lead creates and renames them on the page "Høringsparter" and with
`overgang body`; their members are users with the committee role, whose profile names
the body (`accounts.services.set_body_membership`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Municipality
from overgang.web.process.models import Body, BodyKind
from overgang.web.process.services import ProcessError


def _checked(name: str, kind: str, municipality_code: int | None, pk: int | None = None) -> str:
    """Return the body's name, stripped, or refuse what a body cannot be."""
    name = name.strip()
    if not name:
        raise ProcessError(_("A body needs a name."))
    if Body.objects.filter(name__iexact=name).exclude(pk=pk).exists():
        raise ProcessError(_("A body is already named %(name)s.") % {"name": name})
    if kind not in BodyKind.values:
        raise ProcessError(
            _("The kind of body is one of: %(choices)s.") % {"choices": ", ".join(BodyKind.values)}
        )
    if (
        municipality_code is not None
        and not Municipality.objects.filter(code=municipality_code).exists()
    ):
        raise ProcessError(
            _("No municipality has the code %(code)s.") % {"code": municipality_code}
        )
    return name


@transaction.atomic
def add_body(
    *, name: str, kind: str = BodyKind.MED, municipality_code: int | None = None, by: Actor
) -> Body:
    """Create a body to consult; its name is unique (whatever the case of its letters)."""
    name = _checked(name, kind, municipality_code)
    body = Body.objects.create(name=name, kind=kind, municipality_code=municipality_code)
    record(by, Action.CREATE, body, detail={"name": name, "kind": kind})
    return body


@transaction.atomic
def change_body(
    *, body: Body, name: str, kind: str, municipality_code: int | None, by: Actor
) -> Body:
    """Rename a body or change its kind or municipality; its consultations stay with it."""
    name = _checked(name, kind, municipality_code, pk=body.pk)
    before = {"name": body.name, "kind": body.kind, "municipality_code": body.municipality_code}
    body.name, body.kind, body.municipality_code = name, kind, municipality_code
    body.save(update_fields=["name", "kind", "municipality_code"])
    after = {"name": name, "kind": kind, "municipality_code": municipality_code}
    changed = sorted(key for key in after if after[key] != before[key])
    record(
        by,
        Action.UPDATE,
        body,
        detail={"fields": changed, **{key: [before[key], after[key]] for key in changed}},
    )
    return body
