"""Checks for lesson 9: ``correlate_color`` (per-channel valid cross-correlation of an
``(H, W, 3)`` image) and ``to_uint8`` (clip to [0, 255], round, cast)."""

from __future__ import annotations

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
from autograder.reference import l09_color as ref

# ---------------------------------------------------------------- worked by hand

# Red is lesson 1's 3x4 image, green is twice the red, blue is 1 everywhere.
HAND_RED = np.array([[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8]], dtype=float)
HAND_IMAGE = np.stack([HAND_RED, 2 * HAND_RED, np.ones((3, 4))], axis=2)  # shape (3, 4, 3)
HAND_KERNEL = np.array([[1, 2], [0, -1]], dtype=float)
# Red, as in lesson 1: out[0, 0] = 3*1 + 1*2 + 5*0 + 9*(-1) = -4, and so on.
# Green is twice the red, so its output is twice red's. Blue is flat: every window gives
# 1 + 2 + 0 - 1 = 2, the sum of the kernel. The output has shape (3 - 1, 4 - 1, 3) = (2, 3, 3).
HAND_OUTPUT = np.stack(
    [
        np.array([[-4, 7, 0], [20, 8, 6]], dtype=float),
        np.array([[-8, 14, 0], [40, 16, 12]], dtype=float),
        np.full((2, 3), 2.0),
    ],
    axis=2,
)

# to_uint8 on one row of values, one per trap:
#   -20 -> 0 (clipped; a plain cast gives 236 on x86 and 0 on ARM), 0.4 -> 0, 0.6 -> 1
#   (rounded, not cut), 127.2 -> 127, 254.7 -> 255 (rounded; truncation gives 254),
#   300 -> 255 (a plain cast wraps it: 44).
# Casting a float outside 0..255 to uint8 is undefined in C, so numpy's result depends on the
# machine (numpy issues #19881, #22951): x86 wraps negatives around (-20 -> 236), ARM (Apple
# Silicon, Raspberry Pi) gives 0. Both are named as the same mistake: the missing clip.
HAND_VALUES = np.array([[-20.0, 0.4, 0.6, 127.2, 254.7, 300.0]])
HAND_UINT8 = np.array([[0, 0, 1, 127, 255, 255]], dtype=np.uint8)

SHARPEN = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float)

COLOR_SHAPE_RULE = (
    "a 'valid' colour output has shape (H - kh + 1, W - kw + 1, 3): the rows and columns "
    "shrink as for a grey image, the 3 channels stay, and they stay last"
)

# ---------------------------------------------------------------- misconceptions


def _per_channel(image, kernel, function=scipy.signal.correlate2d, mode="valid"):
    image = np.asarray(image, dtype=float)
    return np.stack([function(image[:, :, c], kernel, mode=mode) for c in range(3)], axis=2)


def _summed(image, kernel):
    return _per_channel(image, kernel).sum(axis=2)


def _rows_as_channels(image, kernel):
    """``image[c]`` (or ``r, g, b = image``) picks rows 0, 1, 2, not the colour channels."""
    image = np.asarray(image, dtype=float)
    return np.stack(
        [scipy.signal.correlate2d(image[c], kernel, mode="valid") for c in range(3)], axis=2
    )


def _reshaped(image, kernel):
    """``image.reshape(3, H, W)`` does not move the channel axis: it scrambles the pixels."""
    image = np.asarray(image, dtype=float)
    height, width, _ = image.shape
    planes = image.reshape(3, height, width)
    return np.stack(
        [scipy.signal.correlate2d(plane, kernel, mode="valid") for plane in planes], axis=2
    )


MIXED = (
    "you mixed the colour channels: your result adds R, G and B together. Filter each "
    "channel on its own, out[:, :, c] from image[:, :, c], and keep 3 channels"
)

