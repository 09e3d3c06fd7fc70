"""A correct notebook saved in the old nbformat 3: converted, then graded as usual."""

import nbformat
from _parts import FULL


def submission(notebook, course):
    return nbformat.writes(nbformat.convert(notebook, 3), version=3).encode()


EXPECTED = FULL
CAUSE = ""
