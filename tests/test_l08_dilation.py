"""Lesson 8: references, and the checks' verdicts on right and wrong implementations."""

import numpy as np
import pytest
import scipy.signal

from autograder.checks import l08_dilation as checks
from autograder.feedback import explaining_first, run_cases
from autograder.reference import l08_dilation as ref

# ---------------------------------------------------------------- references


def kron_dilate(kernel, dh, dw):
    """Independent construction: each tap in the corner of a dh x dw block, trailing zeros cut."""
    kernel = np.asarray(kernel, dtype=float)
    block = np.zeros((dh, dw))
    block[0, 0] = 1
    full = np.kron(kernel, block)
    return full[: dh * (kernel.shape[0] - 1) + 1, : dw * (kernel.shape[1] - 1) + 1]


def shifted_sum(image, kernel, dh, dw):
    """Independent dilated correlation: a sum of shifted copies of the image, one per tap."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out_h = image.shape[0] - dh * (kh - 1)
    out_w = image.shape[1] - dw * (kw - 1)
    out = np.zeros((out_h, out_w))
    for m in range(kh):
        for n in range(kw):
            out += kernel[m, n] * image[m * dh : m * dh + out_h, n * dw : n * dw + out_w]
    return out


def test_hand_kernels_agree_with_numpy():
    assert np.array_equal(kron_dilate(checks.HAND_KERNEL, 2, 2), checks.HAND_DILATED_2)
    assert np.array_equal(kron_dilate(checks.HAND_KERNEL, 2, 3), checks.HAND_DILATED_2_3)
    assert np.array_equal(kron_dilate(checks.HAND_WIDE_KERNEL, 2, 2), checks.HAND_WIDE_DILATED_2)


def test_hand_outputs_agree_with_scipy():
    assert np.array_equal(
        scipy.signal.correlate2d(checks.HAND_IMAGE, checks.HAND_DILATED_2, mode="valid"),
        checks.HAND_OUTPUT_2,
    )
    assert np.array_equal(
        scipy.signal.correlate2d(checks.HAND_IMAGE, checks.HAND_DILATED_2_3, mode="valid"),
        checks.HAND_OUTPUT_2_3,
    )


def test_reference_on_tiny_examples_by_hand():
    assert ref.dilate_kernel([[1, 2]], 3).tolist() == [[1.0, 0.0, 0.0, 2.0]]  # two zeros
    assert ref.dilate_kernel([[7]], 5).tolist() == [[7.0]]
    image = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    # Corners only: 1 + 3 + 7 + 9 = 20.
    assert ref.dilated_conv2d(image, [[1, 1], [1, 1]], 2).tolist() == [[20.0]]
    assert ref.dilated_conv2d(image, [[1, 1]], (1, 2)).tolist() == [[4.0], [10.0], [16.0]]


@pytest.mark.parametrize("seed", range(5))
def test_reference_agrees_with_independent_computations(seed):
    rng = np.random.default_rng(seed)
    for _ in range(5):
        kernel = rng.normal(size=tuple(rng.integers(1, 5, size=2)))
        dh, dw = (int(v) for v in rng.integers(1, 5, size=2))
        assert np.array_equal(ref.dilate_kernel(kernel, (dh, dw)), kron_dilate(kernel, dh, dw))
        shape = (
            ref.dilated_extent(kernel.shape[0], dh) + int(rng.integers(0, 6)),
            ref.dilated_extent(kernel.shape[1], dw) + int(rng.integers(0, 6)),
        )
        image = rng.normal(size=shape)
        result = ref.dilated_conv2d(image, kernel, (dh, dw))
        assert np.allclose(result, shifted_sum(image, kernel, dh, dw))
        assert result.shape == ref.output_shape(image.shape, kernel.shape, (dh, dw))
        if dh == dw:
            assert np.array_equal(result, ref.dilated_conv2d(image, kernel, dh))


@pytest.mark.parametrize(("n", "k", "d"), [(10, 3, 1), (10, 3, 2), (17, 3, 8), (9, 4, 2)])
def test_output_size_is_dumoulin_and_visin(n, k, d):
    # Their relationship for no padding, stride 1: o = i - (k - 1) * (d - 1) - k + 1.
    expected = n - (k - 1) * (d - 1) - k + 1
    assert ref.output_shape((n, n + 1), (k, k), d) == (expected, expected + 1)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ref.dilate_kernel(np.ones((2, 2)), 0), ValueError, "at least 1"),
        (lambda: ref.dilate_kernel(np.ones((2, 2)), -2), ValueError, "at least 1"),
        (lambda: ref.dilate_kernel(np.ones((2, 2)), (2, 0)), ValueError, "at least 1"),
        (lambda: ref.dilate_kernel(np.ones((2, 2)), 1.5), TypeError, "int or a pair of ints"),
        (lambda: ref.dilate_kernel(np.ones((2, 2)), (1, 2, 3)), TypeError, "pair"),
        (lambda: ref.dilate_kernel(np.ones(3), 2), ValueError, r"kernel must be 2-D"),
        (lambda: ref.dilated_conv2d(np.ones(5), np.ones((2, 2)), 1), ValueError, "image must"),
        (
            lambda: ref.dilated_conv2d(np.ones((4, 9)), np.ones((3, 3)), 2),
            ValueError,
            r"spans \(5, 5\), which is larger than the image of shape \(4, 9\)",
        ),
        (
            lambda: ref.dilated_conv2d(np.ones((9, 4)), np.ones((2, 2)), (1, 4)),
            ValueError,
            "larger than the image",
        ),
        (lambda: ref.dilated_conv2d(np.ones((5, 5)), np.ones((2, 2)), 0), ValueError, "at least"),
    ],
)
def test_reference_rejects_bad_input_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_invalid_cases_really_are_invalid():
    for case in checks.dilate_kernel_invalid_cases(5) + checks.dilated_conv2d_invalid_cases(5):
        function = ref.dilate_kernel if len(case.args) == 2 else ref.dilated_conv2d
        with pytest.raises(case.expected.error):
            function(*case.args)


# ---------------------------------------------------------------- implementations


def _pair(dilation):
    return (dilation, dilation) if np.ndim(dilation) == 0 else tuple(dilation)


def _validated(dilation):
    dh, dw = _pair(dilation)
    if dh < 1 or dw < 1:
        raise ValueError("dilation must be at least 1")
    return dh, dw


def dilate_by_slicing(kernel, dilation):
    """The lesson's way."""
    kernel = np.asarray(kernel, dtype=float)
    if kernel.ndim != 2:
        raise ValueError("kernel must be 2-D")
    dh, dw = _validated(dilation)
    kh, kw = kernel.shape
    out = np.zeros((dh * (kh - 1) + 1, dw * (kw - 1) + 1))
    out[::dh, ::dw] = kernel
    return out


