"""The grader stopped from outside (SIGTERM, SIGINT, SIGKILL) leaves no process running, and
no scratch folder once it or the next run has cleaned up; where the system forbids namespaces,
the run says loudly that submissions are not isolated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from autograder import workers

from conftest import tool_env
from course_factory import fill, make_course, released, solution_sources, submit
from processes import sandbox_processes

LESSON = "01-convolution"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("grader-signals")]


def scratch_of(pid: int) -> list[Path]:
    return list(Path(workers.tempfile.gettempdir()).glob(f"{workers.SCRATCH_PREFIX}{pid}-*"))


@pytest.fixture(scope="module")
def looping_class(tmp_path_factory):
    """Two students whose notebooks loop for a long time in a cell (ignoring interrupts)."""
    course = tmp_path_factory.mktemp("signals") / "course"
    make_course(course, [LESSON])
    with (course / "nbgrader_config.py").open("a") as config:
        config.write('c.Autograder.limits = {"cell_seconds": 600, "wall_seconds": 900}\n')
    loop = textwrap.dedent(
        """
        import signal, time
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while True:
            time.sleep(0.01)
        """
    )
    for student in ("ann", "bob"):
        notebook = fill(released(course, LESSON), solution_sources(LESSON))
        notebook = fill(notebook, {"correlate2d": solution_sources(LESSON)["correlate2d"] + loop})
        submit(course, student, LESSON, notebook)
    return course


def start_grading(course: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "autograder", "grade", LESSON, "--jobs", "2", "--seed", "1"]
    grader = subprocess.Popen(
        command, cwd=course, env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while not sandbox_processes(settle_seconds=0, started_by=grader.pid):
        assert grader.poll() is None, grader.communicate()
        assert time.monotonic() < deadline, "no job started"
        time.sleep(0.1)
    return grader


def wait_until_gone(timeout: float = 30) -> list[str]:
    return sandbox_processes(settle_seconds=timeout)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: the jobs' users tell them apart")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_grader_leaves_nothing_behind(looping_class, number):
    grader = start_grading(looping_class)
    grader.send_signal(number)
    _, errors = grader.communicate(timeout=60)
    assert grader.returncode == 130, errors.decode()[-2000:]
    assert b"Traceback" not in errors
    assert wait_until_gone() == []
    assert scratch_of(grader.pid) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: the jobs' users tell them apart")
def test_a_killed_grader_takes_its_jobs_with_it(looping_class):
    """kill -9: no cleanup runs in the grader, yet the jobs die (their reaper dies with the
    fork server, which dies with the grader); the next run removes the scratch folders."""
    grader = start_grading(looping_class)
    grader.kill()
    grader.wait(timeout=30)
    assert wait_until_gone() == []
    workers.remove_abandoned_scratch()
    assert scratch_of(grader.pid) == []


SECCOMP_WRAPPER = """
import errno, runpy, sys
import pyseccomp as seccomp
rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
rules.add_rule(seccomp.ERRNO(errno.EPERM), "unshare")
rules.load()
sys.argv = ["autograder", *sys.argv[1:]]
runpy.run_module("autograder", run_name="__main__")
"""


def test_without_namespaces_the_run_says_it_is_not_isolated(tmp_path):
    """As in a container that forbids unshare: every job is marked, and the run warns."""
    course = tmp_path / "course"
    make_course(course, [LESSON])
    submit(course, "ann", LESSON, fill(released(course, LESSON), solution_sources(LESSON)))
    wrapper = tmp_path / "no_namespaces.py"
    wrapper.write_text(SECCOMP_WRAPPER)
    run = subprocess.run(
        [sys.executable, "-c", f"exec(open({str(wrapper)!r}).read())", "grade", LESSON],
        cwd=course,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "WARNING: submissions are NOT fully isolated" in run.stderr
    assert "NOT ISOLATED" in (course / "grades" / f"{LESSON}.csv").read_text()
