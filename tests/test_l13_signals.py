"""Lesson 13: references, and the checks' verdicts on right and wrong 1-D convolutions."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal

from autograder import validate
from autograder.checks import l13_signals as checks
from autograder.feedback import run_cases
from autograder.reference import l13_signals as ref

# ---------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("signal", "kernel", "full", "same", "valid"),
    [
        (checks.HAND_SIGNAL, checks.HAND_KERNEL, checks.HAND_FULL, checks.HAND_SAME,
         checks.HAND_VALID),
        (checks.IMPULSES, checks.IMPULSE_KERNEL, checks.IMPULSE_FULL, checks.IMPULSE_SAME,
         checks.IMPULSE_VALID),
        (checks.SHORT_SIGNAL, checks.LONG_KERNEL, checks.LONG_FULL, checks.LONG_SAME,
         checks.LONG_VALID),
    ],
)  # fmt: skip
def test_hand_examples_agree_with_numpy(signal, kernel, full, same, valid):
    # The numbers in the checks were worked out by hand; np.convolve must agree with them.
    for mode, expected in (("full", full), ("same", same), ("valid", valid)):
        assert np.array_equal(np.convolve(signal, kernel, mode), expected), mode
        assert np.array_equal(ref.convolve1d(signal, kernel, mode), expected), mode


def test_hand_averages_agree_with_numpy_and_scipy():
    signal = checks.AVERAGE_SIGNAL
    for window, biased, unbiased in ((3, checks.AVERAGE_3, checks.UNBIASED_3),
                                     (2, checks.AVERAGE_2, checks.UNBIASED_2)):  # fmt: skip
        np.testing.assert_allclose(np.convolve(signal, np.ones(window) / window, "same"), biased)
        np.testing.assert_allclose(ref.moving_average(signal, window), biased)
        # normalised convolution, computed by scipy.ndimage instead of numpy
        ones = np.ones_like(signal)
        fixed = scipy.ndimage.uniform_filter1d(
            signal, window, mode="constant"
        ) / scipy.ndimage.uniform_filter1d(ones, window, mode="constant")
        np.testing.assert_allclose(fixed, unbiased)
        np.testing.assert_allclose(ref.moving_average_unbiased(signal, window), unbiased)


def explicit_convolution(signal, kernel):
    """y[n] = sum over k of signal[n - k] * kernel[k], with zeros outside: the definition."""
    n, m = len(signal), len(kernel)
    return np.array(
        [
            sum(signal[i - k] * kernel[k] for k in range(m) if 0 <= i - k < n)
            for i in range(n + m - 1)
        ]
    )


def test_the_modes_are_the_documented_slices_of_full():
    rng = np.random.default_rng(0)
    for n, m in [(7, 3), (7, 4), (3, 7), (4, 7), (5, 5), (1, 6), (6, 1), (2, 2)]:
        signal, kernel = rng.normal(size=n), rng.normal(size=m)
        full = explicit_convolution(signal, kernel)
        short, long = min(n, m), max(n, m)
        start = (short - 1) // 2
        np.testing.assert_allclose(ref.convolve1d(signal, kernel), full)
        np.testing.assert_allclose(
            ref.convolve1d(signal, kernel, "same"), full[start : start + long]
        )
        np.testing.assert_allclose(ref.convolve1d(signal, kernel, "valid"), full[short - 1 : long])


def test_unbiased_average_is_the_mean_of_the_samples_that_exist():
    rng = np.random.default_rng(1)
    for n, window in [(10, 3), (10, 4), (7, 7), (9, 1), (12, 6)]:
        signal = rng.normal(size=n)
        expected = [
            signal[max(0, i - window // 2) : i + (window - 1) // 2 + 1].mean() for i in range(n)
        ]
        np.testing.assert_allclose(ref.moving_average_unbiased(signal, window), expected)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ref.convolve1d(np.ones((2, 3)), [1.0]), ValueError, r"signal must be 1-D"),
        (lambda: ref.convolve1d([1.0], np.ones((1, 3))), ValueError, r"kernel must be 1-D"),
        (lambda: ref.convolve1d([], [1.0]), ValueError, "must not be empty"),
        (lambda: ref.convolve1d([1.0], [1.0], "middle"), ValueError, "mode must be 'full'"),
        (lambda: ref.convolve1d([1.0], [1.0], None), ValueError, "mode must be 'full'"),
        (lambda: ref.convolve1d(["a"], [1.0]), TypeError, "numeric"),
        (lambda: ref.moving_average([1.0, 2.0], 3), ValueError, r"window \(3\) is longer"),
        (lambda: ref.moving_average([1.0, 2.0], 0), ValueError, "window must be at least 1"),
        (lambda: ref.moving_average([1.0, 2.0], 1.5), TypeError, "window must be an integer"),
        (lambda: ref.moving_average_unbiased(np.ones((2, 2)), 1), ValueError, "1-D"),
        (lambda: ref.moving_average_unbiased([np.nan, 1.0], 1), ValueError, "finite"),
    ],
)
def test_references_reject_bad_input_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---------------------------------------------------------------- implementations


def loops(signal, kernel, mode="full", flip=True, same_start=None, valid_delta=(0, 0)):
    """Explicit loops: the "looking back" reading. The keywords switch on classic mistakes."""
    signal, kernel = np.asarray(signal, float), np.asarray(kernel, float)
    n, m = len(signal), len(kernel)
    taps = kernel if flip else kernel[::-1]
    full = np.zeros(n + m - 1)
    for i in range(n + m - 1):
        for k in range(m):
            if 0 <= i - k < n:
                full[i] += signal[i - k] * taps[k]
    short, long = min(n, m), max(n, m)
    if mode == "full":
        return full
    if mode == "same":
        start = (short - 1) // 2 if same_start is None else same_start(short)
        return full[start : start + long]
    return full[short - 1 + valid_delta[0] : long + valid_delta[1]]


def validated_loops(signal, kernel, mode="full"):
    """Correct without np.convolve: the reference's input checks, then the loops."""
    ref.check_mode(mode)
    return loops(
        ref.validate.as_array(signal, "signal", 1), ref.validate.as_array(kernel, "kernel", 1), mode
    )


