"""Lesson 7: references, and the checks' verdicts on right and wrong implementations."""

import math

import numpy as np
import pytest
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from autograder.checks import l07_stride as checks
from autograder.feedback import explaining_first, run_cases
from autograder.reference import l07_stride as ref

# ---------------------------------------------------------------- references


def dilated(kernel_1d, dilation):
    out = np.zeros(dilation * (len(kernel_1d) - 1) + 1)
    out[::dilation] = kernel_1d
    return out


def measured_size(n, k, stride=1, padding=0, dilation=1):
    """The output length scipy actually produces: pad, correlate ('valid'), keep every s-th."""
    padded = np.pad(np.ones(n), padding)
    response = scipy.signal.correlate(padded, dilated(np.ones(k), dilation), mode="valid")
    return len(response[::stride])


def closed_formula(n, k, stride=1, padding=0, dilation=1):
    return math.floor((n + 2 * padding - dilation * (k - 1) - 1) / stride) + 1


def test_hand_sizes_agree_with_the_formula_and_with_scipy():
    for (n, k, s, p, d), expected in checks.HAND_SIZES:
        assert closed_formula(n, k, s, p, d) == expected
        assert measured_size(n, k, s, p, d) == expected
        assert ref.conv_output_size(n, k, s, p, d) == expected


def test_reference_size_equals_formula_and_scipy_on_many_set_ups():
    rng = np.random.default_rng(0)
    checked = 0
    while checked < 300:
        n, k = int(rng.integers(1, 30)), int(rng.integers(1, 8))
        s, p, d = int(rng.integers(1, 5)), int(rng.integers(0, 4)), int(rng.integers(1, 4))
        if d * (k - 1) + 1 > n + 2 * p:
            continue
        size = ref.conv_output_size(n, k, stride=s, padding=p, dilation=d)
        assert type(size) is int
        assert size == closed_formula(n, k, s, p, d) == measured_size(n, k, s, p, d)
        checked += 1


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((10, 3), {"stride": 0}, ValueError, "stride must be at least 1, got 0"),
        ((10, 3), {"padding": -1}, ValueError, "padding must be at least 0, got -1"),
        ((10, 3), {"dilation": 0}, ValueError, "dilation must be at least 1"),
        ((0, 1), {}, ValueError, "n must be at least 1"),
        ((5, 0), {}, ValueError, "k must be at least 1"),
        ((3, 6), {"padding": 1}, ValueError, "spans 6 pixels .* only 5"),
        ((4, 3), {"dilation": 3}, ValueError, "spans 7 pixels"),
        ((10.0, 3), {}, TypeError, "n must be an integer"),
        ((10, 3), {"stride": 1.5}, TypeError, "stride must be an integer"),
        ((10, 3), {"padding": "1"}, TypeError, "padding must be an integer"),
    ],
)
def test_reference_size_rejects_bad_arguments_clearly(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        ref.conv_output_size(*args, **kwargs)


def test_reference_size_keeps_its_shared_signature():
    # Lessons 8 and 15 import it: conv_output_size(n, k, stride=1, padding=0, dilation=1).
    import inspect

    signature = inspect.signature(ref.conv_output_size)
    assert list(signature.parameters) == ["n", "k", "stride", "padding", "dilation"]
    assert [p.default for p in signature.parameters.values()][2:] == [1, 0, 1]
    assert ref.conv_output_size(np.int64(9), np.int64(3), np.int64(2)) == 4


def test_reference_strided_on_a_tiny_example_by_hand():
    image = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    # 1x1 kernel of 2 with stride 2 keeps pixels (0, 0), (0, 2), (2, 0), (2, 2), doubled.
    assert ref.strided_conv2d(image, [[2]], 2).tolist() == [[2, 6], [14, 18]]
    # 2x2 kernel of ones, stride (1, 2): windows at columns 0 only (3 - 2) // 2 + 1 = 1.
    assert ref.strided_conv2d(image, np.ones((2, 2)), (1, 2)).tolist() == [[12], [24]]


def test_hand_strided_examples_agree_with_scipy():
    valid = scipy.signal.correlate2d(checks.HAND_RAMP, checks.HAND_DIAGONAL, mode="valid")
    assert np.array_equal(valid[::2, ::3], checks.HAND_STRIDED)
    box = scipy.signal.correlate2d(checks.HAND_RAMP7, np.ones((3, 3)), mode="valid")
    assert np.array_equal(box[::2, ::2], checks.HAND_BOX_STRIDED)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((np.ones((5, 5)), np.ones((2, 2)), 0), ValueError, "stride must be at least 1"),
        ((np.ones((5, 5)), np.ones((2, 2)), (2, 0)), ValueError, "stride must be at least 1"),
        ((np.ones((5, 5)), np.ones((2, 2)), -1), ValueError, "stride must be at least 1"),
        ((np.ones((2, 5)), np.ones((3, 2)), 1), ValueError, "larger than the image"),
        ((np.ones(5), np.ones((1, 1)), 1), ValueError, "image must be 2-D"),
        ((np.ones((5, 5)), np.ones((2, 2)), (1, 2, 3)), TypeError, "pair of ints"),
        ((np.ones((5, 5)), np.ones((2, 2)), 1.5), TypeError, "pair of ints"),
    ],
)
def test_reference_strided_rejects_bad_input_clearly(args, error, message):
    with pytest.raises(error, match=message):
        ref.strided_conv2d(*args)


