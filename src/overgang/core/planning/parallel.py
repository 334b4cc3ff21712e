"""The professions' searches, side by side in processes of their own where the machine has cores.

The cost splits completely by profession (solve.py), so each profession's search can run
in another process. A `Host` keeps some professions' searches (search.py) between the
steps the planner asks of them: the first shares, a round, the tie-break. `Hosts` makes
one in this process, or one per process; a step asked of several professions runs side
by side, and each answer comes back as soon as it is ready.

The first shares run in *lanes*: the professions are dealt, largest first, to the lane
with the least so far (settings.lanes of them, however many processes there are), and
each lane has its part of the time, searches its professions one after another, and gives
what one did not need to the next (a CP-SAT search cut short and started again proves
less than one long one). A process searches one lane or several.

Every search has a clock of its own (determinism.py): on the deterministic clock a
profession's plan depends on its own work alone, and the planner shares the time by what
each search used, so the plan is the same whether it ran in one process or in several;
only the wall time differs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any

from overgang.core.planning.determinism import Clock
from overgang.core.planning.plan import ProfessionReport
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.search import PlanningError, ProfessionSearch
from overgang.core.planning.search_settings import SearchSettings
from overgang.core.planning.tiebreak import break_ties

# What a host is asked: (step, professions, seconds); the steps are Host's methods. A lane
# ("lane") is its professions largest first and the seconds of the lane; the other steps
# name one profession.
Call = tuple[str, tuple[str, ...], float]
STEPS = ("lane", "run", "tie_break")


@dataclass(frozen=True)
class Outcome:
    """A profession's plan and proof after a step, and the seconds the step took on its clock."""

    profession: str
    employer: dict[str, int]
    contact: dict[str, str | None]
    proven: bool
    used: float
    report: ProfessionReport
    cut: bool


class Host:
    """Some professions' searches, each on a clock of its own, kept from one step to the next."""

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        settings: SearchSettings,
        deadline: float,
        sizes: dict[str, int],
    ) -> None:
        self.problem, self.policy, self.settings = problem, policy, settings
        self.deadline = deadline  # a time.perf_counter() reading of this process
        self.sizes = sizes
        self.staff: dict[str, list[Staff]] = {}
        self.cases: dict[str, list[Assignment]] = {}
        for s in problem.staff:
            self.staff.setdefault(s.employee.profession, []).append(s)
        for a in problem.assignments:
            self.cases.setdefault(a.case.profession, []).append(a)
        self.searches: dict[str, ProfessionSearch] = {}

    def lane(self, professions: tuple[str, ...], seconds: float) -> Iterator[Outcome]:
        """Search each profession for its first share, one after another: each its part of
        what the lane has left by its size (and a large staff the seconds to presolve)."""
        s = self.settings
        begun, used = time.perf_counter(), 0.0
        remaining = sum(self.sizes[p] for p in professions)
        for profession in professions:
            gone = used if s.deterministic else time.perf_counter() - begun
            share = max(
                max(s.min_seconds, seconds - gone) * self.sizes[profession] / remaining,
                s.staff_seconds * len(self.staff.get(profession, [])),
            )
            remaining -= self.sizes[profession]
            outcome = self.start(profession, share)
            used += outcome.used
            yield outcome

    def start(self, profession: str, share: float) -> Outcome:
        """Build the profession's search and run its first share."""
        clock = Clock(self.settings, deadline=self.deadline)
        begun = clock.now()
        search = ProfessionSearch(
            self.problem,
            self.policy,
            profession,
            self.staff.get(profession, []),
            self.cases.get(profession, []),
            share,
            self.settings,
            clock,
        )
        self.searches[profession] = search
        first_share = share if self.settings.deterministic else share - search.build_seconds
        search.run(first_share)
        return self._outcome(search, clock.since(begun))

    def run(self, profession: str, share: float) -> Outcome:
        """Search the profession for `share` more seconds on its clock."""
        search = self.searches[profession]
        begun = search.clock.now()
        search.run(share)
        return self._outcome(search, search.clock.since(begun))

    def tie_break(self, profession: str, seconds: float) -> Outcome:
        """Of the profession's plans of least cost, take the one the rule names (tiebreak.py)."""
        search = self.searches[profession]
        begun = search.clock.now()
        tie = break_ties(
            self.problem,
            self.policy,
            profession,
            self.staff.get(profession, []),
            self.cases.get(profession, []),
            (search.employer, search.contact),
            search.clock,
            seconds,
        )
        search.employer, search.contact = tie.employer, tie.contact
        return self._outcome(search, search.clock.since(begun))

    def answer(self, calls: list[Call]) -> Iterator[Outcome]:
        for step, professions, seconds in calls:
            if step == "lane":
                yield from self.lane(professions, seconds)
            elif step in STEPS:
                yield getattr(self, step)(professions[0], seconds)
            else:
                raise ValueError(f"no step {step!r}")

    @staticmethod
    def _outcome(search: ProfessionSearch, used: float) -> Outcome:
        return Outcome(
            profession=search.profession,
            employer=dict(search.employer),
            contact=dict(search.contact),
            proven=search.proven,
            used=used,
            report=search.report(),
            cut=search.clock.cut,
        )


