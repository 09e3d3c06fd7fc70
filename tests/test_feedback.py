"""The check engine: each cause of failure is named, and right answers pass."""

import numpy as np
import pytest

from autograder.feedback import (
    Case,
    Exercise,
    ExerciseNotWritten,
    Misconception,
    Raises,
    check,
    diagnose,
    require,
    run_case,
    run_cases,
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
    assert "clip" not in result.message  # the reference keeps 400: clipping is no fix here


def test_clipping_is_advised_only_where_the_integer_dtype_is_promised():
    image = np.array([[100, 200]], dtype=np.uint8)
    case = Case("bright pixels", (image,), 2.0 * image.astype(float))
    promised = Exercise(name="double", dtype="uint8")
    result = run_case(lambda x: x * 2, case, promised)
    assert "compute in float, then clip" in result.message


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


def test_jupyter_shows_an_unfinished_exercise_in_one_line(capsys):
    """IPython displays the one line of ``_render_traceback_`` instead of a traceback through
    autograder/feedback.py; the exception's message, which the grader reads, still names the
    cause."""
    from IPython.core.interactiveshell import InteractiveShell

    def stub(x):
        raise NotImplementedError()

    shell = InteractiveShell.instance()
    shell.user_ns.update(require=require, stub=stub, CASE=CASE, DOUBLE=DOUBLE)
    result = shell.run_cell("require(stub, [CASE], DOUBLE)")
    shown = capsys.readouterr().out.strip()
    assert shown == "double is not written yet: fill in its cell above, then run this check again."
    assert isinstance(result.error_in_exec, NotImplementedError)
    assert "double is not implemented yet" in str(result.error_in_exec)


def test_an_unfinished_exercise_survives_pickling():
    """A worker process hands the error over pickled: both texts must arrive."""
    import pickle

    error = ExerciseNotWritten("for the grader", "for the learner")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy._render_traceback_()) == (
        ExerciseNotWritten,
        "for the grader",
        ["for the learner"],
    )


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


# ---------------------------------------------------------------- the learner's own line


def _pad_too_far(x):
    from numpy.lib.stride_tricks import sliding_window_view

    # numpy raises inside its own code; the learner's line is this one:
    windows = sliding_window_view(x, (10, 10))
    return windows.sum()


def _scipy_bad_mode(x):
    import scipy.signal

    # scipy raises inside its own code; the learner's line is this one:
    return scipy.signal.correlate2d(x, x[:2, :2], mode="sideways")


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (_pad_too_far, "windows = sliding_window_view(x, (10, 10))"),
        (_scipy_bad_mode, 'return scipy.signal.correlate2d(x, x[:2, :2], mode="sideways")'),
    ],
)
def test_an_error_inside_numpy_or_scipy_points_at_the_learner_s_line(func, line):
    message = outcome_of(func).message
    assert message.startswith("raised ValueError")
    assert message.endswith(f"(at `{line}`)"), message
    assert "raise ValueError" not in message  # numpy's or scipy's own line


def test_a_notebook_cell_s_line_is_the_learner_s():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell(
        "import numpy as np\n"
        "def from_a_cell(x):\n"
        "    return np.reshape(x, (5, 5))  # the cell's line\n"
    )
    message = outcome_of(shell.user_ns["from_a_cell"]).message
    assert message.startswith("raised ValueError: cannot reshape"), message
    assert message.endswith("(at `return np.reshape(x, (5, 5))  # the cell's line`)")


def test_no_line_is_shown_when_the_learner_s_code_has_none():
    # The error is raised by a lesson's wrapper after the learner's function returned.
    from autograder.checks.l02_filters import FLAT_RESPONSE

    case = Case("flat", (np.ones((3, 3)), 0.5), 4.5)
    message = run_case(lambda kernel, value: kernel, case, FLAT_RESPONSE).message
    assert message.startswith("raised TypeError: flat_response returned an array of shape")
    assert "(at `" not in message


# ---------------------------------------------------------------- the float32 policy