def dilate_by_loops(kernel, dilation):
    """Correct, written with explicit loops over the taps."""
    kernel = np.asarray(kernel, dtype=float)
    if kernel.ndim != 2:
        raise ValueError("kernel must be 2-D")
    dh, dw = _validated(dilation)
    kh, kw = kernel.shape
    out = np.zeros((dh * (kh - 1) + 1, dw * (kw - 1) + 1))
    for m in range(kh):
        for n in range(kw):
            out[m * dh, n * dw] = kernel[m, n]
    return out


def conv_by_loops(image, kernel, dilation, validate=True):
    """The lesson's way: sample the input with a step, never multiply the zeros."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("image and kernel must be 2-D")
    dh, dw = _validated(dilation) if validate else _pair(dilation)
    kh, kw = kernel.shape
    span_h, span_w = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    out_h, out_w = image.shape[0] - span_h + 1, image.shape[1] - span_w + 1
    if validate and (out_h < 1 or out_w < 1):
        raise ValueError("the dilated kernel is larger than the image")
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = np.sum(image[i : i + span_h : dh, j : j + span_w : dw] * kernel)
    return out


def conv_by_fft(image, kernel, dilation):
    """Correct, computed another way: FFT convolution with the flipped dilated kernel."""
    image = np.asarray(image, dtype=float)
    dilated = dilate_by_loops(kernel, dilation)
    if dilated.shape[0] > image.shape[0] or dilated.shape[1] > image.shape[1]:
        raise ValueError("the dilated kernel is larger than the image")
    return scipy.signal.fftconvolve(image, dilated[::-1, ::-1], mode="valid")


def conv_by_shifts(image, kernel, dilation):
    dh, dw = _validated(dilation)
    if np.ndim(image) != 2 or np.ndim(kernel) != 2:
        raise ValueError("image and kernel must be 2-D")
    kh, kw = np.shape(kernel)
    if image.shape[0] < dh * (kh - 1) + 1 or image.shape[1] < dw * (kw - 1) + 1:
        raise ValueError("the dilated kernel is larger than the image")
    return shifted_sum(image, kernel, dh, dw)


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


KERNEL_CASES = (
    checks.dilate_kernel_hand_cases()
    + checks.dilate_kernel_random_cases(seed=3, count=6)
    + checks.dilate_kernel_pair_hand_cases()
    + checks.dilate_kernel_random_cases(seed=3, count=4, pair=True)
    + checks.dilate_kernel_invalid_cases(seed=3)
)
CONV_CASES = (
    checks.dilated_conv2d_hand_cases()
    + checks.dilated_conv2d_random_cases(seed=3, count=6)
    + checks.dilated_conv2d_pair_hand_cases()
    + checks.dilated_conv2d_random_cases(seed=3, count=4, pair=True)
    + checks.dilated_conv2d_invalid_cases(seed=3)
    + [checks._real_image_case()]
)


@pytest.mark.parametrize("func", [dilate_by_slicing, dilate_by_loops, ref.dilate_kernel])
def test_right_kernels_pass(func):
    assert messages(func, KERNEL_CASES, checks.DILATE_KERNEL) == set()


@pytest.mark.parametrize("func", [conv_by_loops, conv_by_fft, conv_by_shifts, ref.dilated_conv2d])
def test_right_dilated_correlations_pass(func):
    assert messages(func, CONV_CASES, checks.DILATED_CONV2D) == set()


def zeros_counted_wrong(kernel, dilation):
    kernel = np.asarray(kernel, dtype=float)
    d = dilation
    kh, kw = kernel.shape
    out = np.zeros(((d + 1) * (kh - 1) + 1, (d + 1) * (kw - 1) + 1))  # d zeros between taps
    out[:: d + 1, :: d + 1] = kernel
    return out


def zeros_after_each_tap(kernel, dilation):
    kernel = np.asarray(kernel, dtype=float)
    d = dilation
    kh, kw = kernel.shape
    out = np.zeros((d * kh, d * kw))
    for m in range(kh):
        for n in range(kw):
            out[m * d, n * d] = kernel[m, n]
    return out


def zeros_before_each_tap(kernel, dilation):
    return zeros_after_each_tap(np.asarray(kernel)[::-1, ::-1], dilation)[::-1, ::-1]


def zeros_all_around(kernel, dilation):
    return np.pad(dilate_by_slicing(kernel, dilation), dilation - 1)


def rows_only(kernel, dilation):
    kernel = np.asarray(kernel, dtype=float)
    out = np.zeros((dilation * (kernel.shape[0] - 1) + 1, kernel.shape[1]))
    out[::dilation, :] = kernel
    return out


def columns_only(kernel, dilation):
    return rows_only(np.asarray(kernel).T, dilation).T


def swapped_pair(kernel, dilation):
    dh, dw = _pair(dilation)
    return dilate_by_slicing(kernel, (dw, dh))


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (zeros_counted_wrong, "inserted `dilation` zeros"),
        (zeros_after_each_tap, "outside of the kernel"),
        (zeros_before_each_tap, "outside of the kernel"),
        (zeros_all_around, "outside of the kernel"),
        (rows_only, "only along the rows"),
        (columns_only, "only along the columns"),
        (swapped_pair, "swapped the two dilations"),
        (lambda k, d: np.repeat(np.repeat(k, d, 0), d, 1), "repeated each weight"),
        (lambda k, d: np.asarray(k, dtype=float), "came back undilated"),
        (lambda k, d: dilate_by_slicing(k, d).T, "transposed"),
        (lambda k, d: None, "forget the `return`"),
        (lambda k, d: dilate_by_slicing(k, d)[:, :-1], "wrong output shape"),
    ],
)
def test_wrong_kernels_are_named(wrong, expected):
    cases = (
        checks.dilate_kernel_hand_cases()
        + checks.dilate_kernel_random_cases(seed=3, count=6)
        + (checks.dilate_kernel_pair_hand_cases() if wrong is swapped_pair else [])
    )
    found = messages(wrong, cases, checks.DILATE_KERNEL)
    assert any(expected in message for message in found), found


def stride_instead(image, kernel, dilation):
    """Steps the window `dilation` pixels between outputs: that is stride."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    out = np.zeros(((image.shape[0] - kh) // dilation + 1, (image.shape[1] - kw) // dilation + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            window = image[i * dilation : i * dilation + kh, j * dilation : j * dilation + kw]
            out[i, j] = np.sum(window * kernel)
    return out


