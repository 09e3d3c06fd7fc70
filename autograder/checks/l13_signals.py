"""Checks for lesson 13: ``convolve1d``, ``moving_average`` and ``moving_average_unbiased``."""

from __future__ import annotations

import copy

import numpy as np
import scipy.ndimage
import scipy.signal

from autograder import probes
from autograder.cases import rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Raises,
    graded_assertion,
    visible_check,
)
from autograder.reference import l13_signals as ref

# ------------------------------------------------------------------ hand-worked examples

# An asymmetric kernel: convolution flips it, so out[n] = 2*signal[n] + 1*signal[n - 1].
HAND_SIGNAL = np.array([1.0, 2.0, 3.0, 4.0])
HAND_KERNEL = np.array([2.0, 1.0])
# full: [2*1, 2*2 + 1*1, 2*3 + 1*2, 2*4 + 1*3, 1*4] = [2, 5, 8, 11, 4]
HAND_FULL = np.array([2.0, 5.0, 8.0, 11.0, 4.0])
HAND_SAME = np.array([2.0, 5.0, 8.0, 11.0])  # 4 samples from index (2 - 1) // 2 = 0
HAND_VALID = np.array([5.0, 8.0, 11.0])  # 4 - 2 + 1 = 3 samples: both taps on the signal

# Two impulses: each one leaves a copy of the kernel, scaled, starting where it sits.
IMPULSES = np.array([1.0, 0.0, 0.0, 0.0, 2.0])
IMPULSE_KERNEL = np.array([1.0, 2.0, 3.0])
IMPULSE_FULL = np.array([1.0, 2.0, 3.0, 0.0, 2.0, 4.0, 6.0])  # 1*[1,2,3] + 2*[1,2,3] 4 later
IMPULSE_SAME = np.array([2.0, 3.0, 0.0, 2.0, 4.0])  # from index (3 - 1) // 2 = 1
IMPULSE_VALID = np.array([3.0, 0.0, 2.0])  # indices 2..4 of 'full'

# A kernel longer than the signal: np.convolve swaps the two.
SHORT_SIGNAL = np.array([1.0, 2.0])
LONG_KERNEL = np.array([1.0, 0.0, 0.0, 3.0])
# full: [1*1, 2*1, 0, 1*3, 2*3] = [1, 2, 0, 3, 6]
LONG_FULL = np.array([1.0, 2.0, 0.0, 3.0, 6.0])
LONG_SAME = np.array([1.0, 2.0, 0.0, 3.0])  # max(2, 4) = 4 samples from (2 - 1) // 2 = 0
LONG_VALID = np.array([2.0, 0.0, 3.0])  # 4 - 2 + 1 = 3 samples from index 2 - 1 = 1

# Moving averages of a short signal.
AVERAGE_SIGNAL = np.array([3.0, 6.0, 9.0, 3.0, 0.0, 6.0])
# window 3, 'same': out[0] = (0 + 3 + 6) / 3 = 3 (a zero sneaks in), out[1] = (3 + 6 + 9) / 3
AVERAGE_3 = np.array([3.0, 6.0, 6.0, 4.0, 3.0, 2.0])
# window 2 (even): out[i] = (signal[i - 1] + signal[i]) / 2, with signal[-1] taken as 0
AVERAGE_2 = np.array([1.5, 4.5, 7.5, 6.0, 1.5, 3.0])
# Unbiased: each end divides by the samples that exist, not by the window.
UNBIASED_3 = np.array([4.5, 6.0, 6.0, 4.0, 3.0, 3.0])  # out[0] = (3 + 6) / 2, out[5] = (0 + 6) / 2
UNBIASED_2 = np.array([3.0, 4.5, 7.5, 6.0, 1.5, 3.0])  # out[0] = 3 / 1

CONVOLVE_SHAPE_RULE = (
    "np.convolve returns N + M - 1 samples for 'full', max(N, M) for 'same' and "
    "max(N, M) - min(N, M) + 1 for 'valid'"
)
AVERAGE_SHAPE_RULE = "the output has one value per input sample (same length as the signal)"