@pytest.mark.parametrize("stride", [1, 2, 3, (1, 3), (4, 2)])
def test_reference_strided_shape_is_conv_output_size_per_axis(stride):
    image, kernel = np.ones((11, 9)), np.ones((3, 2))
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    assert ref.strided_conv2d(image, kernel, stride).shape == (
        ref.conv_output_size(11, 3, sh),
        ref.conv_output_size(9, 2, sw),
    )


# ---------------------------------------------------------------- right implementations


def _check_size_args(n, k, stride, padding, dilation):
    if min(n, k, stride, dilation) < 1 or padding < 0:
        raise ValueError("bad argument")
    if dilation * (k - 1) + 1 > n + 2 * padding:
        raise ValueError("kernel too large")


def formula_size(n, k, stride=1, padding=0, dilation=1):
    _check_size_args(n, k, stride, padding, dilation)
    return (n + 2 * padding - dilation * (k - 1) - 1) // stride + 1


def counting_size(n, k, stride=1, padding=0, dilation=1):
    """Right, computed another way: walk the windows and count those that fit."""
    _check_size_args(n, k, stride, padding, dilation)
    count, start = 0, 0
    while start + dilation * (k - 1) <= n + 2 * padding - 1:
        count += 1
        start += stride
    return count


def _strides(stride):
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    if sh < 1 or sw < 1:
        raise ValueError("stride must be at least 1")
    return sh, sw


def _inputs(image, kernel):
    image, kernel = np.asarray(image, float), np.asarray(kernel, float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("2-D please")
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError("kernel larger than the image")
    return image, kernel


def loops(image, kernel, stride):
    image, kernel = _inputs(image, kernel)
    sh, sw = _strides(stride)
    kh, kw = kernel.shape
    out = np.zeros(
        ((image.shape[0] - kh) // sh + 1, (image.shape[1] - kw) // sw + 1),
    )
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i * sh : i * sh + kh, j * sw : j * sw + kw] * kernel)
    return out


def windows(image, kernel, stride):
    """Right, vectorized: every window, keep every stride-th, contract with the kernel."""
    image, kernel = _inputs(image, kernel)
    sh, sw = _strides(stride)
    views = sliding_window_view(image, kernel.shape)[::sh, ::sw]
    return np.einsum("ijmn,mn->ij", views, kernel)


def size_messages(func, cases):
    exercise = explaining_first(func, cases, checks.CONV_OUTPUT_SIZE)
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


def strided_messages(func, cases):
    return {o.message for o in run_cases(func, cases, checks.STRIDED_CONV2D) if not o.passed}


SIZE_CASES = (
    checks.size_hand_cases()
    + checks.size_random_cases(seed=3, count=30)
    + checks.size_error_cases(hidden=True)
)
STRIDED_CASES = (
    checks.strided_hand_cases()
    + checks.strided_random_cases(seed=3, count=12)
    + checks.strided_error_cases(hidden=True)
)


