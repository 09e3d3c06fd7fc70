"""Checks for the lessons, one module per lesson (``l01_convolution`` ...).

Each module offers, per exercise:

- ``check_<exercise>(func)``: the visible check, which prints a short report;
- ``assert_<exercise>_<behaviour>(func, ...)``: one behaviour each, for graded test cells;
  the randomized ones take the seed, which hidden cells read from
  ``autograder.settings.grading_seed()``.

Both are built from the exercise's description (``feedback.Exercise``) and its case lists by
``feedback.visible_check`` and ``feedback.graded_assertion``; mistakes that recur across
lessons take their wording from ``feedback.MESSAGES`` (``feedback.mistake``).
"""


def known_causes() -> list[str]:
    """Every misconception message of every lesson's checks, for the class report
    (``c.Autograder.causes`` in ``nbgrader_config.py`` names this function)."""
    import importlib
    import pkgutil

    from autograder.feedback import Exercise

    messages = []
    for module in pkgutil.iter_modules(__path__):
        try:
            namespace = vars(importlib.import_module(f"{__name__}.{module.name}"))
        except Exception:  # noqa: BLE001 - a broken check module must not break the report
            continue
        for value in namespace.values():
            if isinstance(value, Exercise):
                messages.extend(m.message for m in value.misconceptions)
    return messages
