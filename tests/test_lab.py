"""`make lab` really starts JupyterLab, on the student's own copies of the lessons (work/)."""

import json
import subprocess

import pytest

from autograder import release

from browser import TOKEN, free_port, http_status, stop_group, wait_until_serving
from conftest import NOTEBOOKS, REPO, tool_env

LESSON = "01-convolution/01-convolution.ipynb"


def test_work_copy_adds_what_is_missing_and_never_overwrites(tmp_path):
    work = tmp_path / "work"
    edited = work / LESSON
    edited.parent.mkdir(parents=True)
    edited.write_text("the student's edits")

    copied = release.copy_to_work(work)

    assert edited.read_text() == "the student's edits"
    assert LESSON not in map(str, copied)
    released = sorted(
        p.relative_to(NOTEBOOKS)
        for p in NOTEBOOKS.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    )
    assert sorted(copied) == [p for p in released if str(p) != LESSON]
    assert all((work / p).read_bytes() == (NOTEBOOKS / p).read_bytes() for p in copied)
    assert release.copy_to_work(work) == []  # a second start copies nothing


def test_work_folder_is_ignored_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "work/01-convolution/01-convolution.ipynb"], cwd=REPO
    )
    assert ignored.returncode == 0, "work/ must be git-ignored"


@pytest.mark.slow
def test_make_lab_serves_the_students_copy(tmp_path):
    work = tmp_path / "work"
    edited = work / LESSON
    edited.parent.mkdir(parents=True)
    edited.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    before = {p: p.stat().st_mtime_ns for p in NOTEBOOKS.rglob("*.ipynb")}
    port = free_port()
    log = tmp_path / "lab.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "lab",
                f"PORT={port}",
                f"WORK={work}",
                f"LAB_ARGS=--no-browser --IdentityProvider.token={TOKEN} --ServerApp.ip=127.0.0.1",
            ],
            cwd=REPO,
            env=tool_env(JUPYTER_RUNTIME_DIR=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path)),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that the whole group (make and jupyter) can be stopped
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{base}/lab?token={TOKEN}", server, log, timeout=60)
        # The server's root is the working copy: the student's lesson 1 as they left it ...
        assert http_status(f"{base}/api/contents/{LESSON}?token={TOKEN}") == 200
        assert json.loads(edited.read_text())["cells"] == []
        # ... and the lessons it lacked, copied from notebooks/, which is left as it was.
        lesson_12 = "12-conv-layers/12-conv-layers.ipynb"
        assert http_status(f"{base}/api/contents/{lesson_12}?token={TOKEN}") == 200
        assert (work / lesson_12).read_bytes() == (NOTEBOOKS / lesson_12).read_bytes()
        assert {p: p.stat().st_mtime_ns for p in NOTEBOOKS.rglob("*.ipynb")} == before
    finally:
        stop_group(server)
