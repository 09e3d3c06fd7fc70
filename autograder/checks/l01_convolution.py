"""Checks for lesson 1: ``correlate2d`` and ``convolve2d`` (valid mode, explicit loops)."""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder.cases import image_kernel_pairs
from autograder.feedback import Case, Exercise, Misconception, check, require
from autograder.reference import l01_convolution as ref

# A 3x4 image and a 2x2 kernel, worked out by hand in the lesson:
# out[0, 0] = 1*1 + 2*2 + 5*0 + 6*(-1) = -1, and so on along the rows.
HAND_IMAGE = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], dtype=float)
HAND_KERNEL = np.array([[1, 2], [0, -1]], dtype=float)
HAND_CORRELATION = np.array([[-1, 1, 3], [7, 9, 11]], dtype=float)
# Convolution flips the kernel to [[-1, 0], [2, 1]]: out[0, 0] = -1 + 0 + 10 + 6 = 15.
HAND_CONVOLUTION = np.array([[15, 17, 19], [23, 25, 27]], dtype=float)

VALID_SHAPE_RULE = "a 'valid' output has shape (H - kh + 1, W - kw + 1)"


def _mode(mode: str):
    return lambda image, kernel, flip=False: (
        scipy.signal.convolve2d if flip else scipy.signal.correlate2d
    )(image, kernel, mode=mode)


def _stopped_early(reference):
    """Loops over range(H - kh) instead of range(H - kh + 1): the last row/column stays 0."""

    def wrong(image, kernel):
        out = reference(image, kernel)
        out[-1, :] = 0
        out[:, -1] = 0
        return out

    return wrong


def _too_small(reference):
    """Output allocated as (H - kh, W - kw): one row and one column short."""
    return lambda image, kernel: reference(image, kernel)[:-1, :-1]


def _swapped_kernel_axes(reference):
    """Windows cut as image[i:i+kw, j:j+kh]: only wrong for non-square kernels."""
    return lambda image, kernel: reference(image, kernel.T)


CORRELATE2D = Exercise(
    name="correlate2d",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you flipped the kernel: that is convolution. Cross-correlation multiplies "
            "image[i + m, j + n] by kernel[m, n] as it is, without flipping",
            ref.convolve2d,
        ),
        Misconception(
            "your output has the 'full' size (H + kh - 1, W + kw - 1); "
            "'valid' keeps only windows that fit inside the image",
            _mode("full"),
        ),
        Misconception(
            "your output has the input's size ('same' mode); "
            "'valid' keeps only windows that fit inside the image",
            _mode("same"),
        ),
        Misconception(
            "off by one: your loops stop one step early, so the last row and column of the "
            "output stay 0; use range(H - kh + 1) and range(W - kw + 1)",
            _stopped_early(ref.correlate2d),
        ),
        Misconception(
            "off by one: the output is one row and one column too small; "
            "there are H - kh + 1 window positions down and W - kw + 1 across",
            _too_small(ref.correlate2d),
        ),
        Misconception(
            "you swapped the kernel's height and width when cutting the window "
            "(image[i:i + kh, j:j + kw] is the right slice)",
            _swapped_kernel_axes(ref.correlate2d),
        ),
    ),
)

CONVOLVE2D = Exercise(
    name="convolve2d",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you did not flip the kernel: that is cross-correlation. "
            "Convolution flips the kernel in both axes, kernel[::-1, ::-1]",
            ref.correlate2d,
        ),
        Misconception(
            "you flipped the kernel upside down only; flip it left-right too (kernel[::-1, ::-1])",
            lambda image, kernel: ref.correlate2d(image, kernel[::-1, :]),
        ),
        Misconception(
            "you flipped the kernel left-right only; flip it upside down too (kernel[::-1, ::-1])",
            lambda image, kernel: ref.correlate2d(image, kernel[:, ::-1]),
        ),
        Misconception(
            "you transposed the kernel (kernel.T) instead of flipping it (kernel[::-1, ::-1])",
            lambda image, kernel: (
                ref.correlate2d(image, kernel.T) if kernel.shape[0] == kernel.shape[1] else None
            ),
        ),
        Misconception(
            "your output has the 'full' size (H + kh - 1, W + kw - 1); "
            "'valid' keeps only windows that fit inside the image",
            lambda image, kernel: _mode("full")(image, kernel, flip=True),
        ),
        Misconception(
            "off by one: your loops stop one step early, so the last row and column of the "
            "output stay 0; use range(H - kh + 1) and range(W - kw + 1)",
            _stopped_early(ref.convolve2d),
        ),
        Misconception(
            "off by one: the output is one row and one column too small; "
            "there are H - kh + 1 window positions down and W - kw + 1 across",
            _too_small(ref.convolve2d),
        ),
    ),
)


