"""Build throw-away nbgrader course directories with submissions, for the grading tests."""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat

from conftest import REPO, SOLUTIONS, tool_env

# The course's own configuration, with nbgrader's default folder names instead of the repo's.
CONFIG = f"""
exec(open({str(REPO / "nbgrader_config.py")!r}).read())
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
"""


def nbgrader(course: Path, *args: str, check: bool = True, **env: str):
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env=tool_env(**env),
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def autograder_cli(course: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env=tool_env(**env),
    )


def make_course(root: Path, lessons: list[str]) -> Path:
    """A course directory with the lessons' sources, generated and in the gradebook."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(CONFIG)
    for lesson in lessons:
        shutil.copytree(SOLUTIONS / lesson, root / "source" / lesson)
        nbgrader(root, "generate_assignment", lesson, "--force")
    return root


def solution_sources(lesson: str) -> dict[str, str]:
    source = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in source.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def wrong_sources(lesson: str) -> dict:
    return runpy.run_path(str(REPO / "tests" / "wrong_submissions" / f"{lesson}.py"))


def fill(notebook, sources: dict[str, str]):
    """Replace solution cells (by grade_id) as a student would."""
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in sources:
            cell.source = textwrap.dedent(sources[grade_id]).strip("\n")
    return notebook


def released(course: Path, lesson: str):
    return nbformat.read(course / "release" / lesson / f"{lesson}.ipynb", as_version=4)


def student_versions(course: Path, lesson: str) -> dict[str, nbformat.NotebookNode]:
    """The usual three: a perfect, a blank and a mistaken submission."""
    return {
        "perfect": fill(released(course, lesson), solution_sources(lesson)),
        "blank": released(course, lesson),
        "mistaken": fill(
            fill(released(course, lesson), solution_sources(lesson)),
            wrong_sources(lesson)["CELLS"],
        ),
    }


def submit(course: Path, student: str, lesson: str, notebook) -> Path:
    folder = course / "submitted" / student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lesson}.ipynb"
    if isinstance(notebook, (str, bytes)):
        path.write_text(notebook) if isinstance(notebook, str) else path.write_bytes(notebook)
    else:
        nbformat.write(notebook, path)
    return path


def scores(course: Path, lesson: str) -> dict[str, dict[str, float | None]]:
    """Every student's auto score per grade cell, from the gradebook."""
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for submission in gradebook.assignment_submissions(lesson):
            found[submission.student.id] = {
                grade.name: grade.auto_score
                for notebook in submission.notebooks
                for grade in notebook.grades
            }
    return found
