"""What every page's layout needs: the user's role in words and the menu for that role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from overgang.web.pages.navigation import menu


def layout(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    profile = getattr(user, "profile", None)
    role = profile.get_role_display() if profile is not None else ""
    if not role and user.is_superuser:
        role = "superuser"
    return {"user_role": role, "navigation": menu(request)}