class RemoteHost:
    """A Host in a process of its own, asked and answered through a pipe."""

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        settings: SearchSettings,
        deadline: float,
        sizes: dict[str, int],
    ) -> None:
        context = _context()
        self.connection, theirs = context.Pipe()
        # The deadline travels as the seconds left: perf_counter readings are per process.
        left = deadline - time.perf_counter()
        self.process = context.Process(
            target=_serve,
            args=(theirs, problem, policy, settings, left, sizes),
            name="overgang-planning",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.pending = 0

    def send(self, calls: list[Call]) -> None:
        try:
            self.connection.send(calls)
        except OSError as error:
            raise self._ended() from error
        self.pending += sum(len(professions) for _, professions, _ in calls)

    def receive(self) -> Outcome:
        try:
            kind, value = self.connection.recv()
        except (EOFError, OSError) as error:
            raise self._ended() from error
        self.pending -= 1
        if kind == "error":
            raise value
        result: Outcome = value
        return result

    def _ended(self) -> PlanningError:
        self.process.join(timeout=1)
        code = self.process.exitcode
        return PlanningError(f"a planning process ended unexpectedly (exit {code})")

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.connection.send(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class Hosts:
    """Where each profession's search lives: this process, or one of several."""

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        settings: SearchSettings,
        deadline: float,
        sizes: dict[str, int],
    ) -> None:
        self.sizes = sizes
        self.lanes = lanes(settings, sizes)
        self.count = processes_for(settings, self.lanes, sizes)
        settings = replace(settings, processes=self.count)
        self.local: Host | None = None
        self.remote: list[RemoteHost] = []
        self.home: dict[str, int] = {}
        if self.count == 1:
            self.local = Host(problem, policy, settings, deadline, sizes)
            return
        # The lanes, largest first, each to the process with least so far.
        load = [0] * self.count
        for lane in sorted(self.lanes, key=lambda lane: -sum(sizes[p] for p in lane)):
            least = min(range(self.count), key=lambda i: (load[i], i))
            self.home.update({p: least for p in lane})
            load[least] += sum(sizes[p] for p in lane)
        try:
            for index in range(self.count):
                mine = {p for p, i in self.home.items() if i == index}
                part = _restricted(problem, mine)
                self.remote.append(RemoteHost(part, policy, settings, deadline, sizes))
        except BaseException:
            self.close()
            raise

    def answer(self, calls: list[Call]) -> Iterator[Outcome]:
        """Each call's outcomes, as soon as they are ready: side by side where in several
        processes."""
        if self.local is not None:
            yield from self.local.answer(calls)
            return
        for index, host in enumerate(self.remote):
            mine = [call for call in calls if self.home[call[1][0]] == index]
            if mine:
                host.send(mine)
        while any(host.pending for host in self.remote):
            ready = wait([host.connection for host in self.remote if host.pending])
            for host in self.remote:
                if host.connection in ready:
                    yield host.receive()

    def close(self) -> None:
        for host in self.remote:
            host.close()
        self.remote = []


def lanes(settings: SearchSettings, sizes: dict[str, int]) -> list[tuple[str, ...]]:
    """The professions dealt largest first to settings.lanes lanes, each to the one with least
    so far; each lane largest first. The same whatever the number of processes."""
    count = max(1, settings.lanes)
    dealt: list[list[str]] = [[] for _ in range(count)]
    load = [0] * count
    for profession in sorted(sizes, key=lambda p: (-sizes[p], p)):
        least = min(range(count), key=lambda i: (load[i], i))
        dealt[least].append(profession)
        load[least] += sizes[profession]
    return [tuple(lane) for lane in dealt if lane]


def processes_for(
    settings: SearchSettings, lanes: list[tuple[str, ...]], sizes: dict[str, int]
) -> int:
    """How many processes search side by side: one per core the planner may use (or
    settings.processes), but no more than the lanes with a profession worth a process."""
    wanted = settings.processes or len(os.sched_getaffinity(0))
    worth = sum(1 for lane in lanes if any(sizes[p] >= settings.process_min_size for p in lane))
    return max(1, min(wanted, worth))


def _restricted(problem: Problem, professions: set[str]) -> Problem:
    """The part of the problem that concerns these professions: what a host process needs."""
    return replace(
        problem,
        staff=tuple(s for s in problem.staff if s.employee.profession in professions),
        assignments=tuple(a for a in problem.assignments if a.case.profession in professions),
        needs={key: fte for key, fte in problem.needs.items() if key[1] in professions},
    )


def _context() -> Any:
    # Forked from a server process started clean, not from a planner that may hold threads
    # (a job's heartbeat, CP-SAT's pool) and their locks.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["overgang.core.planning.parallel"])
    return context


def _serve(
    connection: Connection,
    problem: Problem,
    policy: Policy,
    settings: SearchSettings,
    left: float,
    sizes: dict[str, int],
) -> None:
    """A host process: answer each batch of calls, one outcome at a time, until told to stop."""
    host = Host(problem, policy, settings, time.perf_counter() + left, sizes)
    while True:
        try:
            calls = connection.recv()
        except EOFError:
            return
        if calls is None:
            return
        for call in calls:
            try:
                for outcome in host.answer([call]):
                    connection.send(("ok", outcome))
            except Exception as error:  # sent back whole, raised in the planner's process
                connection.send(("error", _portable(error)))


def _portable(error: Exception) -> Exception:
    """The error itself where it pickles and unpickles, else a PlanningError with its words."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return PlanningError(f"{type(error).__name__}: {error}")
    return error
