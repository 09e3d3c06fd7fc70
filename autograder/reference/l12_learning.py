"""Lesson 12, sections 7-9: what a conv layer costs, its backward pass, and learning a kernel.

Single-channel, stride 1, no padding, as the lesson teaches them; the layer's output is the
valid cross-correlation ``y = correlate2d(x, k, 'valid')`` (the deep-learning "conv").

- cost: parameters and multiplications of a standard and of a depthwise-separable layer
  (depthwise ``kh x kw`` per input channel without bias, then a 1x1 pointwise layer with one
  bias per output channel, as Keras's ``SeparableConv2D``);
- backward: ``dL/dx = convolve2d(dL/dy, k, 'full')`` (a full cross-correlation with the
  flipped kernel) and ``dL/dk = correlate2d(x, dL/dy, 'valid')``; max pooling sends each
  window's gradient to the position of its maximum;
- learning: one step of gradient descent on the mean squared error
  ``L = sum((y_hat - y)**2) / (2 M)``, ``M`` the number of output values.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.signal

from autograder import validate


def _positive(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable=False) -> tuple[int, int]:
    """``(parameters, multiplications)`` of one conv layer on one image.

    Standard: ``kh kw C_in C_out + C_out`` parameters, ``H' W' kh kw C_in C_out`` products.
    Depthwise-separable: ``kh kw C_in + C_in C_out + C_out`` parameters,
    ``H' W' (kh kw C_in + C_in C_out)`` products.
    """
    kh, kw, c_in, c_out, h_out, w_out = (
        _positive(value, name)
        for value, name in zip(
            (kh, kw, c_in, c_out, h_out, w_out), ("kh", "kw", "c_in", "c_out", "h_out", "w_out")
        )
    )
    if separable:
        return kh * kw * c_in + c_in * c_out + c_out, h_out * w_out * (
            kh * kw * c_in + c_in * c_out
        )
    return kh * kw * c_in * c_out + c_out, h_out * w_out * kh * kw * c_in * c_out


def conv2d_backward_input(kernel, grad_out) -> np.ndarray:
    """dL/dx of ``y = correlate2d(x, kernel, 'valid')``: the full convolution of dL/dy with
    the kernel, i.e. the full cross-correlation with the flipped kernel."""
    kernel = validate.as_array(kernel, "kernel", 2)
    grad_out = validate.as_array(grad_out, "grad_out", 2)
    return scipy.signal.convolve2d(grad_out, kernel, mode="full")


def conv2d_backward_kernel(x, grad_out) -> np.ndarray:
    """dL/dk of ``y = correlate2d(x, k, 'valid')``: ``correlate2d(x, dL/dy, 'valid')``."""
    x = validate.as_array(x, "x", 2)
    grad_out = validate.as_array(grad_out, "grad_out", 2)
    if grad_out.shape[0] > x.shape[0] or grad_out.shape[1] > x.shape[1]:
        raise ValueError(
            f"grad_out of shape {grad_out.shape} cannot come from a valid correlation of x of "
            f"shape {x.shape}: it must not be larger than x"
        )
    return scipy.signal.correlate2d(x, grad_out, mode="valid")


def pooled_shape(shape, size: int) -> tuple[int, int]:
    """Floor mode, windows side by side: ``(H // size, W // size)``."""
    return shape[0] // size, shape[1] // size


def max_pool2d_backward(x, grad_out, size=2) -> np.ndarray:
    """dL/dx of 2-D max pooling (windows ``size`` x ``size`` side by side, floor mode):
    each window's gradient goes to the position of its maximum (the first one, in reading
    order, if several are equal); rows and columns the pool dropped get 0."""
    x = validate.as_array(x, "x", 2)
    grad_out = validate.as_array(grad_out, "grad_out", 2)
    size = _positive(size, "size")
    rows, cols = pooled_shape(x.shape, size)
    if rows < 1 or cols < 1:
        raise ValueError(f"the {size}x{size} pool is larger than x of shape {x.shape}")
    if grad_out.shape != (rows, cols):
        raise ValueError(
            f"grad_out must have the pooled shape {(rows, cols)} (floor(H / size), "
            f"floor(W / size)), got {grad_out.shape}"
        )
    blocks = x[: rows * size, : cols * size].reshape(rows, size, cols, size).swapaxes(1, 2)
    winner = blocks.reshape(rows, cols, size * size).argmax(axis=2)
    grad = np.zeros_like(x)
    r, c = np.divmod(winner, size)
    grad[np.arange(rows)[:, None] * size + r, np.arange(cols)[None, :] * size + c] = grad_out
    return grad


def learning_inputs(kernel, images, targets) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate a kernel (kh, kw), images (N, H, W) and targets (N, H - kh + 1, W - kw + 1)."""
    kernel = validate.as_array(kernel, "kernel", 2)
    images = validate.as_array(images, "images", 3)
    targets = validate.as_array(targets, "targets", 3)
    n, height, width = images.shape
    wanted = (n, height - kernel.shape[0] + 1, width - kernel.shape[1] + 1)
    if min(wanted[1:]) < 1:
        raise ValueError(f"the {kernel.shape} kernel is larger than the {height}x{width} images")
    if targets.shape != wanted:
        raise ValueError(
            f"targets must have shape {wanted} (one valid output per image), got {targets.shape}"
        )
    return kernel, images, targets


def predictions(kernel, images) -> np.ndarray:
    """The layer's outputs: ``correlate2d(image, kernel, 'valid')`` for each image."""
    return np.stack([scipy.signal.correlate2d(image, kernel, mode="valid") for image in images])


def kernel_loss(kernel, images, targets) -> float:
    """Mean squared error over all output values, halved: ``sum((y_hat - y)**2) / (2 M)``."""
    kernel, images, targets = learning_inputs(kernel, images, targets)
    error = predictions(kernel, images) - targets
    return float(np.sum(error**2) / (2 * error.size))


def kernel_gradient_step(kernel, images, targets, lr) -> np.ndarray:
    """One step of gradient descent: ``kernel - lr * dL/dk`` with
    ``dL/dk = sum_n correlate2d(x_n, y_hat_n - y_n, 'valid') / M``."""
    kernel, images, targets = learning_inputs(kernel, images, targets)
    error = predictions(kernel, images) - targets
    grad = sum(
        scipy.signal.correlate2d(image, err, mode="valid") for image, err in zip(images, error)
    )
    return kernel - float(lr) * grad / error.size
