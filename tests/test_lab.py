"""`make lab` really starts JupyterLab on the student notebooks."""

import subprocess

import pytest

from browser import TOKEN, free_port, http_status, stop_group, wait_until_serving
from conftest import REPO, tool_env


@pytest.mark.slow
def test_make_lab_serves_lesson_one(tmp_path):
    port = free_port()
    log = tmp_path / "lab.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "lab",
                f"PORT={port}",
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
        lesson = f"{base}/api/contents/01-convolution/01-convolution.ipynb?token={TOKEN}"
        assert http_status(lesson) == 200  # the server's root is notebooks/
    finally:
        stop_group(server)
