"""The README's install (`pip install -r requirements.txt`) also installs the project, so
that the `tracker` command, and `python -m tracker`, work from any folder: they read the
project's targets.yaml unless TRACKER_TARGETS says otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import PROJECT_ROOT

SUMMARY_START = "Tiến độ đến ngày 30/06/2017 · số bản ghi trong sổ: 0\n"
FIRST_TARGET = "- Đào tạo nghề, truyền nghề cho lao động: 0 / khoảng 30.000 lao động"


def elsewhere(*command: str, folder: Path, database: Path) -> subprocess.CompletedProcess[str]:
    """``command`` run from ``folder`` as an operator would: no TRACKER_ setting but the
    database, and no PYTHONPATH pointing at the project."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_") and key != "PYTHONPATH"}
    env |= {
        "TRACKER_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )


def installed_command() -> str:
    """The `tracker` script beside this Python (the virtual environment's bin/)."""
    found = shutil.which("tracker", path=str(Path(sys.executable).parent))
    assert found is not None, "no `tracker` command: run `pip install -r requirements.txt`"
    return found


def test_the_tracker_command_works_from_any_folder(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    result = elsewhere(installed_command(), "summary", "--as-of", "2017-06-30", folder=tmp_path, database=database)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(SUMMARY_START)
    assert FIRST_TARGET in result.stdout  # the project's targets.yaml, though the folder has none
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tracker.db"]  # nothing else made here

    checked = elsewhere(installed_command(), "--lang", "en", "check", folder=tmp_path, database=database)
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout.startswith(f"{PROJECT_ROOT / 'targets.yaml'}: valid")

    refused = elsewhere(installed_command(), "summary", "--as-of", "hôm qua", folder=tmp_path, database=database)
    assert (refused.returncode, refused.stdout) == (1, "")  # main's exit code, not the script's
    assert refused.stderr == "--as-of 'hôm qua' không phải là ngày YYYY-MM-DD\n"


def test_python_m_tracker_works_from_any_folder(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    result = elsewhere(
        sys.executable, "-m", "tracker", "summary", "--as-of", "30/06/2017", folder=tmp_path, database=database
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(SUMMARY_START)
    assert FIRST_TARGET in result.stdout


def test_the_help_names_the_command_as_it_was_typed(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    script = elsewhere(installed_command(), "record", "--help", folder=tmp_path, database=database)
    assert script.stdout.startswith("cách dùng: tracker record [-h]")
    module = elsewhere(sys.executable, "-m", "tracker", "record", "--help", folder=tmp_path, database=database)
    assert module.stdout.startswith("cách dùng: python -m tracker record [-h]")


def test_requirements_install_the_project_and_pin_the_rest() -> None:
    lines = [line.split("#")[0].strip() for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines()]
    requirements = [line for line in lines if line]
    assert "-e ." in requirements
    unpinned = [line for line in requirements if line != "-e ." and "==" not in line]
    assert unpinned == []
