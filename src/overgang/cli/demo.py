"""The demo data set command."""

from __future__ import annotations

from pathlib import Path

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, progress_bar
from overgang.cli.main import app


@app.command(
    "demo-data", help=_("Write the synthetic, seeded demo data set as a transition workbook.")
)
def demo_data_command(
    path: Path = typer.Argument(..., help=_("The .xlsx file or CSV folder to write.")),
    seed: int = typer.Option(
        2021, "--seed", help=_("Seed of the random generator: the same seed gives the same data.")
    ),
    scale: float = typer.Option(
        1.0, "--scale", min=0.01, help=_("Multiply every count, e.g. 10 or 100 for benchmarks.")
    ),
    municipalities: int = typer.Option(
        2,
        "--municipalities",
        min=2,
        help=_("Split the host's service among this many municipalities."),
    ),
) -> None:
    from overgang.demo import generate
    from overgang.io.write import write_workbook

    with progress_bar() as progress:
        task = progress.add_task(_("Generating"), total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        dataset = generate(seed=seed, scale=scale, municipalities=municipalities, progress=report)
        progress.update(task, description=_("Writing %(path)s") % {"path": path.name}, total=None)
        write_workbook(dataset, path)
    counts = dataset.row_counts()
    console.print(
        _("Wrote %(path)s: %(employees)d employees, %(citizens)d citizens, %(cases)d cases")
        % {
            "path": path,
            "employees": counts["medarbejdere"],
            "citizens": counts["borgere"],
            "cases": counts["sager"],
        }
    )
