"""Lesson 12: references, and the checks' verdicts on right and wrong layers."""

import numpy as np
import pytest
import scipy.signal
from skimage.measure import block_reduce

from autograder.checks import l12_conv_layers as checks
from autograder.feedback import run_cases, say
from autograder.reference import l12_conv_layers as ref

# ---------------------------------------------------------------- references


def correlate_channels(x, w, b, stride=1, padding=0):
    """Independent route: np.pad, then scipy.signal.correlate2d per channel pair, summed."""
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    out = []
    for n in range(x.shape[0]):
        maps = []
        for co in range(w.shape[3]):
            total = b[co] + sum(
                scipy.signal.correlate2d(x[n, :, :, ci], w[:, :, ci, co], mode="valid")
                for ci in range(x.shape[3])
            )
            maps.append(total[::stride, ::stride])
        out.append(np.stack(maps, axis=-1))
    return np.stack(out)


def test_hand_examples_agree_with_scipy():
    # The numbers in the checks were worked out by hand; scipy must agree with them.
    assert np.array_equal(
        correlate_channels(checks.HAND_X, checks.HAND_W, checks.HAND_B), checks.HAND_OUT
    )
    assert np.array_equal(
        correlate_channels(checks.HAND_X, checks.HAND_W, checks.HAND_B, stride=2, padding=1),
        checks.HAND_OUT_PADDED,
    )
    assert checks.HAND_OUT.shape == (1, 2, 2, 2)


def test_reference_conv_matches_the_hand_examples():
    assert np.array_equal(
        ref.conv2d_forward(checks.HAND_X, checks.HAND_W, checks.HAND_B), checks.HAND_OUT
    )
    assert np.array_equal(
        ref.conv2d_forward(checks.HAND_X, checks.HAND_W, checks.HAND_B, stride=2, padding=1),
        checks.HAND_OUT_PADDED,
    )


def test_reference_conv_on_a_tiny_example_by_hand():
    x = np.arange(1.0, 5.0).reshape(1, 2, 2, 1)  # [[1, 2], [3, 4]]
    w = np.array([[1.0, 0.0], [0.0, 1.0]]).reshape(2, 2, 1, 1)
    assert ref.conv2d_forward(x, w, [0.5]).ravel().tolist() == [5.5]  # 1 + 4 + 0.5
    # padding 1 gives [[0,0,0,0], [0,1,2,0], [0,3,4,0], [0,0,0,0]]; stride 2 takes the windows
    # at (0, 0): [[0, 0], [0, 1]] -> 0 + 1; (0, 2): [[0, 0], [2, 0]] -> 0 + 0;
    # (2, 0): [[0, 3], [0, 0]] -> 0 + 0; (2, 2): [[4, 0], [0, 0]] -> 4 + 0.
    out = ref.conv2d_forward(x, w, [0.0], stride=2, padding=1)
    assert out[0, :, :, 0].tolist() == [[1.0, 0.0], [0.0, 4.0]]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reference_conv_matches_an_einsum_over_windows(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, 9, 7, 3))
    w = rng.normal(size=(3, 2, 3, 4))
    b = rng.normal(size=4)
    padded = np.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 2), axis=(1, 2))[:, ::2, ::2]
    expected = np.einsum("nijcmk,mkco->nijo", windows, w) + b
    np.testing.assert_allclose(ref.conv2d_forward(x, w, b, stride=2, padding=2), expected)


def test_pool_hand_examples_agree_with_block_reduce_and_sliding_windows():
    plane = checks.HAND_POOL_X[0, :, :, 0]
    assert np.array_equal(block_reduce(plane[:, :4], (2, 2), np.max), checks.HAND_POOL_2[0, ..., 0])
    assert np.array_equal(
        block_reduce(-plane[:, :4], (2, 2), np.max), checks.HAND_POOL_2[0, ..., 1]
    )
    windows = np.lib.stride_tricks.sliding_window_view(plane, (2, 2))
    assert np.array_equal(windows.max(axis=(-2, -1)), checks.HAND_POOL_2_STRIDE_1)
    windows = np.lib.stride_tricks.sliding_window_view(plane, (3, 3))[::2, ::2]
    assert np.array_equal(windows.max(axis=(-2, -1)), checks.HAND_POOL_3_STRIDE_2)


