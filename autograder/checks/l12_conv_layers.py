"""Checks for lesson 12: ``conv2d_forward``, ``relu`` and ``max_pool2d`` on NHWC batches."""

from __future__ import annotations

import numpy as np
from skimage.measure import block_reduce

from autograder.cases import random_image, rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Raises,
    graded_assertion,
    mistake,
    visible_check,
)
from autograder.reference import l12_conv_layers as ref

# ------------------------------------------------------------------ hand-worked examples

# One 3x3 image with three channels, NHWC: HAND_X[0, :, :, c] is channel c. Three, not two:
# a bias added once per input channel then triples instead of doubling, which no other
# mistake imitates.
HAND_X = np.stack(
    [
        np.array([[1, 2, 0], [0, 1, 3], [2, 0, 1]], dtype=float),
        np.array([[0, 1, 1], [1, 0, 0], [2, 1, 0]], dtype=float),
        np.array([[1, 0, 2], [0, 2, 1], [1, 1, 0]], dtype=float),
    ],
    axis=-1,
)[np.newaxis]
# Two 2x2 filters over those three channels: HAND_W[:, :, ci, co] is the slice that output
# channel co lays on input channel ci.
HAND_W = np.zeros((2, 2, 3, 2))
HAND_W[:, :, 0, 0] = [[1, 0], [0, -1]]
HAND_W[:, :, 1, 0] = [[0, 1], [1, 0]]
HAND_W[:, :, 2, 0] = [[1, 0], [0, 0]]
HAND_W[:, :, 0, 1] = [[1, 1], [1, 1]]
HAND_W[:, :, 1, 1] = [[0, 0], [0, 2]]
HAND_W[:, :, 2, 1] = [[0, -1], [0, 0]]
HAND_B = np.array([1.0, -1.0])
# stride 1, padding 0. Output channel 0 at (0, 0):
#   bias 1 + channel 0: 1*1 + 2*0 + 0*0 + 1*(-1) = 0 + channel 1: 0*0 + 1*1 + 1*1 + 0*0 = 2
#   + channel 2: 1*1 = 1, so 4.
# Output channel 1 at (0, 1): -1 + (2 + 0 + 1 + 3) + 2*0 + (-1)*2 = 3.
HAND_OUT = np.stack([[[4, 1], [3, 4]], [[3, 3], [2, 3]]], axis=-1)[np.newaxis].astype(float)
# stride 2, padding 1: the zero-padded 5x5 input is sampled at rows/cols 0 and 2.
# Channel 0 at (1, 0): 1 + (0*1 + 0*0 + 0*0 + 2*(-1)) + (0*0 + 1*1 + 0*1 + 2*0) + 0*1 = 0;
# channel 0 at (1, 1): 1 + (1 - 1) + (0 + 1) + 2*1 = 4;
# channel 1 at (1, 0): -1 + (0 + 0 + 0 + 2) + 2*2 + (-1)*0 = 5.
HAND_OUT_PADDED = np.stack([[[0, 2], [0, 4]], [[0, 3], [5, 3]]], axis=-1)[np.newaxis].astype(float)

# A 4x5 single-channel map for pooling; channel 1 holds the negated values, so that a
# maximum started at 0 instead of the first value shows.
_POOL_PLANE = np.array(
    [[1, 3, 2, 0, 9], [4, 2, 1, 5, 9], [0, 1, 7, 2, 9], [6, 2, 3, 3, 9]], dtype=float
)
HAND_POOL_X = np.stack([_POOL_PLANE, -_POOL_PLANE], axis=-1)[np.newaxis]
# size 2 (stride 2): channel 0 = [[max(1,3,4,2), max(2,0,1,5)], [max(0,1,6,2), max(7,2,3,3)]];
# the last column (the 9s) has no partner, so floor mode drops it.
# Channel 1 = minus the minima: [[-1, -0], [-0, -2]].
HAND_POOL_2 = np.stack([[[4, 5], [6, 7]], [[-1, 0], [0, -2]]], axis=-1)[np.newaxis].astype(float)
# size 2, stride 1 (overlapping windows), channel 0 only: 3x4 window positions.
HAND_POOL_2_STRIDE_1 = np.array([[4, 3, 5, 9], [4, 7, 7, 9], [6, 7, 7, 9]], dtype=float)
# size 3, stride 2, channel 0: rows 0-2 x cols 0-2 -> 7, rows 0-2 x cols 2-4 -> 9.
HAND_POOL_3_STRIDE_2 = np.array([[7, 9]], dtype=float)

