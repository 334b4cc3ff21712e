"""Synthetic names: people, daycares, providers and the schools of fictional municipalities.

People's names come from Faker's Danish locale, drawn once into pools (Faker is
slow, and the pools keep its frequencies) and then combined by the seeded
generator. No name of a real person named in the seeds or the sources is ever
produced.
"""

from __future__ import annotations

import random

from faker import Faker

_POOL_SIZE = 2_000

# Real people named in the seeds or in the pages the calibration cites: never reuse.
_REAL_SURNAMES = frozenset(
    {"Wermelin", "Goffmann", "Gustafson", "Mindegaard", "Bjørstorp", "Amdisen"}
)
_REAL_NAMES = frozenset({"Susanne Wermelin", "Henrik Rasmussen", "Ole Bjørstorp", "Merete Amdisen"})


class PersonNames:
    """Draws synthetic Danish full names from pools made once per seed."""

    def __init__(self, seed: int, rng: random.Random) -> None:
        faker = Faker("da_DK")
        faker.seed_instance(seed)
        self._rng = rng
        self._female = [faker.first_name_female() for _ in range(_POOL_SIZE)]
        self._male = [faker.first_name_male() for _ in range(_POOL_SIZE)]
        self._surnames = [
            name
            for name in (faker.last_name() for _ in range(_POOL_SIZE))
            if name not in _REAL_SURNAMES
        ]

    def full_name(self, *, female: bool) -> str:
        """Return a name: first name, sometimes a second one, and one or two surnames."""
        rng = self._rng
        firsts = self._female if female else self._male
        while True:
            parts = [rng.choice(firsts)]
            if rng.random() < 0.15:
                second = rng.choice(firsts)
                if second != parts[0]:
                    parts.append(second)
            surname = rng.choice(self._surnames)
            if rng.random() < 0.12:
                other = rng.choice(self._surnames)
                if other != surname:
                    parts.append(other)
            parts.append(surname)
            name = " ".join(parts)
            if name not in _REAL_NAMES:
                return name


_DAYCARE_KINDS = (
    "Børnehuset",
    "Vuggestuen",
    "Børnehaven",
    "Daginstitutionen",
    "Integreret institution",
)
_DAYCARE_NOUNS = (
    "Solsikken",
    "Mælkebøtten",
    "Regnbuen",
    "Skovtrolden",
    "Myretuen",
    "Humlebien",
    "Spiren",
    "Græshoppen",
    "Troldehøjen",
    "Kastanjen",
    "Stjerneskuddet",
    "Fyrtårnet",
    "Bølgen",
    "Ærtebælgen",
    "Valmuen",
    "Kløverstien",
    "Egernet",
    "Pilefløjten",
    "Rønnebærret",
    "Hasselnødden",
    "Ugleredet",
    "Mariehønen",
    "Sommerfuglen",
    "Tusindfryd",
    "Lærkereden",
    "Bikuben",
    "Nøddeskallen",
    "Krudtuglen",
    "Havfruen",
    "Muslingen",
    "Tangloppen",
    "Kornblomsten",
    "Snerlen",
    "Anemonen",
)


def daycare_names(rng: random.Random, count: int) -> list[str]:
    """Return count distinct synthetic daycare names, numbered once the combinations run out."""
    combos = [f"{kind} {noun}" for kind in _DAYCARE_KINDS for noun in _DAYCARE_NOUNS]
    rng.shuffle(combos)
    names = combos[:count]
    round_ = 2
    while len(names) < count:
        names.extend(f"{combo} {round_}" for combo in combos[: count - len(names)])
        round_ += 1
    return names


_PROVIDER_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "specialskole": (
        ("Specialskolen", "Skolen ved", "Heldagsskolen", "Behandlingsskolen"),
        (
            "Kildebakken",
            "Lindely",
            "Engbrinken",
            "Hvidemose",
            "Skovhuset",
            "Tornehøj",
            "Ådalen",
            "Stenrosen",
        ),
    ),
    "aflastning": (
        ("Aflastningshjemmet", "Aflastningstilbuddet", "Børneboligen"),
        ("Fuglereden", "Havbrisen", "Solgården", "Birkelunden", "Mosehuset", "Ravnsborg"),
    ),
    "anbringelse": (
        ("Opholdsstedet", "Døgninstitutionen", "Plejefamilie via Familieplejen"),
        (
            "Bøgely",
            "Strandlyst",
            "Lyngbakken",
            "Egelund",
            "Vibebo",
            "Nørrevang",
            "Kløvermarken",
            "Solbakkegård",
        ),
    ),
}


def provider_names(rng: random.Random, kind: str, count: int) -> list[str]:
    """Return count distinct synthetic names of external providers of one kind."""
    prefixes, nouns = _PROVIDER_KINDS[kind]
    combos = [f"{prefix} {noun}" for prefix in prefixes for noun in nouns]
    rng.shuffle(combos)
    return combos[: min(count, len(combos))]


_SCHOOL_SUFFIXES = ("Skole", "Østre Skole", "Vestre Skole", "Nordre Skole", "Søndre Skole")


def fictional_school_names(municipality_name: str, count: int) -> list[str]:
    """Return the district schools of a fictional municipality, named after it."""
    town = municipality_name.removesuffix(" Kommune")
    return [f"{town} {suffix}" for suffix in _SCHOOL_SUFFIXES[:count]]


def special_daycare_name(rng: random.Random) -> str:
    """Return a synthetic name for a member municipality's special daycare (type andet)."""
    return f"Specialbørnehaven {rng.choice(_DAYCARE_NOUNS)}"
