"""A lesson-12 submission that adds the bias inside the input-channel loop and pools in ceil
mode; its relu is correct."""

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
}
# conv2d_forward's hand (1) and random (2) tests fail, its bad-input test (1) passes;
# relu's tests (1 + 1) pass; max_pool2d's hand (1) and random (2) fail, bad input (1) passes.
EXPECTED_SCORE = 4
FEEDBACK = "you added the bias once per input channel"