def test_reference_pool_matches_the_hand_examples():
    x = checks.HAND_POOL_X
    assert np.array_equal(ref.max_pool2d(x), checks.HAND_POOL_2)
    assert np.array_equal(ref.max_pool2d(x[..., :1], 2, 1)[0, ..., 0], checks.HAND_POOL_2_STRIDE_1)
    assert np.array_equal(ref.max_pool2d(x[..., :1], 3, 2)[0, ..., 0], checks.HAND_POOL_3_STRIDE_2)


def test_reference_pool_paths_agree():
    # stride == size goes through block_reduce, other strides through sliding windows.
    x = np.random.default_rng(5).normal(size=(2, 7, 9, 3))
    windows = np.lib.stride_tricks.sliding_window_view(x, (3, 3), axis=(1, 2))[:, ::3, ::3]
    np.testing.assert_array_equal(ref.max_pool2d(x, 3), windows.max(axis=(-2, -1)))
    assert ref.max_pool2d(x, 2).shape == (2, 3, 4, 3)  # floor mode: 7 -> 3, 9 -> 4
    # stride 2 with size 3 (sliding windows) against a loop over the window positions
    loop = np.array(
        [
            [x[:, 2 * i : 2 * i + 3, 2 * j : 2 * j + 3, :].max(axis=(1, 2)) for j in range(4)]
            for i in range(3)
        ]
    ).transpose(2, 0, 1, 3)
    np.testing.assert_array_equal(ref.max_pool2d(x, 3, 2), loop)


def test_reference_relu():
    np.testing.assert_array_equal(ref.relu(checks.HAND_RELU_X), checks.HAND_RELU)
    assert ref.relu(-2) == 0.0 and ref.relu(3) == 3.0


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.ones((5, 5, 2)), np.ones((3, 3, 2, 4)), np.zeros(4)), {}, ValueError, "x must be 4-D"),
        ((np.ones((1, 5, 5, 2)), np.ones((3, 3, 4)), np.zeros(4)), {}, ValueError, "w must be 4-D"),
        (
            (np.ones((1, 5, 5, 2)), np.ones((3, 3, 3, 4)), np.zeros(4)),
            {},
            ValueError,
            r"x has 2 input channels \(x.shape\[3\]\) but w expects 3",
        ),
        (
            (np.ones((1, 5, 5, 2)), np.ones((3, 3, 2, 4)), np.zeros(3)),
            {},
            ValueError,
            r"one value per output channel, shape \(4,\)",
        ),
        (
            (np.ones((1, 5, 5, 2)), np.ones((7, 7, 2, 4)), np.zeros(4)),
            {},
            ValueError,
            "larger than the padded input",
        ),
        (
            (np.ones((1, 5, 5, 2)), np.ones((3, 3, 2, 4)), np.zeros(4)),
            {"stride": 0},
            ValueError,
            "stride must be at least 1",
        ),
        (
            (np.ones((1, 5, 5, 2)), np.ones((3, 3, 2, 4)), np.zeros(4)),
            {"padding": -1},
            ValueError,
            "padding must be at least 0",
        ),
        (
            (np.ones((1, 5, 5, 2)), np.ones((3, 3, 2, 4)), np.zeros(4)),
            {"padding": 1.5},
            TypeError,
            "padding must be an integer",
        ),
    ],
)
def test_reference_conv_rejects_bad_input_clearly(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        ref.conv2d_forward(*args, **kwargs)


def test_padding_makes_a_large_kernel_fit():
    out = ref.conv2d_forward(np.ones((1, 5, 5, 1)), np.ones((7, 7, 1, 1)), [0.0], padding=1)
    assert out.shape == (1, 1, 1, 1) and out.item() == 25.0


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((np.ones((3, 5)),), ValueError, "x must be 4-D"),
        ((np.ones((1, 3, 5, 2)), 4), ValueError, "4x4 pool is larger than the input's 3x5"),
        ((np.ones((1, 3, 5, 2)), 0), ValueError, "size must be at least 1"),
        ((np.ones((1, 3, 5, 2)), 2, 0), ValueError, "stride must be at least 1"),
        ((np.ones((1, 3, 5, 2)), 2.0), TypeError, "size must be an integer"),
    ],
)
def test_reference_pool_rejects_bad_input_clearly(args, error, message):
    with pytest.raises(error, match=message):
        ref.max_pool2d(*args)


