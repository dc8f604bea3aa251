"""The overview's floor (bench/floor_app.py) draws what the overview draws: the same
elements in the same places with the same words, tables and figure, so that the
benchmark's "within 1,5× of bare Streamlit" compares the page with Streamlit drawing that
very page, not a smaller one."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT
from tests.helpers import open_dashboard

BENCH = PROJECT_ROOT / "bench"
DRAWN_AS_TEXT = {"Title", "Caption", "Subheader", "PageLink", "Metric", "DateInput", "Selectbox", "Radio", "Warning"}


def bench_module(name: str) -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


def drawn(app: AppTest) -> list[tuple[str, Any]]:
    """Every element in page order, with what a person reads in it: its words, a table's
    cells, a figure's data and layout."""
    seen: list[tuple[str, Any]] = []

    def walk(node: Any) -> None:
        kind = type(node).__name__
        if kind in DRAWN_AS_TEXT:
            seen.append((kind, getattr(node, "label", None) or getattr(node, "value", None)))
        elif kind == "Dataframe":
            # the cells, the status colours and the column config (headers, widths, links)
            styler = node.proto.arrow_data.styler
            colours = styler.styles.replace(styler.uuid, "") if styler.uuid else styler.styles  # an id of each element
            seen.append((kind, (node.value.to_dict("list"), colours, node.proto.columns)))
        elif kind == "DownloadButton":
            seen.append((kind, (node.label, node.proto.help)))
        elif getattr(node, "proto", None) is not None and node.proto.DESCRIPTOR.name == "PlotlyChart":
            seen.append(("PlotlyChart", json.loads(node.proto.spec)))
        else:
            seen.append((kind, None))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(app._tree)
    return seen


def test_the_floor_draws_the_overview_element_for_element(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str
) -> None:
    ledgers, floor_data = bench_module("ledgers"), bench_module("floor_data")
    targets = ledgers.plans_file(tmp_path)  # ten plans: the sidebar has the plan switch
    plan = ledgers.read_plans(targets).default
    ledgers.load(sqlite_url, ledgers.monthly_rows(plan, ledgers.SEED), [plan])
    page = open_dashboard(monkeypatch, sqlite_url, targets=targets)
    assert not page.exception
    numbers = tmp_path / "floor.pickle"
    floor_data.write("overview", sqlite_url, numbers)
    monkeypatch.setenv("BENCH_FLOOR_DATA", str(numbers))
    floor = AppTest.from_file(str(BENCH / "floor_app.py"), default_timeout=60)
    floor.run()
    assert not floor.exception
    shown, floor_shown = drawn(page), drawn(floor)
    assert [kind for kind, _ in floor_shown] == [kind for kind, _ in shown]
    assert floor_shown == shown
    assert sum(kind == "PageLink" for kind, _ in shown) == 10  # the nine pages and the reporting line