def fft_convolve(signal, kernel, mode="full"):
    """Correct, computed another way: scipy's FFT convolution, then np.convolve's slices."""
    full = scipy.signal.fftconvolve(signal, kernel, mode="full")
    short, long = min(len(signal), len(kernel)), max(len(signal), len(kernel))
    start = (short - 1) // 2
    return {"full": full, "same": full[start : start + long], "valid": full[short - 1 : long]}[mode]


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


CONVOLVE_CASES = checks.convolve1d_hand_cases() + checks.convolve1d_random_cases(seed=3)


@pytest.mark.parametrize("func", [loops, fft_convolve, ref.convolve1d, np.convolve])
def test_right_convolutions_pass(func):
    assert messages(func, CONVOLVE_CASES, checks.CONVOLVE1D) == set()


def scipy_same(signal, kernel, mode="full"):
    """scipy.signal.convolve's conventions: 'same' keeps the first input's length."""
    return scipy.signal.convolve(signal, kernel, mode=mode)


def empty_valid(signal, kernel, mode="full"):
    """Loops over range(N - M + 1) for 'valid', which is empty when the kernel is longer."""
    if mode == "valid":
        n, m = len(signal), len(kernel)
        return np.array([np.dot(signal[i : i + m], kernel[::-1]) for i in range(n - m + 1)])
    return np.convolve(signal, kernel, mode)


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda s, k, mode="full": loops(s, k, mode, flip=False), "you did not flip the kernel"),
        (lambda s, k, mode="full": np.correlate(s, k, mode), "you did not flip the kernel"),
        (
            lambda s, k, mode="full": loops(s, k, mode, same_start=lambda short: short // 2),
            "one sample later",
        ),
        (lambda s, k, mode="full": loops(s, k, mode, valid_delta=(0, -1)), "off by one in 'valid'"),
        (lambda s, k, mode="full": loops(s, k, mode, valid_delta=(-1, 0)), "off by one in 'valid'"),
        (scipy_same, "swaps the two: 'same' returns max(N, M)"),
        (empty_valid, "is not empty"),
        (lambda s, k, mode="full": np.convolve(s, k, "full"), "wrong output shape"),
    ],
)
def test_wrong_convolutions_are_named(wrong, expected):
    found = messages(wrong, CONVOLVE_CASES, checks.CONVOLVE1D)
    assert any(expected in message for message in found), found


