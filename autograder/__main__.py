from autograder.cli import main

# Guarded: worker processes import the main module again under another name.
if __name__ == "__main__":
    raise SystemExit(main())
