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


# ------------------------------------------------------------------ test cells in the grader

import tempfile  # noqa: E402

from autograder import sandbox, workers  # noqa: E402

NOTEBOOK = """
import array, enum, collections
import numpy as np

Pair = collections.namedtuple("Pair", "word count")

class Colour(str, enum.Enum):
    RED = "red"

def as_namedtuple():
    return Pair("conv", 2)

def as_str_enum():
    return Colour.RED

def as_object_words():
    return np.array(["edge", "blur"], dtype=object)

def as_array_array():
    return array.array("d", [1.0, 2.5])

def as_lists():
    return [[1, 2], [3, 4]]

def chatty(x):
    print("thinking about", x)
    return x + 1

def slow_sum(n):
    total = 0
    for i in range(n):
        total += i
    return total

def squares(n):
    return [i * i for i in range(1, n + 1)]

def sum_of_squares(n):
    return sum(squares(n))

def broken(x):
    return np.zeros(2) + np.zeros(3)

class Secret:
    pass

secret = Secret()
len = lambda value: 0  # a notebook cannot redefine builtins for the tests
"""

TESTS = {
    "unusual": """
assert as_namedtuple() == ("conv", 2)
assert as_str_enum() == "red"
assert list(as_object_words()) == ["edge", "blur"]
assert list(as_array_array()) == [1.0, 2.5]
assert as_lists() == [[1, 2], [3, 4]]
assert chatty(1) == 2
assert slow_sum(200_000) == sum(range(200_000))
""",
    # nbgrader's documentation course: a test that deletes and restores the learner's function.
    "del and restore": """
orig_squares = squares
del squares
try:
    sum_of_squares(1)
except NameError:
    pass
else:
    raise AssertionError("sum_of_squares does not use squares")
finally:
    squares = orig_squares
assert sum_of_squares(3) == 14
""",
    "builtins are the grader's": "assert len([1, 2, 3]) == 3",
    "the learner's line comes along": """
try:
    broken(1)
except ValueError as error:
    assert error.learner_line == "return np.zeros(2) + np.zeros(3)", error.learner_line
else:
    raise AssertionError("broken did not raise")
""",
    "nested scopes see the notebook": "assert [squares(n)[-1] for n in (1, 2, 3)] == [1, 4, 9]",
    "an object cannot cross": "secret",
    "a passing test": "assert squares(2) == [1, 4]",
    "a failing test": "assert squares(2) == [1, 5], 'squares(2) is wrong'",
    "partial credit": "0.5",
    "too much credit": "1000",
    "a grader function cannot cross": "chatty(lambda: 1)",
    "the seed stays here": "import os\nassert os.environ['AUTOGRADER_SEED'] == '42'",
}


@pytest.fixture(scope="module")
def tested():
    sources = [NOTEBOOK, *TESTS.values()]
    tests = {index: 1.0 for index in range(1, len(sources))}
    with tempfile.TemporaryDirectory() as folder:
        job = workers.Job(
            "key", sources, folder, {}, sandbox.Limits(), tests, test_env={"AUTOGRADER_SEED": "42"}
        )
        (result,) = list(workers.run_jobs([job], parallel=1))
    assert result.cells[0]["outputs"] == [], result.cells[0]
    return dict(zip(TESTS, result.cells[1:]))


def errors(cell) -> list[str]:
    return [f"{o['ename']}: {o['evalue']}" for o in cell["outputs"] if o["output_type"] == "error"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "unusual",
        "del and restore",
        "builtins are the grader's",
        "nested scopes see the notebook",
        "a passing test",
        "the seed stays here",
    ],
)
def test_a_right_answer_passes(tested, name):
    assert errors(tested[name]) == []


@pytest.mark.slow
def test_what_the_learners_function_printed_is_in_the_test_output(tested):
    assert "thinking about 1\n" in tested["unusual"]["outputs"][0]["text"]


@pytest.mark.slow
def test_a_wrong_answer_fails_with_its_message_and_no_test_source(tested):
    (output,) = tested["a failing test"]["outputs"]
    assert output["traceback"] == ["AssertionError: squares(2) is wrong"]


@pytest.mark.slow
def test_an_object_that_cannot_cross_fails_with_one_line_naming_it(tested):
    (message,) = errors(tested["an object cannot cross"])
    assert message.startswith("CannotCross: `secret` is a Secret object")
    (message,) = errors(tested["a grader function cannot cross"])
    assert "cannot cross to the notebook" in message


@pytest.mark.slow
def test_the_last_value_is_partial_credit_within_the_points_only(tested):
    (result,) = tested["partial credit"]["outputs"]
    assert result["output_type"] == "execute_result" and result["data"] == {"text/plain": "0.5"}
    (message,) = errors(tested["too much credit"])
    assert message == "ValueError: the test's value 1000 is not a score between 0 and 1"


@pytest.mark.slow
def test_the_seed_never_reaches_the_notebook():
    source = "import os\nprint(os.environ.get('AUTOGRADER_SEED'), os.environ.get('SECRET_TOKEN'))"
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECRET_TOKEN", "hunter2")
        job = workers.Job("k", [source], folder, {}, test_env={"AUTOGRADER_SEED": "42"})
        (result,) = list(workers.run_jobs([job], parallel=1))
    assert result.cells[0]["outputs"][0]["text"] == "None None\n"


def test_unusual_containers_cross_as_their_data():
    import array
    import collections
    import enum

    class Word(str, enum.Enum):  # noqa: UP042 - the mixin form learners write
        EDGE = "edge"

    pair = collections.namedtuple("Pair", "a b")(1, "x")
    for value, expected in [
        (pair, (1, "x")),
        (Word.EDGE, "edge"),
        (array.array("i", [1, 2]), [1, 2]),
        (np.array(["a", "b"], dtype=object), np.array(["a", "b"])),
        (collections.OrderedDict(a=1), {"a": 1}),
    ]:
        back = plaindata.decode(plaindata.encode(value, lenient=True))
        assert type(back) is type(expected)
        assert np.array_equal(back, expected) if isinstance(back, np.ndarray) else back == expected
    # Without leniency (the grader's side), an unknown type stays opaque.
    assert plaindata.is_opaque(plaindata.encode(pair))


def test_the_course_preload_is_imported_here_in_the_background(tmp_path, monkeypatch):
    """The tests run in the grader: it imports the course's preload while the first notebook
    starts, so the first test cell does not pay for it; one that cannot be imported is left
    to the test cell that needs it."""
    import sys

    from autograder import testcells

    (tmp_path / "preloaded_for_the_tests.py").write_text("import time\ntime.sleep(0.5)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "preloaded_for_the_tests", raising=False)
    testcells.start_preimport(["no_such_module_anywhere", "preloaded_for_the_tests"])
    testcells.await_preimport()
    assert "preloaded_for_the_tests" in sys.modules
    assert "no_such_module_anywhere" not in sys.modules
    assert testcells._preimports == []
