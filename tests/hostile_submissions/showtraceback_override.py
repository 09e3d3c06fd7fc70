"""A wrong correlate2d, and IPython's traceback display silenced so failures look like passes."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill


def submission(notebook, course):
    cheat = (
        ZEROS_CORRELATE
        + "\nshell = get_ipython()"
        + "\nshell.showtraceback = lambda *args, **kwargs: None"
        + "\nshell._showtraceback = lambda *args, **kwargs: None"
    )
    return fill(notebook, {"correlate2d": cheat})


EXPECTED = {**FULL, **CORRELATE_TESTS}
# The tests run in the grader, out of the notebook's reach: the wrong values are named.
CAUSE = "values differ from the reference"
