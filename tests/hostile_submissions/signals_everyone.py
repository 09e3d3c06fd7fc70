"""Signals every process it can name (the grader, the fork server, other jobs), SIGSTOP
first, then SIGKILL: its own PID namespace holds only itself."""

from _parts import FULL, add_cell_after, trick

BODY = """
import os, signal
print("visible processes:", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
for pid in range(2, 4096):
    for number in (signal.SIGSTOP, signal.SIGKILL):
        try:
            os.kill(pid, number)
        except OSError:
            pass
os.kill(0, signal.SIGCONT)
signal.pidfd_send_signal(os.pidfd_open(1), signal.SIGKILL)
"""


def submission(notebook, course):
    return add_cell_after(notebook, "correlate2d", trick(BODY))


EXPECTED = FULL
CAUSE = ""
PRINTS = ["visible processes: [1]", "trick refused:"]