# ------------------------------------------------------------------ wrong convolutions


def _full(signal, kernel):
    return np.convolve(np.asarray(signal, float), np.asarray(kernel, float), mode="full")


def _lengths(signal, kernel):
    n, m = np.size(signal), np.size(kernel)
    return min(n, m), max(n, m)


def _same_late(signal, kernel, mode="full"):
    """'same' starting at min(N, M) // 2: one sample late for even lengths."""
    if mode != "same":
        return None
    short, long = _lengths(signal, kernel)
    return _full(signal, kernel)[short // 2 : short // 2 + long]


def _valid_off(delta_start, delta_stop):
    def wrong(signal, kernel, mode="full"):
        if mode != "valid":
            return None
        short, long = _lengths(signal, kernel)
        start, stop = short - 1 + delta_start, long + delta_stop
        if start < 0:
            return None
        return _full(signal, kernel)[start:stop]

    return wrong


FLIP_MESSAGE = (
    "you did not flip the kernel: that is cross-correlation (np.correlate). Convolution "
    "reverses the kernel: out[n] = sum over k of signal[n - k] * kernel[k]"
)
VALID_MESSAGE = (
    "off by one in 'valid' mode: there are max(N, M) - min(N, M) + 1 positions where the "
    "shorter array fits entirely inside the longer one"
)

CONVOLVE1D = Exercise(
    name="convolve1d",
    shape_rule=CONVOLVE_SHAPE_RULE,
    misconceptions=(
        Misconception(
            FLIP_MESSAGE,
            lambda signal, kernel, mode="full": np.convolve(signal, np.asarray(kernel)[::-1], mode),
        ),
        Misconception(
            FLIP_MESSAGE, lambda signal, kernel, mode="full": np.correlate(signal, kernel, mode)
        ),
        Misconception(
            "off by one in 'same' mode for an even length: np.convolve keeps 'full' from "
            "index (k - 1) // 2, where k = min(N, M); you started one sample later",
            _same_late,
        ),
        Misconception(VALID_MESSAGE, _valid_off(0, -1)),
        Misconception(VALID_MESSAGE, _valid_off(-1, 0)),
        Misconception(VALID_MESSAGE, _valid_off(0, 1)),
        Misconception(
            "when the kernel is longer than the signal, np.convolve swaps the two: 'same' "
            "returns max(N, M) samples, centred on the longer array (scipy.signal.convolve "
            "keeps the first input's length instead)",
            lambda signal, kernel, mode="full": (
                scipy.signal.convolve(signal, kernel, mode="same") if mode == "same" else None
            ),
        ),
        Misconception(
            "'valid' with a kernel longer than the signal is not empty: np.convolve swaps the "
            "two, so there are M - N + 1 outputs",
            lambda signal, kernel, mode="full": (
                np.zeros(0) if mode == "valid" and np.size(kernel) > np.size(signal) else None
            ),
        ),
    ),
)

# ------------------------------------------------------------------ wrong moving averages


def _box_same(signal, window, normalise=True):
    box = np.ones(window) / (window if normalise else 1)
    return np.convolve(np.asarray(signal, float), box, mode="same")


def _right_leaning(signal, window, unbiased=False):
    """Windows signal[i - (window - 1) // 2 : i + window // 2 + 1]: one late for even ones."""
    signal = np.asarray(signal, float)
    if window % 2:
        return None
    full_sums = np.convolve(signal, np.ones(window), mode="full")
    full_counts = np.convolve(np.ones(signal.size), np.ones(window), mode="full")
    start = window // 2
    sums = full_sums[start : start + signal.size]
    counts = full_counts[start : start + signal.size] if unbiased else window
    return sums / counts


MOVING_AVERAGE = Exercise(
    name="moving_average",
    shape_rule=AVERAGE_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you summed the window instead of averaging it: the kernel is np.ones(window) / "
            "window, whose weights add up to 1",
            lambda signal, window: _box_same(signal, window, normalise=False),
        ),
        Misconception(
            "your output is shorter than the signal ('valid' mode); moving_average keeps the "
            "signal's length, like mode='same' on slide 13",
            lambda signal, window: np.convolve(signal, np.ones(window) / window, "valid"),
        ),
        Misconception(
            "your output is longer than the signal ('full' mode); moving_average keeps the "
            "signal's length, like mode='same' on slide 13",
            lambda signal, window: np.convolve(signal, np.ones(window) / window, "full"),
        ),
        Misconception(
            "off by one for an even window: output i averages signal[i - window // 2] up to "
            "signal[i + (window - 1) // 2], as np.convolve's 'same' mode does; yours is one "
            "sample late",
            _right_leaning,
        ),
        Misconception(
            "you already corrected the ends (that is the next exercise); moving_average is "
            "slide 13's smoothing, with zeros outside the signal",
            lambda signal, window: ref.moving_average_unbiased(signal, window),
        ),
    ),
)

