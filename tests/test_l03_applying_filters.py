"""Lesson 3: the reference, the value checks, and the detector of Python loops over pixels."""

import numpy as np
import pytest
import scipy.fft
import scipy.ndimage
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.checks import l03_applying_filters as checks
from autograder.feedback import run_cases
from autograder.reference import l03_applying_filters as ref
from course.timing import loop_correlate2d

# ---------------------------------------------------------------- reference


def test_hand_examples_agree_with_scipy():
    assert np.array_equal(
        scipy.signal.correlate2d(checks.HAND_IMAGE, checks.HAND_KERNEL, "valid"),
        checks.HAND_OUTPUT,
    )
    uint8_sum = scipy.signal.correlate2d(
        checks.HAND_UINT8_IMAGE.astype(float), checks.HAND_UINT8_KERNEL.astype(float), "valid"
    )
    assert np.array_equal(uint8_sum, checks.HAND_UINT8_OUTPUT)
    assert checks.HAND_UINT8_OUTPUT.max() > 255  # the case really overflows uint8


def test_reference_on_a_tiny_example_by_hand():
    assert ref.apply_filter([[1, 2], [3, 4]], [[1, 0], [0, 1]]).tolist() == [[5.0]]  # 1 + 4
    assert ref.apply_filter([[1, 2, 3]], [[1, -1]]).tolist() == [[-1.0, -1.0]]  # no flip
    out = ref.apply_filter(np.full((4, 4), 200, dtype=np.uint8), np.ones((3, 3), dtype=np.uint8))
    assert out.dtype == float and np.all(out == 1800)


@pytest.mark.parametrize(
    ("image", "kernel", "error", "message"),
    [
        (np.ones(5), np.ones((2, 2)), ValueError, r"image must be 2-D, got shape \(5,\)"),
        (np.ones((2, 2)), np.ones((3, 1)), ValueError, "larger than the image"),
        (np.array([["a"]]), np.ones((1, 1)), TypeError, "numeric"),
    ],
)
def test_reference_rejects_bad_input_clearly(image, kernel, error, message):
    with pytest.raises(error, match=message):
        ref.apply_filter(image, kernel)


# ---------------------------------------------------------------- implementations


