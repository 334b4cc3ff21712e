"""The hash chain of the audit log: how an entry's hash is computed, the append, and the check."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import transaction

from overgang.web.audit.models import GENESIS, AuditEntry, AuditHead

# Each append logs, at DEBUG, how long it waited for the chain's lock and how long it held
# it (`bench/audit_lock.py` measures with it; docs/operations.md, "Concurrent users").
logger = logging.getLogger("overgang.audit.chain")

HASHED_FIELDS = (
    "seq",
    "at",
    "user_id_value",
    "username",
    "action",
    "object_type",
    "object_id",
    "municipality",
    "remote_addr",
    "detail",
)


def canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's fields in a fixed, canonical JSON form."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["at"] = canonical_time(payload["at"])
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AppendTiming:
    """One append, as logged: how many entries, the wait for the lock and its holding (s)."""

    entries: int
    waited: float
    held: float


def append(entries: Sequence[AuditEntry]) -> None:
    """Number, chain and store the entries, in one short transaction holding the chain's lock.

    The lock is the head row's: `select_for_update` on PostgreSQL; on SQLite the write lock
    the transaction takes as it begins (`transaction_mode` IMMEDIATE in the settings). A
    second writer queues for it (PostgreSQL: the row lock; SQLite: the busy timeout) rather
    than failing. Inside a caller's transaction (a use case's), the entries are part of it.
    Only numbering, hashing and two statements happen under the lock.
    """
    if not entries:
        return
    asked = time.perf_counter()
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # a database emptied by hand (or a test's flush): make the head again
            AuditHead.objects.get_or_create(pk=1)
            head = AuditHead.objects.select_for_update().get(pk=1)
        locked = time.perf_counter()
        seq, prev_hash = head.seq, head.hash
        for entry in entries:
            seq += 1
            entry.seq, entry.prev_hash = seq, prev_hash
            entry.hash = prev_hash = entry_hash(
                prev_hash, {name: getattr(entry, name) for name in HASHED_FIELDS}
            )
        AuditEntry.objects.bulk_create(entries)
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev_hash)
    released = time.perf_counter()
    if logger.isEnabledFor(logging.DEBUG):
        timing = AppendTiming(len(entries), locked - asked, released - locked)
        logger.debug(
            "appended %d audit entries: waited %.2f ms for the chain, held it %.2f ms",
            timing.entries,
            timing.waited * 1000,
            timing.held * 1000,
            extra={"append": timing},
        )


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    entry_id: int | None = None  # the first broken link's database id
    seq: int | None = None  # ... and its number in the chain
    problem: str = ""  # one of the codes below
    # "changed": the entry's fields do not give its hash
    # "deleted": numbers jump (the entries between are gone)
    # "relinked": the entry does not point to the previous entry's hash
    # "truncated": the head names a later last entry than the log holds


def verify_chain() -> Verdict:
    """Check every entry in order; return the first broken link, or that the chain is whole."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    fields = (*HASHED_FIELDS, "pk", "prev_hash", "hash")
    for row in AuditEntry.objects.order_by("seq").values(*fields).iterator(chunk_size=2000):
        if row["seq"] != expected_seq:
            return Verdict(False, checked, row["pk"], row["seq"], "deleted")
        if row["prev_hash"] != prev_hash:
            return Verdict(False, checked, row["pk"], row["seq"], "relinked")
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            return Verdict(False, checked, row["pk"], row["seq"], "changed")
        prev_hash, expected_seq, last_seq = row["hash"], expected_seq + 1, row["seq"]
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        return Verdict(False, checked, None, last_seq + 1, "truncated")
    return Verdict(True, checked)
