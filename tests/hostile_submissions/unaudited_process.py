"""Starts a shell through _posixsubprocess.fork_exec, which raises no audit event: it runs, as
the job's own user inside the job's namespaces, and can change nothing outside its scratch."""

from _parts import FULL, add_cell_after, trick

BODY = """
import _posixsubprocess, os
script = b"id -u > uid.txt; echo hacked > /tmp/outside.txt; echo hacked > ../escaped.txt"
read, write = os.pipe()
pid = _posixsubprocess.fork_exec(
    [b"/bin/sh", b"-c", script], [b"/bin/sh"], True, (), None, None,
    -1, -1, -1, -1, -1, -1, read, write, True, False, -1, None, None, None, -1, None, False)
os.waitpid(pid, 0)
print("the shell ran as user", open("uid.txt").read().strip())
if not (os.path.exists("/tmp/outside.txt") or os.path.exists("../escaped.txt")):
    raise PermissionError("the shell could write nothing outside the scratch folder")
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", trick(BODY))


EXPECTED = FULL
CAUSE = ""
PRINTS = ["the shell ran as user 6", "trick refused: PermissionError the shell could write nothing"]
