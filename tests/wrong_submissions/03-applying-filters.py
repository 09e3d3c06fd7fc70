"""A lesson-3 submission with right values but lesson 1's double loop over the pixels."""

CELLS = {
    "apply_filter": """
def apply_filter(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    output = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(output.shape[0]):  # the mistake: a Python loop over every pixel
        for j in range(output.shape[1]):
            output[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return output
""",
}
# Out of 5 points, the hand (1) and random (2) tests pass; the vectorized test (2) fails.
EXPECTED_SCORE = 3
FEEDBACK = "this works but loops over pixels in Python; vectorize it"
