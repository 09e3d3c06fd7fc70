"""A wrong correlate2d, and its test cells emptied: the released tests are restored and fail."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE, set_source

from course_factory import fill


def submission(notebook, course):
    notebook = fill(notebook, {"correlate2d": ZEROS_CORRELATE})
    set_source(notebook, "test-correlate2d-hand", "pass")
    return set_source(notebook, "test-correlate2d-random", "print('all good')")


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "edited locked cell test-correlate2d-random (restored)"
