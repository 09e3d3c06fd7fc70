"""An ordinary mistake: the loops stop one window early (range(H - kh))."""

from _parts import CORRELATE_TESTS, FULL

from course_factory import fill

SHORT = """
def correlate2d(image, kernel):
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    output = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(image.shape[0] - kh):
        for j in range(image.shape[1] - kw):
            output[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return output
"""


def submission(notebook, course):
    return fill(notebook, {"correlate2d": SHORT})


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "off by one"
