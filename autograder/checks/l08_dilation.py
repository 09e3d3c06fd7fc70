"""Checks for lesson 8: ``dilate_kernel``, ``dilated_conv2d`` (dilated cross-correlation) and
``receptive_field`` (the receptive field of stacked strided, dilated layers).

``dilation`` is an int, or a pair ``(dh, dw)``; the pair cases sit in their own graded cells
(``assert_*_pair``), so a solution that handles ints only loses only those points.
"""

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
    run_cases,
    run_explaining_first,
    visible_check,
)
from autograder.reference import l08_dilation as ref

# ---------------------------------------------------------------- worked by hand

HAND_KERNEL = np.array([[1, 2], [3, 4]], dtype=float)
# Dilation 2: one zero between neighbouring taps, none around the outside -> 3x3.
HAND_DILATED_2 = np.array([[1, 0, 2], [0, 0, 0], [3, 0, 4]], dtype=float)
# Dilation (2, 3): taps 2 apart down the rows, 3 apart along the columns -> 3x4.
HAND_DILATED_2_3 = np.array([[1, 0, 0, 2], [0, 0, 0, 0], [3, 0, 0, 4]], dtype=float)
HAND_WIDE_KERNEL = np.array([[1, 2, 3], [4, 5, 6]], dtype=float)
# Dilation 2 of a 2x3 kernel: (2 * (2 - 1) + 1, 2 * (3 - 1) + 1) = (3, 5).
HAND_WIDE_DILATED_2 = np.array(
    [[1, 0, 2, 0, 3], [0, 0, 0, 0, 0], [4, 0, 5, 0, 6]],
    dtype=float,
)

# A 4x6 image with image[r, c] = 6 * r + c.
HAND_IMAGE = np.arange(24, dtype=float).reshape(4, 6)
# Dilation 2: out[i, j] = 1*img[i, j] + 2*img[i, j+2] + 3*img[i+2, j] + 4*img[i+2, j+2]
#                      = 10 * (6i + j) + (2 * 2 + 3 * 12 + 4 * 14) = 10 * (6i + j) + 96,
# and the output has shape (4 - 2 * (2 - 1), 6 - 2 * (2 - 1)) = (2, 4).
HAND_OUTPUT_2 = np.array([[96, 106, 116, 126], [156, 166, 176, 186]], dtype=float)
# Dilation (2, 3): out[i, j] = 10 * (6i + j) + (2 * 3 + 3 * 12 + 4 * 15) = 10 * (6i + j) + 102,
# with shape (4 - 2, 6 - 3) = (2, 3).
HAND_OUTPUT_2_3 = np.array([[102, 112, 122], [162, 172, 182]], dtype=float)

KERNEL_SHAPE_RULE = (
    "a (kh, kw) kernel dilated by d has shape (d * (kh - 1) + 1, d * (kw - 1) + 1): "
    "d - 1 zeros between neighbouring taps, none around the outside"
)
OUTPUT_SHAPE_RULE = (
    "size the output with the DILATED kernel, which spans d * (kh - 1) + 1 rows and "
    "d * (kw - 1) + 1 columns: the 'valid' output has shape (H - d * (kh - 1), W - d * (kw - 1))"
)
EDGE_HINT = (
    "if this happens near the bottom or right edge, your windows run past the image: "
    "size the output with the DILATED kernel, H - d * (kh - 1) rows and W - d * (kw - 1) columns"
)

# ---------------------------------------------------------------- misconceptions


def _pair(dilation) -> tuple[int, int]:
    return ref.dilation_pair(dilation)


def _kron_zeros(kernel, dilation, corner: tuple[int, int]) -> np.ndarray:
    """Each tap becomes a dh x dw block of zeros with the tap in one corner: d * k wide."""
    dh, dw = _pair(dilation)
    block = np.zeros((dh, dw))
    block[corner[0] * (dh - 1), corner[1] * (dw - 1)] = 1.0
    return np.kron(np.asarray(kernel, dtype=float), block)


