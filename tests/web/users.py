"""Users of every role for the web tests, tied to the rows of `world.py`."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from overgang.web.accounts.models import Profile
from overgang.web.process.models import Body, BodyKind, Transition
from tests.web.world import ISHOEJ, VALLENSBAEK

PASSWORD = "en-lang-test-adgangskode-42"

# username -> (role, municipality, team, employee id, body)
ROLES: dict[str, tuple[str, int | None, str, str, str]] = {
    "projektleder": ("projektleder", None, "", "", ""),
    "kommuneleder-ishoej": ("kommuneleder", ISHOEJ, "", "", ""),
    "kommuneleder-vallensbaek": ("kommuneleder", VALLENSBAEK, "", "", ""),
    "teamleder-ishoej": ("teamleder", ISHOEJ, "PPR", "", ""),
    "teamleder-vallensbaek": ("teamleder", VALLENSBAEK, "PPR", "", ""),
    "sagsbehandler-ishoej": ("sagsbehandler", ISHOEJ, "", "X-EMP", ""),
    "sagsbehandler-vallensbaek": ("sagsbehandler", VALLENSBAEK, "", "V-EMP", ""),
    "med": ("udvalg", None, "", "", "HovedMED"),
    "byraad": ("udvalg", ISHOEJ, "", "", "Byrådet i Ishøj"),
    "revisor": ("revisor", None, "", "", ""),
    "uden-rolle": ("", None, "", "", ""),
}


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: quick to log in


def make_users() -> dict[str, object]:
    bodies = {
        "HovedMED": Body.objects.create(name="HovedMED", kind=BodyKind.MED),
        "Byrådet i Ishøj": Body.objects.create(
            name="Byrådet i Ishøj", kind=BodyKind.COUNCIL, municipality_code=ISHOEJ
        ),
    }
    users = {}
    for username, (role, code, team, employee, body) in ROLES.items():
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        if role:
            Profile.objects.create(
                user=user,
                role=role,
                municipality_code=code,
                team=team,
                employee_id=employee,
                body=bodies.get(body),
            )
        users[username] = user
    return users


def set_today(day: date, effective: date = date(2022, 1, 1)) -> None:
    transition = Transition.current()
    transition.today_override = day
    transition.effective_date = effective
    transition.save()


BEFORE = date(2021, 9, 15)
AFTER = date(2022, 2, 1)
