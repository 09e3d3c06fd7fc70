"""Checks for lesson 7: ``conv_output_size``, ``strided_conv2d`` and
``transposed_conv_output_size``.

"Conv" means cross-correlation here, as in PyTorch and Dumoulin & Visin (arXiv:1603.07285).
The classic mistakes are arithmetic ones: the missing ``+ 1``, ``ceil`` instead of floor,
the stride applied to one axis only or with its two numbers swapped, and windows that
start at the wrong offset.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.signal

from autograder.cases import rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Raises,
    graded_assertion,
    mistake,
    run_explaining_first,
    visible_check,
)
from autograder.reference import l07_stride as ref
from autograder.reference.arithmetic import dilated_span

# ------------------------------------------------------------------ worked by hand

# Output sizes for the set-ups drawn in Dumoulin & Visin's guide, with the arithmetic
# floor((n + 2p - d(k - 1) - 1) / s) + 1 written out: (n, k, stride, padding, dilation) -> o.
HAND_SIZES = (
    ((4, 3, 1, 0, 1), 2),  # (4 - 2 - 1) // 1 + 1 = 2     no padding, unit stride
    ((5, 4, 1, 2, 1), 6),  # (5 + 4 - 3 - 1) // 1 + 1 = 6 arbitrary padding
    ((5, 3, 1, 1, 1), 5),  # (5 + 2 - 2 - 1) // 1 + 1 = 5 half ('same') padding
    ((5, 3, 1, 2, 1), 7),  # (5 + 4 - 2 - 1) // 1 + 1 = 7 full padding
    ((5, 3, 2, 0, 1), 2),  # (5 - 2 - 1) // 2 + 1 = 2     stride 2, no padding
    ((5, 3, 2, 1, 1), 3),  # (5 + 2 - 2 - 1) // 2 + 1 = 3 stride 2, padding 1
    ((6, 3, 2, 1, 1), 3),  # (6 + 2 - 2 - 1) // 2 + 1 = 3 (5 // 2 = 2: the last pixel is unused)
    ((7, 3, 1, 0, 2), 3),  # (7 - 4 - 1) // 1 + 1 = 3     dilation 2: the kernel spans 5
    ((8, 3, 2, 0, 1), 3),  # (8 - 2 - 1) // 2 + 1 = 3     ceil would say 4
)

# strided_conv2d on the ramp image[r, c] = 6 r + c (5x6), kernel [[1, 0], [0, 1]],
# stride (2, 3): windows start at rows 0, 2 and columns 0, 3, and each output is
# image[r, c] + image[r + 1, c + 1]: 0 + 7 = 7, 3 + 10 = 13, 12 + 19 = 31, 15 + 22 = 37.
HAND_RAMP = np.arange(30, dtype=float).reshape(5, 6)
HAND_DIAGONAL = np.array([[1, 0], [0, 1]], dtype=float)
HAND_STRIDED = np.array([[7, 13], [31, 37]], dtype=float)
# A 3x3 box sum on the 7x7 ramp image[r, c] = 7 r + c with stride 2: on a ramp the box sum is
# 9 times the centre pixel, and the centres are (1, 1), (1, 3), (1, 5), (3, 1), ...:
# 9 * 8 = 72, 9 * 10 = 90, 9 * 12 = 108; 9 * 22 = 198, ...; 9 * 36 = 324, ...
HAND_RAMP7 = np.arange(49, dtype=float).reshape(7, 7)
HAND_BOX_STRIDED = 9 * np.array([[8, 10, 12], [22, 24, 26], [36, 38, 40]], dtype=float)

# ------------------------------------------------------------------ conv_output_size


def _size_parts(n, k, stride=1, padding=0, dilation=1):
    span = dilated_span(k, dilation)
    return n + 2 * padding - span, stride  # extra positions after the first, and the stride


def _no_plus_one(n, k, stride=1, padding=0, dilation=1):
    extra, s = _size_parts(n, k, stride, padding, dilation)
    return extra // s


def _ceil_plus_one(n, k, stride=1, padding=0, dilation=1):
    extra, s = _size_parts(n, k, stride, padding, dilation)
    return math.ceil(extra / s) + 1


def _ceil_only(n, k, stride=1, padding=0, dilation=1):
    extra, s = _size_parts(n, k, stride, padding, dilation)
    return math.ceil(extra / s)


def _true_division(n, k, stride=1, padding=0, dilation=1):
    extra, s = _size_parts(n, k, stride, padding, dilation)
    return extra / s + 1


def _positions_over_stride(n, k, stride=1, padding=0, dilation=1):
    extra, s = _size_parts(n, k, stride, padding, dilation)
    return (extra + 1) // s


CONV_OUTPUT_SIZE = Exercise(
    name="conv_output_size",
    misconceptions=(
        # Listed from the most specific to the most general: a single number is ambiguous
        # (many mistakes give "one less"), so the checks first look for the mistake that
        # explains EVERY failing case (see feedback.explaining_first) and fall back on this order.
        Misconception(
            "you used ceil((n + 2p - d(k - 1) - 1) / s) instead of floor(...) + 1: the two "
            "differ whenever the stride divides evenly",
            _ceil_only,
        ),
        Misconception(
            "off by one: you divided all the stride-1 positions, n + 2p - d(k - 1), by the "
            "stride; count the first window separately: (n + 2p - d(k - 1) - 1) // s + 1",
            _positions_over_stride,
        ),
        Misconception(
            "the padding is added on BOTH sides: the padded input has n + 2 * padding pixels",
            lambda n, k, stride=1, padding=0, dilation=1: (
                (n + padding - dilation * (k - 1) - 1) // stride + 1
            ),
        ),
        Misconception(
            "you ignored the dilation: a kernel whose taps are d apart spans d * (k - 1) + 1 "
            "pixels",
            lambda n, k, stride=1, padding=0, dilation=1: (n + 2 * padding - k) // stride + 1,
        ),
        Misconception(
            "a dilated kernel spans d * (k - 1) + 1 pixels, not d * k",
            lambda n, k, stride=1, padding=0, dilation=1: (
                (n + 2 * padding - dilation * k) // stride + 1
            ),
        ),
        Misconception(
            "you ignored the stride: only every stride-th position is kept, so divide the "
            "steps after the first window by the stride",
            lambda n, k, stride=1, padding=0, dilation=1: n + 2 * padding - dilation * (k - 1),
        ),
        Misconception(
            "you used / (true division): the number of positions is a whole number; "
            "use // (floor division), then + 1",
            _true_division,
        ),
        Misconception(
            "you rounded up (ceil): a last window that would stick out past the (padded) "
            "input is not computed, so round down: (n + 2p - d(k - 1) - 1) // s + 1",
            _ceil_plus_one,
        ),
        Misconception(
            "off by one: you forgot the + 1. (n + 2p - d(k - 1) - 1) // s counts the steps "
            "AFTER the first window; the first window, at position 0, needs the + 1",
            _no_plus_one,
        ),
    ),
)


def _size_case(label, n, k, stride=1, padding=0, dilation=1, expected=None) -> Case:
    kwargs = {"stride": stride, "padding": padding, "dilation": dilation}
    if expected is None:
        expected = ref.conv_output_size(n, k, **kwargs)
    return Case(label, (n, k), expected, kwargs=kwargs)


def size_hand_cases() -> list[Case]:
    """The set-ups of Dumoulin & Visin's figures, worked out in the comments above."""
    return [
        _size_case(
            f"n={n}, k={k}, stride={s}, padding={p}, dilation={d} (worked by hand)",
            n,
            k,
            s,
            p,
            d,
            expected=o,
        )
        for (n, k, s, p, d), o in HAND_SIZES
    ]