MOVING_AVERAGE_UNBIASED = Exercise(
    name="moving_average_unbiased",
    shape_rule=AVERAGE_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "the ends still sag toward 0: near the ends part of the window lies outside the "
            "signal; divide each sum by the number of real samples in its window, not by "
            "`window`",
            lambda signal, window: ref.moving_average(signal, window),
        ),
        Misconception(
            "you returned the sums without dividing them by the number of samples in each window",
            lambda signal, window: _box_same(signal, window, normalise=False),
        ),
        Misconception(
            "you padded with copies of the end values; that is another fix (see the lesson). "
            "This exercise averages only the samples that exist",
            lambda signal, window: scipy.ndimage.uniform_filter1d(
                np.asarray(signal, float), window, mode="nearest"
            ),
        ),
        Misconception(
            "you padded by mirroring the signal; that is another fix (see the lesson). "
            "This exercise averages only the samples that exist",
            lambda signal, window: scipy.ndimage.uniform_filter1d(
                np.asarray(signal, float), window, mode="reflect"
            ),
        ),
        Misconception(
            "you padded by mirroring the signal; that is another fix (see the lesson). "
            "This exercise averages only the samples that exist",
            lambda signal, window: scipy.ndimage.uniform_filter1d(
                np.asarray(signal, float), window, mode="mirror"
            ),
        ),
        Misconception(
            "your output is shorter than the signal: you kept only the full windows ('valid'); "
            "keep every sample and average what the window covers",
            lambda signal, window: np.convolve(signal, np.ones(window) / window, "valid"),
        ),
        Misconception(
            "off by one for an even window: use the same windows as moving_average, "
            "signal[i - window // 2] up to signal[i + (window - 1) // 2]; yours are one "
            "sample late",
            lambda signal, window: _right_leaning(signal, window, unbiased=True),
        ),
    ),
)

# ------------------------------------------------------------------ cases


def convolve1d_hand_cases() -> list[Case]:
    cases = []
    examples = [
        ("kernel [2, 1] on [1, 2, 3, 4]", HAND_SIGNAL, HAND_KERNEL,
         HAND_FULL, HAND_SAME, HAND_VALID),
        ("two impulses, kernel [1, 2, 3]", IMPULSES, IMPULSE_KERNEL,
         IMPULSE_FULL, IMPULSE_SAME, IMPULSE_VALID),
        ("a 4-tap kernel on a 2-sample signal", SHORT_SIGNAL, LONG_KERNEL,
         LONG_FULL, LONG_SAME, LONG_VALID),
    ]  # fmt: skip
    for label, signal, kernel, full, same, valid in examples:
        for mode, expected in (("full", full), ("same", same), ("valid", valid)):
            cases.append(
                Case(
                    f"{label}, mode='{mode}' (by hand)", (signal, kernel), expected, {"mode": mode}
                )
            )
    return cases


