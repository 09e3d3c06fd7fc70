"""A cell that opens a network connection (to send the tests away): refused."""

from _parts import FULL, add_cell_after


def submission(notebook, course):
    return add_cell_after(
        notebook,
        "correlate2d",
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)",
    )


EXPECTED = FULL
CAUSE = "tried to open a network connection"
