"""The check engine: each cause of failure is named, and right answers pass."""

import numpy as np
import pytest

from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Raises,
    check,
    diagnose,
    require,
    run_case,
)

IMAGE = np.arange(12, dtype=float).reshape(3, 4)
DOUBLE = Exercise(
    name="double",
    shape_rule="same shape as the input",
    misconceptions=(Misconception("you tripled it", lambda x: 3 * x),),
)
CASE = Case("3x4 ramp", (IMAGE,), 2 * IMAGE)


def outcome_of(func, case=CASE, exercise=DOUBLE):
    return run_case(func, case, exercise)


def test_right_answer_passes():
    assert outcome_of(lambda x: 2 * x).passed


def test_right_answer_of_a_different_dtype_passes():
    assert outcome_of(lambda x: (2 * x).astype(np.float32)).passed


def test_none_names_the_missing_return():
    result = outcome_of(lambda x: None)
    assert not result.passed and "return" in result.message


def test_exception_is_reported_not_raised():
    def broken(x):
        return x[10, 10]

    result = outcome_of(broken)
    assert not result.passed
    assert result.message.startswith("raised IndexError")
    assert "return x[10, 10]" in result.message  # the learner's own line


def test_stub_says_not_implemented():
    def stub(x):
        raise NotImplementedError()

    result = outcome_of(stub)
    assert result.not_implemented and "not implemented yet" in result.message


def test_known_misconception_is_named():
    assert outcome_of(lambda x: 3 * x).message == "you tripled it"


def test_wrong_shape_gives_expected_shape_and_rule():
    message = outcome_of(lambda x: 2 * x[:, :-1]).message
    assert "got (3, 3), expected (3, 4)" in message and "same shape as the input" in message


def test_transposed_result_is_named():
    case = Case("3x4", (IMAGE,), IMAGE.copy())
    exercise = Exercise(name="identity")
    assert "transposed" in run_case(lambda x: x.T, case, exercise).message


def test_uint8_wraparound_is_named():
    image = np.array([[100, 200]], dtype=np.uint8)
    case = Case("bright pixels", (image,), 2.0 * image.astype(float))
    result = run_case(lambda x: x * 2, case, DOUBLE)  # uint8 arithmetic wraps 400 -> 144
    assert "integer overflow" in result.message and "uint8" in result.message


def test_integer_truncation_is_named():
    case = Case("halves", (IMAGE,), IMAGE / 2)
    exercise = Exercise(name="halve")
    result = run_case(lambda x: (x / 2).astype(int), case, exercise)
    assert "integer dtype" in result.message


def test_input_modified_in_place_is_named():
    def in_place(x):
        x *= 2
        return x

    assert "in place" in outcome_of(in_place).message


def test_the_case_inputs_survive_a_function_that_mutates_them():
    def in_place(x):
        x[:] = 0
        return x

    outcome_of(in_place)
    assert np.array_equal(CASE.args[0], np.arange(12).reshape(3, 4))


def test_always_equal_object_is_refused():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    result = outcome_of(lambda x: AlwaysEqual())
    assert not result.passed and "expected a number or a NumPy array" in result.message


def test_values_that_differ_report_size_and_place_only():
    def one_off(x):
        out = 2 * x
        out[1, 2] += 5
        return out

    message = outcome_of(one_off).message
    assert "1 of 12 entries" in message and "(1, 2)" in message and "5" in message


def test_integer_answers_must_be_integers():
    case = Case("size", (7,), 5)
    exercise = Exercise(name="size")
    assert run_case(lambda n: 5, case, exercise).passed
    assert "return an int" in run_case(lambda n: 5.0, case, exercise).message
    assert not run_case(lambda n: 6, case, exercise).passed


def test_exact_dtype_when_the_exercise_demands_it():
    exercise = Exercise(name="to_uint8", dtype="uint8")
    case = Case("pixels", (IMAGE,), IMAGE.astype(np.uint8))
    assert run_case(lambda x: x.astype(np.uint8), case, exercise).passed
    assert "dtype is float64" in run_case(lambda x: x, case, exercise).message


def test_expected_error_must_be_raised():
    case = Case("empty kernel", (IMAGE,), Raises(ValueError, "the kernel is empty"))

    def raises(x):
        raise ValueError("kernel must not be empty")

    assert run_case(raises, case, DOUBLE).passed
    message = run_case(lambda x: x, case, DOUBLE).message
    assert "should raise ValueError because the kernel is empty" in message


