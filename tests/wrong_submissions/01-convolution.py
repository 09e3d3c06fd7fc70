"""A lesson-1 submission with a flipped correlate2d and a correct convolve2d."""

CELLS = {
    "correlate2d": """
def correlate2d(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)[::-1, ::-1]  # the mistake: a flipped kernel
    kh, kw = kernel.shape
    output = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(output.shape[0]):
        for j in range(output.shape[1]):
            output[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return output
""",
    "convolve2d": """
def convolve2d(image, kernel):
    return scipy.signal.convolve2d(image, kernel, mode="valid")
""",
}
# correlate2d's tests (1 + 2 points) fail; convolve2d's (1 + 2 points) pass.
EXPECTED_SCORE = 3
FEEDBACK = "you flipped the kernel"