HAND_RELU_X = np.array([[-2.0, -0.5, 0.0], [0.5, 2.0, -3.0]])
HAND_RELU = np.array([[0.0, 0.0, 0.0], [0.5, 2.0, 0.0]])

CONV_SHAPE_RULE = (
    "conv2d_forward returns (N, (H + 2*padding - kh) // stride + 1, "
    "(W + 2*padding - kw) // stride + 1, C_out)"
)
POOL_SHAPE_RULE = "max_pool2d returns (N, (H - size) // stride + 1, (W - size) // stride + 1, C)"

# ------------------------------------------------------------------ wrong conv layers


def _pad(x, top, bottom, left, right, mode="constant"):
    return np.pad(np.asarray(x, dtype=float), ((0, 0), (top, bottom), (left, right), (0, 0)), mode)


def _unsummed(x, w, b, stride=1, padding=0):
    """Each input channel's response kept apart: shape (N, H', W', C_in, C_out)."""
    x, w, b = (np.asarray(a, dtype=float) for a in (x, w, b))
    return np.stack(
        [
            ref.conv2d_forward(x[..., c : c + 1], w[:, :, c : c + 1, :], b, stride, padding)
            for c in range(x.shape[3])
        ],
        axis=3,
    )


def _window_start_not_strided(x, w, b, stride=1, padding=0):
    """Right output size, but window (i, j) starts at (i, j) instead of (i*s, j*s)."""
    if stride == 1:
        return None
    rows, cols = ref.conv2d_forward(x, w, b, stride, padding).shape[1:3]
    return ref.conv2d_forward(x, w, b, 1, padding)[:, :rows, :cols, :]


CONV2D_FORWARD = Exercise(
    name="conv2d_forward",
    shape_rule=CONV_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "you flipped the kernel (true convolution). A conv layer computes "
            "cross-correlation: x[n, i*stride + m, j*stride + k, ci] times w[m, k, ci, co], "
            "with w as it is",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, np.asarray(w)[::-1, ::-1], b, stride, padding
            ),
        ),
        Misconception(
            "the bias is missing: add b[co] once to every value of output channel co",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, w, np.zeros(np.shape(b)), stride, padding
            ),
        ),
        Misconception(
            "you added the bias once per input channel (inside the channel loop); "
            "add it once per output value, after summing over the input channels",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, w, np.shape(x)[3] * np.asarray(b, dtype=float), stride, padding
            ),
        ),
        Misconception(
            "only the last input channel counts: you replaced the sum at each input channel "
            "instead of adding to it (use +=, or sum over the C_in axis)",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                np.asarray(x)[..., -1:], np.asarray(w)[:, :, -1:, :], b, stride, padding
            ),
        ),
        Misconception(
            "you averaged over the input channels; a conv layer sums their contributions",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, np.asarray(w, dtype=float) / np.shape(x)[3], b, stride, padding
            ),
        ),
        Misconception(
            "you did not sum over the input channels: each output value is ONE number, "
            "the sum over kh, kw AND C_in of window times weights",
            _unsummed,
        ),
        Misconception(
            "your output is in NCHW order (N, C_out, H', W'); this course uses NHWC, "
            "channels last: (N, H', W', C_out)",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, w, b, stride, padding
            ).transpose(0, 3, 1, 2),
        ),
        Misconception(
            "you read w as (kh, kw, C_out, C_in); its axes are (kh, kw, C_in, C_out), "
            "so the weight from input channel ci to output channel co is w[:, :, ci, co]",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, np.asarray(w).transpose(0, 1, 3, 2), b, stride, padding
            ),
        ),
        Misconception(
            "you swapped the kernel's height and width (the window is "
            "x[n, i*stride : i*stride + kh, j*stride : j*stride + kw, :])",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                x, np.asarray(w).transpose(1, 0, 2, 3), b, stride, padding
            ),
        ),
        Misconception(
            "you padded only the rows (top and bottom); pad the height AND the width",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                _pad(x, padding, padding, 0, 0), w, b, stride, 0
            ),
        ),
        Misconception(
            "you padded only the columns (left and right); pad the height AND the width",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                _pad(x, 0, 0, padding, padding), w, b, stride, 0
            ),
        ),
        mistake(
            "one-sided padding",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                _pad(x, padding, 0, padding, 0), w, b, stride, 0
            ),
            where="zeros along only the top and the left",
            sides="put `padding` zeros on all four sides",
        ),
        Misconception(
            "you padded with copies of the border pixels; padding here means zeros",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(
                _pad(x, padding, padding, padding, padding, "edge"), w, b, stride, 0
            ),
        ),
        Misconception(
            "you ignored the stride: the window must jump `stride` pixels between outputs",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(x, w, b, 1, padding),
        ),
        Misconception(
            "off by one: the output is one row and one column short; there are "
            "(H + 2*padding - kh) // stride + 1 window positions down, not "
            "(H + 2*padding - kh) // stride",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(x, w, b, stride, padding)[
                :, :-1, :-1, :
            ],
        ),
        mistake("stride not multiplied", _window_start_not_strided, input="padded input"),
        Misconception(
            "off by one in the stride: the window at output (i, j) starts at "
            "(i*stride, j*stride) of the padded input",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(x, w, b, stride + 1, padding),
        ),
        Misconception(
            "off by one in the stride: the window at output (i, j) starts at "
            "(i*stride, j*stride) of the padded input",
            lambda x, w, b, stride=1, padding=0: ref.conv2d_forward(x, w, b, stride - 1, padding),
        ),
    ),
)

