"""Warm, isolated worker processes: one fresh process per submission, started in milliseconds.

Starting a Jupyter kernel and importing numpy, scipy and matplotlib costs about two seconds,
while a learner's code takes milliseconds. Python's ``forkserver`` start method fixes that
with no machinery of ours: a server process imports the heavy modules once
(``autograder.worker_preload``), and every submission runs in a new process forked from it.
A submission therefore never shares memory, globals or open files with another, and whatever
it does to its process dies with it.

The parent drives each child over a pipe, in JSON only, one request at a time: "run this cell
of the notebook", "what is `correlate2d`", "call it with these arrays". A compromised child can
send garbage but cannot make the parent unpickle objects, and every reply is checked against the
shape it must have. Test cells never go to the child: the parent runs them itself
(``autograder.testcells``), one thread per notebook in flight. A cell over its time limit is
interrupted (SIGINT, like a Jupyter kernel's interrupt) and what it defined is kept; a child that
ignores the interrupt, or dies (``os._exit``, a crash, the kernel's OOM killer), is killed and
the notebook is run again with that cell skipped. Either way the run goes on.

Run the parent as a module (``python -m autograder``, ``python -m pytest``): a child
re-imports a main *script* (multiprocessing's rule for forkserver), which costs a second per
submission, while a ``-m`` main module is skipped.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder import sandbox, testcells
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

    ``tests`` maps the autograded test cells (indices among the code cells) to their points;
    those cells run in the grader, never in the child. ``env`` is the child's environment
    (added to a minimal one); ``test_env`` is set in the grader while the tests run (the
    seed). ``cell_seconds`` overrides the per-cell time limit for some cells;
    ``hidden_paths`` are hidden from the job (other submissions, the gradebook, the source).
    """

    key: Any  # the caller's handle, returned with the result
    sources: list[str]
    cwd: str
    env: dict[str, str] = field(default_factory=dict)
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)
    tests: dict[int, float] = field(default_factory=dict)
    cell_seconds: dict[int, float] = field(default_factory=dict)
    hidden_paths: list[str] = field(default_factory=list)
    test_env: dict[str, str] = field(default_factory=dict)
    preload: list[str] = field(default_factory=list)  # the course's, for a remote worker


@dataclass
class JobResult:
    """What came back: the cells' outputs, or why there are none."""

    key: Any
    cells: list[dict[str, Any]] | None  # one {"execution_count", "outputs", ...} per code cell
    failure: str = ""  # what went wrong with the notebook as a whole ("; "-joined)
    seconds: float = 0.0
    protections: list[str] = field(default_factory=list)  # what the sandbox had in force
    attempts: int = 1
    # Files the notebook wrote or changed in its folder ({relative path: contents}), kept in
    # autograded/ as nbgrader keeps them; notebooks excluded.
    files: dict[str, bytes] = field(default_factory=dict)
    # What happened to single cells, by index among the code cells, e.g. (6, "timed out after
    # 30 s"): the caller names the cell, which only it can do in the student's terms.
    cell_notes: list[tuple[int, str]] = field(default_factory=list)
    timed_out: list[int] = field(default_factory=list)  # cells that ran over their time limit
    ran_out_of_time: float = 0.0  # the wall time the notebook ran over (0: it did not)


MAX_SCRATCH_BYTES = 256 * 1024 * 1024  # files copied into a job's working folder
MAX_WRITTEN_FILES = 100  # files a notebook wrote that are kept: a loop writing files stays cheap
MAX_WRITTEN_BYTES = 16 * 1024 * 1024
# What Python, IPython and matplotlib write in the job's home (the scratch folder) for
# themselves: not the notebook's doing, and not kept.
RUNTIME_FOLDERS = {
    ".ipython",
    ".cache",
    ".config",
    ".local",
    ".jupyter",
    ".matplotlib",
    "__pycache__",
}
MAX_ATTEMPTS = 4  # a run, plus up to three reruns that skip a cell that hung or crashed


MAX_REQUEST_BYTES = 256 * 1024 * 1024  # arguments of one call (a photo is < 1 MiB)
INTERRUPT_GRACE_SECONDS = 3.0  # after SIGINT, before the child is killed


