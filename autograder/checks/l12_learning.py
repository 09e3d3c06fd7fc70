"""Checks for lesson 12, sections 7-9: ``conv2d_cost``, ``conv2d_backward_input``,
``conv2d_backward_kernel``, ``max_pool2d_backward`` and ``kernel_gradient_step``.

Every case is plain data in, plain data out; the references are scipy's ``convolve2d`` and
``correlate2d`` (``autograder.reference.l12_learning``) and examples worked out by hand below.
"""

from __future__ import annotations

import numpy as np
import scipy.signal

from autograder.cases import random_image, rng_for
from autograder.feedback import (
    Case,
    Exercise,
    Misconception,
    Raises,
    graded_assertion,
    visible_check,
)
from autograder.reference import l12_learning as ref

# ------------------------------------------------------------------ worked by hand

# Slide 12's layers. Layer 1: 3x3 kernels, 1 channel in, 16 out, 62x62 outputs:
#   9 * 1 * 16 + 16 = 160 parameters; 62 * 62 * 9 * 16 = 553,536 products.
# Layer 2: 3x3 kernels, 16 in, 32 out, 29x29 outputs:
#   9 * 16 * 32 + 32 = 4,640 parameters; 29 * 29 * 9 * 16 * 32 = 3,875,328 products.
# Layer 2 depthwise-separable: 9 * 16 + 16 * 32 + 32 = 688 parameters;
#   29 * 29 * (9 * 16 + 16 * 32) = 841 * 656 = 551,696 products.
COST_LAYER1 = ((3, 3, 1, 16, 62, 62), (160, 553_536))
COST_LAYER2 = ((3, 3, 16, 32, 29, 29), (4_640, 3_875_328))
COST_LAYER2_SEPARABLE = ((3, 3, 16, 32, 29, 29), (688, 551_696))
# A 1x1 convolution from 64 channels to 16 on 10x12 maps: 64 * 16 + 16 = 1,040 parameters,
# 10 * 12 * 64 * 16 = 122,880 products.
COST_1X1 = ((1, 1, 64, 16, 10, 12), (1_040, 122_880))

# y = correlate2d(x, K, 'valid') with K = [[1, 2], [3, 4]] on a 3x3 x gives a 2x2 y.
HAND_K = np.array([[1.0, 2.0], [3.0, 4.0]])
# dL/dy = 1 at (0, 0) only: y[0, 0] = sum x[m, n] K[m, n], so dL/dx is K in the top-left
# corner (not flipped there: the flip shows in the full convolution's formula, see the lesson).
GRAD_ONE_CORNER = np.array([[1.0, 0.0], [0.0, 0.0]])
BACKWARD_INPUT_CORNER = np.array([[1.0, 2.0, 0.0], [3.0, 4.0, 0.0], [0.0, 0.0, 0.0]])
# dL/dy = 1 everywhere: x[1, 1] feeds all four outputs, through K[1, 1], K[1, 0], K[0, 1] and
# K[0, 0]: 4 + 3 + 2 + 1 = 10; x[0, 1] feeds y[0, 0] through K[0, 1] = 2 and y[0, 1] through
# K[0, 0] = 1: 3; x[0, 2] feeds only y[0, 1], through K[0, 1] = 2.
GRAD_ONES = np.ones((2, 2))
BACKWARD_INPUT_ONES = np.array([[1.0, 3.0, 2.0], [4.0, 10.0, 6.0], [3.0, 7.0, 4.0]])
# dL/dy = 2 at (0, 1) and -1 at (1, 0): dL/dx = 2 K shifted one column right minus K shifted
# one row down: x[1, 1] gets 2 K[1, 0] - K[0, 1] = 6 - 2 = 4.
GRAD_MIXED = np.array([[0.0, 2.0], [-1.0, 0.0]])
BACKWARD_INPUT_MIXED = np.array([[0.0, 2.0, 4.0], [-1.0, 4.0, 8.0], [-3.0, -4.0, 0.0]])

