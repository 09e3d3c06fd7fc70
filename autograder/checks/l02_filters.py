"""Checks for lesson 2: ``flat_response``, ``box_kernel``, ``gaussian_kernel``, and the
separable kernels' ``separable_filter`` and ``multiplication_counts``."""

from __future__ import annotations

import functools

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
from autograder.reference import l02_filters as ref

# ----------------------------------------------------------------- worked by hand

# With sigma = 1 / sqrt(2 ln 2), exp(-x**2 / (2 sigma**2)) = 2**(-x**2), so the 1-D samples at
# x = -1, 0, 1 are 1/2, 1, 1/2. They sum to 2, normalised: 1/4, 1/2, 1/4 (the binomial kernel).
# The 2-D kernel is their outer product: [[1, 2, 1], [2, 4, 2], [1, 2, 1]] / 16.
HAND_SIGMA = 1 / np.sqrt(2 * np.log(2))
HAND_GAUSSIAN_3 = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16
# Size 5, same sigma: samples 2**-4, 2**-1, 1, 2**-1, 2**-4 = 1/16, 1/2, 1, 1/2, 1/16; their sum
# is 17/8, so the 1-D kernel is 1/34, 4/17, 8/17, 4/17, 1/34 = [1, 8, 16, 8, 1] / 34.
HAND_GAUSSIAN_5 = np.outer([1, 8, 16, 8, 1], [1, 8, 16, 8, 1]) / 34**2
# A 3x3 box: nine weights of 1/9.
HAND_BOX_3 = np.full((3, 3), 1 / 9)
# A flat region of brightness 0.5 under slide 2's kernels: 0.5 times each kernel's sum.
# Edge detection: 8 - 8 * 1 = 0, so 0.5 * 0 = 0. Sharpen: 5 - 4 = 1, so 0.5. Blur: 9 / 9 = 1, 0.5.
HAND_FLAT = {"edge detection": 0.0, "sharpen": 0.5, "blur": 0.5}
SLIDE_KERNELS = {"edge detection": ref.EDGE_DETECT, "sharpen": ref.SHARPEN, "blur": ref.BLUR}


# ----------------------------------------------------------------- flat_response


