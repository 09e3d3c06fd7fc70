"""Grade on a Dask cluster: one task per notebook, run by the same sandboxed warm workers.

``grade_assignment`` takes an *executor*, a function that runs jobs and yields their results.
``DaskExecutor`` is one for ``distributed``: each job becomes a task that a Dask worker runs
with ``workers.run_one``, so on the worker a submission still runs in a fresh process forked
from a warm fork server, with the same limits as local grading. Results come back to the
caller, which stays the only gradebook writer.

- **Files.** A worker does not see the grading host's disk. The job's folder (the student's
  files, as copied into ``autograded/``) travels with the task as a zip archive, is unpacked
  into a temporary folder in the worker's scratch space and removed afterwards. Nothing comes
  back but the result.
- **Lost workers.** A task whose worker dies is run again on another worker (Dask's
  ``distributed.scheduler.allowed-failures``, 3 by default; ``retries`` for errors). A task that
  still fails becomes a failed ``JobResult`` ("lost its Dask worker 4 times"): that notebook
  scores 0 and is reported, and the run goes on. Losing the scheduler stops the run with a
  ``GradingError``; what was graded until then is saved.
- **Bounded.** At most ``parallel`` tasks are in flight, and nbgrader's loop prepares only a
  few submissions ahead of them (a bounded queue), so the grading host never holds the whole
  class in memory.
- **Warm workers.** A worker plugin starts the fork server, with the course's preload, when a
  worker joins (and the first task does, if it comes first).
- **One user per task.** As root, local grading runs concurrent jobs as different sandbox
  users; Dask worker processes sharing a host take a slot each (``machine_slot``) for the same.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import multiprocessing
import os
import shutil
import stat
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from autograder import sandbox, testcells, workers
from autograder.autograde import GradingError

MAX_FOLDER_BYTES = 64 * 1024 * 1024  # a submission's folder, shipped to a worker
PLUGIN_NAME = "autograder-warm-workers"
# As root, a task runs as sandbox user FIRST_SANDBOX_UID + SLOT_UIDS + its slot on the machine:
# clear of local grading's users, and of each other however many worker processes share a host.
SLOT_UIDS = 1000
MAX_SLOTS = 500


# --------------------------------------------------------------------------------------
# The job's folder, as bytes


class FolderTooLarge(Exception):
    pass


def pack_folder(folder: Path) -> bytes:
    """Zip the regular files under ``folder`` (links are not followed)."""
    buffer, total = io.BytesIO(), 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for directory, subdirs, files in os.walk(folder, followlinks=False):
            subdirs.sort()
            for name in sorted(files):
                path = Path(directory, name)
                if not path.is_file() or path.is_symlink():
                    continue
                total += path.stat().st_size
                if total > MAX_FOLDER_BYTES:
                    raise FolderTooLarge(f"its folder is over {MAX_FOLDER_BYTES // 2**20} MiB")
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def unpack_folder(data: bytes, folder: Path) -> None:
    """Write an archive's files under ``folder``; names that would leave it are skipped."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename)
            if info.is_dir() or name.is_absolute() or ".." in name.parts:
                continue
            target = folder.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))


# --------------------------------------------------------------------------------------
# On the worker


_ready = threading.Lock()
_preloaded: set[str] | None = None  # what the fork server imported; None: not started
_running = 0  # tasks of this process running now


def _main_imports() -> list[str]:
    """Modules a forked child would import again to rebuild the worker's ``__main__``.

    multiprocessing re-runs the parent's main script (or main module) in every child. For a
    worker started as ``dask worker`` that is the ``dask`` script, whose imports cost 0.14 s
    per notebook; preloaded in the fork server, they cost nothing.
    """
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    if name:
        return [] if name == "__main__" or name.endswith(".__main__") else [name]
    path = getattr(main, "__file__", None)
    if not path:
        return []
    try:
        source = Path(path).read_text()
    except (OSError, UnicodeDecodeError):
        return []
    return testcells.imported_modules([source])


