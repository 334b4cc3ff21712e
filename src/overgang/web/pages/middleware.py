"""Danish unless the user chose otherwise: the pages follow the language switch, not the browser."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class DanishUnlessChosen:
    """Drop the browser's language wish, so LocaleMiddleware uses the switch's cookie or Danish.

    Overgang's users are Danish public-sector staff; a browser set to English
    should not turn the pages English by itself. The language switch does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
