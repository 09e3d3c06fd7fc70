"""Checks for lesson 10: ``to_gray``, ``sobel_magnitude`` and ``edge_mask``.

No case passes an empty image to learner code, although the contract asks ``sobel_magnitude``
to reject one: ``scipy.signal.convolve2d(..., mode='full', boundary='symm')`` (or ``'wrap'``)
dies of SIGFPE on an empty input in scipy 1.17, which would kill the learner's kernel, and a
check must never do that (issue 15). The lesson tells learners to validate empty images before
calling scipy; the misconceptions below refuse empty input for the same reason.

Two classic Sobel mistakes cannot change the *magnitude* and are therefore not named here:
correlating instead of convolving (each Sobel kernel is antisymmetric, so the flip only
changes the sign of each response) and swapping x and y (``hypot`` is symmetric). The lesson
explains both and ``tests/test_l10_medical_edges.py`` proves them harmless.
"""

from __future__ import annotations

import numpy as np
import scipy.signal
import skimage.color
import skimage.filters
import skimage.util

from autograder.cases import rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Outcome,
    Raises,
    graded_assertion,
    run_cases,
    visible_check,
)
from autograder.reference import l10_medical_edges as ref

# ---------------------------------------------------------------------- to_gray

# Pure red, green, blue and white, one pixel each: rgb2gray gives the weights themselves,
# 0.2125*1 + 0.7154*0 + 0.0721*0 = 0.2125 and so on, and white 0.2125 + 0.7154 + 0.0721 = 1.
HAND_RGB = np.array([[[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]], dtype=float)
HAND_GRAY = np.array([[0.2125, 0.7154, 0.0721, 1.0]])
# The same colours with alpha 1, 0.5, 0 and 0.25: alpha is dropped, the grey is unchanged.
HAND_ALPHA = np.array([1.0, 0.5, 0.0, 0.25])
HAND_RGBA = np.concatenate([HAND_RGB, HAND_ALPHA.reshape(1, 4, 1)], axis=2)

_REC601 = np.array([0.299, 0.587, 0.114])


def _colour_only(wrong):
    """A mistake that only concerns colour images; a grey image makes it raise (no match)."""

    def mistake(image):
        image = np.asarray(image)
        if image.ndim != 3:
            raise ValueError("not a colour image")
        return wrong(image)

    return mistake


def _rgba_only(wrong):
    def mistake(image):
        image = np.asarray(image)
        if image.ndim != 3 or image.shape[-1] != 4:
            raise ValueError("not an RGBA image")
        return wrong(image.astype(float))

    return mistake


TO_GRAY = Exercise(
    name="to_gray",
    shape_rule="the grey image has the input's height and width, (H, W)",
    dtype="float64",
    misconceptions=(
        Misconception(
            "you used the weights 0.299, 0.587, 0.114 (ITU-R BT.601, as in PIL's convert('L')); "
            "the contract uses skimage.color.rgb2gray's 0.2125, 0.7154, 0.0721",
            _colour_only(lambda image: image[..., :3].astype(float) @ _REC601),
        ),
        Misconception(
            "you took the plain mean of R, G and B; the eye is most sensitive to green, so "
            "luminance weights are 0.2125 R + 0.7154 G + 0.0721 B",
            _colour_only(lambda image: image[..., :3].astype(float).mean(axis=-1)),
        ),
        Misconception(
            "you averaged all four channels of the RGBA image, alpha included; "
            "drop the alpha channel (image[..., :3]) before weighting R, G and B",
            _rgba_only(lambda image: image.mean(axis=-1)),
        ),
        Misconception(
            "you blended the RGBA image onto a white background (that is what "
            "skimage.color.rgba2rgb does); the contract drops alpha: use image[..., :3]",
            _rgba_only(lambda image: skimage.color.rgb2gray(skimage.color.rgba2rgb(image))),
        ),
        Misconception(
            "you multiplied the colours by alpha (blending onto black); "
            "the contract drops alpha: use image[..., :3]",
            _rgba_only(lambda image: skimage.color.rgb2gray(image[..., :3] * image[..., 3:])),
        ),
        Misconception(
            "you rescaled an integer image to [0, 1] (skimage.color.rgb2gray does that for "
            "uint8); the contract keeps the values: convert to float first, without dividing",
            lambda image: (
                skimage.color.rgb2gray(np.asarray(image)[..., :3])
                if np.asarray(image).ndim == 3
                else skimage.util.img_as_float(np.asarray(image))
            ),
        ),
        Misconception(
            "you kept only the first (red) channel; a grey value mixes all three colours",
            _colour_only(lambda image: image[..., 0].astype(float)),
        ),
    ),
)

BAD_GRAY_INPUTS = (
    ("a 1-D array", np.linspace(0, 1, 6), "a 1-D array is not an image"),
    ("two channels", np.zeros((4, 5, 2)), "an image with 2 channels is neither RGB nor RGBA"),
    ("five channels", np.zeros((4, 5, 5)), "an image with 5 channels is neither RGB nor RGBA"),
)
HIDDEN_BAD_GRAY_INPUTS = (
    ("a single-channel (H, W, 1) image", np.zeros((4, 5, 1)), "(H, W, 1) is neither grey nor RGB"),
    ("channels first, (3, H, W)", np.zeros((3, 4, 5)), "the channels must be the last axis"),
    ("a 4-D stack", np.zeros((2, 4, 5, 3)), "a stack of images is not one image"),
    ("a NaN pixel", np.array([[0.0, np.nan], [1.0, 1.0]]), "NaN is not a brightness"),
)


def _gray_hand_cases() -> list[Case]:
    return [
        Case("red, green, blue and white pixels (worked by hand)", (HAND_RGB,), HAND_GRAY),
        Case("the same pixels in RGBA, alpha ignored", (HAND_RGBA,), HAND_GRAY),
        Case(
            "a grey 2-D image comes back unchanged",
            (np.array([[0.0, 0.25, 0.5], [0.75, 1.0, 0.125]]),),
            np.array([[0.0, 0.25, 0.5], [0.75, 1.0, 0.125]]),
        ),
        Case(
            "a uint8 RGB image keeps its 0..255 scale",
            ((HAND_RGB * 200).astype(np.uint8),),
            HAND_GRAY * 200,
        ),
    ]


def _gray_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "to_gray")
    cases = []
    for index in range(count):
        height, width = (int(v) for v in rng.integers(3, 12, size=2))
        if height == width:
            width += 1
        channels = (3, 4, None)[index % 3]
        shape = (height, width) if channels is None else (height, width, channels)
        image = rng.uniform(0, 1, size=shape)
        if index == 5:
            image = np.round(image * 255).astype(np.uint8)
        kind = {3: "RGB", 4: "RGBA", None: "grey"}[channels]
        cases.append(
            Case(
                f"random {kind} image {index + 1} ({height}x{width}, {image.dtype})",
                (image,),
                ref.to_gray(image),
            )
        )
    return cases


