"""The figures the demo data set is calibrated to, each with its source or marked as assumed.

Public figures are rounded and describe Ishøj and Vallensbæk around 2021; the
modelling assumptions (norms, shares, rates) are plausible values chosen for the
demo, not measured ones. `docs/demo-data.md` lists them with their sources; keep
the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# --- The case and its dates -------------------------------------------------------------

HOST_CODE = 183  # Ishøj, employs the staff of Center for Børn og Forebyggelse today
MEMBER_CODE = 187  # Vallensbæk

REFERENCE_DATE = date(2021, 6, 1)  # the day the data set is an extract from
EFFECTIVE_DATE = date(2022, 1, 1)  # the split takes effect (status note)
INTERVIEWS_FROM = date(2021, 4, 6)  # the leader's transfer was settled "i starten af april"
INTERVIEWS_UNTIL = date(2021, 5, 31)  # "i slutningen af maj måned"
REFERENCE_YEAR = REFERENCE_DATE.year


@dataclass(frozen=True)
class MunicipalityFigures:
    """Public figures for one municipality, rounded; children_0_17 is derived (see docs)."""

    code: int
    name: str
    population: int
    children_0_17: int
    share_children_with_cases: float  # assumed: children 0-17 with a case at the centre
    placements_per_1000: float  # children placed out of home per 1,000 aged 0-17
    district_schools: tuple[str, ...]


# Population 1 January 2021, rounded to 100, interpolated from Danmarks Statistik
# (FOLK1A / BY1): Ishøj 22,988 (2018) and 23,225 (2022); Vallensbæk 16,643 (1 Jan
# 2020) and 16,497 (1 Aug 2020, the municipality's own page). Children 0-17 are
# derived from the 0-14 shares of 2018 (Ishøj 18.9 %, Vallensbæk 20.4 %, Trap
# Danmark citing Danmarks Statistik) scaled by 18/15: an approximation.
ISHOJ = MunicipalityFigures(
    code=HOST_CODE,
    name="Ishøj Kommune",
    population=23_200,
    children_0_17=5_300,
    share_children_with_cases=0.18,
    placements_per_1000=10.0,  # assumed at the national level, 10.1 per 1,000 (end of 2018)
    district_schools=(
        "Gildbroskolen",
        "Ishøj Skole",
        "Strandgårdskolen",
        "Vejlebroskolen",
        "Vibeholmskolen",
    ),
)
VALLENSBAEK = MunicipalityFigures(
    code=MEMBER_CODE,
    name="Vallensbæk Kommune",
    population=16_600,
    children_0_17=4_100,
    share_children_with_cases=0.15,
    placements_per_1000=3.0,  # 3.0 per 1,000 at the end of 2018, the lowest in Denmark
    district_schools=("Egholmskolen", "Pilehaveskolen", "Vallensbæk Skole"),
)

# Fictional members for municipalities > 2: codes no current Danish municipality uses.
FICTIONAL_MEMBERS: tuple[tuple[int, str], ...] = (
    (191, "Nordby Kommune"),
    (193, "Sønderhøj Kommune"),
    (195, "Østervang Kommune"),
    (197, "Vesterkilde Kommune"),
    (199, "Lyngmose Kommune"),
    (192, "Bøgelund Kommune"),
    (194, "Egekær Kommune"),
    (196, "Havrevang Kommune"),
)
FICTIONAL_POPULATION = (12_000, 20_000)  # drawn per fictional member, rounded to 100
FICTIONAL_CHILD_SHARE = 0.24
FICTIONAL_SHARE_WITH_CASES = 0.16
FICTIONAL_PLACEMENTS_PER_1000 = 6.0
FICTIONAL_DISTRICTS = (2, 4)

MAX_MUNICIPALITIES = 2 + len(FICTIONAL_MEMBERS)

# Kirkebækskolen: Ishøj's special school for children with multiple disabilities,
# which also takes Vallensbæk pupils (visited by Ishøj, paid by Vallensbæk).
KIRKEBAEK_NAME = "Kirkebækskolen"
KIRKEBAEK_DISTRICT = "Vejlebroskolen"  # assumed: the district it is registered under here
KIRKEBAEK_PUPILS = 40  # assumed
KIRKEBAEK_MEMBER_SHARE = 0.3  # assumed share of its pupils living in a member municipality
ISHOJGAARD_NAME = "Skolen på Ishøjgård"  # Ishøj's special day school
ISHOJGAARD_DISTRICT = "Ishøj Skole"  # assumed

DAYCARES_PER_DISTRICT = (3, 5)  # synthetic daycares per district at scale 1

# --- Professions and staff (modelling assumptions) ---------------------------------------


@dataclass(frozen=True)
class ProfessionFigures:
    code: str
    name: str
    norm: Decimal  # load units one full-time employee carries
    headcount: int  # employees at scale 1 with two municipalities
    unit: str
    utilisation: float  # in-house load / capacity today


PROFESSIONS: tuple[ProfessionFigures, ...] = (
    ProfessionFigures("PSY", "Psykologer", Decimal(25), 22, "PPR", 1.04),
    ProfessionFigures("TAL", "Tale-/hørekonsulenter", Decimal(30), 12, "PPR", 0.97),
    ProfessionFigures("FYS", "Fysio- og ergoterapeuter", Decimal(25), 18, "Terapeutteamet", 1.02),
    ProfessionFigures("FAM", "Familierådgivere", Decimal(25), 28, "Familieafdelingen", 1.06),
    ProfessionFigures("FBH", "Familiebehandlere", Decimal(12), 24, "Familiebehandlingen", 0.98),
    ProfessionFigures(
        "SRP",
        "Støtte- og ressourcepædagoger",
        Decimal(10),
        36,
        "Støtte- og ressourcepædagoger",
        1.03,
    ),
    ProfessionFigures(
        "VSU",
        "Voksenspeciallærere",
        Decimal(15),
        8,
        "Voksenspecialundervisningen",
        0.95,
    ),
    ProfessionFigures("ADM", "Administration", Decimal(0), 16, "Administration", 0.0),
    ProfessionFigures("LED", "Ledere", Decimal(0), 0, "Centerledelsen", 0.0),
)
CASEWORK_PROFESSIONS = ("PSY", "TAL", "FYS", "FAM", "FBH", "SRP", "VSU")

# The leaders (profession LED), one per unit. The one marked moves by her own wish
# (status note); her name is synthetic.
LEADER_UNITS: tuple[tuple[str, bool], ...] = (
    ("Centerledelsen", False),
    ("PPR", False),
    ("Familieafdelingen", False),
    ("Familiebehandlingen", False),
    ("Støtte- og ressourcepædagoger, Terapeutteamet og Administration", True),
    ("Voksenspecialundervisningen", False),
)

WEEKLY_HOURS: dict[int, float] = {37: 0.62, 34: 0.06, 32: 0.14, 30: 0.12, 25: 0.06}
SHARE_FEMALE = 0.8
SHARE_CIVIL_SERVANTS = 0.04  # tjenestemænd, drawn among the longest-serving
MEAN_TENURE_YEARS = 8.0

# --- Preferences and resignations (status note) ------------------------------------------

SHARE_NOT_INTERVIEWED = 0.06
SHARE_TWO_INTERVIEWS = 0.08
SHARE_CHANGED_WISH = 0.5  # of those with two interviews
WISH_SHARES = {"stay": 0.70, "move": 0.18, "none": 0.12}  # of the latest interviews
# Assumed: of the latest interviews of staff (not leaders) with a wish, the share that also
# names another municipality they can accept (kan_accepteres): "gerne vil overflyttes, mens
# det vil være ok for andre".
SHARE_ACCEPTABLE = 0.2
RESIGNATIONS_DISSOLUTION = 1  # "kun kendskab til én opsigelse ... begrundet i ophør"
RESIGNATIONS_OTHER = 5
RESIGNATIONS_FROM = date(2021, 2, 1)
RESIGNATIONS_UNTIL = date(2022, 2, 28)

# --- Caseload ----------------------------------------------------------------------------

AFLASTNING_PER_1000 = 4.0  # assumed
SPECIAL_SCHOOL_PER_1000 = 15.0  # assumed: special schooling bought outside the centre
SHARE_PAYING_DIFFERS = 0.012  # of the other cases, besides the Kirkebækskolen ones
FAMILY_SIZES = {1: 0.45, 2: 0.33, 3: 0.16, 4: 0.06}  # share of children by family size
SIBLING_FOLLOWS = 0.6  # chance an extra case goes to a sibling of a child in that profession
CASE_START_FROM = date(2014, 1, 1)
MEAN_CASE_AGE_DAYS = 420
# Changes of contact person in the 24 months before the reference date (tidligere_skift),
# share of in-house cases with a contact person. Assumed, and milder than the Danish
# finding for caseworkers (two thirds had a new one within two years, VIVE 2020): these are
# the specialist contact persons of one centre. A case no older than a year has had at most
# one change.
EARLIER_CHANGES: dict[int, float] = {0: 0.55, 1: 0.25, 2: 0.12, 3: 0.06, 4: 0.02}

# Load units by kind of case: value -> relative weight (two decimals at most).
LOAD_WEIGHTS: dict[str, dict[str, int]] = {
    "PSY": {"0.5": 2, "0.75": 3, "1": 4, "1.25": 2, "1.5": 2, "2": 1},
    "TAL": {"0.5": 3, "0.75": 3, "1": 3, "1.5": 1},
    "FYS": {"0.5": 2, "0.75": 2, "1": 3, "1.5": 2, "2": 1},
    "FAM": {"0.75": 2, "1": 3, "1.25": 2, "1.5": 2, "2": 2, "2.5": 1},
    "FBH": {"1": 2, "1.5": 3, "2": 3, "2.5": 2, "3": 1},
    "SRP": {"0.5": 1, "1": 3, "1.5": 3, "2": 2, "2.5": 1},
    "VSU": {"0.5": 2, "0.75": 2, "1": 3, "1.5": 1},
    "kirkebaek": {"1.5": 1, "2": 2, "2.5": 2, "3": 1},
    "external": {"0.5": 3, "0.75": 2, "1": 1},
}
# Kirkebækskolen pupils: physio/OT always, speech often (ASK), psychologist sometimes.
KIRKEBAEK_PROFESSIONS = {"FYS": 1.0, "TAL": 0.6, "PSY": 0.3}