# ------------------------------------------------------------------ wrong activations

RELU = Exercise(
    name="relu",
    misconceptions=(
        Misconception(
            "you took the absolute value; ReLU sets negative values to 0 and keeps the rest",
            lambda x: np.abs(np.asarray(x, dtype=float)),
        ),
        Misconception(
            "you returned the mask (x > 0), 0s and 1s; return the values where x > 0 "
            "and 0 elsewhere: np.maximum(x, 0)",
            lambda x: (np.asarray(x) > 0).astype(float),
        ),
        Misconception(
            "you kept the negative values and zeroed the positive ones: use np.maximum, "
            "not np.minimum",
            lambda x: np.minimum(np.asarray(x, dtype=float), 0.0),
        ),
        Misconception(
            "you also capped the values at 1; ReLU has no upper limit",
            lambda x: np.clip(np.asarray(x, dtype=float), 0.0, 1.0),
        ),
    ),
)

# ------------------------------------------------------------------ wrong pooling


def _windows(x, size, stride, axes=(1, 2)):
    view = np.lib.stride_tricks.sliding_window_view(np.asarray(x, float), (size, size), axis=axes)
    index = [slice(None)] * 4
    for axis in axes:
        index[axis] = slice(None, None, stride)
    return view[tuple(index)]


def _ceil_mode(x, size=2, stride=None, fill="edge"):
    """Keep partial windows at the bottom and right, as ceil mode (or block_reduce) does."""
    stride = size if stride is None else stride
    x = np.asarray(x, dtype=float)
    extra = [(-(x.shape[a] - size) % stride) for a in (1, 2)]
    if fill == "edge":
        padded = _pad(x, 0, extra[0], 0, extra[1], "edge")
    else:
        padded = _pad(x, 0, extra[0], 0, extra[1])
    return ref.max_pool2d(padded, size, stride)


def _average(x, size=2, stride=None):
    stride = size if stride is None else stride
    return _windows(x, size, stride).mean(axis=(-2, -1))


def _nchw(x, size=2, stride=None):
    """Pooled over axes 2 and 3, as if x were (N, C, H, W)."""
    stride = size if stride is None else stride
    return _windows(x, size, stride, axes=(2, 3)).max(axis=(-2, -1))


def _block_reduce_padded(x, size=2, stride=None):
    if stride not in (None, size):
        return None
    return block_reduce(np.asarray(x, dtype=float), (1, size, size, 1), np.max)