def convolve1d_random_cases(seed: int, count: int = 9) -> list[Case]:
    """Random signals and kernels: every mode, even lengths, kernels longer than signals."""
    rng = rng_for(seed, "convolve1d")
    cases = []
    for index in range(count):
        mode = ref.MODES[index % 3]
        kind = index // 3 % 3  # 0: odd kernel, 1: even kernel, 2: kernel longer than signal
        while True:
            n, m = int(rng.integers(1, 16)), int(rng.integers(1, 9))
            if kind == 0 and m % 2 == 1 and m < n:
                break
            if kind == 1 and m % 2 == 0 and m < n:
                break
            if kind == 2 and m > n:
                break
        integer = index % 2 == 0
        signal = rng.integers(-4, 5, n).astype(float) if integer else rng.uniform(-1, 1, n)
        kernel = rng.integers(-3, 4, m).astype(float) if integer else rng.uniform(-1, 1, m)
        if kernel[0] == kernel[-1]:
            kernel[0] += 1.0  # asymmetric, so that a missing flip shows
        cases.append(
            Case(
                f"random case {index + 1} ({n} samples, {m}-tap kernel, mode='{mode}')",
                (signal, kernel),
                ref.convolve1d(signal, kernel, mode),
                {"mode": mode},
            )
        )
    return cases


def convolve1d_bad_cases(all_cases: bool = True) -> list[Case]:
    signal, kernel = np.arange(6.0), np.ones(3)
    cases = [
        Case(
            "a 2-D signal",
            (signal.reshape(2, 3), kernel),
            Raises(ValueError, "the signal must be 1-D"),
        ),
        Case(
            "mode='middle'",
            (signal, kernel),
            Raises(ValueError, "mode must be 'full', 'same' or 'valid'"),
            {"mode": "middle"},
        ),
    ]
    if all_cases:
        cases += [
            Case("an empty kernel", (signal, np.array([])), Raises(ValueError, "empty kernel")),
            Case("an empty signal", (np.array([]), kernel), Raises(ValueError, "empty signal")),
            Case(
                "a 2-D kernel", (signal, np.ones((1, 3))), Raises(ValueError, "kernel must be 1-D")
            ),
        ]
    return cases


def _average_hand_cases(expected_3, expected_2) -> list[Case]:
    return [
        Case("6 samples, window 3 (worked by hand)", (AVERAGE_SIGNAL, 3), expected_3),
        Case("6 samples, window 2 (worked by hand)", (AVERAGE_SIGNAL, 2), expected_2),
    ]


def _average_random_cases(reference, seed: int, salt: str, count: int = 6) -> list[Case]:
    rng = rng_for(seed, salt)
    cases = []
    for index in range(count):
        n = int(rng.integers(6, 40))
        window = int(rng.integers(2, min(n, 12) + 1))
        if index < 2:
            window -= window % 2  # even windows first: their centring is the tricky one
        if index == count - 1:
            window = n  # one window as long as the signal
        if index % 2:
            signal = rng.uniform(-1, 1, n)
        else:
            # a seeded noisy sine, like the lesson's
            signal = np.sin(np.linspace(0, 3, n)) + rng.normal(0, 0.2, n)
        cases.append(
            Case(
                f"random case {index + 1} ({n} samples, window {window})",
                (signal, window),
                reference(signal, window),
            )
        )
    return cases


def _average_bad_cases(all_cases: bool) -> list[Case]:
    signal = np.arange(5.0)
    cases = [
        Case("window 0", (signal, 0), Raises(ValueError, "the window must be at least 1")),
        Case(
            "window 6 on 5 samples",
            (signal, 6),
            Raises(ValueError, "the window is longer than the signal"),
        ),
    ]
    if all_cases:
        cases += [
            Case(
                "a 2-D signal", (signal.reshape(1, 5), 2), Raises(ValueError, "signal must be 1-D")
            ),
            Case("window -3", (signal, -3), Raises(ValueError, "the window must be at least 1")),
            Case("an empty signal", (np.array([]), 1), Raises(ValueError, "empty signal")),
        ]
    return cases


def moving_average_random_cases(seed: int, count: int = 6) -> list[Case]:
    return _average_random_cases(ref.moving_average, seed, "moving_average", count)


def moving_average_unbiased_random_cases(seed: int, count: int = 6) -> list[Case]:
    return _average_random_cases(
        ref.moving_average_unbiased, seed, "moving_average_unbiased", count
    )


# ------------------------------------------------------------------ visible checks