def prepare_worker(preload: list[str] | tuple[str, ...] = ()) -> None:
    """Make this Dask worker process able to grade: start the warm fork server, importing the
    course's ``preload`` too.

    Dask starts worker processes as daemons, and multiprocessing refuses children to a
    daemon; the worker's grading children are killed with it anyway (their own limits and
    process groups still apply), so the flag is cleared, as ``distributed.worker.daemon:
    False`` would. A server already started without some of ``preload`` (a worker that
    joined before any course was known, or a long-lived cluster that graded another course)
    is restarted with them, when no task of this process is running on it: otherwise every
    notebook would import them again.
    """
    global _preloaded
    wanted = [*preload, *_main_imports()]
    with _ready:
        if _preloaded is None:
            process = multiprocessing.current_process()
            if process.daemon:
                process.daemon = False
            workers.start_warming(also_preload=wanted)
            _preloaded = set(wanted)
        elif not set(wanted) <= _preloaded and not _running:
            _preloaded |= set(wanted)
            workers.restart_warming(also_preload=sorted(_preloaded))


@contextlib.contextmanager
def _task() -> Iterator[None]:
    """Counts this process's running tasks: the fork server is restarted only when idle."""
    global _running
    with _ready:
        _running += 1
    try:
        yield
    finally:
        with _ready:
            _running -= 1


def _scratch_root() -> str | None:
    """The Dask worker's own scratch folder (Dask removes it if the worker dies), if any."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        return None


@contextlib.contextmanager
def machine_slot() -> Iterator[int]:
    """A number that no other grading task on this machine holds at the same time.

    Each slot is a lock file (``flock``) in a private folder; the kernel releases it when its
    holder ends, even by SIGKILL. Dask worker processes on one host know nothing of each other,
    and local grading gives each concurrent job its own user: so must they.
    """
    folder = Path(tempfile.gettempdir()) / f"autograder-slots-{os.geteuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise RuntimeError(f"{folder} is not a private folder of this user")
    for slot in range(MAX_SLOTS):
        descriptor = os.open(folder / f"{slot}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        try:
            yield slot
        finally:
            os.close(descriptor)  # and with it the lock
        return
    raise RuntimeError(f"more than {MAX_SLOTS} grading tasks at once on this machine")


def grade_on_worker(job: workers.Job, folder: bytes) -> workers.JobResult:
    """The Dask task: unpack the job's folder here, run the job as a user of its own, clean up."""
    prepare_worker(job.preload)
    with _task():
        scratch = tempfile.mkdtemp(prefix="autograder-", dir=_scratch_root())
        try:
            unpack_folder(folder, Path(scratch))
            with machine_slot() as slot:
                first_uid = sandbox.FIRST_SANDBOX_UID + SLOT_UIDS + slot
                return workers.run_one(replace(job, cwd=scratch), first_uid=first_uid)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def warm_up(preload: list[str] | tuple[str, ...] = ()) -> None:
    """Grade an empty notebook here: once it returns, this worker's fork server is warm, with
    the course's ``preload`` imported (``client.run(warm_up, preload)``)."""
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    grade_on_worker(
        workers.Job(("warm-up", None), ["pass"], "", preload=list(preload)), empty.getvalue()
    )


try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # distributed is an optional dependency: only this executor needs it
    _WorkerPlugin = object


class WarmWorkers(_WorkerPlugin):
    """Starts the fork server, with the course's preload, as soon as a worker joins, not at
    its first task."""

    name = PLUGIN_NAME

    def __init__(self, preload: list[str] | tuple[str, ...] = ()) -> None:
        self.preload = list(preload)

    def setup(self, worker) -> None:
        prepare_worker(self.preload)


# --------------------------------------------------------------------------------------
# On the grading host