def _border_zeros(kernel, dilation) -> np.ndarray:
    dh, dw = _pair(dilation)
    return np.pad(ref.dilate_kernel(kernel, dilation), ((dh - 1, dh - 1), (dw - 1, dw - 1)))


def _one_more(dilation) -> tuple[int, int]:
    dh, dw = _pair(dilation)
    return dh + 1, dw + 1


def _rows_only(dilation) -> tuple[int, int]:
    return _pair(dilation)[0], 1


def _columns_only(dilation) -> tuple[int, int]:
    return 1, _pair(dilation)[1]


def _swapped(dilation) -> tuple[int, int]:
    dh, dw = _pair(dilation)
    return dw, dh


def _correlate(image, kernel) -> np.ndarray:
    return scipy.signal.correlate2d(image, kernel, mode="valid")


ZEROS_OFF_BY_ONE = (
    "off by one: you inserted `dilation` zeros between taps; dilation d puts the taps d apart, "
    "which leaves d - 1 zeros between neighbours (dilation 1 is the ordinary kernel)"
)
ZEROS_OUTSIDE = (
    "zeros went around the outside of the kernel too: they belong only BETWEEN taps, so the "
    "first and last rows and columns of the dilated kernel hold taps"
)
ZEROS_OUTSIDE_CONV = (
    "zeros went around the outside of the dilated kernel: it should span d * (k - 1) + 1 "
    "pixels per side, with zeros only between taps, so your output came out too small"
)
ROWS_ONLY = "you dilated only along the rows (axis 0); spread the taps along the columns as well"
COLUMNS_ONLY = "you dilated only along the columns (axis 1); spread the taps down the rows as well"
SWAPPED = (
    "you swapped the two dilations: dilation=(dh, dw) gives the rows (axis 0) dh and "
    "the columns (axis 1) dw"
)

DILATE_KERNEL = Exercise(
    name="dilate_kernel",
    shape_rule=KERNEL_SHAPE_RULE,
    misconceptions=(
        Misconception(ZEROS_OFF_BY_ONE, lambda k, d: ref.dilate_kernel(k, _one_more(d))),
        Misconception(ZEROS_OUTSIDE, lambda k, d: _kron_zeros(k, d, (0, 0))),
        Misconception(ZEROS_OUTSIDE, lambda k, d: _kron_zeros(k, d, (1, 1))),
        Misconception(ZEROS_OUTSIDE, _border_zeros),
        Misconception(ROWS_ONLY, lambda k, d: ref.dilate_kernel(k, _rows_only(d))),
        Misconception(COLUMNS_ONLY, lambda k, d: ref.dilate_kernel(k, _columns_only(d))),
        Misconception(SWAPPED, lambda k, d: ref.dilate_kernel(k, _swapped(d))),
        Misconception(
            "you repeated each weight instead of inserting zeros between the weights "
            "(np.repeat copies a tap; dilation leaves gaps)",
            lambda k, d: np.repeat(np.repeat(np.asarray(k, float), _pair(d)[0], 0), _pair(d)[1], 1),
        ),
        Misconception(
            "the kernel came back undilated: with dilation d > 1 it must grow to "
            "(d * (kh - 1) + 1, d * (kw - 1) + 1)",
            lambda k, d: np.asarray(k, dtype=float),
        ),
    ),
)

