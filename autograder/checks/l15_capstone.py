"""Checks for lesson 15: ``conv2d(image, kernel, stride=1, padding=0, dilation=1)``.

General 2-D cross-correlation (the deep-learning "conv"): zero padding, stride and dilation,
each an int or a pair ``(rows, columns)``; output size per Dumoulin & Visin.
"""

from __future__ import annotations

import itertools

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
    say,
    visible_check,
)
from autograder.reference import l15_capstone as ref

# ---------------------------------------------------------------- worked by hand
# The image 1..20 in 4 rows and 5 columns, and the kernel [[1, 0], [0, 2]]:
# out[i, j] = P[i s + 0, j s + 0] + 2 P[i s + d, j s + d], P the zero-padded image.
HAND_IMAGE = np.arange(1, 21, dtype=float).reshape(4, 5)
HAND_KERNEL = np.array([[1.0, 0.0], [0.0, 2.0]])

# stride 2: floor((4 - 2) / 2) + 1 = 2 rows, floor((5 - 2) / 2) + 1 = 2 columns (ceil: 3);
# out[0, 0] = 1 + 2*7 = 15, out[0, 1] = 3 + 2*9 = 21, out[1, 0] = 11 + 2*17 = 45, ...
HAND_STRIDE = np.array([[15.0, 21.0], [45.0, 51.0]])

# padding 1 with the 1x1 kernel [[2]] on [[1, 2, 3], [4, 5, 6]]: a zero frame, doubled inside.
HAND_PAD_IMAGE = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
HAND_PAD = np.array(
    [[0, 0, 0, 0, 0], [0, 2, 4, 6, 0], [0, 8, 10, 12, 0], [0, 0, 0, 0, 0]], dtype=float
)

# dilation 2: the taps sit 2 apart, the kernel spans 3x3; output (4 - 3 + 1, 5 - 3 + 1);
# out[0, 0] = 1 + 2*13 = 27, out[0, 1] = 2 + 2*14 = 30, ..., out[1, 2] = 8 + 2*20 = 48.
HAND_DILATION = np.array([[27.0, 30.0, 33.0], [42.0, 45.0, 48.0]])

# stride (1, 2), padding (1, 0), dilation (2, 1): P has a zero row above and below;
# rows: floor((4 + 2 - 2 - 1) / 1) + 1 = 4, columns: floor((5 - 1 - 1) / 2) + 1 = 2;
# out[i, j] = P[i, 2j] + 2 P[i + 2, 2j + 1]: out[0, 0] = 0 + 2*7 = 14, out[3, 1] = 13 + 0 = 13.
HAND_MIXED_SETTINGS = {"stride": (1, 2), "padding": (1, 0), "dilation": (2, 1)}
HAND_MIXED = np.array([[14.0, 18.0], [25.0, 31.0], [40.0, 46.0], [11.0, 13.0]])

SHAPE_RULE = (
    "each axis has floor((n + 2p - d(k - 1) - 1) / s) + 1 positions (Dumoulin & Visin), "
    "with n the image size, k the kernel size, p the padding, d the dilation, s the stride"
)


# ---------------------------------------------------------------- misconceptions


def _settings(kwargs) -> dict[str, tuple[int, int]]:
    return {
        name: ref.setting_pair(kwargs.get(name, low), name) for name, low in ref.SETTINGS.items()
    }


def _with(change):
    """The reference with one setting changed: change(settings) -> settings (or None)."""

    def wrong(image, kernel, **kwargs):
        settings = change(_settings(kwargs))
        if settings is None:
            return None
        return ref.conv2d(image, kernel, **settings)

    return wrong


def _one_axis(name: str, axis: int):
    def change(settings):
        kept = list(settings[name])
        kept[1 - axis] = ref.SETTINGS[name]  # the other axis left at the default
        return {**settings, name: tuple(kept)}

    return change


def _swapped(*names: str):
    def change(settings):
        return {**settings, **{name: settings[name][::-1] for name in names}}

    return change