def average_loops(signal, window, unbiased=False, lean_right=False, normalise=True):
    """Explicit loops over the windows; the keywords switch on classic mistakes."""
    signal = np.asarray(signal, dtype=float)
    n = len(signal)
    before, after = window // 2, (window - 1) // 2
    if lean_right:
        before, after = after, before
    out = np.zeros(n)
    for i in range(n):
        inside = signal[max(0, i - before) : i + after + 1]
        divisor = len(inside) if unbiased else window
        out[i] = inside.sum() / (divisor if normalise else 1)
    return out


AVERAGE_CASES = checks._average_hand_cases(
    checks.AVERAGE_3, checks.AVERAGE_2
) + checks.moving_average_random_cases(seed=3)
UNBIASED_CASES = checks._average_hand_cases(
    checks.UNBIASED_3, checks.UNBIASED_2
) + checks.moving_average_unbiased_random_cases(seed=3)


@pytest.mark.parametrize(
    "func",
    [
        average_loops,
        ref.moving_average,
        lambda s, w: scipy.ndimage.uniform_filter1d(np.asarray(s, float), w, mode="constant"),
    ],
)
def test_right_moving_averages_pass(func):
    assert messages(func, AVERAGE_CASES, checks.MOVING_AVERAGE) == set()


@pytest.mark.parametrize(
    "func",
    [
        lambda s, w: average_loops(s, w, unbiased=True),
        ref.moving_average_unbiased,
        lambda s, w: (
            scipy.ndimage.uniform_filter1d(np.asarray(s, float), w, mode="constant")
            / scipy.ndimage.uniform_filter1d(np.ones(len(s)), w, mode="constant")
        ),
    ],
)
def test_right_unbiased_averages_pass(func):
    assert messages(func, UNBIASED_CASES, checks.MOVING_AVERAGE_UNBIASED) == set()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda s, w: average_loops(s, w, normalise=False), "you summed the window"),
        (lambda s, w: np.convolve(s, np.ones(w) / w, "valid"), "shorter than the signal"),
        (lambda s, w: np.convolve(s, np.ones(w) / w, "full"), "longer than the signal"),
        (lambda s, w: average_loops(s, w, lean_right=True), "one sample late"),
        (lambda s, w: average_loops(s, w, unbiased=True), "you already corrected the ends"),
    ],
)
def test_wrong_moving_averages_are_named(wrong, expected):
    found = messages(wrong, AVERAGE_CASES, checks.MOVING_AVERAGE)
    assert any(expected in message for message in found), found


def edge_padded(signal, window):
    """Pads with copies of the end values by hand, then averages full windows."""
    signal = np.asarray(signal, dtype=float)
    before, after = window // 2, (window - 1) // 2
    padded = np.concatenate([np.full(before, signal[0]), signal, np.full(after, signal[-1])])
    return np.convolve(padded, np.ones(window) / window, "valid")


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (average_loops, "the ends still sag toward 0"),
        (lambda s, w: average_loops(s, w, unbiased=True, normalise=False), "without dividing"),
        (edge_padded, "copies of the end values"),
        (
            lambda s, w: scipy.ndimage.uniform_filter1d(np.asarray(s, float), w, mode="reflect"),
            "mirroring",
        ),
        (lambda s, w: np.convolve(s, np.ones(w) / w, "valid"), "kept only the full windows"),
        (lambda s, w: average_loops(s, w, unbiased=True, lean_right=True), "one sample late"),
    ],
)
def test_wrong_unbiased_averages_are_named(wrong, expected):
    found = messages(wrong, UNBIASED_CASES, checks.MOVING_AVERAGE_UNBIASED)
    assert any(expected in message for message in found), found


# ---------------------------------------------------------------- graded asserts


def strict(func):
    """Add the input checks the exercises ask for (the reference's) to a computation."""

    def wrapper(signal, *args, **kwargs):
        if len(args) == 1 and isinstance(args[0], (int, np.integer)):
            ref.signal_and_window(signal, args[0])
        else:  # the reference's checks, without its np.convolve (the graded tests refuse it)
            mode = args[1] if len(args) > 1 else kwargs.get("mode", "full")
            validate.as_array(signal, "signal", 1)
            validate.as_array(args[0] if args else kwargs["kernel"], "kernel", 1)
            ref.check_mode(mode)
        return func(signal, *args, **kwargs)

    return wrapper