def _bad_gray_cases(hidden: bool = False) -> list[Case]:
    table = HIDDEN_BAD_GRAY_INPUTS if hidden else BAD_GRAY_INPUTS
    return [Case(label, (image,), Raises(ValueError, why)) for label, image, why in table]


def to_gray_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, random and bad-input cases for ``to_gray``."""
    return _gray_hand_cases() + _gray_random_cases(seed) + _bad_gray_cases()


# ---------------------------------------------------------------------- sobel_magnitude

# A dark-to-bright vertical step. Convolution flips SOBEL_X, so each output is
# (left column - right column) weighted 1, 2, 1 down the window: where the step lies between
# the left and right neighbours, (0 - 1) * (1 + 2 + 1) = -4; elsewhere the neighbours are
# equal ('symm' repeats the border pixel) and the response is 0. SOBEL_Y gives 0 everywhere.
HAND_STEP = np.array([[0, 0, 1, 1, 1]] * 4, dtype=float)
HAND_STEP_MAGNITUDE = np.array([[0, 4, 4, 0, 0]] * 4, dtype=float)
# A single bright pixel: each response is the (flipped) kernel itself, so the magnitude is
# hypot(1, 1) = sqrt(2) at the corners, hypot(2, 0) = 2 at the sides and 0 in the middle.
HAND_IMPULSE = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=float)
HAND_IMPULSE_MAGNITUDE = np.array(
    [[np.sqrt(2), 2, np.sqrt(2)], [2, 0, 2], [np.sqrt(2), 2, np.sqrt(2)]]
)

SAME_SHAPE_RULE = "mode='same' keeps the image's shape (H, W)"


def _sobel(boundary="symm", mode="same", pad=None):
    """Both Sobel responses computed with another border or output size."""

    def responses(image):
        image = np.asarray(image, dtype=float)
        if image.size == 0:  # scipy's C code can die of SIGFPE on an empty image
            raise ValueError("validate empty images before calling scipy")
        if pad is not None:
            padded = np.pad(image, 1, mode=pad)
            return (
                scipy.signal.convolve2d(padded, ref.SOBEL_X, mode="valid"),
                scipy.signal.convolve2d(padded, ref.SOBEL_Y, mode="valid"),
            )
        return (
            scipy.signal.convolve2d(image, ref.SOBEL_X, mode=mode, boundary=boundary),
            scipy.signal.convolve2d(image, ref.SOBEL_Y, mode=mode, boundary=boundary),
        )

    return responses


def _combine(how):
    def wrong(image):
        gx, gy = ref.sobel_components(image)
        return how(gx, gy)

    return wrong


SOBEL_MAGNITUDE = Exercise(
    name="sobel_magnitude",
    shape_rule=SAME_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you added the absolute values |gx| + |gy|; the magnitude is the length of the "
            "gradient vector, sqrt(gx**2 + gy**2) = np.hypot(gx, gy)",
            _combine(lambda gx, gy: np.abs(gx) + np.abs(gy)),
        ),
        Misconception(
            "you returned the squared magnitude gx**2 + gy**2: take the square root "
            "(np.hypot(gx, gy) does both)",
            _combine(lambda gx, gy: gx**2 + gy**2),
        ),
        Misconception(
            "you used only the x response (changes from left to right); combine it with the "
            "y response: np.hypot(gx, gy)",
            _combine(lambda gx, gy: np.abs(gx)),
        ),
        Misconception(
            "you used only the y response (changes from top to bottom); combine it with the "
            "x response: np.hypot(gx, gy)",
            _combine(lambda gx, gy: np.abs(gy)),
        ),
        Misconception(
            "you used the same Sobel kernel twice; gx needs sobel_x and gy needs sobel_y",
            _combine(lambda gx, gy: np.sqrt(2) * np.abs(gx)),
        ),
        Misconception(
            "you used the same Sobel kernel twice; gx needs sobel_x and gy needs sobel_y",
            _combine(lambda gx, gy: np.sqrt(2) * np.abs(gy)),
        ),
        Misconception(
            "your result is skimage.filters.sobel's, which is 4*sqrt(2) times smaller: it "
            "divides each kernel by 4 and the root-sum-of-squares by sqrt(2). Compute the two "
            "responses with scipy.signal.convolve2d and slide 10's kernels",
            lambda image: skimage.filters.sobel(np.asarray(image, dtype=float)),
        ),
        Misconception(
            "you divided the sum of squares by 2 before the square root (a root-mean-square); "
            "the magnitude is np.hypot(gx, gy), with no averaging",
            _combine(lambda gx, gy: np.sqrt((gx**2 + gy**2) / 2)),
        ),
        Misconception(
            "the border is wrong: you padded with zeros (boundary='fill', the default of "
            "convolve2d), which makes a fake edge all around the image; use boundary='symm'",
            lambda image: np.hypot(*_sobel(boundary="fill")(image)),
        ),
        Misconception(
            "the border is wrong: boundary='wrap' glues the left edge to the right one; "
            "use boundary='symm', which mirrors the image at its border",
            lambda image: np.hypot(*_sobel(boundary="wrap")(image)),
        ),
        Misconception(
            "the border is wrong: np.pad(mode='reflect') (and scipy.ndimage's 'mirror') skip "
            "the border pixel when mirroring; boundary='symm' repeats it, like "
            "np.pad(mode='symmetric') or scipy.ndimage's 'reflect'",
            lambda image: np.hypot(*_sobel(pad="reflect")(image)),
        ),
        Misconception(
            "your output is 2 pixels smaller in each axis: that is mode='valid'. "
            "Use mode='same', boundary='symm' so the edge map lines up with the image",
            lambda image: np.hypot(*_sobel(mode="valid")(image)),
        ),
        Misconception(
            "your output is 2 pixels larger in each axis: that is mode='full'. "
            "Use mode='same', boundary='symm' so the edge map lines up with the image",
            lambda image: np.hypot(*_sobel(mode="full")(image)),
        ),
    ),
)

BAD_SOBEL_INPUTS = (
    ("a 1-D array", np.linspace(0, 1, 6), "a 1-D array is not an image"),
    ("an RGB image", np.zeros((4, 5, 3)), "a colour image must go through to_gray first"),
    # Never an empty image: a learner's convolve2d(..., 'full', boundary='symm') would die of
    # SIGFPE inside scipy and take the kernel with it (see the module's docstring).
)
HIDDEN_BAD_SOBEL_INPUTS = (
    ("an RGBA image", np.zeros((4, 5, 4)), "a colour image must go through to_gray first"),
    ("a single number", np.float64(0.5), "a number is not an image"),
    ("an infinite pixel", np.array([[0.0, np.inf], [1.0, 1.0]]), "inf is not a brightness"),
    ("a 4-D stack", np.zeros((2, 4, 5, 3)), "a stack of images is not one image"),
)


def _sobel_hand_cases() -> list[Case]:
    return [
        Case("vertical step (worked by hand)", (HAND_STEP,), HAND_STEP_MAGNITUDE),
        Case("horizontal step: the same edge turned", (HAND_STEP.T,), HAND_STEP_MAGNITUDE.T),
        Case("single bright pixel (worked by hand)", (HAND_IMPULSE,), HAND_IMPULSE_MAGNITUDE),
        Case(
            "uint8 step, 0 to 200",
            ((HAND_STEP * 200).astype(np.uint8),),
            HAND_STEP_MAGNITUDE * 200,
        ),
    ]


def _sobel_random_cases(seed: int, count: int = 5) -> list[Case]:
    rng = rng_for(seed, "sobel_magnitude")
    cases = []
    for index in range(count):
        height, width = (int(v) for v in rng.integers(4, 16, size=2))
        if height == width:
            width += 2
        image = rng.uniform(0, 1, size=(height, width))
        cases.append(
            Case(
                f"random image {index + 1} ({height}x{width})",
                (image,),
                ref.sobel_magnitude(image),
            )
        )
    image = rng.uniform(0, 1, size=(1, 7))
    cases.append(Case("a single-row image", (image,), ref.sobel_magnitude(image)))
    return cases


def _bad_sobel_cases(hidden: bool = False) -> list[Case]:
    table = HIDDEN_BAD_SOBEL_INPUTS if hidden else BAD_SOBEL_INPUTS
    return [Case(label, (image,), Raises(ValueError, why)) for label, image, why in table]


def sobel_magnitude_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, random and bad-input cases for ``sobel_magnitude``."""
    return _sobel_hand_cases() + _sobel_random_cases(seed) + _bad_sobel_cases()


