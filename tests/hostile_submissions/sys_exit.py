"""A cell calls sys.exit() in the middle of the notebook; the notebook goes on."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    return add_cell_after(notebook, "test-correlate2d-random", "import sys\nsys.exit('bye')")


EXPECTED = FULL
CAUSE = ""
