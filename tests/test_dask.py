"""Grading on a Dask cluster (`--executor dask`): a real `distributed.LocalCluster` of worker
processes on this machine, driven through the command line as an instructor would.

- the scores are those of local grading, cell by cell;
- a worker killed (SIGKILL) while it grades loses no submission and duplicates none;
- misuse and an unreachable scheduler are one clear line.
"""

from __future__ import annotations

import ast
import csv
import fcntl
import importlib.machinery
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import types
import warnings
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import dask_executor, sandbox

from conftest import tool_env
from course_factory import (
    autograder_cli,
    fill,
    make_course,
    released,
    scores,
    solution_sources,
    student_versions,
    submit,
    wrong_sources,
)

LESSON = "01-convolution"
SEED = "4711"
SLOW_SECONDS = 4  # each slow submission sleeps this long in its first exercise

pytestmark = pytest.mark.xdist_group("dask")


@pytest.fixture(scope="module")
def cluster():
    """Three single-threaded worker processes and a scheduler, on this machine."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=3,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,
    ):
        client.wait_for_workers(3, timeout=60)
        yield local, client


def sleepy(source: str) -> str:
    """The same function definition, after a pause (a slow submission, same grade); it prints
    the user it runs as and when."""
    return (
        f"import os, time\nprint('ran as', os.getuid(), 'at', time.time())\n"
        f"time.sleep({SLOW_SECONDS})\n{source.strip()}\n"
    )


def users_and_times(course: Path, student: str) -> tuple[int, float]:
    """What the sleepy cell of a graded notebook printed."""
    notebook = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", 4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("name") == "stdout" and output["text"].startswith("ran as"):
                words = output["text"].split()
                return int(words[2]), float(words[4])
    raise AssertionError(f"{student}: the slow cell printed nothing")


def by_file(course: Path, student: str) -> None:
    """A submission whose answer is in a file next to the notebook: it must reach the worker."""
    solutions = solution_sources(LESSON)
    notebook = fill(
        released(course, LESSON),
        {**solutions, "correlate2d": 'exec(open("helper.py").read())'},
    )
    folder = submit(course, student, LESSON, notebook).parent
    (folder / "helper.py").write_text(solutions["correlate2d"].replace("### ", "# "))


@pytest.fixture(scope="module")
def empty_course(tmp_path_factory) -> Path:
    """A course with lesson 1 generated, and no submissions yet: copied by each test."""
    return make_course(tmp_path_factory.mktemp("dask-empty") / "course", [LESSON])


@pytest.fixture(scope="module")
def graded_both_ways(tmp_path_factory, cluster, empty_course):
    """One class graded locally (one copy) and on the cluster (another copy)."""
    local, _ = cluster
    base = tmp_path_factory.mktemp("dask-base") / "course"
    shutil.copytree(empty_course, base)
    versions = student_versions(base, LESSON)
    crashing = fill(released(base, LESSON), {"correlate2d": "def correlate2d(image, kernel:\n"})
    for student, notebook in {**versions, "crashing": crashing}.items():
        submit(base, student, LESSON, notebook)
        submit(base, f"{student}_2", LESSON, notebook)
    by_file(base, "by_file")
    here = tmp_path_factory.mktemp("dask-local") / "course"
    there = tmp_path_factory.mktemp("dask-cluster") / "course"
    shutil.copytree(base, here)
    shutil.copytree(base, there)
    run_here = autograder_cli(here, "grade", LESSON, "--seed", SEED, "--jobs", "2")
    assert run_here.returncode == 0, run_here.stderr[-2000:]
    start = time.monotonic()
    run_there = autograder_cli(
        there, "grade", LESSON, "--seed", SEED, "--executor", "dask",
        "--scheduler", local.scheduler_address,
    )  # fmt: skip
    assert run_there.returncode == 0, run_there.stderr[-2000:]
    print(f"graded on the cluster in {time.monotonic() - start:.1f} s")
    return here, there


@pytest.mark.slow
def test_the_cluster_gives_the_scores_of_local_grading(graded_both_ways):
    here, there = graded_both_ways
    ours, reference = scores(there, LESSON), scores(here, LESSON)
    assert ours == reference
    totals = {student: sum(v or 0 for v in cells.values()) for student, cells in ours.items()}
    expected = {"perfect": 6, "blank": 0, "mistaken": wrong_sources(LESSON)["EXPECTED_SCORE"]}
    for student, total in expected.items():
        assert totals[student] == totals[f"{student}_2"] == total
    assert totals["crashing"] < 6
    assert totals["by_file"] == 6  # helper.py travelled with the task

    def table(course):
        return list(csv.DictReader((course / "grades" / f"{LESSON}.csv").open()))

    assert table(there) == table(here)  # scores and reported problems alike
    for student in ours:
        autograded = there / "autograded" / student / LESSON / f"{LESSON}.ipynb"
        assert autograded.is_file()


def max_scores(course: Path) -> dict[str, float]:
    """Each graded cell's points, as the assignment defines them."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_notebook(LESSON, LESSON)
        return {cell.name: cell.max_score for cell in notebook.grade_cells}