# ---------------------------------------------------------------------- edge_mask

# Largest magnitude 8, threshold 0.5: the cut is 0.5 * 8 = 4, and only values above 4 count.
# The 4 itself is *not* an edge pixel (strictly greater), which catches >= instead of >.
HAND_MAGNITUDE = np.array([[0, 1, 2, 4], [3, 4, 6, 8]], dtype=float)
HAND_THRESHOLD = 0.5
HAND_MASK = np.array([[False, False, False, False], [False, False, True, True]])

EDGE_MASK = Exercise(
    name="edge_mask",
    shape_rule="the mask has the magnitude's shape",
    misconceptions=(
        Misconception(
            "pixels exactly at the cut count as edges in your mask: use > (strictly greater), "
            "not >=",
            lambda magnitude, threshold: magnitude >= threshold * magnitude.max(),
        ),
        Misconception(
            "you compared the magnitude with the threshold itself; the threshold is a fraction "
            "of the largest magnitude: magnitude > threshold * magnitude.max()",
            lambda magnitude, threshold: magnitude > threshold,
        ),
        Misconception(
            "your mask is inverted: it marks the flat regions; edge pixels are those whose "
            "magnitude is *above* the cut",
            lambda magnitude, threshold: magnitude <= threshold * magnitude.max(),
        ),
        Misconception(
            "you scaled the threshold between the smallest and largest magnitude; the contract "
            "uses a fraction of the largest: magnitude > threshold * magnitude.max()",
            lambda magnitude, threshold: (
                magnitude > magnitude.min() + threshold * (magnitude.max() - magnitude.min())
            ),
        ),
        Misconception(
            "you compared with a fraction of the mean magnitude; the contract uses the "
            "largest: magnitude > threshold * magnitude.max()",
            lambda magnitude, threshold: magnitude > threshold * magnitude.mean(),
        ),
    ),
)

