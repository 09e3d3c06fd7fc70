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


# ---------------------------------------------------------------- im2col


def test_hand_columns_agree_with_the_windows():
    windows = sliding_window_view(checks.HAND_IMAGE, (2, 2))
    for p in range(6):
        assert np.array_equal(checks.HAND_COLUMNS[:, p], windows[p // 3, p % 3].ravel())
    assert np.array_equal(ref.im2col(checks.HAND_IMAGE, (2, 2)), checks.HAND_COLUMNS)
    # The kernel times the columns is the hand-worked output of apply_filter.
    product = checks.HAND_KERNEL.ravel() @ checks.HAND_COLUMNS
    assert np.array_equal(product.reshape(2, 3), checks.HAND_OUTPUT)


def im2col_loops(image, kernel_shape):
    """Right, the slow way: one column per window, filled in a double loop (as in CS231n)."""
    image = np.asarray(image, dtype=float)
    kh, kw = kernel_shape
    out_h, out_w = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    cols = np.zeros((kh * kw, out_h * out_w))
    for i in range(out_h):
        for j in range(out_w):
            cols[:, i * out_w + j] = image[i : i + kh, j : j + kw].ravel()
    return cols


def im2col_by_taps(image, kernel_shape):
    """Right and vectorized differently: one row of the matrix per kernel tap."""
    image = np.asarray(image, dtype=float)
    kh, kw = kernel_shape
    out_h, out_w = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    return np.stack(
        [image[m : m + out_h, n : n + out_w].ravel() for m in range(kh) for n in range(kw)]
    )


def im2col_views(image, kernel_shape):
    image = np.asarray(image, dtype=float)
    windows = sliding_window_view(image, tuple(kernel_shape))
    return windows.reshape(-1, int(np.prod(kernel_shape))).T


IM2COL_CASES = checks.im2col_hand_cases() + checks.im2col_random_cases(seed=3)


@pytest.mark.parametrize("func", [im2col_loops, im2col_by_taps, im2col_views, ref.im2col])
def test_right_im2cols_pass(func):
    assert messages_of(func, IM2COL_CASES, checks.IM2COL) == set()


def messages_of(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i, s: im2col_views(i, s).T, "you put each window in a row"),
        (
            lambda i, s: (
                np.swapaxes(sliding_window_view(np.asarray(i, float), tuple(s)), 2, 3)
                .reshape(-1, int(np.prod(s)))
                .T
            ),
            "flattened each window column by column",
        ),
        (
            lambda i, s: (
                np.swapaxes(sliding_window_view(np.asarray(i, float), tuple(s)), 0, 1)
                .reshape(-1, int(np.prod(s)))
                .T
            ),
            "your columns are in the wrong order",
        ),
        (lambda i, s: im2col_views(i, tuple(s)[::-1]), "windows of shape (kw, kh)"),
        (lambda i, s: sliding_window_view(np.asarray(i, float), tuple(s)), "4-D array"),
        (
            lambda i, s: im2col_views(np.asarray(i)[:-1, :-1], s),
            "you left out the last row and column of windows",
        ),
        (lambda i, s: im2col_views(i, s).astype(np.uint8), "integer"),
    ],
)
def test_wrong_im2cols_are_named(wrong, expected):
    found = messages_of(wrong, IM2COL_CASES, checks.IM2COL)
    assert any(expected in message for message in found), found


def test_im2col_asserts_pass_right_and_fail_wrong():
    checks.assert_im2col_hand(im2col_views)
    checks.assert_im2col_random(im2col_loops, seed=11)
    with pytest.raises(AssertionError, match="each window in a row"):
        checks.assert_im2col_hand(lambda i, s: im2col_views(i, s).T)


# ---------------------------------------------------------------- apply_filter_matmul


def matmul_filter(image, kernel):
    kernel = np.asarray(kernel, dtype=float)
    out_h = np.shape(image)[0] - kernel.shape[0] + 1
    out_w = np.shape(image)[1] - kernel.shape[1] + 1
    return (kernel.ravel() @ im2col_views(image, kernel.shape)).reshape(out_h, out_w)


def matmul_over_loops(image, kernel):
    """Right values, but its im2col loops over every window in Python."""
    kernel = np.asarray(kernel, dtype=float)
    out_h = np.shape(image)[0] - kernel.shape[0] + 1
    out_w = np.shape(image)[1] - kernel.shape[1] + 1
    return (kernel.ravel() @ im2col_loops(image, kernel.shape)).reshape(out_h, out_w)


MATMUL_CASES = checks.matmul_cases(seed=3)


@pytest.mark.parametrize("func", [matmul_filter, einsum_filter, ref.apply_filter_matmul])
def test_right_matmul_filters_pass(func):
    assert messages_of(func, MATMUL_CASES, checks.APPLY_FILTER_MATMUL) == set()
    checks.assert_apply_filter_matmul_vectorized(func)


def test_a_matmul_filter_with_a_looping_im2col_is_named():
    assert messages_of(matmul_over_loops, MATMUL_CASES, checks.APPLY_FILTER_MATMUL) == set()
    with pytest.raises(AssertionError, match="loops over pixels in Python"):
        checks.assert_apply_filter_matmul_vectorized(matmul_over_loops)


def matmul_then(flatten, shape):
    """The matrix product with the kernel flattened by ``flatten``, reshaped by ``shape``."""

    def wrong(image, kernel):
        kernel = np.asarray(kernel, dtype=float)
        out_h = np.shape(image)[0] - kernel.shape[0] + 1
        out_w = np.shape(image)[1] - kernel.shape[1] + 1
        product = flatten(kernel) @ im2col_views(image, kernel.shape)
        return shape(product, out_h, out_w)

    return wrong


def row_by_row(kernel):
    return kernel.ravel()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i, k: matmul_filter(i, np.asarray(k)[::-1, ::-1]), "you flipped the kernel"),
        (
            matmul_then(lambda k: k.ravel(order="F"), lambda p, h, w: p.reshape(h, w)),
            "flattened the kernel column by column",
        ),
        (
            matmul_then(row_by_row, lambda p, h, w: p.reshape(w, h)),
            "reshaped the product to (out_w, out_h)",
        ),
        (matmul_then(row_by_row, lambda p, h, w: p), "flat vector"),
        (lambda i, k: scipy.signal.correlate2d(i, k, "full"), "'full' size"),
        (lambda i, k: matmul_filter(i, k)[:-1, :-1], "one row and one column too small"),
    ],
)
def test_wrong_matmul_filters_are_named(wrong, expected):
    found = messages_of(wrong, MATMUL_CASES, checks.APPLY_FILTER_MATMUL)
    assert any(expected in message for message in found), found


def test_matmul_visible_check_reports_values_then_loops(capsys):
    checks.check_apply_filter_matmul(matmul_filter)
    assert "all 11 checks passed" in capsys.readouterr().out
    checks.check_apply_filter_matmul(matmul_over_loops)
    assert "loops over pixels in Python" in capsys.readouterr().out
