"""A one-line progress bar with an ETA, on stderr (a plain line per tenth when not a terminal)."""

from __future__ import annotations

import sys
import time


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    def __init__(self, total: int, label: str, stream=None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.done = 0
        self.started = time.monotonic()
        self.stream = stream or sys.stderr
        self.interactive = getattr(self.stream, "isatty", lambda: False)()
        self._last_tenth = -1

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        width = 30
        filled = int(width * self.done / self.total)
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        return (
            f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
            f"  elapsed {_clock(elapsed)}  ETA {_clock(eta) if self.done else '?'}"
        )

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.interactive:
            self.stream.write("\r" + self.line())
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            tenth = 10 * self.done // self.total
            if tenth != self._last_tenth:
                self._last_tenth = tenth
                self.stream.write(self.line() + "\n")
                self.stream.flush()
