"""Checks for lesson 4: ``vertical_edge_map`` and the question ``edge_response_signs``.

``edge_response_signs`` answers in words ("positive"/"negative"). Its exercise's ``inspect``
hook turns each answer into numbers (+1, -1, 0) for the engine, and reports an answer in the
wrong form (a single string, an unknown word) in plain words.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.signal

from autograder.cases import random_image, rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    graded_assertion,
    mistake,
    visible_check,
)
from autograder.reference import l04_feature_maps as ref

KERNEL = ref.VERTICAL_EDGE

# Slide 4's image: a 10x10 dark image with a bright bar in columns 4 and 5.
SLIDE_IMAGE = np.zeros((10, 10))
SLIDE_IMAGE[:, 4:6] = 1.0
# Each output is (sum of the window's right column) - (sum of its left column), three rows:
# map[i, 2] = 3*image[., 4] - 3*image[., 2] = 3 - 0 = 3; map[i, 3] = 3*1 - 3*0 = 3;
# map[i, 4] = 3*image[., 6] - 3*image[., 4] = 0 - 3 = -3; map[i, 5] = 0 - 3 = -3; others 0.
SLIDE_MAP = np.tile([0.0, 0, 3, 3, -3, -3, 0, 0], (8, 1))

# A 4x6 image with image[i, j] = i + j**2 (non-square, and every column differs):
# map[i, j] = 3 * ((j + 2)**2 - j**2) = 12 * j + 12, the row offset i cancels.
RAMP_IMAGE = np.add.outer(np.arange(4.0), np.arange(6.0) ** 2)
RAMP_MAP = np.tile([12.0, 24, 36, 48], (2, 1))

SHAPE_RULE = "a 'valid' map of a 3x3 kernel has shape (H - 2, W - 2)"


# --------------------------------------------------------------------------------------
# vertical_edge_map


def _correlate(kernel, mode="valid"):
    return lambda image: scipy.signal.correlate2d(np.asarray(image, float), kernel, mode=mode)


def _convolve(kernel):
    return lambda image: scipy.signal.convolve2d(np.asarray(image, float), kernel, mode="valid")


_VALID = (
    "'valid' keeps only the positions where the whole 3x3 kernel fits inside the image: "
    "shape (H - 2, W - 2)"
)
_ROWS_NOT_SUMMED = (
    "you did not add up the window's three rows: each value is right column minus left "
    "column over all three rows. You took one row's difference (the one-row kernel "
    "[[-1, 0, 1]], or image[:, 2:] - image[:, :-2] without adding three neighbouring rows)"
)
_ADJACENT_COLUMNS = (
    "you subtracted neighbouring columns (image[:, 1:] - image[:, :-1]); the kernel's outer "
    "columns are two apart, so right minus left is image[:, 2:] - image[:, :-2]"
)


def _three_rows(difference: np.ndarray) -> np.ndarray:
    return difference[:-2] + difference[1:-1] + difference[2:]


def _one_row_differences():
    """Right minus left, two columns apart, but one row only: all rows, or cut to H - 2."""

    def difference(image):
        image = np.asarray(image, float)
        return image[:, 2:] - image[:, :-2]

    return (
        difference,
        lambda image: difference(image)[1:-1],
        lambda image: difference(image)[:-2],
        lambda image: difference(image)[2:],
    )


def _adjacent_differences():
    """Neighbouring columns subtracted, three rows added: W - 1 wide, or cut to W - 2."""

    def adjacent(image):
        image = np.asarray(image, float)
        return _three_rows(image[:, 1:] - image[:, :-1])

    return (
        adjacent,
        lambda image: adjacent(image)[:, :-1],
        lambda image: adjacent(image)[:, 1:],
    )


_HORIZONTAL = (
    "you used the horizontal-edge kernel (the transpose, [[-1, -1, -1], [0, 0, 0], [1, 1, 1]]): "
    "it compares rows, not columns. The vertical-edge kernel's columns are -1, 0, 1"
)

VERTICAL_EDGE_MAP = Exercise(
    name="vertical_edge_map",
    shape_rule=SHAPE_RULE,
    misconceptions=(
        Misconception(
            "every sign is flipped: you computed convolution (scipy.signal.convolve2d flips the "
            "kernel, as on slide 4) or wrote the kernel as [1, 0, -1]. Cross-correlation with "
            "[-1, 0, 1] is right column minus left column: positive where brightness rises "
            "from left to right",
            _convolve(KERNEL),
        ),
        Misconception(_HORIZONTAL, _correlate(KERNEL.T)),
        Misconception(_HORIZONTAL, _convolve(KERNEL.T)),
        mistake("same size", _correlate(KERNEL, "same"), output="your map has", rule=_VALID),
        mistake(
            "full size",
            _correlate(KERNEL, "full"),
            output="your map has",
            full="(H + 2, W + 2)",
            rule=_VALID,
        ),
        *(Misconception(_ROWS_NOT_SUMMED, wrong) for wrong in _one_row_differences()),
        *(Misconception(_ADJACENT_COLUMNS, wrong) for wrong in _adjacent_differences()),
        Misconception(
            "you used Sobel's weights (1, 2, 1 down the columns); this kernel weighs its three "
            "rows equally: [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]]",
            _correlate(np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])),
        ),
    ),
)


def random_bar_image(rng: np.random.Generator, dark: bool) -> np.ndarray:
    """A plain background with one vertical bar, brighter (or darker) than it.

    Heights 3-8, widths 6-14, bar widths 1-4; at least two background columns on each side
    of the bar, so that every window straddling an edge fits in the image (a 1-pixel bar at
    column 1 would show no left edge in the valid feature map).
    """
    height = int(rng.integers(3, 9))
    width = int(rng.integers(6, 15))
    bar_width = int(rng.integers(1, min(4, width - 4) + 1))
    start = int(rng.integers(2, width - bar_width - 1))  # last bar column <= width - 3
    low, high = float(rng.uniform(0.0, 0.4)), float(rng.uniform(0.6, 1.0))
    background, bar = (high, low) if dark else (low, high)
    image = np.full((height, width), background)
    image[:, start : start + bar_width] = bar
    return image


def _shape_label(image: np.ndarray) -> str:
    return f"{image.shape[0]}x{image.shape[1]}"


def vertical_edge_map_hand_cases() -> list[Case]:
    """The two maps worked out by hand, and slide 4's image as uint8 (0 and 255)."""
    slide_uint8 = (SLIDE_IMAGE * 255).astype(np.uint8)
    return [
        Case("slide 4's 10x10 image with a bright bar (worked by hand)", (SLIDE_IMAGE,), SLIDE_MAP),
        Case("4x6 image, image[i, j] = i + j**2 (worked by hand)", (RAMP_IMAGE,), RAMP_MAP),
        Case(
            "slide 4's image as uint8, 0 and 255",
            (slide_uint8,),
            ref.vertical_edge_map(slide_uint8),
        ),
    ]


