"""A cell that grows a list until memory runs out, then the rest of the notebook as usual."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    return add_cell_after(
        notebook,
        "correlate2d",
        "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024**2))",
    )


EXPECTED = FULL
CAUSE = "MemoryError"