# The answer key of convolve1d: the exercise asks for the convolution without these.
ANSWER_KEY = (
    (np, "convolve", "np.convolve"),
    (np, "correlate", "np.correlate"),
    (scipy.signal, "convolve", "scipy.signal.convolve"),
    (scipy.signal, "correlate", "scipy.signal.correlate"),
    (scipy.signal, "fftconvolve", "scipy.signal.fftconvolve"),
    (scipy.signal, "oaconvolve", "scipy.signal.oaconvolve"),
    (scipy.ndimage, "convolve1d", "scipy.ndimage.convolve1d"),
    (scipy.ndimage, "correlate1d", "scipy.ndimage.correlate1d"),
)
ANSWER_KEY_MESSAGE = (
    "{name} calls {calls}: that is the answer key. The exercise asks you to build the "
    "convolution yourself (a loop over the kernel's taps adding shifted copies of the signal); "
    "the graded tests compare your result with np.convolve, and your instructor may check "
    "that you did not call it"
)


def answer_key_calls(func, cases) -> list[str]:
    """The answer-key functions ``func`` calls on ``cases``. It replaces them for the duration
    of the calls, so a graded test runs it as a probe, beside the function (``probes``)."""
    calls = [[list(case.args), dict(case.kwargs)] for case in cases]
    return probes.run("answer_key_calls", func, calls)


@probes.register("answer_key_calls")
def _answer_key_calls_here(func, calls: list) -> list[str]:
    """The probe: ``calls`` is a list of ``[args, kwargs]``, as plain data."""
    called: list[str] = []
    originals = [
        (module, attribute, getattr(module, attribute)) for module, attribute, _ in ANSWER_KEY
    ]

    def spy(original, label):
        def wrapper(*args, **kwargs):
            if label not in called:
                called.append(label)
            return original(*args, **kwargs)

        return wrapper

    try:
        for (module, attribute, label), (_, _, original) in zip(ANSWER_KEY, originals):
            setattr(module, attribute, spy(original, label))
        for args, kwargs in calls:
            try:
                func(*copy.deepcopy(args), **copy.deepcopy(kwargs))
            except Exception:  # the cases' own verdicts report errors
                pass
    finally:
        for module, attribute, original in originals:
            setattr(module, attribute, original)
    return called


LOOP_HOW = "a loop over the kernel's taps adding shifted copies of the signal"
FFT_HOW = "np.fft.rfft of both, zero-padded, multiplied, then np.fft.irfft"


def answer_key_message(func, cases, exercise, how: str = LOOP_HOW) -> str | None:
    """What to say when ``func`` calls an answer-key function on ``cases`` (None if it does
    not); ``how`` is the way the exercise asks for. Visible checks and graded tests share it."""
    called = answer_key_calls(func, cases)
    if not called:
        return None
    message = ANSWER_KEY_MESSAGE.format(name=exercise.name, calls=", ".join(called))
    return message.replace(LOOP_HOW, how)


def _loops_not_answer_key(func) -> str | None:
    return answer_key_message(func, convolve1d_hand_cases(), CONVOLVE1D)


def _spectra_not_answer_key(func) -> str | None:
    return answer_key_message(func, fft_convolve_hand_cases(), FFT_CONVOLVE, FFT_HOW)


check_convolve1d = visible_check(
    CONVOLVE1D,
    lambda: convolve1d_hand_cases() + convolve1d_random_cases(seed=0) + convolve1d_bad_cases(),
    note=_loops_not_answer_key,
    doc=(
        "Visible check: hand-worked, random and invalid inputs, in all three modes; and whether "
        "the function calls np.convolve (or another answer-key function) instead of convolving."
    ),
)


# ------------------------------------------------------------------ graded


assert_convolve1d_hand = graded_assertion(
    CONVOLVE1D,
    convolve1d_hand_cases,
    "hand",
    note=_loops_not_answer_key,
    doc=(
        "Graded: three examples by hand (asymmetric kernel, impulses, long kernel), all modes, "
        "computed without calling np.convolve or another answer-key function."
    ),
)