DILATED_CONV2D = Exercise(
    name="dilated_conv2d",
    shape_rule=OUTPUT_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "that is stride, not dilation: you skipped OUTPUT positions (output[::d]). Dilation "
            "keeps every output position and spreads the kernel's taps over the INPUT: "
            "out[i, j] = sum of image[i + d*m, j + d*n] * kernel[m, n]",
            lambda i, k, d: _correlate(i, k)[:: _pair(d)[0], :: _pair(d)[1]],
        ),
        Misconception(
            "off by one: your taps are d + 1 apart (as if you inserted d zeros); with dilation "
            "d they are d apart: image[i + d*m, j + d*n]",
            lambda i, k, d: ref.dilated_conv2d(i, k, _one_more(d)),
        ),
        Misconception(
            ZEROS_OUTSIDE_CONV,
            lambda i, k, d: _correlate(i, _kron_zeros(k, d, (0, 0))),
        ),
        Misconception(
            ZEROS_OUTSIDE_CONV,
            lambda i, k, d: _correlate(i, _kron_zeros(k, d, (1, 1))),
        ),
        Misconception(
            ZEROS_OUTSIDE_CONV,
            lambda i, k, d: _correlate(i, _border_zeros(k, d)),
        ),
        Misconception(ROWS_ONLY, lambda i, k, d: ref.dilated_conv2d(i, k, _rows_only(d))),
        Misconception(COLUMNS_ONLY, lambda i, k, d: ref.dilated_conv2d(i, k, _columns_only(d))),
        Misconception(SWAPPED, lambda i, k, d: ref.dilated_conv2d(i, k, _swapped(d))),
        Misconception(
            "you ignored the dilation: that is the ordinary cross-correlation, with the taps "
            "next to each other",
            lambda i, k, d: _correlate(i, k),
        ),
        Misconception(
            "you flipped the kernel: that is convolution. In deep learning 'conv' means "
            "cross-correlation, with kernel[m, n] used as it is",
            lambda i, k, d: scipy.signal.convolve2d(i, ref.dilate_kernel(k, d), mode="valid"),
        ),
    ),
)


def _with_edge_hint(func):
    """Add the output-size hint to the errors a too-large output causes at the image's edge.

    The learner's traceback is kept (the same exception is re-raised), so the report still
    shows the learner's own line.
    """
    if not callable(func):
        return func

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ValueError, IndexError) as error:
            text = str(error)
            if "broadcast" in text:
                error.args = (f"a window and the kernel have different shapes; {EDGE_HINT}",)
            elif "out of bounds" in text:
                error.args = (f"an index runs past the image; {EDGE_HINT}",)
            raise

    return wrapped


def _run_with_edge_hint(func, cases: list[Case], exercise: Exercise):
    """:func:`run_cases` with the output-size hint added to edge errors (a factory ``run``)."""
    return run_cases(_with_edge_hint(func), cases, exercise)


# ---------------------------------------------------------------- cases


def _random_dilation(rng: np.random.Generator, index: int, pair: bool):
    if pair:
        while True:
            dh, dw = (int(v) for v in rng.integers(1, 5, size=2))
            if dh != dw:
                return dh, dw
    return int(rng.integers(2, 5)) if index < 2 else int(rng.integers(1, 5))


def _random_kernel(rng: np.random.Generator, index: int, integer: bool) -> np.ndarray:
    while True:
        kh, kw = (int(v) for v in rng.integers(1, 5, size=2))
        if index >= 2 or (kh != kw and min(kh, kw) >= 2):
            return random_image(rng, (kh, kw), integer)


def _describe(dilation) -> str:
    return f"dilation {dilation}" if isinstance(dilation, int) else f"dilation {tuple(dilation)}"


def dilate_kernel_random_cases(seed: int, count: int = 5, pair: bool = False) -> list[Case]:
    """Random kernels (non-square first, sides 1 to 4) with random dilations."""
    rng = rng_for(seed, "dilate_kernel-pair" if pair else "dilate_kernel")
    cases = []
    for index in range(count):
        kernel = _random_kernel(rng, index, integer=index % 2 == 0)
        dilation = _random_dilation(rng, index, pair)
        cases.append(
            Case(
                f"random {kernel.shape[0]}x{kernel.shape[1]} kernel, {_describe(dilation)}",
                (kernel, dilation),
                ref.dilate_kernel(kernel, dilation),
            )
        )
    return cases


def dilated_conv2d_random_cases(seed: int, count: int = 5, pair: bool = False) -> list[Case]:
    """Random non-square images, kernels (even sides too) and dilations; the kernel fits."""
    rng = rng_for(seed, "dilated_conv2d-pair" if pair else "dilated_conv2d")
    cases = []
    for index in range(count):
        integer = index % 2 == 0
        kernel = _random_kernel(rng, index, integer)
        dilation = _random_dilation(rng, index, pair)
        dh, dw = _pair(dilation)
        while True:
            height = ref.dilated_extent(kernel.shape[0], dh) + int(rng.integers(0, 9))
            width = ref.dilated_extent(kernel.shape[1], dw) + int(rng.integers(0, 9))
            if height != width:
                break
        image = random_image(rng, (height, width), integer)
        cases.append(
            Case(
                f"random {height}x{width} image, {kernel.shape[0]}x{kernel.shape[1]} kernel, "
                f"{_describe(dilation)}",
                (image, kernel, dilation),
                ref.dilated_conv2d(image, kernel, dilation),
            )
        )
    return cases


