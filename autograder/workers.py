"""Warm, isolated worker processes: one fresh process per submission, started in milliseconds.

Starting a Jupyter kernel and importing numpy, scipy and matplotlib costs about two seconds,
while a learner's code takes milliseconds. Python's ``forkserver`` start method fixes that
with no machinery of ours: a server process imports the heavy modules once
(``autograder.worker_preload``), and every submission runs in a new process forked from it.
A submission therefore never shares memory, globals or open files with another, and whatever
it does to its process dies with it.

The parent talks to a child through a pipe, in JSON only: a compromised child can send
garbage but cannot make the parent unpickle objects. A child that exceeds its wall time is
killed; one that dies (``os._exit``, a crash, the kernel's OOM killer) is reported with its
exit status. Either way the run goes on.

Run the parent as a module (``python -m autograder``, ``python -m pytest``): a child
re-imports a main *script* (multiprocessing's rule for forkserver), which costs a second per
submission, while a ``-m`` main module is skipped.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder import sandbox
from autograder.settings import temporary_environment

PRELOAD_MODULE = "autograder.worker_preload"
MAX_RESULT_BYTES = 64 * 1024 * 1024  # a child may not flood the parent's memory
SCRATCH_PREFIX = "autograder-job-"

_context: multiprocessing.context.BaseContext | None = None


# The fork server inherits the environment at its start; the caller's stays as it was (a
# test process or a notebook that grades must not find itself in grading mode afterwards).
SERVER_ENVIRONMENT = {
    "MPLBACKEND": "module://autograder.mpl_backend",
    "AUTOGRADER_GRADING": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def _get_context(also_preload: Iterable[str] = ()):
    """The forkserver context, created once per process with the heavy modules (and
    ``also_preload``, on the first call) preloaded, and its server started. Before the first
    job, also once per process, the scratch folders a killed grader left are removed."""
    global _context
    if _context is None:
        from multiprocessing import forkserver

        remove_abandoned_scratch()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD_MODULE, *also_preload])
        with temporary_environment(SERVER_ENVIRONMENT):
            forkserver.ensure_running()
        _context = context
    return _context


@dataclass
class Job:
    """One notebook to run: code cell sources, folder, environment and limits.

    ``record`` maps graded cells (indices among the code cells) to the functions whose answers
    are recorded for the trusted verification; ``cell_seconds`` overrides the per-cell time
    limit for some cells; ``hidden_paths`` are hidden from the job (other submissions, the
    gradebook, the source with its hidden tests).
    """

    key: Any  # the caller's handle, returned with the result
    sources: list[str]
    cwd: str
    env: dict[str, str] = field(default_factory=dict)
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)
    record: dict[int, list[str]] = field(default_factory=dict)
    cell_seconds: dict[int, float] = field(default_factory=dict)
    hidden_paths: list[str] = field(default_factory=list)


@dataclass
class JobResult:
    """What came back: the cells' outputs, or why there are none."""

    key: Any
    cells: list[dict[str, Any]] | None  # one {"execution_count", "outputs", ...} per code cell
    failure: str = ""  # what went wrong on the way, e.g. "cell 7 timed out after 30 s"
    seconds: float = 0.0
    protections: list[str] = field(default_factory=list)  # what the sandbox had in force
    attempts: int = 1


MAX_SCRATCH_BYTES = 256 * 1024 * 1024  # files copied into a job's working folder
MAX_ATTEMPTS = 4  # a run, plus up to three reruns that skip a cell that hung or crashed


