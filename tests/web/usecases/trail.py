"""What a use case leaves in the audit log: the entries written since a mark."""

from __future__ import annotations

from dataclasses import dataclass

from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry


@dataclass(frozen=True)
class Mark:
    seq: int

    def entries(self) -> list[AuditEntry]:
        """The entries written since the mark, in order."""
        return list(AuditEntry.objects.filter(seq__gt=self.seq).order_by("seq"))


def mark() -> Mark:
    """A mark at the end of the audit log as it is now."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return Mark(last or 0)


def the_one_entry(since: Mark) -> AuditEntry:
    """The one entry written since the mark, once the whole chain is checked to verify."""
    entries = since.entries()
    assert len(entries) == 1, [str(entry) for entry in entries]
    assert verify_chain().ok
    return entries[0]


def who_did_what(entry: AuditEntry) -> tuple[str, str, str, str]:
    """The entry's actor, action, object type and object id: what a reader of the log checks."""
    return (entry.username, entry.action, entry.object_type, entry.object_id)
