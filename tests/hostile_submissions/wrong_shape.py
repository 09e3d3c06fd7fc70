"""An ordinary mistake: correlate2d returns the 'full' output."""

from _parts import CORRELATE_TESTS, FULL

from course_factory import fill


def submission(notebook, course):
    return fill(
        notebook,
        {
            "correlate2d": "def correlate2d(image, kernel):\n"
            "    return scipy.signal.correlate2d(image, kernel, mode='full')"
        },
    )


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "'full' size"