@pytest.mark.parametrize("func", [formula_size, counting_size, ref.conv_output_size])
def test_right_sizes_pass(func):
    assert size_messages(func, SIZE_CASES) == set()


@pytest.mark.parametrize("func", [loops, windows, ref.strided_conv2d])
def test_right_strided_convolutions_pass(func):
    assert strided_messages(func, STRIDED_CASES) == set()


# ---------------------------------------------------------------- wrong sizes are named


def validated(rule):
    def wrong(n, k, stride=1, padding=0, dilation=1):
        _check_size_args(n, k, stride, padding, dilation)
        return rule(n, k, stride, padding, dilation)

    return wrong


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (validated(lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s), "forgot the + 1"),
        (
            validated(lambda n, k, s, p, d: math.ceil((n + 2 * p - d * (k - 1) - 1) / s) + 1),
            "you rounded up (ceil)",
        ),
        (
            validated(lambda n, k, s, p, d: math.ceil((n + 2 * p - d * (k - 1) - 1) / s)),
            "instead of floor(...) + 1",
        ),
        (
            validated(lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) / s + 1),
            "true division",
        ),
        (
            validated(lambda n, k, s, p, d: (n + 2 * p - d * (k - 1)) // s),
            "you divided all the stride-1 positions",
        ),
        (
            validated(lambda n, k, s, p, d: (n + p - d * (k - 1) - 1) // s + 1),
            "padding is added on BOTH sides",
        ),
        (validated(lambda n, k, s, p, d: (n + 2 * p - k) // s + 1), "you ignored the dilation"),
        (validated(lambda n, k, s, p, d: (n + 2 * p - d * k) // s + 1), "not d * k"),
        (validated(lambda n, k, s, p, d: n + 2 * p - d * (k - 1)), "you ignored the stride"),
    ],
)
def test_wrong_sizes_are_named(wrong, expected):
    # One mistake, one diagnosis: the message that explains every failing case, alone.
    found = size_messages(wrong, SIZE_CASES)
    found = {m for m in found if not m.startswith("returned a float with the right value")}
    assert len(found) == 1 and expected in found.pop(), found


def test_without_the_consistency_rule_one_less_would_be_misnamed():
    # Why explaining_first exists: per case, "padding added once" often gives one less,
    # which the plain engine names after the first matching mistake in the list.
    padding_once = validated(lambda n, k, s, p, d: (n + p - d * (k - 1) - 1) // s + 1)
    plain = {
        o.message
        for o in run_cases(padding_once, SIZE_CASES, checks.CONV_OUTPUT_SIZE)
        if not o.passed
    }
    assert len(plain) > 1
    assert size_messages(padding_once, SIZE_CASES) == {
        next(m.message for m in checks.CONV_OUTPUT_SIZE.misconceptions if "BOTH" in m.message)
    }


def test_missing_size_validation_is_reported():
    found = size_messages(
        lambda n, k, stride=1, padding=0, dilation=1: max(
            (n + 2 * padding - dilation * (k - 1) - 1) // max(stride, 1) + 1, 0
        ),
        checks.size_error_cases(hidden=True),
    )
    assert any("should raise ValueError" in message for message in found), found


# ---------------------------------------------------------------- wrong strided convs are named


def flipped(image, kernel, stride):
    return loops(image, np.asarray(kernel)[::-1, ::-1], stride)


def rows_only(image, kernel, stride):
    return loops(image, kernel, (_strides(stride)[0], 1))


def columns_only(image, kernel, stride):
    return loops(image, kernel, (1, _strides(stride)[1]))


def swapped(image, kernel, stride):
    sh, sw = _strides(stride)
    return loops(image, kernel, (sw, sh))


def loops_sized(size_rule, offset=lambda s: 0, start=True):
    """A loop whose output size (and first window) follow a wrong rule; ``start=False``
    forgets to multiply the window's start by the stride."""

    def wrong(image, kernel, stride):
        image, kernel = _inputs(image, kernel)
        sh, sw = _strides(stride)
        kh, kw = kernel.shape
        out = np.zeros((size_rule(image.shape[0], kh, sh), size_rule(image.shape[1], kw, sw)))
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                r, c = offset(sh) + i * sh, offset(sw) + j * sw
                if not start:
                    r, c = i, j
                window = image[r : r + kh, c : c + kw]
                if window.shape == kernel.shape:  # windows that stick out stay 0
                    out[i, j] = np.sum(window * kernel)
        return out

    return wrong


def same_then_subsample(image, kernel, stride):
    sh, sw = _strides(stride)
    same = scipy.signal.correlate2d(image, kernel, mode="same")
    return same[::sh, ::sw]


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (flipped, "you flipped the kernel"),
        (rows_only, "to the rows only"),
        (columns_only, "to the columns only"),
        (swapped, "you swapped the two strides"),
        (loops_sized(lambda n, k, s: (n - k) // s), "one row and one column short"),
        (loops_sized(lambda n, k, s: math.ceil((n - k) / s) + 1), "you rounded up (ceil)"),
        (
            loops_sized(lambda n, k, s: (n - k - 1) // s + 1, offset=lambda s: 1),
            "yours start at row 1",
        ),
        (
            loops_sized(lambda n, k, s: (n - k - s + 1) // s + 1, offset=lambda s: s - 1),
            "yours start at row sh - 1",
        ),
        (same_then_subsample, "you subsampled a 'same'"),
        (
            loops_sized(lambda n, k, s: (n - k) // s + 1, offset=lambda s: 0, start=False),
            "window start not multiplied by the stride",
        ),
        (lambda image, kernel, stride: None, "forget the `return`"),
    ],
)
def test_wrong_strided_convolutions_are_named(wrong, expected):
    found = strided_messages(wrong, STRIDED_CASES)
    assert any(expected in message for message in found), found


def test_missing_strided_validation_is_reported():
    def unvalidated(image, kernel, stride):
        sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
        return scipy.signal.correlate2d(image, kernel, mode="full")[:: max(sh, 1), :: max(sw, 1)]

    found = strided_messages(unvalidated, checks.strided_error_cases(hidden=True))
    assert any("should raise ValueError" in message for message in found), found


# ---------------------------------------------------------------- graded asserts


def test_assert_functions_pass_right_and_fail_wrong():
    checks.assert_conv_output_size_hand(formula_size)
    checks.assert_conv_output_size_random(counting_size, seed=11)
    checks.assert_conv_output_size_errors(formula_size, hidden=True)
    no_plus_one = validated(lambda n, k, s, p, d: (n + 2 * p - d * (k - 1) - 1) // s)
    with pytest.raises(AssertionError, match=r"forgot the \+ 1"):
        checks.assert_conv_output_size_hand(no_plus_one)
    with pytest.raises(AssertionError, match=r"forgot the \+ 1"):
        checks.assert_conv_output_size_random(no_plus_one, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_conv_output_size_errors(lambda n, k, stride=1, padding=0, dilation=1: 1)

    checks.assert_strided_conv2d_hand(loops)
    checks.assert_strided_conv2d_random(windows, seed=11)
    checks.assert_strided_conv2d_errors(loops, hidden=True)
    with pytest.raises(AssertionError, match="swapped the two strides"):
        checks.assert_strided_conv2d_hand(swapped)
    with pytest.raises(AssertionError, match="rows only"):
        checks.assert_strided_conv2d_random(rows_only, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_strided_conv2d_errors(
            lambda image, kernel, stride: np.zeros((1, 1)), hidden=True
        )


def test_ceil_sizes_are_really_tested():
    # Most random set-ups must have a stride that does not divide evenly.
    uneven = [
        case
        for case in checks.size_random_cases(seed=5, count=20)
        if (
            case.args[0]
            + 2 * case.kwargs["padding"]
            - case.kwargs["dilation"] * (case.args[1] - 1)
            - 1
        )
        % case.kwargs["stride"]
    ]
    assert len(uneven) >= 10


def test_hidden_cases_depend_on_the_seed():
    for make in (
        lambda seed: checks.size_random_cases(seed)[-1].args,
        lambda seed: checks.strided_random_cases(seed)[-1].args[0],
    ):
        first, second, again = make(1), make(2), make(1)
        assert np.shape(first) != np.shape(second) or not np.array_equal(first, second)
        assert np.array_equal(first, again)


def test_visible_checks_print_the_cause(capsys):
    checks.check_conv_output_size(
        validated(lambda n, k, s, p, d: math.ceil((n + 2 * p - d * (k - 1) - 1) / s) + 1)
    )
    printed = capsys.readouterr().out
    assert "ceil" in printed and len(printed.splitlines()) < 10
    checks.check_strided_conv2d(swapped)
    printed = capsys.readouterr().out
    assert "swapped the two strides" in printed and len(printed.splitlines()) < 10


def test_sobel_x_is_the_same_kernel_in_every_lesson():
    """Issue 15: lessons 6 and 7 wrote sobel_x with the opposite sign to the other lessons."""
    import ast
    import json
    from pathlib import Path

    found = {}
    for path in sorted(Path(__file__).resolve().parent.parent.glob("solutions/*/*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if (
                    isinstance(node, ast.Assign)
                    and [getattr(t, "id", None) for t in node.targets] == ["sobel_x"]
                    and isinstance(node.value, ast.Call)
                ):
                    # np.array([...]) or np.outer([1, 2, 1], [-1, 0, 1]): evaluated (our code)
                    expression = compile(ast.Expression(node.value), str(path), "eval")
                    found[path.parent.name] = np.asarray(eval(expression, {"np": np})).tolist()
    assert {"06-padding", "07-stride", "10-medical-edges"} <= set(found), found
    # Slide 10's kernel: dark on the left, bright on the right correlates to a positive value.
    assert all(kernel == [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] for kernel in found.values()), found


# ---------------------------------------------------------------- transposed_conv_output_size


def convolved_length(m, k, stride, padding):
    """What scipy gives when the forward convolution runs on ``m`` pixels."""
    padded = np.zeros(m + 2 * padding)
    if len(padded) < k:
        return 0
    return len(scipy.signal.correlate(padded, np.ones(k), mode="valid")[::stride])


def test_transposed_sizes_undo_the_convolution_scipy_computes():
    """The transposed size m is a size the forward convolution maps to n, and output_padding
    picks which one: the one whose last window leaves output_padding pixels unread."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        n, k = int(rng.integers(1, 20)), int(rng.integers(1, 7))
        stride, padding = int(rng.integers(1, 5)), int(rng.integers(0, 3))
        a = int(rng.integers(0, stride))
        try:
            m = ref.transposed_conv_output_size(n, k, stride, padding, a)
        except ValueError:
            assert (n - 1) * stride + k - 2 * padding + a < 1
            continue
        assert convolved_length(m, k, stride, padding) == n
        unread = (m + 2 * padding - k) - (n - 1) * stride  # pixels after the last window
        assert unread == a


def test_hand_transposed_sizes_agree_with_the_reference_and_the_closed_formula():
    for (n, k, s, p, a), expected in checks.HAND_TRANSPOSED:
        assert ref.transposed_conv_output_size(n, k, s, p, a) == expected
        assert (n - 1) * s - 2 * p + k + a == expected


def transposed_formula(n, k, stride=1, padding=0, output_padding=0):
    if min(n, k, stride) < 1 or padding < 0 or output_padding < 0:
        raise ValueError("n, k, stride >= 1; padding, output_padding >= 0")
    if output_padding >= stride:
        raise ValueError("output_padding must be smaller than the stride")
    size = (n - 1) * stride - 2 * padding + k + output_padding
    if size < 1:
        raise ValueError("the output would be empty")
    return size


def transposed_by_stamps(n, k, stride=1, padding=0, output_padding=0):
    """Right, the long way: stamp a kernel of ones for each input, crop, extend."""
    transposed_formula(n, k, stride, padding, output_padding)  # the same validation
    out = np.zeros((n - 1) * stride + k)
    for i in range(n):
        out[i * stride : i * stride + k] += 1
    return len(out[padding : len(out) - padding]) + output_padding


def validated_transposed(rule):
    def wrong(n, k, stride=1, padding=0, output_padding=0):
        transposed_formula(n, k, stride, padding, output_padding)
        return rule(n, k, stride, padding, output_padding)

    return wrong


TRANSPOSED_CASES = (
    checks.transposed_hand_cases()
    + checks.transposed_random_cases(seed=3, count=30)
    + checks.transposed_error_cases(hidden=True)
)


def transposed_messages(func, cases=TRANSPOSED_CASES):
    exercise = explaining_first(func, cases, checks.TRANSPOSED_CONV_OUTPUT_SIZE)
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


@pytest.mark.parametrize("func", [transposed_formula, transposed_by_stamps])
def test_right_transposed_sizes_pass(func):
    assert transposed_messages(func) == set()


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (lambda n, k, s, p, a: (n + 2 * p - k) // s + 1, "the convolution's formula"),
        (lambda n, k, s, p, a: n * s - 2 * p + k + a, "multiplied n by the stride"),
        (lambda n, k, s, p, a: n - 1 - 2 * p + k + a, "ignored the stride"),
        (lambda n, k, s, p, a: (n - 1) * s - p + k + a, "cut from BOTH ends"),
        (lambda n, k, s, p, a: (n - 1) * s + 2 * p + k + a, "you added the padding"),
        (lambda n, k, s, p, a: (n - 1) * s - 2 * p + k, "ignored output_padding"),
        (lambda n, k, s, p, a: (n - 1) * s - 2 * p + k + 2 * a, "ONE side only"),
        (lambda n, k, s, p, a: (n - 1) * s - 2 * p + k - 1 + a, "the last stamp covers k"),
    ],
)
def test_wrong_transposed_sizes_are_named(rule, expected):
    found = transposed_messages(validated_transposed(rule))
    assert len(found) == 1 and expected in found.pop()


def test_missing_transposed_validation_is_reported():
    def unvalidated(n, k, stride=1, padding=0, output_padding=0):
        return (n - 1) * stride - 2 * padding + k + output_padding

    found = transposed_messages(unvalidated)
    assert found and all("should raise ValueError" in message for message in found), found


def test_transposed_asserts_pass_right_and_fail_wrong():
    checks.assert_transposed_conv_output_size_hand(transposed_formula)
    checks.assert_transposed_conv_output_size_random(transposed_by_stamps, seed=11)
    checks.assert_transposed_conv_output_size_errors(transposed_formula, hidden=True)
    no_output_padding = validated_transposed(lambda n, k, s, p, a: (n - 1) * s - 2 * p + k)
    with pytest.raises(AssertionError, match="ignored output_padding"):
        checks.assert_transposed_conv_output_size_hand(no_output_padding)
    with pytest.raises(AssertionError, match="ignored output_padding"):
        checks.assert_transposed_conv_output_size_random(no_output_padding, seed=11)
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_transposed_conv_output_size_errors(lambda n, k, **kwargs: 1)
    with pytest.raises(NotImplementedError):
        checks.assert_transposed_conv_output_size_hand(stub)


def stub(n, k, stride=1, padding=0, output_padding=0):
    raise NotImplementedError()


def test_transposed_hidden_cases_depend_on_the_seed():
    first, second = (checks.transposed_random_cases(seed) for seed in (1, 2))
    assert [c.args + tuple(c.kwargs.values()) for c in first] != [
        c.args + tuple(c.kwargs.values()) for c in second
    ]
    assert [c.kwargs for c in checks.transposed_random_cases(1)] == [c.kwargs for c in first]
    # output_padding really varies, so ignoring it is caught on random cases too
    assert any(c.kwargs["output_padding"] for c in first)


def test_visible_transposed_check_prints_the_cause(capsys):
    checks.check_transposed_conv_output_size(
        validated_transposed(lambda n, k, s, p, a: n * s - 2 * p + k + a)
    )
    printed = capsys.readouterr().out
    assert "multiplied n by the stride" in printed and len(printed.splitlines()) < 10