def dilate_kernel_hand_cases() -> list[Case]:
    """The kernels worked out by hand, plus dilation 1 and a single tap."""
    return [
        Case("2x2 kernel, dilation 2 (worked by hand)", (HAND_KERNEL, 2), HAND_DILATED_2),
        Case("2x3 kernel, dilation 2 (worked by hand)", (HAND_WIDE_KERNEL, 2), HAND_WIDE_DILATED_2),
        Case("dilation 1 leaves the kernel as it is", (HAND_WIDE_KERNEL, 1), HAND_WIDE_KERNEL),
        Case("a 1x1 kernel has nothing to spread", (np.array([[5.0]]), 3), np.array([[5.0]])),
    ]


def dilate_kernel_pair_hand_cases() -> list[Case]:
    return [
        Case(
            "2x2 kernel, dilation (2, 3) (worked by hand)", (HAND_KERNEL, (2, 3)), HAND_DILATED_2_3
        ),
        Case(
            "2x3 kernel, dilation (1, 2): columns only",
            (HAND_WIDE_KERNEL, (1, 2)),
            ref.dilate_kernel(HAND_WIDE_KERNEL, (1, 2)),
        ),
    ]


def dilated_conv2d_hand_cases() -> list[Case]:
    return [
        Case(
            "4x6 image, 2x2 kernel, dilation 2 (worked by hand)",
            (HAND_IMAGE, HAND_KERNEL, 2),
            HAND_OUTPUT_2,
        ),
        Case(
            "the same with a uint8 image and the kernel negated",
            (HAND_IMAGE.astype(np.uint8), -HAND_KERNEL.astype(np.int64), 2),
            -HAND_OUTPUT_2,
        ),
        Case(
            "dilation 1 is the ordinary cross-correlation",
            (HAND_IMAGE, HAND_WIDE_KERNEL, 1),
            _correlate(HAND_IMAGE, HAND_WIDE_KERNEL),
        ),
    ]


def dilated_conv2d_pair_hand_cases() -> list[Case]:
    return [
        Case(
            "4x6 image, 2x2 kernel, dilation (2, 3) (worked by hand)",
            (HAND_IMAGE, HAND_KERNEL, (2, 3)),
            HAND_OUTPUT_2_3,
        )
    ]


def dilate_kernel_invalid_cases(seed: int) -> list[Case]:
    """Bad arguments that must raise ValueError (int dilations only)."""
    rng = rng_for(seed, "dilate_kernel-invalid")
    kernel = random_image(rng, tuple(int(v) for v in rng.integers(2, 5, size=2)), True)
    negative = -int(rng.integers(1, 4))
    return [
        Case("dilation 0", (kernel, 0), Raises(ValueError, "a dilation must be at least 1")),
        Case(
            f"dilation {negative}",
            (kernel, negative),
            Raises(ValueError, "a dilation must be at least 1"),
        ),
        Case("a 1-D kernel", (kernel[0], 2), Raises(ValueError, "the kernel must be 2-D")),
    ]


