"""The workbook's sheet `deling`: items round-trip through export and import; a bad row is
refused naming sheet, row and column, and nothing is stored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from overgang.io.read import read_workbook
from overgang.io.settlement import SettlementRow
from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import ImportBatch
from overgang.web.dataset.services import export_workbook, import_workbook
from overgang.web.settlement.models import SettlementItem
from overgang.web.settlement.services import row_of
from tests.io.factories import CPR_KEY, ISHOJ, VALLENSBAEK, read_csv, rewrite_csv, small_dataset
from tests.web.usecases.trail import mark

pytestmark = pytest.mark.django_db

ITEMS = (
    SettlementRow(
        "D001",
        "lejemaal",
        "Lejemål, Ishøj Store Torv 3",
        Decimal("480000.00"),
        ISHOJ,
        "noegle",
        None,
        "sager",
        {ISHOJ: Decimal("0.3333"), VALLENSBAEK: Decimal("0.6667")},
        "forhandlet",
        date(2021, 10, 1),
        "Økonomichef",
        "pkt. 4.2",
    ),
    SettlementRow("D002", "it", "DUBU-licens", Decimal("-1250.50"), None, "en", VALLENSBAEK),
    SettlementRow("D003", "arkiv", "Papirarkiv", split_kind="uenighed", status="uenighed"),
)


@pytest.fixture(autouse=True)
def key(settings):
    settings.CPR_HASH_KEY = CPR_KEY.decode()


def _stored() -> list[SettlementRow]:
    return [row_of(item) for item in SettlementItem.objects.order_by("ext_id")]


@pytest.mark.parametrize("name", ["overgang.xlsx", "overgang"])
def test_items_written_read_imported_and_exported_are_the_same(tmp_path, name):
    source = tmp_path / "in" / name
    write_workbook(small_dataset(), source, settlement=ITEMS)
    read = [
        SettlementRow(**{**r.__dict__, "row": 0})
        for r in read_workbook(source, cpr_key=CPR_KEY).settlement
    ]
    assert read == list(ITEMS)

    outcome = import_workbook(source, by=SystemActor("hr"))
    assert outcome.batch is not None, [i.format() for i in outcome.issues]
    assert _stored() == list(ITEMS)
    assert outcome.preview is not None and "deling" in " ".join(outcome.preview.touched)

    exported = tmp_path / "out" / name
    export_workbook(exported, by=SystemActor("hr"))
    again = read_workbook(exported, cpr_key=CPR_KEY).settlement
    assert [SettlementRow(**{**r.__dict__, "row": 0}) for r in again] == list(ITEMS)

    since = mark()  # importing the export again changes no item
    versions = list(SettlementItem.objects.values_list("version", flat=True))
    assert import_workbook(exported, by=SystemActor("hr")).batch is not None
    assert list(SettlementItem.objects.values_list("version", flat=True)) == versions
    assert [e.object_type for e in since.entries()] == ["dataset.importbatch"]


def test_a_shared_item_without_shares_takes_the_keys_figures_of_the_imported_data(tmp_path):
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, settlement=ITEMS[:1])
    header, row = read_csv(folder, "deling")
    row[header.index("andele")] = ""
    row[header.index("noegle")] = "borgere"
    rewrite_csv(folder, "deling", [header, row])
    assert import_workbook(folder, by=SystemActor("hr")).batch is not None
    item = SettlementItem.objects.get()
    citizens = small_dataset().citizens
    share = Decimal(sum(c.municipality == ISHOJ for c in citizens)) / len(citizens)
    assert Decimal(item.shares[str(ISHOJ)]) == share.quantize(Decimal("0.0001"))


def test_a_bad_row_is_refused_naming_sheet_row_and_column_and_nothing_is_stored(tmp_path):
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, settlement=ITEMS)
    header, *rows = read_csv(folder, "deling")
    rows[1][header.index("forslag")] = "Gotham"
    rewrite_csv(folder, "deling", [header, *rows])
    since = mark()
    outcome = import_workbook(folder, by=SystemActor("hr"))
    assert outcome.batch is None
    (issue,) = [i for i in outcome.issues if i.is_error]
    assert (issue.sheet, issue.row, issue.column) == ("deling", 3, "forslag")
    assert not SettlementItem.objects.exists() and not ImportBatch.objects.exists()
    assert since.entries() == []


def test_a_row_the_register_refuses_after_reading_rolls_the_whole_import_back(tmp_path):
    # Staff by the plan needs a plan; a fresh data set has none, so the key cannot be computed.
    folder = tmp_path / "overgang"
    write_workbook(small_dataset(), folder, settlement=ITEMS)
    header, *rows = read_csv(folder, "deling")
    rows[0][header.index("noegle")] = "personale"
    rows[0][header.index("andele")] = ""
    rewrite_csv(folder, "deling", [header, *rows])
    since = mark()
    outcome = import_workbook(folder, by=SystemActor("hr"))
    assert outcome.batch is None
    (issue,) = [i for i in outcome.issues if i.is_error]
    assert (issue.sheet, issue.row, issue.column) == ("deling", 2, "noegle")
    assert not SettlementItem.objects.exists() and not ImportBatch.objects.exists()
    assert since.entries() == []
