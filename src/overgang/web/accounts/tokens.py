"""API tokens that expire: `API_TOKEN_LIFETIME` after they were issued, a token is refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def expires_at(token: Token) -> datetime:
    """Return when the token stops being accepted."""
    return token.created + settings.API_TOKEN_LIFETIME


def has_expired(token: Token) -> bool:
    return timezone.now() >= expires_at(token)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than its lifetime (401)."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if has_expired(token):
            raise AuthenticationFailed(_("The token has expired: ask for a new one."))
        return user, token