def _dilation_shift(shift: int):
    def change(settings):
        dilation = tuple(d + shift for d in settings["dilation"])
        if min(dilation) < 1:
            return None
        return {**settings, "dilation": dilation}

    return change


def _flipped(image, kernel, **kwargs):
    return ref.conv2d(image, np.asarray(kernel, dtype=float)[::-1, ::-1], **kwargs)


def _pad_change(widths_of):
    """Pad by hand (a wrong amount or side), then run with padding 0."""

    def wrong(image, kernel, **kwargs):
        settings = _settings(kwargs)
        (pr, pc) = settings["padding"]
        if pr == pc == 0:
            return None
        padded = np.pad(np.asarray(image, dtype=float), widths_of(pr, pc))
        return ref.conv2d(padded, kernel, **{**settings, "padding": 0})

    return wrong


# What one-sided padding misses, after "padding on one side only: you put ...".
BOTH_SIDES = (
    "zero padding puts p zeros on BOTH sides of each axis, p rows above and below, p columns "
    "left and right: np.pad(image, ((p_h, p_h), (p_w, p_w))), where each pair is (before, after)"
)
# How an axis was padded: on both sides (right), before or after only, or not at all.
_SIDES = ("both", "before", "after", "none")
_SIDE_NAMES = (("above", "below"), ("on the left", "on the right"))


def _side_widths(amount: int, side: str, factor: int) -> tuple[int, int]:
    return {
        "both": (amount, amount),
        "before": (factor * amount, 0),
        "after": (0, factor * amount),
        "none": (0, 0),
    }[side]


def _one_sided_padding() -> list[Misconception]:
    """Every mix of sides where at least one axis is padded on one side, with p or 2p zeros.

    "Only the top and the left" and "only the bottom and the right" with p zeros have their
    own messages above; "rows only" and "columns only" too.
    """
    found = []
    for sides in itertools.product(_SIDES, repeat=2):
        if not {"before", "after"} & set(sides):
            continue
        for factor in (1, 2):
            if factor == 1 and sides in (("before", "before"), ("after", "after")):
                continue

            def widths(pr, pc, sides=sides, factor=factor):
                return tuple(_side_widths(p, side, factor) for p, side in zip((pr, pc), sides))

            where = []
            for axis, side in enumerate(sides):
                label = ("rows", "columns")[axis]
                if side in ("before", "after"):
                    zeros = "2p" if factor == 2 else "p"
                    place = _SIDE_NAMES[axis][side == "after"]
                    where.append(f"{zeros} zero {label} {place} only")
                elif side == "none":
                    where.append(f"no zero {label} at all")
            message = say("one-sided padding", where=" and ".join(where), sides=BOTH_SIDES)
            found.append(Misconception(message, _pad_change(widths)))
    return found


