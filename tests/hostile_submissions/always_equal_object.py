"""correlate2d returns an object whose == and allclose-friendly methods always say yes."""

from _parts import CORRELATE_TESTS, FULL

from course_factory import fill

CHEAT = """
class Agreeable(np.ndarray):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False

def correlate2d(image, kernel):
    image, kernel = np.asarray(image), np.asarray(kernel)
    shape = (image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1)
    return np.zeros(shape).view(Agreeable)
"""


def submission(notebook, course):
    return fill(notebook, {"correlate2d": CHEAT})


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = ""
