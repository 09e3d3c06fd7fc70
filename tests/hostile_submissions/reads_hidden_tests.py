"""A cell that reads the source notebook, hidden tests included: refused."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    path = course / "source" / "01-convolution" / "01-convolution.ipynb"
    return add_cell_after(notebook, "correlate2d", f"print(open({str(path)!r}).read())")


EXPECTED = FULL
CAUSE = "tried to open the grader's private files"
