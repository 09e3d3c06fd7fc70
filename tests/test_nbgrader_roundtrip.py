"""Each lesson through the real nbgrader: generate_assignment, autograde, generate_feedback.

Three students per lesson, in one temporary course directory:

- ``perfect`` submits the student notebook with every solution cell filled in: full marks;
- ``blank`` submits the untouched student notebook: 0;
- ``mistaken`` submits the cells of ``tests/wrong_submissions/<lesson>.py``: the partial
  score written there, and feedback that names the mistake (each of them, when the file
  gives ``FEEDBACK`` as a tuple).

The students' notebooks are nbgrader's own student versions, which nbgrader_config.py's
``TagRaisingCells`` tags ``raises-exception`` as ``make release`` does: the tags go through
autograde and generate_feedback.
"""

from __future__ import annotations

import pytest

from conftest import LESSONS, NOTEBOOKS, lesson_notebook
from course_factory import (
    make_course,
    nbgrader,
    released,
    scores,
    student_versions,
    submit,
    wrong_sources,
)

GRADING_SEED = "777"  # not the local default, so the hidden cases differ from the visible ones


@pytest.mark.slow
def test_generate_assignment_writes_the_notebook_make_release_writes(tmp_path):
    """nbgrader's generate_assignment with the course's config, and `make release`, give one
    student notebook: the same cells, raises-exception tags included."""
    import nbformat

    lesson = LESSONS[0]
    course = make_course(tmp_path / "course", [lesson])
    generated = released(course, lesson)
    tagged = [
        i for i, c in enumerate(generated.cells) if "raises-exception" in c.metadata.get("tags", [])
    ]
    assert tagged, "nbgrader's student version has no raises-exception tag"
    assert generated.cells == nbformat.read(lesson_notebook(NOTEBOOKS, lesson), as_version=4).cells


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_roundtrip(tmp_path, lesson):
    course = make_course(tmp_path / "course", [lesson])
    for student, notebook in student_versions(course, lesson).items():
        submit(course, student, lesson, notebook)

    nbgrader(course, "autograde", lesson, "--create", AUTOGRADER_SEED=GRADING_SEED)
    nbgrader(course, "generate_feedback", lesson)

    wrong = wrong_sources(lesson)
    totals = {student: sum(cells.values()) for student, cells in scores(course, lesson).items()}
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        max_score = gradebook.find_assignment(lesson).max_score
    assert totals["perfect"] == max_score > 0
    assert totals["blank"] == 0
    assert totals["mistaken"] == wrong["EXPECTED_SCORE"]
    assert 0 < wrong["EXPECTED_SCORE"] < max_score

    feedback = (course / "feedback" / "mistaken" / lesson / f"{lesson}.html").read_text()
    expected = wrong["FEEDBACK"]  # one message, or several (one per exercise)
    for message in (expected,) if isinstance(expected, str) else expected:
        assert message in feedback, message
