"""An ordinary mistake: correlate2d flips the kernel (that is convolution)."""

from _parts import CORRELATE_TESTS, FULL

from course_factory import fill, wrong_sources


def submission(notebook, course):
    return fill(notebook, {"correlate2d": wrong_sources("01-convolution")["CELLS"]["correlate2d"]})


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "you flipped the kernel"
