"""Checks for lesson 3: ``apply_filter``, valid cross-correlation without a Python loop over pixels.

Values are checked as in lesson 1. Vectorization is checked by counting, not by timing (a
timed test would be slow and flaky on a busy grading machine): while the function runs on a
small and on a larger image, a tracer counts every Python line executed, every Python
function entered and every built-in function called (``sys.settrace`` and ``sys.setprofile``).
Vectorized code runs the same few lines whatever the image size, so the count does not grow;
a loop over pixels, over rows, a comprehension or ``np.vectorize`` runs Python code once per
pixel (or per row), so the count grows with the image. A loop over the kernel's few weights
does not grow with the image and passes, as it should.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable

import numpy as np
import scipy.ndimage
import scipy.signal

from autograder import probes
from autograder.cases import image_kernel_pairs, rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Outcome,
    format_report,
    require,
    run_cases,
)
from autograder.reference import l02_filters as filters
from autograder.reference import l03_applying_filters as ref

# A 3x4 image and a 2x2 kernel, worked out by hand:
# out[0, 0] = 3*1 + 0*2 + 1*0 + 4*(-1) = -1    out[0, 1] = 0*1 + 1*2 + 4*0 + 0*(-1) = 2
# out[0, 2] = 1*1 + 2*2 + 0*0 + 5*(-1) = 0     out[1, 0] = 1*1 + 4*2 + 2*0 + 2*(-1) = 7
# out[1, 1] = 4*1 + 0*2 + 2*0 + 6*(-1) = -2    out[1, 2] = 0*1 + 5*2 + 6*0 + 1*(-1) = 9
HAND_IMAGE = np.array([[3, 0, 1, 2], [1, 4, 0, 5], [2, 2, 6, 1]], dtype=float)
HAND_KERNEL = np.array([[1, 2], [0, -1]], dtype=float)
HAND_OUTPUT = np.array([[-1, 2, 0], [7, -2, 9]], dtype=float)
# The same image times 40 in uint8 (values up to 240) with a uint8 kernel of ones: each output
# is the sum of a 2x2 window, e.g. out[1, 1] = 40 * (4 + 0 + 2 + 6) = 480, more than 255.
HAND_UINT8_IMAGE = (HAND_IMAGE * 40).astype(np.uint8)
HAND_UINT8_KERNEL = np.ones((2, 2), dtype=np.uint8)
HAND_UINT8_OUTPUT = 40 * np.array([[8, 5, 8], [9, 12, 12]], dtype=float)

VALID_SHAPE_RULE = "a 'valid' output has shape (H - kh + 1, W - kw + 1)"

LOOPS_MESSAGE = (
    "this works but loops over pixels in Python; vectorize it: cut every window at once "
    "with sliding_window_view and combine them with the kernel in one np.einsum "
    "(a loop over the kernel's few weights is fine, a loop over the image's pixels or rows is not)"
)


def _floats(image, kernel) -> tuple[np.ndarray, np.ndarray]:
    """Mistakes are computed in float, so that they never share a uint8 overflow by accident."""
    return np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)


def _correlate(mode: str):
    return lambda image, kernel: scipy.signal.correlate2d(*_floats(image, kernel), mode=mode)


def _stopped_early(image, kernel):
    out = ref.apply_filter(image, kernel)
    out[-1, :] = 0
    out[:, -1] = 0
    return out


APPLY_FILTER = Exercise(
    name="apply_filter",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you flipped the kernel: that is convolution (scipy.signal.convolve2d, "
            "ndimage.convolve). Cross-correlation multiplies window[k, l] by kernel[k, l] "
            "as it is, without flipping",
            lambda image, kernel: scipy.signal.convolve2d(*_floats(image, kernel), mode="valid"),
        ),
        Misconception(
            "your einsum pairs the window's rows with the kernel's columns ('ijkl,lk->ij'): "
            "that uses the kernel transposed. Write 'ijkl,kl->ij', so that window[k, l] "
            "meets kernel[k, l]",
            lambda image, kernel: (
                ref.apply_filter(image, np.asarray(kernel).T)
                if np.shape(kernel)[0] == np.shape(kernel)[1]
                else None
            ),
        ),
        Misconception(
            "you averaged the products (mean); a filter adds them: sum over the window's two axes",
            lambda image, kernel: ref.apply_filter(image, kernel) / np.size(kernel),
        ),
        Misconception(
            "your output has the 'full' size (H + kh - 1, W + kw - 1); "
            "'valid' keeps only windows that fit inside the image",
            _correlate("full"),
        ),
        Misconception(
            "your output has the input's size ('same' mode, zero-padded borders); "
            "'valid' keeps only windows that fit inside the image",
            _correlate("same"),
        ),
        Misconception(
            "your output has the input's size, like scipy.ndimage.correlate, which pads the "
            "borders by reflection; 'valid' keeps only windows that fit inside the image",
            lambda image, kernel: scipy.ndimage.correlate(*_floats(image, kernel)),
        ),
        Misconception(
            "off by one: the output is one row and one column too small; "
            "there are H - kh + 1 window positions down and W - kw + 1 across",
            lambda image, kernel: ref.apply_filter(image, kernel)[:-1, :-1],
        ),
        Misconception(
            "off by one: the last row and column of the output stay 0; "
            "there are H - kh + 1 window positions down and W - kw + 1 across",
            _stopped_early,
        ),
    ),
)


# ----------------------------------------------------------------- cases


def _case(label: str, image, kernel) -> Case:
    return Case(label, (image, kernel), ref.apply_filter(image, kernel))


def hand_cases() -> list[Case]:
    return [
        Case("3x4 image, 2x2 kernel (worked by hand)", (HAND_IMAGE, HAND_KERNEL), HAND_OUTPUT),
        Case(
            "uint8 image and uint8 kernel, sums above 255",
            (HAND_UINT8_IMAGE, HAND_UINT8_KERNEL),
            HAND_UINT8_OUTPUT,
        ),
        Case(
            "uint8 image, kernel with negative weights",
            (HAND_IMAGE.astype(np.uint8), HAND_KERNEL.astype(np.int64)),
            HAND_OUTPUT,
        ),
    ]


def edge_cases() -> list[Case]:
    image = np.arange(20, dtype=float).reshape(4, 5)
    return [
        _case("1x1 kernel", image, np.array([[2.0]])),
        _case("kernel as large as the image", image, image[::-1]),
        _case("1x3 kernel on a 4x5 image", image, np.array([[1.0, 0.0, -1.0]])),
    ]


def random_cases(seed: int, count: int = 4) -> list[Case]:
    pairs = image_kernel_pairs(seed, "apply_filter", count, image_sizes=(5, 16))
    return [
        _case(
            f"random case {index} ({image.shape[0]}x{image.shape[1]} image, "
            f"{kernel.shape[0]}x{kernel.shape[1]} kernel)",
            image,
            kernel,
        )
        for index, (image, kernel) in enumerate(pairs, start=1)
    ]


def photo_cases(seed: int | None = None) -> list[Case]:
    """Slide 2's kernels on a crop of the sample photo (a random crop for a given seed)."""
    from course import load_image

    photo = load_image("sample_image.jpg")
    top, left = 60, 90
    if seed is not None:
        top, left = (int(v) for v in rng_for(seed, "apply_filter photo").integers(0, 200, size=2))
    crop = photo[top : top + 24, left : left + 30]
    return [
        _case(f"{name} kernel on a 24x30 photo crop", crop, kernel)
        for name, kernel in (
            ("edge detection", filters.EDGE_DETECT),
            ("sharpen", filters.SHARPEN),
            ("blur", filters.BLUR),
        )
    ]


