"""OpenID Connect login: a user is found or created by the provider's e-mail claim.

A new user gets no profile and therefore no access until an administrator gives
them a role; the provider proves who someone is, Overgang decides what they see.
"""

from __future__ import annotations

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class OvergangOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def create_user(self, claims: dict[str, Any]) -> Any:
        username = str(claims.get("preferred_username") or claims.get("email", ""))[:150]
        return self.UserModel.objects.create_user(username, email=claims.get("email", ""))

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.save(update_fields=["first_name", "last_name"])
        return user
