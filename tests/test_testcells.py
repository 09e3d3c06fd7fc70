"""Tests run in the grader: plain data across the boundary, test cells' semantics, and every
lesson's honest and mistaken work scored as before."""

from __future__ import annotations

import numpy as np
import pytest

from autograder import plaindata
from autograder.autograde import grade_assignment, open_course

from conftest import LESSONS
from course_factory import make_course, student_versions, submit, wrong_sources

# ------------------------------------------------------------------ plain data


@pytest.mark.parametrize(
    "value",
    [
        np.arange(6, dtype=np.uint8).reshape(2, 3),
        np.array([[0.5, -np.inf], [np.nan, 1e300]]),
        np.array(["a", "bc"]),
        (1, 2.5, "x", None, True),
        {"a": [1, 2], 3: (4,)},
        np.float32(1.5),
        np.array(3.0),  # 0-d
        2**70,
        complex(1, -2),
    ],
)
def test_plain_values_survive_the_round_trip(value):
    back = plaindata.decode(plaindata.encode(value))
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        assert np.array_equal(back, value, equal_nan=value.dtype.kind == "f")
    else:
        assert back == value and type(back) is type(value)


def test_an_array_subclass_arrives_as_a_plain_array():
    class Agreeable(np.ndarray):
        def __eq__(self, other):
            return True

    back = plaindata.decode(plaindata.encode(np.zeros(3).view(Agreeable)))
    assert type(back) is np.ndarray and not np.array_equal(back, np.ones(3))


def test_objects_arrive_as_opaque_values_that_equal_nothing():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    back = plaindata.decode(plaindata.encode(AlwaysEqual()))
    assert isinstance(back, plaindata.Opaque) and back != back and not (back == 0)
    assert isinstance(plaindata.decode(plaindata.encode(np.array([object()]))), plaindata.Opaque)


# ------------------------------------------------------------------ no false alarms


@pytest.fixture(scope="module")
def every_lesson_graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("all") / "course", LESSONS)
    for lesson in LESSONS:
        versions = student_versions(course, lesson)
        submit(course, "perfect", lesson, versions["perfect"])
        submit(course, "mistaken", lesson, versions["mistaken"])
    return {
        lesson: {r.student: r for r in grade_assignment(open_course(course), lesson, jobs=2)}
        for lesson in LESSONS
    }


@pytest.mark.slow
@pytest.mark.xdist_group("every-lesson")
@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_scores_right_and_wrong_answers(every_lesson_graded, lesson):
    perfect = every_lesson_graded[lesson]["perfect"]
    mistaken = every_lesson_graded[lesson]["mistaken"]
    assert perfect.score == perfect.max_score and perfect.problems == []
    assert mistaken.score == wrong_sources(lesson)["EXPECTED_SCORE"]
    assert not mistaken.tampering_suspected, mistaken.problems