# dL/dK of the same layer on x = 1..9 in three rows: K[m, n] meets x[i + m, j + n] at y[i, j].
BACKWARD_X = np.arange(1.0, 10.0).reshape(3, 3)
# dL/dy = 1 at (0, 0): dL/dK = x[0:2, 0:2]; dL/dy = 1 at (1, 1): dL/dK = x[1:3, 1:3].
BACKWARD_KERNEL_CORNER = np.array([[1.0, 2.0], [4.0, 5.0]])
GRAD_OTHER_CORNER = np.array([[0.0, 0.0], [0.0, 1.0]])
BACKWARD_KERNEL_OTHER_CORNER = np.array([[5.0, 6.0], [8.0, 9.0]])
# dL/dy = GRAD_MIXED: dL/dK = 2 x[0:2, 1:3] - x[1:3, 0:2] = 2 [[2, 3], [5, 6]] - [[4, 5], [7, 8]].
BACKWARD_KERNEL_MIXED = np.array([[0.0, 1.0], [3.0, 4.0]])

# Max pooling 2x2 of the 4x5 map of section 5: the maxima 4, 5, 6, 7 sit at (1, 0), (1, 3),
# (3, 0) and (2, 2); the last column (the 9s) is dropped by floor mode and gets no gradient.
POOL_X = np.array([[1, 3, 2, 0, 9], [4, 2, 1, 5, 9], [0, 1, 7, 2, 9], [6, 2, 3, 3, 9]], dtype=float)
POOL_GRAD = np.array([[1.0, 2.0], [3.0, 4.0]])
POOL_BACKWARD = np.zeros((4, 5))
POOL_BACKWARD[1, 0], POOL_BACKWARD[1, 3], POOL_BACKWARD[3, 0], POOL_BACKWARD[2, 2] = 1, 2, 3, 4
# Size 3 on a 6x7 map: windows at rows/columns 0-2 and 3-5; the 7th column is dropped.
POOL3_X = np.array(
    [
        [0, 1, 2, 5, 1, 0, 9],
        [3, 8, 1, 0, 2, 4, 9],
        [2, 0, 4, 1, 6, 3, 9],
        [1, 0, 2, 7, 0, 1, 9],
        [9, 3, 1, 2, 8, 0, 9],
        [0, 2, 5, 3, 1, 4, 9],
    ],
    dtype=float,
)
POOL3_GRAD = np.array([[1.0, -1.0], [2.0, 0.5]])
POOL3_BACKWARD = np.zeros((6, 7))
# maxima: 8 at (1, 1), 6 at (2, 4), 9 at (4, 0), 8 at (4, 4)
POOL3_BACKWARD[1, 1], POOL3_BACKWARD[2, 4], POOL3_BACKWARD[4, 0], POOL3_BACKWARD[4, 4] = (
    1.0,
    -1.0,
    2.0,
    0.5,
)

# One image x = [[1, 2], [3, 4]], a 1x1 kernel [[0]], target 2x: y_hat = 0, error = -target,
# M = 4 outputs; dL/dk = (1*(-2) + 2*(-4) + 3*(-6) + 4*(-8)) / 4 = -60 / 4 = -15;
# with lr = 0.1 the new kernel is 0 - 0.1 * (-15) = 1.5.
STEP_IMAGES = np.array([[[1.0, 2.0], [3.0, 4.0]]])
STEP_TARGETS = 2 * STEP_IMAGES
STEP_KERNEL = np.zeros((1, 1))
STEP_NEW_KERNEL = np.array([[1.5]])
# Two 3x3 images, a 2x2 kernel of zeros, targets made by the hidden kernel [[1, 2], [0, -1]]:
# t1 = [[4, -1], [2, 6]], t2 = [[2, 3], [0, 0]]; lr 0.5, M = 8 outputs. With k = 0 the error is
# -t, so dL/dk[0, 0] = -(sum over both images of x[i, j] t[i, j]) / 8
# = -((1*4 + 2*(-1) + 0*2 + 1*6) + (0*2 + 1*3 + 1*0 + 0*0)) / 8 = -11 / 8, and the new
# k[0, 0] = 0 - 0.5 * (-11 / 8) = 0.6875.
STEP2_IMAGES = np.array(
    [
        [[1.0, 2.0, 0.0], [0.0, 1.0, 3.0], [2.0, 0.0, 1.0]],
        [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0], [2.0, 1.0, 0.0]],
    ]
)
STEP2_TARGETS = np.array([[[4.0, -1.0], [2.0, 6.0]], [[2.0, 3.0], [0.0, 0.0]]])
STEP2_NEW_00 = 0.6875

# ------------------------------------------------------------------ misconceptions

