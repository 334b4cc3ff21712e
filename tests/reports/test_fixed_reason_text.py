"""The reason of a fixed decision in words: 'Fastlagt af <bruger> <dato>: <begrundelse>'."""

from __future__ import annotations

from django.utils import translation

from overgang.core.planning.explain import EmployeeReason
from overgang.core.planning.plan import Reason
from overgang.texts.reasons import employee_reason_text


def fixed(**params: str) -> Reason:
    return Reason(EmployeeReason.FIXED, (("municipality", 187), *params.items()))


def test_a_fix_names_who_fixed_it_when_and_why_in_danish_and_english():
    reason = fixed(by="projektleder", on="2021-04-06", reason="Afklaret i ledergruppen")
    with translation.override("da"):
        assert (
            employee_reason_text(reason, {187: "Vallensbæk"}, 183)
            == "Fastlagt af projektleder 6. april 2021: Afklaret i ledergruppen"
        )
    with translation.override("en"):
        assert employee_reason_text(reason, {187: "Vallensbæk"}, 183).startswith(
            "Fixed by projektleder"
        )


def test_a_fix_without_a_name_reads_without_an_empty_by():
    reason = fixed(by="", on="2021-06-01", reason="Meddelt medarbejderen ud fra plan 1")
    with translation.override("da"):
        assert (
            employee_reason_text(reason, {}, 183)
            == "Fastlagt 1. juni 2021: Meddelt medarbejderen ud fra plan 1"
        )
