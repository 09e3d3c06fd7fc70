"""A lesson-8 submission with a correct dilate_kernel and a dilated_conv2d that strides.

The mistake is the classic one: the window jumps `dilation` pixels between output positions
(that is stride) instead of spreading the kernel's taps over the input.
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
}
# dilate_kernel's tests (4 points) pass. dilated_conv2d's hand (1), random (2) and pair (1)
# tests fail, and so does its invalid-input test (1): a dilated kernel that does not fit
# still returns an array. 9 - 5 = 4.
EXPECTED_SCORE = 4
FEEDBACK = "that is stride, not dilation"