def dilated_conv2d_invalid_cases(seed: int) -> list[Case]:
    """Bad arguments that must raise ValueError: a zero or negative dilation, and a dilated
    kernel that is one pixel too tall or too wide (where a 'valid' output would be empty)."""
    rng = rng_for(seed, "dilated_conv2d-invalid")
    kh, kw = (int(v) for v in rng.integers(2, 5, size=2))
    d = int(rng.integers(2, 4))
    kernel = random_image(rng, (kh, kw), True)
    tall, wide = ref.dilated_extent(kh, d), ref.dilated_extent(kw, d)
    too_tall = random_image(rng, (tall - 1, wide + int(rng.integers(0, 4))), True)
    too_wide = random_image(rng, (tall + int(rng.integers(0, 4)), wide - 1), True)
    fits = random_image(rng, (tall + 2, wide + 3), True)
    small = random_image(rng, (kh - 1, kw + 2), True)
    bigger = "the dilated kernel is larger than the image"
    return [
        Case("dilation 0", (fits, kernel, 0), Raises(ValueError, "a dilation must be at least 1")),
        Case(
            "a negative dilation",
            (fits, kernel, -d),
            Raises(ValueError, "a dilation must be at least 1"),
        ),
        Case("dilated kernel one row too tall", (too_tall, kernel, d), Raises(ValueError, bigger)),
        Case(
            "dilated kernel one column too wide", (too_wide, kernel, d), Raises(ValueError, bigger)
        ),
        Case(
            "kernel taller than the image even undilated",
            (small, kernel, 1),
            Raises(ValueError, "the kernel is larger than the image"),
        ),
    ]


def _real_image_case() -> Case:
    from course.data import load_image

    photo = load_image("sample_image.jpg")[60:100, 90:140]
    sobel_x = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return Case(
        "40x50 photo crop, Sobel x, dilation 4",
        (photo, sobel_x, 4),
        ref.dilated_conv2d(photo, sobel_x, 4),
    )


# ---------------------------------------------------------------- front ends


check_dilate_kernel = visible_check(
    DILATE_KERNEL,
    lambda: (
        dilate_kernel_hand_cases()
        + dilate_kernel_random_cases(seed=0, count=4)
        + dilate_kernel_pair_hand_cases()
        + dilate_kernel_invalid_cases(seed=0)[:2]
    ),
    doc="Visible check: hand-worked kernels, random ones, pairs, and bad dilations.",
)
check_dilated_conv2d = visible_check(
    DILATED_CONV2D,
    lambda: (
        dilated_conv2d_hand_cases()
        + dilated_conv2d_random_cases(seed=0, count=4)
        + [_real_image_case()]
        + dilated_conv2d_pair_hand_cases()
        + dilated_conv2d_invalid_cases(seed=0)[::2]
    ),
    run=_run_with_edge_hint,
    doc="Visible check: the hand-worked example, random cases, a photo, pairs, bad input.",
)


def _dilate_kernel_pair_cases(seed: int) -> list[Case]:
    return (
        dilate_kernel_pair_hand_cases()
        + dilate_kernel_random_cases(seed, count=4, pair=True)
        + [
            Case(
                "dilation (2, 0)",
                (HAND_KERNEL, (2, 0)),
                Raises(ValueError, "a dilation must be at least 1 in each axis"),
            )
        ]
    )


assert_dilate_kernel_hand = graded_assertion(
    DILATE_KERNEL,
    dilate_kernel_hand_cases,
    "hand",
    doc="Graded: the kernels worked out by hand (int dilations).",
)
assert_dilate_kernel_random = graded_assertion(
    DILATE_KERNEL,
    lambda seed: dilate_kernel_random_cases(seed, count=6),
    "random",
    doc="Graded: random kernels and int dilations.",
)
assert_dilate_kernel_pair = graded_assertion(
    DILATE_KERNEL,
    _dilate_kernel_pair_cases,
    "pair",
    doc="Graded: dilation given as a pair (dh, dw), including a bad pair.",
)
assert_dilate_kernel_invalid = graded_assertion(
    DILATE_KERNEL,
    dilate_kernel_invalid_cases,
    "invalid",
    doc="Graded: a zero or negative dilation, or a kernel that is not 2-D, raises ValueError.",
)
assert_dilated_conv2d_hand = graded_assertion(
    DILATED_CONV2D,
    dilated_conv2d_hand_cases,
    "hand",
    run=_run_with_edge_hint,
    doc="Graded: the example worked out by hand, its uint8 version, and dilation 1.",
)
assert_dilated_conv2d_random = graded_assertion(
    DILATED_CONV2D,
    lambda seed: dilated_conv2d_random_cases(seed, count=6),
    "random",
    run=_run_with_edge_hint,
    doc="Graded: random non-square images and kernels with int dilations.",
)
assert_dilated_conv2d_pair = graded_assertion(
    DILATED_CONV2D,
    lambda seed: dilated_conv2d_pair_hand_cases() + dilated_conv2d_random_cases(seed, 4, pair=True),
    "pair",
    run=_run_with_edge_hint,
    doc="Graded: dilation given as a pair (dh, dw).",
)
assert_dilated_conv2d_invalid = graded_assertion(
    DILATED_CONV2D,
    dilated_conv2d_invalid_cases,
    "invalid",
    doc="Graded: bad dilations and too-large dilated kernels raise ValueError.",
)