def _ceil(image, kernel, **kwargs):
    """Output size with ceil: the last, partial window reads zeros past the bottom/right."""
    settings = _settings(kwargs)
    image = np.asarray(image, dtype=float)
    extra = []
    for n, k, s, p, d in zip(image.shape, np.shape(kernel), *settings.values()):
        span = n + 2 * p - d * (k - 1) - 1
        ceil_size = -(-span // s) + 1
        extra.append((ceil_size - 1) * s - span)
    if extra == [0, 0]:
        return None
    return ref.conv2d(np.pad(image, ((0, extra[0]), (0, extra[1]))), kernel, **settings)


def _stride_ignored_in_windows(image, kernel, **kwargs):
    """Right output size, but window (i, j) starts at (i, j) instead of (i s, j s)."""
    settings = _settings(kwargs)
    if settings["stride"] == (1, 1):
        return None
    rows, cols = ref.conv2d(image, kernel, **settings).shape
    return ref.conv2d(image, kernel, **{**settings, "stride": 1})[:rows, :cols]


def _image_subsampled(image, kernel, **kwargs):
    """Every s-th pixel of the padded image taken first, then a stride-1 correlation."""
    settings = _settings(kwargs)
    (sr, sc), (pr, pc) = settings["stride"], settings["padding"]
    if (sr, sc) == (1, 1):
        return None
    padded = np.pad(np.asarray(image, dtype=float), ((pr, pr), (pc, pc)))[::sr, ::sc]
    return scipy.signal.correlate2d(
        padded, ref.dilate_kernel(kernel, settings["dilation"]), mode="valid"
    )


CONV2D = Exercise(
    name="conv2d",
    shape_rule=SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you flipped the kernel: that is convolution in the signal-processing sense. "
            "The deep-learning conv is cross-correlation: kernel[m, n] meets "
            "P[i*s + m*d, j*s + n*d] as it is",
            _flipped,
        ),
        Misconception(
            "the stride was applied to the rows only: the columns must also advance by "
            "stride[1] (an int stride means the same step in both axes)",
            _with(_one_axis("stride", 0)),
        ),
        Misconception(
            "the stride was applied to the columns only: the rows must also advance by "
            "stride[0] (an int stride means the same step in both axes)",
            _with(_one_axis("stride", 1)),
        ),
        Misconception(
            "you padded the rows only (zero rows above and below); padding also adds "
            "padding[1] zero columns on the left and on the right",
            _with(_one_axis("padding", 0)),
        ),
        Misconception(
            "you padded the columns only (zero columns left and right); padding also adds "
            "padding[0] zero rows above and below",
            _with(_one_axis("padding", 1)),
        ),
        Misconception(
            "the dilation was applied to the rows only: the kernel's taps must also be "
            "spread apart by dilation[1] along the columns",
            _with(_one_axis("dilation", 0)),
        ),
        Misconception(
            "the dilation was applied to the columns only: the kernel's taps must also be "
            "spread apart by dilation[0] along the rows",
            _with(_one_axis("dilation", 1)),
        ),
        Misconception(
            "pair order swapped: stride, padding and dilation are given as (rows, columns); "
            "the first number acts down the rows (axis 0), the second across the columns",
            _with(_swapped("stride", "padding", "dilation")),
        ),
        Misconception(
            "pair order swapped for the stride: stride=(rows, columns), so stride[0] is the "
            "step down the rows and stride[1] the step across the columns",
            _with(_swapped("stride")),
        ),
        Misconception(
            "pair order swapped for the padding: padding=(rows, columns), so padding[0] zero "
            "rows go above and below, padding[1] zero columns left and right",
            _with(_swapped("padding")),
        ),
        Misconception(
            "pair order swapped for the dilation: dilation=(rows, columns), so dilation[0] "
            "spaces the taps down the rows and dilation[1] across the columns",
            _with(_swapped("dilation")),
        ),
        Misconception(
            "dilation off by one: dilation d puts d - 1 zeros between taps, so tap m sits at "
            "offset m*d (span d(k - 1) + 1); you spaced them d + 1 apart",
            _with(_dilation_shift(+1)),
        ),
        Misconception(
            "dilation off by one: dilation d puts d - 1 zeros between taps, so tap m sits at "
            "offset m*d (span d(k - 1) + 1); you spaced them d - 1 apart",
            _with(_dilation_shift(-1)),
        ),
        Misconception(
            "ceil instead of floor: a last window that would reach past the padded image is "
            "dropped, so each axis has floor((n + 2p - d(k - 1) - 1) / s) + 1 positions",
            _ceil,
        ),
        mistake(
            "stride not multiplied",
            _stride_ignored_in_windows,
            start="row i*stride[0] and column j*stride[1]",
            input="padded image",
        ),
        Misconception(
            "you kept every s-th pixel of the image and then slid the kernel one pixel at a "
            "time; stride skips window positions instead: window (i, j) starts at (i*s, j*s)",
            _image_subsampled,
        ),
        mistake(
            "one-sided padding",
            _pad_change(lambda pr, pc: ((pr, 0), (pc, 0))),
            where="p zeros along only the top and the left",
            sides=BOTH_SIDES,
        ),
        mistake(
            "one-sided padding",
            _pad_change(lambda pr, pc: ((0, pr), (0, pc))),
            where="p zeros along only the bottom and the right",
            sides=BOTH_SIDES,
        ),
        Misconception(
            "you padded 2p on each side; padding p adds p zeros on each side (2p in total)",
            _pad_change(lambda pr, pc: ((2 * pr, 2 * pr), (2 * pc, 2 * pc))),
        ),
        *_one_sided_padding(),
    ),
)


