"""The course images: found from any lesson folder, verified, and reproducible."""

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from course import data
from course.data import CourseDataError, load_image

REPO = Path(__file__).resolve().parents[1]
NAMES = ["sample_image.jpg", "color_image.jpg", "brain_mri.jpg", "material_surface.jpg"]


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("sample_image.jpg", (256, 256)),
        ("color_image.jpg", (200, 300, 3)),
        ("brain_mri.jpg", (256, 256)),
        ("material_surface.jpg", (256, 480)),
    ],
)
def test_images_load_as_floats_in_unit_range(name, shape):
    image = load_image(name)
    assert image.shape == shape and image.dtype == np.float64
    assert 0.0 <= image.min() < image.max() <= 1.0


def test_colour_image_converts_to_grey():
    grey = load_image("color_image.jpg", as_gray=True)
    assert grey.shape == (200, 300)


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(CourseDataError, match="unknown course image 'cat.jpg'.*sample_image.jpg"):
        load_image("cat.jpg")


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    """A copy of the data in a course folder, with the package's own data out of reach."""
    shutil.copytree(REPO / "data", tmp_path / "course" / "data")
    monkeypatch.setattr(data, "_package_data_dir", lambda: tmp_path / "nowhere")
    monkeypatch.delenv(data.DATA_ENV_VARIABLE, raising=False)
    return tmp_path / "course"


@pytest.mark.parametrize(
    "where",
    ["notebooks/01-convolution", "solutions/01-convolution", "autograded/alice/01-convolution"],
)
def test_found_from_lesson_folders_by_walking_up(course_copy, monkeypatch, where):
    folder = course_copy / where
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    assert data.data_dir() == course_copy / "data"
    assert load_image("sample_image.jpg").shape == (256, 256)


def test_found_through_the_environment_variable(course_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(data.DATA_ENV_VARIABLE, str(course_copy / "data"))
    assert data.data_dir() == course_copy / "data"


def test_found_through_the_package_from_anywhere(tmp_path, monkeypatch):
    # Binder and a laptop with `pip install -e .`: the working folder does not matter.
    monkeypatch.chdir(tmp_path)
    assert data.data_dir() == REPO / "data"


def test_no_data_folder_says_how_to_fix_it(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "_package_data_dir", lambda: tmp_path / "nowhere")
    monkeypatch.delenv(data.DATA_ENV_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseDataError, match="cannot find the course data folder.*make data"):
        load_image("sample_image.jpg")


def test_missing_file_says_how_to_regenerate(course_copy, monkeypatch):
    monkeypatch.chdir(course_copy)
    (course_copy / "data" / "brain_mri.jpg").unlink()
    with pytest.raises(CourseDataError, match="brain_mri.jpg is missing; regenerate.*make data"):
        load_image("brain_mri.jpg")


def test_corrupted_file_is_detected(course_copy, monkeypatch):
    monkeypatch.chdir(course_copy)
    path = course_copy / "data" / "sample_image.jpg"
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(CourseDataError, match="corrupted.*make data"):
        load_image("sample_image.jpg")


def test_script_output_matches_committed_files(tmp_path):
    sys.path.insert(0, str(REPO / "data"))
    try:
        import make_data
    finally:
        sys.path.pop(0)
    make_data.main(tmp_path)
    for name in NAMES:
        fresh = np.asarray(Image.open(tmp_path / name), dtype=float)
        committed = np.asarray(Image.open(REPO / "data" / name), dtype=float)
        # Identical with the same Pillow; another JPEG encoder may differ by a grey level.
        assert fresh.shape == committed.shape
        assert np.abs(fresh - committed).mean() < 1.0

    # The README is generated too: everything but the checksums must be identical.
    def table(path):
        return path.read_text().split("## SHA-256")[0]

    assert table(tmp_path / "README.md") == table(REPO / "data" / "README.md")


def test_readme_names_source_licence_and_checksum_of_each_file():
    readme = (REPO / "data" / "README.md").read_text()
    lines = (REPO / "data" / "SHA256SUMS").read_text().splitlines()
    sums = {name: digest for digest, name in (line.split() for line in lines)}
    for name in NAMES:
        assert f"`{name}`" in readme and sums[name] in readme
    assert "CC0" in readme and "Not a real MRI" in readme
