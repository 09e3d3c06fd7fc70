"""Checks for lesson 6: ``pad_image`` (padding by indexing) and ``correlate2d_same``.

``pad_image`` must build its border with indexing: every check runs it with ``numpy.pad``
watched (see :func:`forbid_np_pad`), and a solution that calls it, directly, through an
alias or through another library, fails with :data:`NO_NP_PAD`.

``correlate2d_same`` must equal ``scipy.signal.correlate2d(..., mode='same')``, whose
centring rule for even kernel sides is the trap: ``(kh - 1) // 2`` rows are added on top
and ``kh // 2`` at the bottom (likewise columns), the opposite of ``scipy.ndimage``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import inspect
import sys

import numpy as np
import scipy.signal

from autograder import probes
from autograder.cases import rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Outcome,
    Raises,
    graded_assertion,
    mistake,
    run_cases,
    say,
    visible_check,
)
from autograder.reference import l06_padding as ref

NO_NP_PAD = "pad_image must build the padding with indexing, not np.pad"

# ------------------------------------------------------------------ worked by hand

# A 2x3 image padded with pad=((1, 0), (2, 1)): one row on top, none below, two columns on
# the left, one on the right, so the result is 3x6. Output row -1 / columns -2, -1 and 3
# come from these source pixels (numpy.pad's rules):
#   constant (value=9): every new pixel is 9
#   edge:      row -1 -> 0;  columns -2, -1 -> 0, column 3 -> 2    (the outermost pixel)
#   reflect:   row -1 -> 1;  columns -2 -> 2, -1 -> 1, 3 -> 1      (mirror, edge not repeated)
#   symmetric: row -1 -> 0;  columns -2 -> 1, -1 -> 0, 3 -> 2      (mirror, edge repeated)
#   wrap:      row -1 -> 1;  columns -2 -> 1, -1 -> 2, 3 -> 0      (from the opposite side)
HAND_IMAGE = np.array([[1, 2, 3], [4, 5, 6]], dtype=float)
HAND_PAD = ((1, 0), (2, 1))
HAND_VALUE = 9
HAND_PADDED = {
    "constant": np.array([[9, 9, 9, 9, 9, 9], [9, 9, 1, 2, 3, 9], [9, 9, 4, 5, 6, 9]], float),
    "edge": np.array([[1, 1, 1, 2, 3, 3], [1, 1, 1, 2, 3, 3], [4, 4, 4, 5, 6, 6]], float),
    "reflect": np.array([[6, 5, 4, 5, 6, 5], [3, 2, 1, 2, 3, 2], [6, 5, 4, 5, 6, 5]], float),
    "symmetric": np.array([[2, 1, 1, 2, 3, 3], [2, 1, 1, 2, 3, 3], [5, 4, 4, 5, 6, 6]], float),
    "wrap": np.array([[5, 6, 4, 5, 6, 4], [2, 3, 1, 2, 3, 1], [5, 6, 4, 5, 6, 4]], float),
}

# 'same' cross-correlation of a 3x3 ramp, worked by hand:
# - kernel [[1, -1]] (1x2, even width), boundary 'fill': scipy.signal.correlate2d adds the
#   extra column on the RIGHT, so out[i, j] = x[i, j] - x[i, j + 1] and the last column is
#   x[i, 2] - 0: [[1-2, 2-3, 3-0], ...] = [[-1, -1, 3], [-1, -1, 6], [-1, -1, 9]];
# - kernel [[1], [-1]] (2x1), boundary 'symm': the extra row goes BELOW and repeats the last
#   row, so out[i, j] = x[i, j] - x[i + 1, j] = -3, and 0 on the last row (7 - 7, ...);
# - a 3x3 kernel of ones, boundary 'wrap': on a 3x3 image every window holds each of the nine
#   pixels once, so every output is 1 + 2 + ... + 9 = 45.
SAME_IMAGE = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=float)
SAME_HAND = (
    (
        "3x3 ramp, 1x2 kernel [[1, -1]], boundary='fill' (worked by hand)",
        np.array([[1.0, -1.0]]),
        "fill",
        np.array([[-1, -1, 3], [-1, -1, 6], [-1, -1, 9]], dtype=float),
    ),
    (
        "3x3 ramp, 2x1 kernel [[1], [-1]], boundary='symm' (worked by hand)",
        np.array([[1.0], [-1.0]]),
        "symm",
        np.array([[-3, -3, -3], [-3, -3, -3], [0, 0, 0]], dtype=float),
    ),
    (
        "3x3 ramp, 3x3 kernel of ones, boundary='wrap' (worked by hand)",
        np.ones((3, 3)),
        "wrap",
        np.full((3, 3), 45.0),
    ),
)

# ------------------------------------------------------------------ np.pad is watched


class NpPadUsed(Exception):
    """Raised by the watch when the learner's ``pad_image`` called ``numpy.pad``."""