def test_reference_relu_rejects_non_numbers():
    with pytest.raises(TypeError, match="numeric"):
        ref.relu(np.array(["a"]))


# ---------------------------------------------------------------- implementations


def conv_loops(x, w, b, stride=1, padding=0, **bug):
    """A plain loop over positions and channels; `bug` switches on one classic mistake."""
    x, w, b = (np.asarray(a, dtype=float) for a in (x, w, b))
    if bug.get("w_out_in"):
        w = w.transpose(0, 1, 3, 2)
    if bug.get("flip"):
        w = w[::-1, ::-1]
    if bug.get("swap_kernel"):
        w = w.transpose(1, 0, 2, 3)
    top, bottom, left, right = bug.get("pads", (padding,) * 4)
    xp = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), mode=bug.get("pad", "constant"))
    step = bug.get("step", stride)
    kh, kw, c_in, c_out = w.shape
    out_h = (xp.shape[1] - kh) // step + 1 - bug.get("short", 0)
    out_w = (xp.shape[2] - kw) // step + 1 - bug.get("short", 0)
    parts = np.zeros((x.shape[0], out_h, out_w, c_in, c_out))
    for n in range(x.shape[0]):
        for i in range(out_h):
            for j in range(out_w):
                top, left = (i, j) if bug.get("unstrided_start") else (i * step, j * step)
                window = xp[n, top : top + kh, left : left + kw, :]
                for ci in range(c_in):
                    for co in range(c_out):
                        parts[n, i, j, ci, co] = np.sum(window[:, :, ci] * w[:, :, ci, co])
    channels = bug.get("channels", "sum")
    if channels == "sum":
        out = parts.sum(axis=3)
    elif channels == "last":
        out = parts[:, :, :, -1, :]
    elif channels == "mean":
        out = parts.mean(axis=3)
    else:
        out = parts
    bias = {"once": b, "none": 0 * b, "per_input": c_in * b}[bug.get("bias", "once")]
    out = out + bias
    return out.transpose(0, 3, 1, 2) if bug.get("nchw") else out


