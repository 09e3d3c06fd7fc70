"""Checks for lesson 2: ``flat_response``, ``box_kernel`` and ``gaussian_kernel``."""

from __future__ import annotations

import functools

import numpy as np

from autograder.cases import random_image, rng_for
from autograder.feedback import Case, Exercise, Misconception, Raises, check, require
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


FLAT_RESPONSE = Exercise(
    name="flat_response",
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


def check_flat_response(func) -> None:
    """Visible check: slide 2's kernels on a flat region, then random kernels."""
    cases = flat_response_hand_cases() + flat_response_random_cases(0)
    check(_one_number(func), cases, FLAT_RESPONSE)


def assert_flat_response(func, seed: int) -> None:
    """Graded: slide 2's kernels and random kernels on flat regions."""
    cases = flat_response_hand_cases() + flat_response_random_cases(seed)
    require(_one_number(func), cases, FLAT_RESPONSE)


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


def check_box_kernel(func) -> None:
    """Visible check: small sizes, odd and even, and bad sizes."""
    check(func, box_kernel_cases() + box_kernel_bad_cases(), BOX_KERNEL)


def assert_box_kernel(func, seed: int) -> None:
    """Graded: small sizes, and larger random ones."""
    require(func, box_kernel_cases(box_kernel_random_sizes(seed)), BOX_KERNEL)


def assert_box_kernel_bad_input(func) -> None:
    """Graded: a size below 1 raises ValueError."""
    require(func, box_kernel_bad_cases(), BOX_KERNEL)


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


def check_gaussian_kernel(func) -> None:
    """Visible check: hand-worked kernels, random sizes and sigmas, bad inputs."""
    cases = (
        gaussian_kernel_hand_cases() + gaussian_kernel_random_cases(0) + gaussian_kernel_bad_cases()
    )
    check(func, cases, GAUSSIAN_KERNEL)


def assert_gaussian_kernel_hand(func) -> None:
    """Graded: the kernels worked out by hand (sizes 1, 3 and 5)."""
    require(func, gaussian_kernel_hand_cases(), GAUSSIAN_KERNEL)


def assert_gaussian_kernel_random(func, seed: int) -> None:
    """Graded: random odd sizes and sigmas, compared with scipy.signal.windows.gaussian."""
    require(func, gaussian_kernel_random_cases(seed), GAUSSIAN_KERNEL)


def assert_gaussian_kernel_bad_input(func, hidden: bool = False) -> None:
    """Graded: an even size, a size below 1, or sigma <= 0 raise ValueError."""
    require(func, gaussian_kernel_bad_cases(hidden), GAUSSIAN_KERNEL)
