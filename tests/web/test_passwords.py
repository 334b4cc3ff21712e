"""The password rules: Django's four validators, twelve characters, and no word of this
system's context (accounts/passwords.py); every way to set a password applies them
(tests/web/usecases/test_accounts.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from overgang.web.accounts.demo import DEMO_PASSWORD


def test_the_password_rules_are_djangos_validators_with_twelve_characters_and_context_words():
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
        "ContextWordsValidator",
    ]
    (length,) = [v for v in settings.AUTH_PASSWORD_VALIDATORS if "MinimumLength" in v["NAME"]]
    assert length["OPTIONS"]["min_length"] >= 12


@pytest.mark.parametrize(
    "guessable",
    [
        "Overgang-2021-forår",
        "VallensbÆk-er-bedst-1",
        "ishøj-og-omegn-2022",
        "min-kommune-er-skøn",
        "MitPassword!-2024xx",
        "cbf-teamet-er-godt-7",
        "o.v.e.r.g.a.n.g-2021!",
    ],
)
def test_a_password_with_a_word_of_this_systems_context_is_refused(guessable):
    with pytest.raises(ValidationError, match="let at gætte"):
        validate_password(guessable)


def test_the_demo_password_would_not_pass_the_rules():
    # The demo users are refused with production settings (test_access_demo_users.py);
    # their password could never be chosen by a real user.
    with pytest.raises(ValidationError):
        validate_password(DEMO_PASSWORD)


def test_a_long_passphrase_of_any_characters_and_64_and_more_is_accepted():
    validate_password("Blåbærgrød-med-fløde-2021")
    validate_password("æøå " * 20)  # 80 characters, spaces and Danish letters
    validate_password("x7#" * 100)  # no upper bound short of the form's 4096
