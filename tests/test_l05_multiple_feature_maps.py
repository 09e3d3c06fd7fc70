"""Lesson 5: the reference stack, and the checks' verdicts on right and wrong implementations."""

import numpy as np
import pytest
import scipy.fft
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.checks import l05_multiple_feature_maps as checks
from autograder.feedback import run_cases
from autograder.reference import l05_multiple_feature_maps as ref

# ---------------------------------------------------------------- references


def test_hand_stack_agrees_with_scipy():
    # The stack in the checks was worked out by hand; scipy, kernel by kernel, must agree.
    for kernel, expected in zip(checks.HAND_KERNELS, checks.HAND_MAPS):
        assert np.array_equal(
            scipy.signal.correlate2d(checks.HAND_IMAGE, kernel, mode="valid"), expected
        )
    assert np.array_equal(
        ref.feature_maps(checks.HAND_IMAGE, checks.HAND_KERNELS), checks.HAND_MAPS
    )


def test_reference_on_a_tiny_example_by_hand():
    image = [[1, 2], [3, 4]]
    maps = ref.feature_maps(image, [[[1, 0], [0, 1]], [[0, 1], [0, 0]]])
    assert maps.tolist() == [[[5.0]], [[2.0]]]  # 1 + 4, then the top-right pixel
    assert maps.dtype == np.float64


def test_reference_takes_a_list_or_a_3d_array():
    kernels = [np.arange(6.0).reshape(2, 3), -np.ones((2, 3))]
    image = np.arange(35.0).reshape(5, 7)
    as_list = ref.feature_maps(image, kernels)
    assert as_list.shape == (2, 4, 5)
    assert np.array_equal(as_list, ref.feature_maps(image, np.stack(kernels)))
    assert np.array_equal(as_list, ref.feature_maps(image, tuple(kernels)))


@pytest.mark.parametrize(
    ("kernels", "error", "message"),
    [
        ([np.ones((3, 3)), np.ones((2, 2))], ValueError, r"same shape, got \(3, 3\).*\(2, 2\)"),
        ([np.ones((2, 3)), np.ones((2, 3)), np.ones((3, 2))], ValueError, r"kernels\[2\]"),
        ([], ValueError, "at least one kernel"),
        ([np.ones(3)], ValueError, r"kernels\[0\] must be 2-D"),
        ([np.ones((9, 9))], ValueError, "larger than the image"),
        ([np.array([["a"]])], TypeError, "numeric"),
        ("abc", TypeError, "list of 2-D kernels"),
        (np.ones((2, 2, 2, 2)), ValueError, r"must be 2-D"),
    ],
)
def test_reference_rejects_bad_kernels_clearly(kernels, error, message):
    with pytest.raises(error, match=message):
        ref.feature_maps(np.ones((5, 6)), kernels)


def test_reference_rejects_a_bad_image():
    with pytest.raises(ValueError, match="image must be 2-D"):
        ref.feature_maps(np.ones((4, 4, 3)), [np.ones((2, 2))])


# ---------------------------------------------------------------- implementations


def solution(image, kernels):
    image = np.asarray(image, dtype=float)
    kernels = [np.asarray(kernel, dtype=float) for kernel in kernels]
    if not kernels:
        raise ValueError("no kernel")
    if any(kernel.shape != kernels[0].shape for kernel in kernels):
        raise ValueError("all kernels must have the same shape")
    return np.stack([scipy.signal.correlate2d(image, kernel, mode="valid") for kernel in kernels])


def einsum_windows(image, kernels):
    """Correct, computed another way: every window at once, all kernels in one einsum."""
    image = np.asarray(image, dtype=float)
    shapes = {np.shape(kernel) for kernel in kernels}
    if len(shapes) != 1:
        raise ValueError("kernels must all have one shape")
    stack = np.asarray([np.asarray(k, dtype=float) for k in kernels])
    windows = sliding_window_view(image, stack.shape[1:])
    return np.einsum("ijmn,kmn->kij", windows, stack)


def fft_maps(image, kernels):
    """Correct too: cross-correlation through the Fourier transform, kernel by kernel."""
    image = np.asarray(image, dtype=float)
    stack = np.stack([np.asarray(k, dtype=float) for k in kernels])  # ValueError if shapes differ
    kh, kw = stack.shape[1:]
    size = (image.shape[0] + kh - 1, image.shape[1] + kw - 1)
    spectrum = scipy.fft.rfft2(image, s=size)
    maps = [
        scipy.fft.irfft2(spectrum * scipy.fft.rfft2(k[::-1, ::-1], s=size), s=size)[
            kh - 1 : image.shape[0], kw - 1 : image.shape[1]
        ]
        for k in stack
    ]
    return np.stack(maps)