def _pool_start_not_strided(x, size=2, stride=None):
    """Right output size, but window (i, j) starts at (i, j) instead of (i*s, j*s)."""
    step = size if stride is None else stride
    if step == 1:
        return None
    rows, cols = ref.max_pool2d(x, size, stride).shape[1:3]
    return ref.max_pool2d(x, size, 1)[:, :rows, :cols, :]


CEIL_MODE = (
    "you kept the partial windows at the bottom or right edge (ceil mode); floor mode drops "
    "them, giving (H - size) // stride + 1 rows. (skimage's block_reduce pads a partial "
    "block: crop to whole blocks first)"
)

MAX_POOL2D = Exercise(
    name="max_pool2d",
    shape_rule=POOL_SHAPE_RULE,
    misconceptions=(
        Misconception(
            "stride=None means stride = size (windows side by side, no overlap); "
            "you moved the window one pixel at a time",
            lambda x, size=2, stride=None: ref.max_pool2d(x, size, 1 if stride is None else stride),
        ),
        Misconception(CEIL_MODE, _ceil_mode),
        Misconception(
            CEIL_MODE, lambda x, size=2, stride=None: _ceil_mode(x, size, stride, "zeros")
        ),
        Misconception(CEIL_MODE, _block_reduce_padded),
        Misconception(
            "you averaged each window (average pooling); max pooling keeps the largest value",
            _average,
        ),
        Misconception(
            "you also took the maximum across channels; pooling treats each channel on its "
            "own, so the output keeps all C channels",
            lambda x, size=2, stride=None: ref.max_pool2d(x, size, stride).max(
                axis=3, keepdims=True
            ),
        ),
        Misconception(
            "you also took the maximum across channels; pooling treats each channel on its "
            "own, so the output keeps all C channels",
            lambda x, size=2, stride=None: ref.max_pool2d(x, size, stride).max(axis=3),
        ),
        Misconception(
            "you pooled axes 2 and 3 as if x were NCHW (N, C, H, W); x is NHWC, "
            "so pool over axes 1 (height) and 2 (width)",
            _nchw,
        ),
        Misconception(
            "you started each maximum at 0, so windows of negative values give 0; "
            "start from the window's own values (or -inf)",
            lambda x, size=2, stride=None: np.maximum(ref.max_pool2d(x, size, stride), 0.0),
        ),
        Misconception(
            "your windows are `stride` wide; the window is `size` x `size`, "
            "and `stride` is only the step between windows",
            lambda x, size=2, stride=None: (
                None if stride is None else ref.max_pool2d(x, stride, stride)
            ),
        ),
        mistake("stride not multiplied", _pool_start_not_strided, input="input"),
        Misconception(
            "off by one: the output is one row and one column short; there are "
            "(H - size) // stride + 1 window positions down, not (H - size) // stride",
            lambda x, size=2, stride=None: ref.max_pool2d(x, size, stride)[:, :-1, :-1, :],
        ),
    ),
)

# ------------------------------------------------------------------ cases


def conv2d_forward_hand_cases() -> list[Case]:
    return [
        Case(
            "3x3 image, 3 channels in, 2 out (worked by hand)", (HAND_X, HAND_W, HAND_B), HAND_OUT
        ),
        Case(
            "the same with stride=2, padding=1 (worked by hand)",
            (HAND_X, HAND_W, HAND_B),
            HAND_OUT_PADDED,
            {"stride": 2, "padding": 1},
        ),
    ]


