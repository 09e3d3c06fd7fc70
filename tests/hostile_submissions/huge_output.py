"""A cell that prints 50 MB: the output is cut, the grades are unaffected."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", "print('x' * 50_000_000)")


EXPECTED = FULL
CAUSE = ""
