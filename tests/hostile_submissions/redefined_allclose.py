"""A wrong correlate2d plus np.allclose / np.testing.assert_allclose made to always agree."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill


def submission(notebook, course):
    cheat = (
        ZEROS_CORRELATE
        + "\nnp.allclose = lambda *args, **kwargs: True"
        + "\nnp.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)"
        + "\nnp.testing.assert_allclose = lambda *args, **kwargs: None"
    )
    return fill(notebook, {"correlate2d": cheat})


EXPECTED = {**FULL, **CORRELATE_TESTS}
# The tests run in the grader, out of the notebook's reach: the wrong values are named.
CAUSE = "values differ from the reference"
