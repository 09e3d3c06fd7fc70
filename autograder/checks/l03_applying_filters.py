"""Checks for lesson 3: ``apply_filter``, valid cross-correlation without a Python loop over
pixels, and ``im2col`` / ``apply_filter_matmul``, the same filter as one matrix product.

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
from numpy.lib.stride_tricks import sliding_window_view

from autograder import probes
from autograder.cases import image_kernel_pairs, rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Outcome,
    graded_assertion,
    mistake,
    run_cases,
    visible_check,
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


def _convolve(image, kernel):
    return scipy.signal.convolve2d(*_floats(image, kernel), mode="valid")


def _stopped_early(image, kernel):
    out = ref.apply_filter(image, kernel)
    out[-1, :] = 0
    out[:, -1] = 0
    return out


_FLIPPED = mistake(
    "flipped kernel",
    _convolve,
    source=" (scipy.signal.convolve2d, ndimage.convolve)",
    pair="window[k, l] by kernel[k, l]",
)
# The output's size and the off-by-ones: the same for every way of computing the filter.
_SIZE_MISTAKES = (
    mistake("full size", _correlate("full")),
    mistake("same size", _correlate("same"), how=", zero-padded borders"),
    Misconception(
        "your output has the input's size, like scipy.ndimage.correlate, which pads the "
        "borders by reflection; 'valid' keeps only windows that fit inside the image",
        lambda image, kernel: scipy.ndimage.correlate(*_floats(image, kernel)),
    ),
    mistake("one short", lambda image, kernel: ref.apply_filter(image, kernel)[:-1, :-1]),
    mistake(
        "loops stop early",
        _stopped_early,
        cause="",
        fix="there are H - kh + 1 window positions down and W - kw + 1 across",
    ),
)

APPLY_FILTER = Exercise(
    name="apply_filter",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        _FLIPPED,
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
        *_SIZE_MISTAKES,
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


def vectorized_outcome(func: Callable, exercise: Exercise | None = None) -> Outcome:
    """The verdict on vectorization, as one more line of the check's report.

    The probe images' values are checked first (with ``exercise``, ``APPLY_FILTER`` unless
    given): a function that fails them fails here with their cause.
    """
    label = "no Python loop over pixels"
    for outcome in run_cases(func, _probe_cases(), exercise or APPLY_FILTER):
        if not outcome.passed:
            return outcome
    try:
        loops = loops_over_pixels(func)
    except Exception as error:  # a second call failed where the first one worked
        return Outcome(label, False, f"raised {type(error).__name__} when called again: {error}")
    return Outcome(label, not loops, LOOPS_MESSAGE if loops else "")


def _loops_verdict(func: Callable) -> Outcome:
    """Graded: the vectorization verdict alone (the probe cases ran as the assertion's cases)."""
    loops = loops_over_pixels(func)
    return Outcome("no Python loop over pixels", not loops, LOOPS_MESSAGE if loops else "")


# ----------------------------------------------------------------- front ends


def apply_filter_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, edge, random and photo cases for ``apply_filter``."""
    return hand_cases() + edge_cases() + random_cases(seed) + photo_cases()


check_apply_filter = visible_check(
    APPLY_FILTER,
    apply_filter_cases,
    then=vectorized_outcome,
    doc="Visible check: values as in lesson 1, then whether it loops over pixels in Python.",
)
assert_apply_filter_hand = graded_assertion(
    APPLY_FILTER,
    hand_cases,
    "hand",
    doc="Graded: the example worked out by hand, and its uint8 versions.",
)
assert_apply_filter_random = graded_assertion(
    APPLY_FILTER,
    lambda seed: edge_cases() + random_cases(seed, count=6) + photo_cases(seed),
    "random",
    doc="Graded: edge cases, random non-square images and kernels, crops of the photo.",
)
assert_apply_filter_vectorized = graded_assertion(
    APPLY_FILTER,
    _probe_cases,
    "vectorized",
    then=_loops_verdict,
    doc="Graded: right values on two image sizes, without a Python loop over pixels or rows.",
)


# ----------------------------------------------------------------- im2col

# The hand image with a 2x2 kernel: 2 x 3 = 6 positions, so 6 columns of 4 values. Column p
# is the window at (p // 3, p % 3), read row by row: column 0 is [[3, 0], [1, 4]] -> 3, 0, 1, 4.
HAND_COLUMNS = np.array(
    [
        [3, 0, 1, 1, 4, 0],
        [0, 1, 2, 4, 0, 5],
        [1, 4, 0, 2, 2, 6],
        [4, 0, 5, 2, 6, 1],
    ],
    dtype=float,
)

IM2COL_SHAPE_RULE = (
    "one column per window: shape (kh * kw, out_h * out_w), "
    "with out_h = H - kh + 1 and out_w = W - kw + 1"
)


def _windows(image, kernel_shape) -> np.ndarray:
    """The (out_h, out_w, kh, kw) windows, in float, for the mistakes below."""
    return sliding_window_view(np.asarray(image, dtype=float), tuple(kernel_shape))


def _im2col_from(windows: np.ndarray) -> np.ndarray:
    out_h, out_w, kh, kw = windows.shape
    return windows.reshape(out_h * out_w, kh * kw).T


IM2COL = Exercise(
    name="im2col",
    shape_rule=IM2COL_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you put each window in a row, shape (out_h * out_w, kh * kw); im2col puts each "
            "window in a column, shape (kh * kw, out_h * out_w): transpose it (.T)",
            lambda image, kernel_shape: _im2col_from(_windows(image, kernel_shape)).T,
        ),
        Misconception(
            "you flattened each window column by column; flatten it row by row "
            "(window.ravel(), C order), so that row m * kw + n of the matrix holds window[m, n]",
            lambda image, kernel_shape: _im2col_from(
                np.swapaxes(_windows(image, kernel_shape), 2, 3)
            ),
        ),
        Misconception(
            "your columns are in the wrong order: column p holds the window at output "
            "position (p // out_w, p % out_w), taken row by row across the image; yours go "
            "down the image first",
            lambda image, kernel_shape: _im2col_from(
                np.swapaxes(_windows(image, kernel_shape), 0, 1)
            ),
        ),
        Misconception(
            "you cut windows of shape (kw, kh): kernel_shape is (kh, kw), height first",
            lambda image, kernel_shape: ref.im2col(image, tuple(kernel_shape)[::-1]),
        ),
        Misconception(
            "you returned sliding_window_view's 4-D array of windows; reshape it to one row "
            "per window, (out_h * out_w, kh * kw), then transpose: one column per window",
            lambda image, kernel_shape: _windows(image, kernel_shape),
        ),
        Misconception(
            "off by one: a window fits at H - kh + 1 rows and W - kw + 1 columns, one more "
            "than H - kh and W - kw; you left out the last row and column of windows",
            lambda image, kernel_shape: _im2col_from(_windows(image, kernel_shape)[:-1, :-1]),
        ),
    ),
)


def im2col_hand_cases() -> list[Case]:
    return [
        Case("3x4 image, 2x2 windows (worked by hand)", (HAND_IMAGE, (2, 2)), HAND_COLUMNS),
        Case(
            "uint8 image, 2x3 windows",
            (HAND_IMAGE.astype(np.uint8), (2, 3)),
            ref.im2col(HAND_IMAGE, (2, 3)),
        ),
    ]


def im2col_random_cases(seed: int, count: int = 4) -> list[Case]:
    """Random non-square images and window shapes, the shape as a tuple and as a list."""
    cases = []
    pairs = image_kernel_pairs(seed, "im2col", count, image_sizes=(4, 12))
    for index, (image, kernel) in enumerate(pairs, start=1):
        shape = kernel.shape if index % 2 else list(kernel.shape)
        label = (
            f"random case {index} ({image.shape[0]}x{image.shape[1]} image, "
            f"{kernel.shape[0]}x{kernel.shape[1]} windows)"
        )
        cases.append(Case(label, (image, shape), ref.im2col(image, kernel.shape)))
    image = rng_for(seed, "im2col edge").uniform(-1, 1, size=(3, 5))
    cases.append(Case("windows as large as the image", (image, (3, 5)), ref.im2col(image, (3, 5))))
    return cases


check_im2col = visible_check(
    IM2COL,
    lambda: im2col_hand_cases() + im2col_random_cases(0),
    doc="Visible check: the matrix worked out by hand, uint8, random images and windows.",
)
assert_im2col_hand = graded_assertion(
    IM2COL,
    im2col_hand_cases,
    "hand",
    doc="Graded: the matrix worked out by hand, and a uint8 image.",
)
assert_im2col_random = graded_assertion(
    IM2COL,
    im2col_random_cases,
    "random",
    doc="Graded: random non-square images and window shapes.",
)


# ----------------------------------------------------------------- apply_filter_matmul


def _matmul_with(flatten, shape=None):
    """kernel flattened by ``flatten`` times the right columns, reshaped to ``shape``."""

    def wrong(image, kernel):
        kernel = np.asarray(kernel, dtype=float)
        columns = ref.im2col(image, kernel.shape)
        out_h = np.shape(image)[0] - kernel.shape[0] + 1
        out_w = np.shape(image)[1] - kernel.shape[1] + 1
        product = flatten(kernel) @ columns
        return product if shape is None else product.reshape(shape(out_h, out_w))

    return wrong


APPLY_FILTER_MATMUL = Exercise(
    name="apply_filter_matmul",
    shape_rule=VALID_SHAPE_RULE,
    misconceptions=(
        _FLIPPED,
        Misconception(
            "you flattened the kernel column by column (kernel.T.ravel() or order='F'); "
            "flatten it row by row, kernel.ravel(), as im2col flattens each window, so that "
            "kernel[m, n] meets window[m, n]",
            _matmul_with(lambda k: k.ravel(order="F"), lambda h, w: (h, w)),
        ),
        Misconception(
            "you reshaped the product to (out_w, out_h); its values run through the output "
            "row by row, so reshape to (out_h, out_w) = (H - kh + 1, W - kw + 1)",
            _matmul_with(np.ravel, lambda h, w: (w, h)),
        ),
        Misconception(
            "you returned the product as a flat vector of out_h * out_w values; reshape it "
            "to the output's shape (H - kh + 1, W - kw + 1)",
            _matmul_with(np.ravel),
        ),
        *_SIZE_MISTAKES,
    ),
)


def matmul_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, edge and random cases, as for ``apply_filter``."""
    return hand_cases() + edge_cases() + random_cases(seed)


check_apply_filter_matmul = visible_check(
    APPLY_FILTER_MATMUL,
    matmul_cases,
    then=lambda func: vectorized_outcome(func, APPLY_FILTER_MATMUL),
    doc="Visible check: values as for apply_filter, then whether it loops over pixels.",
)
assert_apply_filter_matmul_values = graded_assertion(
    APPLY_FILTER_MATMUL,
    lambda seed: hand_cases() + edge_cases() + random_cases(seed, count=6),
    "values",
    doc="Graded: the hand-worked example, edge cases and random images and kernels.",
)
assert_apply_filter_matmul_vectorized = graded_assertion(
    APPLY_FILTER_MATMUL,
    _probe_cases,
    "vectorized",
    then=_loops_verdict,
    doc="Graded: one matrix product, without a Python loop over pixels or rows.",
)