def _child_main(connection, payload: bytes) -> None:
    """Entry point of the forked child: confine itself, then answer the grader's requests.

    First message: ``{"ready": [protections]}`` or ``{"failure": ...}``; then one reply per
    request (``autograder.execute.serve``).
    """

    def send(message) -> None:
        connection.send_bytes(json.dumps(message).encode())

    def receive():
        return json.loads(connection.recv_bytes(MAX_REQUEST_BYTES))

    job = json.loads(payload)
    try:
        protections = sandbox.enter(
            job["cwd"],
            sandbox.Limits(**job["limits"]),
            {**SERVER_ENVIRONMENT, **job["env"]},
            job["hidden_paths"],
            job["uid"],
            keep_fds=[connection.fileno()],
        )
        send({"ready": protections})
        from autograder.execute import serve

        serve(receive, send)
    except BaseException as error:  # noqa: BLE001 - reported to the parent, never raised
        try:
            send({"failure": f"{type(error).__name__}: {error}"})
        except BaseException:  # noqa: BLE001 - the pipe is gone: the parent sees the death
            pass
    os._exit(0)  # skip interpreter teardown: nothing of this process is needed any more


def start_warming(also_preload: Iterable[str] = ()) -> None:
    """Start the fork server in the background: it imports while the caller gets ready.

    ``also_preload``: more modules for the server to import (a Dask worker's main script's).
    """
    _get_context(also_preload)


def restart_warming(also_preload: Iterable[str]) -> None:
    """Restart the fork server with ``also_preload`` (running jobs' children are unaffected:
    they are already forked). Without multiprocessing's private ``_stop`` (a future Python),
    the server keeps what it has, and jobs import the rest themselves."""
    from multiprocessing import forkserver

    context = _get_context()
    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is None:
        return
    context.set_forkserver_preload([PRELOAD_MODULE, *also_preload])
    stop()
    with temporary_environment(SERVER_ENVIRONMENT):
        forkserver.ensure_running()


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