def executing(client) -> dict[str, list[str]]:
    """Grading tasks that are running right now, per worker address."""

    def running(dask_worker):
        return [
            str(key)
            for key, task in dask_worker.state.tasks.items()
            if task.state == "executing" and "grade_on_worker" in str(key)
        ]

    return {address: keys for address, keys in client.run(running).items() if keys}


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_submission(tmp_path, cluster, empty_course):
    local, client = cluster
    course = tmp_path / "course"
    shutil.copytree(empty_course, course)
    # Expected, cell by cell: full marks; the mistaken answer fails correlate2d's tests only.
    points = max_scores(course)
    reference = {
        "perfect": points,
        "mistaken": {cell: 0 if "correlate2d" in cell else full for cell, full in points.items()},
    }
    assert sum(reference["mistaken"].values()) == wrong_sources(LESSON)["EXPECTED_SCORE"]
    slow = {
        "perfect": solution_sources(LESSON),
        "mistaken": {**solution_sources(LESSON), **wrong_sources(LESSON)["CELLS"]},
    }
    students = {}
    for index in range(6):
        kind = ("perfect", "mistaken")[index % 2]
        sources = dict(slow[kind])
        sources["correlate2d"] = sleepy(sources["correlate2d"])
        students[f"slow{index}"] = kind
        submit(course, f"slow{index}", LESSON, fill(released(course, LESSON), sources))

    command = [sys.executable, "-m", "autograder", "grade", LESSON, "--seed", SEED]
    command += ["--executor", "dask", "--scheduler", local.scheduler_address]
    grader = subprocess.Popen(
        command, cwd=course, env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        # Wait until a worker has been inside a submission for a second (of its 4 s pause).
        victim, seen_since = None, {}
        deadline = time.monotonic() + 90
        while victim is None and time.monotonic() < deadline and grader.poll() is None:
            now = time.monotonic()
            for address, keys in executing(client).items():
                first = seen_since.setdefault((address, keys[0]), now)
                if now - first >= 1.0:
                    victim, victim_keys = address, keys
                    break
            time.sleep(0.1)
        assert victim is not None, "no worker was seen grading"
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()

        # The scheduler notices, and runs the killed worker's submission again elsewhere.
        def attempts(dask_scheduler, keys=tuple(victim_keys)):
            return {
                key: (ts.suspicious, ts.state)
                for key, ts in dask_scheduler.tasks.items()
                if str(key) in keys
            }

        retried = {}
        while time.monotonic() < killed_at + 30 and not retried:
            retried = {k: v for k, v in client.run_on_scheduler(attempts).items() if v[0] >= 1}
            time.sleep(0.1)
        stdout, stderr = grader.communicate(timeout=180)
    finally:
        if grader.poll() is None:
            grader.kill()
    assert grader.returncode == 0, stderr.decode()[-2000:]
    assert retried, "the killed worker's task was not rescheduled"
    assert b"lost its Dask worker" not in stdout

    graded = scores(course, LESSON)
    assert sorted(graded) == sorted(students)  # none lost
    for student, kind in students.items():
        assert graded[student] == reference[kind], student
    rows = list(csv.DictReader((course / "grades" / f"{LESSON}.csv").open()))
    assert sorted(row["student"] for row in rows) == sorted(students)  # none twice
    record = json.loads((course / "grading_runs" / f"{LESSON}.jsonl").read_text())
    assert sorted(record["students"]) == sorted(students)
    client.wait_for_workers(3, timeout=60)  # the nanny restarted the worker

    # Notebooks graded side by side on one machine ran as different users (as root), just as
    # local grading's concurrent jobs do; without root, all run as the grader's own user.
    runs = {student: users_and_times(course, student) for student in students}
    side_by_side = [
        (a, b) for a in runs for b in runs if a < b and abs(runs[a][1] - runs[b][1]) < SLOW_SECONDS
    ]
    assert side_by_side, runs
    if sandbox.can_switch_user():
        for a, b in side_by_side:
            assert runs[a][0] != runs[b][0], (a, b, runs)
        assert all(uid > sandbox.FIRST_SANDBOX_UID for uid, _ in runs.values())
    else:
        assert {uid for uid, _ in runs.values()} == {os.getuid()}


@pytest.mark.slow
def test_a_notebook_that_keeps_losing_its_worker_scores_0_and_the_run_goes_on(
    tmp_path, empty_course
):
    """With Dask's allowed-failures at 0, one lost worker is a final failure: the notebook is
    reported and scores 0, the others are graded, the command succeeds."""
    import dask
    from distributed import Client, LocalCluster

    course = tmp_path / "course"
    shutil.copytree(empty_course, course)
    sources = dict(solution_sources(LESSON))
    sources["correlate2d"] = sleepy(sources["correlate2d"])
    students = [f"slow{index}" for index in range(4)]
    for student in students:
        submit(course, student, LESSON, fill(released(course, LESSON), sources))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        fragile = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,
        )
    command = [sys.executable, "-m", "autograder", "grade", LESSON, "--seed", SEED]
    command += ["--executor", "dask", "--scheduler", fragile.scheduler_address]
    grader = subprocess.Popen(command, cwd=course, env=tool_env(), stderr=subprocess.PIPE)
    try:
        with Client(fragile) as client:
            deadline = time.monotonic() + 90
            while not executing(client) and time.monotonic() < deadline:
                time.sleep(0.1)
            victim = next(iter(executing(client)))
            os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
        _, stderr = grader.communicate(timeout=180)
    finally:
        if grader.poll() is None:
            grader.kill()
        fragile.close()
    assert grader.returncode == 0, stderr.decode()[-2000:]
    rows = {
        row["student"]: row for row in csv.DictReader((course / "grades" / f"{LESSON}.csv").open())
    }
    assert sorted(rows) == students
    lost = [s for s, row in rows.items() if "lost its Dask worker 1 time " in row["problems"]]
    assert lost, rows
    for student, row in rows.items():
        assert float(row["score"]) == (0 if student in lost else 6), row