COST = Exercise(
    name="conv2d_cost",
    misconceptions=(
        Misconception(
            "the biases are missing: a layer has one bias per output channel, C_out of them",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable)[0] - c_out,
                ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable)[1],
            ),
        ),
        Misconception(
            "you counted one bias per input channel; there is one per OUTPUT channel (C_out)",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable)[0] - c_out + c_in,
                ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable)[1],
            ),
        ),
        Misconception(
            "the multiplications are those of ONE output position: every one of the "
            "H' x W' positions repeats them (weight sharing saves parameters, not work)",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable)[0],
                ref.conv2d_cost(kh, kw, c_in, c_out, 1, 1, separable)[1],
            ),
        ),
        Misconception(
            "you left out the input channels: each kernel is kh x kw x C_in (it reads every "
            "input channel), so a standard layer has kh kw C_in C_out weights",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                None if separable else ref.conv2d_cost(kh, kw, 1, c_out, h_out, w_out)
            ),
        ),
        Misconception(
            "depthwise-separable: the depthwise step has ONE kh x kw kernel per input channel "
            "(kh kw C_in weights), not one per output channel",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                (
                    kh * kw * c_out + c_in * c_out + c_out,
                    h_out * w_out * (kh * kw * c_out + c_in * c_out),
                )
                if separable
                else None
            ),
        ),
        Misconception(
            "depthwise-separable: you left out the 1x1 pointwise step (C_in C_out weights, "
            "H' W' C_in C_out products) that mixes the channels",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                (kh * kw * c_in + c_out, h_out * w_out * kh * kw * c_in) if separable else None
            ),
        ),
        Misconception(
            "depthwise-separable: this course counts the layer as Keras's SeparableConv2D, "
            "with no bias in the depthwise step, only C_out biases after the pointwise step",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                (
                    ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, True)[0] + c_in,
                    ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, True)[1],
                )
                if separable
                else None
            ),
        ),
        Misconception(
            "separable=True must count the depthwise-separable layer; you returned the "
            "standard layer's cost",
            lambda kh, kw, c_in, c_out, h_out, w_out, separable=False: (
                ref.conv2d_cost(kh, kw, c_in, c_out, h_out, w_out) if separable else None
            ),
        ),
        Misconception(
            "you returned (multiplications, parameters); the order is (parameters, "
            "multiplications)",
            lambda *args, **kwargs: ref.conv2d_cost(*args, **kwargs)[::-1],
        ),
    ),
)

FLIP = (
    "you did not flip the kernel: dL/dx is the FULL CONVOLUTION of dL/dy with the kernel "
    "(scipy.signal.convolve2d(grad_out, kernel, 'full')), i.e. a full cross-correlation "
    "with the kernel turned by 180 degrees, because x[i + m, j + n] meets K[m, n] at y[i, j]"
)

BACKWARD_INPUT = Exercise(
    name="conv2d_backward_input",
    shape_rule="dL/dx has the shape of x: (H' + kh - 1, W' + kw - 1), a 'full' output",
    misconceptions=(
        Misconception(
            FLIP, lambda kernel, grad_out: scipy.signal.correlate2d(grad_out, kernel, "full")
        ),
        Misconception(
            "you turned the kernel by 90 degrees (np.rot90) or transposed it; the flip is "
            "by 180 degrees, both axes reversed: kernel[::-1, ::-1]",
            lambda kernel, grad_out: scipy.signal.correlate2d(
                grad_out, np.rot90(np.asarray(kernel, float)), "full"
            ),
        ),
        Misconception(
            "you turned the kernel by 90 degrees (np.rot90) or transposed it; the flip is "
            "by 180 degrees, both axes reversed: kernel[::-1, ::-1]",
            lambda kernel, grad_out: scipy.signal.convolve2d(
                grad_out, np.asarray(kernel, float).T, "full"
            ),
        ),
        Misconception(
            "dL/dx must have the shape of x, (H' + kh - 1, W' + kw - 1): use mode 'full', "
            "so that every input pixel gets its gradient, the border ones too",
            lambda kernel, grad_out: scipy.signal.convolve2d(grad_out, kernel, "same"),
        ),
    ),
)