def _written_files(scratch: str, original: Path) -> dict[str, bytes]:
    """Regular files in the (dead) job's scratch folder that are not as they were copied in
    from ``original``: what the notebook wrote. Symbolic links, fifos and notebooks are left
    out, and so is anything past the count and size budgets."""
    import stat

    written: dict[str, bytes] = {}
    budget = MAX_WRITTEN_BYTES
    for folder, folders, names in os.walk(scratch):
        folders[:] = [name for name in folders if name not in RUNTIME_FOLDERS]
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, scratch)
            if name.endswith(".ipynb") or len(written) >= MAX_WRITTEN_FILES:
                continue
            try:
                descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            with os.fdopen(descriptor, "rb") as file:
                info = os.fstat(file.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_size > budget:
                    continue
                contents = file.read(budget + 1)
            with contextlib.suppress(OSError):
                if (original / relative).read_bytes() == contents:
                    continue  # copied in, untouched
            budget -= len(contents)
            written[relative] = contents
    return written


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


class _Stopped(Exception):
    """The run was stopped (the caller closed the results): drop this job."""


@dataclass
class _Attempt:
    """One run of a job in one child process."""

    job: Job
    uid: int | None
    scratch: str
    process: Any = None
    connection: Any = None
    started: float = 0.0
    protections: list[str] = field(default_factory=list)
    received: int = 0
    notes: list[str] = field(default_factory=list)  # on the notebook, e.g. malformed outputs
    cell_notes: list[tuple[int, str]] = field(default_factory=list)
    timed_out: list[int] = field(default_factory=list)
    function_names: dict[int, str] = field(default_factory=dict)  # handle -> name
    hung_functions: set[str] = field(default_factory=set)  # names of calls that ran over
    ran_out_of_time: float = 0.0

    def cell_timed_out(self, index: int, limit: float, how: str = "") -> None:
        if index not in self.timed_out:
            self.timed_out.append(index)
        self.cell_notes.append((index, f"timed out after {limit:g} s{how}"))


class _Run:
    """The state shared by the threads of one ``run_jobs``: free users, live attempts."""

    def __init__(self, context, parallel: int, first_uid: int) -> None:
        self.context = context
        self.lock = threading.Lock()
        self.separate_users = sandbox.can_switch_user()
        self.first_uid = first_uid
        self.leases: dict[int, int] = {}  # user id -> the descriptor whose lock holds it
        self.live: set[int] = set()  # ids of attempts whose process may be running
        self.attempts: dict[int, _Attempt] = {}
        self.stopped = False

    def take_uid(self) -> int | None:
        if not self.separate_users:
            return None
        with self.lock:
            uid, self.leases[uid] = sandbox.lease_uid(self.first_uid)
            return uid

    def give_uid(self, uid: int | None) -> None:
        if uid is not None:
            with self.lock:
                os.close(self.leases.pop(uid))


def _start(run: _Run, attempt: _Attempt, skip: dict[int, str]) -> None:
    receiver, sender = run.context.Pipe(duplex=True)
    job = attempt.job
    payload = json.dumps(
        {
            "cwd": attempt.scratch,
            "env": job.env,
            "limits": job.limits.as_dict(),
            "hidden_paths": job.hidden_paths,
            "uid": attempt.uid,
        }
    ).encode()
    process = run.context.Process(target=_child_main, args=(sender, payload), daemon=True)
    with run.lock:
        if run.stopped:
            raise _Stopped
        process.start()
        attempt.process = process
        run.attempts[id(attempt)] = attempt
    sender.close()
    attempt.connection = receiver
    attempt.started = time.monotonic()


def _read(attempt: _Attempt, timeout: float) -> dict[str, Any] | None:
    """The child's next message, or None if none came in time. ChildGone when it is gone."""
    try:
        if not attempt.connection.poll(max(0.0, timeout)):
            return None
        data = attempt.connection.recv_bytes(MAX_RESULT_BYTES)
    except (EOFError, OSError):
        raise testcells.ChildGone(_death_cause(attempt)) from None
    attempt.received += len(data)
    if attempt.received > MAX_RESULT_BYTES:
        _kill(attempt.process)
        raise testcells.ChildGone("produced more output than the grader accepts")
    try:
        message = json.loads(data)
    except ValueError:
        message = None
    if not isinstance(message, dict):
        _kill(attempt.process)
        raise testcells.ChildGone("sent a reply the grader cannot read")
    return message


class ChildHung(testcells.ChildGone):
    """The notebook's process ran over a cell's time limit and ignored the interrupt."""


def _interrupt(attempt: _Attempt) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(attempt.process.pid, signal.SIGINT)


def _ask(attempt: _Attempt, message: dict[str, Any], deadline: float, limit: float) -> dict:
    """Send one request and wait for its reply until ``deadline``.

    Past the deadline the child is interrupted, like a Jupyter kernel; if it does not answer
    within the grace period, it is killed (ChildGone). An interrupted reply carries
    ``"interrupted": True``.
    """
    if time.monotonic() >= deadline:
        raise testcells.CellTimedOut(f"this test ran over its time limit of {limit:g} s")
    try:
        attempt.connection.send_bytes(json.dumps(message).encode())
    except (OSError, ValueError):
        raise testcells.ChildGone(_death_cause(attempt)) from None
    reply = _read(attempt, deadline - time.monotonic())
    if reply is not None:
        return reply
    _interrupt(attempt)
    reply = _read(attempt, INTERRUPT_GRACE_SECONDS)
    if reply is None:
        _kill(attempt.process)
        raise ChildHung(f"timed out after {limit:g} s and did not stop when interrupted")
    reply["interrupted"] = True
    return reply


def _valid_outputs(outputs: Any, notes: list[str], mark: bool = True) -> list[dict[str, Any]]:
    """The child's outputs of one cell, each checked against nbformat's shape; a malformed
    one is replaced by a line saying so (``mark``) or dropped, so it can break neither
    nbgrader's steps nor the run."""
    valid: list[dict[str, Any]] = []
    if not isinstance(outputs, list):
        outputs = [None]
    for output in outputs[:1000]:
        kind = output.get("output_type") if isinstance(output, dict) else None
        if (
            kind == "stream"
            and output.get("name") in ("stdout", "stderr")
            and isinstance(output.get("text"), str)
        ):
            valid.append({"output_type": "stream", "name": output["name"], "text": output["text"]})
            continue
        if kind in ("display_data", "execute_result") and _is_bundle(output.get("data")):
            entry = {"output_type": kind, "data": output["data"], "metadata": {}}
            if isinstance(output.get("metadata"), dict) and _is_json(output["metadata"]):
                entry["metadata"] = output["metadata"]
            if kind == "execute_result":
                count = output.get("execution_count")
                entry["execution_count"] = count if type(count) is int else None
            valid.append(entry)
            continue
        if kind == "error":
            name, value, lines = output.get("ename"), output.get("evalue"), output.get("traceback")
            if (
                isinstance(name, str)
                and isinstance(value, str)
                and isinstance(lines, list)
                and all(isinstance(line, str) for line in lines)
            ):
                valid.append(
                    {"output_type": "error", "ename": name, "evalue": value, "traceback": lines}
                )
                continue
        note = "sent a malformed output, which the grader dropped"
        if note not in notes:
            notes.append(note)
        if mark:
            valid.append({"output_type": "stream", "name": "stdout", "text": f"[grader: {note}]\n"})
    return valid


def _is_bundle(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and all(isinstance(k, str) and "/" in k for k in data)
        and all(isinstance(v, (str, dict, list)) for v in data.values())
        and _is_json(data)
    )


def _is_json(value: Any, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_is_json(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json(v, depth + 1) for k, v in value.items())
    return False


def _skipped(message: str) -> dict[str, Any]:
    return {
        "output_type": "error",
        "ename": "GradingError",
        "evalue": message,
        "traceback": [f"GradingError: {message}"],
    }


def _name_the_interrupt(outputs: list[dict[str, Any]], why: str) -> None:
    """Say why the cell's KeyboardInterrupt happened: nobody pressed a key."""
    for output in outputs:
        if output["output_type"] == "error" and output["ename"] == "KeyboardInterrupt":
            output["evalue"] = f"{why} and was interrupted"
            output["traceback"] = [f"KeyboardInterrupt: {output['evalue']}"]


def _ran_over(attempt: _Attempt, index: int, limit: float, by_wall: bool) -> str:
    """Record that cell ``index`` was interrupted: over its own limit, or over the notebook's
    (``by_wall``); return why, to tell the learner."""
    if by_wall:
        attempt.ran_out_of_time = float(attempt.job.limits.wall_seconds)
        return f"the notebook ran over its time limit of {attempt.ran_out_of_time:g} s"
    attempt.cell_timed_out(index, limit)
    return f"this cell ran over its time limit of {limit:g} s"


def _test_request(attempt: _Attempt, index: int, deadline: float, limit: float, by_wall: bool):
    """The channel a test cell uses to reach the notebook (``testcells.Request``)."""

    def request(message: dict[str, Any]) -> dict[str, Any]:
        # Each test gets its own handle on a function: it is known again by its name.
        called = message.get("function") if message.get("op") == "call" else None
        name = attempt.function_names.get(called) if isinstance(called, int) else None
        if name in attempt.hung_functions and not attempt.job.limits.call_hung_functions:
            raise testcells.CellTimedOut(
                f"{name} ran over the time limit in an earlier test, so it was not called again"
            )
        reply = _ask(attempt, message, deadline, limit)
        if reply.pop("interrupted", False):
            _ran_over(attempt, index, limit, by_wall)
            if name is not None:
                attempt.hung_functions.add(name)
        if isinstance(reply.get("function"), int) and isinstance(reply.get("name"), str):
            attempt.function_names[reply["function"]] = reply["name"][:200]
        if "error" in reply:
            raise testcells.ChildGone(f"failed to answer the grader: {reply['error']}")
        if "outputs" in reply:
            # What the learner's function printed while a test called it (a test cell's
            # stderr scores 0 in nbgrader, as here); anything else it showed is dropped.
            outputs = _valid_outputs(reply["outputs"], attempt.notes, mark=False)
            reply["outputs"] = [o for o in outputs if o["output_type"] == "stream"]
        return reply

    return request


def _run_attempt(
    run: _Run, attempt: _Attempt, skip: dict[int, str], cells: list
) -> tuple[int, str] | None:
    """Run the notebook once in a new child; fill ``cells``. Returns the index of a cell that
    killed the process (or that it had to be killed for) with what happened, or None when
    the notebook ran to the end (or was stopped by its wall time: ``attempt.ran_out_of_time``).
    """
    job = attempt.job
    _start(run, attempt, skip)
    wall = attempt.started + job.limits.wall_seconds
    first = _read(attempt, min(job.limits.wall_seconds, 60.0))
    if first is None or "ready" not in first:
        failure = (first or {}).get("failure") if first else None
        raise testcells.ChildGone(str(failure or "the sandbox did not start")[:500])
    attempt.protections = (
        [str(p) for p in first["ready"]][:20] if isinstance(first["ready"], list) else []
    )
    bound: dict[str, Any] = {}  # what the notebook's test cells bind, for its later tests
    count = 0
    for index, source in enumerate(job.sources):
        if index in skip:
            cells[index] = {"execution_count": None, "outputs": [_skipped(skip[index])]}
            continue
        count += 1
        if index in job.tests:
            testcells.await_preimport()  # not on the test's clock
        limit = float(job.cell_seconds.get(index, job.limits.cell_seconds))
        deadline = min(time.monotonic() + limit, wall)
        by_wall = deadline == wall
        if time.monotonic() >= wall:
            attempt.ran_out_of_time = float(job.limits.wall_seconds)
            return None
        cells[index] = None
        try:
            if index in job.tests:
                request = _test_request(attempt, index, deadline, limit, by_wall)
                outputs, cause = testcells.run_test_cell(
                    source, request, bound, float(job.tests[index]), count
                )
                cells[index] = {"execution_count": count, "outputs": outputs}
                if cause:
                    cells[index]["cause"] = cause
            else:
                reply = _ask(attempt, {"op": "run", "source": source}, deadline, limit)
                ran = reply.get("ran")
                if not isinstance(ran, dict):
                    raise testcells.ChildGone("sent a reply the grader cannot read")
                cell = {
                    "execution_count": count,
                    "outputs": _valid_outputs(ran.get("outputs"), attempt.notes),
                }
                guard = ran.get("guard")
                if isinstance(guard, list):
                    cell["guard"] = [str(event)[:200] for event in guard[:20]]
                if reply.get("interrupted"):
                    _name_the_interrupt(cell["outputs"], _ran_over(attempt, index, limit, by_wall))
                cells[index] = cell
        except testcells.ChildGone as gone:
            if isinstance(gone, ChildHung):
                attempt.timed_out.append(index)
            return index, str(gone)
    with contextlib.suppress(OSError, ValueError):
        attempt.connection.send_bytes(json.dumps({"op": "end"}).encode())
    return None


def _drive(run: _Run, job: Job) -> JobResult:
    """Run one job to its result, rerunning without a cell that killed the process."""
    started = time.monotonic()
    skip: dict[int, str] = {}
    problems: list[str] = []
    cell_notes: list[tuple[int, str]] = []
    timed_out: list[int] = []
    protections: list[str] = []
    number = 0
    written: dict[str, bytes] = {}
    with testcells.shared_environment(job.test_env):
        while True:
            number += 1
            uid = run.take_uid()
            attempt = _Attempt(job, uid, _scratch_copy(job, uid))
            cells: list[dict[str, Any] | None] = [None] * len(job.sources)
            try:
                bad_cell = _run_attempt(run, attempt, skip, cells)
            except testcells.ChildGone as gone:
                bad_cell, attempt.notes = None, [*attempt.notes, str(gone)]
            finally:
                written = _release(run, attempt, grace_seconds=5)
                run.give_uid(uid)
            protections = attempt.protections or protections
            problems += [n for n in attempt.notes if n not in problems]
            cell_notes += [n for n in attempt.cell_notes if n not in cell_notes]
            timed_out += [i for i in attempt.timed_out if i not in timed_out]
            if bad_cell is None:
                break
            index, cause = bad_cell
            if number >= MAX_ATTEMPTS:
                cell_notes.append((index, cause))
                break
            skip[index] = f"this cell {cause}, so the grader skipped it"
            cell_notes.append((index, f"{cause}, so the grader skipped it"))
    ran = any(cell is not None for cell in cells)
    return JobResult(
        job.key,
        cells if ran else None,
        "; ".join(problems),
        time.monotonic() - started,
        protections,
        number,
        written,
        sorted(cell_notes, key=lambda note: note[0]),
        sorted(timed_out),
        attempt.ran_out_of_time,
    )


def run_jobs(
    jobs: Iterable[Job], parallel: int, first_uid: int = sandbox.FIRST_SANDBOX_UID
) -> Iterator[JobResult]:
    """Run jobs, at most ``parallel`` at a time; yield results in completion order.

    As root, each job runs as its own user: the lowest id from ``first_uid`` that no grader on
    the machine holds at the time (``sandbox.lease_uid``).
    ``jobs`` is read in this thread only (the caller's gradebook lives here).
    """
    import queue
    from concurrent.futures import ThreadPoolExecutor

    run = _Run(_get_context(), parallel, first_uid)
    done: queue.Queue = queue.Queue()
    pending = iter(jobs)
    in_flight = 0

    def drive(job: Job) -> None:
        try:
            result = _drive(run, job)
        except _Stopped:
            return
        except Exception as error:  # noqa: BLE001 - a fault of the grader costs one notebook
            result = JobResult(job.key, None, f"the grader failed on this notebook: {error}")
        done.put(result)

    pool = ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="grading")
    try:
        with testcells.routed_streams():
            exhausted = False
            while True:
                while in_flight < parallel and not exhausted:
                    job = next(pending, None)
                    if job is None:
                        exhausted = True
                        break
                    # The tests run in this process: their imports start while the notebook does.
                    testcells.start_preimport(
                        testcells.imported_modules(job.sources[i] for i in job.tests)
                    )
                    pool.submit(drive, job)
                    in_flight += 1
                if in_flight == 0:
                    return
                result = done.get()
                in_flight -= 1
                yield result
    finally:
        # Stopped early (an exception, Ctrl-C, a caller that closes the generator): what is
        # still running is killed at once and its scratch folder removed.
        with run.lock:
            run.stopped = True
            attempts = list(run.attempts.values())
        for attempt in attempts:
            _kill(attempt.process)
        pool.shutdown(wait=True)


def _release(run: _Run, attempt: _Attempt, grace_seconds: float) -> dict[str, bytes]:
    """Close the attempt's pipe, end its process (killed after the grace period), and remove
    its scratch folder; return the files the notebook wrote there."""
    if attempt.connection is not None:
        with contextlib.suppress(OSError):
            attempt.connection.close()
    if attempt.process is not None:
        attempt.process.join(timeout=grace_seconds)
        if attempt.process.is_alive():
            _kill(attempt.process)
    with run.lock:
        run.attempts.pop(id(attempt), None)
    written = {}
    with contextlib.suppress(OSError):
        written = _written_files(attempt.scratch, Path(attempt.job.cwd))
    shutil.rmtree(attempt.scratch, ignore_errors=True)
    return written


def run_one(job: Job, first_uid: int = sandbox.FIRST_SANDBOX_UID) -> JobResult:
    """Run a single job here and wait for it: what a remote executor calls on its worker.

    Ids are leased machine-wide, so callers running several at once need no ``first_uid`` of
    their own; a distinct one only keeps their ranges apart in ``ps``.
    """
    return next(run_jobs([job], parallel=1, first_uid=first_uid))


def _death_cause(attempt: _Attempt) -> str:
    if attempt.process is None:
        return "did not start"
    attempt.process.join(timeout=1)
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
