"""A password rule of our own: no word of the organisation's context (ASVS 6.2.11).

Django's validators refuse short, common, all-digit passwords and those like the user's
own name; this one refuses a password that contains a word anyone would guess first for
this system: its name, the municipalities', the centre's, the word 'password' itself.
Danish letters are folded (æ→ae, ø→oe, å→aa), so "Ishøj" and "ishoej" are one word.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTEXT_WORDS = (
    "overgang",
    "ishoej",
    "vallensbaek",
    "kommune",
    "cbf",
    "boernogforebyggelse",
    "adgangskode",
    "password",
    "kodeord",
)


def _folded(text: str) -> str:
    text = text.lower()
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelled)
    return "".join(character for character in text if character.isalnum())


class ContextWordsValidator:
    """Refuse a password containing any of `words` (CONTEXT_WORDS by default)."""

    def __init__(self, words: tuple[str, ...] | list[str] = CONTEXT_WORDS) -> None:
        self.words = tuple(_folded(word) for word in words)

    def validate(self, password: str, user: Any = None) -> None:
        found = [word for word in self.words if word in _folded(password)]
        if found:
            raise ValidationError(
                _("The password contains a word that is easy to guess here: %(word)s.")
                % {"word": found[0]},
                code="password_context_word",
            )

    def get_help_text(self) -> str:
        return _(
            "Your password can’t contain the name of this system, of the municipalities or "
            "of the centre, nor the word password."
        )