def vertical_edge_map_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Random non-square images, random bar images of both kinds, and the smallest image."""
    rng = rng_for(seed, "vertical_edge_map")
    cases = []
    for index in range(count):
        if index % 3 == 2:
            image = random_bar_image(rng, dark=bool(index % 2))
            kind = "bar image"
        else:
            height, width = (int(v) for v in rng.integers(3, 13, size=2))
            if height == width:
                width += 1
            image = random_image(rng, (height, width), integer=index % 2 == 0)
            kind = "image"
        label = f"random {kind} {index + 1} ({_shape_label(image)})"
        cases.append(Case(label, (image,), ref.vertical_edge_map(image)))
    smallest = random_image(rng, (3, 3), integer=False)
    cases.append(Case("3x3 image (a 1x1 map)", (smallest,), ref.vertical_edge_map(smallest)))
    return cases


check_vertical_edge_map = visible_check(
    VERTICAL_EDGE_MAP,
    lambda: vertical_edge_map_hand_cases() + vertical_edge_map_random_cases(seed=0, count=4),
)
assert_vertical_edge_map_hand = graded_assertion(
    VERTICAL_EDGE_MAP,
    vertical_edge_map_hand_cases,
    "hand",
    doc="Graded: the maps worked out by hand, and the uint8 version of slide 4's image.",
)
assert_vertical_edge_map_random = graded_assertion(
    VERTICAL_EDGE_MAP,
    vertical_edge_map_random_cases,
    "random",
    doc="Graded: random non-square images and bar images.",
)


# --------------------------------------------------------------------------------------
# edge_response_signs: a question answered in words


SIGN_VALUES = {"positive": 1.0, "negative": -1.0, "zero": 0.0}


def _describe(answer: Any) -> str:
    if isinstance(answer, str):
        return f"the single string {answer!r}"
    if isinstance(answer, (tuple, list)):
        return f"a {type(answer).__name__} of {len(answer)} items"
    return f"a {type(answer).__name__}"


def words_as_numbers(answer: Any) -> tuple[Any, str | None]:
    """Turn ("positive", "negative") into array([1., -1.]); explain an answer of another form."""
    if answer is None:
        return None, None  # the engine says "did you forget the return?"
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        answer = answer.tolist()
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None, (
            'return a pair of words (left, right), such as ("positive", "negative"); '
            f"got {_describe(answer)}"
        )
    values = []
    for side, word in zip(("left", "right"), answer):
        key = word.strip().lower() if isinstance(word, str) else None
        if key not in SIGN_VALUES:
            return None, (
                f'answer each edge with the word "positive" or "negative"; '
                f"your {side} answer is {word!r}"
            )
        values.append(SIGN_VALUES[key])
    return np.array(values), None


def _expected_signs(image) -> np.ndarray:
    return words_as_numbers(ref.edge_response_signs(image))[0]


def _constant(values):
    return lambda image: np.array(values, dtype=float)


_ZERO = (
    "an edge never gives a zero response: there the kernel's left and right columns sit on "
    "different brightnesses. Zero is the answer only where the window lies on one flat region"
)

EDGE_RESPONSE_SIGNS = Exercise(
    name="edge_response_signs",
    inspect=words_as_numbers,
    misconceptions=(
        Misconception(
            "you gave the answer for a bright bar, but this bar is darker than its background: "
            "at its left edge brightness falls (negative response), at its right edge it rises "
            "(positive). The sign follows the direction of the change, not the side of the bar",
            _constant([1.0, -1.0]),
        ),
        Misconception(
            "you gave the signs of convolution (scipy.signal.convolve2d, as on slide 4), not of "
            "cross-correlation, or swapped left and right. Cross-correlation with [-1, 0, 1] is "
            "right column minus left column: a rise in brightness from left to right gives a "
            "positive response",
            lambda image: -_expected_signs(image),
        ),
        *(
            Misconception(
                "you gave both edges the same sign, but crossing the bar brightness changes one "
                "way at one edge and back at the other, so the two responses have opposite signs",
                wrong,
            )
            for wrong in (
                lambda image: _expected_signs(image)[[0, 0]],
                lambda image: _expected_signs(image)[[1, 1]],
            )
        ),
        *(
            Misconception(_ZERO, wrong)
            for wrong in (
                _constant([0.0, 0.0]),
                lambda image: _expected_signs(image) * [0, 1],
                lambda image: _expected_signs(image) * [1, 0],
                lambda image: _expected_signs(image)[::-1] * [0, 1],
                lambda image: _expected_signs(image)[::-1] * [1, 0],
            )
        ),
    ),
)

# Worked out in the lesson: the window straddling the bright bar's left edge sees 0 on its
# left column and 1 on its right column: 3*1 - 3*0 = +3; at the right edge, 3*0 - 3*1 = -3.
SLIDE_SIGNS = ("positive", "negative")
# A dark bar (0) on a bright background (1): the changes, and so the signs, are reversed.
DARK_BAR_IMAGE = np.ones((5, 9))
DARK_BAR_IMAGE[:, 3:5] = 0.0
DARK_BAR_SIGNS = ("negative", "positive")


def edge_response_signs_slide_cases() -> list[Case]:
    return [
        Case(
            "slide 4's bright bar on a dark background",
            (SLIDE_IMAGE,),
            words_as_numbers(SLIDE_SIGNS)[0],
        )
    ]


def edge_response_signs_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Bars of random position, width and brightness; every other one darker than the ground."""
    rng = rng_for(seed, "edge_response_signs")
    cases = []
    for index in range(count):
        dark = index % 2 == 1
        image = random_bar_image(rng, dark=dark)
        kind = "dark bar on a bright background" if dark else "bright bar on a dark background"
        label = f"random {kind} {index + 1} ({_shape_label(image)})"
        cases.append(Case(label, (image,), _expected_signs(image)))
    return cases


def dark_bar_cases() -> list[Case]:
    return [
        Case(
            "a dark bar on a bright background",
            (DARK_BAR_IMAGE,),
            words_as_numbers(DARK_BAR_SIGNS)[0],
        )
    ]


check_edge_response_signs = visible_check(
    EDGE_RESPONSE_SIGNS,
    lambda: (
        edge_response_signs_slide_cases()
        + dark_bar_cases()
        + edge_response_signs_random_cases(seed=0, count=4)
    ),
    doc="Visible check: slide 4's bar, a dark bar and random bars.",
)
assert_edge_response_signs_slide = graded_assertion(
    EDGE_RESPONSE_SIGNS,
    edge_response_signs_slide_cases,
    "slide",
    doc="Graded: slide 4's bright bar.",
)
assert_edge_response_signs_random = graded_assertion(
    EDGE_RESPONSE_SIGNS,
    edge_response_signs_random_cases,
    "random",
    doc="Graded: bright and dark bars of random position, width and brightness.",
)
