"""Each lesson through the real nbgrader: generate_assignment, autograde, generate_feedback.

Three students per lesson, in one temporary course directory:

- ``perfect`` submits the student notebook with every solution cell filled in: full marks;
- ``blank`` submits the untouched student notebook: 0;
- ``mistaken`` submits the cells of ``tests/wrong_submissions/<lesson>.py``: the partial
  score written there, and feedback that names the mistake.
"""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, SOLUTIONS, tool_env

WRONG_DIR = Path(__file__).parent / "wrong_submissions"
GRADING_SEED = "777"  # not the local default, so the hidden cases differ from the visible ones

CONFIG = """
c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "convolution-course"
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ExecutePreprocessor.timeout = 120
"""


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env=tool_env(AUTOGRADER_SEED=GRADING_SEED),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def fill(notebook, sources: dict[str, str]):
    """Replace the solution cells named in ``sources`` (by grade_id), as a student would."""
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in sources:
            cell.source = textwrap.dedent(sources[grade_id]).strip("\n")
    return notebook


def solution_sources(lesson: str) -> dict[str, str]:
    source = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in source.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    (root / "nbgrader_config.py").write_text(CONFIG.format(root=str(root)))
    return root


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_roundtrip(course, lesson):
    from nbgrader.api import Gradebook

    wrong_file = WRONG_DIR / f"{lesson}.py"
    assert wrong_file.is_file(), f"add {wrong_file.relative_to(WRONG_DIR.parent.parent)}"
    wrong = runpy.run_path(str(wrong_file))

    shutil.copytree(SOLUTIONS / lesson, course / "source" / lesson)
    nbgrader(course, "generate_assignment", lesson, "--force")
    released = course / "release" / lesson / f"{lesson}.ipynb"
    solutions = solution_sources(lesson)
    submissions = {
        "perfect": fill(nbformat.read(released, as_version=4), solutions),
        "blank": nbformat.read(released, as_version=4),
        "mistaken": fill(fill(nbformat.read(released, as_version=4), solutions), wrong["CELLS"]),
    }
    for student, notebook in submissions.items():
        folder = course / "submitted" / student / lesson
        folder.mkdir(parents=True)
        nbformat.write(notebook, folder / f"{lesson}.ipynb")

    nbgrader(course, "autograde", lesson, "--create")
    nbgrader(course, "generate_feedback", lesson)

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {
            student: gradebook.find_submission(lesson, student).score for student in submissions
        }
        max_score = gradebook.find_assignment(lesson).max_score
    assert scores["perfect"] == max_score > 0
    assert scores["blank"] == 0
    assert scores["mistaken"] == wrong["EXPECTED_SCORE"]
    assert 0 < wrong["EXPECTED_SCORE"] < max_score

    feedback = (course / "feedback" / "mistaken" / lesson / f"{lesson}.html").read_text()
    assert wrong["FEEDBACK"] in feedback