assert_convolve1d_random = graded_assertion(
    CONVOLVE1D,
    lambda seed: convolve1d_random_cases(seed),
    "random",
    doc="Graded: random signals and kernels against np.convolve, all modes.",
)

assert_convolve1d_bad_input = graded_assertion(
    CONVOLVE1D,
    lambda all_cases=False: convolve1d_bad_cases(all_cases),
    "bad_input",
    doc="Graded: a 2-D signal, an unknown mode (and, hidden, empty or 2-D inputs).",
)


def _average_checks(exercise, hand_outputs, random_cases, random_doc: str) -> tuple:
    """The visible check and the three graded assertions of a moving average: the two
    averages share their hand-worked signal, their bad inputs and the way they are graded."""

    def hand_cases():
        return _average_hand_cases(*hand_outputs)

    return (
        visible_check(
            exercise,
            lambda: (
                hand_cases() + random_cases(seed=0, count=4) + _average_bad_cases(all_cases=True)
            ),
            doc="Visible check: hand-worked, random and invalid inputs.",
        ),
        graded_assertion(
            exercise,
            hand_cases,
            "hand",
            doc="Graded: windows 3 and 2 on a 6-sample signal, worked by hand.",
        ),
        graded_assertion(exercise, lambda seed: random_cases(seed), "random", doc=random_doc),
        graded_assertion(
            exercise,
            lambda all_cases=False: _average_bad_cases(all_cases),
            "bad_input",
            doc="Graded: window 0 or longer than the signal (and, hidden, other invalid inputs).",
        ),
    )


(
    check_moving_average,
    assert_moving_average_hand,
    assert_moving_average_random,
    assert_moving_average_bad_input,
) = _average_checks(
    MOVING_AVERAGE,
    (AVERAGE_3, AVERAGE_2),
    moving_average_random_cases,
    "Graded: random signals and windows against np.convolve(mode='same').",
)
(
    check_moving_average_unbiased,
    assert_moving_average_unbiased_hand,
    assert_moving_average_unbiased_random,
    assert_moving_average_unbiased_bad_input,
) = _average_checks(
    MOVING_AVERAGE_UNBIASED,
    (UNBIASED_3, UNBIASED_2),
    moving_average_unbiased_random_cases,
    "Graded: random signals and windows against normalised convolution (numpy).",
)


# ------------------------------------------------------------------ the convolution theorem

# [1, 2, 3] with [1, 1]: full = [1, 1 + 2, 2 + 3, 3] = [1, 3, 5, 3] (4 = 3 + 2 - 1 samples).
# Without zero padding, a DFT of length 3 wraps the last sample around: [1 + 3, 3, 5].
FFT_SIGNAL = np.array([1.0, 2.0, 3.0])
FFT_KERNEL = np.array([1.0, 1.0])
FFT_FULL = np.array([1.0, 3.0, 5.0, 3.0])


def _complex_answer(result):
    """A complex array whose imaginary part is rounding noise: judge its real part, and say so."""
    array = np.asarray(result) if not isinstance(result, (str, bytes, dict)) else None
    if array is not None and np.iscomplexobj(array):
        return array.real, (
            "your result is complex: np.fft.ifft returns complex numbers even when the "
            "imaginary parts are rounding noise; return the real part (np.fft.irfft returns "
            "real numbers directly)"
        )
    return result, None


def _fft_product(signal, kernel, length, conjugate=False):
    signal, kernel = np.asarray(signal, float), np.asarray(kernel, float)
    spectrum_kernel = np.fft.rfft(kernel, length)
    if conjugate:
        spectrum_kernel = np.conj(spectrum_kernel)
    return np.fft.irfft(np.fft.rfft(signal, length) * spectrum_kernel, length)


def _full_length(signal, kernel):
    return np.size(signal) + np.size(kernel) - 1


