"""Crashes and races lose nothing: `overgang import`, `overgang plan` and `overgang approve`
killed (SIGKILL) at every point of their work, and imports racing each other and a plan.

Each test runs real processes on a database of its own, of the engine the suite runs on,
copied from one prepared once: the worked example imported (w1) and planned (plan 1). The
processes stop at the points named in OVERGANG_PAUSE_AT (overgang.web.pausepoints), where
the test kills them or lets them go on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.processes import (
    Command,
    Databases,
    column,
    differences,
    every_row,
    run,
    scalar,
    write_workbooks,
)

PLAN = ("plan", "--time-limit", "5", "--cooperation-seconds", "0")


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    return write_workbooks(tmp_path_factory.mktemp("workbooks"))


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("databases"))
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def prepared(databases, workbooks) -> str:
    url = databases.empty()
    for command in (("import", str(workbooks["w1"])), PLAN):
        done = run(url, *command)
        assert done.returncode == 0, done.text
    return url


def assert_audit_log_whole(url: str) -> None:
    verified = run(url, "audit", "verify")
    assert verified.returncode == 0 and "The audit log is whole" in verified.text, verified.text


def current_file(url: str) -> str:
    return scalar(url, "SELECT file_name FROM dataset_importbatch WHERE is_current")


def test_an_import_killed_anywhere_leaves_the_data_set_as_it_was_and_the_next_works(
    databases, prepared, workbooks
):
    url = databases.copy(prepared)
    before = every_row(url)
    for point in ("import:read", "import:merged", "import:recorded"):
        Command(url, "import", str(workbooks["w2"]), pause_at=(point,)).paused_at(point).kill()
        assert differences(before, every_row(url)) == [], f"killed at {point}"
    done = run(url, "import", str(workbooks["w2"]))
    assert done.returncode == 0, done.text
    assert current_file(url) == "w2.xlsx"
    assert_audit_log_whole(url)


def test_a_plan_killed_anywhere_stores_nothing_of_itself_and_the_next_plan_works(
    databases, prepared
):
    url = databases.copy(prepared)
    before = every_row(url)
    for point in ("plan:loaded", "plan:solved", "plan:stored", "plan:recorded"):
        Command(url, *PLAN, pause_at=(point,)).paused_at(point).kill()
        assert differences(before, every_row(url)) == [], f"killed at {point}"
    done = run(url, *PLAN)
    assert done.returncode == 0, done.text
    plans = column(url, "SELECT id FROM planning_storedplan ORDER BY id")
    assert len(plans) == 2  # PostgreSQL's ids skip those the killed plans took
    decisions = "SELECT count(*) FROM planning_casedecision WHERE plan_id = {}"
    assert scalar(url, decisions.format(plans[1])) == scalar(url, decisions.format(1)) == 4
    assert_audit_log_whole(url)


def test_an_approval_killed_anywhere_approves_nothing_and_the_next_approves(databases, prepared):
    url = databases.copy(prepared)
    before = every_row(url)
    for point in ("approve:approved", "approve:recorded"):
        Command(url, "approve", "1", "--reason", "Prøve", pause_at=(point,)).paused_at(point).kill()
        assert differences(before, every_row(url)) == [], f"killed at {point}"
    done = run(url, "approve", "1", "--reason", "Prøve")
    assert done.returncode == 0, done.text
    assert scalar(url, "SELECT plan_id FROM process_planapproval") == 1
    assert_audit_log_whole(url)


def test_two_imports_at_once_go_one_after_the_other_or_the_second_is_refused_saying_why(
    databases, prepared, workbooks
):
    url = databases.copy(prepared)
    first = Command(url, "import", str(workbooks["w2"]), pause_at=("import:merged",))
    first.paused_at("import:merged")
    refused = run(url, "import", str(workbooks["w3"]), OVERGANG_LOCK_WAIT="0.2")
    assert refused.returncode == 1
    assert "Another import is storing a data set. Nothing was stored" in refused.text
    not_planned = run(url, *PLAN, OVERGANG_LOCK_WAIT="0.2")
    assert not_planned.returncode == 1
    assert "An import is storing a new data set. Nothing was planned" in not_planned.text
    second = Command(url, "import", str(workbooks["w3"]), pause_at=("lock:waiting",))
    second.paused_at("lock:waiting")  # it waits for the first import
    assert first.resume().finished().returncode == 0
    assert second.resume().finished().returncode == 0
    history = column(url, "SELECT file_name FROM dataset_importbatch ORDER BY id")
    assert history == ["w1.xlsx", "w2.xlsx", "w3.xlsx"]
    assert current_file(url) == "w3.xlsx"
    active = "SELECT count(*) FROM dataset_employee WHERE retired_at IS NULL"
    assert scalar(url, active) == 4
    assert_audit_log_whole(url)


def test_an_import_while_a_plan_is_made_waits_for_its_reading_and_the_plan_is_marked_stale(
    databases, prepared, workbooks
):
    url = databases.copy(prepared)
    plan = Command(url, *PLAN, pause_at=("plan:loaded", "plan:solved"))
    plan.paused_at("plan:loaded")
    refused = run(url, "import", str(workbooks["w2"]), OVERGANG_LOCK_WAIT="0.2")
    assert refused.returncode == 1
    assert "A plan is reading the data set. Nothing was stored" in refused.text
    plan.resume().paused_at("plan:solved")  # it has read the data and let go of them
    imported = run(url, "import", str(workbooks["w2"]))
    assert imported.returncode == 0, imported.text
    assert plan.resume().finished().returncode == 0
    hashes = "SELECT input_hash FROM planning_storedplan WHERE id = {}"
    # Plan 2 is stored against the data it was solved on: those plan 1 was made from.
    assert scalar(url, hashes.format(2)) == scalar(url, hashes.format(1))
    shown = run(url, "show-plan", "2")
    assert shown.returncode == 0
    assert "Note: the data have changed since this plan was made." in shown.text
    assert_audit_log_whole(url)
