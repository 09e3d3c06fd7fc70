"""Lesson 2: references, and the checks' verdicts on right and wrong implementations."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal

from autograder.checks import l02_filters as checks
from autograder.feedback import run_cases
from autograder.reference import l02_filters as ref

# ---------------------------------------------------------------- references


def test_hand_gaussians_agree_with_scipy():
    # The constants were worked out by hand (powers of 2); scipy must agree with them.
    for size, hand in ((3, checks.HAND_GAUSSIAN_3), (5, checks.HAND_GAUSSIAN_5)):
        window = scipy.signal.windows.gaussian(size, std=checks.HAND_SIGMA)
        assert np.allclose(np.outer(window, window) / window.sum() ** 2, hand)
        assert np.allclose(ref.gaussian_kernel(size, checks.HAND_SIGMA), hand)
    assert np.isclose(checks.HAND_GAUSSIAN_3.sum(), 1) and np.isclose(
        checks.HAND_GAUSSIAN_5.sum(), 1
    )


@pytest.mark.parametrize(("size", "sigma"), [(1, 0.5), (3, 0.7), (5, 1.0), (7, 1.3), (9, 3.0)])
def test_gaussian_reference_equals_ndimage_gaussian_filter_on_an_impulse(size, sigma):
    # ndimage truncates its kernel at `radius` samples; with radius = size // 2 it samples the
    # same points and normalises over them, so filtering an impulse returns the same kernel.
    impulse = np.zeros((size, size))
    impulse[size // 2, size // 2] = 1.0
    filtered = scipy.ndimage.gaussian_filter(impulse, sigma, radius=size // 2, mode="constant")
    assert np.allclose(filtered, ref.gaussian_kernel(size, sigma), rtol=1e-12, atol=1e-15)


def test_gaussian_reference_is_separable_and_normalised():
    kernel = ref.gaussian_kernel(7, 1.5)
    assert kernel.shape == (7, 7) and np.isclose(kernel.sum(), 1.0)
    assert np.linalg.matrix_rank(kernel) == 1  # an outer product
    assert np.allclose(kernel, kernel.T) and np.allclose(kernel, kernel[::-1, ::-1])
    assert np.unravel_index(np.argmax(kernel), kernel.shape) == (3, 3)
    # Sampled values: weight ratio between x = 1 and x = 0 along the middle row.
    assert np.isclose(kernel[3, 4] / kernel[3, 3], np.exp(-1 / (2 * 1.5**2)))


def test_box_reference_by_hand():
    assert np.array_equal(ref.box_kernel(1), [[1.0]])
    assert np.allclose(ref.box_kernel(2), [[0.25, 0.25], [0.25, 0.25]])
    assert np.allclose(ref.box_kernel(3), checks.HAND_BOX_3)
    assert np.allclose(ref.box_kernel(3), ref.BLUR)


def test_flat_response_reference_is_value_times_kernel_sum():
    assert ref.flat_response(ref.EDGE_DETECT, 0.5) == pytest.approx(0.0)
    assert ref.flat_response(ref.SHARPEN, 0.5) == pytest.approx(0.5)
    assert ref.flat_response(ref.BLUR, 0.5) == pytest.approx(0.5)
    rng = np.random.default_rng(0)
    for _ in range(5):
        kernel = rng.normal(size=tuple(rng.integers(1, 6, size=2)))
        value = rng.uniform()
        assert ref.flat_response(kernel, value) == pytest.approx(value * kernel.sum())
    for name, expected in checks.HAND_FLAT.items():
        assert expected == pytest.approx(0.5 * checks.SLIDE_KERNELS[name].sum())


def test_slide_kernels_on_a_flat_region_and_a_step():
    flat = np.full((6, 6), 0.3)
    step = np.zeros((5, 8))
    step[:, 4:] = 1.0
    edge = scipy.signal.correlate2d(step, ref.EDGE_DETECT, mode="valid")[0]
    assert np.allclose(scipy.signal.correlate2d(flat, ref.EDGE_DETECT, mode="valid"), 0.0)
    assert np.allclose(edge, [0, 0, -3, 3, 0, 0])  # dark side -3, bright side +3
    sharp = scipy.signal.correlate2d(step, ref.SHARPEN, mode="valid")[0]
    assert np.allclose(sharp, [0, 0, -1, 2, 1, 1])  # undershoot and overshoot
    blur = scipy.signal.correlate2d(step, ref.BLUR, mode="valid")[0]
    assert np.allclose(blur, [0, 0, 1 / 3, 2 / 3, 1, 1])  # a ramp


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ref.gaussian_kernel(4, 1.0), ValueError, "size must be odd"),
        (lambda: ref.gaussian_kernel(0, 1.0), ValueError, "size must be at least 1"),
        (lambda: ref.gaussian_kernel(-3, 1.0), ValueError, "size must be at least 1"),
        (lambda: ref.gaussian_kernel(5, 0.0), ValueError, "sigma must be a positive"),
        (lambda: ref.gaussian_kernel(5, -2), ValueError, "sigma must be a positive"),
        (lambda: ref.gaussian_kernel(5, float("nan")), ValueError, "sigma must be a positive"),
        (lambda: ref.gaussian_kernel(5.0, 1.0), TypeError, "size must be an integer"),
        (lambda: ref.gaussian_kernel(5, "1"), TypeError, "sigma must be a number"),
        (lambda: ref.box_kernel(0), ValueError, "size must be at least 1"),
        (lambda: ref.flat_response(np.ones(3), 0.5), ValueError, "kernel must be 2-D"),
    ],
)
def test_references_reject_bad_input_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---------------------------------------------------------------- implementations


def gaussian_numpy(size, sigma):
    if size < 1 or size % 2 == 0 or sigma <= 0:
        raise ValueError("size must be odd and >= 1, sigma > 0")
    x = np.arange(size) - size // 2
    g = np.exp(-(x**2) / (2 * sigma**2))
    g /= g.sum()
    return np.outer(g, g)


def gaussian_ndimage(size, sigma):
    """Right, computed another way: filter an impulse with scipy.ndimage."""
    if size < 1 or size % 2 == 0 or sigma <= 0:
        raise ValueError("bad size or sigma")
    impulse = np.zeros((size, size))
    impulse[size // 2, size // 2] = 1.0
    return scipy.ndimage.gaussian_filter(impulse, sigma, radius=size // 2, mode="constant")


def gaussian_2d_formula(size, sigma):
    """Right, with the 2-D exponent exp(-(x² + y²) / (2 sigma²)) instead of an outer product."""
    if size < 1 or size % 2 == 0 or sigma <= 0:
        raise ValueError("bad size or sigma")
    y, x = np.mgrid[-(size // 2) : size // 2 + 1, -(size // 2) : size // 2 + 1]
    kernel = np.exp(-(x**2 + y**2) / (2 * sigma**2))
    return kernel / kernel.sum()


def box_numpy(size):
    if size < 1:
        raise ValueError("size must be at least 1")
    return np.ones((size, size)) / size**2


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


GAUSSIAN_CASES = (
    checks.gaussian_kernel_hand_cases()
    + checks.gaussian_kernel_random_cases(seed=3)
    + checks.gaussian_kernel_bad_cases(hidden=True)
)
BOX_CASES = (
    checks.box_kernel_cases(checks.box_kernel_random_sizes(3)) + checks.box_kernel_bad_cases()
)
FLAT_CASES = checks.flat_response_hand_cases() + checks.flat_response_random_cases(3)


@pytest.mark.parametrize("func", [gaussian_numpy, gaussian_ndimage, gaussian_2d_formula])
def test_right_gaussians_pass(func):
    assert messages(func, GAUSSIAN_CASES, checks.GAUSSIAN_KERNEL) == set()


@pytest.mark.parametrize("func", [box_numpy, lambda s: ref.box_kernel(s).astype(np.float32)])
def test_right_boxes_pass(func):
    assert messages(func, BOX_CASES, checks.BOX_KERNEL) == set()


@pytest.mark.parametrize(
    "func",
    [
        lambda kernel, value: value * np.sum(kernel),
        lambda kernel, value: float(
            scipy.signal.correlate2d(np.full((6, 7), value), kernel, mode="valid")[0, 0]
        ),
    ],
)
def test_right_flat_responses_pass(func):
    assert messages(func, FLAT_CASES, checks.FLAT_RESPONSE) == set()


def _with_samples(x_of_size, exponent=lambda sigma: 2 * sigma**2, normalise="2d", checks=True):
    """A Gaussian with one mistake (or none); ``checks=False`` also skips input validation."""

    def wrong(size, sigma):
        if checks and (size < 1 or size % 2 == 0 or sigma <= 0):
            raise ValueError("bad size or sigma")
        with np.errstate(divide="ignore", invalid="ignore"):  # sigma = 0 when unchecked
            g = np.exp(-(x_of_size(size) ** 2) / exponent(sigma))
        kernel = np.outer(g, g)
        if normalise == "2d":
            return kernel / kernel.sum()
        if normalise == "1d":
            return kernel / g.sum()
        if normalise == "continuous":
            return kernel / (2 * np.pi * sigma**2)
        if normalise == "one-d-result":
            return g / g.sum()
        return kernel

    return wrong


CENTRED = lambda size: np.arange(size) - size // 2  # noqa: E731


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (_with_samples(CENTRED, normalise="none"), "not normalised"),
        (_with_samples(CENTRED, normalise="1d"), "normalised only once"),
        (_with_samples(CENTRED, normalise="continuous"), "continuous formula"),
        (_with_samples(CENTRED, normalise="one-d-result"), "you returned the 1-D Gaussian"),
        (_with_samples(CENTRED, exponent=lambda s: 2 * s), "sigma as the variance"),
        (_with_samples(CENTRED, exponent=lambda s: s**2), "missing its factor 2"),
        (_with_samples(lambda size: np.arange(size)), "the peak is not in the middle"),
        (_with_samples(lambda size: np.arange(size) - size / 2), "half a pixel off centre"),
        (_with_samples(lambda size: np.arange(-(size // 2), size // 2)), "size - 1 samples"),
        (_with_samples(lambda size: np.arange(-size // 2, size // 2 + 1)), "size + 1 samples"),
        (_with_samples(lambda size: np.arange(-size // 2, size // 2)), "one pixel off centre"),
        (lambda size, sigma: gaussian_numpy(size, sigma).astype(int), "fractions were cut off"),
        (_with_samples(CENTRED, checks=False), None),
    ],
)
def test_wrong_gaussians_are_named(wrong, expected):
    found = messages(wrong, GAUSSIAN_CASES, checks.GAUSSIAN_KERNEL)
    if expected is None:  # right but without validation: only the bad inputs fail
        assert found and all("should raise ValueError" in message for message in found), found
    else:
        assert any(expected in message for message in found), found


def test_gaussian_without_validation_is_told_what_to_raise():
    found = messages(
        _with_samples(CENTRED, checks=False),
        checks.gaussian_kernel_bad_cases(),
        checks.GAUSSIAN_KERNEL,
    )
    assert any("even size has no centre pixel" in message for message in found), found


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda size: np.ones((size, size)), "not normalised"),
        (lambda size: np.ones((size, size)) / size, "you divided by size"),
        (lambda size: np.ones(size) / size, "returned a 1-D array"),
        (lambda size: np.full((size, size), 1 // size**2), "fractions were cut off"),
        (lambda size: np.ones((size, size + 1)) / (size * (size + 1)), "wrong output shape"),
    ],
)
def test_wrong_boxes_are_named(wrong, expected):
    found = messages(wrong, BOX_CASES, checks.BOX_KERNEL)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda kernel, value: value, "not always left unchanged"),
        (lambda kernel, value: float(np.sum(kernel)), "you returned the sum of the kernel"),
        (lambda kernel, value: value * np.mean(kernel), "you averaged the weights"),
        (lambda kernel, value: value * np.size(kernel), "number of weights"),
        (
            lambda kernel, value: value * np.asarray(kernel)[len(kernel) // 2, len(kernel[0]) // 2],
            "only the centre weight",
        ),
        (
            lambda kernel, value: scipy.signal.correlate2d(np.full((5, 5), value), kernel, "valid"),
            "return one number",
        ),
    ],
)
def test_wrong_flat_responses_are_named(wrong, expected):
    found = messages(checks._one_number(wrong), FLAT_CASES, checks.FLAT_RESPONSE)
    assert any(expected in message for message in found), found


def test_assert_functions_pass_right_and_fail_wrong():
    checks.assert_flat_response(ref.flat_response, seed=11)
    with pytest.raises(AssertionError, match="not always left unchanged"):
        checks.assert_flat_response(lambda kernel, value: value, seed=11)

    checks.assert_box_kernel(box_numpy, seed=11)
    with pytest.raises(AssertionError, match="divided by size"):
        checks.assert_box_kernel(lambda size: np.ones((size, size)) / size, seed=11)
    checks.assert_box_kernel_bad_input(box_numpy)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_box_kernel_bad_input(lambda size: np.ones((1, 1)))

    checks.assert_gaussian_kernel_hand(gaussian_numpy)
    with pytest.raises(AssertionError, match="sigma as the variance"):
        checks.assert_gaussian_kernel_hand(_with_samples(CENTRED, exponent=lambda s: 2 * s))
    checks.assert_gaussian_kernel_random(gaussian_ndimage, seed=11)
    with pytest.raises(AssertionError, match="not normalised"):
        checks.assert_gaussian_kernel_random(_with_samples(CENTRED, normalise="none"), seed=11)
    checks.assert_gaussian_kernel_bad_input(gaussian_numpy, hidden=True)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_gaussian_kernel_bad_input(_with_samples(CENTRED, checks=False))
    # Only the hidden cases hold negative sizes: a check for evenness alone passes the visible
    # part and fails the hidden one.
    evens_only = _even_check_only(gaussian_numpy)
    checks.assert_gaussian_kernel_bad_input(evens_only)
    with pytest.raises(AssertionError, match="size -3"):
        checks.assert_gaussian_kernel_bad_input(evens_only, hidden=True)


def _even_check_only(right):
    def gaussian(size, sigma):
        if size % 2 == 0 or sigma <= 0:
            raise ValueError("size must be odd, sigma positive")
        return right(abs(size) or 1, sigma)

    return gaussian


def test_unimplemented_stub_raises_not_implemented_in_graded_cells():
    def stub(*args):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        checks.assert_gaussian_kernel_hand(stub)
    with pytest.raises(NotImplementedError):
        checks.assert_flat_response(stub, seed=1)


def test_hidden_cases_depend_on_the_seed():
    def args(seed):
        return [case.args for case in checks.gaussian_kernel_random_cases(seed)]

    assert args(1) != args(2) and args(1) == args(1)
    assert checks.box_kernel_random_sizes(1) == checks.box_kernel_random_sizes(1)
    flat = [np.asarray(c.args[0]).shape for c in checks.flat_response_random_cases(1)]
    other = [np.asarray(c.args[0]).shape for c in checks.flat_response_random_cases(2)]
    assert flat != other or any(
        a.args[1] != b.args[1]
        for a, b in zip(checks.flat_response_random_cases(1), checks.flat_response_random_cases(2))
    )


def test_visible_check_prints_the_cause(capsys):
    checks.check_gaussian_kernel(_with_samples(CENTRED, exponent=lambda s: 2 * s, checks=False))
    printed = capsys.readouterr().out
    assert "sigma as the variance" in printed and "should raise ValueError" in printed
    assert len(printed.splitlines()) < 12  # a short report, not a wall of numbers


# ---------------------------------------------------------------- separable kernels


def test_hand_separable_example_agrees_with_scipy_and_the_comment():
    kernel = np.outer(checks.SOBEL_COLUMN, checks.SOBEL_ROW)
    assert np.array_equal(kernel, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])  # Sobel x
    image = checks.HAND_SEPARABLE_IMAGE
    row_pass = scipy.signal.correlate2d(image, checks.SOBEL_ROW[None, :], "valid")
    assert row_pass.tolist() == [[-1, 3, 0], [1, -4, 0], [-3, 1, 5], [4, -1, -3]]
    assert np.array_equal(
        scipy.signal.correlate2d(image, kernel, "valid"), checks.HAND_SEPARABLE_OUTPUT
    )
    assert np.array_equal(
        ref.separable_filter(image, [1, 2, 1], [-1, 0, 1]), checks.HAND_SEPARABLE_OUTPUT
    )


def passes_with_np_correlate(image, column, row):
    """Right: two 1-D passes with np.correlate, row by row, then column by column."""
    image = np.asarray(image, dtype=float)
    rows = np.array([np.correlate(line, np.asarray(row, float), "valid") for line in image])
    return np.array([np.correlate(line, np.asarray(column, float), "valid") for line in rows.T]).T


def passes_with_ndimage(image, column, row):
    """Right: scipy.ndimage.correlate1d along each axis, then the border cut off."""
    image = np.asarray(image, dtype=float)
    column, row = np.asarray(column, float), np.asarray(row, float)
    out = scipy.ndimage.correlate1d(image, row, axis=1, mode="constant", origin=-(len(row) // 2))
    out = scipy.ndimage.correlate1d(
        out, column, axis=0, mode="constant", origin=-(len(column) // 2)
    )
    return out[: image.shape[0] - len(column) + 1, : image.shape[1] - len(row) + 1]


def columns_first(image, column, row):
    """Right: the passes in the other order give the same numbers."""
    image = np.asarray(image, dtype=float)
    down = scipy.signal.correlate2d(image, np.asarray(column, float)[:, None], "valid")
    return scipy.signal.correlate2d(down, np.asarray(row, float)[None, :], "valid")


SEPARABLE_CASES = checks.separable_hand_cases() + checks.separable_random_cases(seed=3)


@pytest.mark.parametrize(
    "func", [passes_with_np_correlate, passes_with_ndimage, columns_first, ref.separable_filter]
)
def test_right_separable_filters_pass(func):
    assert messages(func, SEPARABLE_CASES, checks.SEPARABLE_FILTER) == set()


def np_convolve_passes(image, column, row, mode="valid"):
    """Two passes with np.convolve, which flips its kernel."""
    image = np.asarray(image, dtype=float)
    rows = np.array([np.convolve(line, np.asarray(row, float), mode) for line in image])
    return np.array([np.convolve(line, np.asarray(column, float), mode) for line in rows.T]).T


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i, c, r: columns_first(i, r, c), "you swapped the two vectors"),
        (np_convolve_passes, "you flipped both 1-D kernels"),
        (lambda i, c, r: columns_first(i, c, np.asarray(r)[::-1]), "you flipped the row kernel"),
        (lambda i, c, r: columns_first(i, np.asarray(c)[::-1], r), "flipped the column kernel"),
        (lambda i, c, r: np_convolve_passes(i, c, r, "full"), "np.convolve's defaults"),
        (
            lambda i, c, r: scipy.signal.correlate2d(i, np.outer(c, r), "full"),
            "the 'full' size (H + len(column) - 1, W + len(row) - 1)",
        ),
        (lambda i, c, r: scipy.signal.correlate2d(i, np.outer(c, r), "same"), "'same' mode"),
        (
            lambda i, c, r: scipy.signal.correlate2d(i, np.asarray(r, float)[None, :], "valid"),
            "only the row pass",
        ),
        (
            lambda i, c, r: scipy.signal.correlate2d(i, np.asarray(c, float)[:, None], "valid"),
            "only the column pass",
        ),
        (lambda i, c, r: columns_first(i, r, r), "you used `row` for both passes"),
        (lambda i, c, r: columns_first(i, c, c), "you used `column` for both passes"),
        (lambda i, c, r: columns_first(i, c, r).astype(np.uint8), "integer"),
    ],
)
def test_wrong_separable_filters_are_named(wrong, expected):
    found = messages(wrong, SEPARABLE_CASES, checks.SEPARABLE_FILTER)
    assert any(expected in message for message in found), found


def test_separable_asserts_pass_right_and_fail_wrong():
    checks.assert_separable_filter_hand(passes_with_np_correlate)
    checks.assert_separable_filter_random(columns_first, seed=11)
    with pytest.raises(AssertionError, match="flipped both 1-D kernels"):
        checks.assert_separable_filter_hand(np_convolve_passes)
    with pytest.raises(AssertionError, match="swapped the two vectors"):
        checks.assert_separable_filter_random(lambda i, c, r: columns_first(i, r, c), seed=11)


def counts_by_loops(height, width, size):
    """Right, by counting every multiplication one pass at a time."""
    if size < 1 or size > min(height, width):
        raise ValueError("the kernel does not fit")
    out_h, out_w = height - size + 1, width - size + 1
    square = sum(size * size for _ in range(out_h * out_w))
    row_pass = sum(size for _ in range(height) for _ in range(out_w))
    column_pass = sum(size for _ in range(out_h) for _ in range(out_w))
    return square, row_pass + column_pass


COUNT_CASES = (
    checks.counts_hand_cases() + checks.counts_random_cases(seed=3) + checks.counts_bad_cases()
)


@pytest.mark.parametrize("func", [counts_by_loops, ref.multiplication_counts])
def test_right_counts_pass(func):
    assert messages(func, COUNT_CASES, checks.MULTIPLICATION_COUNTS) == set()


def _counts(how):
    def wrong(height, width, size):
        if size < 1 or size > min(height, width):
            raise ValueError("the kernel does not fit")
        return how(height, width, size, height - size + 1, width - size + 1)

    return wrong


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (_counts(lambda h, w, k, oh, ow: (k * k, 2 * k)), "cost of one output pixel"),
        (_counts(lambda h, w, k, oh, ow: (h * w * k * k, 2 * h * w * k)), "every image pixel"),
        (_counts(lambda h, w, k, oh, ow: (oh * ow * k * k, 2 * oh * ow * k)), "every row of"),
        (
            _counts(lambda h, w, k, oh, ow: (oh * ow * k * k, oh * w * k + oh * ow * k)),
            "column pass first",
        ),
        (_counts(lambda h, w, k, oh, ow: counts_by_loops(h, w, k)[::-1]), "wrong order"),
        (_counts(lambda h, w, k, oh, ow: (oh * ow * k, h * ow * k + oh * ow * k)), "size²"),
        (_counts(lambda h, w, k, oh, ow: tuple(map(float, counts_by_loops(h, w, k)))), "an int"),
        (lambda h, w, k: counts_by_loops(max(h, k), max(w, k), max(k, 1)), "should raise"),
    ],
)
def test_wrong_counts_are_named(wrong, expected):
    found = messages(wrong, COUNT_CASES, checks.MULTIPLICATION_COUNTS)
    assert any(expected in message for message in found), found


def test_count_asserts_pass_right_and_fail_wrong():
    checks.assert_multiplication_counts_hand(counts_by_loops)
    checks.assert_multiplication_counts_random(counts_by_loops, seed=11)
    with pytest.raises(AssertionError, match="cost of one output pixel"):
        checks.assert_multiplication_counts_hand(_counts(lambda h, w, k, oh, ow: (k * k, 2 * k)))


def test_an_array_for_one_number_is_refused_by_the_exercise_itself():
    # The one-number rule lives in FLAT_RESPONSE (its prepare hook), so the engine applies it
    # to any function, wrapped or not.
    found = messages(
        lambda kernel, value: scipy.signal.correlate2d(np.full((5, 5), value), kernel, "valid"),
        FLAT_CASES,
        checks.FLAT_RESPONSE,
    )
    assert any("return one number" in message for message in found), found
