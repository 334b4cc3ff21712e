"""The main menu: the pages a user's role may open, in the order of the transition's work."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Item:
    url: str
    label: str
    current: bool


def menu(request: HttpRequest) -> list[Item]:
    """Return the menu items the user may open, marking the one being shown."""
    entries = [("pages:dashboard", _("Overview"))]
    items = []
    for name, label in entries:
        url = reverse(name)
        current = request.path == url
        items.append(Item(url, label, current))
    return items
