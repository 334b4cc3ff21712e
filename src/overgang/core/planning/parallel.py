"""The professions' searches, side by side in processes of their own where the machine has cores.

The cost splits completely by profession (solve.py), so each profession's search can run
in another process. A `Host` keeps some professions' searches (search.py) between the
steps the planner asks of them: the first share, a round, the tie-break. `Hosts` makes
one in this process, or one per process; a step asked of several professions runs side
by side, and each answer comes back as soon as it is ready.

The first shares are handed out as the processes come free, largest profession first:
how long a profession takes is not known before (the demo's psychologists, the fourth
by size, take the longest), so a process that is done with one takes the next, and the
profession's part of the data travels with it. Each first share is the profession's
part of the time by size, whatever else runs. Later rounds and the tie-break go to the
process that holds the profession's search.

Every search has a clock of its own (determinism.py): on the deterministic clock a
profession's plan depends on its own work alone, and the planner shares the time by what
each search used, so the plan is the same whether it ran in one process or in several,
and whichever process took it; only the wall time differs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any

from overgang.core.planning.determinism import Clock
from overgang.core.planning.plan import PlanningError, ProfessionReport
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.search import ProfessionSearch
from overgang.core.planning.search_settings import SearchSettings
from overgang.core.planning.tiebreak import break_ties, worth_breaking

# What a host is asked: (step, profession, seconds, ties); the steps are Host's methods.
# `ties`: the seconds of the tie-break that follows a first share that proves the
# profession (0: none); the other steps have none.
Call = tuple[str, str, float, float]
STEPS = ("start", "run", "tie_break")


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
    tie_broken: bool = False  # its ties broken by the stated rule (tiebreak.py)


class Host:
    """Some professions' searches, each on a clock of its own, kept from one step to the next."""

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        settings: SearchSettings,
        deadline: float,
    ) -> None:
        self.problem, self.policy, self.settings = problem, policy, settings
        self.deadline = deadline  # a time.perf_counter() reading of this process
        self.staff: dict[str, list[Staff]] = {}
        self.cases: dict[str, list[Assignment]] = {}
        for s in problem.staff:
            self.staff.setdefault(s.employee.profession, []).append(s)
        for a in problem.assignments:
            self.cases.setdefault(a.case.profession, []).append(a)
        self.searches: dict[str, ProfessionSearch] = {}
        # A profession's part of the data, where it came with its first share.
        self.parts: dict[str, Problem] = {}

    def adopt(self, profession: str, part: Problem) -> None:
        """Take a profession's part of the data (_restricted), to search it here."""
        self.parts[profession] = part
        self.staff[profession] = [s for s in part.staff if s.employee.profession == profession]
        self.cases[profession] = [a for a in part.assignments if a.case.profession == profession]

    def start(self, profession: str, share: float, ties: float = 0.0) -> Outcome:
        """Build the profession's search and run its first share; where that proves it,
        break its ties at once, for at most `ties` seconds (the planner would ask for
        it after every first share; here it runs beside the others' searches)."""
        clock = Clock(self.settings, deadline=self.deadline)
        begun = clock.now()
        search = ProfessionSearch(
            self.parts.get(profession, self.problem),
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
        tie_broken = (
            ties > 0
            and search.proven
            and worth_breaking(search.staff_count, search.case_count, self.settings)
        )
        if tie_broken:
            self._break_ties(search, ties)
        return self._outcome(search, clock.since(begun), tie_broken)

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
        self._break_ties(search, seconds)
        return self._outcome(search, search.clock.since(begun), tie_broken=True)

    def _break_ties(self, search: ProfessionSearch, seconds: float) -> None:
        profession = search.profession
        tie = break_ties(
            self.parts.get(profession, self.problem),
            self.policy,
            profession,
            self.staff.get(profession, []),
            self.cases.get(profession, []),
            (search.employer, search.contact),
            search.clock,
            seconds,
            excluded=search.excluded,
        )
        search.employer, search.contact = tie.employer, tie.contact

    def answer(self, call: Call) -> Outcome:
        step, profession, seconds, ties = call
        if step == "start":
            return self.start(profession, seconds, ties)
        if step not in STEPS:
            raise ValueError(f"no step {step!r}")
        outcome: Outcome = getattr(self, step)(profession, seconds)
        return outcome

    @staticmethod
    def _outcome(search: ProfessionSearch, used: float, tie_broken: bool = False) -> Outcome:
        return Outcome(
            profession=search.profession,
            employer=dict(search.employer),
            contact=dict(search.contact),
            proven=search.proven,
            used=used,
            report=search.report(),
            cut=search.clock.cut,
            tie_broken=tie_broken,
        )


class RemoteHost:
    """A Host in a process of its own, asked and answered through a pipe."""

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        settings: SearchSettings,
        deadline: float,
    ) -> None:
        context = _context()
        self.connection, theirs = context.Pipe()
        # The deadline travels as the seconds left: perf_counter readings are per process.
        left = deadline - time.perf_counter()
        self.process = context.Process(
            target=_serve,
            args=(theirs, problem, policy, settings, left),
            name="overgang-planning",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.pending = 0

    def send(self, call: Call, part: Problem | None = None) -> None:
        """Ask a call; a first share comes with the profession's part of the data."""
        try:
            self.connection.send((call, part))
        except OSError as error:
            raise self._ended() from error
        self.pending += 1

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
        self.problem = problem
        self.count = processes_for(settings, sizes)
        settings = replace(settings, processes=self.count)
        self.local: Host | None = None
        self.remote: list[RemoteHost] = []
        self.home: dict[str, int] = {}
        if self.count == 1:
            self.local = Host(problem, policy, settings, deadline)
            return
        # Each process starts with none of the data: a profession's part comes with its
        # first share.
        empty = _restricted(problem, set())
        try:
            for _ in range(self.count):
                self.remote.append(RemoteHost(empty, policy, settings, deadline))
        except BaseException:
            self.close()
            raise

    def start(self, shares: list[tuple[str, float]], ties: float) -> Iterator[Outcome]:
        """Each profession's first share, in this order, each to the first process free,
        and the tie-break of those it proves (Host.start); the outcomes as soon as they
        are ready."""
        if self.local is not None:
            for profession, seconds in shares:
                yield self.local.start(profession, seconds, ties)
            return
        waiting = deque(shares)

        def give(index: int) -> None:
            profession, seconds = waiting.popleft()
            self.home[profession] = index
            part = _restricted(self.problem, {profession})
            self.remote[index].send(("start", profession, seconds, ties), part)

        def free(index: int) -> None:
            if waiting:
                give(index)

        for index in range(min(len(self.remote), len(waiting))):
            give(index)
        yield from self._replies(free)

    def answer(self, calls: list[Call]) -> Iterator[Outcome]:
        """Each call's outcome, from the process that holds its profession's search, as
        soon as it is ready: side by side where in several processes."""
        if self.local is not None:
            for call in calls:
                yield self.local.answer(call)
            return
        for call in calls:
            self.remote[self.home[call[1]]].send(call)
        yield from self._replies()

    def _replies(self, free: Callable[[int], None] | None = None) -> Iterator[Outcome]:
        """The processes' answers as soon as each is ready, until none is pending; after
        each, `free` is told which process gave it (it may ask that one something more)."""
        while any(host.pending for host in self.remote):
            ready = wait([host.connection for host in self.remote if host.pending])
            for index, host in enumerate(self.remote):
                if host.connection in ready:
                    yield host.receive()
                    if free is not None:
                        free(index)

    def close(self) -> None:
        for host in self.remote:
            host.close()
        self.remote = []


def processes_for(settings: SearchSettings, sizes: dict[str, int]) -> int:
    """How many processes search side by side: one per core the planner may use (or
    settings.processes), but no more than the professions worth a process."""
    wanted = settings.processes or len(os.sched_getaffinity(0))
    worth = sum(1 for size in sizes.values() if size >= settings.process_min_size)
    return max(1, min(wanted, worth))


def _restricted(problem: Problem, professions: set[str]) -> Problem:
    """The part of the problem that concerns these professions: what a host process needs."""
    return replace(
        problem,
        staff=tuple(s for s in problem.staff if s.employee.profession in professions),
        assignments=tuple(a for a in problem.assignments if a.case.profession in professions),
        needs={key: fte for key, fte in problem.needs.items() if key[1] in professions},
    )


def warm_up(settings: SearchSettings) -> None:
    """Start the server the planning processes fork from now, where the planner may want
    more than one: its imports (0.6 s on the benchmark machine) then overlap the caller's
    reading of the data instead of delaying the first search."""
    if (settings.processes or len(os.sched_getaffinity(0))) > 1:
        _context()
        multiprocessing.forkserver.ensure_running()


def _context() -> Any:
    # Forked from a server process started clean, not from a planner that may hold threads
    # (a job's heartbeat, CP-SAT's pool) and their locks.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["overgang.core.planning.parallel", "overgang.core.planning.preload"]
    )
    return context


def _serve(
    connection: Connection,
    problem: Problem,
    policy: Policy,
    settings: SearchSettings,
    left: float,
) -> None:
    """A host process: answer each call, with its outcome, until told to stop."""
    host = Host(problem, policy, settings, time.perf_counter() + left)
    while True:
        try:
            calls = connection.recv()  # (call, part), or None: stop
        except EOFError:
            return
        if calls is None:
            return
        call, part = calls
        try:
            if part is not None:
                host.adopt(call[1], part)
            connection.send(("ok", host.answer(call)))
        except Exception as error:  # sent back whole, raised in the planner's process
            connection.send(("error", _portable(error)))


def _portable(error: Exception) -> Exception:
    """The error itself where it pickles and unpickles, else a PlanningError with its words."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return PlanningError(f"{type(error).__name__}: {error}")
    return error