def einsum_filter(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return np.einsum("ijkl,kl->ij", sliding_window_view(image, kernel.shape), kernel)


def tensordot_filter(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return np.tensordot(sliding_window_view(image, kernel.shape), kernel, axes=2)


def taps_filter(image, kernel):
    """Right and vectorized over pixels: a Python loop over the kernel's few weights only."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h, out_w = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((out_h, out_w))
    for k in range(kh):
        for m in range(kw):
            out += kernel[k, m] * image[k : k + out_h, m : m + out_w]
    return out


def fft_filter(image, kernel):
    """Right, computed through the Fourier transform."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    shape = (image.shape[0] + kernel.shape[0] - 1, image.shape[1] + kernel.shape[1] - 1)
    full = scipy.fft.irfft2(
        scipy.fft.rfft2(image, s=shape) * scipy.fft.rfft2(kernel[::-1, ::-1], s=shape), s=shape
    )
    kh, kw = kernel.shape
    return full[kh - 1 : image.shape[0], kw - 1 : image.shape[1]]


def row_loop_filter(image, kernel):
    """Right, but a Python loop over the output's rows."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh = kernel.shape[0]
    rows = [
        np.einsum("jkl,kl->j", sliding_window_view(image[i : i + kh], kernel.shape)[0], kernel)
        for i in range(image.shape[0] - kh + 1)
    ]
    return np.array(rows)


def comprehension_filter(image, kernel):
    """Right, but one Python step per pixel, hidden in a comprehension."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    windows = sliding_window_view(image, kernel.shape)
    return np.array([[np.sum(w * kernel) for w in row] for row in windows])


def vectorize_filter(image, kernel):
    """Right, but np.vectorize calls a Python function once per pixel."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    i, j = np.indices((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    one = np.vectorize(lambda a, b: np.sum(image[a : a + kh, b : b + kw] * kernel))
    return one(i, j)


def uint8_einsum(image, kernel):
    """Forgets to convert to float: uint8 times uint8 stays uint8 and wraps around."""
    return np.einsum("ijkl,kl->ij", sliding_window_view(image, np.shape(kernel)), kernel)


def messages(func, cases=None):
    cases = cases if cases is not None else checks.apply_filter_cases(seed=3)
    return {o.message for o in run_cases(func, cases, checks.APPLY_FILTER) if not o.passed}


@pytest.mark.parametrize(
    "func", [einsum_filter, tensordot_filter, taps_filter, fft_filter, ref.apply_filter]
)
def test_right_vectorized_filters_pass_everything(func):
    assert messages(func) == set()
    assert checks.vectorized_outcome(func).passed
    checks.assert_apply_filter_vectorized(func)


@pytest.mark.parametrize(
    "func", [loop_correlate2d, row_loop_filter, comprehension_filter, vectorize_filter]
)
def test_loops_over_pixels_are_detected(func):
    assert messages(func) == set()  # the values are right ...
    outcome = checks.vectorized_outcome(func)  # ... but it loops
    assert not outcome.passed
    assert "this works but loops over pixels in Python; vectorize it" in outcome.message
    with pytest.raises(AssertionError, match="loops over pixels in Python; vectorize it"):
        checks.assert_apply_filter_vectorized(func)


def test_step_count_grows_with_the_image_only_for_loops():
    kernel = np.ones((3, 3))
    small, large = np.ones((8, 8)), np.ones((40, 40))
    for func in (einsum_filter, taps_filter):
        assert checks.python_steps(func, large, kernel) == checks.python_steps(func, small, kernel)
    pixels_added = 38 * 38 - 6 * 6
    grown = checks.python_steps(loop_correlate2d, large, kernel) - checks.python_steps(
        loop_correlate2d, small, kernel
    )
    assert grown >= pixels_added


def test_tracing_leaves_existing_tracers_in_place():
    import sys

    def tracer(frame, event, arg):
        return None

    sys.settrace(tracer)
    try:
        checks.python_steps(einsum_filter, np.ones((5, 5)), np.ones((2, 2)))
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)
    assert sys.getprofile() is None


def _kernel_transposed_in_einsum(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    return np.einsum("ijkl,lk->ij", sliding_window_view(image, kernel.shape[::-1]), kernel)


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i, k: einsum_filter(i, np.asarray(k)[::-1, ::-1]), "you flipped the kernel"),
        (lambda i, k: einsum_filter(i, k).T, "transposed"),
        (_kernel_transposed_in_einsum, "'ijkl,lk->ij'"),
        (lambda i, k: einsum_filter(i, k) / np.size(k), "you averaged the products"),
        (lambda i, k: scipy.signal.correlate2d(i, k, "full"), "'full' size"),
        (lambda i, k: scipy.signal.correlate2d(i, k, "same"), "'same' mode"),
        (
            lambda i, k: scipy.ndimage.correlate(np.asarray(i, float), np.asarray(k, float)),
            "like scipy.ndimage.correlate",
        ),
        (lambda i, k: einsum_filter(i, k)[:-1, :-1], "one row and one column too small"),
        (uint8_einsum, "integer overflow"),
        (lambda i, k: None, "forget the `return`"),
    ],
)
def test_wrong_filters_are_named(wrong, expected):
    found = messages(wrong)
    assert any(expected in message for message in found), found


def test_assert_functions_pass_right_and_fail_wrong():
    checks.assert_apply_filter_hand(einsum_filter)
    checks.assert_apply_filter_random(einsum_filter, seed=11)
    with pytest.raises(AssertionError, match="integer overflow"):
        checks.assert_apply_filter_hand(uint8_einsum)
    with pytest.raises(AssertionError, match="flipped"):
        checks.assert_apply_filter_random(
            lambda i, k: einsum_filter(i, np.asarray(k)[::-1, ::-1]), 11
        )
    with pytest.raises(AssertionError, match="transposed"):
        checks.assert_apply_filter_vectorized(lambda i, k: einsum_filter(i, k).T)


def test_unimplemented_stub_raises_not_implemented_in_graded_cells():
    def stub(image, kernel):
        raise NotImplementedError()

    for assertion in (checks.assert_apply_filter_hand, checks.assert_apply_filter_vectorized):
        with pytest.raises(NotImplementedError):
            assertion(stub)


def test_hidden_cases_depend_on_the_seed():
    first = checks.random_cases(1)[-1].args[0]
    second = checks.random_cases(2)[-1].args[0]
    assert not np.array_equal(first, second) or first.shape != second.shape
    assert np.array_equal(first, checks.random_cases(1)[-1].args[0])
    crops = [case.args[0] for case in checks.photo_cases(1) + checks.photo_cases(2)]
    assert not np.array_equal(crops[0], crops[3])


def test_visible_check_prints_the_cause(capsys):
    checks.check_apply_filter(loop_correlate2d)
    printed = capsys.readouterr().out
    assert "this works but loops over pixels in Python; vectorize it" in printed
    assert len(printed.splitlines()) < 8
    checks.check_apply_filter(einsum_filter)
    assert "all 14 checks passed" in capsys.readouterr().out
