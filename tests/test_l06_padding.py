"""Lesson 6: references, the np.pad watch, and the checks' verdicts on right and wrong code."""

import sys

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal

from autograder.checks import l06_padding as checks
from autograder.feedback import run_cases
from autograder.reference import l06_padding as ref

MODES = ("constant", "edge", "reflect", "symmetric", "wrap")

# ---------------------------------------------------------------- references


def test_hand_padding_agrees_with_numpy():
    for mode, expected in checks.HAND_PADDED.items():
        extra = {"constant_values": checks.HAND_VALUE} if mode == "constant" else {}
        assert np.array_equal(
            np.pad(checks.HAND_IMAGE, checks.HAND_PAD, mode=mode, **extra), expected
        )


def test_hand_same_examples_agree_with_scipy():
    for _, kernel, boundary, expected in checks.SAME_HAND:
        got = scipy.signal.correlate2d(checks.SAME_IMAGE, kernel, mode="same", boundary=boundary)
        assert np.array_equal(got, expected)


def test_reference_pad_on_a_tiny_example_by_hand():
    # A single row [1, 2, 3] padded by one column on each side, in each mode.
    row = [[1, 2, 3]]
    widths = ((0, 0), (1, 1))
    assert ref.pad_image(row, widths, "constant", 7).tolist() == [[7, 1, 2, 3, 7]]
    assert ref.pad_image(row, widths, "edge").tolist() == [[1, 1, 2, 3, 3]]
    assert ref.pad_image(row, widths, "reflect").tolist() == [[2, 1, 2, 3, 2]]
    assert ref.pad_image(row, widths, "symmetric").tolist() == [[1, 1, 2, 3, 3]]
    assert ref.pad_image(row, widths, "wrap").tolist() == [[3, 1, 2, 3, 1]]


@pytest.mark.parametrize("mode", MODES)
def test_reference_pad_equals_numpy_on_random_input(mode):
    rng = np.random.default_rng(0)
    for _ in range(5):
        image = rng.normal(size=tuple(rng.integers(1, 7, size=2)))
        widths = tuple(tuple(int(v) for v in rng.integers(0, 12, size=2)) for _ in range(2))
        extra = {"constant_values": 1.5} if mode == "constant" else {}
        assert np.array_equal(
            ref.pad_image(image, widths, mode, 1.5), np.pad(image, widths, mode=mode, **extra)
        )


@pytest.mark.parametrize(
    ("pad", "widths"),
    [
        (2, ((2, 2), (2, 2))),
        (0, ((0, 0), (0, 0))),
        (np.int64(3), ((3, 3), (3, 3))),
        (((1, 2), (3, 4)), ((1, 2), (3, 4))),
        ([[0, 1], [2, 0]], ((0, 1), (2, 0))),
        (np.array([[1, 1], [0, 5]]), ((1, 1), (0, 5))),
    ],
)
def test_pad_widths_accepts_an_int_or_a_pair_of_pairs(pad, widths):
    assert ref.pad_widths(pad) == widths


@pytest.mark.parametrize(
    ("pad", "error", "message"),
    [
        (-1, ValueError, "at least 0"),
        (((1, 2), (0, -3)), ValueError, "at least 0"),
        ((1, 2), ValueError, r"an int or \(\(top, bottom\), \(left, right\)\)"),
        (((1, 2, 3), (0, 0)), ValueError, r"\(\(top, bottom\), \(left, right\)\)"),
        (((1, 2),), ValueError, r"\(\(top, bottom\), \(left, right\)\)"),
        (1.5, TypeError, "pad must be an int"),
        ("2", TypeError, "pad must be an int"),
        (True, TypeError, "pad must be an int"),
        (((1, 2.5), (0, 0)), TypeError, "integers"),
    ],
)
def test_pad_widths_rejects_bad_pads_clearly(pad, error, message):
    with pytest.raises(error, match=message):
        ref.pad_widths(pad)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"image": np.ones(4), "pad": 1}, ValueError, r"image must be 2-D, got shape \(4,\)"),
        ({"image": np.ones((3, 3)), "pad": 1, "mode": "mirror"}, ValueError, "mode must be one of"),
        ({"image": np.ones((3, 3)), "pad": 1, "mode": None}, ValueError, "mode must be one of"),
        ({"image": np.ones((3, 3)), "pad": 1, "value": "a"}, TypeError, "value must be a real"),
        ({"image": np.ones((3, 3)), "pad": 1, "value": np.inf}, ValueError, "finite"),
        ({"image": np.ones((0, 3)), "pad": 1}, ValueError, "must not be empty"),
    ],
)
def test_reference_pad_rejects_bad_input_clearly(kwargs, error, message):
    with pytest.raises(error, match=message):
        ref.pad_image(**kwargs)


