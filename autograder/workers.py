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

import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from autograder import sandbox

PRELOAD_MODULE = "autograder.worker_preload"
MAX_RESULT_BYTES = 64 * 1024 * 1024  # a child may not flood the parent's memory

_context: multiprocessing.context.BaseContext | None = None


def _get_context():
    """The forkserver context, created once per process with the heavy modules preloaded."""
    global _context
    if _context is None:
        # The server inherits the environment at its start: set the grading flags first.
        os.environ["MPLBACKEND"] = "module://autograder.mpl_backend"
        os.environ["AUTOGRADER_GRADING"] = "1"
        os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD_MODULE])
        _context = context
    return _context


@dataclass
class Job:
    """One notebook to run: code cell sources, folder, environment and limits."""

    key: Any  # the caller's handle, returned with the result
    sources: list[str]
    cwd: str
    env: dict[str, str] = field(default_factory=dict)
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)


@dataclass
class JobResult:
    """What came back: the cells' outputs, or why there are none."""

    key: Any
    cells: list[dict[str, Any]] | None  # one {"execution_count", "outputs"} per code cell
    failure: str = ""  # e.g. "timed out after 60 s", "process exited with status 0"
    seconds: float = 0.0


def _child_main(connection, payload: bytes) -> None:
    """Entry point of the forked child: limit itself, run the cells, send JSON back."""
    job = json.loads(payload)
    try:
        sandbox.enter(job["cwd"], sandbox.Limits(**job["limits"]), job["env"])
        from autograder.execute import run_cells

        cells = run_cells(job["sources"])
        reply = {"cells": cells}
    except BaseException as error:  # noqa: BLE001 - reported to the parent, never raised
        reply = {"failure": f"{type(error).__name__}: {error}"}
    data = json.dumps(reply).encode()
    if len(data) > MAX_RESULT_BYTES:
        data = json.dumps({"failure": "produced more output than the grader accepts"}).encode()
    connection.send_bytes(data)
    connection.close()
    os._exit(0)  # skip interpreter teardown: nothing of this process is needed any more


def start_warming() -> None:
    """Start the fork server in the background: it imports while the caller gets ready."""
    from multiprocessing import forkserver

    _get_context()
    forkserver.ensure_running()


@dataclass
class _Running:
    job: Job
    process: Any
    connection: Any
    started: float


def run_jobs(jobs: Iterable[Job], parallel: int) -> Iterator[JobResult]:
    """Run jobs, at most ``parallel`` at a time; yield results in completion order."""
    context = _get_context()
    pending = iter(jobs)
    running: dict[Any, _Running] = {}
    exhausted = False
    while True:
        while not exhausted and len(running) < parallel:
            job = next(pending, None)
            if job is None:
                exhausted = True
                break
            receiver, sender = context.Pipe(duplex=False)
            payload = json.dumps(
                {
                    "sources": job.sources,
                    "cwd": job.cwd,
                    "env": job.env,
                    "limits": job.limits.as_dict(),
                }
            ).encode()
            process = context.Process(target=_child_main, args=(sender, payload), daemon=True)
            process.start()
            sender.close()
            running[receiver] = _Running(job, process, receiver, time.monotonic())
        if not running:
            return
        now = time.monotonic()
        next_deadline = min(r.started + r.job.limits.wall_seconds for r in running.values())
        ready = multiprocessing.connection.wait(
            list(running), timeout=max(0.0, next_deadline - now)
        )
        for receiver in ready:
            yield _collect(running.pop(receiver))
        now = time.monotonic()
        for receiver, entry in list(running.items()):
            if now - entry.started > entry.job.limits.wall_seconds:
                running.pop(receiver)
                _kill(entry.process)
                receiver.close()
                yield JobResult(
                    entry.job.key,
                    None,
                    f"timed out after {entry.job.limits.wall_seconds:g} s",
                    now - entry.started,
                )


def run_one(job: Job) -> JobResult:
    """Run a single job here and wait for it: what a remote executor calls on its worker."""
    return next(run_jobs([job], parallel=1))


def _collect(entry: _Running) -> JobResult:
    seconds = time.monotonic() - entry.started
    try:
        data = entry.connection.recv_bytes(MAX_RESULT_BYTES)
    except (EOFError, OSError):
        data = None
    except Exception:  # noqa: BLE001 - e.g. a message over the size limit
        data = b'{"failure": "produced more output than the grader accepts"}'
    finally:
        entry.connection.close()
    entry.process.join(timeout=5)
    if entry.process.is_alive():
        _kill(entry.process)
    if data is None:
        return JobResult(entry.job.key, None, _death_cause(entry), seconds)
    try:
        reply = json.loads(data)
        cells = reply.get("cells")
        failure = str(reply.get("failure", ""))
        if cells is not None and not isinstance(cells, list):
            raise ValueError("cells is not a list")
    except (ValueError, AttributeError):
        return JobResult(entry.job.key, None, "sent a reply the grader cannot read", seconds)
    return JobResult(entry.job.key, cells, failure, seconds)


def _death_cause(entry: _Running) -> str:
    code = entry.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code == signal.SIGKILL:
            return (
                f"was killed ({name}), most likely for exceeding the memory limit of "
                f"{sandbox.format_bytes(entry.job.limits.memory_bytes)}"
            )
        if -code == signal.SIGXCPU:
            return f"exceeded the CPU time limit of {entry.job.limits.cpu_seconds:g} s"
        if -code == signal.SIGXFSZ:
            return "tried to write a file larger than the limit"
        return f"was killed by signal {name}"
    return f"stopped before finishing (process exited with status {code})"


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
