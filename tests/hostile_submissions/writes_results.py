"""A cell that overwrites other students' autograded notebooks and its own: refused."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    target = course / "autograded" / "honest" / "01-convolution" / "01-convolution.ipynb"
    own = course / "autograded" / "writes_results" / "01-convolution" / "01-convolution.ipynb"
    return add_cell_after(
        notebook,
        "correlate2d",
        f"for path in ({str(target)!r}, {str(own)!r}):\n"
        "    try:\n"
        "        open(path, 'w').write('{}')\n"
        "    except OSError as error:\n"
        "        print('refused:', error)",
    )


EXPECTED = FULL
CAUSE = "tried to open the grader's private files"