# ---------------------------------------------------------------- receptive_field

# (layers, field), each layer (kernel_size, stride, dilation), the recurrence written out:
# r = 1, j = 1; for each layer: r += d (k - 1) j, then j *= s.
HAND_FIELDS = (
    ((), 1),  # no layer: an output is its own input pixel
    (((3, 1, 1),) * 3, 7),  # 1 + 2 + 2 + 2
    (((3, 1, 1), (3, 1, 2), (3, 1, 4)), 15),  # 1 + 2 + 4 + 8: lesson 8's stack
    (((5, 3, 2),), 9),  # 1 + 2 * 4: one layer's own stride does not widen its field
    (((7, 2, 1), (3, 2, 1)), 11),  # 1 + 6 + 2 * 2 (j = 2 after the stride-2 stem): ResNet
    (((3, 2, 1), (3, 1, 1)), 7),  # 1 + 2 + 2 * 2: a stride early grows the field...
    (((3, 1, 1), (3, 2, 1)), 5),  # 1 + 2 + 2: ...a stride last does not
    (((3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1), (3, 1, 1)), 14),  # 1+2+2+1 + 2*2 + 2*2: VGG
)


def _field(growth, jump_after=False, order=lambda layers: layers, start=1, combine=None):
    """A receptive-field rule: ``growth(k, s, d)`` added per layer, times the jump."""

    def rule(layers):
        layers = [tuple(layer) for layer in order(list(layers))]
        if combine is not None:
            return combine(layers)
        field, jump = start, 1
        for k, s, d in layers:
            if jump_after:
                jump *= s
            field += growth(k, s, d) * jump
            if not jump_after:
                jump *= s
        return field

    return rule


RECEPTIVE_FIELD = Exercise(
    name="receptive_field",
    misconceptions=(
        Misconception(
            "you ignored the strides: 1 + sum of d (k - 1) holds for stride-1 layers only. "
            "After a layer with stride s, neighbouring outputs are s input pixels apart (the "
            "jump), so each later layer widens the field by d (k - 1) times the jump",
            _field(
                lambda k, s, d: d * (k - 1), order=lambda layers: [(k, 1, d) for k, _, d in layers]
            ),
        ),
        Misconception(
            "a layer's own stride does not widen its own field: multiply its d (k - 1) by the "
            "product of the strides of the layers BEFORE it, then multiply the jump by its "
            "stride",
            _field(lambda k, s, d: d * (k - 1), jump_after=True),
        ),
        Misconception(
            "you went through the layers from the last to the first: layers[0] is the layer "
            "that reads the input, and the jump of a layer is the product of the strides "
            "before it",
            _field(lambda k, s, d: d * (k - 1), order=lambda layers: layers[::-1]),
        ),
        Misconception(
            "you ignored the dilation: taps d apart widen the field by d (k - 1) positions, "
            "not k - 1",
            _field(lambda k, s, d: k - 1),
        ),
        Misconception(
            "off by one per layer: you added each layer's whole span d (k - 1) + 1; a layer "
            "widens the field by d (k - 1), its span minus the one position the field had",
            _field(lambda k, s, d: d * (k - 1) + 1),
        ),
        Misconception(
            "a kernel of k taps d apart spans d (k - 1) + 1 pixels, so it widens the field by "
            "d (k - 1), not d k",
            _field(lambda k, s, d: d * k),
        ),
        Misconception(
            "you multiplied the layers' spans: receptive fields grow by ADDING each layer's "
            "d (k - 1), scaled by the jump",
            _field(
                None, combine=lambda layers: int(np.prod([d * (k - 1) + 1 for k, s, d in layers]))
            ),
        ),
    ),
)


