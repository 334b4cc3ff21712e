"""Pages of a list: ?limit= (at most 1000) and ?offset=; out-of-range numbers are clamped, not errors."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 10**12  # beyond any list; keeps the number inside the database's integer range


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000

    def get_offset(self, request: Any) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