def no_validation(image, kernels):
    """Skips kernels whose shape differs from the first: no error, a silently short stack."""
    shape = np.shape(kernels[0])
    kept = [k for k in kernels if np.shape(k) == shape]
    return np.stack([scipy.signal.correlate2d(image, k, mode="valid") for k in kept])


def first_kernel_only(image, kernels):
    return np.stack([scipy.signal.correlate2d(image, kernels[0], mode="valid") for _ in kernels])


def as_list(image, kernels):
    return [scipy.signal.correlate2d(image, k, mode="valid") for k in kernels]


def each(operation, mode="valid"):
    return lambda image, kernels: np.stack([operation(image, k, mode=mode) for k in kernels])


CASES = (
    checks.hand_cases()
    + checks.random_cases(seed=3)
    + [checks.real_image_case()]
    + checks.bad_input_cases(seed=3)
)


def messages(func, cases=CASES):
    return {o.message for o in run_cases(func, cases, checks.FEATURE_MAPS) if not o.passed}


@pytest.mark.parametrize("func", [solution, einsum_windows, fft_maps, ref.feature_maps])
def test_right_implementations_pass(func):
    assert messages(func) == set()


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (lambda i, k: np.moveaxis(solution(i, k), 0, -1), "channels-last"),
        (lambda i, k: np.stack(as_list(i, k), axis=-1), "channels-last"),
        (as_list, "returned a list of maps"),
        (lambda i, k: tuple(as_list(i, k)), "returned a tuple of maps"),
        (each(scipy.signal.convolve2d), "you flipped the kernels"),
        (first_kernel_only, "first kernel's map"),
        (each(scipy.signal.correlate2d, "same"), "'same' mode"),
        (each(scipy.signal.correlate2d, "full"), "'full' size"),
        (lambda i, k: np.swapaxes(solution(i, k), 1, 2), "each map is transposed"),
        (lambda i, k: solution(i, k).sum(axis=0), "added the maps into one"),
        (no_validation, "should raise ValueError"),
        (lambda i, k: None, "forget the `return`"),
    ],
)
def test_wrong_implementations_are_named(wrong, expected):
    found = messages(wrong)
    assert any(expected in message for message in found), found


def test_a_list_of_wrong_maps_is_told_about_the_values_first():
    found = messages(lambda i, k: [scipy.signal.convolve2d(i, kk, "valid") for kk in k])
    assert any("flipped" in message for message in found), found


def test_a_single_squeezed_map_is_not_called_a_sum():
    single = [c for c in checks.random_cases(seed=3) if len(c.args[1]) == 1]
    assert single, "the random cases include a one-kernel bank"
    found = messages(lambda i, k: solution(i, k)[0], single)
    assert found and all("added the maps" not in m for m in found), found


def test_asserts_pass_right_and_fail_wrong():
    checks.assert_feature_maps_hand(einsum_windows)
    checks.assert_feature_maps_random(fft_maps, seed=11)
    checks.assert_feature_maps_bad_input(solution)
    checks.assert_feature_maps_bad_input(solution, seed=11)
    with pytest.raises(AssertionError, match="channels-last"):
        checks.assert_feature_maps_hand(lambda i, k: np.stack(as_list(i, k), axis=-1))
    with pytest.raises(AssertionError, match="flipped"):
        checks.assert_feature_maps_random(each(scipy.signal.convolve2d), seed=11)
    with pytest.raises(AssertionError, match="returned a list"):
        checks.assert_feature_maps_random(as_list, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_feature_maps_bad_input(no_validation)
    with pytest.raises(NotImplementedError):
        checks.assert_feature_maps_bad_input(stub)


def stub(*args):
    raise NotImplementedError()


def test_random_cases_vary_with_the_seed_and_include_kernel_arrays():
    first, second, again = (checks.random_cases(seed) for seed in (1, 2, 1))
    assert any(a.args[0].shape != b.args[0].shape for a, b in zip(first, second)) or any(
        not np.array_equal(a.args[0], b.args[0]) for a, b in zip(first, second)
    )
    assert all(np.array_equal(a.args[0], b.args[0]) for a, b in zip(first, again))
    assert any(isinstance(c.args[1], np.ndarray) for c in first)
    assert any(isinstance(c.args[1], list) for c in first)


def test_hidden_bad_input_cases_differ_from_the_visible_one():
    assert len(checks.bad_input_cases()) == 1
    hidden = checks.bad_input_cases(seed=4)
    assert len(hidden) == 3
    for case in hidden:
        with pytest.raises(ValueError):
            ref.feature_maps(*case.args)


def test_visible_check_prints_the_cause(capsys):
    checks.check_feature_maps(lambda i, k: np.stack(as_list(i, k), axis=-1))
    printed = capsys.readouterr().out
    assert "channels-last" in printed
    assert len(printed.splitlines()) < 10
