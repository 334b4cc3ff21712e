"""Who acts: a logged-in user, or a named system actor where no one is logged in.

Every use case takes `by=`, an `Actor`. Pages and the API pass the request's user;
the command line passes `command_line_actor()`, named after the person at the
terminal (or `--by`), so the audit log names a person for every write and read.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

# A django.contrib.auth user or a SystemActor: both answer get_username().
Actor = Any


@dataclass(frozen=True)
class SystemActor:
    """Acts without a user account: the command line, or a worker. Holds no rights of its own."""

    name: str
    channel: str = "cli"

    pk = None
    is_authenticated = False
    is_active = False

    def get_username(self) -> str:
        return f"{self.channel}:{self.name}"

    def __str__(self) -> str:
        return self.get_username()


def command_line_actor(name: str | None = None) -> SystemActor:
    """The person at the terminal, as `--by` names them or as the operating system knows them."""
    return SystemActor(name or getpass.getuser())


def actor_name(by: Actor) -> str:
    """The name the records give the actor (`recorded_by`, `created_by`): the person's name.

    The audit log's entry says more: a system actor's channel too (`cli:alice`).
    """
    if isinstance(by, SystemActor):
        return by.name
    return str(by.get_username()) if by is not None else ""


def user_of(by: Actor) -> Any:
    """The user account behind the actor, for foreign keys; None for a system actor."""
    return None if isinstance(by, SystemActor) or by is None else by