FFT_CONVOLVE = Exercise(
    name="fft_convolve",
    shape_rule="the full linear convolution has N + M - 1 samples",
    inspect=_complex_answer,
    misconceptions=(
        Misconception(
            "circular convolution: the product of two DFTs of length L wraps the end of the "
            "result around to its start. Zero-pad both to L = N + M - 1 (np.fft.rfft(x, L)), "
            "so that nothing wraps",
            lambda signal, kernel: _fft_product(
                signal, kernel, max(np.size(signal), np.size(kernel))
            ),
        ),
        Misconception(
            "circular convolution: the product of two DFTs of length L wraps the end of the "
            "result around to its start. Zero-pad both to L = N + M - 1 (np.fft.rfft(x, L)), "
            "so that nothing wraps",
            lambda signal, kernel: ref.circular_convolve(
                signal, kernel, max(np.size(signal), np.size(kernel))
            )[: np.size(signal)],
        ),
        Misconception(
            "np.fft.irfft without n=L returns an even number of samples, 2 * (len(spectrum) "
            "- 1); pass n=N + M - 1 to get them all",
            lambda signal, kernel: np.fft.irfft(
                np.fft.rfft(np.asarray(signal, float), _full_length(signal, kernel))
                * np.fft.rfft(np.asarray(kernel, float), _full_length(signal, kernel))
            ),
        ),
        Misconception(
            "you multiplied by the complex conjugate of the kernel's spectrum: that computes a "
            "(circular) CROSS-correlation. Convolution multiplies the two spectra as they are",
            lambda signal, kernel: _fft_product(
                signal, kernel, _full_length(signal, kernel), conjugate=True
            ),
        ),
        Misconception(
            "one sample too many: zero-pad to L = N + M - 1, not N + M (the extra sample is 0)",
            lambda signal, kernel: _fft_product(signal, kernel, _full_length(signal, kernel) + 1),
        ),
    ),
)


def fft_convolve_hand_cases() -> list[Case]:
    return [
        Case("[1, 2, 3] with [1, 1] (worked by hand)", (FFT_SIGNAL, FFT_KERNEL), FFT_FULL),
        Case(
            "two impulses, kernel [1, 2, 3] (worked by hand)",
            (IMPULSES, IMPULSE_KERNEL),
            IMPULSE_FULL,
        ),
        Case(
            "a 4-tap kernel on a 2-sample signal (worked by hand)",
            (SHORT_SIGNAL, LONG_KERNEL),
            LONG_FULL,
        ),
    ]


def fft_convolve_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Random lengths: odd and even totals, kernels shorter and longer than the signal."""
    rng = rng_for(seed, "fft_convolve")
    cases = []
    for index in range(count):
        n = int(rng.integers(2, 60))
        m = int(rng.integers(2, 12)) if index % 3 else int(rng.integers(n, n + 8))
        signal, kernel = rng.normal(size=n), rng.normal(size=m)
        cases.append(
            Case(
                f"random case {index + 1} ({n} samples, {m}-tap kernel)",
                (signal, kernel),
                ref.fft_convolve(signal, kernel),
            )
        )
    return cases


def fft_convolve_bad_cases() -> list[Case]:
    return [
        Case(
            "a 2-D signal", (np.ones((2, 3)), FFT_KERNEL), Raises(ValueError, "signal must be 1-D")
        ),
        Case("an empty kernel", (FFT_SIGNAL, np.array([])), Raises(ValueError, "empty kernel")),
    ]


check_fft_convolve = visible_check(
    FFT_CONVOLVE,
    lambda: fft_convolve_hand_cases() + fft_convolve_random_cases(0, 4) + fft_convolve_bad_cases(),
    note=_spectra_not_answer_key,
    doc=(
        "Visible check: hand-worked, random and invalid inputs; and whether the function calls "
        "np.convolve (the answer key) instead of multiplying spectra."
    ),
)


assert_fft_convolve_hand = graded_assertion(
    FFT_CONVOLVE,
    fft_convolve_hand_cases,
    "hand",
    note=_spectra_not_answer_key,
    doc=(
        "Graded: the three examples worked out by hand, computed through the FFT, not by an "
        "answer-key function."
    ),
)

assert_fft_convolve_random = graded_assertion(
    FFT_CONVOLVE,
    lambda seed: fft_convolve_random_cases(seed) + fft_convolve_bad_cases(),
    "random",
    doc="Graded: random signals and kernels against np.convolve, and invalid inputs refused.",
)
