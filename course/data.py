"""Find and load the course images, from whatever folder a lesson runs in.

Lessons run from ``notebooks/``, ``solutions/``, an nbgrader
``autograded/<student>/<assignment>/`` folder, or Binder's home folder. The data folder is
looked for, in order:

1. ``$COURSE_DATA_DIR``, if set;
2. ``data/`` beside this package (the repository, with ``pip install -e .``);
3. ``data/`` in the working directory or any folder above it.

The folder is recognised by its ``SHA256SUMS`` file, which ``data/make_data.py`` writes;
a file whose checksum does not match is reported as corrupted, with how to regenerate it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import numpy as np

DATA_ENV_VARIABLE = "COURSE_DATA_DIR"
CHECKSUM_FILE = "SHA256SUMS"
REGENERATE_HINT = "regenerate the images with `make data` (or `python data/make_data.py`)"


class CourseDataError(FileNotFoundError):
    """A course image is missing, corrupted or unreadable."""


def _package_data_dir() -> Path:
    """``data/`` beside the package: the repository, for an editable install."""
    return Path(__file__).resolve().parents[1] / "data"


def _candidate_dirs() -> list[Path]:
    candidates = []
    if os.environ.get(DATA_ENV_VARIABLE):
        candidates.append(Path(os.environ[DATA_ENV_VARIABLE]))
    candidates.append(_package_data_dir())
    here = Path.cwd().resolve()
    candidates.extend(folder / "data" for folder in (here, *here.parents))
    return candidates


def data_dir() -> Path:
    """Return the course's data folder, or raise ``CourseDataError`` saying where it looked."""
    candidates = _candidate_dirs()
    for folder in candidates:
        if (folder / CHECKSUM_FILE).is_file():
            return folder
    looked = ", ".join(str(folder) for folder in candidates[:3])
    raise CourseDataError(
        f"cannot find the course data folder (looked in {looked} and the folders above); "
        f"set {DATA_ENV_VARIABLE} or {REGENERATE_HINT}"
    )


@functools.cache
def _expected_checksums(folder: Path) -> dict[str, str]:
    sums = {}
    for line in (folder / CHECKSUM_FILE).read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.strip()] = digest
    return sums


def data_path(name: str) -> Path:
    """Return the verified path of a course image such as ``"sample_image.jpg"``."""
    folder = data_dir()
    checksums = _expected_checksums(folder)
    if name not in checksums:
        known = ", ".join(sorted(checksums))
        raise CourseDataError(f"unknown course image {name!r}; the course has: {known}")
    path = folder / name
    if not path.is_file():
        raise CourseDataError(f"{path} is missing; {REGENERATE_HINT}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != checksums[name]:
        raise CourseDataError(
            f"{path} is corrupted (its SHA-256 does not match {CHECKSUM_FILE}); {REGENERATE_HINT}"
        )
    return path


def load_image(name: str, as_gray: bool = False) -> np.ndarray:
    """Load a course image as floats in [0, 1]: (H, W) for grey, (H, W, 3) for colour.

    ``as_gray=True`` converts a colour image with scikit-image's luminance weights.
    """
    from PIL import Image, UnidentifiedImageError
    from skimage.color import rgb2gray

    path = data_path(name)
    try:
        with Image.open(path) as file:
            pixels = np.asarray(file.convert("RGB" if file.mode not in ("L", "RGB") else file.mode))
    except (OSError, UnidentifiedImageError) as error:
        raise CourseDataError(f"{path} cannot be read ({error}); {REGENERATE_HINT}") from error
    image = pixels.astype(np.float64) / 255.0
    if as_gray and image.ndim == 3:
        image = rgb2gray(image)
    return image
