"""The layers the folders name, as a contract the imports keep.

    i18n       strings and formats, beneath everything
    domain     the plan, progress and pace, entry rules, districts, roles: plain Python
    storage    one Database and the stores on it
    service    the one way to write, the reads the pages need
    present    wording, charts, tables, export, report: no streamlit
    ui         the Streamlit glue (with pages/ and dashboard.py, the only streamlit)

Each layer imports only from the ones below it. The test reads the source (``ast``), so
an import inside a function counts too; ``test_the_check_sees_a_forbidden_import`` shows
it fails when ``import streamlit`` is added to a domain module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "tracker"
LAYERS = ("i18n", "domain", "storage", "service", "present", "ui")
FRAMEWORKS = ("streamlit", "sqlalchemy", "alembic", "pandas", "plotly", "starlette")
# What each folder may not import, beyond the layers above it.
FORBIDDEN_LIBRARIES = {
    "i18n": FRAMEWORKS,
    "domain": FRAMEWORKS,
    "storage": ("streamlit", "pandas", "plotly", "starlette"),
    "service": ("streamlit", "plotly", "starlette"),
    "present": ("streamlit", "starlette"),
    "ui": (),
}


def imported(source: str) -> Iterator[tuple[int, str]]:
    """Every module a source imports (line, dotted name), at any depth; a relative import
    is not used in this project and would fail the package test."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            yield node.lineno, base
            if node.module == "tracker":  # from tracker import service, ui
                for alias in node.names:
                    yield node.lineno, f"tracker.{alias.name}"


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "tracker" and parts[1] in LAYERS else None


def violations(path: Path, source: str) -> list[str]:
    layer = path.relative_to(PACKAGE).parts[0]
    if layer not in LAYERS:
        return []
    below = LAYERS[: LAYERS.index(layer) + 1]
    found = []
    for line, module in imported(source):
        if module.startswith("."):
            found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: relative import {module}")
        top = module.split(".")[0]
        if top in FORBIDDEN_LIBRARIES[layer]:
            found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {layer} imports {module}")
        other = layer_of(module)
        if other is not None and other not in below:
            found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {layer} imports {module} ({other} is above it)")
        if layer != "ui" and module in ("tracker.settings", "tracker.cli") and layer in ("i18n", "domain"):
            found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {layer} reads the settings ({module})")
    return found


def package_files() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


def test_every_layer_imports_only_from_the_layers_beneath_it() -> None:
    files = package_files()
    assert {path.relative_to(PACKAGE).parts[0] for path in files} >= set(LAYERS)
    found = [problem for path in files for problem in violations(path, path.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


def test_only_the_ui_folder_pages_and_the_entry_script_import_streamlit() -> None:
    drawn = {PACKAGE / "ui", PROJECT_ROOT / "pages"}
    found = []
    for path in [*PACKAGE.rglob("*.py"), *PROJECT_ROOT.glob("pages/*.py"), PROJECT_ROOT / "dashboard.py"]:
        if path == PROJECT_ROOT / "dashboard.py" or any(path.is_relative_to(folder) for folder in drawn):
            continue
        for line, module in imported(path.read_text(encoding="utf-8")):
            if module.split(".")[0] == "streamlit":
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {module}")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("added", ["import streamlit as st", "from sqlalchemy import select", "import pandas as pd"])
def test_the_check_sees_a_forbidden_import(added: str) -> None:
    """The contract fails when it is broken: a domain module with one more import."""
    path = PACKAGE / "domain" / "progress.py"
    source = path.read_text(encoding="utf-8")
    assert violations(path, source) == []
    broken = violations(path, source + f"\n\ndef later() -> None:\n    {added}\n")
    assert len(broken) == 1 and "domain imports" in broken[0]


def test_the_check_sees_a_layer_reaching_upwards() -> None:
    path = PACKAGE / "storage" / "ledger.py"
    source = path.read_text(encoding="utf-8") + "\nfrom tracker.present.charts import goal_text\n"
    assert any("present is above it" in problem for problem in violations(path, source))