def size_random_cases(seed: int, count: int = 12) -> list[Case]:
    """Random set-ups; most have a stride that does not divide evenly (floor matters)."""
    rng = rng_for(seed, "conv_output_size")
    cases = []
    for index in range(count):
        while True:
            n = int(rng.integers(5, 41))
            k = int(rng.integers(1, 8))
            stride = int(rng.integers(2, 5)) if index % 4 else 1
            padding = int(rng.integers(0, 4))
            dilation = int(rng.integers(2, 4)) if index % 3 == 2 else 1
            extra = n + 2 * padding - dilated_span(k, dilation)
            if extra >= 0 and (index % 5 == 4 or stride == 1 or extra % stride):
                break
        cases.append(
            _size_case(
                f"random case {index + 1} (n={n}, k={k}, stride={stride}, padding={padding}, "
                f"dilation={dilation})",
                n,
                k,
                stride,
                padding,
                dilation,
            )
        )
    return cases


def size_error_cases(hidden: bool = False) -> list[Case]:
    cases = [
        Case(
            "stride 0",
            (10, 3),
            Raises(ValueError, "the stride must be at least 1"),
            kwargs={"stride": 0},
        ),
        Case(
            "negative padding",
            (10, 3),
            Raises(ValueError, "padding cannot be negative"),
            kwargs={"padding": -1},
        ),
        Case(
            "kernel larger than the padded input (n=3, k=6, padding=1)",
            (3, 6),
            Raises(ValueError, "a 6-pixel kernel does not fit in 3 + 2 pixels"),
            kwargs={"padding": 1},
        ),
    ]
    if hidden:
        cases += [
            Case(
                "dilation 0",
                (10, 3),
                Raises(ValueError, "the dilation must be at least 1"),
                kwargs={"dilation": 0},
            ),
            Case("kernel size 0", (10, 0), Raises(ValueError, "k must be at least 1")),
            Case("input size 0", (0, 1), Raises(ValueError, "n must be at least 1")),
            Case(
                "dilated kernel larger than the input (n=4, k=3, dilation=3)",
                (4, 3),
                Raises(ValueError, "the dilated kernel spans 7 pixels, more than 4"),
                kwargs={"dilation": 3},
            ),
            Case(
                "negative stride",
                (10, 3),
                Raises(ValueError, "the stride must be at least 1"),
                kwargs={"stride": -2},
            ),
        ]
    return cases


