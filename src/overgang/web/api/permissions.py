"""Who may use the API at all: a logged-in user with a role that uses it (see access.PERMISSIONS)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from overgang.web.access import can


class HasRole(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        action = getattr(view, "required_action", "use_api")
        return can(request.user, "use_api") and can(request.user, action)