BAD_MASK_INPUTS = (
    ("a negative threshold", (HAND_MAGNITUDE, -0.1), "the threshold must be at least 0"),
    ("a threshold of 1", (HAND_MAGNITUDE, 1.0), "a threshold of 1 can never be exceeded"),
    ("a threshold of 30 (percent?)", (HAND_MAGNITUDE, 30), "the threshold is a fraction, < 1"),
    (
        "a signed response instead of a magnitude",
        (HAND_MAGNITUDE - 4, 0.5),
        "a magnitude is never negative",
    ),
    ("a 3-D array", (np.ones((3, 4, 3)), 0.5), "the magnitude must be 2-D"),
)
HIDDEN_BAD_MASK_INPUTS = (
    ("a threshold of 1.5", (HAND_MAGNITUDE, 1.5), "the threshold is a fraction, < 1"),
    ("a threshold of -1", (HAND_MAGNITUDE, -1), "the threshold must be at least 0"),
    ("a 1-D magnitude", (np.arange(5.0), 0.5), "the magnitude must be 2-D"),
    ("a NaN magnitude", (np.array([[0.0, np.nan], [1.0, 2.0]]), 0.5), "NaN is not a magnitude"),
    ("one negative value", (np.array([[0.0, -1e-3], [1.0, 2.0]]), 0.5), "a magnitude is >= 0"),
)