def conv2d_forward_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Random batches: non-square images and kernels, 1-3 channels, stride 1-3, padding 0-2."""
    rng = rng_for(seed, "conv2d_forward")
    cases = []
    for index in range(count):
        while True:
            n = int(rng.integers(1, 3))
            height, width = (int(v) for v in rng.integers(4, 10, size=2))
            kh, kw = (int(v) for v in rng.integers(1, 4, size=2))
            c_in, c_out = (int(v) for v in rng.integers(1, 4, size=2))
            stride, padding = int(rng.integers(1, 4)), int(rng.integers(0, 3))
            if index < 3 and (height == width or kh == kw or c_in < 2 or c_out < 2):
                continue  # the first cases are asymmetric in every way that can hide a bug
            if index == 0:
                stride, padding = 1, 0  # the plain layer of the slide
            if kh <= height + 2 * padding and kw <= width + 2 * padding:
                break
        integer = index % 2 == 0
        x = random_image(rng, (n, height, width, c_in), integer)
        w = random_image(rng, (kh, kw, c_in, c_out), integer)
        b = random_image(rng, (c_out,), integer)
        kwargs = {"stride": stride, "padding": padding}
        cases.append(
            Case(
                f"random case {index + 1} (x {x.shape}, w {w.shape}, stride={stride}, "
                f"padding={padding})",
                (x, w, b),
                ref.conv2d_forward(x, w, b, **kwargs),
                kwargs,
            )
        )
    return cases


def conv2d_forward_bad_cases(all_cases: bool = True) -> list[Case]:
    """Invalid inputs that must raise ValueError."""
    x = np.ones((1, 5, 5, 2))
    w = np.ones((3, 3, 2, 4))
    b = np.zeros(4)
    cases = [
        Case(
            "x without the batch axis, shape (5, 5, 2)",
            (x[0], w, b),
            Raises(ValueError, "x must be 4-D (N, H, W, C_in)"),
        ),
        Case(
            "x with 2 channels, w made for 3",
            (x, np.ones((3, 3, 3, 4)), b),
            Raises(ValueError, "w.shape[2] must equal the number of input channels x.shape[3]"),
        ),
    ]
    if all_cases:
        cases += [
            Case(
                "w of shape (3, 3, 2), no C_out axis",
                (x, np.ones((3, 3, 2)), b),
                Raises(ValueError, "w must be 4-D (kh, kw, C_in, C_out)"),
            ),
            Case(
                "b with 3 values for 4 output channels",
                (x, w, np.zeros(3)),
                Raises(ValueError, "b needs one value per output channel"),
            ),
            Case(
                "7x7 kernel on a 5x5 image, no padding",
                (x, np.ones((7, 7, 2, 4)), b),
                Raises(ValueError, "the kernel is larger than the padded input"),
            ),
            Case(
                "stride=0",
                (x, w, b),
                Raises(ValueError, "stride must be at least 1"),
                {"stride": 0},
            ),
            Case(
                "padding=-1",
                (x, w, b),
                Raises(ValueError, "padding must be at least 0"),
                {"padding": -1},
            ),
        ]
    return cases


def relu_cases(seed: int = 0) -> list[Case]:
    rng = rng_for(seed, "relu")
    batch = rng.normal(size=(2, 5, 4, 3))
    integers = rng.integers(-5, 6, size=(3, 7))
    return [
        Case("2x3 array worked by hand", (HAND_RELU_X,), HAND_RELU),
        Case("random NHWC batch (2, 5, 4, 3)", (batch,), ref.relu(batch)),
        Case("integer array", (integers,), ref.relu(integers)),
        Case("a single negative number", (-1.5,), 0.0),
    ]


def relu_bad_cases() -> list[Case]:
    return [
        Case(
            "an array of strings",
            (np.array(["a", "b"]),),
            Raises(TypeError, "ReLU needs numbers"),
        )
    ]


def max_pool2d_hand_cases() -> list[Case]:
    channel_0 = HAND_POOL_X[..., :1]
    return [
        Case("4x5 map, 2 channels, size 2 (worked by hand)", (HAND_POOL_X,), HAND_POOL_2),
        Case(
            "4x5 map, size 2, stride 1 (worked by hand)",
            (channel_0, 2, 1),
            HAND_POOL_2_STRIDE_1[np.newaxis, :, :, np.newaxis],
        ),
        Case(
            "4x5 map, size 3, stride 2 (worked by hand)",
            (channel_0,),
            HAND_POOL_3_STRIDE_2[np.newaxis, :, :, np.newaxis],
            {"size": 3, "stride": 2},
        ),
    ]


def max_pool2d_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Random batches; sizes that do not divide H or W, strides None, smaller or larger."""
    rng = rng_for(seed, "max_pool2d")
    cases = []
    for index in range(count):
        while True:
            n, c = int(rng.integers(1, 3)), int(rng.integers(1, 4))
            height, width = (int(v) for v in rng.integers(2, 10, size=2))
            size = int(rng.integers(1, 4))
            stride = None if index % 3 == 0 else int(rng.integers(1, 4))
            step = size if stride is None else stride
            ragged = (height - size) % step or (width - size) % step
            if index < 3 and (height == width or c < 2 or not ragged or size < 2):
                continue  # early cases: non-square, several channels, a partial window
            if size <= min(height, width):
                break
        x = random_image(rng, (n, height, width, c), integer=index % 2 == 0)
        kwargs = {"size": size} if stride is None else {"size": size, "stride": stride}
        cases.append(
            Case(
                f"random case {index + 1} (x {x.shape}, size={size}, stride={stride})",
                (x,),
                ref.max_pool2d(x, size, stride),
                kwargs,
            )
        )
    return cases


