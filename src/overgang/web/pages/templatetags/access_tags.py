"""`{% load access_tags %}`: `user|may:"action"` asks `overgang.web.access.can` in a template."""

from __future__ import annotations

from typing import Any

from django import template

from overgang.web.access import can

register = template.Library()


@register.filter
def may(user: Any, action: str) -> bool:
    """Whether the user may do the action (a link shown only to those it leads somewhere)."""
    return can(user, action)