def lenient_convolve(signal, kernel, mode="full"):
    """No input checks: flattens 2-D arrays and treats unknown modes as 'full'."""
    signal, kernel = np.ravel(signal), np.ravel(kernel)
    return np.convolve(signal, kernel, mode if mode in ("same", "valid") else "full")


def lenient_average(signal, window):
    """No input checks: clips the window into 1..N."""
    signal = np.ravel(signal)
    window = min(max(window, 1), len(signal))
    return average_loops(signal, window)


def test_convolve_asserts_pass_right_and_fail_wrong():
    checks.assert_convolve1d_hand(strict(loops))
    checks.assert_convolve1d_random(strict(loops), seed=11)
    checks.assert_convolve1d_bad_input(strict(loops), all_cases=True)
    with pytest.raises(AssertionError, match="did not flip"):
        checks.assert_convolve1d_hand(lambda s, k, mode="full": loops(s, k, mode, flip=False))
    with pytest.raises(AssertionError, match="did not flip"):
        checks.assert_convolve1d_random(
            lambda s, k, mode="full": loops(s, k, mode, flip=False), seed=11
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_convolve1d_bad_input(lenient_convolve)


def test_average_asserts_pass_right_and_fail_wrong():
    checks.assert_moving_average_hand(strict(average_loops))
    checks.assert_moving_average_random(strict(average_loops), seed=11)
    checks.assert_moving_average_bad_input(strict(average_loops), all_cases=True)
    with pytest.raises(AssertionError, match="summed the window"):
        checks.assert_moving_average_random(
            lambda s, w: average_loops(s, w, normalise=False), seed=11
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_moving_average_bad_input(lenient_average)


def test_unbiased_asserts_pass_right_and_fail_wrong():
    right = strict(lambda s, w: average_loops(s, w, unbiased=True))
    checks.assert_moving_average_unbiased_hand(right)
    checks.assert_moving_average_unbiased_random(right, seed=11)
    checks.assert_moving_average_unbiased_bad_input(right, all_cases=True)
    with pytest.raises(AssertionError, match="still sag"):
        checks.assert_moving_average_unbiased_hand(average_loops)
    with pytest.raises(AssertionError, match="still sag"):
        checks.assert_moving_average_unbiased_random(average_loops, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_moving_average_unbiased_bad_input(lenient_average)


def test_hidden_bad_input_cases_go_further_than_the_visible_ones():
    def no_empty_check(signal, kernel, mode="full"):
        signal, kernel = np.asarray(signal, float), np.asarray(kernel, float)
        if signal.ndim != 1 or kernel.ndim != 1 or mode not in ("full", "same", "valid"):
            raise ValueError("bad input")
        if kernel.size == 0 or signal.size == 0:
            return np.zeros(0)
        return np.convolve(signal, kernel, mode)

    checks.assert_convolve1d_bad_input(no_empty_check)
    with pytest.raises(AssertionError, match="empty"):
        checks.assert_convolve1d_bad_input(no_empty_check, all_cases=True)


def test_random_cases_cover_every_mode_even_and_long_kernels():
    cases = checks.convolve1d_random_cases(seed=5)
    kinds = {(c.kwargs["mode"], len(c.args[1]) % 2 == 0, len(c.args[1]) > len(c.args[0]))
             for c in cases}  # fmt: skip
    for mode in ("full", "same", "valid"):
        assert (mode, True, False) in kinds  # an even kernel shorter than the signal
        assert any(k[0] == mode and k[2] for k in kinds)  # a kernel longer than the signal
    windows = [c.args[1] for c in checks.moving_average_random_cases(seed=5)]
    assert windows[0] % 2 == 0 and windows[1] % 2 == 0


def test_hidden_cases_depend_on_the_seed():
    first = [c.args[0] for c in checks.convolve1d_random_cases(seed=1)]
    again = [c.args[0] for c in checks.convolve1d_random_cases(seed=1)]
    other = [c.args[0] for c in checks.convolve1d_random_cases(seed=2)]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(first, other))


def test_visible_checks_print_the_cause(capsys):
    checks.check_convolve1d(lambda s, k, mode="full": loops(s, k, mode, flip=False))
    printed = capsys.readouterr().out
    assert "you did not flip the kernel" in printed
    assert len(printed.splitlines()) < 12  # a short report, not a wall of numbers
    checks.check_convolve1d(validated_loops)  # the reference calls np.convolve: it would be named
    checks.check_moving_average(ref.moving_average)
    checks.check_moving_average_unbiased(ref.moving_average_unbiased)
    printed = capsys.readouterr().out
    assert printed.count("✓") == 3 and "✗" not in printed


# ---------------------------------------------------------------- "without calling np.convolve"


def test_the_visible_check_says_when_convolve1d_calls_the_answer_key(capsys):
    """Issue 15: a one-liner calling np.convolve passed 23/23 without a word. The visible check
    now says it (graded tests do not look inside: that is a probe for the grader)."""
    checks.check_convolve1d(lambda signal, kernel, mode="full": np.convolve(signal, kernel, mode))
    printed = capsys.readouterr().out
    assert "all 23 checks passed" in printed
    assert "convolve1d calls np.convolve: that is the answer key" in printed
    checks.check_convolve1d(validated_loops)
    assert "answer key" not in capsys.readouterr().out
    assert np.convolve is ref.np.convolve and np.convolve.__name__ == "convolve"


def test_the_answer_key_is_restored_even_when_the_function_fails():
    original = np.convolve

    def broken(signal, kernel, mode="full"):
        np.convolve(signal, kernel)
        raise RuntimeError("boom")

    assert checks.answer_key_calls(broken, checks.convolve1d_hand_cases()) == ["np.convolve"]
    assert (
        np.convolve is original and scipy.signal.convolve.__module__ == "scipy.signal._signaltools"
    )


# ---------------------------------------------------------------- the convolution theorem


def fft_full(signal, kernel):
    """Correct, as the lesson asks: zero-padded rfft, product, irfft with n."""
    signal, kernel = np.asarray(signal, float), np.asarray(kernel, float)
    if signal.ndim != 1 or kernel.ndim != 1 or not signal.size or not kernel.size:
        raise ValueError("non-empty 1-D arrays please")
    length = signal.size + kernel.size - 1
    return np.fft.irfft(np.fft.rfft(signal, length) * np.fft.rfft(kernel, length), length)


def fft_complex(signal, kernel):
    """Correct values, but complex (np.fft.ifft without .real)."""
    signal, kernel = np.asarray(signal, float), np.asarray(kernel, float)
    if signal.ndim != 1 or kernel.ndim != 1 or not signal.size or not kernel.size:
        raise ValueError("non-empty 1-D arrays please")
    length = signal.size + kernel.size - 1
    return np.fft.ifft(np.fft.fft(signal, length) * np.fft.fft(kernel, length))


FFT_CASES = (
    checks.fft_convolve_hand_cases()
    + checks.fft_convolve_random_cases(3)
    + checks.fft_convolve_bad_cases()
)


def test_fft_reference_and_hand_examples_agree_with_scipy():
    for case in checks.fft_convolve_hand_cases() + checks.fft_convolve_random_cases(5):
        np.testing.assert_allclose(scipy.signal.fftconvolve(*case.args), case.expected, atol=1e-12)
    assert checks.FFT_FULL.tolist() == [1, 1 + 2, 2 + 3, 3]


def test_circular_convolution_wraps_the_end_around():
    # [1, 2, 3] with [1, 1], period 3: the full result's last sample (3) lands on the first.
    assert ref.circular_convolve([1, 2, 3], [1, 1], 3).tolist() == [1 + 3, 3, 5]
    x, h = np.random.default_rng(0).normal(size=(2, 8))
    np.testing.assert_allclose(
        ref.circular_convolve(x, h, 8), np.fft.ifft(np.fft.fft(x) * np.fft.fft(h)).real
    )


@pytest.mark.parametrize("func", [fft_full, ref.fft_convolve, scipy.signal.fftconvolve])
def test_right_fft_convolutions_pass(func):
    assert messages(func, FFT_CASES[:-2], checks.FFT_CONVOLVE) == set()


def test_a_complex_result_is_named():
    found = messages(fft_complex, FFT_CASES, checks.FFT_CONVOLVE)
    assert found and all("your result is complex" in message for message in found), found


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (
            lambda x, h: np.fft.irfft(
                np.fft.rfft(x, max(len(x), len(h))) * np.fft.rfft(h, max(len(x), len(h))),
                max(len(x), len(h)),
            ),
            "circular convolution",
        ),
        (
            lambda x, h: np.fft.irfft(
                np.fft.rfft(x, len(x) + len(h) - 1) * np.fft.rfft(h, len(x) + len(h) - 1)
            ),
            "without n=L",
        ),
        (
            lambda x, h: np.fft.irfft(
                np.fft.rfft(x, len(x) + len(h) - 1) * np.conj(np.fft.rfft(h, len(x) + len(h) - 1)),
                len(x) + len(h) - 1,
            ),
            "complex conjugate",
        ),
        (
            lambda x, h: np.fft.irfft(
                np.fft.rfft(x, len(x) + len(h)) * np.fft.rfft(h, len(x) + len(h)), len(x) + len(h)
            ),
            "one sample too many",
        ),
    ],
)
def test_wrong_fft_convolutions_are_named(wrong, expected):
    found = messages(wrong, FFT_CASES[:-2], checks.FFT_CONVOLVE)
    assert any(expected in message for message in found), found


