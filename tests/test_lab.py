"""`make lab` really starts JupyterLab on the student notebooks."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import REPO, tool_env

TOKEN = "course-test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status


@pytest.mark.slow
def test_make_lab_serves_lesson_one(tmp_path):
    port = free_port()
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so that the whole group (make and jupyter) can be stopped
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status = get(f"{base}/lab?token={TOKEN}")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stderr.read().decode()[-2000:]) from None
                time.sleep(0.5)
        assert status == 200
        lesson = f"{base}/api/contents/01-convolution/01-convolution.ipynb?token={TOKEN}"
        assert get(lesson) == 200  # the server's root is notebooks/
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
