"""The users of a transition's busiest week, for Locust (run by bench/load.py).

Team leaders record interviews and read their staff, caseworkers read their handover
lists and cases, the transition lead follows the dashboard and the plans, a committee
member reads the overview and downloads the status report, and programs read the API.
Every page is named by its route, so the statistics group them as the doc reports them.
"""

from __future__ import annotations

import os
import random
import re
from datetime import date
from typing import Any

import gevent
from locust import HttpUser, between, events, task

PASSWORD = "overgang-demo"
EMPLOYEE_LINK = re.compile(r'href="/medarbejdere/([^/"]+)/"')
PLAN_LINK = re.compile(r'href="/planer/(\d+)/"')
# Seconds at the start not counted (bench/load.py sets it): the users log in (a password
# check is slow on purpose) and each server process loads what it keeps, as one that has
# run a while has; the statistics start afresh after them, within the same users' run.
WARMUP = float(os.environ.get("OVERGANG_LOAD_WARMUP", "0"))


@events.test_start.add_listener
def _count_after_warmup(environment: Any, **_kwargs: Any) -> None:
    def reset() -> None:
        gevent.sleep(WARMUP)
        environment.stats.reset_all()

    if WARMUP > 0:
        gevent.spawn(reset)


class LoggedIn(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    usernames: tuple[str, ...] = ()

    def on_start(self) -> None:
        self.client.get("/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        form = {
            "username": random.choice(self.usernames),
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
        }
        self.client.post("/login/", form, name="login", headers={"Referer": self.host + "/login/"})

    def post_form(self, path: str, data: dict[str, str], name: str) -> None:
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        self.client.post(path, data, name=name, headers={"Referer": self.host + path})


class TeamLeader(LoggedIn):
    weight = 4
    usernames = ("teamleder-ishoej", "teamleder-vallensbaek")
    employees: list[str] = []

    @task(3)
    def staff(self) -> None:
        page = self.client.get("/medarbejdere/", name="/medarbejdere/")
        self.employees = EMPLOYEE_LINK.findall(page.text) or self.employees

    @task(3)
    def employee(self) -> None:
        if self.employees:
            self.client.get(
                f"/medarbejdere/{random.choice(self.employees)}/", name="/medarbejdere/ID/"
            )

    @task(1)
    def record_interview(self) -> None:
        if self.employees:
            path = f"/medarbejdere/{random.choice(self.employees)}/"
            self.post_form(
                path,
                {"new-held_on": date(2021, 5, 20).isoformat(), "new-wish": "", "new-note": "Last"},
                name="/medarbejdere/ID/ (samtale)",
            )

    @task(1)
    def follow_up(self) -> None:
        self.client.get("/samtaler/opfoelgning/", name="/samtaler/opfoelgning/")


class Caseworker(LoggedIn):
    weight = 4
    usernames = ("sagsbehandler-ishoej", "sagsbehandler-vallensbaek")

    @task(3)
    def handovers(self) -> None:
        self.client.get("/overdragelser/", name="/overdragelser/")

    @task(2)
    def cases(self) -> None:
        self.client.get("/sager/", name="/sager/")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/", name="/ (overblik)")


class TransitionLead(LoggedIn):
    weight = 2
    usernames = ("projektleder", "kommuneleder-ishoej", "kommuneleder-vallensbaek")
    plans: list[str] = []

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/", name="/ (overblik)")

    @task(2)
    def plan_list(self) -> None:
        page = self.client.get("/planer/", name="/planer/")
        self.plans = PLAN_LINK.findall(page.text) or self.plans

    @task(2)
    def plan(self) -> None:
        if self.plans:
            self.client.get(f"/planer/{self.plans[0]}/", name="/planer/ID/")

    @task(1)
    def milestones(self) -> None:
        self.client.get("/milepaele/", name="/milepaele/")


class Committee(LoggedIn):
    weight = 1
    usernames = ("med", "byraad")

    @task(4)
    def dashboard(self) -> None:
        self.client.get("/", name="/ (overblik)")

    @task(1)
    def report(self) -> None:
        page = self.client.get("/rapporter/", name="/rapporter/")
        found = re.search(r'href="(/rapporter/status/\d+\.html)"', page.text)
        if found:
            self.client.get(found.group(1), name="/rapporter/status/ID.html (download)")


class ApiClient(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self) -> None:
        answer = self.client.post(
            "/api/v1/auth/token/",
            json={"username": "kommuneleder-ishoej", "password": PASSWORD},
            name="/api/v1/auth/token/",
        )
        self.client.headers["Authorization"] = f"Token {answer.json().get('token', '')}"

    @task(2)
    def cases(self) -> None:
        self.client.get("/api/v1/cases/", name="/api/v1/cases/")

    @task(2)
    def employees(self) -> None:
        self.client.get("/api/v1/employees/", name="/api/v1/employees/")

    @task(1)
    def metrics(self) -> None:
        self.client.get("/api/v1/metrics/", name="/api/v1/metrics/")
