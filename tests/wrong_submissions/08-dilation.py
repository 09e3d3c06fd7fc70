"""A lesson-8 submission with a correct dilate_kernel, a dilated_conv2d that strides, and a
receptive_field that ignores the strides.

The first mistake is the classic one: the window jumps `dilation` pixels between output
positions (that is stride) instead of spreading the kernel's taps over the input. The second
uses the stride-1 sum of section 9 for every stack.
"""

CELLS = {
    "dilated_conv2d": """
def dilated_conv2d(image, kernel, dilation):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if np.ndim(dilation) != 0 or dilation < 1:
        raise ValueError(f"dilation must be an int of at least 1, got {dilation!r}")
    kh, kw = kernel.shape
    if kh > image.shape[0] or kw > image.shape[1]:
        raise ValueError("the kernel is larger than the image")
    # The mistake: output positions `dilation` apart, the taps still side by side.
    out = np.zeros(((image.shape[0] - kh) // dilation + 1, (image.shape[1] - kw) // dilation + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            window = image[i * dilation:i * dilation + kh, j * dilation:j * dilation + kw]
            out[i, j] = np.sum(window * kernel)
    return out
""",
    "receptive_field": """
def receptive_field(layers):
    for layer in layers:
        if len(layer) != 3 or min(layer) < 1:
            raise ValueError(f"bad layer {layer!r}")
    return 1 + sum(d * (k - 1) for k, s, d in layers)  # the mistake: strides ignored
""",
}
# dilate_kernel's tests (4 points) pass. dilated_conv2d's hand (1), random (2) and pair (1)
# tests fail, and so does its invalid-input test (1): a dilated kernel that does not fit
# still returns an array. receptive_field's hand (1) and random (2) tests fail, its
# bad-input test (1) passes. 13 - 5 - 3 = 5.
EXPECTED_SCORE = 5
FEEDBACK = ("that is stride, not dilation", "you ignored the strides")
