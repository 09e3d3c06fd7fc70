"""Checks for lesson 5: ``feature_maps(image, kernels)``, a stack of shape (n, H', W').

The contract promises one NumPy array. A list of maps holds the right numbers but has no
``.shape`` and cannot be sliced as ``maps[:, i, j]``, so the check refuses it by name
(through the exercise's ``inspect`` hook, which sees the raw answer before the engine).
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
    Raises,
    graded_assertion,
    mistake,
    visible_check,
)
from autograder.reference import l05_multiple_feature_maps as ref

# A 3x4 image and three 2x2 kernels, worked out by hand:
# "top-left" picks image[i, j], "bottom-right" picks image[i + 1, j + 1] (= image[i, j] + 5),
# "right minus left" gives image[i, j + 1] - image[i, j] = 1 everywhere.
HAND_IMAGE = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], dtype=float)
HAND_KERNELS = [
    np.array([[1.0, 0], [0, 0]]),  # top-left
    np.array([[0.0, 0], [0, 1]]),  # bottom-right
    np.array([[-1.0, 1], [0, 0]]),  # right minus left
]
HAND_MAPS = np.array(
    [
        [[1, 2, 3], [5, 6, 7]],
        [[6, 7, 8], [10, 11, 12]],
        [[1, 1, 1], [1, 1, 1]],
    ],
    dtype=float,
)

SHAPE_RULE = "one 'valid' map per kernel, stacked first: shape (n_kernels, H - kh + 1, W - kw + 1)"


def _each(operation, mode="valid"):
    """What a mistake returns: ``operation`` (correlate/convolve) applied kernel by kernel."""

    def wrong(image, kernels):
        image = np.asarray(image, dtype=float)
        return np.stack([operation(image, np.asarray(k, float), mode=mode) for k in kernels])

    return wrong


def _reference_then(change):
    return lambda image, kernels: change(ref.feature_maps(image, kernels))


def _first_kernel_repeated(image, kernels):
    maps = ref.feature_maps(image, kernels)
    return np.repeat(maps[:1], len(maps), axis=0)


LIST_PROBLEM = (
    "returned a {kind} of maps; the contract is one NumPy array of shape (n, H', W'), "
    "which has a .shape and can be sliced as maps[:, i, j]: use np.stack(your_list)"
)


def refuse_lists(answer: Any) -> tuple[Any, str | None]:
    """Let arrays through; name a list or tuple (even of the right maps) as the problem."""
    if isinstance(answer, (list, tuple)):
        return answer, LIST_PROBLEM.format(kind=type(answer).__name__)
    return answer, None


FEATURE_MAPS = Exercise(
    name="feature_maps",
    shape_rule=SHAPE_RULE,
    inspect=refuse_lists,
    misconceptions=(
        Misconception(
            "your maps are stacked channels-last, shape (H', W', n), as Keras stores them; "
            "this course puts the map index first, shape (n, H', W') as in PyTorch: "
            "np.stack(maps) stacks along a new first axis",
            _reference_then(lambda maps: np.moveaxis(maps, 0, -1)),
        ),
        mistake(
            "flipped kernel",
            _each(scipy.signal.convolve2d),
            kernel="the kernels",
            source=" (scipy.signal.convolve2d, as on slide 5)",
            pair="image[i + m, j + n] by kernels[k][m, n]",
        ),
        Misconception(
            "every map is the first kernel's map: inside the loop, use the loop's kernel, "
            "not kernels[0]",
            _first_kernel_repeated,
        ),
        mistake("same size", _each(scipy.signal.correlate2d, "same"), output="your maps have"),
        mistake("full size", _each(scipy.signal.correlate2d, "full"), output="your maps have"),
        Misconception(
            "each map is transposed (shape (n, W', H')): rows and columns of every map are swapped",
            _reference_then(lambda maps: np.swapaxes(maps, 1, 2)),
        ),
        Misconception(
            "you added the maps into one; return one map per kernel, stacked: (n, H', W')",
            _reference_then(lambda maps: maps.sum(axis=0) if len(maps) > 1 else None),
        ),
    ),
)


def _label(image, kernels, text: str) -> str:
    kh, kw = np.shape(kernels[0])
    return f"{text} ({image.shape[0]}x{image.shape[1]} image, {len(kernels)} kernels {kh}x{kw})"


def hand_cases() -> list[Case]:
    """The stack worked out by hand, with the kernels as a list and as one 3-D array."""
    return [
        Case(
            "3x4 image, three 2x2 kernels in a list (worked by hand)",
            (HAND_IMAGE, HAND_KERNELS),
            HAND_MAPS,
        ),
        Case(
            "the same kernels as one array of shape (3, 2, 2)",
            (HAND_IMAGE, np.stack(HAND_KERNELS)),
            HAND_MAPS,
        ),
    ]


def random_cases(seed: int, count: int = 5) -> list[Case]:
    """Random non-square images; 1-5 random kernels of one random (often non-square) shape."""
    rng = rng_for(seed, "feature_maps")
    cases = []
    for index in range(count):
        while True:
            height, width = (int(v) for v in rng.integers(5, 14, size=2))
            kh, kw = (int(v) for v in rng.integers(1, 6, size=2))
            if height != width and kh <= height and kw <= width and (index > 1 or kh != kw):
                break
        n = 1 if index == count - 1 else int(rng.integers(2, 6))
        integer = index % 2 == 0
        image = random_image(rng, (height, width), integer)
        kernels = [random_image(rng, (kh, kw), integer) for _ in range(n)]
        if index % 2:
            kernels = np.stack(kernels)
        cases.append(
            Case(
                _label(image, kernels, f"random case {index + 1}"),
                (image, kernels),
                ref.feature_maps(image, kernels),
            )
        )
    return cases


def bad_input_cases(seed: int | None = None) -> list[Case]:
    """Kernels of different shapes, and no kernel at all: a clear ValueError."""
    image = np.arange(42, dtype=float).reshape(6, 7)
    cases = [
        Case(
            "kernels of shapes 3x3 and 2x2",
            (image, [np.ones((3, 3)), np.ones((2, 2))]),
            Raises(ValueError, "all kernels must have the same shape"),
        )
    ]
    if seed is not None:
        rng = rng_for(seed, "feature_maps bad input")
        first = tuple(int(v) for v in rng.integers(1, 5, size=2))
        other = (first[1], first[0]) if first[0] != first[1] else (first[0], first[1] + 1)
        kernels = [np.ones(first)] * int(rng.integers(1, 4)) + [np.ones(other)]
        cases += [
            Case(
                "a list whose last kernel has another shape",
                (image, kernels),
                Raises(ValueError, "all kernels must have the same shape"),
            ),
            Case("an empty list of kernels", (image, []), Raises(ValueError, "there is no kernel")),
        ]
    return cases


def real_image_case() -> Case:
    """A crop of the course photo with slide 5's three kernels."""
    from course.data import load_image

    photo = load_image("sample_image.jpg")[96:160, 112:176]
    kernels = [
        np.array([[-1.0, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
        np.full((3, 3), 1 / 9),
        np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
    ]
    return Case(
        "64x64 crop of the photo, slide 5's kernels",
        (photo, kernels),
        ref.feature_maps(photo, kernels),
    )


check_feature_maps = visible_check(
    FEATURE_MAPS,
    lambda: hand_cases() + random_cases(seed=0, count=4) + [real_image_case()] + bad_input_cases(),
    doc="Visible check: hand-worked, random, photo and bad-input cases.",
)
assert_feature_maps_hand = graded_assertion(
    FEATURE_MAPS,
    hand_cases,
    "hand",
    doc="Graded: the stack worked out by hand, kernels as a list and as a 3-D array.",
)
assert_feature_maps_random = graded_assertion(
    FEATURE_MAPS,
    lambda seed: random_cases(seed) + [real_image_case()],
    "random",
    doc="Graded: random images and kernel stacks, and the photo with slide 5's kernels.",
)
assert_feature_maps_bad_input = graded_assertion(
    FEATURE_MAPS,
    bad_input_cases,
    "bad_input",
    doc="Graded: kernels of different shapes raise ValueError (and, with a seed, more cases).",
)
