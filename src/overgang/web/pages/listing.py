"""Helpers shared by the list pages: a search box and pages of rows."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def searched(request: HttpRequest, rows: QuerySet[Any], *fields: str) -> tuple[QuerySet[Any], str]:
    """Return the rows matching the search box's words in any of the fields, and the words."""
    words = request.GET.get("q", "").strip()
    for word in words.split():
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        rows = rows.filter(condition)
    return rows, words


def page_of(request: HttpRequest, rows: QuerySet[Any], param: str = "page") -> Page:
    """Return the page of rows the address asks for with `param` (two lists on a page differ)."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()  # keep the search and filters
        query[param] = str(number)
        return f"?{query.urlencode()}"

    page.previous_link = link(page.number - 1) if page.has_previous() else ""  # type: ignore[attr-defined]
    page.next_link = link(page.number + 1) if page.has_next() else ""  # type: ignore[attr-defined]
    return page
