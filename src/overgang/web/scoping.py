"""Row-level scoping: which rows of a personal-data model a user may see, and nothing else.

This module knows no Overgang model. Each personal-data model registers, in one
place at start-up (`overgang.web.access.register_personal_data`), its row rule
(the rows a user may see, as a `Q`) and its municipality resolver (the
municipality an object's data belongs to, for the audit log) together. The
model's manager is `ScopedQuerySet.as_manager()`, so `Model.objects.for_user(user)`
returns exactly the rows its rule allows; a model without a registered rule is
refused whole, never shown unfiltered.

Reads through `for_user` are announced on the `rows_read` signal and refused
look-ups on `lookup_refused`; the audit app listens to both. Signals rather than
an import keep this module below the audit log in the dependency graph (see
docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.dispatch import Signal

Rule = Callable[[Any], Q]
Resolver = Callable[[models.Model], "int | None"]
CitizensResolver = Callable[[Sequence[models.Model]], Iterable[str]]

# The rule's answers for "no row" and "every row"; NOTHING short-cuts to an empty queryset.
NOTHING = Q(pk__in=[])
EVERYTHING = Q()

# Sent with `user`, `model` and `rows` when a for_user queryset has fetched rows.
rows_read = Signal()
# Sent with `user`, `model` and `lookup` when a for_user `.get()` found nothing the user may see.
lookup_refused = Signal()


@dataclass(frozen=True)
class Scope:
    """What one personal-data model registers: who sees which rows, and whose data a row is."""

    rule: Rule
    municipality: Resolver
    # Optional: makes a resolver for many objects at once (a list page), with a few queries
    # in all instead of one or two per object.
    municipalities: Callable[[], Resolver] | None = None
    # Optional: the ids of the citizens whose data some of the model's objects are, so that
    # the audit log can answer a citizen's request for insight exactly (`citizens_of`).
    citizens: CitizensResolver | None = None


_registry: dict[type[models.Model], Scope] = {}


def register(
    model: type[models.Model],
    *,
    rule: Rule,
    municipality: Resolver,
    municipalities: Callable[[], Resolver] | None = None,
    citizens: CitizensResolver | None = None,
) -> None:
    """Register a personal-data model's row rule and municipality resolver (once per model)."""
    _registry[model] = Scope(rule, municipality, municipalities, citizens)


def is_personal(model: type[models.Model]) -> bool:
    return model in _registry


def scope_of(model: type[models.Model]) -> Scope:
    """The model's registered scope; a model without one is refused (LookupError)."""
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"no access rule for {model._meta.label_lower}") from None


def restrict(queryset: models.QuerySet[Any], user: Any) -> models.QuerySet[Any]:
    """Return the rows of the queryset the user may see.

    The rules filter by subqueries (`ext_id__in=...`) and foreign keys only, never
    across a to-many relation, so a row is never repeated and no `distinct()` is needed.
    """
    condition = scope_of(queryset.model).rule(user)
    if condition is NOTHING:
        return queryset.none()
    return queryset.filter(condition) if condition else queryset._chain()  # type: ignore[attr-defined,no-any-return]


def visible(user: Any, obj: models.Model) -> bool:
    """Whether the user may see this row of a personal-data model."""
    model = type(obj)
    return restrict(model._default_manager.filter(pk=obj.pk), user).exists()


def municipality_of(obj: models.Model | None) -> int | None:
    """The municipality the object's data belongs to, as its code (None when it has none)."""
    if obj is None:
        return None
    scope = _registry.get(type(obj))
    if scope is not None:
        return scope.municipality(obj)
    code = getattr(obj, "municipality_code", None)
    return code if isinstance(code, int) else None


def municipalities_resolver() -> Resolver:
    """A resolver for many objects of mixed models, made once per list (see Scope.municipalities)."""
    made: dict[type[models.Model], Resolver] = {}

    def resolve(obj: models.Model) -> int | None:
        model = type(obj)
        scope = _registry.get(model)
        if scope is None or scope.municipalities is None:
            return municipality_of(obj)
        if model not in made:
            made[model] = scope.municipalities()
        return made[model](obj)

    return resolve


def citizens_of(objects: Iterable[models.Model]) -> list[str]:
    """The ids of the citizens whose data the objects are, sorted ([] for employees' data)."""
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    found: set[str] = set()
    for model, group in by_model.items():
        scope = _registry.get(model)
        if scope is not None and scope.citizens is not None:
            found.update(scope.citizens(group))
    return sorted(found)


class ScopedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """A queryset with `for_user(user)`: the rows that user may see, and no other."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._audit_user: Any = None

    def for_user(self, user: Any) -> ScopedQuerySet:
        scoped = restrict(self, user)
        scoped._audit_user = user  # type: ignore[attr-defined]
        return scoped  # type: ignore[return-value]

    def _clone(self) -> ScopedQuerySet:
        clone = super()._clone()  # type: ignore[misc]
        clone._audit_user = self._audit_user
        return clone  # type: ignore[no-any-return]

    def get(self, *args: Any, **kwargs: Any) -> Any:
        """The one row, as `QuerySet.get`; a row asked for but out of the user's sight is
        announced as refused (a person trying other municipalities' ids shows in the log)."""
        try:
            return super().get(*args, **kwargs)
        except self.model.DoesNotExist:
            if self._audit_user is not None and kwargs:
                lookup_refused.send(
                    sender=ScopedQuerySet, user=self._audit_user, model=self.model, lookup=kwargs
                )
            raise

    # Why this override exists: every read of personal data must be logged (Datatilsynet's
    # guidance), and `_fetch_all` is the one place every evaluation of a queryset passes
    # (iteration, len, list, indexing, get) — a hook in for_user would log a queryset that
    # is never evaluated, and one per caller would be forgotten. Counts and existence
    # checks fetch no rows and are not logged; a cached queryset is logged once.
    # tests/web/test_scoping.py pins this.
    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()  # type: ignore[misc]
        if fresh and self._audit_user is not None and self._result_cache:
            rows_read.send(
                sender=ScopedQuerySet,
                user=self._audit_user,
                model=self.model,
                rows=self._result_cache,
            )
