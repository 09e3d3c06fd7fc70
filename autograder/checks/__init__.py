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