# ---------------------------------------------------------------- cases


def hand_cases() -> list[Case]:
    """The four examples worked out above; the tests compare them with scipy."""
    return [
        Case(
            "4x5 image, stride 2 (worked by hand)",
            (HAND_IMAGE, HAND_KERNEL),
            HAND_STRIDE,
            {"stride": 2},
        ),
        Case(
            "2x3 image, 1x1 kernel, padding 1 (worked by hand)",
            (HAND_PAD_IMAGE, [[2.0]]),
            HAND_PAD,
            {"padding": 1},
        ),
        Case(
            "4x5 image, dilation 2 (worked by hand)",
            (HAND_IMAGE, HAND_KERNEL),
            HAND_DILATION,
            {"dilation": 2},
        ),
        Case(
            "4x5 image, stride (1, 2), padding (1, 0), dilation (2, 1) (worked by hand)",
            (HAND_IMAGE, HAND_KERNEL),
            HAND_MIXED,
            dict(HAND_MIXED_SETTINGS),
        ),
        Case(
            "no stride, padding or dilation: plain valid cross-correlation",
            (HAND_IMAGE, HAND_KERNEL),
            scipy.signal.correlate2d(HAND_IMAGE, HAND_KERNEL, "valid"),
        ),
    ]


def _describe(settings: dict) -> str:
    return ", ".join(f"{name} {value}" for name, value in settings.items())


def _draw_case(rng, pairs: bool):
    """A random image, kernel and settings whose output is not empty."""
    while True:
        height, width = (int(v) for v in rng.integers(5, 17, size=2))
        kh, kw = (int(v) for v in rng.integers(1, 5, size=2))
        if pairs:
            settings = {
                "stride": tuple(int(v) for v in rng.integers(1, 4, size=2)),
                "padding": tuple(int(v) for v in rng.integers(0, 3, size=2)),
                "dilation": tuple(int(v) for v in rng.integers(1, 4, size=2)),
            }
            distinct = sum(a != b for a, b in settings.values())
            if distinct < 2:  # most settings must differ between the axes
                continue
        else:
            settings = {
                "stride": int(rng.integers(1, 4)),
                "padding": int(rng.integers(0, 3)),
                "dilation": int(rng.integers(1, 4)),
            }
        shape = [
            ref.output_size(
                n, k, *(ref.setting_pair(v, name)[axis] for name, v in settings.items())
            )
            for axis, (n, k) in enumerate(((height, kh), (width, kw)))
        ]
        if height != width and min(shape) >= 1:
            integer = bool(rng.integers(0, 2))
            image = random_image(rng, (height, width), integer)
            kernel = random_image(rng, (kh, kw), integer)
            return image, kernel, settings


def random_cases(seed: int, count: int = 6, pairs: bool = False) -> list[Case]:
    """Random non-square images and kernels; int settings, or pairs that differ per axis."""
    rng = rng_for(seed, "conv2d pairs" if pairs else "conv2d")
    cases = []
    for number in range(1, count + 1):
        image, kernel, settings = _draw_case(rng, pairs)
        label = (
            f"random case {number} ({image.shape[0]}x{image.shape[1]} image, "
            f"{kernel.shape[0]}x{kernel.shape[1]} kernel, {_describe(settings)})"
        )
        cases.append(Case(label, (image, kernel), ref.conv2d(image, kernel, **settings), settings))
    return cases