@contextlib.contextmanager
def _watching_np_pad(calls: list, namespace: dict | None):
    """Record every call of ``numpy.pad`` made while the block runs.

    Two independent watches: ``numpy.pad`` (and any alias of it in the learner's namespace,
    e.g. ``from numpy import pad``) is replaced by a recorder that still pads; and a
    profile hook records any call of numpy's pad implementation, however it was reached
    (an alias kept elsewhere, or another library that pads internally).
    """
    real = np.pad
    implementation = getattr(inspect.unwrap(real), "__code__", None)

    def recorder(*args, **kwargs):
        calls.append("np.pad")
        return real(*args, **kwargs)

    previous_profile = sys.getprofile()

    def profile(frame, event, arg):
        if event == "call" and frame.f_code is implementation:
            calls.append("numpy pad implementation")
        if previous_profile is not None:
            previous_profile(frame, event, arg)

    aliases = [name for name, value in (namespace or {}).items() if value is real]
    np.pad = recorder
    for name in aliases:
        namespace[name] = recorder
    sys.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(previous_profile)
        np.pad = real
        for name in aliases:
            namespace[name] = real


@probes.register("np_pad_calls")
def np_pad_calls(func, *args, **kwargs) -> list[str]:
    """The calls of ``numpy.pad`` one call of ``func`` makes (its own errors are ignored)."""
    calls: list[str] = []
    with _watching_np_pad(calls, getattr(func, "__globals__", None)):
        try:
            func(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the value checks report the error
            pass
    return calls


def forbid_np_pad(func):
    """Wrap ``func`` so that a call of ``numpy.pad`` inside it raises :class:`NpPadUsed`."""
    if hasattr(func, "run_probe"):
        # A notebook's function seen from the grader: the watch runs beside it, as a probe.
        def watched(*args, **kwargs):
            if probes.run("np_pad_calls", func, *args, **kwargs):
                raise NpPadUsed(NO_NP_PAD)
            return func(*args, **kwargs)

        watched.__name__ = getattr(func, "__name__", "pad_image")
        return watched
    namespace = getattr(func, "__globals__", None)

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        calls: list[str] = []
        with _watching_np_pad(calls, namespace):
            try:
                result = func(*args, **kwargs)
            except Exception as error:
                if calls:
                    raise NpPadUsed(NO_NP_PAD) from error
                raise
        if calls:
            raise NpPadUsed(NO_NP_PAD)
        return result

    return guarded


def _name_np_pad(outcome: Outcome) -> Outcome:
    if outcome.message.startswith(f"raised {NpPadUsed.__name__}"):
        return dataclasses.replace(outcome, message=NO_NP_PAD)
    return outcome


def pad_image_outcomes(func, cases: list[Case], exercise: Exercise | None = None) -> list[Outcome]:
    """Run ``pad_image`` cases with numpy.pad watched; a call of it fails the case (a ``run``
    for the factories)."""
    runnable = forbid_np_pad(func) if callable(func) else func
    outcomes = run_cases(runnable, cases, exercise or PAD_IMAGE)
    return [_name_np_pad(outcome) for outcome in outcomes]


# ------------------------------------------------------------------ pad_image mistakes


def _np_pad(image, widths, mode, value=0):
    if mode == "constant":
        return np.pad(np.asarray(image, float), widths, mode="constant", constant_values=value)
    return np.pad(np.asarray(image, float), widths, mode=mode)


def _widths_then(rearrange):
    """A wrong pad_image that rearranges the ((top, bottom), (left, right)) widths."""

    def wrong(image, pad, mode="constant", value=0):
        (top, bottom), (left, right) = ref.pad_widths(pad)
        return _np_pad(image, rearrange(top, bottom, left, right), mode, value)

    return wrong


def _mode_instead(expected_modes: tuple[str, ...], used: str):
    """A wrong pad_image that, asked for one of ``expected_modes``, pads with ``used``."""

    def wrong(image, pad, mode="constant", value=0):
        if mode not in expected_modes:
            return None
        return _np_pad(image, ref.pad_widths(pad), used, value)

    return wrong


def _value_ignored(image, pad, mode="constant", value=0):
    if mode != "constant" or value == 0:
        return None
    return _np_pad(image, ref.pad_widths(pad), "constant", 0)


def _mode_ignored(image, pad, mode="constant", value=0):
    if mode == "constant":
        return None
    return _np_pad(image, ref.pad_widths(pad), "constant", value)


PAD_IMAGE = Exercise(
    name="pad_image",
    shape_rule="the padded image has shape (H + top + bottom, W + left + right)",
    misconceptions=(
        Misconception(
            "you padded only the rows (top and bottom); pad the columns (left and right) too",
            _widths_then(lambda t, b, left, r: ((t, b), (0, 0))),
        ),
        Misconception(
            "you padded only the columns (left and right); pad the rows (top and bottom) too",
            _widths_then(lambda t, b, left, r: ((0, 0), (left, r))),
        ),
        mistake(
            "one-sided padding",
            _widths_then(lambda t, b, left, r: ((t, 0), (left, 0))),
            where="the pads along only the top and the left",
            sides="pad the bottom and the right too",
        ),
        Misconception(
            "you swapped the pairs in `pad`: it is ((top, bottom), (left, right)), "
            "the first pair for the rows, the second for the columns",
            _widths_then(lambda t, b, left, r: ((left, r), (t, b))),
        ),
        Misconception(
            "you swapped before and after: in (top, bottom) the first number goes above the "
            "image, and in (left, right) the first number goes on its left",
            _widths_then(lambda t, b, left, r: ((b, t), (r, left))),
        ),
        Misconception(
            "you read `pad` as ((top, left), (bottom, right)); "
            "it is ((top, bottom), (left, right))",
            _widths_then(lambda t, b, left, r: ((t, left), (b, r))),
        ),
        Misconception(
            "you ignored `value`: mode='constant' fills the border with `value` (0 is only the "
            "default)",
            _value_ignored,
        ),
        Misconception(
            "you ignored `mode`: every border came out constant; 'edge', 'reflect', "
            "'symmetric' and 'wrap' copy pixels of the image instead",
            _mode_ignored,
        ),
        Misconception(
            "reflect and symmetric confused: 'reflect' mirrors about the edge pixel without "
            "repeating it (c b | a b c); you repeated it, which is 'symmetric' (b a | a b c)",
            _mode_instead(("reflect",), "symmetric"),
        ),
        Misconception(
            "reflect and symmetric confused: 'symmetric' repeats the edge pixel in the mirror "
            "(b a | a b c); you left it out, which is 'reflect' (c b | a b c)",
            _mode_instead(("symmetric",), "reflect"),
        ),
        Misconception(
            "wrap and reflect confused: 'wrap' copies pixels from the OPPOSITE side of the "
            "image, as if it were tiled (b c | a b c); you mirrored the near side",
            _mode_instead(("wrap",), "reflect"),
        ),
        Misconception(
            "wrap and reflect confused: 'wrap' copies pixels from the OPPOSITE side of the "
            "image, as if it were tiled (b c | a b c); you mirrored the near side",
            _mode_instead(("wrap",), "symmetric"),
        ),
        Misconception(
            "wrap and reflect confused: 'reflect' and 'symmetric' mirror the pixels NEXT to "
            "the edge; you copied them from the opposite side, which is 'wrap'",
            _mode_instead(("reflect", "symmetric"), "wrap"),
        ),
        Misconception(
            "mode='edge' repeats the outermost pixel; you mirrored the image instead",
            _mode_instead(("edge",), "symmetric"),
        ),
    ),
)

# ------------------------------------------------------------------ correlate2d_same mistakes


def _padded_valid(image, kernel, widths, boundary, fillvalue, flip=False):
    padded = _np_pad(image, widths, ref.BOUNDARY_TO_MODE[boundary], fillvalue)
    operation = scipy.signal.convolve2d if flip else scipy.signal.correlate2d
    return operation(padded, np.asarray(kernel, float), mode="valid")


def _same_with(widths_rule, mode_rule=None):
    """A wrong correlate2d_same: another border width rule, or another boundary."""

    def wrong(image, kernel, boundary="fill", fillvalue=0):
        kh, kw = np.shape(kernel)
        widths = widths_rule(kh, kw)
        used = boundary if mode_rule is None else mode_rule(boundary)
        if used is None:
            return None
        if used in ref.BOUNDARY_TO_MODE:
            return _padded_valid(image, kernel, widths, used, fillvalue)
        padded = np.pad(np.asarray(image, float), widths, mode=used)  # a numpy-only mode
        return scipy.signal.correlate2d(padded, np.asarray(kernel, float), mode="valid")

    return wrong


def _scipy_rule(kh, kw):
    return ref.same_pad_widths((kh, kw))


def _wrong_side(kh, kw):
    """The extra row/column above/left: scipy.ndimage's and scipy.signal.correlate's rule."""
    return (kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2)


# Issue 15: padding on one side only was reported as "values differ". For a kernel side of 2
# it coincides with the right rule (after) or the wrong side (before); from 3 on it differs.
def _one_side_only(where: str) -> str:
    return say(
        "one-sided padding",
        where=f"all kh - 1 rows and kw - 1 columns {where}",
        sides=(
            "'same' splits them, (kh - 1) // 2 rows above and kh // 2 below, (kw - 1) // 2 "
            "columns on the left and kw // 2 on the right, so that each output sits under the "
            "kernel's centre"
        ),
    )


def _fillvalue_ignored(image, kernel, boundary="fill", fillvalue=0):
    if boundary != "fill" or fillvalue == 0:
        return None
    return ref.correlate2d_same(image, kernel, "fill", 0)


def _flipped(image, kernel, boundary="fill", fillvalue=0):
    return scipy.signal.convolve2d(
        np.asarray(image, float), np.asarray(kernel, float), "same", boundary, fillvalue
    )


CORRELATE2D_SAME = Exercise(
    name="correlate2d_same",
    shape_rule="a 'same' output has the image's shape (H, W)",
    misconceptions=(
        Misconception(
            "you centred the even kernel on the wrong side: scipy.signal.correlate2d puts the "
            "extra padding row BELOW the image and the extra column on its RIGHT, "
            "(kh - 1) // 2 rows above and kh // 2 below (scipy.ndimage does the opposite)",
            _same_with(_wrong_side),
        ),
        Misconception(
            _one_side_only("after the image (below it and on its right)"),
            _same_with(lambda kh, kw: ((0, kh - 1), (0, kw - 1))),
        ),
        Misconception(
            _one_side_only("before the image (above it and on its left)"),
            _same_with(lambda kh, kw: ((kh - 1, 0), (kw - 1, 0))),
        ),
        Misconception(
            "you padded kh // 2 on both sides: for an even kernel side that is one row or "
            "column too many; pad kh - 1 in total, (kh - 1) // 2 before and kh // 2 after",
            _same_with(lambda kh, kw: ((kh // 2, kh // 2), (kw // 2, kw // 2))),
        ),
        Misconception(
            "you flipped the kernel: that is convolution; correlate2d_same slides the kernel "
            "as it is",
            _flipped,
        ),
        Misconception(
            "your output is smaller than the image: you did not pad it. 'same' adds kh - 1 "
            "rows and kw - 1 columns around the image so that the output keeps its shape",
            lambda image, kernel, boundary="fill", fillvalue=0: scipy.signal.correlate2d(
                image, kernel, mode="valid"
            ),
        ),
        Misconception(
            "your output has the 'full' size (H + kh - 1, W + kw - 1); "
            "'same' keeps the image's shape",
            lambda image, kernel, boundary="fill", fillvalue=0: scipy.signal.correlate2d(
                image, kernel, mode="full", boundary=boundary, fillvalue=fillvalue
            ),
        ),
        Misconception(
            "you padded only the rows; pad the columns too (kw - 1 in total)",
            _same_with(lambda kh, kw: (((kh - 1) // 2, kh // 2), (0, 0))),
        ),
        Misconception(
            "you padded only the columns; pad the rows too (kh - 1 in total)",
            _same_with(lambda kh, kw: ((0, 0), ((kw - 1) // 2, kw // 2))),
        ),
        Misconception(
            "you ignored `fillvalue`: boundary='fill' pads with `fillvalue` (0 is only the "
            "default)",
            _fillvalue_ignored,
        ),
        Misconception(
            "you ignored `boundary`: the border was filled with zeros; 'symm' mirrors the "
            "image and 'wrap' copies from the opposite side",
            _same_with(_scipy_rule, lambda b: "fill" if b != "fill" else None),
        ),
        Misconception(
            "boundary='symm' repeats the edge pixel in the mirror (numpy's 'symmetric', "
            "b a | a b c); you mirrored without repeating it (numpy's 'reflect', c b | a b c)",
            _same_with(_scipy_rule, lambda b: "reflect" if b == "symm" else None),
        ),
        Misconception(
            "boundary='wrap' copies pixels from the opposite side of the image; "
            "you mirrored the near side",
            _same_with(_scipy_rule, lambda b: "symm" if b == "wrap" else None),
        ),
        Misconception(
            "boundary='symm' mirrors the pixels next to the edge; you copied them from the "
            "opposite side, which is 'wrap'",
            _same_with(_scipy_rule, lambda b: "wrap" if b == "symm" else None),
        ),
    ),
)

# ------------------------------------------------------------------ cases: pad_image


def _pad_call(label, image, pad, mode, value=0) -> Case:
    return Case(
        label,
        (image, pad),
        ref.pad_image(image, pad, mode, value),
        kwargs={"mode": mode, "value": value},
    )


def pad_hand_cases() -> list[Case]:
    """The 2x3 image of the lesson, padded with ((1, 0), (2, 1)) in every mode."""
    return [
        Case(
            f"2x3 image, pad ((1, 0), (2, 1)), mode='{mode}'"
            + (f", value={HAND_VALUE}" if mode == "constant" else "")
            + " (worked by hand)",
            (HAND_IMAGE, HAND_PAD),
            expected,
            kwargs={"mode": mode, "value": HAND_VALUE if mode == "constant" else 0},
        )
        for mode, expected in HAND_PADDED.items()
    ]


def _random_widths(rng) -> tuple[tuple[int, int], tuple[int, int]]:
    """Four widths in 0..3 that make order mistakes visible: (t, b) != (l, r), t != b."""
    while True:
        top, bottom, left, right = (int(v) for v in rng.integers(0, 4, size=4))
        if top != bottom and left != right and (top, bottom) != (left, right):
            return (top, bottom), (left, right)


def pad_random_cases(seed: int, count: int = 10) -> list[Case]:
    """Random non-square images, every mode at least once, int and tuple pads."""
    rng = rng_for(seed, "pad_image")
    cases = []
    for index in range(count):
        mode = ref.MODES[index % len(ref.MODES)]
        while True:
            height, width = (int(v) for v in rng.integers(2, 8, size=2))
            if height != width:
                break
        image = np.round(rng.uniform(-1, 1, size=(height, width)), 2)
        pad = int(rng.integers(1, 4)) if index % 4 == 3 else _random_widths(rng)
        value = float(rng.choice([-2.0, -0.5, 0.5, 1.0, 3.0])) if mode == "constant" else 0
        shown = "an int" if isinstance(pad, int) else "a pair of pairs"
        cases.append(
            _pad_call(
                f"random case {index + 1} ({height}x{width} image, mode='{mode}', pad is {shown})",
                image,
                pad,
                mode,
                value,
            )
        )
    cases.append(_pad_call("pad=0 gives the image back", rng.uniform(size=(3, 4)), 0, "reflect"))
    return cases


def pad_wide_cases() -> list[Case]:
    """Borders wider than the image: the pattern repeats, as in numpy.pad."""
    image = np.array([[1, 2, 3], [4, 5, 6]], dtype=float)
    pad = ((5, 3), (7, 4))
    return [
        _pad_call(
            f"2x3 image, border wider than the image {pad}, mode='{mode}'",
            image,
            pad,
            mode,
            -1 if mode == "constant" else 0,
        )
        for mode in ref.MODES
    ]


def _error_case(label, args, kwargs, why, error=ValueError) -> Case:
    return Case(label, args, Raises(error, why), kwargs=kwargs)


def pad_error_cases(hidden: bool = False) -> list[Case]:
    """Bad input must raise ValueError; the hidden set adds more of the documented ones."""
    image = np.ones((3, 4))
    cases = [
        _error_case("negative pad", (image, -1), {}, "a pad width cannot be negative"),
        _error_case(
            "unknown mode 'mirror'",
            (image, 1),
            {"mode": "mirror"},
            "'mirror' is not one of the five modes",
        ),
    ]
    if hidden:
        cases += [
            _error_case(
                "negative width inside the pairs",
                (image, ((1, 2), (0, -3))),
                {},
                "a pad width cannot be negative",
            ),
            _error_case(
                "unknown mode 'zeros'", (image, 2), {"mode": "zeros"}, "'zeros' is not a mode"
            ),
            _error_case("1-D image", (np.ones(5), 1), {"mode": "edge"}, "the image must be 2-D"),
        ]
    return cases


# ------------------------------------------------------------------ cases: correlate2d_same


def same_hand_cases() -> list[Case]:
    """The three examples worked out by hand in the checks' comments."""
    return [
        Case(label, (SAME_IMAGE, kernel), expected, kwargs={"boundary": boundary})
        for label, kernel, boundary, expected in SAME_HAND
    ]


def _same_call(label, image, kernel, boundary, fillvalue=0) -> Case:
    return Case(
        label,
        (image, kernel),
        ref.correlate2d_same(image, kernel, boundary, fillvalue),
        kwargs={"boundary": boundary, "fillvalue": fillvalue},
    )


def _same_random(seed: int, salt: str, count: int, sides: str) -> list[Case]:
    """Random non-square images; kernel sides odd, even, or any (``sides``)."""
    rng = rng_for(seed, salt)
    pools = {"odd": [1, 3, 5], "even": [2, 4], "any": [1, 2, 3, 4, 5]}
    cases = []
    for index in range(count):
        boundary = ref.BOUNDARIES[index % 3]
        while True:
            height, width = (int(v) for v in rng.integers(5, 12, size=2))
            kh, kw = (int(v) for v in rng.choice(pools[sides], size=2))
            square_ok = index >= 2 or (height != width and kh != kw)
            even_ok = sides != "any" or index != 0 or (kh % 2 == 0 or kw % 2 == 0)
            if square_ok and even_ok:
                break
        if sides == "even" and index % 4 == 3:
            kh, kw = 2, 2
        integer = index % 2 == 0
        if integer:
            image = rng.integers(-4, 5, size=(height, width)).astype(float)
            kernel = rng.integers(-3, 4, size=(kh, kw)).astype(float)
        else:
            image = rng.uniform(-1, 1, size=(height, width))
            kernel = rng.uniform(-1, 1, size=(kh, kw))
        kernel.flat[0] = kernel.flat[0] + 5.0  # never symmetric: centring must show
        fillvalue = float(rng.choice([0.5, -1.0, 2.0])) if boundary == "fill" and index % 2 else 0
        cases.append(
            _same_call(
                f"{sides} kernel {index + 1} ({height}x{width} image, {kh}x{kw} kernel, "
                f"boundary='{boundary}'" + (f", fillvalue={fillvalue:g})" if fillvalue else ")"),
                image,
                kernel,
                boundary,
                fillvalue,
            )
        )
    return cases


def same_odd_cases(seed: int = 0) -> list[Case]:
    return _same_random(seed, "correlate2d_same odd", 3, "odd")


def same_even_cases(seed: int = 0) -> list[Case]:
    return _same_random(seed, "correlate2d_same even", 6, "even")


def same_random_cases(seed: int, count: int = 6) -> list[Case]:
    return _same_random(seed, "correlate2d_same random", count, "any")


def same_error_cases(hidden: bool = False) -> list[Case]:
    image = np.ones((4, 5))
    kernel = np.ones((2, 3))
    cases = [
        _error_case(
            "unknown boundary 'reflect'",
            (image, kernel),
            {"boundary": "reflect"},
            "the boundary must be 'fill', 'symm' or 'wrap'",
        ),
        _error_case("1-D kernel", (image, np.ones(3)), {}, "the kernel must be 2-D"),
    ]
    if hidden:
        cases += [
            _error_case(
                "unknown boundary 'zero'",
                (image, kernel),
                {"boundary": "zero"},
                "the boundary must be 'fill', 'symm' or 'wrap'",
            ),
            _error_case("3-D image", (np.ones((4, 5, 3)), kernel), {}, "the image must be 2-D"),
        ]
    return cases


# ------------------------------------------------------------------ front ends


check_pad_image = visible_check(
    PAD_IMAGE,
    lambda: pad_hand_cases() + pad_random_cases(seed=0) + pad_wide_cases() + pad_error_cases(),
    run=pad_image_outcomes,
    doc="Visible check: hand-worked, random, wide and bad-input cases; np.pad is refused.",
)
check_correlate2d_same = visible_check(
    CORRELATE2D_SAME,
    lambda: (
        same_hand_cases()
        + same_odd_cases()
        + same_even_cases()
        + same_random_cases(seed=0, count=3)
        + same_error_cases()
    ),
    doc="Visible check: hand-worked, odd, even, random and bad-input cases.",
)

assert_pad_image_hand = graded_assertion(
    PAD_IMAGE,
    pad_hand_cases,
    "hand",
    run=pad_image_outcomes,
    doc="Graded: the 2x3 example worked out by hand, in all five modes.",
)
assert_pad_image_random = graded_assertion(
    PAD_IMAGE,
    lambda seed: pad_random_cases(seed, count=12),
    "random",
    run=pad_image_outcomes,
    doc="Graded: random images, pads and modes, equal to numpy.pad.",
)
assert_pad_image_wide = graded_assertion(
    PAD_IMAGE,
    pad_wide_cases,
    "wide",
    run=pad_image_outcomes,
    doc="Graded: borders wider than the image repeat the pattern, as numpy.pad does.",
)
assert_pad_image_errors = graded_assertion(
    PAD_IMAGE,
    pad_error_cases,
    "errors",
    run=pad_image_outcomes,
    doc="Graded: negative pads, unknown modes (and, hidden, more bad input) raise ValueError.",
)

assert_correlate2d_same_hand = graded_assertion(
    CORRELATE2D_SAME,
    same_hand_cases,
    "hand",
    doc="Graded: the three examples worked out by hand (odd and even kernels).",
)
assert_correlate2d_same_odd = graded_assertion(
    CORRELATE2D_SAME,
    lambda seed: _same_random(seed, "correlate2d_same odd", 6, "odd"),
    "odd",
    doc="Graded: odd kernel sides, every boundary.",
)
assert_correlate2d_same_even = graded_assertion(
    CORRELATE2D_SAME,
    lambda seed: _same_random(seed, "correlate2d_same even", 8, "even"),
    "even",
    doc="Graded: even kernel sides (scipy's centring rule), every boundary.",
)
assert_correlate2d_same_random = graded_assertion(
    CORRELATE2D_SAME,
    lambda seed: same_random_cases(seed, count=8),
    "random",
    doc="Graded: random sizes, boundaries and fill values.",
)
assert_correlate2d_same_errors = graded_assertion(
    CORRELATE2D_SAME,
    same_error_cases,
    "errors",
    doc="Graded: unknown boundaries and non-2-D input raise ValueError.",
)


__all__ = [
    "CORRELATE2D_SAME",
    "NO_NP_PAD",
    "PAD_IMAGE",
    "assert_correlate2d_same_errors",
    "assert_correlate2d_same_even",
    "assert_correlate2d_same_hand",
    "assert_correlate2d_same_odd",
    "assert_correlate2d_same_random",
    "assert_pad_image_errors",
    "assert_pad_image_hand",
    "assert_pad_image_random",
    "assert_pad_image_wide",
    "check_correlate2d_same",
    "check_pad_image",
    "forbid_np_pad",
]