@pytest.mark.slow
def test_losing_the_scheduler_stops_the_run_with_one_line(tmp_path, empty_course):
    from distributed import Client, LocalCluster

    course = tmp_path / "course"
    shutil.copytree(empty_course, course)
    sources = dict(solution_sources(LESSON))
    sources["correlate2d"] = sleepy(sources["correlate2d"])
    for index in range(3):
        submit(course, f"slow{index}", LESSON, fill(released(course, LESSON), sources))
    doomed = LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.CRITICAL
    )
    command = [sys.executable, "-m", "autograder", "grade", LESSON, "--seed", SEED]
    command += ["--executor", "dask", "--scheduler", doomed.scheduler_address]
    env = tool_env(DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s")
    grader = subprocess.Popen(command, cwd=course, env=env, stderr=subprocess.PIPE, text=True)
    try:
        with Client(doomed) as client:
            deadline = time.monotonic() + 90
            while not executing(client) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert executing(client), "the worker never started grading"
        doomed.close()
        _, stderr = grader.communicate(timeout=120)
    finally:
        if grader.poll() is None:
            grader.kill()
        doomed.close()
    assert grader.returncode == 1 and "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("grading ")]
    assert lines == [
        f"error: lost the Dask scheduler at {doomed.scheduler_address}; what was graded so far "
        "is saved: run the grader again to finish"
    ], stderr


# --------------------------------------------------------------------------------------
# Misuse: one clear line


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def one_submission(tmp_path) -> Path:
    course = tmp_path / "course"
    (course / "submitted" / "alice" / LESSON).mkdir(parents=True)
    (course / "submitted" / "alice" / LESSON / f"{LESSON}.ipynb").write_text("{}")
    return course


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (("--executor", "dask"), "--executor dask needs --scheduler", 2),
        (("--executor", "bogus"), "invalid choice: 'bogus'", 2),
        (("--scheduler", "tcp://127.0.0.1:8786"), "only used with --executor dask", 2),
        (("--executor", "dask", "--scheduler", "tcp://127.0.0.1:PORT"), "cannot reach the Dask", 1),
    ],
)
def test_misuse_of_the_dask_executor_is_one_clear_line(one_submission, args, message, status):
    args = [arg.replace("PORT", str(free_port())) for arg in args]
    start = time.monotonic()
    run = autograder_cli(
        one_submission, "grade", LESSON, *args, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s"
    )
    assert run.returncode == status
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], run.stderr
    assert time.monotonic() - start < 30