@pytest.mark.parametrize("boundary", ["fill", "symm", "wrap"])
@pytest.mark.parametrize("kernel_shape", [(1, 1), (2, 2), (3, 4), (4, 1), (5, 3), (6, 7)])
def test_reference_same_equals_scipy_and_the_padding_rule(boundary, kernel_shape):
    rng = np.random.default_rng(1)
    image = rng.normal(size=(5, 6))
    kernel = rng.normal(size=kernel_shape)
    expected = scipy.signal.correlate2d(
        image, kernel, mode="same", boundary=boundary, fillvalue=0.25
    )
    assert np.allclose(ref.correlate2d_same(image, kernel, boundary, 0.25), expected)
    # The rule the lesson teaches: pad (k - 1) // 2 before and k // 2 after, then 'valid'.
    # It holds even for kernels larger than the image (6x7 here).
    mode = ref.BOUNDARY_TO_MODE[boundary]
    extra = {"constant_values": 0.25} if mode == "constant" else {}
    padded = np.pad(image, ref.same_pad_widths(kernel_shape), mode=mode, **extra)
    assert np.allclose(scipy.signal.correlate2d(padded, kernel, mode="valid"), expected)


def test_scipy_ndimage_and_signal_correlate_use_the_other_side_for_even_kernels():
    # The lesson's claim, and the rule behind the "wrong side" misconception.
    rng = np.random.default_rng(2)
    image = rng.normal(size=(6, 7))
    kernel = rng.normal(size=(2, 4))
    other_side = np.pad(image, checks._wrong_side(2, 4))
    wrong = scipy.signal.correlate2d(other_side, kernel, mode="valid")
    assert np.allclose(scipy.ndimage.correlate(image, kernel, mode="constant"), wrong)
    assert np.allclose(scipy.signal.correlate(image, kernel, mode="same"), wrong)
    assert not np.allclose(scipy.signal.correlate2d(image, kernel, mode="same"), wrong)