# ----------------------------------------------------------------- vectorization


@probes.register("python_steps")
def python_steps(func: Callable, *args) -> int:
    """Count the Python-level work of one call: lines run, functions entered, built-ins called.

    The count is what an interpreter loop costs, so it grows with the number of iterations of
    any Python loop inside ``func`` (or inside functions it calls), but not with the size of
    the arrays that NumPy processes in C.
    """
    steps = 0

    def local_tracer(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
        return local_tracer

    def global_tracer(frame, event, arg):
        nonlocal steps
        steps += 1  # a Python function (or generator) was entered
        return local_tracer

    def profiler(frame, event, arg):
        nonlocal steps
        if event == "c_call":
            steps += 1  # a built-in function called from Python code

    old_trace, old_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(global_tracer)
    sys.setprofile(profiler)
    try:
        func(*copy.deepcopy(args))
    finally:
        sys.settrace(old_trace)
        sys.setprofile(old_profile)
    return steps


def _probe_cases() -> list[Case]:
    rng = rng_for(0, "apply_filter probe")
    kernel = rng.uniform(-1, 1, size=(3, 2))
    return [
        _case("probe, 6x7 image", rng.uniform(0, 1, size=(6, 7)), kernel),
        _case("probe, 30x33 image", rng.uniform(0, 1, size=(30, 33)), kernel),
    ]


def loops_over_pixels(func: Callable) -> bool:
    """True when ``func``'s Python-level work grows with the number of output rows or pixels.

    ``func`` runs on a 6x7 and a 30x33 image (output 4x6 and 28x32). A loop over rows adds
    at least one step per extra row (24 more), a loop over pixels one per extra pixel (898
    more); vectorized code adds none. Half the extra rows is the threshold, so a loop over
    columns only (26 more) is caught too, and small constant differences are not.
    """
    small, large = _probe_cases()
    # A probe: under the grader it runs beside the learner's function, in the sandbox.
    steps = [probes.run("python_steps", func, *case.args) for case in (small, large)]
    growth = steps[1] - steps[0]
    extra_rows = large.expected.shape[0] - small.expected.shape[0]
    return growth >= extra_rows // 2


def vectorized_outcome(func: Callable) -> Outcome:
    """The verdict on vectorization, as one more line of the check's report."""
    label = "no Python loop over pixels"
    for outcome in run_cases(func, _probe_cases(), APPLY_FILTER):
        if not outcome.passed:
            return outcome
    try:
        loops = loops_over_pixels(func)
    except Exception as error:  # a second call failed where the first one worked
        return Outcome(label, False, f"raised {type(error).__name__} when called again: {error}")
    return Outcome(label, not loops, LOOPS_MESSAGE if loops else "")


# ----------------------------------------------------------------- front ends


def apply_filter_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, edge, random and photo cases for ``apply_filter``."""
    return hand_cases() + edge_cases() + random_cases(seed) + photo_cases()


def check_apply_filter(func) -> None:
    """Visible check: values as in lesson 1, then whether it loops over pixels in Python."""
    outcomes = run_cases(func, apply_filter_cases(), APPLY_FILTER)
    if outcomes and all(outcome.passed for outcome in outcomes):
        outcomes.append(vectorized_outcome(func))
    print(format_report(APPLY_FILTER, outcomes))


def assert_apply_filter_hand(func) -> None:
    """Graded: the example worked out by hand, and its uint8 versions."""
    require(func, hand_cases(), APPLY_FILTER)


def assert_apply_filter_random(func, seed: int) -> None:
    """Graded: edge cases, random non-square images and kernels, crops of the photo."""
    cases = edge_cases() + random_cases(seed, count=6) + photo_cases(seed)
    require(func, cases, APPLY_FILTER)


def assert_apply_filter_vectorized(func) -> None:
    """Graded: right values on two image sizes, without a Python loop over pixels or rows."""
    require(func, _probe_cases(), APPLY_FILTER)
    if loops_over_pixels(func):
        raise AssertionError(f"apply_filter: {LOOPS_MESSAGE}")
