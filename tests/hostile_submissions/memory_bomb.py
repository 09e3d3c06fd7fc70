"""convolve2d asks for 8 GiB: the memory limit stops it, and only its tests fail."""

from _parts import CONVOLVE_TESTS, FULL, set_source


def submission(notebook, course):
    return set_source(
        notebook,
        "convolve2d",
        "def convolve2d(image, kernel):\n    hoard = bytearray(8 * 1024**3)\n    return hoard",
    )


EXPECTED = {**FULL, **CONVOLVE_TESTS}
CAUSE = "MemoryError"
