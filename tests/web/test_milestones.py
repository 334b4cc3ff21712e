"""The milestone plan: the template on the demo, its sources, and dates that follow the transition."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import Employee
from overgang.web.process.milestones import (
    default_milestones,
    ensure_milestones,
    follow_transition_dates,
    individual_notice_deadline,
)
from overgang.web.process.models import (
    LegalBasis,
    Milestone,
    MilestoneAnchor,
    MilestoneKind,
    Transition,
)
from overgang.web.process.services import save_milestone
from tests.web.usecases.trail import mark
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

K = MilestoneKind
NEW_YEAR = date(2022, 1, 1)


def _dates() -> dict[str, date]:
    return dict(Milestone.objects.values_list("kind", "due_on"))


@pytest.fixture
def demo(small_dataset, settings):
    """The demo as `overgang demo` sets it up: its data, its users and its milestones."""
    from overgang.web.accounts.demo import create_demo_users
    from overgang.web.dataset.store import merge_dataset
    from overgang.web.planning.services import run_plan

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    merge_dataset(small_dataset, file_name="demo.xlsx", file_hash="0" * 64, imported_by="test")
    run_plan(by=SystemActor("test"), time_limit=2)
    with override_settings(DEBUG=True):
        create_demo_users()


def test_the_demo_tells_the_employees_who_transfers_on_31_may_2021_after_the_representatives(demo):
    due = _dates()
    assert due[K.TELL_EMPLOYEES] == date(2021, 5, 31)
    assert due[K.HOVEDMED_MEETING] == date(2021, 5, 19)  # HovedMED's response: 19 May
    assert due[K.EFFECTIVE_DATE] == NEW_YEAR
    # Representatives informed and consulted, and interviews held, before anyone is told.
    for kind in (K.INFORM_REPRESENTATIVES, K.CONSULTATION_DEADLINE, K.INTERVIEW_DEADLINE):
        assert due[kind] < due[K.TELL_EMPLOYEES], kind
    # The hearing comes after the employees are told, the notice after the hearing.
    assert due[K.TELL_EMPLOYEES] < due[K.HEARING_DEADLINE] <= due[K.INDIVIDUAL_NOTICE]
    assert due[K.INDIVIDUAL_NOTICE] < NEW_YEAR < due[K.FOLLOW_UP]
    # The October notification that contradicted the status note is gone.
    assert K.NOTIFY_EMPLOYEES not in due
    assert all(m.legal_basis for m in Milestone.objects.all())


def test_every_step_of_the_template_follows_a_date_and_names_its_source():
    items = default_milestones(NEW_YEAR, date(2020, 5, 29))
    assert {item.kind for item in items} == set(K) - {K.NOTIFY_EMPLOYEES, K.OTHER}
    for item in items:
        assert item.anchor and item.legal_basis, item.kind
    announcement = next(item for item in items if item.kind == K.ANNOUNCEMENT)
    assert (announcement.anchor, announcement.due_on) == (
        MilestoneAnchor.ANNOUNCED_ON,
        date(2020, 5, 29),
    )


def test_the_transfer_act_is_named_for_the_representatives_only_where_it_applies():
    def basis(legal_basis: str) -> str:
        items = default_milestones(NEW_YEAR, legal_basis=legal_basis)
        return next(i.legal_basis for i in items if i.kind == K.INFORM_REPRESENTATIVES)

    assert "virksomhedsoverdragelsesloven § 7" in basis(LegalBasis.BY_LAW)
    assert "virksomhedsoverdragelsesloven § 7" in basis(LegalBasis.BY_AGREEMENT)
    assert "virksomhedsoverdragelsesloven § 7" not in basis(LegalBasis.OTHER)
    assert "MED-rammeaftalen § 7" in basis(LegalBasis.OTHER)


def test_the_individual_notice_falls_on_the_longest_notice_of_those_who_move():
    world = build_world()  # the plan moves V-EMP to Vallensbæk
    Employee.objects.filter(ext_id="V-EMP").update(hired_on=date(2019, 3, 1))
    assert individual_notice_deadline(NEW_YEAR) == date(2021, 9, 30)  # 3 months
    Employee.objects.filter(ext_id="V-EMP").update(employment_form="tjenestemand")
    assert individual_notice_deadline(NEW_YEAR) == date(2021, 9, 30)  # TL § 28: 3 months
    Employee.objects.filter(ext_id="V-EMP").update(hired_on=date(2000, 1, 1), employment_form="")
    assert individual_notice_deadline(NEW_YEAR) == date(2021, 6, 30)  # 6 months
    assert world.plan is not None


def test_moving_the_effective_date_moves_every_anchored_milestone_and_not_one_moved_by_hand():
    ensure_milestones(NEW_YEAR)
    before = _dates()
    interviews = Milestone.objects.get(kind=K.INTERVIEW_DEADLINE)
    save_milestone(
        milestone=interviews,
        version=interviews.version,
        due_on=date(2021, 5, 1),
        done_on=None,
        note="",
        by=SystemActor("test"),
    )
    transition = Transition.current()
    transition.effective_date = date(2022, 4, 1)  # 90 days later
    transition.save()

    assert follow_transition_dates() == len(before) - 2  # not the hand-moved, not the announcement
    after = _dates()
    assert after[K.INTERVIEW_DEADLINE] == date(2021, 5, 1)
    assert after[K.ANNOUNCEMENT] == before[K.ANNOUNCEMENT]  # no announcement date recorded
    for kind in set(before) - {K.INTERVIEW_DEADLINE, K.ANNOUNCEMENT}:
        assert (after[kind] - before[kind]).days == 90, kind
    assert after[K.EFFECTIVE_DATE] == date(2022, 4, 1)

    transition.announced_on = date(2020, 5, 15)
    transition.save()
    assert follow_transition_dates() == 1
    assert _dates()[K.ANNOUNCEMENT] == date(2020, 5, 15)


def test_ensuring_again_keeps_edited_milestones_and_does_not_bring_back_the_october_notice():
    ensure_milestones(NEW_YEAR)
    tell = Milestone.objects.get(kind=K.TELL_EMPLOYEES)
    save_milestone(
        milestone=tell,
        version=1,
        due_on=date(2021, 6, 4),
        done_on=None,
        note="Efter byrådsmødet",
        by=SystemActor("test"),
    )
    Milestone.objects.get(kind=K.FOLLOW_UP).delete()
    since = mark()
    ensure_milestones(NEW_YEAR)
    assert Milestone.objects.get(kind=K.TELL_EMPLOYEES).due_on == date(2021, 6, 4)
    assert Milestone.objects.filter(kind=K.FOLLOW_UP).count() == 1
    assert not Milestone.objects.filter(kind=K.NOTIFY_EMPLOYEES).exists()
    assert [(e.action, e.object_type) for e in since.entries()] == [("create", "process.milestone")]


def _former_default(kind: str, title: str, due_on: date, **edits: object) -> Milestone:
    return Milestone.objects.create(
        kind=kind, title=title, due_on=due_on, legal_basis="tidligere standard", **edits
    )


def test_an_installation_with_the_former_four_defaults_is_brought_onto_the_template():
    _former_default(K.INTERVIEW_DEADLINE, "Alle samtaler holdt", date(2021, 5, 31))
    _former_default(K.NOTIFY_EMPLOYEES, "Medarbejderne underrettes", date(2021, 10, 1))
    _former_default(K.INFORM_REPRESENTATIVES, "Informér", date(2021, 9, 1), note="Aftalt med TR")
    _former_default(K.EFFECTIVE_DATE, "Overdragelsesdato", NEW_YEAR, done_on=NEW_YEAR)
    since = mark()
    ensure_milestones(NEW_YEAR)

    due = _dates()
    assert K.NOTIFY_EMPLOYEES not in due  # untouched: replaced by telling them in May
    assert due[K.TELL_EMPLOYEES] == date(2021, 5, 31)
    assert due[K.INTERVIEW_DEADLINE] == date(2021, 5, 17)  # untouched: onto the template
    interviews = Milestone.objects.get(kind=K.INTERVIEW_DEADLINE)
    assert interviews.anchor == MilestoneAnchor.EFFECTIVE_DATE
    assert due[K.INFORM_REPRESENTATIVES] == date(2021, 9, 1)  # it has a note: the lead's own
    assert Milestone.objects.get(kind=K.EFFECTIVE_DATE).done_on == NEW_YEAR
    actions = sorted(e.action for e in since.entries())
    assert actions.count("delete") == 1 and actions.count("update") == 1


def test_the_transition_use_case_moves_the_dependent_milestones_with_the_effective_date():
    from overgang.web.process.transition import update_transition

    ensure_milestones(NEW_YEAR)
    before = _dates()
    transition = Transition.current()
    update = update_transition(
        by=SystemActor("lead"), version=transition.version, effective_date=date(2022, 2, 1)
    )
    after = _dates()
    assert update.milestones_moved == len(before) - 1  # all but the announcement
    assert after[K.TELL_EMPLOYEES] == date(2021, 7, 1)  # 31 May + 31 days
    assert after[K.EFFECTIVE_DATE] == date(2022, 2, 1)
    assert after[K.ANNOUNCEMENT] == before[K.ANNOUNCEMENT]
