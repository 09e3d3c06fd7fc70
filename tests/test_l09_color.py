"""Lesson 9: references, and the checks' verdicts on right and wrong implementations."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.checks import l09_color as checks
from autograder.feedback import run_cases
from autograder.reference import l09_color as ref

# ---------------------------------------------------------------- references


def per_channel(image, kernel):
    image = np.asarray(image, dtype=float)
    return np.stack(
        [scipy.signal.correlate2d(image[:, :, c], kernel, mode="valid") for c in range(3)],
        axis=2,
    )


def test_hand_example_agrees_with_scipy():
    assert checks.HAND_IMAGE.shape == (3, 4, 3)
    assert np.array_equal(per_channel(checks.HAND_IMAGE, checks.HAND_KERNEL), checks.HAND_OUTPUT)
    # Red is lesson 1's worked example.
    from autograder.checks import l01_convolution

    assert np.array_equal(checks.HAND_RED, l01_convolution.HAND_IMAGE)
    assert np.array_equal(checks.HAND_OUTPUT[:, :, 0], l01_convolution.HAND_CORRELATION)


def test_hand_uint8_row_agrees_with_numpy_and_the_comments():
    values = checks.HAND_VALUES
    assert np.array_equal(np.round(np.clip(values, 0, 255)).astype(np.uint8), checks.HAND_UINT8)
    # The wrapped and truncated numbers quoted in the comments and the feedback.
    assert np.array([-20, 300]).astype(np.uint8).tolist() == [236, 44]
    assert np.clip(values, 0, 255).astype(np.uint8)[0, 4] == 254


def test_reference_on_a_tiny_example_by_hand():
    image = np.zeros((2, 2, 3))
    image[:, :, 0] = [[1, 2], [3, 4]]
    image[:, :, 2] = 10
    result = ref.correlate_color(image, [[1, 1], [1, 1]])
    assert result.tolist() == [[[10.0, 0.0, 40.0]]]  # 1 + 2 + 3 + 4, nothing, 4 * 10
    assert ref.to_uint8([[-1.0, 2.6, 999.0]]).tolist() == [[0, 3, 255]]
    assert ref.to_uint8([[0.4]]).dtype == np.uint8


@pytest.mark.parametrize("seed", range(4))
def test_references_agree_with_independent_computations(seed):
    rng = np.random.default_rng(seed)
    image = rng.uniform(0, 1, size=(int(rng.integers(6, 15)), int(rng.integers(6, 15)), 3))
    kernel = rng.normal(size=(int(rng.integers(1, 6)), int(rng.integers(1, 6))))
    assert np.allclose(ref.correlate_color(image, kernel), per_channel(image, kernel))
    values = rng.uniform(-300, 600, size=(5, 7))
    expected = [[min(255, max(0, round(v))) for v in row] for row in values.tolist()]
    assert ref.to_uint8(values).tolist() == expected


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ref.correlate_color(np.ones((5, 6)), np.ones((2, 2))), ValueError, "grey"),
        (lambda: ref.correlate_color(np.ones((5, 6, 4)), np.ones((2, 2))), ValueError, "RGBA"),
        (
            lambda: ref.correlate_color(np.ones((3, 5, 6)), np.ones((2, 2))),
            ValueError,
            r"got shape \(3, 5, 6\): this looks channels-first",
        ),
        (
            lambda: ref.correlate_color(np.ones((5, 6, 3)), np.ones((6, 2))),
            ValueError,
            "larger than the image",
        ),
        (lambda: ref.correlate_color(np.ones((5, 6, 3)), np.ones(3)), ValueError, "kernel must"),
        (lambda: ref.correlate_color(np.ones((5, 6, 2)), np.ones((2, 2))), ValueError, r"\(H, W"),
        (lambda: ref.to_uint8(np.array([1.0, np.nan])), ValueError, "finite"),
        (lambda: ref.to_uint8(np.array(["a"])), TypeError, "numeric"),
    ],
)
def test_reference_rejects_bad_input_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_invalid_cases_really_are_invalid():
    for case in checks.correlate_color_invalid_cases(4):
        with pytest.raises(ValueError):
            ref.correlate_color(*case.args)
    for case in checks.to_uint8_invalid_cases(4):
        with pytest.raises(ValueError):
            ref.to_uint8(*case.args)


# ---------------------------------------------------------------- implementations


def color_by_loops(image, kernel, validate=True):
    """The lesson's way: scipy per channel, stacked last."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if validate:
        if image.ndim != 3 or image.shape[2] != 3:
            raise ValueError("image must have shape (H, W, 3)")
        if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
            raise ValueError("kernel larger than the image")
    channels = [scipy.signal.correlate2d(image[:, :, c], kernel, mode="valid") for c in range(3)]
    return np.stack(channels, axis=2)