def test_every_fft_misconception_is_named_on_the_visible_cases():
    cases = checks.fft_convolve_hand_cases() + checks.fft_convolve_random_cases(0, 4)
    for misconception in checks.FFT_CONVOLVE.misconceptions:
        assert misconception.message in messages(misconception.wrong, cases, checks.FFT_CONVOLVE)


def test_fft_asserts_pass_right_and_fail_wrong():
    checks.assert_fft_convolve_hand(fft_full)
    checks.assert_fft_convolve_random(fft_full, seed=11)
    with pytest.raises(AssertionError, match="circular convolution"):
        checks.assert_fft_convolve_hand(checks.FFT_CONVOLVE.misconceptions[0].wrong)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_fft_convolve_random(
            lambda x, h: np.convolve(np.ravel(x), np.ravel(h)) if np.size(h) else np.zeros(1),
            seed=11,
        )
    first, other = checks.fft_convolve_random_cases(1), checks.fft_convolve_random_cases(2)
    assert [c.label for c in first] != [c.label for c in other]


def test_the_fft_visible_check_names_np_convolve(capsys):
    checks.check_fft_convolve(lambda x, h: np.convolve(x, h))
    printed = capsys.readouterr().out
    assert "fft_convolve calls np.convolve" in printed and "np.fft.rfft" in printed


