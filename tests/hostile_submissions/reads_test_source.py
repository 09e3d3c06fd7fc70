"""A correlate2d that looks for the calling test's source (IPython keeps cells in linecache)
to answer the test rather than the question: right answers only when it finds the test."""

from _parts import CORRELATE_TESTS, FULL, ZEROS_CORRELATE

from course_factory import fill

CHEAT = """
import gc, linecache, scipy.signal
def _sees_the_test():
    # Only the hidden tests' source holds this text (joined at run time: a literal would be
    # folded into the function's own constants, and found there).
    hidden = "".join(["seed=grading", "_seed()"])
    texts = ["".join(entry[2]) for entry in linecache.cache.values() if len(entry) > 2]
    texts += [str(cell) for cell in get_ipython().user_ns.get("In", [])]
    texts += [o for o in gc.get_objects() if isinstance(o, list) and len(o) < 50 for o in o]
    return any(isinstance(text, str) and hidden in text for text in texts)
""" + ZEROS_CORRELATE.replace(
    "    image, kernel",
    "    if _sees_the_test():\n"
    "        return scipy.signal.correlate2d(image, kernel, mode='valid')\n"
    "    image, kernel",
)


def submission(notebook, course):
    return fill(notebook, {"correlate2d": CHEAT})


EXPECTED = {**FULL, **CORRELATE_TESTS}
CAUSE = "values differ from the reference"