def test_a_right_float32_correlation_passes_every_check():
    from autograder.checks import l01_convolution as lesson1
    from course.timing import loop_correlate2d

    def float32_correlate2d(image, kernel):
        return loop_correlate2d(image, kernel).astype(np.float32)

    def computed_in_float32(image, kernel):
        image = np.asarray(image, dtype=np.float32)
        kernel = np.asarray(kernel, dtype=np.float32)
        kh, kw = kernel.shape
        out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1), dtype=np.float32)
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
        return out

    for func in (float32_correlate2d, computed_in_float32):
        for seed in (0, 1, 2):
            outcomes = run_cases(func, lesson1.correlate2d_cases(seed), lesson1.CORRELATE2D)
            assert [o.message for o in outcomes if not o.passed] == []
        lesson1.assert_correlate2d_random(func, seed=5)


def test_a_float32_mistake_is_still_named():
    from autograder.checks import l01_convolution as lesson1

    def flipped_in_float32(image, kernel):
        flipped = np.asarray(kernel, dtype=np.float32)[::-1, ::-1]
        return lesson1.ref.correlate2d(image, flipped).astype(np.float32)

    found = {
        o.message
        for o in run_cases(flipped_in_float32, lesson1.correlate2d_cases(), lesson1.CORRELATE2D)
    }
    assert any("you flipped the kernel" in message for message in found), found


def test_float32_tolerance_is_float32_s_not_looser():
    case = Case("values near 1", (IMAGE,), np.full((3, 4), 1.0))
    exercise = Exercise(name="ones")
    off_by_1e6 = np.full((3, 4), 1.0 + 1e-6, dtype=np.float32)  # float32 rounding at most
    assert run_case(lambda x: off_by_1e6, case, exercise).passed
    off_by_1e3 = np.full((3, 4), 1.001, dtype=np.float32)  # no rounding error is this large
    assert "values differ" in run_case(lambda x: off_by_1e3, case, exercise).message
    # in float64 the exercise's own tolerance holds
    assert not run_case(lambda x: off_by_1e6.astype(np.float64), case, exercise).passed


def test_float32_answers_near_zero_use_the_scale_of_the_values():
    # An edge detector on a flat image: exactly 0 in float64, rounding noise in float32.
    values = np.array([[0.0, 2.0], [-2.0, 0.0]])
    case = Case("flat parts", (IMAGE,), values)
    noisy = (values + np.array([[3e-8, 0], [0, -5e-8]])).astype(np.float32)
    assert run_case(lambda x: noisy, case, Exercise(name="edges")).passed


def test_an_exact_dtype_keeps_the_exercise_s_tolerance():
    exercise = Exercise(name="exact", dtype="float32")
    case = Case("values near 1", (IMAGE,), np.full((3, 4), 1.0))
    off = np.full((3, 4), 1.0 + 1e-5, dtype=np.float32)
    assert not run_case(lambda x: off, case, exercise).passed


def test_float16_is_named_as_too_coarse():
    case = Case("thirds", (IMAGE,), IMAGE / 3)
    message = run_case(lambda x: (x / 3).astype(np.float16), case, Exercise(name="thirds")).message
    assert message.startswith("your result is float16") and "compute in float64" in message


# ---------------------------------------------------------------- shared messages, factories


def test_shared_messages_fill_their_fields():
    from autograder.feedback import MESSAGES, mistake, say

    assert say("full size") == (
        "your output has the 'full' size (H + kh - 1, W + kw - 1); "
        "'valid' keeps only windows that fit inside the image"
    )
    assert say("flipped kernel", kernel="the kernels").startswith("you flipped the kernels:")
    for key in MESSAGES:
        assert "{" not in say(key), key  # every field has a default
    assert mistake("one short", np.abs).message == say("one short")
    with pytest.raises(KeyError, match="no shared message 'flipped'"):
        say("flipped")
    with pytest.raises(KeyError, match="unknown field"):
        say("full size", outptu="your map has")


