"""Commands on the audit log: verify its hash chain."""

from __future__ import annotations

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.bootstrap import ensure_database

audit_app = typer.Typer(
    help=_("The audit log of every access to personal data."), no_args_is_help=True
)
app.add_typer(audit_app, name="audit")


def describe(verdict: object) -> str:
    """The first broken link in words: which entry and what is wrong with it."""
    from overgang.web.audit.chain import Verdict

    assert isinstance(verdict, Verdict)
    where = {"seq": verdict.seq, "id": verdict.entry_id}
    if verdict.problem == "changed":
        return (
            _(
                "entry no. %(seq)s (id %(id)s) has been changed: its content no longer gives its hash"
            )
            % where
        )
    if verdict.problem == "deleted":
        return (
            _(
                "entries are missing before entry no. %(seq)s (id %(id)s): the numbers jump, an entry has been deleted"
            )
            % where
        )
    if verdict.problem == "relinked":
        return (
            _(
                "entry no. %(seq)s (id %(id)s) does not point to the previous entry's hash: the chain has been altered"
            )
            % where
        )
    return _("entry no. %(seq)s and later are missing: the end of the log has been deleted") % where


@audit_app.command(
    "verify", help=_("Check the audit log's hash chain and name the first broken link.")
)
def verify_command() -> None:
    ensure_database()
    from overgang.web.audit.chain import verify_chain

    verdict = verify_chain()
    if verdict.ok:
        console.print(
            _("The audit log is whole: %(count)s entries, every hash matches.")
            % {"count": verdict.checked}
        )
        return
    err_console.print(
        _("The audit log is broken after %(count)s good entries: %(problem)s.")
        % {"count": verdict.checked, "problem": describe(verdict)},
        soft_wrap=True,
    )
    raise typer.Exit(1)