CORRELATE_COLOR = Exercise(
    name="correlate_color",
    shape_rule=COLOR_SHAPE_RULE,
    misconceptions=(
        Misconception(MIXED, _summed),
        Misconception(MIXED, lambda i, k: _summed(i, k)[:, :, np.newaxis]),
        Misconception(
            "you turned the image grey (the mean of the channels) before filtering; colour "
            "filtering keeps the 3 channels apart",
            lambda i, k: scipy.signal.correlate2d(np.mean(i, axis=2), k, mode="valid"),
        ),
        Misconception(
            "your channels come out in reverse order (B, G, R, OpenCV's order); keep them in "
            "the order they come in: R, G, B",
            lambda i, k: _per_channel(i, k)[:, :, ::-1],
        ),
        Misconception(
            "your output is channels-first, (3, H', W'); this course keeps channels last, "
            "(H', W', 3): stack the channels with axis=2 (or axis=-1)",
            lambda i, k: np.moveaxis(_per_channel(i, k), 2, 0),
        ),
        Misconception(
            "image[c] picks ROW c of an (H, W, 3) image, not channel c (the same goes for "
            "r, g, b = image); the channels are image[:, :, c]",
            _rows_as_channels,
        ),
        Misconception(
            "reshape does not move the channel axis: image.reshape(3, H, W) scrambles the "
            "pixels across channels. Use image[:, :, c] (or np.moveaxis(image, 2, 0))",
            _reshaped,
        ),
        Misconception(
            "your output has the input's size ('same' mode); 'valid' keeps only windows that "
            "fit inside the image, so each side shrinks by the kernel's size minus 1",
            lambda i, k: _per_channel(i, k, mode="same"),
        ),
        Misconception(
            "you used scipy.signal.convolve2d with its default mode, as slide 9 does: that is "
            "'full' size (H + kh - 1, W + kw - 1) AND a flipped kernel. Use correlate2d with "
            "mode='valid'",
            lambda i, k: _per_channel(i, k, scipy.signal.convolve2d, mode="full"),
        ),
        Misconception(
            "your output has the 'full' size (H + kh - 1, W + kw - 1): scipy's default mode. "
            "Pass mode='valid'",
            lambda i, k: _per_channel(i, k, mode="full"),
        ),
        Misconception(
            "you flipped the kernel: that is convolution. Cross-correlation uses kernel[m, n] "
            "as it is (scipy.signal.correlate2d, not convolve2d)",
            lambda i, k: _per_channel(i, k, scipy.signal.convolve2d),
        ),
    ),
)

NO_CLIP_NO_ROUND = (
    "uint8 wrap-around and truncation: the cast came before any clip or round, so values "
    "outside 0..255 came out wrong (300 becomes 44; -20 becomes 236 on x86, 0 on ARM) and "
    "fractions were cut off; clip to [0, 255], round, then cast"
)


def _cast_without_clip(whole, arm: bool) -> np.ndarray:
    """What ``whole.astype(np.uint8)`` gives for whole numbers outside 0..255: x86 wraps them
    modulo 256; ARM converts to a 32-bit unsigned int first, so negatives become 0."""
    whole = np.asarray(whole, dtype=float)
    if arm:
        whole = np.maximum(whole, 0)
    return whole.astype(np.int64).astype(np.uint8)  # int -> uint8 wraps on every machine


TO_UINT8 = Exercise(
    name="to_uint8",
    dtype="uint8",
    shape_rule="the output has the same shape as the input",
    misconceptions=(
        mistake("no clip", lambda x: _cast_without_clip(np.rint(x), arm=False)),
        mistake("no clip", lambda x: _cast_without_clip(np.rint(x), arm=True)),
        Misconception(NO_CLIP_NO_ROUND, lambda x: _cast_without_clip(np.trunc(x), arm=False)),
        Misconception(NO_CLIP_NO_ROUND, lambda x: _cast_without_clip(np.trunc(x), arm=True)),
        Misconception(
            "fractions were truncated, not rounded: astype(np.uint8) cuts 254.7 down to 254; "
            "round first with np.rint (or np.round)",
            lambda x: np.clip(np.asarray(x, float), 0, 255).astype(np.uint8),
        ),
        Misconception(
            "you clipped to [0, 1]: to_uint8 takes values on the 0-255 scale (the scale of "
            "uint8 pixels), so clip to [0, 255]",
            lambda x: np.rint(np.clip(np.asarray(x, float), 0, 1)).astype(np.uint8),
        ),
        Misconception(
            "you treated the input as [0, 1] and multiplied by 255: to_uint8 takes values that "
            "are already on the 0-255 scale; clip to [0, 255], round and cast, nothing more",
            lambda x: np.rint(np.clip(np.asarray(x, float), 0, 1) * 255).astype(np.uint8),
        ),
    ),
)