def test_frequency_responses_match_the_formulas_of_the_lesson():
    from course.signals import frequency_response

    f, gain = frequency_response(np.ones(7) / 7, n=1024)
    inside = f > 0
    box = np.sin(np.pi * f[inside] * 7) / (7 * np.sin(np.pi * f[inside]))
    np.testing.assert_allclose(gain[inside], box, atol=1e-12)
    assert gain[0] == pytest.approx(1.0)
    assert gain[np.argmin(np.abs(f - 1 / 5))] < 0  # period 5: inverted, lesson 2's rings
    taps = np.arange(-7, 8)
    gauss = np.exp(-(taps**2) / (2 * 2.5**2))
    f, gain = frequency_response(gauss / gauss.sum(), n=4096)
    assert gain[np.argmin(np.abs(f - 1 / 8))] == pytest.approx(0.14, abs=0.005)  # "14 %"
    with pytest.raises(ValueError, match="symmetric"):
        frequency_response([1.0, 2.0])


def test_the_graded_hand_tests_refuse_the_answer_key():
    """A one-liner through np.convolve gives the right values but is not the exercise."""

    def one_liner(signal, kernel, mode="full"):
        return np.convolve(signal, kernel, mode=mode)

    with pytest.raises(AssertionError, match="calls np.convolve: that is the answer key"):
        checks.assert_convolve1d_hand(one_liner)

    def fft_by_scipy(signal, kernel):
        return scipy.signal.fftconvolve(signal, kernel)

    with pytest.raises(AssertionError, match="fftconvolve: that is the answer key"):
        checks.assert_fft_convolve_hand(fft_by_scipy)

    def by_the_theorem(signal, kernel):
        signal, kernel = np.asarray(signal, float), np.asarray(kernel, float)
        for array in (signal, kernel):
            if array.ndim != 1 or array.size == 0:
                raise ValueError("a non-empty 1-D array")
        length = signal.size + kernel.size - 1
        return np.fft.irfft(np.fft.rfft(signal, length) * np.fft.rfft(kernel, length), length)

    checks.assert_fft_convolve_hand(by_the_theorem)