def _child_main(connection, payload: bytes) -> None:
    """Entry point of the forked child: confine itself, run the cells, report each one.

    Messages, in JSON: ``{"protections": [...]}`` once, then per cell ``{"start": i}`` and
    ``{"cell": i, ...outputs}``, then ``{"done": true}``; or ``{"failure": ...}``.
    """

    def send(message) -> None:
        connection.send_bytes(json.dumps(message).encode())

    job = json.loads(payload)
    try:
        protections = sandbox.enter(
            job["cwd"],
            sandbox.Limits(**job["limits"]),
            job["env"],
            job["hidden_paths"],
            job["uid"],
        )
        send({"protections": protections})
        from autograder.execute import run_cells

        run_cells(
            job["sources"],
            skip={int(k): v for k, v in job["skip"].items()},
            record={int(k): v for k, v in job["record"].items()},
            on_start=lambda index: send({"start": index}),
            on_cell=lambda index, cell: send({"cell": index, **cell}),
        )
        send({"done": True})
    except BaseException as error:  # noqa: BLE001 - reported to the parent, never raised
        try:
            send({"failure": f"{type(error).__name__}: {error}"})
        except Exception:  # noqa: BLE001 - the pipe is gone: the parent sees the death
            pass
    connection.close()
    os._exit(0)  # skip interpreter teardown: nothing of this process is needed any more


def start_warming(also_preload: Iterable[str] = ()) -> None:
    """Start the fork server in the background: it imports while the caller gets ready.

    ``also_preload``: more modules for the server to import (a Dask worker's main script's).
    """
    _get_context(also_preload)


@dataclass
class _Attempt:
    """One run of a job in one child process, and what it has reported so far."""

    job: Job
    skip: dict[int, str]
    number: int
    uid: int | None
    scratch: str
    process: Any = None
    connection: Any = None
    started: float = 0.0
    cell: int | None = None  # the cell running now
    cell_started: float = 0.0
    cells: dict[int, dict[str, Any]] = field(default_factory=dict)
    protections: list[str] = field(default_factory=list)
    received: int = 0
    first_started: float = 0.0
    done: bool = False
    failure: str = ""
    retry: bool = True  # may a cell that hung or crashed be skipped in another run?

    def cell_limit(self) -> float:
        if self.cell is None:
            return self.job.limits.wall_seconds
        return float(self.job.cell_seconds.get(self.cell, self.job.limits.cell_seconds))

    def deadline(self) -> float:
        wall = self.started + self.job.limits.wall_seconds
        if self.cell is None:
            return wall
        return min(wall, self.cell_started + self.cell_limit())


def _scratch_copy(job: Job, uid: int | None) -> str:
    """A private working folder with the job's files (not its notebooks), owned by ``uid``."""
    # The grader's pid in the name lets a later run remove what a killed grader left.
    scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
    source = Path(job.cwd)
    budget = MAX_SCRATCH_BYTES
    for path in _files_to_copy(source):
        try:
            if path.is_symlink() or not path.is_file() or path.suffix == ".ipynb":
                continue
            budget -= path.stat().st_size
            if budget < 0:
                break  # a submission's data files cannot fill the grader's disk
            target = Path(scratch) / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        except OSError:
            continue  # unreadable: the job runs without it
    if uid is not None:
        for folder, dirs, files in os.walk(scratch):
            for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                os.chown(name, uid, uid)
    os.chmod(scratch, 0o700)
    return scratch


def _files_to_copy(source: Path) -> Iterator[Path]:
    """The files under ``source``, never going into a scratch folder: a job whose folder holds
    the temporary folder would otherwise copy its own scratch folder into itself, forever.

    os.walk skips folders that vanish or cannot be read (rglob would raise mid-iteration),
    and a missing folder simply has no files.
    """
    temporary = os.path.realpath(tempfile.gettempdir())
    for folder, dirs, names in os.walk(source):
        if os.path.realpath(folder) == temporary:
            dirs[:] = [name for name in dirs if not name.startswith(SCRATCH_PREFIX)]
        yield from (Path(folder, name) for name in names)


def remove_abandoned_scratch() -> list[str]:
    """Remove the scratch folders of graders that are no longer running (killed with -9, say),
    and return their paths. A folder whose grader's pid is alive is left alone."""
    removed = []
    temporary = Path(tempfile.gettempdir())
    for folder in temporary.glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            owner = folder.lstat().st_uid
        except OSError:
            continue
        # Ours, or chowned by us to a sandbox user; never another user's.
        if owner == os.geteuid() or (os.geteuid() == 0 and owner >= sandbox.FIRST_SANDBOX_UID):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(str(folder))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process
    return True