# ---------------------------------------------------------------- cases


def _random_color_pairs(seed: int, salt: str, count: int):
    rng = rng_for(seed, salt)
    for index in range(count):
        while True:
            height, width = (int(v) for v in rng.integers(4, 13, size=2))
            kh, kw = (int(v) for v in rng.integers(1, 6, size=2))
            asymmetric = index >= 2 or (height != width and kh != kw)
            if kh <= height and kw <= width and asymmetric:
                break
        integer = index % 2 == 0
        image = random_image(rng, (height, width, 3), integer)
        if not integer:
            image = (image + 1) / 2  # colour values in [0, 1], as load_image gives
        yield image, random_image(rng, (kh, kw), integer)


def correlate_color_hand_cases() -> list[Case]:
    only_red = np.zeros((4, 5, 3))
    only_red[:, :, 0] = np.arange(20, dtype=float).reshape(4, 5) / 19
    return [
        Case(
            "3x4 colour image, 2x2 kernel (worked by hand)", (HAND_IMAGE, HAND_KERNEL), HAND_OUTPUT
        ),
        Case(
            "only the red channel lit: green and blue must stay 0",
            (only_red, SHARPEN[:2, :]),
            ref.correlate_color(only_red, SHARPEN[:2, :]),
        ),
    ]


def correlate_color_random_cases(seed: int, count: int = 5) -> list[Case]:
    """Random non-square colour images and kernels (even sizes too)."""
    cases = []
    for index, (image, kernel) in enumerate(
        _random_color_pairs(seed, "correlate_color", count), start=1
    ):
        height, width, _ = image.shape
        cases.append(
            Case(
                f"random case {index} ({height}x{width}x3 image, "
                f"{kernel.shape[0]}x{kernel.shape[1]} kernel)",
                (image, kernel),
                ref.correlate_color(image, kernel),
            )
        )
    return cases


def correlate_color_photo_cases(seed: int = 0) -> list[Case]:
    """A crop of the coffee photo as floats in [0, 1], and as uint8 pixels (as PIL loads it)."""
    from course.data import load_image

    rng = rng_for(seed, "correlate_color-photo")
    top, left = int(rng.integers(0, 160)), int(rng.integers(0, 240))
    crop = load_image("color_image.jpg")[top : top + 40, left : left + 60]
    pixels = np.round(crop * 255).astype(np.uint8)
    box = rng.uniform(0.5, 1.5, size=(3, 4))
    return [
        Case(
            "40x60 crop of the coffee photo, sharpen kernel",
            (crop, SHARPEN),
            ref.correlate_color(crop, SHARPEN),
        ),
        Case(
            "the same crop as uint8 pixels (0-255), as on slide 9",
            (pixels, SHARPEN.astype(np.int64)),
            ref.correlate_color(pixels, SHARPEN),
        ),
        Case("the crop with a 3x4 kernel", (crop, box), ref.correlate_color(crop, box)),
    ]


def correlate_color_invalid_cases(seed: int) -> list[Case]:
    """Inputs that must raise ValueError: not (H, W, 3), or a kernel too large for it."""
    rng = rng_for(seed, "correlate_color-invalid")
    height, width = int(rng.integers(5, 9)), int(rng.integers(9, 13))
    kernel = random_image(rng, (3, 3), True)
    colour = rng.uniform(0, 1, size=(height, width, 3))
    not_rgb = "the image must have shape (H, W, 3)"
    return [
        Case("a grey (H, W) image", (colour[:, :, 0], kernel), Raises(ValueError, not_rgb)),
        Case(
            "an RGBA (H, W, 4) image",
            (rng.uniform(0, 1, size=(height, width, 4)), kernel),
            Raises(ValueError, not_rgb),
        ),
        Case(
            "a channels-first (3, H, W) image",
            (np.moveaxis(colour, 2, 0), kernel),
            Raises(ValueError, not_rgb),
        ),
        Case(
            "a kernel one row taller than the image",
            (colour, random_image(rng, (height + 1, 2), True)),
            Raises(ValueError, "the kernel is larger than the image"),
        ),
    ]


