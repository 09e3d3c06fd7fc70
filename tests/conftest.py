"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")  # the tests draw figures with no display

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / "solutions"
NOTEBOOKS = REPO / "notebooks"
LESSONS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name[:2].isdigit())


def lesson_notebook(folder: Path, lesson: str) -> Path:
    return folder / lesson / f"{lesson}.ipynb"


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for subprocesses: this venv's tools first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(extra)
    return env


# Binder gives a session 1-2 GB for the server, the kernel and the browser's tab.
KERNEL_MEMORY_LIMIT = 400 * 2**20


@dataclass
class NotebookRun:
    notebook: nbformat.NotebookNode
    kernel_peak_rss: int  # bytes: the kernel's largest resident set while the notebook ran


def kernel_peak_rss(pid: int) -> int:
    """A process's peak resident memory so far: Linux's exact high-water mark (VmHWM);
    elsewhere psutil's peak working set (Windows) or the current RSS (macOS)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import psutil

    info = psutil.Process(pid).memory_info()
    return getattr(info, "peak_wset", info.rss)


def run_notebook(path: Path, cwd: Path, timeout: int = 120, prepare=None) -> NotebookRun:
    """Run a notebook top to bottom on a fresh kernel, continuing past errors, and measure the
    kernel's peak memory (read after every cell, while the kernel is alive).

    ``prepare(notebook)`` may return a changed copy to run instead (e.g. with cells added).
    """
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    if prepare is not None:
        notebook = prepare(notebook)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    peak = [0]

    def measure(**_):
        peak[0] = max(peak[0], kernel_peak_rss(client.km.provisioner.process.pid))

    client.on_cell_executed = measure
    client.execute()
    return NotebookRun(notebook, peak[0])


def execute_notebook(
    path: Path, cwd: Path, timeout: int = 120, prepare=None
) -> nbformat.NotebookNode:
    """Run a notebook top to bottom on a fresh kernel, continuing past errors."""
    return run_notebook(path, cwd, timeout, prepare).notebook


# The errors an unfinished exercise raises: a stub's own, and the checks' ExerciseNotWritten
# (a NotImplementedError that Jupyter shows as one line).
UNFINISHED_ERRORS = {"NotImplementedError", "ExerciseNotWritten"}


def errors_in(notebook: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """(cell index, exception name, message) for every error output."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append((index, output["ename"], output["evalue"]))
    return found


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Keep `xdist_group` working under pytest 9 (`make test` runs `--dist loadgroup`).

    pytest-xdist 3.8 marks a test's group by appending ``@group`` to ``item._nodeid``, which
    pytest 9 no longer reads (node ids live in ``item._id``): every group was silently spread
    over all workers, and each worker built the group's expensive fixtures again.
    """
    if not config.getoption("loadgroup", default=False):
        return
    try:
        from _pytest.nodeid import NodeId  # pytest 9; older versions read xdist's suffix
    except ImportError:
        return
    for item in items:
        groups = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(groups))}")


@pytest.fixture(scope="session")
def lessons() -> list[str]:
    return LESSONS


@pytest.fixture(scope="session")
def world_readable_python() -> Iterator[Path]:
    """The interpreter of a copy of this environment that other users can read
    (`tests/world_python.py`): built once per test process, removed at its end."""
    import world_python

    folder = Path(tempfile.mkdtemp(prefix="world-python-"))
    try:
        yield world_python.build(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def fresh_figures(monkeypatch):
    """Figures drawn as for a person (not under the grader); ``plt.show`` records the figure
    in the list this fixture returns instead of showing it."""
    import matplotlib.pyplot as plt

    from autograder.settings import GRADING_VARIABLE

    plt.close("all")
    monkeypatch.delenv(GRADING_VARIABLE, raising=False)
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    yield shown
    plt.close("all")