# ------------------------------------------------------------------ strided_conv2d


def _pair(stride) -> tuple[int, int]:
    return (stride, stride) if np.isscalar(stride) else tuple(stride)


def _valid(image, kernel, flip=False):
    operation = scipy.signal.convolve2d if flip else scipy.signal.correlate2d
    return operation(np.asarray(image, float), np.asarray(kernel, float), mode="valid")


def _ceil_shape(image, kernel, stride):
    """Output allocated with ceil((n - k) / s) + 1 rows/columns; the extra ones stay 0."""
    sh, sw = _pair(stride)
    right = ref.strided_conv2d(image, kernel, stride)
    (height, width), (kh, kw) = np.shape(image), np.shape(kernel)
    out = np.zeros((math.ceil((height - kh) / sh) + 1, math.ceil((width - kw) / sw) + 1))
    out[: right.shape[0], : right.shape[1]] = right
    return out


def _start_not_strided(image, kernel, stride):
    """The right output size, but window (i, j) taken at (i, j) instead of (i sh, j sw)."""
    sh, sw = _pair(stride)
    rows, cols = ref.strided_conv2d(image, kernel, (sh, sw)).shape
    return _valid(image, kernel)[:rows, :cols]


def _same_subsampled(image, kernel, stride):
    sh, sw = _pair(stride)
    same = scipy.signal.correlate2d(np.asarray(image, float), np.asarray(kernel, float), "same")
    return same[::sh, ::sw]