def to_uint8_hand_cases() -> list[Case]:
    pixels = np.arange(0, 256, 17, dtype=np.uint8).reshape(4, 4)
    return [
        Case("one row of values, one per trap (worked by hand)", (HAND_VALUES,), HAND_UINT8),
        Case("uint8 pixels come back unchanged", (pixels,), pixels.copy()),
    ]


def to_uint8_random_cases(seed: int, count: int = 4) -> list[Case]:
    """Random grey and colour arrays on the 0-255 scale, reaching below 0 and above 255."""
    rng = rng_for(seed, "to_uint8")
    cases = []
    for index in range(count):
        height, width = (int(v) for v in rng.integers(3, 12, size=2))
        shape = (height, width, 3) if index % 2 == 0 else (height, width)
        values = rng.uniform(-150.0, 420.0, size=shape)
        label = "x".join(str(side) for side in shape)
        cases.append(Case(f"random {label} array", (values,), ref.to_uint8(values)))
    sharpened = ref.correlate_color(
        rng.uniform(0, 255, size=(9, 11, 3)), SHARPEN
    )  # what a sharpened image looks like
    cases.append(Case("a sharpened 9x11 colour image", (sharpened,), ref.to_uint8(sharpened)))
    return cases


def to_uint8_invalid_cases(seed: int) -> list[Case]:
    """A NaN has no pixel value: it must raise ValueError, not become 0 silently."""
    rng = rng_for(seed, "to_uint8-invalid")
    values = rng.uniform(0, 255, size=(int(rng.integers(3, 8)), int(rng.integers(3, 8)), 3))
    values[tuple(int(rng.integers(0, side)) for side in values.shape)] = np.nan
    return [Case("an image with a NaN", (values,), Raises(ValueError, "NaN is not a pixel value"))]


# ---------------------------------------------------------------- front ends


check_correlate_color = visible_check(
    CORRELATE_COLOR,
    lambda: (
        correlate_color_hand_cases()
        + correlate_color_random_cases(seed=0, count=3)
        + correlate_color_photo_cases(seed=0)[:2]
        + correlate_color_invalid_cases(seed=0)[::2]
    ),
    doc="Visible check: the hand-worked image, random ones, the photo, and bad input.",
)

check_to_uint8 = visible_check(
    TO_UINT8,
    lambda: to_uint8_hand_cases() + to_uint8_random_cases(seed=0) + to_uint8_invalid_cases(0),
    doc="Visible check: the hand-worked row, random arrays, and a NaN.",
)

assert_correlate_color_hand = graded_assertion(
    CORRELATE_COLOR,
    correlate_color_hand_cases,
    "hand",
    doc="Graded: the example worked out by hand, and a red-only image.",
)

assert_correlate_color_random = graded_assertion(
    CORRELATE_COLOR,
    lambda seed: correlate_color_random_cases(seed, count=6),
    "random",
    doc="Graded: random non-square colour images and kernels.",
)

assert_correlate_color_photo = graded_assertion(
    CORRELATE_COLOR,
    lambda seed: correlate_color_photo_cases(seed),
    "photo",
    doc="Graded: crops of the coffee photo, as floats and as uint8 pixels.",
)

assert_correlate_color_invalid = graded_assertion(
    CORRELATE_COLOR,
    correlate_color_invalid_cases,
    "invalid",
    doc="Graded: a grey, RGBA or channels-first image, or a too-large kernel, raises ValueError.",
)

assert_to_uint8_hand = graded_assertion(
    TO_UINT8,
    to_uint8_hand_cases,
    "hand",
    doc="Graded: the row worked out by hand, and uint8 input unchanged.",
)

assert_to_uint8_random = graded_assertion(
    TO_UINT8,
    lambda seed: to_uint8_random_cases(seed, count=6),
    "random",
    doc="Graded: random arrays reaching below 0 and above 255, grey and colour.",
)

assert_to_uint8_invalid = graded_assertion(
    TO_UINT8,
    to_uint8_invalid_cases,
    "invalid",
    doc="Graded: an image with a NaN raises ValueError.",
)
