"""Lesson 1: references, and the checks' verdicts on right and wrong implementations."""

import numpy as np
import pytest
import scipy.fft
import scipy.signal

from autograder.checks import l01_convolution as checks
from autograder.feedback import run_cases
from autograder.reference import l01_convolution as ref
from course.timing import loop_correlate2d as loops  # lesson 1's loops, kept for lesson 3

# ---------------------------------------------------------------- references


def test_hand_examples_agree_with_scipy():
    # The numbers in the checks were worked out by hand; scipy must agree with them.
    assert np.array_equal(
        scipy.signal.correlate2d(checks.HAND_IMAGE, checks.HAND_KERNEL, "valid"),
        checks.HAND_CORRELATION,
    )
    assert np.array_equal(
        scipy.signal.convolve2d(checks.HAND_IMAGE, checks.HAND_KERNEL, "valid"),
        checks.HAND_CONVOLUTION,
    )


def test_reference_on_a_tiny_example_by_hand():
    image = [[1, 2], [3, 4]]
    assert ref.correlate2d(image, [[1, 0], [0, 1]]).tolist() == [[5.0]]  # 1 + 4
    assert ref.convolve2d(image, [[1, 0], [0, 0]]).tolist() == [[4.0]]  # flip picks 4
    assert ref.correlate2d(image, [[1, 0], [0, 0]]).tolist() == [[1.0]]


@pytest.mark.parametrize(
    ("image", "kernel", "error", "message"),
    [
        (np.ones(5), np.ones((2, 2)), ValueError, r"image must be 2-D, got shape \(5,\)"),
        (np.ones((5, 5)), np.ones(3), ValueError, r"kernel must be 2-D, got shape \(3,\)"),
        (np.ones((2, 2)), np.ones((3, 1)), ValueError, "larger than the image"),
        (np.ones((0, 3)), np.ones((1, 1)), ValueError, "must not be empty"),
        (np.array([["a"]]), np.ones((1, 1)), TypeError, "numeric"),
        (np.ones((3, 3)), np.full((2, 2), np.nan), ValueError, "finite"),
    ],
)
def test_reference_rejects_bad_input_clearly(image, kernel, error, message):
    for function in (ref.correlate2d, ref.convolve2d):
        with pytest.raises(error, match=message):
            function(image, kernel)


# ---------------------------------------------------------------- implementations


