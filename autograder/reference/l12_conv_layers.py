"""Lesson 12 references: a convolutional layer's forward pass, ReLU and max pooling (NHWC).

"Convolution" here is what deep-learning frameworks call it: cross-correlation (no kernel
flip), summed over the input channels, as in PyTorch and Dumoulin & Visin (arXiv:1603.07285).
Arrays are NHWC: (batch, height, width, channels), the layout of Keras and TensorFlow.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal
from skimage.measure import block_reduce

from autograder import validate


def non_negative_int(value, name: str) -> int:
    """Return ``value`` as an int >= 0, or raise a clear error (used for ``padding``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {value}")
    return int(value)


def layer_inputs(x, w, b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate a batch x (N, H, W, C_in), weights w (kh, kw, C_in, C_out) and a bias (C_out,)."""
    x = validate.as_array(x, "x", 4)
    w = validate.as_array(w, "w", 4)
    b = validate.as_array(b, "b", 1)
    if w.shape[2] != x.shape[3]:
        raise ValueError(
            f"x has {x.shape[3]} input channels (x.shape[3]) but w expects {w.shape[2]} "
            f"(w.shape[2]); x is (N, H, W, C_in) and w is (kh, kw, C_in, C_out)"
        )
    if b.shape[0] != w.shape[3]:
        raise ValueError(
            f"b must hold one value per output channel, shape ({w.shape[3]},), got {b.shape}"
        )
    return x, w, b


def conv2d_forward(x, w, b, stride=1, padding=0) -> np.ndarray:
    """Forward pass of a conv layer: zero padding, then strided cross-correlation + bias.

    out[n, i, j, co] = b[co] + sum over (m, k, ci) of xp[n, i*stride + m, j*stride + k, ci]
    * w[m, k, ci, co], where xp is x with ``padding`` zeros on all four sides. The output is
    (N, (H + 2p - kh) // stride + 1, (W + 2p - kw) // stride + 1, C_out).
    """
    x, w, b = layer_inputs(x, w, b)
    stride = validate.positive_int(stride, "stride")
    padding = non_negative_int(padding, "padding")
    kh, kw, c_in, c_out = w.shape
    padded = np.pad(x, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    if kh > padded.shape[1] or kw > padded.shape[2]:
        raise ValueError(
            f"the {kh}x{kw} kernel is larger than the padded input "
            f"({padded.shape[1]}x{padded.shape[2]}); the output would be empty"
        )
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.empty((x.shape[0], out_h, out_w, c_out))
    for n in range(x.shape[0]):
        for co in range(c_out):
            total = sum(
                scipy.signal.correlate(padded[n, :, :, ci], w[:, :, ci, co], mode="valid")
                for ci in range(c_in)
            )
            out[n, :, :, co] = total[::stride, ::stride] + b[co]
    return out


def relu(x) -> np.ndarray:
    """Rectified linear unit, element by element: max(x, 0), as floats of the same shape."""
    x = validate.as_array(x, "x", np.ndim(x))
    return np.maximum(x, 0.0)


def pool_arguments(x, size, stride) -> tuple[np.ndarray, int, int]:
    """Validate an NHWC batch and the pool's size and stride (stride None means size)."""
    x = validate.as_array(x, "x", 4)
    size = validate.positive_int(size, "size")
    stride = size if stride is None else validate.positive_int(stride, "stride")
    if size > x.shape[1] or size > x.shape[2]:
        raise ValueError(
            f"the {size}x{size} pool is larger than the input's {x.shape[1]}x{x.shape[2]} "
            "height and width; the output would be empty"
        )
    return x, size, stride


def max_pool2d(x, size=2, stride=None) -> np.ndarray:
    """Max pooling over height and width of an NHWC batch, each channel on its own.

    Floor mode: windows that would stick out of the input are dropped, so the output is
    (N, (H - size) // stride + 1, (W - size) // stride + 1, C).
    """
    x, size, stride = pool_arguments(x, size, stride)
    out_h = (x.shape[1] - size) // stride + 1
    out_w = (x.shape[2] - size) // stride + 1
    if stride == size:
        # block_reduce would pad a partial last block (ceil mode): crop to whole blocks first.
        cropped = x[:, : out_h * size, : out_w * size, :]
        return block_reduce(cropped, block_size=(1, size, size, 1), func=np.max)
    windows = np.lib.stride_tricks.sliding_window_view(x, (size, size), axis=(1, 2))
    return windows[:, ::stride, ::stride].max(axis=(-2, -1))
