"""convolve2d ends the process with os._exit(0): its tests score 0, the rest as usual."""

from _parts import CONVOLVE_TESTS, FULL, set_source


def submission(notebook, course):
    return set_source(
        notebook, "convolve2d", "import os\n\ndef convolve2d(image, kernel):\n    os._exit(0)"
    )


EXPECTED = {**FULL, **CONVOLVE_TESTS}
CAUSE = "exit status 0"
