"""The course's command line: ``python -m autograder COMMAND``.

Commands
--------
release [LESSON ...]   regenerate the student notebooks in notebooks/ from solutions/
release --check        exit 1 if notebooks/ differs from a fresh release (CI uses it)

Misuse prints one line on stderr and exits with status 2; a failed check exits with 1.
"""

from __future__ import annotations

import argparse
import sys

from autograder import release


class UsageError(Exception):
    """A mistake in how the command was called: reported in one line, no traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print the whole usage block
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m autograder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    cmd = commands.add_parser("release", help="regenerate notebooks/ from solutions/")
    cmd.add_argument("lessons", nargs="*", metavar="LESSON", help="e.g. 01-convolution")
    cmd.add_argument("--check", action="store_true", help="only report differences")
    return parser


def _release(args) -> int:
    if args.check:
        if args.lessons:
            raise UsageError("release --check always checks every lesson; drop the lesson names")
        problems = release.check_release()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("notebooks/ is out of date: run `make release`", file=sys.stderr)
            return 1
        print("notebooks/ is in sync with solutions/")
        return 0
    unknown = sorted(set(args.lessons) - set(release.lesson_names()))
    if unknown:
        raise UsageError(
            f"unknown lesson {', '.join(unknown)}; choose from {', '.join(release.lesson_names())}"
        )
    written = release.release(args.lessons or None)
    print(f"released {len(written)} lesson(s) to notebooks/: {', '.join(written)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "release":
            return _release(args)
        raise UsageError("missing command; try `python -m autograder --help`")
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except release.ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
