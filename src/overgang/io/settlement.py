"""The optional sheet `deling`: the settlement register (delingsaftale), beside the data set.

Each row is an item: its id, category, description, value, today's owner, the proposed
split (to one municipality, shared by a key, or disputed), the key and shares, status,
deadline, who is responsible and a note. Like `fastlagt`, the sheet is carried beside the
Dataset: `read_workbook` gives its rows in `ReadResult.settlement`, checked against the
municipalities the same workbook gives, and `write_workbook(..., settlement=...)` writes
them. An import adds or changes the items it names and leaves the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from overgang.core.domain import Dataset
from overgang.io.cells import display
from overgang.io.columns import Column, Sheet
from overgang.io.fixed import _municipality_code
from overgang.io.issues import Issue, error
from overgang.io.settlement_sheet import DISPUTED, SETTLEMENT_SHEET, SHARED
from overgang.io.sheets import ParsedSheet

ONE = "en"  # the item goes to one municipality (the settlement app's SplitKind.ONE)
AGREED = "aftalt"


@dataclass(frozen=True)
class SettlementRow:
    """One item as the sheet holds it; `split_kind` is en, noegle or uenighed, `shares` each
    municipality's share by code. `row` is the spreadsheet row, 0 when written."""

    ext_id: str
    category: str
    description: str
    value: Decimal | None = None
    owner_code: int | None = None
    split_kind: str = SHARED
    split_to: int | None = None
    split_key: str = ""
    shares: dict[int, Decimal] = field(default_factory=dict)
    status: str = "forslag"
    due_on: date | None = None
    responsible: str = ""
    note: str = ""
    row: int = 0


_SHARE = re.compile(r"^\s*(\d{1,4})\s*[:=]\s*([0-9]+(?:[.,][0-9]+)?)\s*$")


def parse_shares(text: str) -> dict[int, Decimal] | None:
    """The shares of a cell such as '183: 0,6; 187: 0,4' by code, or None when it is no such list."""
    shares: dict[int, Decimal] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        match = _SHARE.match(part)
        if match is None or int(match.group(1)) in shares:
            return None
        try:
            shares[int(match.group(1))] = Decimal(match.group(2).replace(",", "."))
        except InvalidOperation:
            return None
    return shares or None


def shares_text(shares: dict[int, Decimal]) -> str:
    """The cell of the shares, e.g. '183: 0.6; 187: 0.4' (codes in order)."""
    return "; ".join(f"{code}: {format(share, 'f')}" for code, share in sorted(shares.items()))


def settlement_rows(
    sheet: ParsedSheet, dataset: Dataset
) -> tuple[tuple[SettlementRow, ...], list[Issue]]:
    """Return the sheet's items, checked against the municipalities of the same workbook, and an
    error for each cell that names no municipality or holds no split that can be (sheet, row and
    column named)."""
    codes = {m.code for m in dataset.municipalities}
    rows: list[SettlementRow] = []
    issues: list[Issue] = []

    def refuse(row: int, column: str, value: object, message: str) -> None:
        shown = None if value is None else display(value)
        issues.append(error(SETTLEMENT_SHEET.name, message, row=row, column=column, value=shown))

    unknown = gettext("unknown municipality; expected a code or name from the sheet kommuner")
    for parsed in sheet.rows:
        ext_id, category, description = (
            parsed["deling_id"],
            parsed["kategori"],
            parsed["beskrivelse"],
        )
        if None in (ext_id, category, description):
            continue  # a required cell is empty or unreadable: an error already
        number, found = parsed.number, len(issues)
        owner = parsed["ejer"]
        owner_code = None
        if owner is not None:
            owner_code = _municipality_code(display(owner), dataset)
            if owner_code is None:
                refuse(number, "ejer", owner, unknown)
        proposal = display(parsed["forslag"]).strip() if parsed["forslag"] is not None else SHARED
        split_kind, split_to = proposal.lower(), None
        if split_kind not in (SHARED, DISPUTED):
            split_kind, split_to = ONE, _municipality_code(proposal, dataset)
            if split_to is None:
                refuse(
                    number,
                    "forslag",
                    proposal,
                    gettext(
                        "expected a municipality's code or name from the sheet kommuner, "
                        "'noegle' or 'uenighed'"
                    ),
                )
        key = str(parsed["noegle"] or "")
        shares: dict[int, Decimal] = {}
        raw_shares = parsed["andele"]
        if split_kind == SHARED and not key:
            refuse(
                number,
                "noegle",
                None,
                gettext("empty; expected the key the item is shared by, as forslag is 'noegle'"),
            )
        if raw_shares is not None and split_kind == SHARED:
            read = parse_shares(display(raw_shares))
            if read is None:
                refuse(
                    number,
                    "andele",
                    raw_shares,
                    gettext(
                        "expected each municipality's code and share, e.g. '183: 0,6; 187: 0,4'"
                    ),
                )
            elif any(code not in codes for code in read):
                refuse(number, "andele", raw_shares, unknown)
            elif sum(read.values(), Decimal(0)) != 1 or any(s > 1 for s in read.values()):
                refuse(
                    number,
                    "andele",
                    raw_shares,
                    gettext("the shares add up to %(total)s; expected exactly 1")
                    % {"total": sum(read.values(), Decimal(0))},
                )
            else:
                shares = read
        elif split_kind == SHARED and key == AGREED:
            refuse(
                number,
                "andele",
                None,
                gettext("empty; expected each municipality's share, as the key is 'aftalt'"),
            )
        if len(issues) > found:
            continue
        rows.append(
            SettlementRow(
                ext_id=str(ext_id),
                category=str(category),
                description=str(description),
                value=parsed["vaerdi"],  # type: ignore[arg-type]
                owner_code=owner_code,
                split_kind=split_kind,
                split_to=split_to,
                split_key=key if split_kind == SHARED else "",
                shares=shares,
                status=str(parsed["status"] or "forslag"),
                due_on=parsed["frist"],  # type: ignore[arg-type]
                responsible=str(parsed["ansvarlig"] or ""),
                note=str(parsed["bemaerkning"] or ""),
                row=number,
            )
        )
    return tuple(rows), issues


def export_settlement(
    rows: Iterable[SettlementRow],
) -> tuple[Sheet, tuple[Column, ...], Iterator[list[object]]]:
    """The sheet, its columns and its rows of plain values, as `records.export_rows` gives the
    data set's sheets, so that the writer writes it alike."""
    values: Iterator[list[object]] = (
        [
            r.ext_id,
            r.category,
            r.description,
            r.value,
            None if r.owner_code is None else str(r.owner_code),
            str(r.split_to) if r.split_kind == ONE else r.split_kind,
            r.split_key or None,
            shares_text(r.shares) if r.shares else None,
            r.status,
            r.due_on,
            r.responsible or None,
            r.note or None,
        ]
        for r in rows
    )
    return SETTLEMENT_SHEET, SETTLEMENT_SHEET.columns, values