def color_by_windows(image, kernel):
    """Correct, vectorized: every window at once, multiplied and summed with einsum."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError("image must have shape (H, W, 3)")
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError("kernel larger than the image")
    windows = sliding_window_view(image, kernel.shape, axis=(0, 1))  # (H', W', 3, kh, kw)
    return np.einsum("ijcmn,mn->ijc", windows, kernel)


def color_by_ndimage(image, kernel):
    """Correct, via scipy.ndimage with a (kh, kw, 1) kernel, then cropped to 'valid'."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError("image must have shape (H, W, 3)")
    kh, kw = kernel.shape
    if kh > image.shape[0] or kw > image.shape[1]:
        raise ValueError("kernel larger than the image")
    same = scipy.ndimage.correlate(image, kernel[:, :, None], mode="constant")
    top, left = kh // 2, kw // 2  # ndimage centres the kernel at index k // 2
    return same[top : top + image.shape[0] - kh + 1, left : left + image.shape[1] - kw + 1]


def uint8_by_steps(image):
    image = np.asarray(image, dtype=float)
    if np.isnan(image).any():
        raise ValueError("NaN")
    return np.rint(np.clip(image, 0, 255)).astype(np.uint8)


def uint8_round_then_clip(image):
    """Also right: rounding first and clipping second give the same pixels."""
    image = np.asarray(image, dtype=float)
    if np.isnan(image).any():
        raise ValueError("NaN")
    return np.clip(np.round(image), 0, 255).astype(np.uint8)


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


COLOR_CASES = (
    checks.correlate_color_hand_cases()
    + checks.correlate_color_random_cases(seed=3, count=6)
    + checks.correlate_color_photo_cases(seed=3)
    + checks.correlate_color_invalid_cases(seed=3)
)
UINT8_CASES = (
    checks.to_uint8_hand_cases()
    + checks.to_uint8_random_cases(seed=3, count=6)
    + checks.to_uint8_invalid_cases(seed=3)
)


@pytest.mark.parametrize(
    "func", [color_by_loops, color_by_windows, color_by_ndimage, ref.correlate_color]
)
def test_right_colour_correlations_pass(func):
    assert messages(func, COLOR_CASES, checks.CORRELATE_COLOR) == set()


@pytest.mark.parametrize("func", [uint8_by_steps, uint8_round_then_clip, ref.to_uint8])
def test_right_uint8_conversions_pass(func):
    assert messages(func, UINT8_CASES, checks.TO_UINT8) == set()


def summed(image, kernel):
    return color_by_loops(image, kernel).sum(axis=2)


def three_d_kernel(image, kernel):
    """A (kh, kw, 3) kernel in 'valid' mode sums over the channels: shape (H', W', 1)."""
    stacked = np.dstack([kernel] * 3)
    return scipy.signal.correlate(np.asarray(image, dtype=float), stacked, mode="valid")


def grey_first(image, kernel):
    return scipy.signal.correlate2d(np.asarray(image, float).mean(axis=2), kernel, mode="valid")


def rows_as_channels(image, kernel):
    image = np.asarray(image, dtype=float)
    return np.stack([scipy.signal.correlate2d(image[c], kernel, "valid") for c in range(3)], 2)