def test_factories_build_a_check_and_assertions_from_one_description(capsys):
    import inspect

    from autograder.feedback import Outcome, graded_assertion, visible_check

    def cases(seed: int, count: int = 2) -> list[Case]:
        rng = np.random.default_rng(seed)
        return [Case(f"random {i}", (x,), 2 * x) for i, x in enumerate(rng.random((count, 3)))]

    check_double = visible_check(DOUBLE, lambda: cases(0))
    assert_double_random = graded_assertion(DOUBLE, cases, "random")
    assert check_double.__name__ == "check_double" and check_double.exercise is DOUBLE
    assert str(inspect.signature(assert_double_random)) == "(func, seed: int, count: int = 2)"

    check_double(lambda x: 3 * x)
    assert "0 of 2 checks passed" in capsys.readouterr().out
    assert_double_random(lambda x: 2 * x, seed=4, count=3)
    with pytest.raises(AssertionError, match="double, random 0: you tripled it"):
        assert_double_random(lambda x: 3 * x, 4)

    # `then` judges the function once more, only when every case passed
    slow = Outcome("fast enough", False, "too slow")
    check_then = visible_check(DOUBLE, lambda: cases(0), then=lambda func: slow)
    check_then(lambda x: 2 * x)
    assert "too slow" in capsys.readouterr().out
    check_then(lambda x: 3 * x)
    assert "too slow" not in capsys.readouterr().out
    with pytest.raises(AssertionError, match="double, fast enough: too slow"):
        graded_assertion(DOUBLE, cases, then=lambda func: slow)(lambda x: 2 * x, 1)


def test_a_note_is_said_whatever_the_verdict_and_outside_the_count(capsys):
    from autograder.feedback import graded_assertion, visible_check

    def cases():
        return [Case("one", (np.ones(3),), 2 * np.ones(3))]

    def by_the_key(x):
        return 2 * x

    def by_the_key_tripled(x):
        return 3 * x

    def by_the_key_unimplemented(x):
        raise NotImplementedError()

    def by_hand(x):
        return x + x

    def note(func):
        return "you called the answer key" if func.__name__.startswith("by_the_key") else None

    check_note = visible_check(DOUBLE, cases, note=note)
    check_note(by_the_key)
    printed = capsys.readouterr().out
    assert "all 1 checks passed" in printed and "✗ you called the answer key" in printed
    check_note(by_the_key_tripled)
    printed = capsys.readouterr().out
    assert "0 of 1 checks passed" in printed and "you called the answer key" in printed
    check_note(by_hand)
    assert "answer key" not in capsys.readouterr().out
    check_note(by_the_key_unimplemented)
    assert "answer key" not in capsys.readouterr().out  # only "not implemented yet"

    assert_note = graded_assertion(DOUBLE, cases, "hand", note=note)
    assert_note(by_hand)
    with pytest.raises(AssertionError, match="^you called the answer key$"):
        assert_note(by_the_key)
    with pytest.raises(AssertionError, match="you tripled it"):
        assert_note(by_the_key_tripled)


def test_prepare_wraps_the_learner_s_function():
    def one_number(func):
        def wrapper(x):
            result = func(x)
            if np.ndim(result):
                raise TypeError("return one number")
            return result

        return wrapper

    exercise = Exercise(name="total", prepare=one_number)
    case = Case("sum", (IMAGE,), float(IMAGE.sum()))
    assert run_case(lambda x: x.sum(), case, exercise).passed
    assert run_case(lambda x: x, case, exercise).message.startswith(
        "raised TypeError: return one number"
    )


def test_the_count_of_differing_entries_uses_the_engine_s_tolerance():
    # A difference of 1e-6 fails the default rtol of 1e-7 but passes np.isclose's defaults:
    # the message must not say "0 of 12 entries".
    off = 2 * IMAGE.copy()
    off[2, 3] *= 1 + 1e-6
    message = outcome_of(lambda x: off).message
    assert "in 1 of 12 entries" in message and "(2, 3)" in message