def conv_taps(x, w, b, stride=1, padding=0):
    """Correct, as in the solution: one matrix product per kernel tap."""
    x, w, b = (np.asarray(a, dtype=float) for a in (x, w, b))
    xp = np.pad(x, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    kh, kw = w.shape[:2]
    out_h = (xp.shape[1] - kh) // stride + 1
    out_w = (xp.shape[2] - kw) // stride + 1
    out = np.zeros((x.shape[0], out_h, out_w, w.shape[3]))
    for m in range(kh):
        for k in range(kw):
            rows = slice(m, m + stride * (out_h - 1) + 1, stride)
            cols = slice(k, k + stride * (out_w - 1) + 1, stride)
            out += xp[:, rows, cols, :] @ w[m, k]
    return out + b


def validated(func):
    """Wrap a layer with the input checks the exercise asks for (using the reference's)."""

    def wrapper(x, w, b, stride=1, padding=0):
        ref.layer_inputs(x, w, b)
        ref.conv2d_forward(x, w, b, stride, padding)  # raises for the other invalid inputs
        return func(x, w, b, stride, padding)

    return wrapper


def messages(func, cases, exercise):
    return {o.message for o in run_cases(func, cases, exercise) if not o.passed}


CONV_CASES = checks.conv2d_forward_hand_cases() + checks.conv2d_forward_random_cases(seed=3)


@pytest.mark.parametrize("func", [conv_loops, conv_taps, correlate_channels, ref.conv2d_forward])
def test_right_layers_pass(func):
    assert messages(func, CONV_CASES, checks.CONV2D_FORWARD) == set()


@pytest.mark.parametrize(
    ("bug", "expected"),
    [
        ({"flip": True}, "you flipped the kernel"),
        ({"bias": "none"}, "the bias is missing"),
        ({"bias": "per_input"}, "once per input channel"),
        ({"channels": "last"}, "only the last input channel counts"),
        ({"channels": "mean"}, "you averaged over the input channels"),
        ({"channels": "keep"}, "you did not sum over the input channels"),
        ({"nchw": True}, "NCHW"),
        ({"w_out_in": True}, "you read w as (kh, kw, C_out, C_in)"),
        ({"swap_kernel": True}, "swapped the kernel's height and width"),
        ({"pad": "edge"}, "copies of the border pixels"),
        ({"step": 1}, "you ignored the stride"),
        ({"short": 1}, "one row and one column short"),
        ({"unstrided_start": True}, "window start not multiplied by the stride"),
    ],
)
def test_wrong_layers_are_named(bug, expected):
    def wrong(x, w, b, stride=1, padding=0):
        return conv_loops(x, w, b, stride, padding, **bug)

    found = messages(wrong, CONV_CASES, checks.CONV2D_FORWARD)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize(
    ("pads", "expected"),
    [
        (lambda p: (p, p, 0, 0), "padded only the rows"),
        (lambda p: (0, 0, p, p), "padded only the columns"),
        (lambda p: (p, 0, p, 0), "only the top and the left"),
    ],
)
def test_one_sided_padding_is_named(pads, expected):
    def wrong(x, w, b, stride=1, padding=0):
        return conv_loops(x, w, b, stride, padding, pads=pads(padding))

    found = messages(wrong, CONV_CASES, checks.CONV2D_FORWARD)
    assert any(expected in message for message in found), found


def test_bias_per_input_channel_is_named_on_the_hand_example_alone():
    """With C_in = 3 the bias counted once per input channel triples; a bias that is merely
    doubled is another mistake and must not get that name (with C_in = 2 it would)."""
    assert checks.HAND_X.shape[3] == 3

    def per_input(x, w, b, stride=1, padding=0):
        return conv_loops(x, w, b, stride, padding, bias="per_input")

    def doubled(x, w, b, stride=1, padding=0):
        return conv_loops(x, w, 2 * np.asarray(b), stride, padding)

    hand = checks.conv2d_forward_hand_cases()
    found = messages(per_input, hand, checks.CONV2D_FORWARD)
    assert found and all("once per input channel" in message for message in found), found
    found = messages(doubled, hand, checks.CONV2D_FORWARD)
    assert found and not any("once per input channel" in message for message in found), found


def test_window_start_not_strided_is_named_on_the_hand_example():
    def wrong(x, w, b, stride=1, padding=0):
        return conv_loops(x, w, b, stride, padding, unstrided_start=True)

    found = messages(wrong, checks.conv2d_forward_hand_cases(), checks.CONV2D_FORWARD)
    assert found == {say("stride not multiplied", input="padded input")}


def test_stride_off_by_one_is_named():
    def wrong(x, w, b, stride=1, padding=0):
        return conv_loops(x, w, b, stride, padding, step=stride + 1)

    found = messages(wrong, CONV_CASES, checks.CONV2D_FORWARD)
    assert any("off by one in the stride" in message for message in found), found


def pool_loops(x, size=2, stride=None, **bug):
    """Plain loops over windows; `bug` switches on one classic mistake."""
    x = np.asarray(x, dtype=float)
    if stride is None:
        stride = 1 if bug.get("default_one") else size
    window = stride if bug.get("window_is_stride") else size
    axes = (2, 3) if bug.get("nchw") else (1, 2)
    view = np.moveaxis(x, axes, (1, 2))
    height, width = view.shape[1:3]
    if bug.get("ceil"):
        out_h = -(-(height - window) // stride) + 1
        out_w = -(-(width - window) // stride) + 1
    else:
        out_h = (height - window) // stride + 1 - bug.get("short", 0)
        out_w = (width - window) // stride + 1 - bug.get("short", 0)
    reduce = np.mean if bug.get("average") else np.max
    out = np.zeros((view.shape[0], out_h, out_w, view.shape[3]))
    for i in range(out_h):
        for j in range(out_w):
            top, left = (i, j) if bug.get("unstrided_start") else (i * stride, j * stride)
            block = view[:, top : top + window, left : left + window, :]
            out[:, i, j, :] = reduce(block, axis=(1, 2))
    if bug.get("from_zero"):
        out = np.maximum(out, 0.0)
    if bug.get("over_channels"):
        out = out.max(axis=3, keepdims=True)
    return np.moveaxis(out, (1, 2), axes)


def pool_running_max(x, size=2, stride=None):
    """Correct, as in the solution: a running maximum of strided slices."""
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    out_h = (x.shape[1] - size) // stride + 1
    out_w = (x.shape[2] - size) // stride + 1
    out = np.full((x.shape[0], out_h, out_w, x.shape[3]), -np.inf)
    for m in range(size):
        for k in range(size):
            rows = slice(m, m + stride * (out_h - 1) + 1, stride)
            cols = slice(k, k + stride * (out_w - 1) + 1, stride)
            out = np.maximum(out, x[:, rows, cols, :])
    return out


POOL_CASES = checks.max_pool2d_hand_cases() + checks.max_pool2d_random_cases(seed=3)


@pytest.mark.parametrize("func", [pool_loops, pool_running_max, ref.max_pool2d])
def test_right_pools_pass(func):
    assert messages(func, POOL_CASES, checks.MAX_POOL2D) == set()


@pytest.mark.parametrize(
    ("bug", "expected"),
    [
        ({"default_one": True}, "you moved the window one pixel at a time"),
        ({"ceil": True}, "ceil mode"),
        ({"average": True}, "average pooling"),
        ({"over_channels": True}, "maximum across channels"),
        ({"nchw": True}, "as if x were NCHW"),
        ({"from_zero": True}, "started each maximum at 0"),
        ({"window_is_stride": True}, "your windows are `stride` wide"),
        ({"short": 1}, "one row and one column short"),
        ({"unstrided_start": True}, "window start not multiplied by the stride"),
    ],
)
def test_wrong_pools_are_named(bug, expected):
    def wrong(x, size=2, stride=None):
        return pool_loops(x, size, stride, **bug)

    found = messages(wrong, POOL_CASES, checks.MAX_POOL2D)
    assert any(expected in message for message in found), found


def test_block_reduce_without_cropping_is_named_ceil_mode():
    def wrong(x, size=2, stride=None):
        return block_reduce(np.asarray(x), (1, size, size, 1), np.max)

    found = messages(wrong, checks.max_pool2d_hand_cases()[:1], checks.MAX_POOL2D)
    assert any("ceil mode" in message for message in found), found


RELU_CASES = checks.relu_cases(seed=3)


@pytest.mark.parametrize(
    "func", [ref.relu, lambda x: np.where(np.asarray(x) > 0, x, 0.0), lambda x: np.clip(x, 0, None)]
)
def test_right_relus_pass(func):
    assert messages(func, RELU_CASES, checks.RELU) == set()


def in_place_relu(x):
    x[x < 0] = 0
    return x


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        (np.abs, "absolute value"),
        (lambda x: np.asarray(x) > 0, "returned the mask"),
        (lambda x: np.minimum(x, 0), "np.minimum"),
        (lambda x: np.clip(x, 0, 1), "capped the values at 1"),
        (in_place_relu, "changed its input"),
    ],
)
def test_wrong_relus_are_named(wrong, expected):
    found = messages(wrong, RELU_CASES, checks.RELU)
    assert any(expected in message for message in found), found


# ---------------------------------------------------------------- graded asserts


def test_conv_asserts_pass_right_and_fail_wrong():
    right = validated(conv_taps)
    checks.assert_conv2d_forward_hand(right)
    checks.assert_conv2d_forward_random(right, seed=11)
    checks.assert_conv2d_forward_bad_input(right, all_cases=True)
    with pytest.raises(AssertionError, match="flipped"):
        checks.assert_conv2d_forward_hand(lambda *a, **k: conv_loops(*a, **k, flip=True))
    with pytest.raises(AssertionError, match="bias"):
        checks.assert_conv2d_forward_random(
            lambda *a, **k: conv_loops(*a, **k, bias="none"), seed=11
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_conv2d_forward_bad_input(lenient_conv)


def lenient_conv(x, w, b, stride=1, padding=0):
    """No input checks, and "helpful": a lone image gets a batch axis, extra channels are cut."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    if x.ndim == 3:
        x = x[np.newaxis]
    channels = min(x.shape[3], w.shape[2])
    return conv_taps(x[..., :channels], w[:, :, :channels, :], b, stride, padding)


def lenient_pool(x, size=2, stride=None):
    """No input checks: a 2-D map gets batch and channel axes, the pool shrinks to fit."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 2:
        x = x[np.newaxis, :, :, np.newaxis]
    size = min(size, *x.shape[1:3])
    return pool_running_max(x, size, stride)


def test_conv_bad_input_hidden_cases_catch_a_partial_validation():
    def partial(x, w, b, stride=1, padding=0):
        ref.layer_inputs(x, w, b)  # checks ndim and channels, but not stride or padding
        return conv_taps(x, w, b, max(stride, 1), max(padding, 0))

    checks.assert_conv2d_forward_bad_input(partial)
    with pytest.raises(AssertionError, match="stride must be at least 1"):
        checks.assert_conv2d_forward_bad_input(partial, all_cases=True)


def test_pool_asserts_pass_right_and_fail_wrong():
    checks.assert_max_pool2d_hand(ref.max_pool2d)
    checks.assert_max_pool2d_random(ref.max_pool2d, seed=11)
    checks.assert_max_pool2d_bad_input(ref.max_pool2d, all_cases=True)
    with pytest.raises(AssertionError, match="ceil mode"):
        checks.assert_max_pool2d_hand(
            lambda x, size=2, stride=None: pool_loops(x, size, stride, ceil=True)
        )
    with pytest.raises(AssertionError, match="one pixel at a time"):
        checks.assert_max_pool2d_random(
            lambda x, size=2, stride=None: pool_loops(x, size, stride, default_one=True), seed=11
        )
    with pytest.raises(AssertionError, match="should raise ValueError"):
        checks.assert_max_pool2d_bad_input(lenient_pool)
    with pytest.raises(AssertionError, match="raised IndexError"):
        checks.assert_max_pool2d_bad_input(pool_running_max)  # fails, but not with ValueError


def test_relu_asserts_pass_right_and_fail_wrong():
    checks.assert_relu_values(ref.relu, seed=11)
    checks.assert_relu_bad_input(ref.relu)
    with pytest.raises(AssertionError, match="absolute value"):
        checks.assert_relu_values(np.abs, seed=11)
    with pytest.raises(AssertionError, match="should raise TypeError"):
        checks.assert_relu_bad_input(lambda x: np.zeros(np.shape(x)))


def test_hidden_cases_depend_on_the_seed():
    def arrays(cases):
        return [case.args[0] for case in cases]

    first = arrays(checks.conv2d_forward_random_cases(seed=1))
    again = arrays(checks.conv2d_forward_random_cases(seed=1))
    other = arrays(checks.conv2d_forward_random_cases(seed=2))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(first, other))
    pools = arrays(checks.max_pool2d_random_cases(seed=1))
    assert not all(
        a.shape == b.shape and np.array_equal(a, b)
        for a, b in zip(pools, arrays(checks.max_pool2d_random_cases(seed=2)))
    )


def test_random_cases_are_asymmetric_where_it_matters():
    for case in checks.conv2d_forward_random_cases(seed=4)[:3]:
        x, w, _ = case.args
        assert x.shape[1] != x.shape[2] and w.shape[0] != w.shape[1]
        assert x.shape[3] >= 2 and w.shape[3] >= 2


def test_visible_checks_print_the_cause(capsys):
    checks.check_conv2d_forward(lambda *a, **k: conv_loops(*a, **k, bias="per_input"))
    printed = capsys.readouterr().out
    assert "once per input channel" in printed
    assert len(printed.splitlines()) < 12  # a short report, not a wall of numbers
    checks.check_max_pool2d(ref.max_pool2d)
    checks.check_relu(ref.relu)
    checks.check_conv2d_forward(ref.conv2d_forward)
    printed = capsys.readouterr().out
    assert printed.count("✓") == 3 and "✗" not in printed


# ---------------------------------------------------------------- the lesson itself


def _lesson(folder="solutions"):
    import nbformat

    from conftest import NOTEBOOKS, SOLUTIONS, lesson_notebook

    root = SOLUTIONS if folder == "solutions" else NOTEBOOKS
    return nbformat.read(lesson_notebook(root, "12-conv-layers"), as_version=4)


def test_feature_map_grids_use_one_scale_per_panel_at_a_readable_size():
    """Issue 15: a shared scale hid the weak maps ("bright area" 0.27 against 4.07)."""
    import ast

    calls = []
    for cell in _lesson().cells:
        if cell.cell_type == "code" and "show_feature_maps(" in cell.source:
            for node in ast.walk(ast.parse(cell.source)):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", "") == "show_feature_maps"
                ):
                    calls.append({k.arg: k.value for k in node.keywords})
    assert len(calls) == 2
    for keywords in calls:
        shared = keywords.get("shared_scale")
        assert shared is None or ast.literal_eval(shared) is False
        assert ast.literal_eval(keywords["size"]) >= 2.5
        assert ast.literal_eval(keywords["ncols"]) <= 4


