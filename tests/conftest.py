"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import os
import sys
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


def execute_notebook(path: Path, cwd: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run a notebook top to bottom on a fresh kernel, continuing past errors."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return notebook


def errors_in(notebook: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """(cell index, exception name, message) for every error output."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append((index, output["ename"], output["evalue"]))
    return found


@pytest.fixture(scope="session")
def lessons() -> list[str]:
    return LESSONS


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