STRIDED_CONV2D = Exercise(
    name="strided_conv2d",
    shape_rule=(
        "the output has conv_output_size(H, kh, sh) rows and conv_output_size(W, kw, sw) "
        "columns: (H - kh) // sh + 1 by (W - kw) // sw + 1"
    ),
    misconceptions=(
        Misconception(
            "you flipped the kernel: 'conv' in deep learning is cross-correlation, the "
            "kernel slides as it is",
            lambda image, kernel, stride: _valid(image, kernel, flip=True)[
                :: _pair(stride)[0], :: _pair(stride)[1]
            ],
        ),
        Misconception(
            "you applied the stride to the rows only; step across the columns by sw too",
            lambda image, kernel, stride: _valid(image, kernel)[:: _pair(stride)[0], :],
        ),
        Misconception(
            "you applied the stride to the columns only; step down the rows by sh too",
            lambda image, kernel, stride: _valid(image, kernel)[:, :: _pair(stride)[1]],
        ),
        Misconception(
            "you swapped the two strides: stride=(sh, sw) steps sh rows down and sw columns across",
            lambda image, kernel, stride: _valid(image, kernel)[
                :: _pair(stride)[1], :: _pair(stride)[0]
            ],
        ),
        Misconception(
            "off by one: the output is one row and one column short; there are "
            "(H - kh) // sh + 1 window positions down and (W - kw) // sw + 1 across",
            lambda image, kernel, stride: ref.strided_conv2d(image, kernel, stride)[:-1, :-1],
        ),
        Misconception(
            "off by one: you rounded up (ceil), so the output has extra rows or columns for "
            "windows that do not fit inside the image; use (H - kh) // sh + 1",
            _ceil_shape,
        ),
        Misconception(
            "your windows start at the wrong offset: the first window sits at (0, 0), then "
            "every stride: rows 0, sh, 2 sh, ...; yours start at row 1 / column 1",
            lambda image, kernel, stride: _valid(image, kernel)[
                1 :: _pair(stride)[0], 1 :: _pair(stride)[1]
            ],
        ),
        Misconception(
            "your windows start at the wrong offset: the first window sits at (0, 0), then "
            "every stride: rows 0, sh, 2 sh, ...; yours start at row sh - 1 / column sw - 1",
            lambda image, kernel, stride: _valid(image, kernel)[
                _pair(stride)[0] - 1 :: _pair(stride)[0], _pair(stride)[1] - 1 :: _pair(stride)[1]
            ],
        ),
        mistake("stride not multiplied", _start_not_strided, start="row i*sh and column j*sw"),
        Misconception(
            "you subsampled a 'same' (padded) output; strided_conv2d has no padding: keep "
            "every stride-th value of the 'valid' output, starting at (0, 0)",
            _same_subsampled,
        ),
    ),
)


def strided_hand_cases() -> list[Case]:
    return [
        Case(
            "5x6 ramp, kernel [[1, 0], [0, 1]], stride (2, 3) (worked by hand)",
            (HAND_RAMP, HAND_DIAGONAL, (2, 3)),
            HAND_STRIDED,
        ),
        Case(
            "7x7 ramp, 3x3 box of ones, stride 2 (worked by hand)",
            (HAND_RAMP7, np.ones((3, 3)), 2),
            HAND_BOX_STRIDED,
        ),
    ]


def strided_random_cases(seed: int, count: int = 8) -> list[Case]:
    """Random non-square images and kernels; int strides and (sh, sw) pairs with sh != sw."""
    rng = rng_for(seed, "strided_conv2d")
    cases = []
    for index in range(count):
        while True:
            height, width = (int(v) for v in rng.integers(6, 17, size=2))
            kh, kw = (int(v) for v in rng.integers(1, 6, size=2))
            if height != width and (index >= 2 or kh != kw):
                break
        if index % 2:
            stride = int(rng.integers(2, 5))
        else:
            sh, sw = (int(v) for v in rng.choice([2, 3, 4], size=2, replace=False))
            stride = (sh, sw)
        if index % 3 == 0:
            image = rng.integers(-4, 5, size=(height, width)).astype(float)
            kernel = rng.integers(-3, 4, size=(kh, kw)).astype(float)
        else:
            image = rng.uniform(-1, 1, size=(height, width))
            kernel = rng.uniform(-1, 1, size=(kh, kw))
        kernel.flat[0] += 5.0  # never symmetric, so a flip always shows
        cases.append(
            Case(
                f"random case {index + 1} ({height}x{width} image, {kh}x{kw} kernel, "
                f"stride {stride})",
                (image, kernel, stride),
                ref.strided_conv2d(image, kernel, stride),
            )
        )
    return cases


