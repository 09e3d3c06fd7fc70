"""A lesson-12 submission that adds the bias inside the input-channel loop and pools in ceil
mode; its relu is correct. Of the later sections: it counts a bias in the depthwise step,
forgets to flip the kernel in dL/dx, shares a max pool's gradient like an average pool and
sums the kernel's gradient without dividing by M; its dL/dK is correct."""

CELLS = {
    "conv2d_forward": """
def conv2d_forward(x, w, b, stride=1, padding=0):
    x, w, b = np.asarray(x, dtype=float), np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    if x.ndim != 4 or w.ndim != 4 or x.shape[3] != w.shape[2] or b.shape != (w.shape[3],):
        raise ValueError("x must be (N, H, W, C_in), w (kh, kw, C_in, C_out), b (C_out,)")
    if stride < 1 or padding < 0:
        raise ValueError("stride must be >= 1 and padding >= 0")
    padded = np.pad(x, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    kh, kw, c_in, c_out = w.shape
    if kh > padded.shape[1] or kw > padded.shape[2]:
        raise ValueError("the kernel is larger than the padded input")
    out_h = (padded.shape[1] - kh) // stride + 1
    out_w = (padded.shape[2] - kw) // stride + 1
    out = np.zeros((x.shape[0], out_h, out_w, c_out))
    for n in range(x.shape[0]):
        for i in range(out_h):
            for j in range(out_w):
                for co in range(c_out):
                    for ci in range(c_in):
                        top, left = i * stride, j * stride
                        window = padded[n, top:top + kh, left:left + kw, ci]
                        out[n, i, j, co] += np.sum(window * w[:, :, ci, co]) + b[co]  # the mistake
    return out
""",
    "max_pool2d": """
def max_pool2d(x, size=2, stride=None):
    x = np.asarray(x, dtype=float)
    if x.ndim != 4:
        raise ValueError("x must be 4-D (N, H, W, C)")
    stride = size if stride is None else stride
    if size < 1 or stride < 1 or size > x.shape[1] or size > x.shape[2]:
        raise ValueError("bad pool size or stride")
    out_h = -(-(x.shape[1] - size) // stride) + 1  # the mistake: ceil mode keeps partial windows
    out_w = -(-(x.shape[2] - size) // stride) + 1
    out = np.zeros((x.shape[0], out_h, out_w, x.shape[3]))
    for i in range(out_h):
        for j in range(out_w):
            window = x[:, i * stride:i * stride + size, j * stride:j * stride + size, :]
            out[:, i, j, :] = window.max(axis=(1, 2))
    return out
""",
    "conv2d_cost": """
def conv2d_cost(kh, kw, c_in, c_out, h_out, w_out, separable=False):
    if min(kh, kw, c_in, c_out, h_out, w_out) < 1:
        raise ValueError("sizes must be at least 1")
    if separable:  # the mistake: a bias in the depthwise step too
        per_position = kh * kw * c_in + c_in * c_out
        return kh * kw * c_in + c_in + c_in * c_out + c_out, h_out * w_out * per_position
    return kh * kw * c_in * c_out + c_out, h_out * w_out * kh * kw * c_in * c_out
""",
    "conv2d_backward_input": """
def conv2d_backward_input(kernel, grad_out):
    kernel, grad_out = np.asarray(kernel, dtype=float), np.asarray(grad_out, dtype=float)
    if kernel.ndim != 2 or grad_out.ndim != 2:
        raise ValueError("kernel and grad_out must be 2-D")
    return scipy.signal.correlate2d(grad_out, kernel, mode="full")  # the mistake: no flip
""",
    "conv2d_backward_kernel": """
def conv2d_backward_kernel(x, grad_out):
    x, grad_out = np.asarray(x, dtype=float), np.asarray(grad_out, dtype=float)
    if x.ndim != 2 or grad_out.ndim != 2:
        raise ValueError("x and grad_out must be 2-D")
    if grad_out.shape[0] > x.shape[0] or grad_out.shape[1] > x.shape[1]:
        raise ValueError("grad_out cannot be larger than x")
    return scipy.signal.correlate2d(x, grad_out, mode="valid")
""",
    "max_pool2d_backward": """
def max_pool2d_backward(x, grad_out, size=2):
    x, grad_out = np.asarray(x, dtype=float), np.asarray(grad_out, dtype=float)
    rows, cols = x.shape[0] // size, x.shape[1] // size
    if grad_out.shape != (rows, cols):
        raise ValueError("grad_out must have the pooled shape")
    grad = np.zeros_like(x)
    for i in range(rows):
        for j in range(cols):  # the mistake: shared by the window, as for average pooling
            grad[i * size:(i + 1) * size, j * size:(j + 1) * size] = grad_out[i, j] / size**2
    return grad
""",
    "kernel_gradient_step": """
def kernel_gradient_step(kernel, images, targets, lr):
    kernel = np.asarray(kernel, dtype=float)
    images, targets = np.asarray(images, dtype=float), np.asarray(targets, dtype=float)
    n, height, width = images.shape
    if targets.shape != (n, height - kernel.shape[0] + 1, width - kernel.shape[1] + 1):
        raise ValueError("targets must have the shape of the valid outputs")
    grad = np.zeros_like(kernel)
    for image, target in zip(images, targets):
        error = scipy.signal.correlate2d(image, kernel, mode="valid") - target
        grad += scipy.signal.correlate2d(image, error, mode="valid")
    return kernel - lr * grad  # the mistake: not divided by M
""",
}
# conv2d_forward's hand (1) and random (2) tests fail, its bad-input test (1) passes;
# relu's tests (1 + 1) pass; max_pool2d's hand (1) and random (2) fail, bad input (1) passes.
# conv2d_cost (1 + 1), conv2d_backward_input (1 + 2), max_pool2d_backward (1 + 2) and
# kernel_gradient_step (1 + 2) fail; conv2d_backward_kernel's (1 + 2) pass: 4 + 3 = 7.
EXPECTED_SCORE = 7
FEEDBACK = (
    "you added the bias once per input channel",
    "no bias in the depthwise step",
    "you did not flip the kernel",
    "you shared each window",
    "without dividing by M",
)