def _centre_weight(kernel, value):
    kernel = np.asarray(kernel, dtype=float)
    return value * kernel[kernel.shape[0] // 2, kernel.shape[1] // 2]


def _one_number(func):
    """Let an array answer fail with a clear message (the engine expects one number here).

    ``feedback.diagnose`` cannot compare a 2-D result with a 0-D expected value (it tries to
    transpose the expected value), so an array answer is stopped here with the explanation.
    """
    if not callable(func):
        return func

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        if np.ndim(result) >= 1 and np.size(result) != 1:
            raise TypeError(
                f"flat_response returned an array of shape {np.shape(result)}; return one "
                "number, the value that every pixel of the output takes"
            )
        return result

    return wrapper


FLAT_RESPONSE = Exercise(
    name="flat_response",
    prepare=_one_number,
    shape_rule="return one number: the value that every pixel of the output takes",
    misconceptions=(
        Misconception(
            "a flat region is not always left unchanged: every output pixel is "
            "value × (the sum of the kernel's weights), e.g. 0 for a kernel whose weights sum to 0",
            lambda kernel, value: float(value),
        ),
        Misconception(
            "you returned the sum of the kernel's weights; multiply it by the region's "
            "brightness `value`",
            lambda kernel, value: float(np.sum(kernel)),
        ),
        Misconception(
            "you averaged the weights; the products under the window are added, not "
            "averaged, so the output is value × the SUM of the weights",
            lambda kernel, value: value * float(np.mean(kernel)),
        ),
        Misconception(
            "you multiplied by the number of weights; negative weights subtract, so use "
            "value × the sum of the weights",
            lambda kernel, value: value * np.size(kernel),
        ),
        Misconception(
            "you used only the centre weight; every weight under the window contributes, "
            "so the output is value × the sum of all the weights",
            _centre_weight,
        ),
    ),
)


def flat_response_hand_cases() -> list[Case]:
    return [
        Case(f"{name} kernel on a flat region of 0.5", (kernel, 0.5), HAND_FLAT[name])
        for name, kernel in SLIDE_KERNELS.items()
    ]


def flat_response_random_cases(seed: int, count: int = 4) -> list[Case]:
    rng = rng_for(seed, "flat_response")
    cases = []
    for index in range(1, count + 1):
        shape = tuple(int(v) for v in rng.integers(1, 6, size=2))
        kernel = random_image(rng, shape, integer=index % 2 == 0)
        value = float(np.round(rng.uniform(0.05, 1.0), 2))
        cases.append(
            Case(
                f"random {shape[0]}x{shape[1]} kernel {index}",
                (kernel, value),
                ref.flat_response(kernel, value),
            )
        )
    return cases


check_flat_response = visible_check(
    FLAT_RESPONSE,
    lambda: flat_response_hand_cases() + flat_response_random_cases(0),
    doc="Visible check: slide 2's kernels on a flat region, then random kernels.",
)
assert_flat_response = graded_assertion(
    FLAT_RESPONSE,
    lambda seed: flat_response_hand_cases() + flat_response_random_cases(seed),
    doc="Graded: slide 2's kernels and random kernels on flat regions.",
)


# ----------------------------------------------------------------- box_kernel

BOX_KERNEL = Exercise(
    name="box_kernel",
    shape_rule="a box kernel of size s has shape (s, s)",
    misconceptions=(
        Misconception(
            "not normalised: your weights sum to size*size; divide each weight by size*size "
            "so that they sum to 1 and a flat region keeps its brightness",
            lambda size: np.ones((size, size)),
        ),
        Misconception(
            "you divided by size, but there are size*size weights: divide by size*size "
            "(your weights sum to size, not 1)",
            lambda size: np.ones((size, size)) / size,
        ),
        Misconception(
            "you returned a 1-D array; the box kernel is 2-D, size rows by size columns",
            lambda size: np.ones(size) / size,
        ),
    ),
)


def box_kernel_cases(sizes=(1, 2, 3, 4, 5, 7)) -> list[Case]:
    cases = [Case("size 3 (nine weights of 1/9)", (3,), HAND_BOX_3)]
    cases += [Case(f"size {size}", (size,), ref.box_kernel(size)) for size in sizes if size != 3]
    return cases


def box_kernel_random_sizes(seed: int, count: int = 3) -> list[int]:
    rng = rng_for(seed, "box_kernel")
    return [int(v) for v in rng.integers(6, 16, size=count)]


def box_kernel_bad_cases() -> list[Case]:
    return [
        Case("size 0", (0,), Raises(ValueError, "a kernel needs at least one weight (size >= 1)")),
        Case("size -2", (-2,), Raises(ValueError, "a size cannot be negative")),
    ]


check_box_kernel = visible_check(
    BOX_KERNEL,
    lambda: box_kernel_cases() + box_kernel_bad_cases(),
    doc="Visible check: small sizes, odd and even, and bad sizes.",
)
assert_box_kernel = graded_assertion(
    BOX_KERNEL,
    lambda seed: box_kernel_cases(box_kernel_random_sizes(seed)),
    doc="Graded: small sizes, and larger random ones.",
)
assert_box_kernel_bad_input = graded_assertion(
    BOX_KERNEL, box_kernel_bad_cases, "bad_input", doc="Graded: a size below 1 raises ValueError."
)


# ----------------------------------------------------------------- gaussian_kernel


def _samples(size: int, sigma: float, centre=None, exponent=None) -> np.ndarray:
    x = np.arange(size) - (size // 2 if centre is None else centre)
    return np.exp(-(x**2) / (2 * sigma**2 if exponent is None else exponent))


def _normalised_outer(samples: np.ndarray) -> np.ndarray:
    kernel = np.outer(samples, samples)
    return kernel / kernel.sum()


def _off_by_one(size: int, sigma: float, extra: int) -> np.ndarray:
    x = np.arange(-(size // 2), size // 2 + 1 + extra)
    return _normalised_outer(np.exp(-(x**2) / (2 * sigma**2)))


GAUSSIAN_KERNEL = Exercise(
    name="gaussian_kernel",
    shape_rule="a Gaussian kernel of size s has shape (s, s)",
    misconceptions=(
        Misconception(
            "not normalised: your weights do not sum to 1 (the centre weight is 1); divide "
            "the kernel by its sum so that a flat region keeps its brightness",
            lambda size, sigma: np.outer(_samples(size, sigma), _samples(size, sigma)),
        ),
        Misconception(
            "normalised only once: dividing the 2-D kernel by the sum of the 1-D samples "
            "leaves weights that sum to that 1-D sum; normalise the 1-D samples first "
            "(g / g.sum()) and then take np.outer(g, g), or divide the 2-D kernel by its own sum",
            lambda size, sigma: (
                np.outer(_samples(size, sigma), _samples(size, sigma)) / _samples(size, sigma).sum()
            ),
        ),
        Misconception(
            "you used the continuous formula's factor 1 / (2π sigma²): on a small grid of "
            "samples the weights do not sum to exactly 1, so divide by their sum instead",
            lambda size, sigma: (
                np.outer(_samples(size, sigma), _samples(size, sigma)) / (2 * np.pi * sigma**2)
            ),
        ),
        Misconception(
            "you returned the 1-D Gaussian; the kernel is its outer product with itself, "
            "np.outer(g, g), a size × size array",
            lambda size, sigma: _samples(size, sigma) / _samples(size, sigma).sum(),
        ),
        Misconception(
            "you used sigma as the variance: the exponent is -x² / (2 sigma²), with sigma squared",
            lambda size, sigma: _normalised_outer(_samples(size, sigma, exponent=2 * sigma)),
        ),
        Misconception(
            "the exponent is missing its factor 2: it is -x² / (2 sigma²)",
            lambda size, sigma: _normalised_outer(_samples(size, sigma, exponent=sigma**2)),
        ),
        Misconception(
            "the peak is not in the middle: sample x from -(size // 2) to size // 2, "
            "so that x = 0 falls on the centre pixel (np.arange(size) starts at 0, the corner)",
            lambda size, sigma: _normalised_outer(_samples(size, sigma, centre=0)),
        ),
        Misconception(
            "the peak is half a pixel off centre: use x = np.arange(size) - size // 2 "
            "(integer division), so that the middle sample is exactly x = 0",
            lambda size, sigma: _normalised_outer(_samples(size, sigma, centre=size / 2)),
        ),
        Misconception(
            "the peak is one pixel off centre: in Python -size // 2 is -(size // 2) - 1 for "
            "odd sizes, so np.arange(-size // 2, size // 2) runs from -(size // 2) - 1 to "
            "size // 2 - 1; write np.arange(-(size // 2), size // 2 + 1)",
            lambda size, sigma: _normalised_outer(
                np.exp(-(np.arange(-size // 2, size // 2) ** 2) / (2 * sigma**2))
            ),
        ),
        Misconception(
            "off by one: your kernel has size - 1 samples per side (np.arange stops before its "
            "end); use np.arange(-(size // 2), size // 2 + 1)",
            lambda size, sigma: _off_by_one(size, sigma, -1),
        ),
        Misconception(
            "off by one: your kernel has size + 1 samples per side; in Python -size // 2 is "
            "-(size // 2) - 1 for odd sizes, so write np.arange(-(size // 2), size // 2 + 1)",
            lambda size, sigma: _normalised_outer(
                np.exp(-(np.arange(-size // 2, size // 2 + 1) ** 2) / (2 * sigma**2))
            ),
        ),
    ),
)


def gaussian_kernel_hand_cases() -> list[Case]:
    return [
        Case("size 3, sigma = 1/sqrt(2 ln 2) (worked by hand)", (3, HAND_SIGMA), HAND_GAUSSIAN_3),
        Case("size 5, sigma = 1/sqrt(2 ln 2) (worked by hand)", (5, HAND_SIGMA), HAND_GAUSSIAN_5),
        Case("size 1 (a single weight of 1)", (1, 2.0), np.ones((1, 1))),
    ]


def gaussian_kernel_random_cases(seed: int, count: int = 5) -> list[Case]:
    rng = rng_for(seed, "gaussian_kernel")
    cases = []
    for index in range(1, count + 1):
        size = 2 * int(rng.integers(1, 6)) + 1  # 3 .. 11
        sigma = float(np.round(rng.uniform(0.4, 3.5), 3))
        cases.append(
            Case(
                f"random case {index} (size {size}, sigma {sigma})",
                (size, sigma),
                ref.gaussian_kernel(size, sigma),
            )
        )
    return cases


def gaussian_kernel_bad_cases(hidden: bool = False) -> list[Case]:
    even = Raises(ValueError, "an even size has no centre pixel")
    cases = [
        Case("even size 4", (4, 1.0), even),
        Case("sigma 0", (5, 0.0), Raises(ValueError, "sigma must be positive")),
    ]
    if hidden:
        cases += [
            Case("even size 6", (6, 1.5), even),
            Case("size 0", (0, 1.0), Raises(ValueError, "a kernel needs at least one weight")),
            Case("size -3", (-3, 1.0), Raises(ValueError, "a size cannot be negative")),
            Case("negative sigma", (5, -1.0), Raises(ValueError, "sigma must be positive")),
        ]
    return cases


check_gaussian_kernel = visible_check(
    GAUSSIAN_KERNEL,
    lambda: (
        gaussian_kernel_hand_cases() + gaussian_kernel_random_cases(0) + gaussian_kernel_bad_cases()
    ),
    doc="Visible check: hand-worked kernels, random sizes and sigmas, bad inputs.",
)
assert_gaussian_kernel_hand = graded_assertion(
    GAUSSIAN_KERNEL,
    gaussian_kernel_hand_cases,
    "hand",
    doc="Graded: the kernels worked out by hand (sizes 1, 3 and 5).",
)
assert_gaussian_kernel_random = graded_assertion(
    GAUSSIAN_KERNEL,
    gaussian_kernel_random_cases,
    "random",
    doc="Graded: random odd sizes and sigmas, compared with scipy.signal.windows.gaussian.",
)
assert_gaussian_kernel_bad_input = graded_assertion(
    GAUSSIAN_KERNEL,
    gaussian_kernel_bad_cases,
    "bad_input",
    doc="Graded: an even size, a size below 1, or sigma <= 0 raise ValueError.",
)


# ----------------------------------------------------------------- separable_filter

# Sobel x is separable: np.outer([1, 2, 1], [-1, 0, 1]). On this 4x5 image the row pass
# (right minus left, two apart) gives
#   [[-1, 3, 0], [1, -4, 0], [-3, 1, 5], [4, -1, -3]],
# and the column pass (1, 2, 1 down each column) gives
#   out[0] = [-1 + 2 - 3, 3 - 8 + 1, 0 + 0 + 5] = [-2, -4, 5],
#   out[1] = [1 - 6 + 4, -4 + 2 - 1, 0 + 10 - 3] = [-1, -3, 7].
HAND_SEPARABLE_IMAGE = np.array(
    [[2, 0, 1, 3, 1], [1, 4, 2, 0, 2], [3, 1, 0, 2, 5], [0, 2, 4, 1, 1]], dtype=float
)
SOBEL_COLUMN = np.array([1.0, 2.0, 1.0])
SOBEL_ROW = np.array([-1.0, 0.0, 1.0])
HAND_SEPARABLE_OUTPUT = np.array([[-2, -4, 5], [-1, -3, 7]], dtype=float)
# Vectors of different lengths, neither symmetric: every mix-up of the two gives other numbers.
UNEVEN_COLUMN = np.array([1.0, -1.0])
UNEVEN_ROW = np.array([1.0, 2.0, 3.0])

SEPARABLE_SHAPE_RULE = "a 'valid' output has shape (H - len(column) + 1, W - len(row) + 1)"


def _outer_then(operation, mode="valid", flip_column=False, flip_row=False):
    """What a mistake returns: ``operation`` with np.outer(column, row), its vectors flipped."""

    def wrong(image, column, row):
        column = np.asarray(column, dtype=float)[:: -1 if flip_column else 1]
        row = np.asarray(row, dtype=float)[:: -1 if flip_row else 1]
        return operation(np.asarray(image, dtype=float), np.outer(column, row), mode=mode)

    return wrong


def _one_pass(axis: int):
    """Only one of the two passes: along the rows (axis 1) or down the columns (axis 0)."""

    def wrong(image, column, row):
        vector = np.asarray(row if axis == 1 else column, dtype=float)
        kernel = vector[None, :] if axis == 1 else vector[:, None]
        return scipy.signal.correlate2d(np.asarray(image, dtype=float), kernel, mode="valid")

    return wrong


def _both_passes_with(which: str):
    def wrong(image, column, row):
        vector = row if which == "row" else column
        return ref.separable_filter(image, vector, vector)

    return wrong


_CORRELATE = scipy.signal.correlate2d
_NP_CONVOLVE = (
    "np.convolve (like scipy.signal.convolve) flips its kernel; a filter here is "
    "cross-correlation: use np.correlate, or give np.convolve the kernel reversed, [::-1]"
)

SEPARABLE_FILTER = Exercise(
    name="separable_filter",
    shape_rule=SEPARABLE_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you swapped the two vectors: the kernel is np.outer(column, row), so `row` runs "
            "along each row of the image (axis 1) and `column` down each column (axis 0)",
            lambda image, column, row: ref.separable_filter(image, row, column),
        ),
        Misconception(
            f"you flipped both 1-D kernels: {_NP_CONVOLVE}",
            _outer_then(_CORRELATE, flip_column=True, flip_row=True),
        ),
        Misconception(
            f"you flipped the row kernel: {_NP_CONVOLVE}",
            _outer_then(_CORRELATE, flip_row=True),
        ),
        Misconception(
            f"you flipped the column kernel: {_NP_CONVOLVE}",
            _outer_then(_CORRELATE, flip_column=True),
        ),
        Misconception(
            "your passes used np.convolve's defaults: mode 'full' and a flipped kernel; use "
            "np.correlate(..., mode='valid'), or scipy.signal.correlate2d(..., mode='valid')",
            _outer_then(scipy.signal.convolve2d, mode="full"),
        ),
        mistake(
            "full size",
            _outer_then(_CORRELATE, mode="full"),
            full="(H + len(column) - 1, W + len(row) - 1)",
            rule="'valid' keeps only windows that fit inside the image",
        ),
        mistake("same size", _outer_then(_CORRELATE, mode="same")),
        Misconception(
            "you made only the row pass: filter each column of its result with `column` too",
            _one_pass(axis=1),
        ),
        Misconception(
            "you made only the column pass: filter each row with `row` too",
            _one_pass(axis=0),
        ),
        Misconception(
            "you used `row` for both passes; the pass down the columns uses `column`",
            _both_passes_with("row"),
        ),
        Misconception(
            "you used `column` for both passes; the pass along the rows uses `row`",
            _both_passes_with("column"),
        ),
    ),
)


def separable_hand_cases() -> list[Case]:
    """Sobel x worked out by hand, uneven vectors, and a uint8 image."""
    image = HAND_SEPARABLE_IMAGE
    return [
        Case(
            "4x5 image, Sobel x as [1, 2, 1] and [-1, 0, 1] (worked by hand)",
            (image, SOBEL_COLUMN, SOBEL_ROW),
            HAND_SEPARABLE_OUTPUT,
        ),
        Case(
            "4x5 image, column [1, -1] and row [1, 2, 3]",
            (image, UNEVEN_COLUMN, UNEVEN_ROW),
            ref.separable_filter(image, UNEVEN_COLUMN, UNEVEN_ROW),
        ),
        Case(
            "uint8 image, vectors given as lists",
            (image.astype(np.uint8), [1, 2, 1], [-1, 0, 1]),
            HAND_SEPARABLE_OUTPUT,
        ),
    ]


def separable_random_cases(seed: int, count: int = 5) -> list[Case]:
    """Random non-square images and random vectors of lengths 1 to 6."""
    rng = rng_for(seed, "separable_filter")
    cases = []
    for index in range(1, count + 1):
        while True:
            height, width = (int(v) for v in rng.integers(4, 14, size=2))
            kc, kr = (int(v) for v in rng.integers(1, 7, size=2))
            if kc <= height and kr <= width and height != width and (index > 2 or kc != kr):
                break
        integer = index % 2 == 1
        image = random_image(rng, (height, width), integer)
        column, row = random_image(rng, (kc,), integer), random_image(rng, (kr,), integer)
        cases.append(
            Case(
                f"random case {index} ({height}x{width} image, column of {kc}, row of {kr})",
                (image, column, row),
                ref.separable_filter(image, column, row),
            )
        )
    return cases


check_separable_filter = visible_check(
    SEPARABLE_FILTER,
    lambda: separable_hand_cases() + separable_random_cases(0),
    doc="Visible check: Sobel x by hand, uneven vectors, uint8, random images and vectors.",
)
assert_separable_filter_hand = graded_assertion(
    SEPARABLE_FILTER,
    separable_hand_cases,
    "hand",
    doc="Graded: Sobel x worked out by hand, uneven vectors, a uint8 image.",
)
assert_separable_filter_random = graded_assertion(
    SEPARABLE_FILTER,
    separable_random_cases,
    "random",
    doc="Graded: random images and vectors, against the 2-D kernel np.outer(column, row).",
)


# ----------------------------------------------------------------- multiplication_counts

# A 6x8 image and a 3x3 kernel: the valid output is 4x6 = 24 pixels.
#   with the 2-D kernel: 24 outputs x 9 products = 216;
#   as two passes: the row pass makes 6 x 6 = 36 values of 3 products (108), the column
#   pass 4 x 6 = 24 values of 3 products (72): 180.
HAND_COUNTS = {(6, 8, 3): (216, 180)}
# The lesson's photo, 256x256, with a 7x7 kernel: 250 x 250 = 62 500 outputs.
#   2-D: 62 500 x 49 = 3 062 500; passes: 256 x 250 x 7 + 62 500 x 7 = 448 000 + 437 500.
HAND_COUNTS[(256, 256, 7)] = (3_062_500, 885_500)


def _counts(how):
    def wrong(height, width, size):
        out_h, out_w = height - size + 1, width - size + 1
        return how(height, width, size, out_h, out_w)

    return wrong


MULTIPLICATION_COUNTS = Exercise(
    name="multiplication_counts",
    shape_rule="return a pair of ints: (with the 2-D kernel, as two 1-D passes)",
    misconceptions=(
        Misconception(
            "you returned the cost of one output pixel (k² and 2k); multiply by the number of "
            "values each pass computes",
            _counts(lambda h, w, k, oh, ow: (k * k, 2 * k)),
        ),
        Misconception(
            "you counted every image pixel as an output; a 'valid' output has only "
            "(H - k + 1) x (W - k + 1) pixels, and the row pass H x (W - k + 1) values",
            _counts(lambda h, w, k, oh, ow: (h * w * k * k, 2 * h * w * k)),
        ),
        Misconception(
            "the row pass filters every row of the image, not only the output's rows: it "
            "computes H x (W - k + 1) values of k products, the column pass "
            "(H - k + 1) x (W - k + 1)",
            _counts(lambda h, w, k, oh, ow: (oh * ow * k * k, 2 * oh * ow * k)),
        ),
        Misconception(
            "you counted the column pass first; here the first pass filters the rows: "
            "H x (W - k + 1) values, then the columns: (H - k + 1) x (W - k + 1)",
            _counts(lambda h, w, k, oh, ow: (oh * ow * k * k, oh * w * k + oh * ow * k)),
        ),
        Misconception(
            "you returned the pair in the wrong order: (with the 2-D kernel, as two passes)",
            lambda height, width, size: ref.multiplication_counts(height, width, size)[::-1],
        ),
        Misconception(
            "with the 2-D kernel each output costs size² products (a size x size window), not size",
            _counts(lambda h, w, k, oh, ow: (oh * ow * k, h * ow * k + oh * ow * k)),
        ),
    ),
)


def counts_hand_cases() -> list[Case]:
    return [
        Case(f"{h}x{w} image, size {k} (worked by hand)", (h, w, k), counts)
        for (h, w, k), counts in HAND_COUNTS.items()
    ]


def counts_random_cases(seed: int, count: int = 4) -> list[Case]:
    """Random non-square images (a few pixels to 300) and kernel sizes, odd and even."""
    rng = rng_for(seed, "multiplication_counts")
    cases = []
    for index in range(1, count + 1):
        height, width = sorted(int(v) for v in rng.choice(np.arange(4, 301), 2, replace=False))
        if index % 2:
            height, width = width, height
        size = int(rng.integers(1, min(height, width, 16) + 1))
        args = (height, width, size)
        label = f"random case {index} ({height}x{width}, size {size})"
        cases.append(Case(label, args, ref.multiplication_counts(*args)))
    return cases


def counts_bad_cases() -> list[Case]:
    return [
        Case(
            "size 9 on a 5x12 image",
            (5, 12, 9),
            Raises(ValueError, "a kernel larger than the image has no valid output"),
        ),
        Case("size 0", (8, 8, 0), Raises(ValueError, "a kernel needs at least one weight")),
    ]


check_multiplication_counts = visible_check(
    MULTIPLICATION_COUNTS,
    lambda: counts_hand_cases() + counts_random_cases(0) + counts_bad_cases(),
    doc="Visible check: two counts by hand, random sizes, a kernel larger than the image.",
)
assert_multiplication_counts_hand = graded_assertion(
    MULTIPLICATION_COUNTS,
    counts_hand_cases,
    "hand",
    doc="Graded: the 6x8 image and the photo, worked out by hand.",
)
assert_multiplication_counts_random = graded_assertion(
    MULTIPLICATION_COUNTS,
    lambda seed: counts_random_cases(seed, count=6) + counts_bad_cases(),
    "random",
    doc="Graded: random image and kernel sizes, and kernels that do not fit.",
)