def taps_one_too_far(image, kernel, dilation):
    return conv_by_loops(image, kernel, dilation + 1)


def undilated_output_size(image, kernel, dilation):
    """Sizes the output with kh, kw: the windows at the bottom run off the image."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    span_h, span_w = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + span_h : dilation, j : j + span_w : dilation] * kernel)
    return out


def undilated_output_size_indexing(image, kernel, dilation):
    image = np.asarray(image, dtype=float)
    kh, kw = np.shape(kernel)
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for m in range(kh):
                for n in range(kw):
                    out[i, j] += image[i + m * dilation, j + n * dilation] * kernel[m][n]
    return out


def uint8_output(image, kernel, dilation):
    out = conv_by_loops(image, kernel, dilation)
    return out.astype(np.asarray(image).dtype)


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (stride_instead, "that is stride, not dilation"),
        (taps_one_too_far, "your taps are d + 1 apart"),
        (
            lambda i, k, d: scipy.signal.correlate2d(i, zeros_after_each_tap(k, d), "valid"),
            "outside of the dilated kernel",
        ),
        (
            lambda i, k, d: scipy.signal.correlate2d(i, zeros_all_around(k, d), "valid"),
            "outside of the dilated kernel",
        ),
        (
            lambda i, k, d: scipy.signal.correlate2d(i, rows_only(k, d), "valid"),
            "only along the rows",
        ),
        (
            lambda i, k, d: scipy.signal.correlate2d(i, columns_only(k, d), "valid"),
            "only along the columns",
        ),
        (lambda i, k, d: scipy.signal.correlate2d(i, k, "valid"), "ignored the dilation"),
        (
            lambda i, k, d: scipy.signal.convolve2d(i, dilate_by_slicing(k, d), "valid"),
            "flipped the kernel",
        ),
        (undilated_output_size, "size the output with the DILATED kernel"),
        (undilated_output_size_indexing, "size the output with the DILATED kernel"),
        (uint8_output, "integer overflow"),
        (lambda i, k, d: conv_by_loops(i, k, d).T, "transposed"),
    ],
)
def test_wrong_dilated_correlations_are_named(wrong, expected):
    cases = checks.dilated_conv2d_hand_cases() + checks.dilated_conv2d_random_cases(3, 6)
    found = messages(checks._with_edge_hint(wrong), cases, checks.DILATED_CONV2D)
    assert any(expected in message for message in found), found


def test_swapped_pair_in_dilated_conv2d_is_named():
    def swapped(image, kernel, dilation):
        dh, dw = _pair(dilation)
        return conv_by_loops(image, kernel, (dw, dh))

    cases = checks.dilated_conv2d_pair_hand_cases()
    assert any("swapped" in m for m in messages(swapped, cases, checks.DILATED_CONV2D))


def test_edge_hint_keeps_the_learners_line():
    cases = checks.dilated_conv2d_hand_cases()[:1]
    wrapped = checks._with_edge_hint(undilated_output_size_indexing)
    (message,) = messages(wrapped, cases, checks.DILATED_CONV2D)
    assert message.startswith("raised IndexError: an index runs past the image")
    assert "DILATED kernel" in message
    assert "(at `out[i, j] += image[i + m * dilation" in message  # the learner's line, not ours
    # Broadcasting failures at the edge give one message, whatever the shapes involved.
    wrapped = checks._with_edge_hint(undilated_output_size)
    found = messages(wrapped, checks.dilated_conv2d_random_cases(3, 6), checks.DILATED_CONV2D)
    assert len([m for m in found if "different shapes" in m]) == 1, found


def test_assert_functions_pass_right_and_fail_wrong():
    for seed in (1, 11):
        checks.assert_dilate_kernel_hand(dilate_by_loops)
        checks.assert_dilate_kernel_random(dilate_by_loops, seed=seed)
        checks.assert_dilate_kernel_pair(dilate_by_loops, seed=seed)
        checks.assert_dilate_kernel_invalid(dilate_by_loops, seed=seed)
        checks.assert_dilated_conv2d_hand(conv_by_loops)
        checks.assert_dilated_conv2d_random(conv_by_loops, seed=seed)
        checks.assert_dilated_conv2d_pair(conv_by_loops, seed=seed)
        checks.assert_dilated_conv2d_invalid(conv_by_loops, seed=seed)
    with pytest.raises(AssertionError, match="inserted `dilation` zeros"):
        checks.assert_dilate_kernel_hand(zeros_counted_wrong)
    with pytest.raises(AssertionError, match="outside of the kernel"):
        checks.assert_dilate_kernel_random(zeros_after_each_tap, seed=11)
    with pytest.raises(AssertionError, match="that is stride"):
        checks.assert_dilated_conv2d_hand(stride_instead)
    with pytest.raises(AssertionError, match="taps are d \\+ 1 apart"):
        checks.assert_dilated_conv2d_random(taps_one_too_far, seed=11)


def test_int_only_solutions_lose_only_the_pair_points():
    def int_only_kernel(kernel, dilation):
        if not isinstance(dilation, int):
            raise TypeError("dilation must be an int")
        return dilate_by_slicing(kernel, dilation)

    def int_only_conv(image, kernel, dilation):
        if not isinstance(dilation, int):
            raise TypeError("dilation must be an int")
        return conv_by_loops(image, kernel, dilation)

    checks.assert_dilate_kernel_hand(int_only_kernel)
    checks.assert_dilate_kernel_random(int_only_kernel, seed=5)
    checks.assert_dilate_kernel_invalid(int_only_kernel, seed=5)
    checks.assert_dilated_conv2d_random(int_only_conv, seed=5)
    checks.assert_dilated_conv2d_invalid(int_only_conv, seed=5)
    with pytest.raises(AssertionError, match="raised TypeError"):
        checks.assert_dilate_kernel_pair(int_only_kernel, seed=5)
    with pytest.raises(AssertionError, match="raised TypeError"):
        checks.assert_dilated_conv2d_pair(int_only_conv, seed=5)


def test_missing_validation_fails_the_invalid_tests():
    def unchecked(image, kernel, dilation):
        return conv_by_loops(image, kernel, dilation, validate=False)

    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_dilated_conv2d_invalid(unchecked, seed=1)

    def unchecked_kernel(kernel, dilation):
        kernel = np.asarray(kernel, dtype=float)
        dh, dw = abs(dilation) or 1, abs(dilation) or 1  # "fixes" bad dilations silently
        out = np.zeros((dh * (kernel.shape[0] - 1) + 1, dw * (kernel.shape[-1] - 1) + 1))
        out[::dh, ::dw] = kernel
        return out

    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_dilate_kernel_invalid(unchecked_kernel, seed=1)


def test_hidden_cases_depend_on_the_seed():
    def first_image(seed):
        return checks.dilated_conv2d_random_cases(seed, 3)[-1].args[0]

    assert not np.array_equal(first_image(1), first_image(2)) or (
        first_image(1).shape != first_image(2).shape
    )
    assert np.array_equal(first_image(1), first_image(1))
    # The random cases spread the dilations: some above 1, some pairs with dh != dw.
    dilations = [c.args[2] for c in checks.dilated_conv2d_random_cases(7, 6)]
    assert max(dilations) >= 2
    pairs = [c.args[2] for c in checks.dilated_conv2d_random_cases(7, 4, pair=True)]
    assert all(dh != dw for dh, dw in pairs)


def test_visible_checks_print_the_cause(capsys):
    checks.check_dilated_conv2d(stride_instead)
    printed = capsys.readouterr().out
    assert "that is stride, not dilation" in printed
    assert len(printed.splitlines()) < 14  # one line per distinct cause, not a wall of numbers
    checks.check_dilate_kernel(dilate_by_slicing)
    checks.check_dilated_conv2d(conv_by_loops)
    printed = capsys.readouterr().out
    assert "✗" not in printed and printed.count("✓") == 2


# ---------------------------------------------------------------- receptive_field


def field_by_impulses(layers) -> int:
    """Independent of both the reference and the recurrence: push a single bright pixel
    through the stack with scipy (kernels of ones, so nothing cancels) and record which
    input pixels reach the first output of the last layer."""
    length = 1
    for k, s, d in reversed(layers):
        length = (length - 1) * s + d * (k - 1) + 1 + 4  # room enough, with a margin
    reached = []
    for pixel in range(length):
        signal = np.zeros(length)
        signal[pixel] = 1.0
        for k, s, d in layers:
            taps = np.zeros(d * (k - 1) + 1)
            taps[::d] = 1.0
            signal = scipy.signal.correlate(signal, taps, mode="valid")[::s]
        if signal[0] != 0:
            reached.append(pixel)
    return max(reached) - min(reached) + 1 if layers else 1


def recurrence(layers):
    """Right: r += d (k - 1) j, then j *= s, from the first layer to the last."""
    if not isinstance(layers, (list, tuple)):
        raise TypeError("layers must be a list")
    field, jump = 1, 1
    for layer in layers:
        if len(layer) != 3 or min(layer) < 1:
            raise ValueError(f"bad layer {layer!r}")
        k, s, d = layer
        field += d * (k - 1) * jump
        jump *= s
    return field


def closed_form(layers):
    """Right, vectorised: 1 + sum of d (k - 1) times the product of the earlier strides."""
    for layer in layers:
        if len(layer) != 3 or min(layer) < 1:
            raise ValueError(f"bad layer {layer!r}")
    if not layers:
        return 1
    k, s, d = (np.array(column) for column in zip(*layers))
    jumps = np.concatenate([[1], np.cumprod(s)[:-1]])
    return int(1 + np.sum(d * (k - 1) * jumps))


def test_hand_fields_agree_with_impulses_through_scipy_and_the_reference():
    for layers, field in checks.HAND_FIELDS:
        assert field_by_impulses(list(layers)) == field == ref.receptive_field(list(layers))


def test_reference_field_equals_impulses_through_scipy_on_random_stacks():
    for case in checks.receptive_field_random_cases(seed=4, count=10):
        (layers,) = case.args
        assert case.expected == field_by_impulses(layers), layers


def test_random_stacks_have_a_stride_that_matters():
    for case in checks.receptive_field_random_cases(seed=5, count=12):
        (layers,) = case.args
        assert any(s > 1 for _, s, _ in layers[:-1]) and layers[0][0] >= 2


@pytest.mark.parametrize(
    ("args", "error"),
    [(([(3, 0, 1)],), ValueError), (([(3, 1)],), ValueError), (((3, 1, 1),), ValueError)],
)
def test_reference_field_rejects_bad_layers(args, error):
    with pytest.raises(error):
        ref.receptive_field(*args)


FIELD_CASES = (
    checks.receptive_field_hand_cases()
    + checks.receptive_field_random_cases(seed=3, count=12)
    + checks.receptive_field_error_cases(hidden=True)
)


def field_messages(func, cases=FIELD_CASES):
    exercise = explaining_first(func, cases, checks.RECEPTIVE_FIELD)
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


@pytest.mark.parametrize("func", [recurrence, closed_form])
def test_right_fields_pass(func):
    assert field_messages(func) == set()


def field_rule(growth, jump_after=False, reverse=False, strides=True):
    def wrong(layers):
        recurrence(layers)  # the same validation
        field, jump = 1, 1
        for k, s, d in layers[::-1] if reverse else layers:
            s = s if strides else 1
            if jump_after:
                jump *= s
            field += growth(k, d) * jump
            if not jump_after:
                jump *= s
        return field

    return wrong


def product_of_spans(layers):
    recurrence(layers)  # the same validation
    return int(np.prod([d * (k - 1) + 1 for k, s, d in layers]))


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (field_rule(lambda k, d: d * (k - 1), strides=False), "you ignored the strides"),
        (field_rule(lambda k, d: d * (k - 1), jump_after=True), "own stride does not widen"),
        (field_rule(lambda k, d: d * (k - 1), reverse=True), "from the last to the first"),
        (field_rule(lambda k, d: k - 1), "you ignored the dilation"),
        (field_rule(lambda k, d: d * (k - 1) + 1), "off by one per layer"),
        (field_rule(lambda k, d: d * k), "not d k"),
        (product_of_spans, "you multiplied the layers' spans"),
    ],
)
def test_wrong_fields_are_named(wrong, expected):
    found = field_messages(wrong)
    assert len(found) == 1 and expected in found.pop(), found


def test_missing_field_validation_is_reported():
    found = field_messages(lambda layers: 1 + sum(d * (k - 1) for k, s, d, *_ in layers))
    assert any("should raise ValueError" in message for message in found), found


def test_field_asserts_pass_right_and_fail_wrong():
    checks.assert_receptive_field_hand(recurrence)
    checks.assert_receptive_field_random(closed_form, seed=11)
    checks.assert_receptive_field_errors(recurrence, hidden=True)
    no_strides = field_rule(lambda k, d: d * (k - 1), strides=False)
    with pytest.raises(AssertionError, match="you ignored the strides"):
        checks.assert_receptive_field_hand(no_strides)
    with pytest.raises(AssertionError, match="you ignored the strides"):
        checks.assert_receptive_field_random(no_strides, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_receptive_field_errors(lambda layers: 1)

    def stub(layers):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError):
        checks.assert_receptive_field_hand(stub)


def test_field_hidden_cases_depend_on_the_seed():
    first, second = (checks.receptive_field_random_cases(seed) for seed in (1, 2))
    assert [c.args for c in first] != [c.args for c in second]
    assert [c.args for c in checks.receptive_field_random_cases(1)] == [c.args for c in first]


def test_visible_field_check_prints_the_cause(capsys):
    checks.check_receptive_field(field_rule(lambda k, d: k - 1))
    printed = capsys.readouterr().out
    assert "you ignored the dilation" in printed and len(printed.splitlines()) < 10