def test_library_mode_names_in_the_lesson_table():
    # numpy 'symmetric' = ndimage 'reflect', numpy 'reflect' = ndimage 'mirror', and so on.
    image = np.random.default_rng(3).normal(size=(6, 5))
    kernel = np.random.default_rng(4).normal(size=(3, 3))
    pairs = {"symmetric": "reflect", "reflect": "mirror", "edge": "nearest", "wrap": "wrap"}
    for numpy_mode, ndimage_mode in pairs.items():
        padded = np.pad(image, 1, mode=numpy_mode)
        assert np.allclose(
            scipy.ndimage.correlate(image, kernel, mode=ndimage_mode),
            scipy.signal.correlate2d(padded, kernel, mode="valid"),
        ), numpy_mode


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.ones((3, 3)), np.ones((2, 2))), {"boundary": "reflect"}, ValueError, "boundary"),
        ((np.ones((3, 3)), np.ones((2, 2))), {"boundary": "symmetric"}, ValueError, "boundary"),
        ((np.ones((3, 3)), np.ones(2)), {}, ValueError, r"kernel must be 2-D"),
        ((np.ones((3, 3, 3)), np.ones((2, 2))), {}, ValueError, r"image must be 2-D"),
        ((np.ones((3, 3)), np.ones((2, 2))), {"fillvalue": "x"}, TypeError, "fillvalue"),
    ],
)
def test_reference_same_rejects_bad_input_clearly(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        ref.correlate2d_same(*args, **kwargs)


# ---------------------------------------------------------------- right implementations


def _widths(pad):
    if isinstance(pad, (int, np.integer)):
        return (pad, pad), (pad, pad)
    (top, bottom), (left, right) = pad
    return (top, bottom), (left, right)


def _validated(image, pad, mode):
    image = np.asarray(image, dtype=float)
    if image.ndim != 2:
        raise ValueError("image must be 2-D")
    if mode not in MODES:
        raise ValueError("unknown mode")
    widths = _widths(pad)
    if min(min(pair) for pair in widths) < 0:
        raise ValueError("negative pad")
    return image, widths


def _fold(i, n, mode):
    """Source index by modulo arithmetic."""
    if mode == "edge":
        return np.clip(i, 0, n - 1)
    if mode == "wrap":
        return i % n
    if mode == "symmetric":
        i = i % (2 * n)
        return np.where(i < n, i, 2 * n - 1 - i)
    if n == 1:
        return np.zeros_like(i)
    i = i % (2 * n - 2)
    return np.where(i < n, i, 2 * n - 2 - i)


def index_pad(image, pad, mode="constant", value=0):
    """Right: index arrays built by modulo arithmetic, combined with np.ix_."""
    image, ((top, bottom), (left, right)) = _validated(image, pad, mode)
    height, width = image.shape
    if mode == "constant":
        out = np.full((height + top + bottom, width + left + right), float(value))
        out[top : top + height, left : left + width] = image
        return out
    rows = _fold(np.arange(-top, height + bottom), height, mode)
    cols = _fold(np.arange(-left, width + right), width, mode)
    return image[np.ix_(rows, cols)]


def _bounce(i, n, mode):
    """Source index by bouncing off the edges one reflection at a time (no modulo)."""
    if mode == "edge":
        return min(max(i, 0), n - 1)
    while not 0 <= i < n:
        if mode == "wrap":
            i = i + n if i < 0 else i - n
        elif mode == "symmetric":
            i = -1 - i if i < 0 else 2 * n - 1 - i
        elif n == 1:
            i = 0
        else:
            i = -i if i < 0 else 2 * (n - 1) - i
    return i


def loop_pad(image, pad, mode="constant", value=0):
    """Right, computed another way: one pixel at a time, with bounced indices."""
    image, ((top, bottom), (left, right)) = _validated(image, pad, mode)
    height, width = image.shape
    out = np.empty((height + top + bottom, width + left + right))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            i, j = r - top, c - left
            if mode == "constant" and not (0 <= i < height and 0 <= j < width):
                out[r, c] = value
            elif mode == "constant":
                out[r, c] = image[i, j]
            else:
                out[r, c] = image[_bounce(i, height, mode), _bounce(j, width, mode)]
    return out


def pad_messages(func, cases):
    return {o.message for o in checks.pad_image_outcomes(func, cases) if not o.passed}


PAD_CASES = (
    checks.pad_hand_cases()
    + checks.pad_random_cases(seed=3, count=15)
    + checks.pad_wide_cases()
    + checks.pad_error_cases(hidden=True)
)


@pytest.mark.parametrize("func", [index_pad, loop_pad])
def test_right_paddings_pass(func):
    assert pad_messages(func, PAD_CASES) == set()


def test_bounce_and_fold_agree_with_numpy_for_wide_borders():
    for n in range(1, 7):
        row = np.arange(n, dtype=float) + 1
        for mode in MODES[1:]:
            expected = np.pad(row, (13, 17), mode=mode)
            folded = row[_fold(np.arange(-13, n + 17), n, mode)]
            bounced = row[[_bounce(i, n, mode) for i in range(-13, n + 17)]]
            assert np.array_equal(folded, expected) and np.array_equal(bounced, expected)


# ---------------------------------------------------------------- the np.pad watch


def np_pad_directly(image, pad, mode="constant", value=0):
    extra = {"constant_values": value} if mode == "constant" else {}
    return np.pad(np.asarray(image, float), pad, mode=mode, **extra)


def _make_alias_user():
    from numpy import pad as numpy_pad  # an alias the attribute swap cannot see

    def alias_pad(image, pad, mode="constant", value=0):
        extra = {"constant_values": value} if mode == "constant" else {}
        return numpy_pad(np.asarray(image, float), pad, mode=mode, **extra)

    return alias_pad


def _library_helper(image, pad, mode, value):
    """Stands for another library that pads with np.pad internally."""
    return np_pad_directly(image, pad, mode, value)


def through_a_library(image, pad, mode="constant", value=0):
    return _library_helper(image, pad, mode, value)


def only_checks_with_np_pad(image, pad, mode="constant", value=0):
    """Uses np.pad only to validate, swallowing its error, then pads correctly."""
    try:
        np.pad(np.zeros((1, 1)), 0)
    except Exception:
        pass
    return index_pad(image, pad, mode, value)


def np_pad_for_errors(image, pad, mode="constant", value=0):
    """Lets np.pad raise the ValueError for bad input, pads by indexing otherwise."""
    if mode not in MODES or np.ndim(image) != 2 or np.min(_widths(pad)) < 0:
        np.pad(np.asarray(image, float), pad, mode=mode)
    return index_pad(image, pad, mode, value)


@pytest.mark.parametrize(
    "func",
    [
        np_pad_directly,
        _make_alias_user(),
        through_a_library,
        only_checks_with_np_pad,
        ref.pad_image,
    ],
)
def test_a_solution_calling_np_pad_is_refused(func):
    outcomes = checks.pad_image_outcomes(func, checks.pad_hand_cases())
    assert [o.message for o in outcomes] == [checks.NO_NP_PAD] * len(outcomes)
    with pytest.raises(AssertionError, match=checks.NO_NP_PAD):
        checks.assert_pad_image_hand(func)


def test_np_pad_raising_for_bad_input_does_not_count_as_validation():
    outcomes = checks.pad_image_outcomes(np_pad_for_errors, checks.pad_error_cases(hidden=True))
    messages = {o.message for o in outcomes}
    assert checks.NO_NP_PAD in messages
    # The valid cases never call np.pad here, so they pass.
    assert checks.pad_image_outcomes(np_pad_for_errors, checks.pad_hand_cases())[0].passed


def test_the_watch_restores_numpy_and_the_profiler():
    real, profile = np.pad, sys.getprofile()
    namespace = {"pad": np.pad}
    calls = []
    with pytest.raises(RuntimeError):
        with checks._watching_np_pad(calls, namespace):
            assert np.pad is not real and namespace["pad"] is not real
            np.pad(np.ones(2), 1)
            raise RuntimeError("the learner's code failed")
    assert np.pad is real and namespace["pad"] is real
    assert sys.getprofile() is profile
    assert calls


def test_a_stub_still_reports_not_implemented():
    def stub(image, pad, mode="constant", value=0):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError, match="not implemented yet"):
        checks.assert_pad_image_hand(stub)