def reshaped(image, kernel):
    image = np.asarray(image, dtype=float)
    planes = image.reshape(3, image.shape[0], image.shape[1])
    return np.stack([scipy.signal.correlate2d(p, kernel, "valid") for p in planes], axis=-1)


def channels_first(image, kernel):
    image = np.asarray(image, dtype=float)
    return np.array([scipy.signal.correlate2d(image[:, :, c], kernel, "valid") for c in range(3)])


def slide_9(image, kernel):
    """Slide 9's convolve_color: convolve2d with scipy's default mode ('full')."""
    r, g, b = image[:, :, 0], image[:, :, 1], image[:, :, 2]
    convolve2d = scipy.signal.convolve2d
    return np.stack([convolve2d(r, kernel), convolve2d(g, kernel), convolve2d(b, kernel)], axis=2)


def uint8_output(image, kernel):
    """Allocates the output with the input's dtype: uint8 pixels wrap around."""
    image = np.asarray(image)
    kh, kw = np.shape(kernel)
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1, 3), dtype=image.dtype)
    for c in range(3):
        out[:, :, c] = scipy.signal.correlate2d(image[:, :, c], kernel, mode="valid")
    return out


def mode(name, function=scipy.signal.correlate2d):
    def wrong(image, kernel):
        image = np.asarray(image, dtype=float)
        return np.stack([function(image[:, :, c], kernel, mode=name) for c in range(3)], axis=2)

    return wrong


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (summed, "you mixed the colour channels"),
        (three_d_kernel, "you mixed the colour channels"),
        (grey_first, "turned the image grey"),
        (lambda i, k: color_by_loops(i, k)[:, :, ::-1], "reverse order (B, G, R"),
        (channels_first, "channels-first, (3, H', W')"),
        (rows_as_channels, "image[c] picks ROW c"),
        (reshaped, "reshape does not move the channel axis"),
        (mode("same"), "'same' mode"),
        (mode("full"), "'full' size (H + kh - 1, W + kw - 1): scipy's default"),
        (slide_9, "as slide 9 does"),
        (mode("valid", scipy.signal.convolve2d), "you flipped the kernel"),
        (lambda i, k: np.swapaxes(color_by_loops(i, k), 0, 1), "transposed"),
        (uint8_output, "integer overflow"),
        (lambda i, k: None, "forget the `return`"),
    ],
)
def test_wrong_colour_correlations_are_named(wrong, expected):
    cases = (
        checks.correlate_color_hand_cases()
        + checks.correlate_color_random_cases(seed=3, count=6)
        + checks.correlate_color_photo_cases(seed=3)
    )
    found = messages(wrong, cases, checks.CORRELATE_COLOR)
    assert any(expected in message for message in found), found


def no_clip(image):
    return np.round(np.asarray(image, dtype=float)).astype(np.uint8)


def arm_cast(values):
    """float -> uint8 as ARM machines do it (numpy #19881, #22951): through a 32-bit unsigned
    int, so negatives become 0 and values above 255 keep their low 8 bits."""
    return np.maximum(np.asarray(values, dtype=float), 0).astype(np.uint32).astype(np.uint8)


def test_the_arm_cast_gives_what_the_issue_reports():
    assert arm_cast([-20.0, 300.0, 254.7]).tolist() == [0, 44, 254]


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (no_clip, "uint8 wrap-around: you cast without clipping"),
        (lambda x: arm_cast(np.round(x)), "uint8 wrap-around: you cast without clipping"),
        (arm_cast, "the cast came before any clip"),
        (lambda x: np.clip(np.round(x).astype(np.uint8), 0, 255), "clip to [0, 255] BEFORE"),
        (lambda x: np.asarray(x, dtype=float).astype(np.uint8), "the cast came before any clip"),
        (lambda x: np.clip(x.astype(np.uint8), 0, 255), "the cast came before any clip"),
        (lambda x: np.clip(x, 0, 255).astype(np.uint8), "truncated, not rounded"),
        (lambda x: np.round(np.clip(x, 0, 1)).astype(np.uint8), "you clipped to [0, 1]"),
        (lambda x: np.round(np.clip(x, 0, 1) * 255).astype(np.uint8), "multiplied by 255"),
        (lambda x: np.round(np.clip(x, 0, 255)), "the dtype is float64, expected uint8"),
        (lambda x: np.round(np.clip(x, 0, 255)).astype(int), "the dtype is int64, expected uint8"),
        (lambda x: None, "forget the `return`"),
    ],
)
def test_wrong_uint8_conversions_are_named(wrong, expected):
    cases = checks.to_uint8_hand_cases() + checks.to_uint8_random_cases(seed=3, count=6)
    with np.errstate(invalid="ignore"):
        found = messages(wrong, cases, checks.TO_UINT8)
    assert any(expected in message for message in found), found