def test_string_and_bool_answers():
    assert diagnose("Positive ", Case("sign", (), "positive"), DOUBLE) is None
    assert diagnose("negative", Case("sign", (), "positive"), DOUBLE) == "wrong answer"
    assert diagnose(True, Case("flag", (), True), DOUBLE) is None
    assert "True or False" in diagnose("yes", Case("flag", (), True), DOUBLE)


def test_misconception_equal_to_the_right_answer_is_not_blamed():
    # For this input tripling and doubling agree (zeros), so a wrong value elsewhere
    # must not be blamed on "tripling".
    case = Case("zeros", (np.zeros((2, 2)),), np.zeros((2, 2)))
    result = run_case(lambda x: x + 1, case, DOUBLE)
    assert result.message != "you tripled it"


def test_check_prints_a_short_report(capsys):
    check(lambda x: 3 * x, [CASE, Case("another", (IMAGE + 1,), 2 * (IMAGE + 1))], DOUBLE)
    printed = capsys.readouterr().out
    assert "double: 0 of 2 checks passed" in printed
    assert printed.count("you tripled it") == 1  # each cause once, not once per case
    assert "in: 3x4 ramp; another" in printed


def test_check_reports_success(capsys):
    check(lambda x: 2 * x, [CASE], DOUBLE)
    assert "all 1 checks passed" in capsys.readouterr().out


def test_check_of_a_non_function(capsys):
    check(42, [CASE], DOUBLE)
    assert "not a function" in capsys.readouterr().out


def test_require_raises_the_first_failure():
    with pytest.raises(AssertionError, match="double, 3x4 ramp: you tripled it"):
        require(lambda x: 3 * x, [CASE], DOUBLE)
    require(lambda x: 2 * x, [CASE], DOUBLE)  # passes silently


def test_require_raises_not_implemented_for_a_stub():
    def stub(x):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError, match="not implemented yet"):
        require(stub, [CASE], DOUBLE)


def test_check_of_an_untouched_stub_is_one_line(capsys):
    def stub(x):
        raise NotImplementedError()

    check(stub, [CASE, CASE], DOUBLE)
    assert capsys.readouterr().out.strip() == (
        "✗ double is not implemented yet: replace `raise NotImplementedError()` with your code"
    )


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (1.5, TypeError, "stride must be an int or a pair of ints, got 1.5"),
        ((1, 2, 3), TypeError, "pair of ints"),
        ((1, 0), ValueError, "at least 1 in each axis"),
        (True, TypeError, "pair of ints"),
    ],
)
def test_int_pair_rejects_clearly(value, error, message):
    from autograder.validate import int_pair

    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        int_pair(value, "stride")


def test_int_pair_accepts_ints_and_pairs():
    from autograder.validate import int_pair

    assert int_pair(2, "stride") == (2, 2)
    assert int_pair([1, 3], "stride") == (1, 3)


def test_an_array_where_a_number_is_expected_is_a_shape_problem():
    case = Case("flat region", (IMAGE,), 3.0)
    message = run_case(lambda x: np.ones((2, 2)), case, Exercise(name="flat"))
    assert "wrong output shape: got (2, 2), expected ()" in message.message


def test_inspect_hook_judges_words_and_forms():
    def words(answer):
        if answer == "two":
            return np.array([2.0]), None
        if isinstance(answer, list):
            return answer, "returned a list; use an array"
        return None, f"cannot read the answer {answer!r}"

    exercise = Exercise(name="count", inspect=words)
    case = Case("count", (), np.array([2.0]))
    assert run_case(lambda: "two", case, exercise).passed
    assert run_case(lambda: "three", case, exercise).message == "cannot read the answer 'three'"
    assert run_case(lambda: [2.0], case, exercise).message == "returned a list; use an array"
    # a wrong value in the wrong form: the engine's diagnosis comes first
    assert "values differ" in run_case(lambda: [3.0], case, exercise).message


def test_exact_boolean_dtype():
    exercise = Exercise(name="mask", dtype="bool")
    case = Case("mask", (IMAGE,), IMAGE > 5)
    assert run_case(lambda x: x > 5, case, exercise).passed
    assert "dtype is float64" in run_case(lambda x: (x > 5).astype(float), case, exercise).message