class DaskExecutor:
    """An executor for ``grade_assignment`` that runs the jobs on a Dask cluster.

    ``scheduler`` is an address (``tcp://host:8786``) or an existing ``distributed.Client``;
    ``preload``, the modules the course's notebooks import (``c.Autograder.preload``), which
    every worker's fork server imports once. Use it as a context manager, or call ``close()``.
    """

    def __init__(
        self,
        scheduler,
        retries: int = 2,
        timeout: float | None = None,
        preload: list[str] | tuple[str, ...] = (),
    ) -> None:
        import dask
        import distributed

        if timeout is None:
            timeout = dask.utils.parse_timedelta(
                dask.config.get("distributed.comm.timeouts.connect"), default="s"
            )
        self.retries = retries
        self._own_client = not isinstance(scheduler, distributed.Client)
        if not self._own_client:
            self.client, self.address = scheduler, scheduler.scheduler.address
        else:
            self.address = str(scheduler)
            try:
                self.client = distributed.Client(
                    self.address, timeout=timeout, set_as_default=False
                )
            except (OSError, TimeoutError, ValueError) as error:
                raise GradingError(
                    f"cannot reach the Dask scheduler at {self.address} "
                    f"({_first_line(error) or type(error).__name__})"
                ) from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except (TimeoutError, OSError):
            self.close()
            raise GradingError(
                f"no Dask worker joined the scheduler at {self.address} within {timeout:g} s"
            ) from None
        self.client.register_plugin(WarmWorkers(preload), name=PLUGIN_NAME)

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def threads(self) -> int:
        """How many tasks the cluster runs at once (its workers' threads, summed)."""
        return sum(self.client.nthreads().values())

    def default_parallel(self) -> int:
        """Tasks in flight: twice the cluster's threads, so no worker waits for the next one."""
        return max(1, 2 * self.threads())

    def __call__(self, jobs: Iterable[workers.Job], parallel: int) -> Iterator[workers.JobResult]:
        from distributed import as_completed

        pending = iter(jobs)
        in_flight: dict = {}  # future -> job
        done: list[workers.JobResult] = []  # jobs that failed before reaching Dask
        completed = as_completed(loop=self.client.loop)

        def top_up() -> None:
            while len(in_flight) < max(1, parallel):
                job = next(pending, None)
                if job is None:
                    return
                try:
                    folder = pack_folder(Path(job.cwd))
                except (FolderTooLarge, OSError) as error:
                    done.append(
                        workers.JobResult(
                            job.key, None, f"cannot be sent to a Dask worker: {error}"
                        )
                    )
                    continue
                future = self.client.submit(
                    grade_on_worker, job, folder, pure=False, retries=self.retries
                )
                in_flight[future] = job
                completed.add(future)

        try:
            top_up()
            while done or in_flight:
                if done:
                    yield done.pop()
                    top_up()
                    continue
                future = next(completed)
                job = in_flight.pop(future)
                result = self._result(future, job)
                top_up()  # keep the workers busy while the caller saves this result
                yield result
                top_up()
        finally:  # the run stopped early (an error, Ctrl-C): drop what is still queued
            if in_flight and self.client.status == "running":
                self.client.cancel(list(in_flight))

    def _result(self, future, job: workers.Job) -> workers.JobResult:
        from concurrent.futures import CancelledError

        from distributed import KilledWorker

        try:
            return future.result()
        except CancelledError:  # the scheduler went away (or the client was closed)
            raise GradingError(
                f"lost the Dask scheduler at {self.address}; what was graded so far is saved: "
                "run the grader again to finish"
            ) from None
        except KilledWorker as error:
            times = error.allowed_failures + 1
            return workers.JobResult(
                job.key,
                None,
                f"lost its Dask worker {times} time{'s' if times > 1 else ''} "
                "(the worker process died while grading it)",
            )
        except Exception as error:  # noqa: BLE001 - a task that failed on every retry
            return workers.JobResult(
                job.key, None, f"failed on its Dask worker: {type(error).__name__}: {error}"
            )


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else ""
