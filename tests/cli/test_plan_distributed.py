"""overgang plan --distribute: each profession a job of its own, run by this command where no
worker takes it; the plan stored is the plan made in one process."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.dataset.store import merge_dataset
from overgang.web.jobs import runner as job_runner
from overgang.web.jobs.models import Job, JobKind, JobState
from overgang.web.planning.models import StoredPlan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wide_console")]
runner = CliRunner()


def _plan(*args: str) -> StoredPlan:
    result = runner.invoke(
        app,
        ["plan", "--time-limit", "20", "--cooperation-seconds", "0", *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return StoredPlan.objects.order_by("-pk").first()


def test_a_distributed_plan_from_the_command_line_equals_the_plan_in_one_process(
    small_dataset, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(job_runner, "heartbeat_enabled", False)  # the test's one connection
    merge_dataset(small_dataset, file_name="demo.xlsx", file_hash="0" * 64, imported_by="test")
    single = _plan()
    distributed = _plan("--distribute")
    parts = Job.objects.filter(kind=JobKind.PLAN_PART)
    assert sorted(p.params["profession"] for p in parts) == sorted(
        p["faggruppe"] for p in single.professions
    )
    assert {p.state for p in parts} == {JobState.DONE}
    assert single.status == distributed.status == "optimal"
    assert (distributed.objective, distributed.bound) == (single.objective, single.bound)
