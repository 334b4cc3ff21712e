"""The terminal the commands write to, and the shared ways they show progress and problems."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.utils.translation import gettext as _
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from overgang.io.issues import Issue, Severity

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """Yield a Rich progress display that disappears when the work is done."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        yield progress


def print_issues(issues: Sequence[Issue]) -> None:
    """Print every problem, errors first, one line each, naming sheet, row and column."""
    errors = [issue for issue in issues if issue.severity is Severity.ERROR]
    warnings = [issue for issue in issues if issue.severity is Severity.WARNING]
    error_label, warning_label = _("Error"), _("Warning")
    for issue in errors:
        console.print(
            f"[red]{error_label}:[/red] {escape(issue.format())}", markup=True, soft_wrap=True
        )
    for issue in warnings:
        console.print(
            f"[yellow]{warning_label}:[/yellow] {escape(issue.format())}",
            markup=True,
            soft_wrap=True,
        )
    if errors or warnings:
        console.print(
            _("Errors: %(errors)d, warnings: %(warnings)d")
            % {"errors": len(errors), "warnings": len(warnings)}
        )


def number(value: float, digits: int = 2) -> str:
    """Return a number in the active language's format (a decimal comma in Danish)."""
    from overgang.texts.numbers import formatted

    return formatted(value, digits)