def _mask_hand_cases() -> list[Case]:
    return [
        Case("2x4 magnitude, threshold 0.5 (worked by hand)", (HAND_MAGNITUDE, 0.5), HAND_MASK),
        Case(
            "threshold 0: every pixel with any gradient",
            (HAND_MAGNITUDE, 0.0),
            HAND_MAGNITUDE > 0,
        ),
        Case(
            "a flat image (all zeros) has no edges",
            (np.zeros((3, 4)), 0.2),
            np.zeros((3, 4), dtype=bool),
        ),
    ]


def _mask_random_cases(seed: int, count: int = 5) -> list[Case]:
    rng = rng_for(seed, "edge_mask")
    cases = []
    for index in range(count):
        height, width = (int(v) for v in rng.integers(3, 12, size=2))
        if height == width:
            width += 1
        if index % 2 == 0:
            # Whole numbers with the maximum 8 and quarter thresholds: values land exactly on
            # the cut, so >= and > differ.
            magnitude = rng.integers(0, 9, size=(height, width)).astype(float)
            magnitude[rng.integers(height), rng.integers(width)] = 8.0
            threshold = float(rng.choice([0.25, 0.5, 0.75]))
        else:
            magnitude = ref.sobel_magnitude(rng.uniform(0, 1, size=(height, width)))
            threshold = float(rng.uniform(0.1, 0.9))
        cases.append(
            Case(
                f"random case {index + 1} ({height}x{width})",
                (magnitude, threshold),
                ref.edge_mask(magnitude, threshold),
            )
        )
    return cases


def _bad_mask_cases(hidden: bool = False) -> list[Case]:
    table = HIDDEN_BAD_MASK_INPUTS if hidden else BAD_MASK_INPUTS
    return [Case(label, args, Raises(ValueError, why)) for label, args, why in table]


def edge_mask_cases(seed: int = 0) -> list[Case]:
    """Hand-worked, random and bad-input cases for ``edge_mask``."""
    return _mask_hand_cases() + _mask_random_cases(seed) + _bad_mask_cases()


