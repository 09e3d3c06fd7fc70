"""convolve2d forks without end: refused, and only its tests fail."""

from _parts import CONVOLVE_TESTS, FULL, set_source


def submission(notebook, course):
    return set_source(
        notebook,
        "convolve2d",
        "import os\n\ndef convolve2d(image, kernel):\n    while True:\n        os.fork()",
    )


EXPECTED = {**FULL, **CONVOLVE_TESTS}
CAUSE = "tried to start a new process"