BACKWARD_KERNEL = Exercise(
    name="conv2d_backward_kernel",
    shape_rule="dL/dK has the shape of the kernel: (H - H' + 1, W - W' + 1)",
    misconceptions=(
        Misconception(
            "you flipped grad_out (convolution): dL/dK[m, n] = sum over i, j of "
            "x[i + m, j + n] * dL/dy[i, j], a valid CROSS-correlation of x with dL/dy",
            lambda x, grad_out: scipy.signal.convolve2d(x, grad_out, "valid"),
        ),
        Misconception(
            "your dL/dK is turned by 180 degrees: entry [m, n] belongs to the kernel's tap "
            "(m, n), which meets x[i + m, j + n]",
            lambda x, grad_out: scipy.signal.correlate2d(x, grad_out, "valid")[::-1, ::-1],
        ),
        Misconception(
            "you took the mean over the output positions; the gradient is their SUM",
            lambda x, grad_out: (
                scipy.signal.correlate2d(x, grad_out, "valid") / np.asarray(grad_out).size
            ),
        ),
    ),
)


def _spread_evenly(x, grad_out, size=2):
    """Average pooling's backward pass: each window's gradient shared by its size**2 pixels."""
    x, grad_out = np.asarray(x, float), np.asarray(grad_out, float)
    grad = np.zeros_like(x)
    rows, cols = grad_out.shape
    grad[: rows * size, : cols * size] = np.kron(grad_out, np.ones((size, size))) / size**2
    return grad


def _copied(x, grad_out, size=2):
    grad = _spread_evenly(x, grad_out, size)
    return grad * size**2


def _to_minimum(x, grad_out, size=2):
    return ref.max_pool2d_backward(-np.asarray(x, float), grad_out, size)


def _mask_only(x, grad_out, size=2):
    return (ref.max_pool2d_backward(x, np.ones(np.shape(grad_out)), size) != 0).astype(float)


def _value_not_gradient(x, grad_out, size=2):
    return ref.max_pool2d_backward(x, grad_out, size) * np.asarray(x, float)


BACKWARD_POOL = Exercise(
    name="max_pool2d_backward",
    shape_rule="dL/dx has the shape of x; rows and columns the pool dropped get 0",
    misconceptions=(
        Misconception(
            "you shared each window's gradient among all its pixels (that is average "
            "pooling's backward pass); max pooling sends it all to the window's maximum, "
            "the only pixel that changed the output",
            _spread_evenly,
        ),
        Misconception(
            "you copied each window's gradient to every pixel of the window; only the "
            "maximum gets it, the other pixels get 0",
            _copied,
        ),
        Misconception(
            "you sent the gradient to each window's minimum; max pooling passes it to the "
            "maximum (argmax)",
            _to_minimum,
        ),
        Misconception(
            "you returned where the maxima are (1s and 0s); multiply by the window's "
            "gradient, grad_out[i, j]",
            _mask_only,
        ),
        Misconception(
            "you multiplied by x's values; the maximum's gradient is grad_out[i, j] itself "
            "(d max / d x_max = 1)",
            _value_not_gradient,
        ),
    ),
)


def _errors(kernel, images, targets):
    kernel, images, targets = ref.learning_inputs(kernel, images, targets)
    return kernel, images, ref.predictions(kernel, images) - targets


def _gradient_sum(kernel, images, targets, flip=False):
    kernel, images, error = _errors(kernel, images, targets)
    correlate = scipy.signal.convolve2d if flip else scipy.signal.correlate2d
    return sum(correlate(image, err, mode="valid") for image, err in zip(images, error))


STEP = Exercise(
    name="kernel_gradient_step",
    misconceptions=(
        Misconception(
            "you stepped uphill: gradient DESCENT subtracts, kernel - lr * dL/dK "
            "(or your error is y - y_hat instead of y_hat - y)",
            lambda kernel, images, targets, lr: (
                np.asarray(kernel, float)
                + lr * _gradient_sum(kernel, images, targets) / np.size(targets)
            ),
        ),
        Misconception(
            "you summed the gradient over all outputs without dividing by M, the number of "
            "output values (N images x H' x W'): L is a MEAN squared error",
            lambda kernel, images, targets, lr: (
                np.asarray(kernel, float) - lr * _gradient_sum(kernel, images, targets)
            ),
        ),
        Misconception(
            "you divided by the number of images only; M counts every output value, N x H' x W'",
            lambda kernel, images, targets, lr: (
                np.asarray(kernel, float)
                - lr * _gradient_sum(kernel, images, targets) / len(targets)
            ),
        ),
        Misconception(
            "you convolved (flipped the error); dL/dK is the valid CROSS-correlation of each "
            "image with its error, as in conv2d_backward_kernel",
            lambda kernel, images, targets, lr: (
                np.asarray(kernel, float)
                - lr * _gradient_sum(kernel, images, targets, flip=True) / np.size(targets)
            ),
        ),
        Misconception(
            "you returned the gradient (times lr); return the NEW kernel, kernel - lr * dL/dK",
            lambda kernel, images, targets, lr: (
                lr * _gradient_sum(kernel, images, targets) / np.size(targets)
            ),
        ),
        Misconception(
            "you returned the gradient; return the NEW kernel, kernel - lr * dL/dK",
            lambda kernel, images, targets, lr: (
                _gradient_sum(kernel, images, targets) / np.size(targets)
            ),
        ),
    ),
)

