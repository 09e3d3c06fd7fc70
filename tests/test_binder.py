"""Binder: `postBuild` installs the course package when it is missing (and only then), and the
README's Binder link opens JupyterLab at lesson 1."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import REPO

POST_BUILD = REPO / "postBuild"
# A stand-in for Binder's `python`: it logs each call (arguments and working folder), answers
# the import check as told by FAKE_IMPORT, and passes a real `python -I -c` check to this venv.
FAKE_PYTHON = f"""#!/bin/sh
echo "$(pwd)|$*" >> "$FAKE_LOG"
if [ "$1" = "-I" ] && [ "$2" = "-c" ]; then
    [ "$FAKE_IMPORT" = "real" ] && exec {sys.executable} "$@"
    [ "$FAKE_IMPORT" = "ok" ] && exit 0
    exit 1
fi
exit 0
"""


def run_post_build(tmp_path, fake_import: str) -> list[tuple[str, str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    log = tmp_path / "calls.log"
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"]),
        "FAKE_LOG": str(log),
        "FAKE_IMPORT": fake_import,
    }
    # Run from elsewhere: postBuild must work from the repository's root whatever the caller.
    result = subprocess.run(
        [str(POST_BUILD)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [tuple(line.split("|", 1)) for line in log.read_text().splitlines()]


def test_post_build_is_an_executable_bash_script():
    assert POST_BUILD.is_file()
    assert os.access(POST_BUILD, os.X_OK), "chmod +x postBuild (Binder skips it otherwise)"
    assert POST_BUILD.read_text().startswith("#!/bin/bash\n")
    syntax = subprocess.run(["bash", "-n", str(POST_BUILD)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr
    mode = subprocess.run(
        ["git", "ls-files", "-s", "postBuild"], cwd=REPO, capture_output=True, text=True
    ).stdout
    assert mode.startswith("100755"), f"git must record postBuild as executable: {mode!r}"


def test_post_build_installs_the_package_when_it_is_missing(tmp_path):
    calls = run_post_build(tmp_path, fake_import="missing")
    assert calls[0] == (str(REPO), "-I -c import autograder, course")
    assert calls[1:] == [(str(REPO), "-m pip install --no-deps -e .")]


@pytest.mark.parametrize("fake_import", ["ok", "real"])
def test_post_build_does_nothing_when_the_package_is_installed(tmp_path, fake_import):
    """With "real", the check itself runs in this venv, where `make install` put the course."""
    calls = run_post_build(tmp_path, fake_import)
    assert calls == [(str(REPO), "-I -c import autograder, course")]


def test_readme_binder_link_opens_lesson_one():
    readme = (REPO / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert links, "no Binder link in README.md"
    for link in links:
        match = re.fullmatch(
            r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?urlpath=lab/tree/(\S+)", link
        )
        assert match, link
        assert (REPO / match.group(1)).is_file(), f"the link opens a missing file: {link}"
        assert match.group(1) == "notebooks/01-convolution/01-convolution.ipynb"


def test_readme_shows_no_badge_for_an_unknown_repository():
    """Until the course has a public repository, the badge is only an instruction to the
    maintainers, inside a code span (Markdown shows it as text, not as a broken badge)."""
    readme = (REPO / "README.md").read_text()
    shown = re.sub(r"`[^`\n]*`", "", readme)  # what Markdown renders outside code spans
    for link in re.findall(r"https://mybinder\.org/v2/gh/([^/\s]+/[^/\s]+)/", shown):
        assert not re.search(r"OWNER|REPOSITORY|YOUR-", link), f"a badge with a placeholder: {link}"
    assert "in place of `OWNER/REPOSITORY`" in readme, "the maintainers' instruction is missing"
