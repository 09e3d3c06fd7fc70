"""Checks for lesson 1: ``correlate2d`` and ``convolve2d`` (valid mode, explicit loops)."""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder.cases import image_kernel_pairs
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    graded_assertion,
    mistake,
    visible_check,
)
from autograder.reference import l01_convolution as ref

# A 3x4 image and a 2x2 kernel, worked out by hand in the lesson. The image is not a ramp:
# on a ramp (image[i, j] = 4i + j + 1) every kernel with the same weights in another order
# gives the same output up to a constant, so a 90-degree rotation of the kernel could not be
# told from its transpose, nor a left-right flip from no flip at all.
# out[0, 0] = 3*1 + 1*2 + 5*0 + 9*(-1) = -4;  out[0, 1] = 1*1 + 4*2 + 9*0 + 2*(-1) = 7; ...
HAND_IMAGE = np.array([[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8]], dtype=float)
HAND_KERNEL = np.array([[1, 2], [0, -1]], dtype=float)
HAND_CORRELATION = np.array([[-4, 7, 0], [20, 8, 6]], dtype=float)
# Convolution flips the kernel to [[-1, 0], [2, 1]]: out[0, 0] = -3 + 0 + 10 + 9 = 16, ...
HAND_CONVOLUTION = np.array([[16, 19, 6], [8, 2, 16]], dtype=float)

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


def _rotated(turns: int):
    """Convolution with the kernel turned by 90 degrees (np.rot90) instead of 180."""
    return lambda image, kernel: ref.correlate2d(image, np.rot90(np.asarray(kernel), turns))


def _off_by_one(reference) -> tuple[Misconception, ...]:
    return (
        mistake("loops stop early", _stopped_early(reference)),
        mistake("one short", _too_small(reference)),
    )


CORRELATE2D = Exercise(
    name="correlate2d",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        mistake("flipped kernel", ref.convolve2d),
        mistake("full size", _mode("full")),
        mistake("same size", _mode("same")),
        *_off_by_one(ref.correlate2d),
        Misconception(
            "you swapped the kernel's height and width when cutting the window "
            "(image[i:i + kh, j:j + kw] is the right slice)",
            _swapped_kernel_axes(ref.correlate2d),
        ),
    ),
)

_ROTATED = (
    "you rotated the kernel by 90° ({call}); convolution turns it by 180°: "
    "np.rot90(kernel, 2), which is kernel[::-1, ::-1]"
)

CONVOLVE2D = Exercise(
    name="convolve2d",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        mistake("kernel not flipped", ref.correlate2d),
        Misconception(
            "you flipped the kernel upside down only; flip it left-right too (kernel[::-1, ::-1])",
            lambda image, kernel: ref.correlate2d(image, kernel[::-1, :]),
        ),
        Misconception(
            "you flipped the kernel left-right only; flip it upside down too (kernel[::-1, ::-1])",
            lambda image, kernel: ref.correlate2d(image, kernel[:, ::-1]),
        ),
        Misconception(_ROTATED.format(call="np.rot90(kernel)"), _rotated(1)),
        Misconception(_ROTATED.format(call="np.rot90(kernel, -1)"), _rotated(-1)),
        Misconception(
            "you transposed the kernel (kernel.T) instead of flipping it (kernel[::-1, ::-1])",
            lambda image, kernel: (
                ref.correlate2d(image, kernel.T) if kernel.shape[0] == kernel.shape[1] else None
            ),
        ),
        mistake("full size", lambda image, kernel: _mode("full")(image, kernel, flip=True)),
        *_off_by_one(ref.convolve2d),
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


def _graded_random(reference, salt: str):
    def cases(seed: int) -> list[Case]:
        return _edge_cases(reference) + _random_cases(reference, seed, salt, 6, "random case")

    return cases


check_correlate2d = visible_check(CORRELATE2D, correlate2d_cases)
check_convolve2d = visible_check(CONVOLVE2D, convolve2d_cases)

assert_correlate2d_hand = graded_assertion(
    CORRELATE2D,
    lambda: _hand_cases(HAND_CORRELATION),
    "hand",
    doc="Graded: the example worked out by hand, and the uint8 version of it.",
)
assert_correlate2d_random = graded_assertion(
    CORRELATE2D,
    _graded_random(ref.correlate2d, "correlate2d"),
    "random",
    doc="Graded: random non-square images and kernels, and the edge cases.",
)
assert_convolve2d_hand = graded_assertion(
    CONVOLVE2D,
    lambda: _hand_cases(HAND_CONVOLUTION),
    "hand",
    doc="Graded: the example worked out by hand, and the uint8 version of it.",
)
assert_convolve2d_random = graded_assertion(
    CONVOLVE2D,
    _graded_random(ref.convolve2d, "convolve2d"),
    "random",
    doc="Graded: random non-square images and kernels, and the edge cases.",
)