# ------------------------------------------------------------------ cases


def cost_hand_cases() -> list[Case]:
    return [
        Case("slide 12's layer 1 (worked by hand)", COST_LAYER1[0], COST_LAYER1[1]),
        Case("slide 12's layer 2 (worked by hand)", COST_LAYER2[0], COST_LAYER2[1]),
        Case(
            "slide 12's layer 2, depthwise-separable (worked by hand)",
            COST_LAYER2_SEPARABLE[0],
            COST_LAYER2_SEPARABLE[1],
            {"separable": True},
        ),
        Case("a 1x1 convolution, 64 -> 16 channels (worked by hand)", COST_1X1[0], COST_1X1[1]),
    ]


def cost_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "conv2d_cost")
    cases = []
    for index in range(count):
        kh, kw = (int(v) for v in rng.integers(1, 8, size=2))
        c_in, c_out = (int(v) for v in rng.integers(2, 129, size=2))
        h_out, w_out = (int(v) for v in rng.integers(1, 65, size=2))
        separable = bool(index % 2)
        args = (kh, kw, c_in, c_out, h_out, w_out)
        cases.append(
            Case(
                f"random case {index + 1} ({'separable' if separable else 'standard'} layer)",
                args,
                ref.conv2d_cost(*args, separable=separable),
                {"separable": separable},
            )
        )
    return cases


def cost_bad_cases() -> list[Case]:
    return [
        Case("kh = 0", (0, 3, 1, 16, 62, 62), Raises(ValueError, "a kernel has at least 1 row")),
        Case(
            "c_out = -4", (3, 3, 1, -4, 62, 62), Raises(ValueError, "a layer has at least 1 filter")
        ),
    ]


def backward_input_hand_cases() -> list[Case]:
    return [
        Case(
            "dL/dy = 1 at (0, 0) only (worked by hand)",
            (HAND_K, GRAD_ONE_CORNER),
            BACKWARD_INPUT_CORNER,
        ),
        Case("dL/dy = 1 everywhere (worked by hand)", (HAND_K, GRAD_ONES), BACKWARD_INPUT_ONES),
        Case("dL/dy = 2 and -1 (worked by hand)", (HAND_K, GRAD_MIXED), BACKWARD_INPUT_MIXED),
    ]


def _backward_shapes(rng):
    while True:
        kh, kw = (int(v) for v in rng.integers(1, 5, size=2))
        h_out, w_out = (int(v) for v in rng.integers(2, 8, size=2))
        if kh != kw and h_out != w_out:
            return kh, kw, h_out, w_out


def backward_input_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "conv2d_backward_input")
    cases = []
    for index in range(count):
        kh, kw, h_out, w_out = _backward_shapes(rng)
        kernel = random_image(rng, (kh, kw), index % 2 == 0)
        grad = random_image(rng, (h_out, w_out), index % 2 == 0)
        cases.append(
            Case(
                f"random case {index + 1} ({kh}x{kw} kernel, {h_out}x{w_out} dL/dy)",
                (kernel, grad),
                ref.conv2d_backward_input(kernel, grad),
            )
        )
    return cases


def backward_input_bad_cases() -> list[Case]:
    return [
        Case(
            "a 1-D kernel",
            (np.ones(3), np.ones((2, 2))),
            Raises(ValueError, "the kernel must be 2-D"),
        )
    ]


