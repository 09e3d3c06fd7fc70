"""An ordinary mistake: correlate2d computes in the image's dtype, so uint8 sums wrap around."""

from _parts import FULL

from course_factory import fill

WRAPPING = """
def correlate2d(image, kernel):
    image, kernel = np.asarray(image), np.asarray(kernel)
    kh, kw = kernel.shape
    output = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1), dtype=image.dtype)
    for i in range(output.shape[0]):
        for j in range(output.shape[1]):
            output[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel.astype(image.dtype))
    return output
"""


def submission(notebook, course):
    return fill(notebook, {"correlate2d": WRAPPING})


# The hand-worked test includes a uint8 image; the random cases are floats and pass.
EXPECTED = {**FULL, "test-correlate2d-hand": 0.0}
CAUSE = "integer overflow"
