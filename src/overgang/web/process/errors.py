"""The refusal every process use case raises, in a module of its own so that they all share it."""

from __future__ import annotations


class ProcessError(ValueError):
    """A process step that cannot be taken as asked; the message says why, for the user."""