# ---------------------------------------------------------------- wrong paddings are named


def rearranged(rule):
    def wrong(image, pad, mode="constant", value=0):
        (t, b), (left, r) = _widths(pad)
        return index_pad(image, rule(t, b, left, r), mode, value)

    return wrong


def mode_swap(mapping):
    def wrong(image, pad, mode="constant", value=0):
        return index_pad(image, pad, mapping.get(mode, mode), value)

    return wrong


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (rearranged(lambda t, b, left, r: ((t, b), (0, 0))), "padded only the rows"),
        (rearranged(lambda t, b, left, r: ((0, 0), (left, r))), "padded only the columns"),
        (rearranged(lambda t, b, left, r: ((t, 0), (left, 0))), "only the top and the left"),
        (rearranged(lambda t, b, left, r: ((left, r), (t, b))), "swapped the pairs"),
        (rearranged(lambda t, b, left, r: ((b, t), (r, left))), "swapped before and after"),
        (rearranged(lambda t, b, left, r: ((t, left), (b, r))), "((top, left), (bottom, right))"),
        (lambda image, pad, mode="constant", value=0: index_pad(image, pad, mode, 0), "`value`"),
        (
            lambda image, pad, mode="constant", value=0: index_pad(image, pad, "constant", value),
            "you ignored `mode`",
        ),
        (mode_swap({"reflect": "symmetric"}), "you repeated it, which is 'symmetric'"),
        (mode_swap({"symmetric": "reflect"}), "you left it out, which is 'reflect'"),
        (mode_swap({"wrap": "reflect"}), "'wrap' copies pixels from the OPPOSITE side"),
        (mode_swap({"wrap": "symmetric"}), "'wrap' copies pixels from the OPPOSITE side"),
        (mode_swap({"reflect": "wrap", "symmetric": "wrap"}), "which is 'wrap'"),
        (mode_swap({"edge": "symmetric"}), "mode='edge' repeats the outermost pixel"),
        (lambda image, pad, mode="constant", value=0: None, "forget the `return`"),
    ],
)
def test_wrong_paddings_are_named(wrong, expected):
    found = pad_messages(wrong, PAD_CASES)
    assert any(expected in message for message in found), found


