"""The world of tests/web/world.py with two families whose children change contact person.

Added to it, and planned again:
- family FAM-V (Vallensbæk): V-CIT2 (case MOVE) and V-CIT3 (case MOVE2), both carried by
  X-EMP, who stays in Ishøj: both go to V-EMP, so the family gets one letter;
- family FAM-I (Ishøj): I-CIT2 (case I-MOVE), carried by V-EMP, who moves to Vallensbæk:
  it goes to someone in Ishøj;
- EXT-V: an external case of V-CIT (Vallensbæk), which never changes contact person.
I-CIT and V-CIT keep their contact persons: no letter. Every citizen has a CPR key.
Vallensbæk takes over V-CASE, MOVE, MOVE2 and EXT-V; Ishøj, the host, keeps the others.
"""

from __future__ import annotations

from decimal import Decimal

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import run_plan
from tests.web.world import World

CPR_KEYS = {
    "I-CIT": "a" * 64,
    "V-CIT": "b" * 64,
    "V-CIT2": "c" * 64,
    "V-CIT3": "d" * 64,
    "I-CIT2": "e" * 64,
}
FAMILIES = {"V-CIT2": "FAM-V", "V-CIT3": "FAM-V", "I-CIT2": "FAM-I"}
TO_VALLENSBAEK = {"V-CASE", "MOVE", "MOVE2", "EXT-V"}


def add_families(world: World) -> StoredPlan:
    """Add the families and the external case to the world, and return the new plan."""
    batch = m.ImportBatch.objects.get()
    psy = m.Profession.objects.get(code="PSY")
    for ext, muni in (("V-CIT3", world.vallensbaek), ("I-CIT2", world.ishoej)):
        m.Citizen.objects.create(
            ext_id=ext, municipality=muni, family_id=ext, birth_year=2012, batch=batch
        )
    for ext, key in CPR_KEYS.items():
        m.Citizen.objects.filter(ext_id=ext).update(cpr_hash=key, family_id=FAMILIES.get(ext, ext))
    citizens = {c.ext_id: c for c in m.Citizen.objects.all()}
    employees = {e.ext_id: e for e in m.Employee.objects.all()}
    for ext, citizen, contact, delivery in (
        ("MOVE2", "V-CIT3", "X-EMP", "intern"),
        ("I-MOVE", "I-CIT2", "V-EMP", "intern"),
        ("EXT-V", "V-CIT", None, "ekstern"),
    ):
        m.Case.objects.create(
            ext_id=ext,
            citizen=citizens[citizen],
            service="Aflastning" if delivery == "ekstern" else "Familiebehandling",
            profession=psy,
            delivery=delivery,
            provider="Kirkebækskolen" if delivery == "ekstern" else "",
            load=Decimal(1),
            acting_municipality=citizens[citizen].municipality,
            paying_municipality=citizens[citizen].municipality,
            contact_person=employees[contact] if contact else None,
            legal_basis="BL § 32",
            batch=batch,
        )
    plan = run_plan(by=SystemActor("test")).stored
    moved = {
        d.case_id: d.contact_person
        for d in plan.case_decisions.all()
        if d.contact_person != d.former_contact
    }
    assert set(moved) == {"MOVE", "MOVE2", "I-MOVE"}, moved
    assert moved["MOVE"] == moved["MOVE2"] == "V-EMP"
    return plan