def test_a_scheduler_without_workers_is_one_clear_line(one_submission):
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, dashboard_address=":0", silence_logs=logging.ERROR) as empty:
        run = autograder_cli(
            one_submission, "grade", LESSON, "--executor", "dask",
            "--scheduler", empty.scheduler_address,
            DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s",
        )  # fmt: skip
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        f"error: no Dask worker joined the scheduler at {empty.scheduler_address} within 2 s"
    )


# --------------------------------------------------------------------------------------
# The pieces


def test_the_executor_keeps_a_bounded_number_in_flight(tmp_path, cluster):
    """Jobs are drawn from the caller only as results come back: never more than `parallel`
    ahead, and every job comes back once, with its key."""
    from autograder import workers

    _, client = cluster
    (tmp_path / "data.txt").write_text("21")
    drawn, returned, ahead = [], [], []

    def jobs():
        for index in range(8):
            ahead.append(len(drawn) - len(returned))
            drawn.append(index)
            source = f"int(open('data.txt').read()) * 2 + {index}"
            yield workers.Job(("job", index), [source], str(tmp_path))

    executor = dask_executor.DaskExecutor(client)
    for result in executor(jobs(), 3):
        returned.append(result)
    assert max(ahead) <= 3
    assert sorted(result.key for result in returned) == [("job", index) for index in range(8)]
    for result in returned:
        output = result.cells[0]["outputs"][0]["data"]["text/plain"]
        assert not result.failure and output == str(42 + result.key[1])


def test_machine_slots_are_never_shared_and_are_given_back():
    with dask_executor.machine_slot() as first, dask_executor.machine_slot() as second:
        assert first != second
        with dask_executor.machine_slot() as third:
            assert third not in (first, second)
    lock = Path(tempfile.gettempdir()) / f"autograder-slots-{os.geteuid()}" / f"{first}.lock"
    descriptor = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again: no BlockingIOError
    finally:
        os.close(descriptor)


def test_a_folder_travels_whole_and_cannot_escape(tmp_path):
    source = tmp_path / "source"
    (source / "data").mkdir(parents=True)
    (source / "helper.py").write_text("x = 1\n")
    (source / "data" / "table.csv").write_bytes(b"a,b\n1,2\n")
    (source / "link.py").symlink_to(source / "helper.py")  # links are not followed
    copy = tmp_path / "copy"
    copy.mkdir()
    dask_executor.unpack_folder(dask_executor.pack_folder(source), copy)
    found = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert found == ["data/table.csv", "helper.py"]
    assert (copy / "data" / "table.csv").read_bytes() == b"a,b\n1,2\n"

    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("../outside.txt", "no")
        archive.writestr("/tmp/absolute.txt", "no")
        archive.writestr("inside.txt", "yes")
    target = tmp_path / "target"
    target.mkdir()
    dask_executor.unpack_folder(hostile.read_bytes(), target)
    assert [p.name for p in target.iterdir()] == ["inside.txt"]
    assert not (tmp_path / "outside.txt").exists()


# For a script: the running fork server's command line, once it shows the server (it is forked,
# then execs: until the exec, /proc shows the script that started it).
SERVER_COMMAND_LINE = (
    "def started():\n"
    "    import time\n"
    "    from multiprocessing import forkserver\n"
    "    cmdline = f'/proc/{forkserver._forkserver._forkserver_pid}/cmdline'\n"
    "    deadline = time.monotonic() + 30\n"
    "    while True:\n"
    "        with open(cmdline) as server:\n"
    "            line = server.read().replace('\\0', ' ')\n"
    "        if 'forkserver' in line or time.monotonic() > deadline:\n"
    "            return line\n"
    "        time.sleep(0.05)\n"
)


def server_preload(line: str) -> list[str]:
    """What a fork server was started with, from its command line: main(fd, fd, [preload], ...)"""
    started = re.search(r"main\(\d+, \d+, (\[.*?\])", line)
    assert started, f"the fork server's command line was never seen: {line!r}"
    return ast.literal_eval(started.group(1))


def run_script(path) -> list[str]:
    run = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=tool_env()
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()