def fft_correlate(image, kernel):
    """Correct, but computed in a completely different way: through the Fourier transform."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    full = scipy.fft.irfft2(
        scipy.fft.rfft2(image, s=_full(image, kernel))
        * scipy.fft.rfft2(kernel[::-1, ::-1], s=_full(image, kernel)),
        s=_full(image, kernel),
    )
    kh, kw = kernel.shape
    return full[kh - 1 : image.shape[0], kw - 1 : image.shape[1]]


def _full(image, kernel):
    return (image.shape[0] + kernel.shape[0] - 1, image.shape[1] + kernel.shape[1] - 1)


def uint8_output(image, kernel):
    kh, kw = np.shape(kernel)
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1), dtype=image.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out


def stops_early(image, kernel):
    out = loops(image, kernel)
    kh, kw = np.shape(kernel)
    image = np.asarray(image, dtype=float)
    result = np.zeros_like(out)
    for i in range(image.shape[0] - kh):
        for j in range(image.shape[1] - kw):
            result[i, j] = out[i, j]
    return result


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


CORRELATE_CASES = checks.correlate2d_cases(seed=3)
CONVOLVE_CASES = checks.convolve2d_cases(seed=3)


@pytest.mark.parametrize("func", [loops, fft_correlate, ref.correlate2d])
def test_right_correlations_pass(func):
    assert messages(func, CORRELATE_CASES, checks.CORRELATE2D) == set()


@pytest.mark.parametrize("func", [lambda i, k: loops(i, np.asarray(k)[::-1, ::-1]), ref.convolve2d])
def test_right_convolutions_pass(func):
    assert messages(func, CONVOLVE_CASES, checks.CONVOLVE2D) == set()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i, k: loops(i, np.asarray(k)[::-1, ::-1]), "you flipped the kernel"),
        (lambda i, k: loops(i, k).T, "transposed"),
        (lambda i, k: scipy.signal.correlate2d(i, k, "full"), "'full' size"),
        (lambda i, k: scipy.signal.correlate2d(i, k, "same"), "'same' mode"),
        (stops_early, "loops stop one step early"),
        (lambda i, k: loops(i, k)[:-1, :-1], "one row and one column too small"),
        (uint8_output, "integer overflow"),
        (lambda i, k: None, "forget the `return`"),
        (
            lambda i, k: (
                loops(i, np.asarray(k).T)
                if np.shape(k)[0] <= np.shape(i)[1] and np.shape(k)[1] <= np.shape(i)[0]
                else loops(i, k)
            ),
            "swapped the kernel's height",
        ),
    ],
)
def test_wrong_correlations_are_named(wrong, expected):
    found = messages(wrong, CORRELATE_CASES, checks.CORRELATE2D)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (loops, "did not flip the kernel"),
        (lambda i, k: loops(i, np.asarray(k)[::-1, :]), "upside down only"),
        (lambda i, k: loops(i, np.asarray(k)[:, ::-1]), "left-right only"),
        (lambda i, k: scipy.signal.convolve2d(i, k, "full"), "'full' size"),
        (lambda i, k: loops(i, np.rot90(k)), "rotated the kernel by 90° (np.rot90(kernel))"),
        (lambda i, k: loops(i, np.rot90(k, 3)), "rotated the kernel by 90° (np.rot90(kernel, -1))"),
        (lambda i, k: loops(i, np.asarray(k).T), "transposed the kernel (kernel.T)"),
    ],
)
def test_wrong_convolutions_are_named(wrong, expected):
    found = messages(wrong, CONVOLVE_CASES, checks.CONVOLVE2D)
    assert any(expected in message for message in found), found


def test_assert_functions_pass_right_and_fail_wrong():
    checks.assert_correlate2d_hand(loops)
    checks.assert_correlate2d_random(loops, seed=11)
    with pytest.raises(AssertionError, match="flipped"):
        checks.assert_correlate2d_random(ref.convolve2d, seed=11)
    checks.assert_convolve2d_hand(ref.convolve2d)
    with pytest.raises(AssertionError, match="did not flip"):
        checks.assert_convolve2d_hand(loops)


def test_hidden_cases_depend_on_the_seed():
    first = checks.correlate2d_cases(seed=1)[-1].args[0]
    second = checks.correlate2d_cases(seed=2)[-1].args[0]
    again = checks.correlate2d_cases(seed=1)[-1].args[0]
    assert not np.array_equal(first, second) or first.shape != second.shape
    assert np.array_equal(first, again)


def test_visible_check_prints_the_cause(capsys):
    checks.check_correlate2d(ref.convolve2d)
    printed = capsys.readouterr().out
    assert "you flipped the kernel" in printed
    assert len(printed.splitlines()) < 10  # a short report, not a wall of numbers


def test_the_hand_image_tells_every_kernel_mix_up_apart():
    # On a ramp (lesson 1's first hand image) a 90° turn of the kernel gave the same output as
    # its transpose, and a left-right flip the same as no flip. On the hand image every way of
    # turning or flipping the kernel gives its own output, so each is named on the hand case.
    kernels = {
        "as it is": checks.HAND_KERNEL,
        "flipped": checks.HAND_KERNEL[::-1, ::-1],
        "upside down": checks.HAND_KERNEL[::-1],
        "left-right": checks.HAND_KERNEL[:, ::-1],
        "transposed": checks.HAND_KERNEL.T,
        "turned left": np.rot90(checks.HAND_KERNEL),
        "turned right": np.rot90(checks.HAND_KERNEL, -1),
    }
    outputs = {name: ref.correlate2d(checks.HAND_IMAGE, k).tobytes() for name, k in kernels.items()}
    assert len(set(outputs.values())) == len(kernels)
    hand = checks._hand_cases(checks.HAND_CONVOLUTION)[:1]
    for name, kernel in kernels.items():
        found = messages(lambda i, k, kernel=kernel: loops(i, kernel), hand, checks.CONVOLVE2D)
        if name == "flipped":
            assert found == set()
        else:
            assert found and not any("values differ" in message for message in found), name


def test_a_correlation_in_float32_gets_full_marks():
    def float32_loops(image, kernel):
        return loops(np.asarray(image, np.float32), np.asarray(kernel, np.float32)).astype(
            np.float32
        )

    assert messages(float32_loops, CORRELATE_CASES, checks.CORRELATE2D) == set()
    checks.assert_correlate2d_hand(float32_loops)
    checks.assert_correlate2d_random(float32_loops, seed=11)
