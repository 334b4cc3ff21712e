"""The catalogue of services: what each kind of case is called, its legal basis and its ages.

Legal references are those in force in 2021, before Barnets Lov replaced the
children's part of Serviceloven on 1 January 2024: SEL is Serviceloven, FSL
Folkeskoleloven, DTL Dagtilbudsloven, SUL Sundhedsloven. They are illustrative:
right in kind, not taken from any real case.
"""

from __future__ import annotations

from dataclasses import dataclass

from overgang.core.domain import Delivery


@dataclass(frozen=True)
class Service:
    name: str
    legal_basis: str
    min_age: int
    max_age: int
    vulnerability: tuple[int, int, int]  # relative weights of saarbarhed 1, 2, 3
    weight: int = 1  # how common, among the services of its kind that fit the age


@dataclass(frozen=True)
class CaseKind:
    """A kind of case: its profession, delivery, load distribution and services."""

    key: str
    profession: str
    delivery: Delivery
    load_weights: str  # key into calibration.LOAD_WEIGHTS
    services: tuple[Service, ...]
    provider_kind: str = ""  # names the providers of an external kind

    def services_for(self, age: int) -> tuple[Service, ...]:
        fitting = tuple(s for s in self.services if s.min_age <= age <= s.max_age)
        return fitting or self.services


_IN = Delivery.IN_HOUSE
_EX = Delivery.EXTERNAL

KINDS: dict[str, CaseKind] = {
    kind.key: kind
    for kind in (
        CaseKind(
            "PSY",
            "PSY",
            _IN,
            "PSY",
            (
                Service("Specialpædagogisk bistand før skolestart", "FSL § 4", 0, 5, (3, 2, 0), 2),
                Service(
                    "Pædagogisk-psykologisk vurdering", "FSL § 12, stk. 2", 5, 17, (3, 2, 0), 3
                ),
                Service("Psykologisk udredning", "FSL § 12, stk. 2", 6, 17, (2, 2, 1), 1),
                Service("Samtaleforløb", "SEL § 11, stk. 3", 6, 17, (1, 3, 1), 2),
            ),
        ),
        CaseKind(
            "TAL",
            "TAL",
            _IN,
            "TAL",
            (
                Service("Sprogvurdering", "DTL § 11", 2, 5, (4, 1, 0), 3),
                Service("Talepædagogisk bistand før skolestart", "FSL § 4", 0, 5, (3, 2, 0), 2),
                Service("Tale-/sprogforløb", "FSL § 3, stk. 2", 6, 17, (3, 2, 0), 3),
                Service("Hørekonsulentbistand", "FSL § 3, stk. 2", 0, 17, (2, 2, 1), 1),
                Service("Stammebehandling", "FSL § 3, stk. 2", 3, 17, (2, 2, 0), 1),
            ),
        ),
        CaseKind(
            "FYS",
            "FYS",
            _IN,
            "FYS",
            (
                Service(
                    "Vedligeholdelsestræning", "SEL § 44, jf. § 86, stk. 2", 0, 17, (1, 3, 2), 3
                ),
                Service("Genoptræning efter udskrivning", "SUL § 140", 0, 17, (2, 2, 0), 1),
                Service("Motorisk udredning og rådgivning", "FSL § 4", 0, 5, (3, 1, 0), 2),
                Service("Motorisk udredning og rådgivning", "FSL § 3, stk. 2", 6, 17, (3, 1, 0), 2),
            ),
        ),
        CaseKind(
            "FAM",
            "FAM",
            _IN,
            "FAM",
            (
                Service("Børnefaglig undersøgelse", "SEL § 50", 0, 17, (0, 2, 2), 2),
                Service("Forebyggende rådgivning", "SEL § 11, stk. 3", 0, 17, (2, 2, 0), 3),
                Service("Konsulentbistand", "SEL § 52, stk. 3, nr. 1", 0, 17, (1, 2, 1), 2),
                Service("Opfølgning på foranstaltninger", "SEL § 70", 0, 17, (0, 2, 2), 2),
            ),
        ),
        CaseKind(
            "FBH",
            "FBH",
            _IN,
            "FBH",
            (
                Service("Familiebehandling", "SEL § 52, stk. 3, nr. 3", 0, 17, (0, 2, 3), 4),
                Service(
                    "Praktisk pædagogisk støtte i hjemmet",
                    "SEL § 52, stk. 3, nr. 2",
                    0,
                    17,
                    (1, 2, 1),
                    1,
                ),
                Service(
                    "Familiebehandling i gruppeforløb", "SEL § 11, stk. 3", 0, 17, (2, 2, 0), 1
                ),
            ),
        ),
        CaseKind(
            "SRP",
            "SRP",
            _IN,
            "SRP",
            (
                Service("Støttepædagog i dagtilbud", "DTL § 4, stk. 2", 0, 5, (1, 3, 1), 3),
                Service("Ressourcepædagog i skolen", "FSL § 3 a", 6, 16, (1, 3, 1), 3),
                Service("Fast kontaktperson", "SEL § 52, stk. 3, nr. 6", 12, 17, (0, 2, 2), 1),
            ),
        ),
        CaseKind(
            "VSU",
            "VSU",
            _IN,
            "VSU",
            (
                Service(
                    "Specialundervisning for voksne",
                    "Lov om specialundervisning for voksne",
                    18,
                    99,
                    (2, 2, 0),
                ),
            ),
        ),
        CaseKind(
            "kirkebaek-FYS",
            "FYS",
            _IN,
            "kirkebaek",
            (
                Service(
                    "Vedligeholdelsestræning på Kirkebækskolen",
                    "SEL § 44, jf. § 86, stk. 2",
                    0,
                    17,
                    (0, 1, 3),
                ),
            ),
        ),
        CaseKind(
            "kirkebaek-TAL",
            "TAL",
            _IN,
            "TAL",
            (
                Service(
                    "Alternativ og supplerende kommunikation på Kirkebækskolen",
                    "FSL § 3, stk. 2",
                    0,
                    17,
                    (0, 2, 2),
                ),
            ),
        ),
        CaseKind(
            "kirkebaek-PSY",
            "PSY",
            _IN,
            "PSY",
            (Service("Psykologbistand på Kirkebækskolen", "FSL § 12, stk. 2", 0, 17, (1, 2, 1)),),
        ),
        CaseKind(
            "specialskole",
            "PSY",
            _EX,
            "external",
            (Service("Specialundervisning i specialskole", "FSL § 20, stk. 2", 6, 16, (1, 2, 1)),),
            provider_kind="specialskole",
        ),
        CaseKind(
            "aflastning",
            "FAM",
            _EX,
            "external",
            (Service("Aflastning", "SEL § 52, stk. 3, nr. 5", 0, 17, (0, 2, 2)),),
            provider_kind="aflastning",
        ),
        CaseKind(
            "anbringelse",
            "FAM",
            _EX,
            "external",
            (Service("Anbringelse uden for hjemmet", "SEL § 52, stk. 3, nr. 7", 0, 17, (0, 1, 4)),),
            provider_kind="anbringelse",
        ),
    )
}

EXTERNAL_KINDS = ("specialskole", "aflastning", "anbringelse")
SCHOOL_AGE_KINDS = frozenset({"specialskole"})
KIRKEBAEK_KINDS = {"FYS": "kirkebaek-FYS", "TAL": "kirkebaek-TAL", "PSY": "kirkebaek-PSY"}
