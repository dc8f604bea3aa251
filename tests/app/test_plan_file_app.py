"""The plan file as the running app reads it (AppTest): an edit shows on the next page
load, a mistake made while the app runs shows the error page with its file and line, and
whatever the plan's words hold, they are shown as written, never as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import TARGETS_FILE, open_dashboard, sign_in_as
from tracker.domain.entries import validate_entry
from tracker.domain.plan import load_plan
from tracker.storage.ledger import Ledger

WORKERS_TITLE = "Đào tạo nghề, truyền nghề cho lao động"
WORKERS_SHORT = "Đào tạo nghề cho lao động"  # its short name, which tables show


def copy_of_plan(tmp_path: Path) -> Path:
    targets = tmp_path / "targets.yaml"
    targets.write_text(TARGETS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    return targets


def overview_titles(app: AppTest) -> list[str]:
    goals = app.dataframe[0].value  # with nothing recorded, the overview lists the goals
    return goals.iloc[:, 0].tolist()


def test_an_edited_plan_file_shows_on_the_next_page_load(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    targets = copy_of_plan(tmp_path)
    app = open_dashboard(monkeypatch, sqlite_url, targets=targets)
    assert WORKERS_SHORT in overview_titles(app)  # the goals' table names targets by short names

    corrected = "Lao động được đào tạo nghề"  # a corrected short name, of another length
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace(f'vi: "{WORKERS_SHORT}"', f'vi: "{corrected}"'), encoding="utf-8")
    app = open_dashboard(monkeypatch, sqlite_url, targets=targets)  # the next page load
    assert not app.exception
    assert corrected in overview_titles(app) and WORKERS_SHORT not in overview_titles(app)


def test_a_plan_file_broken_while_the_app_runs_shows_its_error_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path
) -> None:
    targets = copy_of_plan(tmp_path)
    app = open_dashboard(monkeypatch, sqlite_url, targets=targets)
    assert app.title[0].value == "Tổng quan tiến độ"

    text = targets.read_text(encoding="utf-8")
    broken = text.replace("goal: {shape: exact, value: 100}", "goal: {shape: exact, value: -100}")
    line = broken[: broken.index("value: -100")].count("\n") + 1
    targets.write_text(broken, encoding="utf-8")
    app = open_dashboard(monkeypatch, sqlite_url, targets=targets)
    assert not app.exception
    assert app.title[0].value == "Không đọc được tệp kế hoạch"
    assert f"{targets}:{line}:" in app.code[0].value  # the file and the line of the mistake

    targets.write_text(text, encoding="utf-8")  # mended: the overview is back
    app = open_dashboard(monkeypatch, sqlite_url, targets=targets)
    assert app.title[0].value == "Tổng quan tiến độ"


# --- the plan's words are text ---------------------------------------------------------

LINK = "[bấm vào đây](http://evil.example/link)"
IMAGE = "![ảnh](http://127.0.0.1:9/pixel.png)"
TAG = "<img src=http://127.0.0.1:9/tag.png>"
HOSTILE = f"{LINK} {IMAGE} {TAG} **đậm** `mã` $x^2$ www.evil.example http://evil.example/bare"
# What must never reach a Markdown renderer unescaped (a bare address becomes a link too).
RAW = re.compile(r"(?<!\\)\]\(http|(?<!\\)!\[|(?<!\\)<img|(?<!\\)\*\*đậm|(?<!\\)`mã|(?<!\\)\$x|(?<!\\)://|www\.")


def hostile_plan(tmp_path: Path) -> Path:
    """The real plan with Markdown, an image and an HTML tag in the plan's title and
    source, a target's title, unit and agency, and a task's title and owner."""
    text = TARGETS_FILE.read_text(encoding="utf-8")
    replacements = [
        ('en: "2017 action plan of', f'en: "{HOSTILE} 2017 action plan of'),
        ('vi: "Kế hoạch hoạt động của Ban', f'vi: "{HOSTILE} Kế hoạch hoạt động của Ban'),
        (f'vi: "{WORKERS_TITLE}"', f'vi: "{WORKERS_TITLE} {HOSTILE}"'),
        ('unit: {vi: "lao động", en: "workers"}', f'unit: {{vi: "lao động {HOSTILE}", en: "workers {HOSTILE}"}}'),
        ('vi: "UBND thành phố Hà Nội (Ban Chỉ đạo', f'vi: "{HOSTILE} UBND thành phố Hà Nội (Ban Chỉ đạo'),
        ('source: "Hà Nội: Triển khai', f'source: "{HOSTILE} Hà Nội: Triển khai'),
    ]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    plan_file = tmp_path / "hostile.yaml"
    plan_file.write_text(text, encoding="utf-8")
    plan = load_plan(plan_file)  # still a valid plan
    task = plan.tasks[0]
    text = text.replace(f'"{task.title.vi}"', f'"{task.title.vi} {HOSTILE}"', 1)
    text = text.replace(f'"{task.owner.vi}"', f'"{task.owner.vi} {HOSTILE}"', 1)
    plan_file.write_text(text, encoding="utf-8")
    assert HOSTILE in load_plan(plan_file).tasks[0].title.vi
    return plan_file


def shown_text(node: Any) -> Iterator[str]:
    """Every string of the page that Streamlit renders as Markdown: bodies (markdown,
    captions, headings, alerts) and labels (widgets, metrics), in every block."""
    proto = getattr(node, "proto", None)
    plain = getattr(node, "type", None) in {"text", "code"}  # st.text and st.code show text as it is
    for field in () if plain else ("body", "label"):
        value = getattr(proto, field, None) if proto is not None else None
        if isinstance(value, str) and value:
            yield value
    for child in getattr(node, "children", {}).values():
        yield from shown_text(child)


def leaks(app: AppTest) -> list[str]:
    return [text for text in shown_text(app._tree) if RAW.search(text)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown_in_the_plan_is_shown_as_written_on_every_page(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path, lang: str
) -> None:
    plan_file = hostile_plan(tmp_path)
    plan = load_plan(plan_file)
    store = Ledger(sqlite_url)
    store.record(
        validate_entry(plan, target_id="workers-trained", quantity=450, ref_date="2017-03-31", entered_by="Sở")
    )
    store.dispose()
    app = open_dashboard(monkeypatch, sqlite_url, targets=plan_file)
    app = sign_in_as(app, sqlite_url, "Trần Thị Lan")  # an editor: the forms and their labels are drawn too
    if lang == "en":
        app.sidebar.radio(key="lang").set_value("en").run()
    seen = 0
    for page, query in [
        ("pages/overview.py", {}),
        ("pages/record.py", {"target": "workers-trained"}),
        ("pages/target.py", {"target": "workers-trained", "as_of": "2017-06-30"}),
        ("pages/tasks.py", {"task": plan.tasks[0].id}),
        ("pages/history.py", {}),
    ]:
        app.query_params.update(query)
        app.switch_page(page).run()
        assert not app.exception, page
        assert not leaks(app), (page, leaks(app))
        seen += sum("bấm vào đây" in text for text in shown_text(app._tree))
    assert seen >= 5  # the hostile words were on the pages, escaped