def _start(context, attempt: _Attempt) -> None:
    receiver, sender = context.Pipe(duplex=False)
    job = attempt.job
    payload = json.dumps(
        {
            "sources": job.sources,
            "cwd": attempt.scratch,
            "env": job.env,
            "limits": job.limits.as_dict(),
            "hidden_paths": job.hidden_paths,
            "uid": attempt.uid,
            "skip": attempt.skip,
            "record": job.record,
        }
    ).encode()
    process = context.Process(target=_child_main, args=(sender, payload), daemon=True)
    process.start()
    sender.close()
    attempt.process, attempt.connection = process, receiver
    attempt.started = attempt.cell_started = time.monotonic()


def run_jobs(
    jobs: Iterable[Job], parallel: int, first_uid: int = sandbox.FIRST_SANDBOX_UID
) -> Iterator[JobResult]:
    """Run jobs, at most ``parallel`` at a time; yield results in completion order.

    As root, the jobs run as users ``first_uid`` to ``first_uid + parallel - 1``, one each.

    A cell that hangs or kills its process costs only itself: the job is run again with that
    cell replaced by an error naming the cause, up to ``MAX_ATTEMPTS`` runs.
    """
    context = _get_context()
    running: dict[Any, _Attempt] = {}
    try:
        yield from _run(context, iter(jobs), parallel, first_uid, running)
    finally:
        # Stopped early (an exception, Ctrl-C, a caller that closes the generator): what is
        # still running is killed at once and its scratch folder removed.
        for attempt in running.values():
            _release(attempt, grace_seconds=0)


def _run(context, pending, parallel: int, first_uid: int, running: dict) -> Iterator[JobResult]:
    retries: list[_Attempt] = []
    separate_users = sandbox.can_switch_user()
    free_uids = list(range(first_uid, first_uid + parallel))
    exhausted = False
    while True:
        while len(running) < parallel and (retries or not exhausted):
            if retries:
                attempt = retries.pop(0)
            else:
                job = next(pending, None)
                if job is None:
                    exhausted = True
                    break
                attempt = _Attempt(job, {}, 1, None, "")
                attempt.first_started = time.monotonic()
            attempt.uid = free_uids.pop(0) if separate_users else None
            attempt.scratch = _scratch_copy(attempt.job, attempt.uid)
            _start(context, attempt)
            running[attempt.connection] = attempt
        if not running:
            return
        now = time.monotonic()
        next_deadline = min(a.deadline() for a in running.values())
        ready = multiprocessing.connection.wait(
            list(running), timeout=max(0.0, next_deadline - now)
        )
        for receiver in ready:
            attempt = running[receiver]
            if _receive(attempt):
                continue  # still running
            running.pop(receiver)
            outcome = _end(attempt, free_uids)
            if isinstance(outcome, _Attempt):
                retries.append(outcome)
            else:
                yield outcome
        now = time.monotonic()
        for receiver, attempt in list(running.items()):
            if now >= attempt.deadline():
                running.pop(receiver)
                if attempt.cell is not None and now >= attempt.cell_started + attempt.cell_limit():
                    attempt.failure = f"timed out after {attempt.cell_limit():g} s"
                else:
                    attempt.failure = (
                        f"ran out of time: the notebook took over "
                        f"{attempt.job.limits.wall_seconds:g} s"
                    )
                    attempt.retry = False  # no one cell to blame: rerunning would not help
                _kill(attempt.process)
                outcome = _end(attempt, free_uids)
                if isinstance(outcome, _Attempt):
                    retries.append(outcome)
                else:
                    yield outcome


def _receive(attempt: _Attempt) -> bool:
    """Read what the child sent; False once it has finished or gone."""
    try:
        while attempt.connection.poll():
            data = attempt.connection.recv_bytes(MAX_RESULT_BYTES)
            attempt.received += len(data)
            if attempt.received > MAX_RESULT_BYTES:
                attempt.failure = "produced more output than the grader accepts"
                _kill(attempt.process)
                return False
            if not _accept(attempt, json.loads(data)):
                return False
    except (EOFError, OSError):
        return False
    except Exception:  # noqa: BLE001 - unreadable or oversized: the child broke the protocol
        attempt.failure = attempt.failure or "sent a reply the grader cannot read"
        _kill(attempt.process)
        return False
    return True


