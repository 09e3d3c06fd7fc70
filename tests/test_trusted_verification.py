"""The trusted second opinion: plain data across the boundary, replayed answers, and no false
alarms on honest work in any lesson."""

from __future__ import annotations

import numpy as np
import pytest

from autograder import plaindata, verify
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


def test_fingerprints_follow_content_not_identity():
    a, b = np.arange(4.0), np.arange(4.0)
    assert plaindata.fingerprint((a,), {}) == plaindata.fingerprint((b,), {})
    assert plaindata.fingerprint((a,), {}) != plaindata.fingerprint((a.astype(int),), {})
    assert plaindata.fingerprint((a,), {"k": 1}) != plaindata.fingerprint((a,), {"k": 2})


# ------------------------------------------------------------------ record and replay

CELL_NS = (
    "import numpy as np\n"
    "from numpy.testing import assert_allclose\n"
    "assert_allclose(double(np.arange(3.0)), [0, 2, 4])"
)


def recorded_run(func):
    recorder = verify.CallRecorder()
    namespace = {"double": func}
    with verify.recording(namespace, verify.tested_names(CELL_NS), recorder):
        exec(CELL_NS, namespace)
    assert namespace["double"] is func  # unwrapped afterwards
    return recorder.take()


def test_tested_names_are_the_notebooks_functions():
    assert verify.tested_names(CELL_NS) == ["double"]
    assert verify.tested_names("from m import f\nx = 1\nf(x, g)") == ["g"]


def test_a_right_answer_passes_the_replay():
    recorded = recorded_run(lambda x: 2 * x)
    assert verify.verify_cell(CELL_NS, recorded, {}).passed


def test_a_wrong_answer_fails_the_replay():
    recorded = recorded_run(lambda x: 2 * x)
    recorded["calls"][0]["result"] = plaindata.encode(np.array([0.0, 2.0, 5.0]))
    verdict = verify.verify_cell(CELL_NS, recorded, {})
    assert not verdict.passed and "AssertionError" in verdict.message


def test_a_call_that_was_never_made_fails_the_replay():
    verdict = verify.verify_cell(CELL_NS, {"calls": []}, {})
    assert not verdict.passed and "was not called with these arguments" in verdict.message


def test_exceptions_are_replayed_as_builtin_types():
    def refuses(x):
        raise ValueError("no")

    recorded = recorded_run_raising(refuses)
    proxy = verify.ReplayProxy("double", recorded["calls"])
    with pytest.raises(ValueError, match="no"):
        proxy(np.arange(3.0))


def recorded_run_raising(func):
    recorder = verify.CallRecorder()
    wrapped = recorder.wrap("double", func)
    with pytest.raises(ValueError):
        wrapped(np.arange(3.0))
    return recorder.take()


def test_in_place_changes_are_replayed():
    def doubles_in_place(x):
        x *= 2
        return x

    recorder = verify.CallRecorder()
    wrapped = recorder.wrap("f", doubles_in_place)
    wrapped(np.arange(3.0))
    argument = np.arange(3.0)
    verify.ReplayProxy("f", recorder.take()["calls"])(argument)
    assert np.array_equal(argument, [0.0, 2.0, 4.0])


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
def test_honest_work_is_never_flagged(every_lesson_graded, lesson):
    perfect = every_lesson_graded[lesson]["perfect"]
    mistaken = every_lesson_graded[lesson]["mistaken"]
    assert perfect.score == perfect.max_score and perfect.problems == []
    assert mistaken.score == wrong_sources(lesson)["EXPECTED_SCORE"]
    assert not mistaken.tampering_suspected, mistaken.problems