def max_pool2d_bad_cases(all_cases: bool = True) -> list[Case]:
    x = np.ones((1, 3, 5, 2))
    cases = [
        Case(
            "a 2-D image (3, 5) instead of an NHWC batch",
            (x[0, :, :, 0],),
            Raises(ValueError, "x must be 4-D (N, H, W, C)"),
        ),
        Case(
            "a 4x4 pool on a 3x5 map",
            (x, 4),
            Raises(ValueError, "the pool is larger than the input"),
        ),
    ]
    if all_cases:
        cases += [
            Case("size=0", (x, 0), Raises(ValueError, "size must be at least 1")),
            Case("stride=0", (x, 2, 0), Raises(ValueError, "stride must be at least 1")),
            Case(
                "a 3-D array (3, 5, 2) without the batch axis",
                (x[0],),
                Raises(ValueError, "x must be 4-D (N, H, W, C)"),
            ),
        ]
    return cases


# ------------------------------------------------------------------ visible checks


check_conv2d_forward = visible_check(
    CONV2D_FORWARD,
    lambda: (
        conv2d_forward_hand_cases()
        + conv2d_forward_random_cases(seed=0, count=4)
        + conv2d_forward_bad_cases()
    ),
    doc="Visible check: hand-worked, random and invalid inputs.",
)

check_relu = visible_check(
    RELU,
    lambda: relu_cases() + relu_bad_cases(),
    doc="Visible check: hand-worked and random arrays, and a non-numeric one.",
)


check_max_pool2d = visible_check(
    MAX_POOL2D,
    lambda: (
        max_pool2d_hand_cases() + max_pool2d_random_cases(seed=0, count=4) + max_pool2d_bad_cases()
    ),
    doc="Visible check: hand-worked, random and invalid inputs.",
)

# ------------------------------------------------------------------ graded


assert_conv2d_forward_hand = graded_assertion(
    CONV2D_FORWARD,
    conv2d_forward_hand_cases,
    "hand",
    doc="Graded: the 2-channel example worked out by hand, plain and with stride and padding.",
)

assert_conv2d_forward_random = graded_assertion(
    CONV2D_FORWARD,
    lambda seed: conv2d_forward_random_cases(seed),
    "random",
    doc="Graded: random batches, channels, kernels, strides and paddings against scipy.",
)

assert_conv2d_forward_bad_input = graded_assertion(
    CONV2D_FORWARD,
    lambda all_cases=False: conv2d_forward_bad_cases(all_cases),
    "bad_input",
    doc="Graded: wrong ndim, mismatched channels (and, hidden, the other invalid inputs).",
)

assert_relu_values = graded_assertion(
    RELU,
    lambda seed: relu_cases(seed),
    "values",
    doc="Graded: the hand example, random batches and integers.",
)

assert_relu_bad_input = graded_assertion(
    RELU,
    relu_bad_cases,
    "bad_input",
    doc="Graded: a non-numeric array raises TypeError.",
)

assert_max_pool2d_hand = graded_assertion(
    MAX_POOL2D,
    max_pool2d_hand_cases,
    "hand",
    doc="Graded: the 4x5 example by hand: size 2; size 2 stride 1; size 3 stride 2.",
)

assert_max_pool2d_random = graded_assertion(
    MAX_POOL2D,
    lambda seed: max_pool2d_random_cases(seed),
    "random",
    doc="Graded: random batches against skimage's block_reduce / sliding windows.",
)

assert_max_pool2d_bad_input = graded_assertion(
    MAX_POOL2D,
    lambda all_cases=False: max_pool2d_bad_cases(all_cases),
    "bad_input",
    doc="Graded: wrong ndim, a pool larger than the input (and, hidden, size/stride 0).",
)