def bad_cases(seed: int | None = None) -> list[Case]:
    image, kernel = HAND_IMAGE, HAND_KERNEL
    cases = [
        Case(
            "stride 0",
            (image, kernel),
            Raises(ValueError, "a stride must be at least 1"),
            {"stride": 0},
        ),
        Case(
            "padding -1",
            (image, kernel),
            Raises(ValueError, "padding cannot be negative"),
            {"padding": -1},
        ),
        Case(
            "dilation 0",
            (image, kernel),
            Raises(ValueError, "a dilation must be at least 1"),
            {"dilation": 0},
        ),
        Case(
            "a 3x3 kernel dilated by 3 (span 7) on a 4x5 image",
            (image, np.ones((3, 3))),
            Raises(ValueError, "the output would be empty"),
            {"dilation": 3},
        ),
        Case("a 1-D image", (np.arange(5.0), kernel), Raises(ValueError, "the image must be 2-D")),
    ]
    if seed is None:
        return cases
    rng = rng_for(seed, "conv2d bad")
    height, width = (int(v) for v in rng.integers(4, 9, size=2))
    image = rng.uniform(size=(height, width))
    axis = int(rng.integers(0, 2))
    zero_in_one_axis = tuple(0 if a == axis else int(rng.integers(1, 3)) for a in range(2))
    negative_in_one_axis = tuple(-int(rng.integers(1, 3)) if a == axis else 1 for a in range(2))
    too_big = (height + 1, 2) if axis == 0 else (2, width + 1)
    cases += [
        Case(
            "a stride of 0 along one axis",
            (image, kernel),
            Raises(ValueError, "a stride must be at least 1"),
            {"stride": zero_in_one_axis},
        ),
        Case(
            "a dilation of 0 along one axis",
            (image, kernel),
            Raises(ValueError, "a dilation must be at least 1"),
            {"dilation": zero_in_one_axis},
        ),
        Case(
            "negative padding along one axis",
            (image, kernel),
            Raises(ValueError, "padding cannot be negative"),
            {"padding": negative_in_one_axis},
        ),
        Case(
            "a kernel larger than the image along one axis, no padding",
            (image, np.ones(too_big)),
            Raises(ValueError, "the output would be empty"),
        ),
        Case(
            "a 3-D kernel",
            (image, np.ones((2, 2, 3))),
            Raises(ValueError, "the kernel must be 2-D"),
        ),
        Case(
            "a colour (3-D) image",
            (image[..., None].repeat(3, axis=2), kernel),
            Raises(ValueError, "the image must be 2-D"),
        ),
        Case(
            "a stride of three numbers",
            (image, kernel),
            Raises(ValueError, "a stride is an int or a pair"),
            {"stride": (1, 1, 1)},
        ),
    ]
    return cases


# ---------------------------------------------------------------- front ends


check_conv2d = visible_check(
    CONV2D,
    lambda: hand_cases() + random_cases(0, 4) + random_cases(0, 4, pairs=True) + bad_cases(),
    doc="Visible check: hand examples, random int and pair settings, bad input.",
)

assert_conv2d_hand = graded_assertion(
    CONV2D,
    hand_cases,
    "hand",
    doc="Graded: the four examples worked out by hand, and plain valid correlation.",
)

assert_conv2d_random = graded_assertion(
    CONV2D,
    lambda seed: random_cases(seed, 10),
    "random",
    doc="Graded: random shapes with int stride, padding and dilation, against scipy.",
)

assert_conv2d_pairs = graded_assertion(
    CONV2D,
    lambda seed: random_cases(seed, 10, pairs=True),
    "pairs",
    doc="Graded: random shapes with (rows, columns) pairs that differ between the axes.",
)

assert_conv2d_bad_input = graded_assertion(
    CONV2D,
    bad_cases,
    "bad_input",
    doc="Graded: invalid settings, wrong dimensions or an empty output raise ValueError.",
)
