"""A tiny hand-made world for the web tests: two municipalities, each with its own staff,
citizens and cases, one stored plan with its decisions.

Ishøj (183) is the host; Vallensbæk (187) the member. Team "PPR" in both.
- I-EMP (Ishøj, PPR) carries case I-CASE (citizen I-CIT, Ishøj); the plan keeps it.
- V-EMP (Vallensbæk, PPR) carries case V-CASE (citizen V-CIT, Vallensbæk); the plan keeps it.
- X-EMP (Ishøj, Familieafdelingen) carries case MOVE (citizen V-CIT2, Vallensbæk) and
  stays in Ishøj, so MOVE is handed over to V-EMP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.planning.services import run_plan
from overgang.web.process.models import Transition

ISHOEJ, VALLENSBAEK = 183, 187


@dataclass
class World:
    ishoej: m.Municipality
    vallensbaek: m.Municipality
    employees: dict[str, m.Employee]
    citizens: dict[str, m.Citizen]
    cases: dict[str, m.Case]
    interviews: dict[str, m.Interview]
    plan: StoredPlan
    employee_decisions: dict[str, EmployeeDecision]
    case_decisions: dict[str, CaseDecision]


def build_world() -> World:
    batch = m.ImportBatch.objects.create(
        imported_by="test", file_name="world.xlsx", file_hash="0" * 64
    )
    ishoej = m.Municipality.objects.create(code=ISHOEJ, name="Ishøj", role="vaert", batch=batch)
    vallensbaek = m.Municipality.objects.create(
        code=VALLENSBAEK, name="Vallensbæk", role="medlem", batch=batch
    )
    psy = m.Profession.objects.create(code="PSY", name="Psykologer", norm=Decimal(10), batch=batch)
    employees = {
        ext: m.Employee.objects.create(
            ext_id=ext, name=name, profession=psy, hours=Decimal(37), unit=unit, batch=batch
        )
        for ext, name, unit in (
            ("I-EMP", "Ida Ishøj", "PPR"),
            ("V-EMP", "Vera Vallensbæk", "PPR"),
            ("X-EMP", "Xenia Familie", "Familieafdelingen"),
        )
    }
    interviews = {
        ext: m.Interview.objects.create(
            employee=employees[ext], held_on=date(2021, 4, 1), wished_municipality=muni, note=note
        )
        for ext, muni, note in (
            ("I-EMP", ishoej, "Bliver gerne"),
            ("V-EMP", vallensbaek, "Vil gerne flytte"),
            ("X-EMP", ishoej, ""),
        )
    }
    citizens = {
        ext: m.Citizen.objects.create(ext_id=ext, municipality=muni, family_id=ext, batch=batch)
        for ext, muni in (("I-CIT", ishoej), ("V-CIT", vallensbaek), ("V-CIT2", vallensbaek))
    }
    cases = {
        ext: m.Case.objects.create(
            ext_id=ext,
            citizen=citizens[citizen],
            service="PPR-vurdering",
            profession=psy,
            delivery="intern",
            load=Decimal(1),
            acting_municipality=citizens[citizen].municipality,
            paying_municipality=citizens[citizen].municipality,
            contact_person=employees[contact],
            batch=batch,
        )
        for ext, citizen, contact in (
            ("I-CASE", "I-CIT", "I-EMP"),
            ("V-CASE", "V-CIT", "V-EMP"),
            ("MOVE", "V-CIT2", "X-EMP"),
        )
    }
    # The planner decides exactly what the module docstring says (computed by hand: every
    # wish granted; MOVE must go to Vallensbæk's only psychologist, V-EMP; cost 10).
    plan = run_plan(by=SystemActor("test")).stored
    employee_decisions = {d.employee_id: d for d in plan.employee_decisions.all()}
    case_decisions = {d.case_id: d for d in plan.case_decisions.all()}
    got = {
        ext: (d.municipality, d.former_contact, d.contact_person)
        for ext, d in case_decisions.items()
    }
    assert got == {
        "I-CASE": (ISHOEJ, "I-EMP", "I-EMP"),
        "V-CASE": (VALLENSBAEK, "V-EMP", "V-EMP"),
        "MOVE": (VALLENSBAEK, "X-EMP", "V-EMP"),
    }, got
    assert {e: d.municipality for e, d in employee_decisions.items()} == {
        "I-EMP": ISHOEJ,
        "V-EMP": VALLENSBAEK,
        "X-EMP": ISHOEJ,
    }
    assert plan.objective == "10"
    # The representatives were told before any plan was approved (MED, VOL § 7), so that an
    # approval needs no reason unless a test says otherwise.
    Transition.objects.update_or_create(
        pk=1, defaults={"representatives_informed_on": date(2021, 3, 15)}
    )
    return World(
        ishoej,
        vallensbaek,
        employees,
        citizens,
        cases,
        interviews,
        plan,
        employee_decisions,
        case_decisions,
    )
