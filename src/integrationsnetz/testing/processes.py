"""Real processes against one store: writers the crash harness kills, racers that count lost updates.

A backend's promises about crashes and concurrency hold or fail between processes, so these
harnesses start fresh interpreters (``sys.executable``) that open the store by URL with the same
plugins as the test's host (:class:`HostRecipe`), and judge from the parent what the store holds
afterwards. Only the children are killed: a database server the URL points at is never touched.

* :func:`kill_small_transactions` - a child commits small transactions in a loop (update, create,
  delete, two entity types); it is killed at random moments, and each time the store must hold
  exactly the state after some whole transaction, at least the last one the child saw committed
  (a database server may still be committing the one after it: that one may land meanwhile).
* :func:`kill_large_transaction` - a child saves one large batch; it is killed at points spread
  over the save, and each time the store must hold exactly the old or the new state.
* :func:`race` - several children increment one counter by read-modify-write, reloading on
  ``Conflict``; every increment must count.

:func:`main` is what the children run.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date

import attrs

from integrationsnetz.errors import Conflict
from integrationsnetz.model import Person, WorkingGroup
from integrationsnetz.plugins import DEFAULT_PLUGINS, PluginHost
from integrationsnetz.store import Change, Store

__all__ = [
    "HostRecipe",
    "KillReport",
    "RaceReport",
    "kill_large_transaction",
    "kill_small_transactions",
    "main",
    "race",
]

#: How long a harness waits for a child before it gives up and reports it stuck.
CHILD_TIMEOUT = 120.0


# --- opening the store in a child ---------------------------------------------------------------


@attrs.frozen
class HostRecipe:
    """How a child process builds a host with the same plugins: each module by name, or by file."""

    modules: tuple[tuple[str, str | None], ...]

    @classmethod
    def of(cls, host: PluginHost) -> HostRecipe:
        """The plugin modules of ``host`` beyond the built-in ones (a non-module plugin cannot travel)."""
        modules = []
        for _, plugin in host.pm.list_name_plugin():
            name = getattr(plugin, "__name__", None)
            if name in DEFAULT_PLUGINS:
                continue
            if name is None or not hasattr(plugin, "__spec__"):
                raise TypeError(
                    f"plugin {plugin!r} is not a module, so a child process cannot load it; "
                    "override the suite's host_recipe fixture"
                )
            modules.append((name, getattr(plugin, "__file__", None)))
        return cls(tuple(sorted(modules)))

    def build(self) -> PluginHost:
        """The host, in the child."""
        plugins = []
        for name, path in self.modules:
            try:
                plugins.append(importlib.import_module(name))
            except ImportError:
                if path is None:
                    raise
                spec = importlib.util.spec_from_file_location(name, path)
                assert spec is not None
                assert spec.loader is not None
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                spec.loader.exec_module(module)
                plugins.append(module)
        return PluginHost(entry_points=False, plugins=plugins)

    def dumps(self) -> str:
        """The recipe as one command-line argument."""
        return json.dumps(self.modules)

    @classmethod
    def loads(cls, text: str) -> HostRecipe:
        """The inverse of :meth:`dumps`."""
        return cls(tuple((name, path) for name, path in json.loads(text)))


def _child(role: str, url: str, recipe: HostRecipe, *args: str) -> subprocess.Popen[str]:
    code = "from integrationsnetz.testing.processes import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, role, url, recipe.dumps(), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _expect(process: subprocess.Popen[str], word: str) -> str:
    """Read the child's next line; it must start with ``word``, else the child failed: say how."""
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith(word):
        process.kill()
        _, error = _rest(process)
        raise AssertionError(f"the child process said {line!r} instead of {word!r}: {error.strip()}")
    return line