def _boolean_outcome(func) -> Outcome | None:
    """The feedback engine compares values; whether the mask is boolean is judged here.

    Returns None when the function cannot even run on the hand example: the value cases
    report that already.
    """
    try:
        result = func(HAND_MAGNITUDE.copy(), HAND_THRESHOLD)
    except Exception:
        return None
    return _boolean_verdict(result)


def _boolean_verdict(result) -> Outcome:
    label = "the mask is a boolean array"
    dtype = getattr(result, "dtype", None)
    if isinstance(result, np.ndarray) and result.dtype == np.bool_:
        return Outcome(label, True)
    kind = f"dtype {dtype}" if dtype is not None else f"a {type(result).__name__}"
    return Outcome(
        label,
        False,
        f"the mask must be a NumPy array of booleans (True on edges), got {kind}; "
        "a comparison such as magnitude > cut gives one, and it can index an image",
    )


# ---------------------------------------------------------------------- front ends


def _run_with_boolean_verdict(func, cases: list[Case], exercise: Exercise) -> list[Outcome]:
    """The value cases, then whether the mask is boolean (judged even when a value is wrong)."""
    outcomes = run_cases(func, cases, exercise)
    extra = _boolean_outcome(func) if callable(func) else None
    return outcomes + ([extra] if extra is not None else [])


check_to_gray = visible_check(TO_GRAY, to_gray_cases)
check_sobel_magnitude = visible_check(SOBEL_MAGNITUDE, sobel_magnitude_cases)
check_edge_mask = visible_check(
    EDGE_MASK,
    edge_mask_cases,
    run=_run_with_boolean_verdict,
    doc="Visible check: values, then the boolean dtype; print what passed and why not.",
)

assert_to_gray_hand = graded_assertion(
    TO_GRAY,
    _gray_hand_cases,
    "hand",
    doc="Graded: pure colours worked out by hand (RGB, RGBA, uint8) and a grey image.",
)

assert_to_gray_random = graded_assertion(
    TO_GRAY,
    lambda seed: _gray_random_cases(seed),
    "random",
    doc="Graded: random grey, RGB and RGBA images, non-square, float and uint8.",
)

assert_to_gray_bad_input = graded_assertion(
    TO_GRAY,
    _bad_gray_cases,
    "bad_input",
    doc="Graded: shapes that are not grey, RGB or RGBA raise ValueError (``hidden``: other ones).",
)

assert_sobel_magnitude_hand = graded_assertion(
    SOBEL_MAGNITUDE,
    _sobel_hand_cases,
    "hand",
    doc="Graded: the step and the single bright pixel worked out by hand.",
)

assert_sobel_magnitude_random = graded_assertion(
    SOBEL_MAGNITUDE,
    lambda seed: _sobel_random_cases(seed),
    "random",
    doc="Graded: random non-square images against scipy.signal.convolve2d.",
)

assert_sobel_magnitude_bad_input = graded_assertion(
    SOBEL_MAGNITUDE,
    _bad_sobel_cases,
    "bad_input",
    doc="Graded: 1-D and colour images raise ValueError (``hidden``: numbers, inf, 4-D stacks).",
)

assert_edge_mask_hand = graded_assertion(
    EDGE_MASK,
    _mask_hand_cases,
    "hand",
    doc="Graded: the magnitudes worked out by hand, threshold 0 and a flat image.",
)

assert_edge_mask_random = graded_assertion(
    EDGE_MASK,
    lambda seed: _mask_random_cases(seed),
    "random",
    doc="Graded: random magnitudes and thresholds, with values exactly on the cut.",
)


assert_edge_mask_boolean = graded_assertion(
    EDGE_MASK,
    lambda: [],
    "boolean",
    then=lambda func: _boolean_verdict(func(HAND_MAGNITUDE.copy(), HAND_THRESHOLD)),
    doc="Graded: the mask is a boolean array.",
)

assert_edge_mask_bad_input = graded_assertion(
    EDGE_MASK,
    _bad_mask_cases,
    "bad_input",
    doc="Graded: bad thresholds, negative or non-2-D magnitudes raise ValueError (hidden: others).",
)