def strided_error_cases(hidden: bool = False) -> list[Case]:
    image = np.ones((6, 7))
    kernel = np.ones((3, 2))
    cases = [
        Case("stride 0", (image, kernel, 0), Raises(ValueError, "the stride must be at least 1")),
        Case(
            "kernel taller than the image",
            (np.ones((2, 7)), kernel, 1),
            Raises(ValueError, "the kernel does not fit inside the image"),
        ),
    ]
    if hidden:
        cases += [
            Case(
                "stride (2, 0)",
                (image, kernel, (2, 0)),
                Raises(ValueError, "each stride must be at least 1"),
            ),
            Case("stride -1", (image, kernel, -1), Raises(ValueError, "the stride is negative")),
            Case(
                "kernel wider than the image, stride 2",
                (np.ones((6, 2)), np.ones((2, 3)), 2),
                Raises(ValueError, "the kernel does not fit inside the image"),
            ),
            Case(
                "kernel taller than the image by one, stride 2",
                (np.ones((4, 6)), np.ones((5, 2)), 2),
                Raises(ValueError, "the kernel does not fit inside the image"),
            ),
            Case("1-D image", (np.ones(8), kernel, 1), Raises(ValueError, "the image must be 2-D")),
        ]
    return cases


# ------------------------------------------------------------------ transposed_conv_output_size

# Dumoulin & Visin's transposed set-ups (section 4), o = (n - 1) s - 2p + k + a written out:
# (n, k, stride, padding, output_padding) -> o. Each undoes a convolution of lesson 7's table.
HAND_TRANSPOSED = (
    ((2, 3, 1, 0, 0), 4),  # (2 - 1) 1 - 0 + 3 = 4        undoes 4 -> 2 (k=3)
    ((6, 4, 1, 2, 0), 5),  # (6 - 1) 1 - 4 + 4 = 5        undoes 5 -> 6 (k=4, p=2)
    ((5, 3, 1, 1, 0), 5),  # (5 - 1) 1 - 2 + 3 = 5        half padding keeps the size
    ((7, 3, 1, 2, 0), 5),  # (7 - 1) 1 - 4 + 3 = 5        undoes full padding, 5 -> 7
    ((2, 3, 2, 0, 0), 5),  # (2 - 1) 2 - 0 + 3 = 5        undoes 5 -> 2 (stride 2)
    ((3, 3, 2, 1, 0), 5),  # (3 - 1) 2 - 2 + 3 = 5        undoes 5 -> 3 (stride 2, p=1)
    ((3, 3, 2, 1, 1), 6),  # (3 - 1) 2 - 2 + 3 + 1 = 6    6 -> 3 too: output_padding picks 6
    ((4, 4, 2, 1, 0), 8),  # (4 - 1) 2 - 2 + 4 = 8        DCGAN's doubling layer
)


def _transposed(rule):
    """A wrong transposed size: ``rule(n, k, s, p, a)`` with the signature's defaults."""

    def wrong(n, k, stride=1, padding=0, output_padding=0):
        return rule(n, k, stride, padding, output_padding)

    return wrong


