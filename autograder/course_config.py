"""The course's ``nbgrader_config.py``, read as nbgrader reads it but without importing nbgrader
or nbformat: the grader reads it first, to start its warm workers with the course's preload
while it imports the rest (``autograde`` re-exports these names)."""

from __future__ import annotations

from pathlib import Path


class GradingError(Exception):
    """The run cannot start (unknown assignment, no submissions...): one line for the user."""


def read_config(root: Path):
    """``nbgrader_config.py`` in ``root`` (if any), read as nbgrader reads it, without
    importing nbgrader (whose package loads its server extensions)."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    if not root.is_dir():
        raise GradingError(f"course directory {root} does not exist")
    if not (root / "nbgrader_config.py").is_file():
        return Config()
    try:
        return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    except Exception as error:  # the instructor's config file: say what is wrong
        raise GradingError(f"cannot read {root / 'nbgrader_config.py'}: {error}") from None


def setting(course, section: str, name: str, default):
    """``c.<section>.<name>`` from the course's config (an ``autograde.Course`` or the config
    itself), or ``default`` when it is not set."""
    from traitlets.config import Config

    config = course if isinstance(course, Config) else course.config
    values = config.get(section, {})
    return values.get(name, default) if hasattr(values, "get") else default


def preload_from_config(course) -> list[str]:
    """``c.Autograder.preload = ["course.warm"]``: modules the fork server imports once."""
    value = setting(course, "Autograder", "preload", [])
    if isinstance(value, str) or not all(isinstance(name, str) for name in value):
        raise GradingError("c.Autograder.preload must be a list of module names")
    return list(value)
