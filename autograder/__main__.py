import gc
import sys

# jsonschema (imported by nbformat) compiles 38 grammars, 3 s, when rfc3987-syntax is installed,
# only to check the "iri" string format, which no notebook or nbgrader schema uses.
sys.modules.setdefault("rfc3987_syntax", None)

from autograder.cli import main  # noqa: E402

# Guarded: worker processes import the main module again under another name.
if __name__ == "__main__":
    code = main()
    # At exit, Python's last garbage collection walks the run's whole heap (nbgrader, SciPy,
    # the gradebook's objects): a quarter of a second that frees nothing the end of the
    # process does not. Exit handlers and flushing still run.
    gc.freeze()
    raise SystemExit(code)