TRANSPOSED_CONV_OUTPUT_SIZE = Exercise(
    name="transposed_conv_output_size",
    misconceptions=(
        Misconception(
            "you used the convolution's formula, which goes the other way: a transposed "
            "convolution turns n back into the size of the convolution's input, "
            "(n - 1) * s - 2p + k + output_padding",
            _transposed(lambda n, k, s, p, a: (n + 2 * p - k) // s + 1),
        ),
        Misconception(
            "you multiplied n by the stride: n input values make n stamps, but only n - 1 "
            "steps of s pixels between them: (n - 1) * s - 2p + k + output_padding",
            _transposed(lambda n, k, s, p, a: n * s - 2 * p + k + a),
        ),
        Misconception(
            "you ignored the stride: the stamps of neighbouring inputs land s pixels apart, "
            "so (n - 1) * s pixels lie between the first and the last",
            _transposed(lambda n, k, s, p, a: n - 1 - 2 * p + k + a),
        ),
        Misconception(
            "the padding is cut from BOTH ends of the output: subtract 2 * padding",
            _transposed(lambda n, k, s, p, a: (n - 1) * s - p + k + a),
        ),
        Misconception(
            "you added the padding: in a transposed convolution it is removed from the "
            "output (it undoes the padding the convolution added to its input): - 2 * padding",
            _transposed(lambda n, k, s, p, a: (n - 1) * s + 2 * p + k + a),
        ),
        Misconception(
            "you ignored output_padding: it adds that many pixels at the end of the output, "
            "to pick one of the sizes that the convolution's floor maps to the same n",
            _transposed(lambda n, k, s, p, a: (n - 1) * s - 2 * p + k),
        ),
        Misconception(
            "output_padding is added on ONE side only (at the end): + output_padding, "
            "not + 2 * output_padding",
            _transposed(lambda n, k, s, p, a: (n - 1) * s - 2 * p + k + 2 * a),
        ),
        Misconception(
            "off by one: the last stamp covers k pixels, from (n - 1) * s to (n - 1) * s + k - 1, "
            "so the output has (n - 1) * s + k pixels before padding is cut",
            _transposed(lambda n, k, s, p, a: (n - 1) * s - 2 * p + k - 1 + a),
        ),
    ),
)


def _transposed_case(label, n, k, stride=1, padding=0, output_padding=0, expected=None) -> Case:
    kwargs = {"stride": stride, "padding": padding, "output_padding": output_padding}
    if expected is None:
        expected = ref.transposed_conv_output_size(n, k, **kwargs)
    return Case(label, (n, k), expected, kwargs=kwargs)


def transposed_hand_cases() -> list[Case]:
    """Dumoulin & Visin's transposed set-ups, worked out in the comments above."""
    return [
        _transposed_case(
            f"n={n}, k={k}, stride={s}, padding={p}, output_padding={a} (worked by hand)",
            n,
            k,
            s,
            p,
            a,
            expected=o,
        )
        for (n, k, s, p, a), o in HAND_TRANSPOSED
    ]


def transposed_random_cases(seed: int, count: int = 12) -> list[Case]:
    """Random set-ups with strides 1 to 4, padding and (for strides > 1) output_padding."""
    rng = rng_for(seed, "transposed_conv_output_size")
    cases = []
    for index in range(count):
        while True:
            n = int(rng.integers(1, 30))
            k = int(rng.integers(1, 8))
            stride = int(rng.integers(2, 5)) if index % 3 else 1
            padding = int(rng.integers(0, 4))
            output_padding = int(rng.integers(1, stride)) if stride > 1 and index % 2 else 0
            if (n - 1) * stride + k - 2 * padding >= 1:
                break
        cases.append(
            _transposed_case(
                f"random case {index + 1} (n={n}, k={k}, stride={stride}, padding={padding}, "
                f"output_padding={output_padding})",
                n,
                k,
                stride,
                padding,
                output_padding,
            )
        )
    return cases


def transposed_error_cases(hidden: bool = False) -> list[Case]:
    cases = [
        Case(
            "stride 0",
            (4, 3),
            Raises(ValueError, "the stride must be at least 1"),
            kwargs={"stride": 0},
        ),
        Case(
            "output_padding 2 with stride 2",
            (4, 3),
            Raises(ValueError, "output_padding must be smaller than the stride"),
            kwargs={"stride": 2, "output_padding": 2},
        ),
        Case(
            "padding that cuts away the whole output (n=1, k=1, padding=1)",
            (1, 1),
            Raises(ValueError, "the output would be empty"),
            kwargs={"padding": 1},
        ),
    ]
    if hidden:
        cases += [
            Case(
                "negative padding",
                (4, 3),
                Raises(ValueError, "padding cannot be negative"),
                kwargs={"padding": -1},
            ),
            Case("input size 0", (0, 3), Raises(ValueError, "n must be at least 1")),
            Case("kernel size 0", (4, 0), Raises(ValueError, "k must be at least 1")),
            Case(
                "output_padding 1 with stride 1",
                (4, 3),
                Raises(ValueError, "output_padding must be smaller than the stride"),
                kwargs={"output_padding": 1},
            ),
            Case(
                "negative output_padding",
                (4, 3),
                Raises(ValueError, "output_padding cannot be negative"),
                kwargs={"stride": 2, "output_padding": -1},
            ),
            Case(
                "padding 3 on a 5-pixel output",
                (2, 3),
                Raises(ValueError, "the output would be empty"),
                kwargs={"stride": 2, "padding": 3},
            ),
        ]
    return cases


# ------------------------------------------------------------------ front ends


check_conv_output_size = visible_check(
    CONV_OUTPUT_SIZE,
    lambda: size_hand_cases() + size_random_cases(seed=0) + size_error_cases(),
    run=run_explaining_first,
    doc="Visible check: the guide's set-ups, random set-ups, and bad input.",
)
check_strided_conv2d = visible_check(
    STRIDED_CONV2D,
    lambda: strided_hand_cases() + strided_random_cases(seed=0) + strided_error_cases(),
    doc="Visible check: two hand-worked cases, random ones, and bad input.",
)

assert_conv_output_size_hand = graded_assertion(
    CONV_OUTPUT_SIZE,
    size_hand_cases,
    "hand",
    run=run_explaining_first,
    doc="Graded: the set-ups of Dumoulin & Visin's figures.",
)
assert_conv_output_size_random = graded_assertion(
    CONV_OUTPUT_SIZE,
    lambda seed: size_random_cases(seed, count=20),
    "random",
    run=run_explaining_first,
    doc="Graded: random sizes, strides, paddings and dilations.",
)
assert_conv_output_size_errors = graded_assertion(
    CONV_OUTPUT_SIZE,
    size_error_cases,
    "errors",
    doc="Graded: bad arguments raise ValueError.",
)
assert_strided_conv2d_hand = graded_assertion(
    STRIDED_CONV2D,
    strided_hand_cases,
    "hand",
    doc="Graded: the two examples worked out by hand.",
)
assert_strided_conv2d_random = graded_assertion(
    STRIDED_CONV2D,
    lambda seed: strided_random_cases(seed, count=10),
    "random",
    doc="Graded: random images, kernels and strides (int or (sh, sw)).",
)
assert_strided_conv2d_errors = graded_assertion(
    STRIDED_CONV2D,
    strided_error_cases,
    "errors",
    doc="Graded: a stride below 1 or a kernel larger than the image raises ValueError.",
)

check_transposed_conv_output_size = visible_check(
    TRANSPOSED_CONV_OUTPUT_SIZE,
    lambda: transposed_hand_cases() + transposed_random_cases(seed=0) + transposed_error_cases(),
    run=run_explaining_first,
    doc="Visible check: the guide's transposed set-ups, random set-ups, and bad input.",
)
assert_transposed_conv_output_size_hand = graded_assertion(
    TRANSPOSED_CONV_OUTPUT_SIZE,
    transposed_hand_cases,
    "hand",
    run=run_explaining_first,
    doc="Graded: Dumoulin & Visin's transposed set-ups.",
)
assert_transposed_conv_output_size_random = graded_assertion(
    TRANSPOSED_CONV_OUTPUT_SIZE,
    lambda seed: transposed_random_cases(seed, count=20),
    "random",
    run=run_explaining_first,
    doc="Graded: random sizes, strides, paddings and output paddings.",
)
assert_transposed_conv_output_size_errors = graded_assertion(
    TRANSPOSED_CONV_OUTPUT_SIZE,
    transposed_error_cases,
    "errors",
    doc="Graded: bad arguments raise ValueError.",
)
