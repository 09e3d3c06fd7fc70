"""A lesson-15 submission that reads every (rows, columns) pair backwards."""

CELLS = {
    "conv2d": """
def conv2d(image, kernel, stride=1, padding=0, dilation=1):
    def as_pair(value, name, smallest):
        if isinstance(value, numbers.Integral):
            value = (value, value)
        if len(value) != 2 or min(value) < smallest:
            raise ValueError(f"{name} must be an int or a pair, each at least {smallest}")
        return int(value[1]), int(value[0])  # the mistake: (columns, rows)

    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("image and kernel must be 2-D")
    s_h, s_w = as_pair(stride, "stride", 1)
    p_h, p_w = as_pair(padding, "padding", 0)
    d_h, d_w = as_pair(dilation, "dilation", 1)
    k_h, k_w = kernel.shape
    out_h = (image.shape[0] + 2 * p_h - d_h * (k_h - 1) - 1) // s_h + 1
    out_w = (image.shape[1] + 2 * p_w - d_w * (k_w - 1) - 1) // s_w + 1
    if out_h < 1 or out_w < 1:
        raise ValueError("the output would be empty")
    padded = np.pad(image, ((p_h, p_h), (p_w, p_w)))
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = padded[i * s_h:i * s_h + d_h * (k_h - 1) + 1:d_h,
                            j * s_w:j * s_w + d_w * (k_w - 1) + 1:d_w]
            out[i, j] = np.sum(window * kernel)
    return out
""",
}
# The hand test (2 points, its mixed-pairs example) and the pairs test (2) fail; the int-only
# random test (3) and the bad-input test (1) pass: 8 - 4 = 4.
EXPECTED_SCORE = 4
FEEDBACK = "pair order swapped"