def backward_kernel_hand_cases() -> list[Case]:
    return [
        Case(
            "dL/dy = 1 at (0, 0) only (worked by hand)",
            (BACKWARD_X, GRAD_ONE_CORNER),
            BACKWARD_KERNEL_CORNER,
        ),
        Case(
            "dL/dy = 1 at (1, 1) only (worked by hand)",
            (BACKWARD_X, GRAD_OTHER_CORNER),
            BACKWARD_KERNEL_OTHER_CORNER,
        ),
        Case("dL/dy = 2 and -1 (worked by hand)", (BACKWARD_X, GRAD_MIXED), BACKWARD_KERNEL_MIXED),
    ]


def backward_kernel_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "conv2d_backward_kernel")
    cases = []
    for index in range(count):
        kh, kw, h_out, w_out = _backward_shapes(rng)
        x = random_image(rng, (h_out + kh - 1, w_out + kw - 1), index % 2 == 0)
        grad = random_image(rng, (h_out, w_out), index % 2 == 0)
        cases.append(
            Case(
                f"random case {index + 1} (x {x.shape}, {h_out}x{w_out} dL/dy)",
                (x, grad),
                ref.conv2d_backward_kernel(x, grad),
            )
        )
    return cases


def backward_kernel_bad_cases() -> list[Case]:
    return [
        Case(
            "dL/dy larger than x",
            (np.ones((3, 3)), np.ones((4, 2))),
            Raises(ValueError, "dL/dy cannot be larger than x"),
        )
    ]


def pool_hand_cases() -> list[Case]:
    return [
        Case("4x5 map, size 2 (worked by hand)", (POOL_X, POOL_GRAD), POOL_BACKWARD),
        Case(
            "6x7 map, size 3 (worked by hand)",
            (POOL3_X, POOL3_GRAD),
            POOL3_BACKWARD,
            {"size": 3},
        ),
    ]


def pool_random_cases(seed: int, count: int = 6) -> list[Case]:
    """Random continuous maps (no ties), sizes 2-3, heights and widths the size may not divide."""
    rng = rng_for(seed, "max_pool2d_backward")
    cases = []
    for index in range(count):
        size = int(rng.integers(2, 4))
        while True:
            height, width = (int(v) for v in rng.integers(size, 4 * size + 2, size=2))
            if height != width and (index > 1 or height % size or width % size):
                break
        x = rng.normal(size=(height, width))
        grad = random_image(rng, ref.pooled_shape(x.shape, size), index % 2 == 0)
        cases.append(
            Case(
                f"random case {index + 1} ({height}x{width} map, size {size})",
                (x, grad),
                ref.max_pool2d_backward(x, grad, size),
                {"size": size},
            )
        )
    return cases


def pool_bad_cases() -> list[Case]:
    return [
        Case(
            "dL/dy of shape (3, 3) for a 4x5 map pooled 2x2 (it must be (2, 2))",
            (POOL_X, np.ones((3, 3))),
            Raises(ValueError, "grad_out must have the pooled shape"),
        )
    ]


def step_hand_cases() -> list[Case]:
    return [
        Case(
            "a 1x1 kernel learning the factor 2, lr 0.1 (worked by hand)",
            (STEP_KERNEL, STEP_IMAGES, STEP_TARGETS, 0.1),
            STEP_NEW_KERNEL,
        ),
        Case(
            "a 2x2 kernel, two 3x3 images, lr 0.5 (k[0, 0] worked by hand)",
            (np.zeros((2, 2)), STEP2_IMAGES, STEP2_TARGETS, 0.5),
            ref.kernel_gradient_step(np.zeros((2, 2)), STEP2_IMAGES, STEP2_TARGETS, 0.5),
        ),
    ]


def step_random_cases(seed: int, count: int = 6) -> list[Case]:
    rng = rng_for(seed, "kernel_gradient_step")
    cases = []
    for index in range(count):
        n = int(rng.integers(1, 4)) if index else 2
        while True:
            kh, kw = (int(v) for v in rng.integers(1, 4, size=2))
            height, width = (int(v) for v in rng.integers(4, 9, size=2))
            if kh != kw and height != width:
                break
        images = rng.uniform(-1, 1, size=(n, height, width))
        targets = rng.uniform(-1, 1, size=(n, height - kh + 1, width - kw + 1))
        kernel = rng.normal(size=(kh, kw))
        lr = float(rng.choice([0.05, 0.1, 0.3]))
        cases.append(
            Case(
                f"random case {index + 1} ({n} images of {height}x{width}, {kh}x{kw} kernel, "
                f"lr {lr})",
                (kernel, images, targets, lr),
                ref.kernel_gradient_step(kernel, images, targets, lr),
            )
        )
    return cases


