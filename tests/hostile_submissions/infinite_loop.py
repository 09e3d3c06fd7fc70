"""convolve2d never returns: only convolve2d's tests lose their points."""

from _parts import CONVOLVE_TESTS, FULL, set_source


def submission(notebook, course):
    return set_source(
        notebook, "convolve2d", "def convolve2d(image, kernel):\n    while True:\n        pass"
    )


EXPECTED = {**FULL, **CONVOLVE_TESTS}
CAUSE = "the test test-convolve2d-hand timed out after"  # named, not "cell 5"