def test_assert_functions_pass_right_and_fail_wrong():
    for seed in (1, 11):
        checks.assert_correlate_color_hand(color_by_loops)
        checks.assert_correlate_color_random(color_by_loops, seed=seed)
        checks.assert_correlate_color_photo(color_by_loops, seed=seed)
        checks.assert_correlate_color_invalid(color_by_loops, seed=seed)
        checks.assert_to_uint8_hand(uint8_by_steps)
        checks.assert_to_uint8_random(uint8_by_steps, seed=seed)
        checks.assert_to_uint8_invalid(uint8_by_steps, seed=seed)
    with pytest.raises(AssertionError, match="mixed the colour channels"):
        checks.assert_correlate_color_hand(summed)
    with pytest.raises(AssertionError, match="reverse order"):
        checks.assert_correlate_color_random(lambda i, k: color_by_loops(i, k)[:, :, ::-1], 11)
    with pytest.raises(AssertionError, match="as slide 9 does"):
        checks.assert_correlate_color_photo(slide_9, seed=11)
    with pytest.raises(AssertionError, match="a grey .* image: raised IndexError"):
        checks.assert_correlate_color_invalid(
            lambda i, k: color_by_loops(i[..., :3], k, validate=False), seed=11
        )
    with pytest.raises(AssertionError, match="uint8 wrap-around"):
        checks.assert_to_uint8_hand(no_clip)
    with pytest.raises(AssertionError, match="truncated"):
        checks.assert_to_uint8_random(lambda x: np.clip(x, 0, 255).astype(np.uint8), seed=11)
    with np.errstate(invalid="ignore"), pytest.raises(AssertionError, match="should raise"):
        checks.assert_to_uint8_invalid(lambda x: np.rint(np.clip(x, 0, 255)).astype(np.uint8), 11)


def test_photo_cases_use_the_course_image_and_depend_on_the_seed():
    first = checks.correlate_color_photo_cases(seed=1)
    second = checks.correlate_color_photo_cases(seed=2)
    assert first[0].args[0].shape == (40, 60, 3)
    assert first[1].args[0].dtype == np.uint8
    assert not np.array_equal(first[0].args[0], second[0].args[0])
    assert np.array_equal(first[0].args[0], checks.correlate_color_photo_cases(seed=1)[0].args[0])


def test_random_uint8_cases_leave_the_range_on_both_sides():
    values = np.concatenate([c.args[0].ravel() for c in checks.to_uint8_random_cases(9, 6)])
    assert values.min() < 0 and values.max() > 255
    fractions = values - np.floor(values)
    assert not np.any(fractions == 0.5)  # no exact halves: the rounding rule is not at stake


def test_visible_checks_print_the_cause(capsys):
    checks.check_correlate_color(slide_9)
    printed = capsys.readouterr().out
    assert "as slide 9 does" in printed
    assert len(printed.splitlines()) < 12
    with np.errstate(invalid="ignore"):
        checks.check_to_uint8(no_clip)
    assert "uint8 wrap-around" in capsys.readouterr().out
    checks.check_correlate_color(color_by_loops)
    checks.check_to_uint8(uint8_by_steps)
    printed = capsys.readouterr().out
    assert "✗" not in printed and printed.count("✓") == 2