def _accept(attempt: _Attempt, message: Any) -> bool:
    """Apply one message; False when the child is finished (or broke the protocol)."""
    if not isinstance(message, dict):
        raise ValueError("not a message")
    expected = len(attempt.cells)
    if "protections" in message:
        attempt.protections = [str(p) for p in message["protections"]][:10]
    elif "start" in message:
        if message["start"] != expected or attempt.cell is not None:
            raise ValueError("cell out of order")
        attempt.cell, attempt.cell_started = expected, time.monotonic()
    elif "cell" in message:
        if message["cell"] != expected or attempt.cell != expected:
            raise ValueError("cell out of order")
        if not isinstance(message.get("outputs"), list):
            raise ValueError("outputs are not a list")
        attempt.cells[expected] = message
        attempt.cell = None
    elif "done" in message:
        attempt.done = len(attempt.cells) == len(attempt.job.sources)
        if not attempt.done:
            raise ValueError("finished early")
        return False
    elif "failure" in message:
        attempt.failure = str(message["failure"])[:500]
        return False
    return True


def _end(attempt: _Attempt, free_uids: list[int]):
    """Clean up a finished attempt: its result, or the next attempt that skips a bad cell."""
    _release(attempt, grace_seconds=5)
    if attempt.uid is not None:
        free_uids.append(attempt.uid)
    job = attempt.job
    if attempt.done:
        return _result(attempt, "")
    cause = attempt.failure or _death_cause(attempt)
    bad_cell = attempt.cell
    if bad_cell is None or not attempt.retry or attempt.number >= MAX_ATTEMPTS:
        return _result(attempt, cause if bad_cell is None else f"cell {bad_cell + 1} {cause}")
    skip = dict(attempt.skip)
    skip[bad_cell] = f"this cell {cause}, so the grader skipped it"
    retry = _Attempt(job, skip, attempt.number + 1, None, "")
    retry.first_started = attempt.first_started
    return retry


def _release(attempt: _Attempt, grace_seconds: float) -> None:
    """Close the attempt's pipe, end its process (killed after the grace period) and remove
    its scratch folder."""
    with contextlib.suppress(OSError):
        attempt.connection.close()
    attempt.process.join(timeout=grace_seconds)
    if attempt.process.is_alive():
        _kill(attempt.process)
    shutil.rmtree(attempt.scratch, ignore_errors=True)


def _result(attempt: _Attempt, failure: str) -> JobResult:
    """The job's cells as far as they ran; cells that never ran show why."""
    cells = []
    for index in range(len(attempt.job.sources)):
        if index in attempt.cells:
            cell = dict(attempt.cells[index])
            cell.pop("cell", None)
            cells.append(cell)
        else:
            cells.append(None)
    problems = list(attempt.skip.values())
    if failure:
        problems.append(failure)
    return JobResult(
        attempt.job.key,
        cells if attempt.cells or attempt.done else None,
        "; ".join(problems),
        time.monotonic() - attempt.first_started,
        attempt.protections,
        attempt.number,
    )


def run_one(job: Job, first_uid: int = sandbox.FIRST_SANDBOX_UID) -> JobResult:
    """Run a single job here and wait for it: what a remote executor calls on its worker.

    Callers that run several at once on one machine give each its own ``first_uid``.
    """
    return next(run_jobs([job], parallel=1, first_uid=first_uid))


def _death_cause(attempt: _Attempt) -> str:
    code = attempt.process.exitcode
    limits = attempt.job.limits
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code == signal.SIGKILL:
            return (
                f"was killed ({name}), most likely for exceeding the memory limit of "
                f"{sandbox.format_bytes(limits.memory_bytes)}"
            )
        if -code == signal.SIGXCPU:
            return f"exceeded the CPU time limit of {limits.cpu_seconds:g} s"
        if -code == signal.SIGXFSZ:
            return "tried to write a file larger than the limit"
        return f"was killed by signal {name}"
    return f"stopped the process (exit status {code}), e.g. with os._exit() or a crash"


def _kill(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the child leads its own process group
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.kill()
    except (ProcessLookupError, AttributeError):
        pass
    process.join(timeout=5)