def step_bad_cases() -> list[Case]:
    return [
        Case(
            "targets of the images' size instead of the valid output's",
            (np.zeros((2, 2)), STEP2_IMAGES, np.zeros((2, 3, 3)), 0.1),
            Raises(ValueError, "targets must have the shape of the valid outputs"),
        )
    ]


# ------------------------------------------------------------------ visible checks


check_conv2d_cost = visible_check(
    COST,
    lambda: cost_hand_cases() + cost_random_cases(0, 4) + cost_bad_cases(),
    doc="Visible check: slide 12's layers by hand, random layers, impossible sizes.",
)


check_conv2d_backward_input = visible_check(
    BACKWARD_INPUT,
    lambda: (
        backward_input_hand_cases() + backward_input_random_cases(0, 4) + backward_input_bad_cases()
    ),
    doc="Visible check: hand-worked gradients, random ones against scipy, a 1-D kernel.",
)


check_conv2d_backward_kernel = visible_check(
    BACKWARD_KERNEL,
    lambda: (
        backward_kernel_hand_cases()
        + backward_kernel_random_cases(0, 4)
        + backward_kernel_bad_cases()
    ),
    doc="Visible check: hand-worked gradients, random ones against scipy, a dL/dy too large.",
)

check_max_pool2d_backward = visible_check(
    BACKWARD_POOL,
    lambda: pool_hand_cases() + pool_random_cases(0, 4) + pool_bad_cases(),
    doc="Visible check: hand-worked maps, random maps, a dL/dy of the wrong shape.",
)

check_kernel_gradient_step = visible_check(
    STEP,
    lambda: step_hand_cases() + step_random_cases(0, 4) + step_bad_cases(),
    doc="Visible check: the 1x1 kernel by hand, random steps against scipy, bad targets.",
)


# ------------------------------------------------------------------ graded


assert_conv2d_cost_hand = graded_assertion(
    COST,
    cost_hand_cases,
    "hand",
    doc="Graded: slide 12's layers, separable and 1x1, worked by hand.",
)

assert_conv2d_cost_random = graded_assertion(
    COST,
    lambda seed: cost_random_cases(seed) + cost_bad_cases(),
    "random",
    doc="Graded: random standard and separable layers, and sizes below 1 refused.",
)

assert_conv2d_backward_input_hand = graded_assertion(
    BACKWARD_INPUT,
    backward_input_hand_cases,
    "hand",
    doc="Graded: the three gradients worked out by hand.",
)

assert_conv2d_backward_input_random = graded_assertion(
    BACKWARD_INPUT,
    lambda seed: backward_input_random_cases(seed) + backward_input_bad_cases(),
    "random",
    doc="Graded: random kernels and gradients against scipy's full convolution.",
)

assert_conv2d_backward_kernel_hand = graded_assertion(
    BACKWARD_KERNEL,
    backward_kernel_hand_cases,
    "hand",
    doc="Graded: the three gradients worked out by hand.",
)

assert_conv2d_backward_kernel_random = graded_assertion(
    BACKWARD_KERNEL,
    lambda seed: backward_kernel_random_cases(seed) + backward_kernel_bad_cases(),
    "random",
    doc="Graded: random inputs and gradients against scipy's valid cross-correlation.",
)

assert_max_pool2d_backward_hand = graded_assertion(
    BACKWARD_POOL,
    pool_hand_cases,
    "hand",
    doc="Graded: the two maps worked out by hand.",
)

assert_max_pool2d_backward_random = graded_assertion(
    BACKWARD_POOL,
    lambda seed: pool_random_cases(seed) + pool_bad_cases(),
    "random",
    doc="Graded: random maps and sizes, and a dL/dy of the wrong shape refused.",
)

assert_kernel_gradient_step_hand = graded_assertion(
    STEP,
    step_hand_cases,
    "hand",
    doc="Graded: the steps worked out by hand.",
)

assert_kernel_gradient_step_random = graded_assertion(
    STEP,
    lambda seed: step_random_cases(seed) + step_bad_cases(),
    "random",
    doc="Graded: random images, targets, kernels and rates, and targets of the wrong shape.",
)