def _field_case(label, layers, expected=None) -> Case:
    layers = [tuple(layer) for layer in layers]
    if expected is None:
        expected = ref.receptive_field(layers)
    return Case(label, (layers,), expected)


def receptive_field_hand_cases() -> list[Case]:
    """The stacks worked out in the comments of HAND_FIELDS."""
    return [
        _field_case(
            f"{len(layers)} layer(s) {list(layers)} (worked by hand)" if layers else "no layers",
            layers,
            expected=field,
        )
        for layers, field in HAND_FIELDS
    ]


def receptive_field_random_cases(seed: int, count: int = 8) -> list[Case]:
    """Random stacks of 2 to 6 layers, with a stride above 1 before the last layer."""
    rng = rng_for(seed, "receptive_field")
    cases = []
    for index in range(count):
        depth = int(rng.integers(2, 7))
        layers = []
        for _ in range(depth):
            k = int(rng.integers(1, 8))
            stride = int(rng.choice([1, 1, 2, 3]))
            dilation = int(rng.choice([1, 1, 2, 3])) if index % 2 else 1
            layers.append((k, stride, dilation))
        if all(s == 1 for _, s, _ in layers[:-1]):
            k, _, d = layers[0]
            layers[0] = (k, 2, d)
        if layers[0][0] == 1:  # a first layer of k >= 2, so that its growth shows
            layers[0] = (3, *layers[0][1:])
        cases.append(_field_case(f"random stack {index + 1} ({depth} layers)", layers))
    return cases


def receptive_field_error_cases(hidden: bool = False) -> list[Case]:
    cases = [
        Case(
            "a layer with stride 0",
            ([(3, 1, 1), (3, 0, 1)],),
            Raises(ValueError, "a stride must be at least 1"),
        ),
        Case(
            "a layer with kernel size 0",
            ([(0, 1, 1)],),
            Raises(ValueError, "a kernel needs at least one tap"),
        ),
        Case(
            "a layer of two numbers",
            ([(3, 1, 1), (3, 2)],),
            Raises(ValueError, "each layer is (kernel_size, stride, dilation)"),
        ),
    ]
    if hidden:
        cases += [
            Case(
                "a layer with dilation 0",
                ([(3, 2, 1), (3, 1, 0)],),
                Raises(ValueError, "a dilation must be at least 1"),
            ),
            Case(
                "a negative stride",
                ([(3, -2, 1), (3, 1, 1)],),
                Raises(ValueError, "a stride must be at least 1"),
            ),
            Case(
                "a layer of four numbers",
                ([(3, 1, 1, 1)],),
                Raises(ValueError, "each layer is (kernel_size, stride, dilation)"),
            ),
        ]
    return cases


check_receptive_field = visible_check(
    RECEPTIVE_FIELD,
    lambda: (
        receptive_field_hand_cases()
        + receptive_field_random_cases(seed=0)
        + receptive_field_error_cases()
    ),
    run=run_explaining_first,
    doc="Visible check: the stacks worked out by hand, random stacks, and bad layers.",
)
assert_receptive_field_hand = graded_assertion(
    RECEPTIVE_FIELD,
    receptive_field_hand_cases,
    "hand",
    run=run_explaining_first,
    doc="Graded: the stacks worked out by hand (stride 1, dilated, strided, ResNet, VGG).",
)
assert_receptive_field_random = graded_assertion(
    RECEPTIVE_FIELD,
    lambda seed: receptive_field_random_cases(seed, count=12),
    "random",
    run=run_explaining_first,
    doc="Graded: random stacks of strided, dilated layers.",
)
assert_receptive_field_errors = graded_assertion(
    RECEPTIVE_FIELD,
    receptive_field_error_cases,
    "errors",
    doc="Graded: layers with a value below 1, or not of three values, raise ValueError.",
)
