"""pyproject.toml and environment.yml (Binder) declare the same dependencies."""

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}


def requirement(spec: str) -> tuple[str, str]:
    spec = spec.split(";")[0]  # an environment marker (Linux only) is not a version bound
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", spec)
    assert match, spec
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def pyproject_dependencies() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return dict(requirement(spec) for spec in project["dependencies"])


def conda_dependencies() -> dict[str, str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    specs = [item for item in environment["dependencies"] if isinstance(item, str)]
    for item in environment["dependencies"]:  # what conda-forge lacks comes from PyPI
        if isinstance(item, dict):
            specs += [spec for spec in item.get("pip", []) if not spec.startswith("-e")]
    return {name: bound for name, bound in map(requirement, specs) if name not in CONDA_ONLY}


def test_environment_yml_mirrors_pyproject():
    assert conda_dependencies() == pyproject_dependencies()


def test_every_dependency_has_a_lower_bound():
    for name, bound in pyproject_dependencies().items():
        assert bound.startswith(">="), f"{name} needs a lower bound"


def test_binder_installs_the_course_package():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_items = [item for item in environment["dependencies"] if isinstance(item, dict)]
    assert pip_items and "-e ." in pip_items[0]["pip"]


def test_python_versions_agree():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    python = [item for item in environment["dependencies"] if str(item).startswith("python")]
    assert python == ["python" + project["requires-python"]]