def test_a_worker_started_from_a_script_preloads_what_the_script_imports(tmp_path, monkeypatch):
    """`dask worker` is a script, which every forked child would run again: the fork server
    imports what it imports, once. A ``-m`` package main is not re-run at all."""
    script = tmp_path / "worker_script"
    script.write_text(
        "import json, email.message\n"
        "from xml.dom import minidom\n"
        "from multiprocessing import forkserver\n"
        "from autograder import dask_executor\n"
        + SERVER_COMMAND_LINE
        + "if __name__ == '__main__':\n"
        "    dask_executor.prepare_worker()\n"
        "    print(started())\n"
    )
    (line,) = run_script(script)
    assert server_preload(line) == [
        "autograder.worker_preload",
        "json",
        "email.message",
        "xml.dom",
        "multiprocessing",
        "autograder",
    ]
    main = types.ModuleType("__main__")
    main.__file__ = None
    main.__spec__ = importlib.machinery.ModuleSpec("pytest.__main__", None)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert dask_executor._main_imports() == []
    main.__spec__ = importlib.machinery.ModuleSpec("mytool.cli", None)
    assert dask_executor._main_imports() == ["mytool.cli"]


def test_a_worker_warmed_before_the_course_was_known_is_rewarmed_with_its_preload(tmp_path):
    """The plugin warms a worker when it joins, perhaps before any course's preload is known
    (or for another course): the first task that brings a preload restarts the idle fork server
    with it, so that each notebook does not import SciPy & co. again. Checked in a fresh
    process, from the running server's command line."""
    script = tmp_path / "rewarm.py"
    script.write_text(
        "from multiprocessing import forkserver\n"
        "from autograder import dask_executor\n"
        + SERVER_COMMAND_LINE
        + "if __name__ == '__main__':\n"
        "    dask_executor.prepare_worker()\n"
        "    print(started())\n"
        "    first = forkserver._forkserver._forkserver_pid\n"
        "    dask_executor.prepare_worker(['colorsys'])\n"
        "    print(started())\n"
        "    print(first != forkserver._forkserver._forkserver_pid)\n"
        "    dask_executor.prepare_worker(['colorsys'])  # already there: no restart\n"
        "    print(started())\n"
    )
    lines = run_script(script)
    preloads = [server_preload(line) for line in (lines[0], lines[1], lines[3])]
    assert "colorsys" not in preloads[0]
    assert "colorsys" in preloads[1] and "autograder.worker_preload" in preloads[1]
    assert lines[2] == "True", "the fork server was not restarted"
    assert preloads[2] == preloads[1]


@pytest.mark.slow
def test_with_a_user_per_job_notebooks_side_by_side_run_as_different_users(
    tmp_path, empty_course, world_readable_python
):
    """The Dask branch where the sandbox switches users: a scheduler and two worker processes
    started with `dask`'s own commands from a Python other users can read (as on a real
    grading host). Two notebooks graded at once on one host run as two different users."""
    from distributed import Client
    from distributed.versions import VersionMismatchWarning

    course = tmp_path / "course"
    shutil.copytree(empty_course, course)
    students = ["first", "second"]
    for student in students:
        sources = solution_sources(LESSON)
        sources["correlate2d"] = sleepy(sources["correlate2d"])
        submit(course, student, LESSON, fill(released(course, LESSON), sources))
    python = str(world_readable_python)
    address = f"tcp://127.0.0.1:{free_port()}"
    started = []
    try:
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": tool_env()}
        started.append(subprocess.Popen(
            [python, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", address.rsplit(":", 1)[1], "--dashboard-address", ":0"], **quiet,
        ))  # fmt: skip
        started.append(subprocess.Popen(
            [python, "-m", "distributed.cli.dask_worker", address, "--nworkers", "2",
             "--nthreads", "1", "--dashboard-address", ":0"], **quiet,
        ))  # fmt: skip
        with warnings.catch_warnings():
            # This test's own client runs our Python, the cluster Debian's: a patch apart.
            warnings.simplefilter("ignore", VersionMismatchWarning)
            with Client(address, timeout="60s") as client:
                client.wait_for_workers(2, timeout=60)
        run = subprocess.run(
            [python, "-m", "autograder", "grade", LESSON, "--seed", SEED,
             "--executor", "dask", "--scheduler", address],
            cwd=course, capture_output=True, text=True, env=tool_env(),
        )  # fmt: skip
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    assert run.returncode == 0, run.stderr[-3000:]
    (first_uid, first_time), (second_uid, second_time) = (
        users_and_times(course, student) for student in students
    )
    assert abs(first_time - second_time) < SLOW_SECONDS, "the two did not run side by side"
    assert first_uid != second_uid
    lowest = sandbox.FIRST_SANDBOX_UID + dask_executor.SLOT_UIDS
    assert first_uid >= lowest and second_uid >= lowest
    full = max_scores(course)
    assert scores(course, LESSON) == {student: full for student in students}