def test_the_colour_filters_numbers_in_the_text():
    """The worked pixels of section 2: "warm" lights up the wood, "red - 2 green" does not."""
    from course import load_image

    coffee = block_reduce(load_image("color_image.jpg"), (2, 2, 1), np.mean)
    wood, cup = coffee[0, 120], coffee[50, 30]
    np.testing.assert_allclose(wood, [0.76, 0.43, 0.21], atol=0.006)
    np.testing.assert_allclose(cup, [0.65, 0.16, 0.06], atol=0.006)
    warm = lambda p: p[0] - (p[1] + p[2]) / 2  # noqa: E731
    red_only = lambda p: p[0] - 2 * p[1]  # noqa: E731
    assert warm(wood) > 0.4 and warm(cup) > 0.5  # the table lights up almost like the cup
    assert red_only(wood) < 0 < 0.3 < red_only(cup)
    text = "\n".join(c.source for c in _lesson().cells if c.cell_type == "markdown")
    for number in ("0.44", "0.54", "−0.10", "+0.33"):
        assert number in text


def test_the_lesson_says_keras_3_only_warns_about_input_shape():
    text = " ".join(c.source for c in _lesson().cells if c.cell_type == "markdown")
    assert "warns" in text and "input_shape" in text
    assert "needs `keras.Input" not in text and "wants an `Input` layer" not in text