def _hand_cases(expected: np.ndarray) -> list[Case]:
    return [
        Case("3x4 image, 2x2 kernel (worked by hand)", (HAND_IMAGE, HAND_KERNEL), expected),
        Case(
            "uint8 image, kernel with negative taps",
            (HAND_IMAGE.astype(np.uint8), HAND_KERNEL.astype(np.int64)),
            expected,
        ),
    ]


def _random_cases(reference, seed: int, salt: str, count: int, label: str) -> list[Case]:
    cases = []
    for index, (image, kernel) in enumerate(image_kernel_pairs(seed, salt, count), start=1):
        cases.append(
            Case(
                f"{label} {index} ({image.shape[0]}x{image.shape[1]} image, "
                f"{kernel.shape[0]}x{kernel.shape[1]} kernel)",
                (image, kernel),
                reference(image, kernel),
            )
        )
    return cases


def _edge_cases(reference) -> list[Case]:
    image = np.arange(20, dtype=float).reshape(4, 5)
    return [
        Case("1x1 kernel", (image, np.array([[2.0]])), reference(image, np.array([[2.0]]))),
        Case("kernel as large as the image", (image, image), reference(image, image)),
    ]


def correlate2d_cases(seed: int = 0, count: int = 4) -> list[Case]:
    """Hand-worked, edge and random cases for ``correlate2d``."""
    return (
        _hand_cases(HAND_CORRELATION)
        + _edge_cases(ref.correlate2d)
        + _random_cases(ref.correlate2d, seed, "correlate2d", count, "random case")
    )


def convolve2d_cases(seed: int = 0, count: int = 4) -> list[Case]:
    """Hand-worked, edge and random cases for ``convolve2d``."""
    return (
        _hand_cases(HAND_CONVOLUTION)
        + _edge_cases(ref.convolve2d)
        + _random_cases(ref.convolve2d, seed, "convolve2d", count, "random case")
    )


def check_correlate2d(func) -> None:
    """Visible check: print which cases pass and, on failure, why."""
    check(func, correlate2d_cases(), CORRELATE2D)


def check_convolve2d(func) -> None:
    """Visible check: print which cases pass and, on failure, why."""
    check(func, convolve2d_cases(), CONVOLVE2D)


def assert_correlate2d_hand(func) -> None:
    """Graded: the example worked out by hand, and the uint8 version of it."""
    require(func, _hand_cases(HAND_CORRELATION), CORRELATE2D)


def assert_correlate2d_random(func, seed: int) -> None:
    """Graded: random non-square images and kernels, and the edge cases."""
    cases = _edge_cases(ref.correlate2d) + _random_cases(
        ref.correlate2d, seed, "correlate2d", 6, "random case"
    )
    require(func, cases, CORRELATE2D)


def assert_convolve2d_hand(func) -> None:
    """Graded: the example worked out by hand, and the uint8 version of it."""
    require(func, _hand_cases(HAND_CONVOLUTION), CONVOLVE2D)


def assert_convolve2d_random(func, seed: int) -> None:
    """Graded: random non-square images and kernels, and the edge cases."""
    cases = _edge_cases(ref.convolve2d) + _random_cases(
        ref.convolve2d, seed, "convolve2d", 6, "random case"
    )
    require(func, cases, CONVOLVE2D)