def _rest(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Wait for the child to end and read what it wrote since the last line read.

    Read through the buffered streams (``communicate`` reads around them and would miss what
    ``readline`` buffered); the children write little, so waiting first cannot fill a pipe.
    """
    assert process.stdin is not None
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdin.close()
    try:
        process.wait(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return process.stdout.read(), f"stuck for {CHILD_TIMEOUT:g} s. {process.stderr.read()}"
    return process.stdout.read(), process.stderr.read()


def _kill(process: subprocess.Popen[str]) -> tuple[str, str]:
    """SIGKILL the child and collect what it wrote; a child that died by itself is a failure."""
    process.send_signal(signal.SIGKILL)
    output, error = _rest(process)
    if process.returncode not in (-signal.SIGKILL, 0):
        raise AssertionError(f"the child writer failed before it was killed (exit {process.returncode}): {error}")
    return output, error


# --- small transactions -------------------------------------------------------------------------


@attrs.frozen
class KillReport:
    """What the store held after each kill: "ok ..." lines, or a description of what is wrong."""

    outcomes: tuple[str, ...]

    @property
    def problems(self) -> list[str]:
        """The outcomes that are not a whole, committed state."""
        return [outcome for outcome in self.outcomes if not outcome.startswith(("old", "new", "ok"))]


def _small_start(store: Store) -> None:
    store.put_many(
        [
            Person(id="counter", network_id="n", function="0"),
            WorkingGroup(id="ag", network_id="n", name="AG 0", topic="Sprache", founded=date(2024, 1, 1)),
        ],
        draft=True,
    )


def _small_writer(store: Store, limit: int) -> None:
    counter = store.get(Person, "counter")
    group = store.get(WorkingGroup, "ag")
    done = int(counter.function)
    print("ready", flush=True)
    for step in range(done + 1, done + 1 + limit):
        with store.transaction():
            counter = store.put(attrs.evolve(counter, function=str(step)), draft=True)
            store.put(Person(id=f"item-{step}", network_id="n", function="neu"), draft=True)
            if step > 1:
                store.delete(Person, f"item-{step - 1}")
            group = store.put(attrs.evolve(group, name=f"AG {step}"), draft=True)
        print(f"done {step}", flush=True)


def _small_state(store: Store, acknowledged: int) -> str:
    """ "ok <step>" if the store holds exactly the state after transaction ``step >= acknowledged``.

    The writer's last transaction may still be committing after the kill: a database server
    finishes a COMMIT its client sent before it died, whenever the server gets to it. Several reads
    then straddle that commit, each right, together the state of no transaction. So the state is
    read between two reads of the change feed and judged only if nothing was committed in between;
    the killed writer can commit one more transaction at most, so a second try must be settled.
    """
    for _ in range(2):
        changes = store.changed_since()
        outcome = _small_outcome(store, changes, acknowledged)
        if store.changed_since() == changes:
            return outcome
    return f"the store kept changing after the writer was killed: {outcome}"


def _small_outcome(store: Store, changes: Sequence[Change], acknowledged: int) -> str:
    """The judgement of one reading: ``changes`` is the change feed read with it."""
    counter = store.get(Person, "counter")
    step = int(counter.function)
    problems = []
    if not acknowledged <= step <= acknowledged + 1:
        problems.append(f"the child saw transaction {acknowledged} committed, the store holds {step}")
    if counter.revision != step + 1:
        problems.append(f"the counter is at revision {counter.revision}, expected {step + 1}")
    people = sorted(person.id for person in store.list(Person))
    expected = sorted(["counter", *([f"item-{step}"] if step else [])])
    if people != expected:
        problems.append(f"people {people}, expected {expected}")
    group = store.get(WorkingGroup, "ag")
    if (group.name, group.revision) != (f"AG {step}", step + 1):
        problems.append(f"the group is {group.name!r} at revision {group.revision}, expected 'AG {step}'")
    deleted = {(change.id, change.revision) for change in changes if change.deleted}
    expected_deleted = {(f"item-{i}", 2) for i in range(1, step)}
    if deleted != expected_deleted:
        problems.append(
            f"tombstones {sorted(deleted - expected_deleted)} unexpected, {sorted(expected_deleted - deleted)} missing"
        )
    if problems:
        return f"after transaction {step}: " + "; ".join(problems)
    return f"ok {step}"


def kill_small_transactions(
    url: str, host: PluginHost, recipe: HostRecipe, *, kills: int, seed: int | None = None
) -> KillReport:
    """Kill a child committing small transactions ``kills`` times; judge the store after each kill."""
    rng = random.Random(seed)
    with host.open_store(url) as store:
        _small_start(store)
    outcomes = []
    for _ in range(kills):
        writer = _child("small", url, recipe, "100000")
        _expect(writer, "ready")
        assert writer.stdout is not None
        lines = []
        stamps = []
        for _ in range(rng.randint(2, 5)):
            lines.append(_expect(writer, "done "))
            stamps.append(time.monotonic())
        pause = (stamps[-1] - stamps[0]) / (len(stamps) - 1)
        time.sleep(rng.uniform(0, 1.5 * pause))
        output, _ = _kill(writer)
        lines += output.splitlines()
        acknowledged = max(int(line.split()[1]) for line in lines if line.startswith("done "))
        with host.open_store(url) as store:
            outcomes.append(_small_state(store, acknowledged))
    return KillReport(tuple(outcomes))


# --- one large transaction ----------------------------------------------------------------------


def _large_start(store: Store, size: int) -> None:
    store.put_many([Person(id=f"p{i:04d}", network_id="n", function="alt") for i in range(size)], draft=True)


def _large_writer(store: Store) -> None:
    people = store.list(Person)
    batch = [attrs.evolve(person, function="neu") for person in people]
    batch += [Person(id=f"q{i:04d}", network_id="n", function="neu") for i in range(len(people))]
    print("saving", flush=True)
    store.put_many(batch, draft=True)
    print("saved", flush=True)


def _large_state(store: Store, size: int) -> str:
    people = store.list(Person)
    functions = {person.function for person in people}
    revisions = {person.revision for person in people}
    if len(people) == size and functions == {"alt"} and revisions == {1}:
        return "old"
    if len(people) == 2 * size and functions == {"neu"} and revisions == {1, 2}:
        return "new"
    return f"a mix: {len(people)} people, functions {sorted(functions)}, revisions {sorted(revisions)}"


def kill_large_transaction(
    new_url: Callable[[], str], host: PluginHost, recipe: HostRecipe, *, size: int, points: int
) -> KillReport:
    """Kill a child saving ``2 * size`` entities at ``points`` moments spread over the save."""
    url = new_url()
    with host.open_store(url) as store:
        _large_start(store, size)
    writer = _child("large", url, recipe)
    _expect(writer, "saving")
    started = time.monotonic()
    _expect(writer, "saved")
    duration = time.monotonic() - started
    _rest(writer)
    with host.open_store(url) as store:
        first = _large_state(store, size)
    outcomes = [first if first != "new" else "new (not killed)"]
    if first != "new":
        return KillReport((f"a save that was not killed left {first}",))
    for point in range(points):
        url = new_url()
        with host.open_store(url) as store:
            _large_start(store, size)
        writer = _child("large", url, recipe)
        _expect(writer, "saving")
        time.sleep(duration * 1.2 * point / max(1, points - 1))
        _kill(writer)
        with host.open_store(url) as store:
            state = _large_state(store, size)
            store.put(Person(id="after", network_id="n", function="x"), draft=True)  # and it still takes writes
        outcomes.append(state)
    return KillReport(tuple(outcomes))


# --- racing writers -------------------------------------------------------------------------------


@attrs.frozen
class RaceReport:
    """The outcome of a race: increments made and counted, conflicts met, children that failed."""

    expected: int
    counted: int
    revision: int
    conflicts: int
    failures: tuple[str, ...]

    @property
    def lost(self) -> int:
        """Increments a child made (its write was accepted) that the counter does not show."""
        return self.expected - self.counted


def _racer(store: Store, increments: int) -> None:
    conflicts = 0
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(increments):
        while True:
            person = store.get(Person, "counter")
            try:
                store.put(attrs.evolve(person, function=str(int(person.function) + 1)), draft=True)
            except Conflict:
                conflicts += 1
                continue
            break
    print(f"conflicts {conflicts}", flush=True)


def race(url: str, host: PluginHost, recipe: HostRecipe, *, writers: int, increments: int) -> RaceReport:
    """``writers`` processes each add 1 to a counter ``increments`` times, all starting at once."""
    with host.open_store(url) as store:
        store.put(Person(id="counter", network_id="n", function="0"), draft=True)
    racers = [_child("racer", url, recipe, str(increments)) for _ in range(writers)]
    for racer in racers:
        _expect(racer, "ready")
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    conflicts = 0
    failures = []
    for racer in racers:
        output, error = _rest(racer)
        if racer.returncode != 0 or not output.startswith("conflicts "):
            failures.append(f"exit {racer.returncode}: {error.strip()[-2000:]}")
            continue
        conflicts += int(output.split()[1])
    with host.open_store(url) as store:
        counter = store.get(Person, "counter")
    expected = (writers - len(failures)) * increments
    return RaceReport(
        expected=expected,
        counted=int(counter.function),
        revision=counter.revision,
        conflicts=conflicts,
        failures=tuple(failures),
    )


# --- the children -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    """A child: ``<role> <url> <recipe> [arguments]``, role one of small, large, racer."""
    role, url, recipe, *args = sys.argv[1:] if argv is None else argv
    with HostRecipe.loads(recipe).build().open_store(url) as store:
        if role == "small":
            _small_writer(store, int(args[0]))
        elif role == "large":
            _large_writer(store)
        elif role == "racer":
            _racer(store, int(args[0]))
        else:
            raise SystemExit(f"unknown role {role!r}")