def test_missing_validation_is_reported():
    def unvalidated(image, pad, mode="constant", value=0):
        if mode not in MODES or (isinstance(pad, int) and pad < 0):
            return np.zeros((1, 1))
        return index_pad(image, pad, mode, value)

    found = pad_messages(unvalidated, checks.pad_error_cases())
    assert any("should raise ValueError" in message for message in found), found


# ---------------------------------------------------------------- correlate2d_same


def _validated_same(image, kernel, boundary):
    image, kernel = np.asarray(image, float), np.asarray(kernel, float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("2-D please")
    if boundary not in ("fill", "symm", "wrap"):
        raise ValueError("unknown boundary")
    return image, kernel


def ndimage_same(image, kernel, boundary="fill", fillvalue=0):
    """Right, by scipy.ndimage with its origin moved for even sides."""
    image, kernel = _validated_same(image, kernel, boundary)
    mode = {"fill": "constant", "symm": "reflect", "wrap": "wrap"}[boundary]
    origin = [-1 if side % 2 == 0 else 0 for side in kernel.shape]
    return scipy.ndimage.correlate(image, kernel, mode=mode, cval=fillvalue, origin=origin)


def loops_same(image, kernel, boundary="fill", fillvalue=0):
    """Right: loop_pad with scipy.signal.correlate2d's widths, then loops."""
    image, kernel = _validated_same(image, kernel, boundary)
    kh, kw = kernel.shape
    mode = {"fill": "constant", "symm": "symmetric", "wrap": "wrap"}[boundary]
    padded = loop_pad(image, (((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2)), mode, fillvalue)
    out = np.zeros(image.shape)
    for i in range(image.shape[0]):
        for j in range(image.shape[1]):
            out[i, j] = np.sum(padded[i : i + kh, j : j + kw] * kernel)
    return out


def same_messages(func, cases):
    return {o.message for o in run_cases(func, cases, checks.CORRELATE2D_SAME) if not o.passed}


SAME_CASES = (
    checks.same_hand_cases()
    + checks.same_odd_cases(seed=3)
    + checks.same_even_cases(seed=3)
    + checks.same_random_cases(seed=3, count=8)
    + checks.same_error_cases(hidden=True)
)


@pytest.mark.parametrize("func", [ndimage_same, loops_same, ref.correlate2d_same])
def test_right_same_correlations_pass(func):
    assert same_messages(func, SAME_CASES) == set()


def padded_then_valid(widths_rule, mode_for=None, flip=False, fill=None):
    def wrong(image, kernel, boundary="fill", fillvalue=0):
        image, kernel = _validated_same(image, kernel, boundary)
        mode = (mode_for or {"fill": "constant", "symm": "symmetric", "wrap": "wrap"})[boundary]
        value = fillvalue if fill is None else fill
        padded = loop_pad(image, widths_rule(*kernel.shape), mode, value)
        operation = scipy.signal.convolve2d if flip else scipy.signal.correlate2d
        return operation(padded, kernel, mode="valid")

    return wrong


def scipy_rule(kh, kw):
    return ((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2)


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (
            padded_then_valid(lambda kh, kw: ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2))),
            "centred the even kernel on the wrong side",
        ),
        (
            padded_then_valid(lambda kh, kw: ((kh // 2, kh // 2), (kw // 2, kw // 2))),
            "kh // 2 on both sides",
        ),
        (
            padded_then_valid(lambda kh, kw: ((0, kh - 1), (0, kw - 1))),
            "padding on one side only: you put all kh - 1 rows and kw - 1 columns after",
        ),
        (
            padded_then_valid(lambda kh, kw: ((kh - 1, 0), (kw - 1, 0))),
            "padding on one side only: you put all kh - 1 rows and kw - 1 columns before",
        ),
        (
            lambda i, k, boundary="fill", fillvalue=0: scipy.signal.convolve2d(
                i, k, "same", boundary, fillvalue
            ),
            "you flipped the kernel",
        ),
        (
            lambda i, k, boundary="fill", fillvalue=0: scipy.signal.correlate2d(i, k, "valid"),
            "did not pad",
        ),
        (
            lambda i, k, boundary="fill", fillvalue=0: scipy.signal.correlate2d(
                i, k, "full", boundary, fillvalue
            ),
            "'full' size",
        ),
        (
            padded_then_valid(lambda kh, kw: (((kh - 1) // 2, kh // 2), (0, 0))),
            "padded only the rows",
        ),
        (
            padded_then_valid(lambda kh, kw: ((0, 0), ((kw - 1) // 2, kw // 2))),
            "padded only the columns",
        ),
        (padded_then_valid(scipy_rule, fill=0), "ignored `fillvalue`"),
        (
            padded_then_valid(
                scipy_rule, {"fill": "constant", "symm": "constant", "wrap": "constant"}
            ),
            "ignored `boundary`",
        ),
        (
            padded_then_valid(scipy_rule, {"fill": "constant", "symm": "reflect", "wrap": "wrap"}),
            "numpy's 'reflect'",
        ),
        (
            padded_then_valid(
                scipy_rule, {"fill": "constant", "symm": "symmetric", "wrap": "symmetric"}
            ),
            "boundary='wrap' copies pixels from the opposite side",
        ),
        (
            padded_then_valid(scipy_rule, {"fill": "constant", "symm": "wrap", "wrap": "wrap"}),
            "which is 'wrap'",
        ),
    ],
)
def test_wrong_same_correlations_are_named(wrong, expected):
    found = same_messages(wrong, SAME_CASES)
    assert any(expected in message for message in found), found


def test_the_ndimage_convention_is_named_as_the_wrong_side():
    def ndimage_default(image, kernel, boundary="fill", fillvalue=0):
        image, kernel = _validated_same(image, kernel, boundary)
        mode = {"fill": "constant", "symm": "reflect", "wrap": "wrap"}[boundary]
        return scipy.ndimage.correlate(image, kernel, mode=mode, cval=fillvalue)

    found = same_messages(ndimage_default, SAME_CASES)
    assert found == {checks.CORRELATE2D_SAME.misconceptions[0].message}


# ---------------------------------------------------------------- graded asserts


def test_assert_functions_pass_right_and_fail_wrong():
    checks.assert_pad_image_hand(index_pad)
    checks.assert_pad_image_random(loop_pad, seed=11)
    checks.assert_pad_image_wide(index_pad)
    checks.assert_pad_image_errors(index_pad, hidden=True)
    with pytest.raises(AssertionError, match="repeated it"):
        checks.assert_pad_image_hand(mode_swap({"reflect": "symmetric"}))
    with pytest.raises(AssertionError, match="padded only the rows"):
        checks.assert_pad_image_random(rearranged(lambda t, b, left, r: ((t, b), (0, 0))), seed=11)
    with pytest.raises(AssertionError):
        checks.assert_pad_image_wide(
            lambda image, pad, mode="constant", value=0: index_pad(
                image, ((2, 2), (2, 2)), mode, value
            )
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_pad_image_errors(lambda image, pad, mode="constant", value=0: image)

    checks.assert_correlate2d_same_hand(loops_same)
    checks.assert_correlate2d_same_odd(ndimage_same, seed=11)
    checks.assert_correlate2d_same_even(ndimage_same, seed=11)
    checks.assert_correlate2d_same_random(loops_same, seed=11)
    checks.assert_correlate2d_same_errors(ndimage_same, hidden=True)
    wrong_side = padded_then_valid(
        lambda kh, kw: ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2))
    )
    checks.assert_correlate2d_same_odd(wrong_side, seed=11)  # odd kernels cannot tell
    with pytest.raises(AssertionError, match="wrong side"):
        checks.assert_correlate2d_same_even(wrong_side, seed=11)
    with pytest.raises(AssertionError, match="wrong side"):
        checks.assert_correlate2d_same_hand(wrong_side)
    with pytest.raises(AssertionError, match="wrong side"):
        checks.assert_correlate2d_same_random(wrong_side, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_correlate2d_same_errors(
            lambda i, k, boundary="fill", fillvalue=0: np.zeros((1, 1)), hidden=True
        )


def test_hidden_cases_depend_on_the_seed():
    for make in (
        lambda seed: checks.pad_random_cases(seed)[-2].args[0],
        lambda seed: checks.same_random_cases(seed)[-1].args[0],
        lambda seed: checks._same_random(seed, "correlate2d_same even", 8, "even")[-1].args[1],
    ):
        first, second, again = make(1), make(2), make(1)
        assert first.shape != second.shape or not np.array_equal(first, second)
        assert np.array_equal(first, again)


def test_even_cases_really_have_even_sides_and_odd_cases_odd():
    for case in checks._same_random(5, "correlate2d_same even", 8, "even"):
        assert all(side % 2 == 0 for side in case.args[1].shape)
    for case in checks._same_random(5, "correlate2d_same odd", 6, "odd"):
        assert all(side % 2 == 1 for side in case.args[1].shape)
    first_random = checks.same_random_cases(5)[0].args[1].shape
    assert any(side % 2 == 0 for side in first_random)


def test_visible_checks_print_the_cause(capsys):
    checks.check_pad_image(np_pad_directly)
    printed = capsys.readouterr().out
    assert checks.NO_NP_PAD in printed and len(printed.splitlines()) < 10
    checks.check_correlate2d_same(
        padded_then_valid(lambda kh, kw: ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2)))
    )
    printed = capsys.readouterr().out
    assert "wrong side" in printed and len(printed.splitlines()) < 10


def _lesson_cell_variable(cell_id: str, name: str):
    """The value of ``name = np.array(...)`` in the solution's cell ``cell_id``."""
    import ast
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "solutions/06-padding/06-padding.ipynb"
    (cell,) = [c for c in json.loads(path.read_text())["cells"] if c.get("id") == cell_id]
    for node in ast.walk(ast.parse("".join(cell["source"]))):
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [
            name
        ]:
            return np.array(ast.literal_eval(node.value.args[0]), dtype=float)
    raise AssertionError(f"no {name} = np.array(...) in cell {cell_id}")


def test_the_lessons_border_example_shows_the_border_effect():
    """Issue 15: the ramp [1, 2, 3, 4, 5] made ndimage's padded end -1 like every other value,
    so the border effect the cell is about was invisible. Each rule's border value must stand
    out from the values that the row's own neighbours give."""
    row = _lesson_cell_variable("cell-024", "row")
    pair = np.array([[1.0, -1.0]])
    signal_same = scipy.signal.correlate2d(row, pair, mode="same")[0]
    ndimage_same = scipy.ndimage.correlate(row, pair, mode="constant")[0]
    # left-minus-right differences of the row's own neighbours, no padding involved
    inside = set(np.round(row[0, :-1] - row[0, 1:], 9))
    assert signal_same[-1] not in inside and ndimage_same[0] not in inside
    assert np.argmin(signal_same) != np.argmin(ndimage_same)  # ... and the one-pixel shift shows
