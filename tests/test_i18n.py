"""Every visible string lives in tracker.i18n.STRINGS, in both languages, and the code asks
only for keys that exist.

The checks read the source with ``ast`` rather than running the pages, so a key that only
a rare branch asks for (an error page, a conflict, one enum member) is checked as well.
Each failure lists every violation as ``file:line: text``.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import BROKEN_PLANS, PROJECT_ROOT
from tracker import i18n
from tracker.domain.entries import EntryError, validate_entry
from tracker.domain.plan import Plan, PlanError, load_plan
from tracker.i18n import LANGS, STRINGS, format_date, format_number, format_percent, t

TRACKER = PROJECT_ROOT / "tracker"
PAGES_DIR = PROJECT_ROOT / "pages"
UI_FRAME = TRACKER / "ui" / "frame.py"  # where the pages are listed

KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
NAMESPACES = frozenset(key.split(".")[0] for key in STRINGS)
FILE_SUFFIXES = frozenset({"py", "yaml", "yml", "csv", "xlsx", "db", "txt", "json"})

# Keys whose two texts are legitimately the same. Keep this short: anything else that
# reads the same in both languages is an untranslated string.
IDENTICAL_ALLOWED = {
    "app.lang.vi": "each language is named in itself on the switch: 'Tiếng Việt'",
    "app.lang.en": "each language is named in itself on the switch: 'English'",
}


# --- reading the source ----------------------------------------------------------------


def code_files() -> list[Path]:
    """Every module that may ask for a string: the package, the pages, the entry script."""
    return [*tracker_files(), *sorted(PAGES_DIR.glob("*.py")), PROJECT_ROOT / "dashboard.py"]


def ui_files() -> list[Path]:
    """The modules that draw with streamlit: the pages and tracker/ui/."""
    return [*sorted(PAGES_DIR.glob("*.py")), *sorted((TRACKER / "ui").rglob("*.py"))]


_TREES: dict[Path, ast.Module] = {}


def tree_of(path: Path) -> ast.Module:
    if path not in _TREES:
        _TREES[path] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return _TREES[path]


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PROJECT_ROOT)}:{getattr(node, 'lineno', '?')}"


def is_t_call(node: ast.AST) -> bool:
    """``t(...)`` or ``i18n.t(...)``."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "t"
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "t"
        and isinstance(func.value, ast.Name)
        and (func.value.id == "i18n")
    )


def t_calls_in(path: Path) -> Iterator[tuple[Path, ast.Call]]:
    for node in ast.walk(tree_of(path)):
        if is_t_call(node) and isinstance(node, ast.Call) and node.args:
            yield path, node


def t_calls() -> Iterator[tuple[Path, ast.Call]]:
    for path in code_files():
        yield from t_calls_in(path)


_CALLS: dict[Path, list[tuple[str, ast.Call]]] = {}


def all_calls(path: Path) -> list[tuple[str, ast.Call]]:
    """(called name, call) for every call in a module: ``name(...)`` or ``x.name(...)``."""
    if path not in _CALLS:
        found = []
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                found.append((name, node))
        _CALLS[path] = found
    return _CALLS[path]


def calls_named(name: str, paths: list[Path]) -> Iterator[tuple[Path, ast.Call]]:
    for path in paths:
        yield from ((path, call) for called, call in all_calls(path) if called == name)


def argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position and not isinstance(call.args[position], ast.Starred):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def string_constant(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def key_pattern(node: ast.expr) -> re.Pattern[str] | None:
    """A key built at run time, as a pattern: f"status.{s.value}" or "status." + s.value."""
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z0-9_.-]+" for part in node.values]
        return re.compile("^" + "".join(parts) + "$")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = key_pattern_part(node.left), key_pattern_part(node.right)
        return re.compile("^" + left + right + "$")
    return None


def key_pattern_part(node: ast.expr) -> str:
    text = string_constant(node)
    if text is not None:
        return re.escape(text)
    pattern = key_pattern(node)
    return pattern.pattern[1:-1] if pattern is not None else "[a-z0-9_.-]+"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def has_words(text: str) -> bool:
    """Letters outside ``{placeholders}``: something a person reads."""
    literal = "".join(part for part, _, _, _ in string.Formatter().parse(text))
    return any(ch.isalpha() for ch in literal)


# --- 1. the table itself ---------------------------------------------------------------


def test_every_entry_has_two_non_empty_strings() -> None:
    bad = [
        f"{key}: {value!r}"
        for key, value in STRINGS.items()
        if not (
            isinstance(value, tuple)
            and len(value) == 2
            and all(isinstance(text, str) and text.strip() for text in value)
        )
    ]
    assert not bad, "entries that are not (Vietnamese, English) with both filled in:\n" + "\n".join(bad)


def test_keys_are_well_formed() -> None:
    bad = [key for key in STRINGS if not KEY_SHAPE.match(key)]
    assert not bad, f"keys not shaped like 'area.name': {bad}"


def test_placeholders_are_named_and_parse() -> None:
    """t() fills in keyword parameters only: '{}' or '{0}' could never be filled."""
    bad = []
    for key, texts in STRINGS.items():
        for lang, text in zip(LANGS, texts, strict=True):
            try:
                names = placeholders(text)
            except ValueError as error:
                bad.append(f"{key} ({lang}): {error}: {text!r}")
                continue
            bad += [f"{key} ({lang}): placeholder {{{name}}}" for name in names if not name.isidentifier()]
    assert not bad, "templates t() cannot fill:\n" + "\n".join(bad)


def test_both_languages_use_the_same_placeholders() -> None:
    bad = []
    for key, (vi, en) in STRINGS.items():
        try:
            vi_names, en_names = placeholders(vi), placeholders(en)
        except ValueError:
            continue  # reported by test_placeholders_are_named_and_parse
        if vi_names != en_names:
            bad.append(f"{key}: vi {sorted(vi_names)} / en {sorted(en_names)}")
    assert not bad, "placeholders differ between Vietnamese and English:\n" + "\n".join(bad)


def test_every_template_formats_with_its_own_placeholders() -> None:
    bad = []
    for key, texts in STRINGS.items():
        for lang, text in zip(LANGS, texts, strict=True):
            try:
                t(key, lang, **{name: "x" for name in placeholders(text)})
            except (KeyError, IndexError, ValueError, AttributeError) as error:
                bad.append(f"{key} ({lang}): {error!r}")
    assert not bad, "templates that fail to format:\n" + "\n".join(bad)


def test_vietnamese_is_translated() -> None:
    same = sorted(key for key, (vi, en) in STRINGS.items() if vi == en and has_words(vi))
    unexpected = [f"{key}: {STRINGS[key][0]!r}" for key in same if key not in IDENTICAL_ALLOWED]
    assert not unexpected, "Vietnamese text identical to English (untranslated?):\n" + "\n".join(unexpected)


def test_identical_allow_list_is_still_needed() -> None:
    """The allow-list may not hide a key that is gone or has since been translated."""
    stale = [key for key in IDENTICAL_ALLOWED if key not in STRINGS or STRINGS[key][0] != STRINGS[key][1]]
    assert not stale, f"remove from IDENTICAL_ALLOWED: {stale}"


# --- 2. every key the code asks for exists ----------------------------------------------


def test_every_constant_key_exists() -> None:
    missing = []
    for path, call in t_calls():
        key = string_constant(call.args[0])
        if key is not None and key not in STRINGS:
            missing.append(f"{where(path, call)}: t({key!r})")
    assert not missing, "t() asks for keys that are not in STRINGS:\n" + "\n".join(missing)


def test_every_built_key_matches_some_key() -> None:
    missing = []
    for path, call in t_calls():
        pattern = key_pattern(call.args[0])
        if pattern is not None and not any(pattern.match(key) for key in STRINGS):
            missing.append(f"{where(path, call)}: t({ast.unparse(call.args[0])}) ~ {pattern.pattern}")
    assert not missing, "t() builds keys that match nothing in STRINGS:\n" + "\n".join(missing)


def test_every_key_like_constant_exists() -> None:
    """Keys kept in tables before they reach t(): column headers, menu entries, chart
    legends, filter problems. Any string shaped like a key of a known area must exist."""
    missing = []
    for path in code_files():
        if path.is_relative_to(TRACKER / "i18n"):
            continue
        for node in ast.walk(tree_of(path)):
            text = string_constant(node)
            if (
                text is not None
                and KEY_SHAPE.match(text)
                and text.split(".")[0] in NAMESPACES
                and text.rsplit(".", 1)[1] not in FILE_SUFFIXES
                and text not in STRINGS
            ):
                missing.append(f"{where(path, node)}: {text!r}")
    assert not missing, "key-like strings that are not in STRINGS:\n" + "\n".join(missing)


def dict_literals(path: Path) -> dict[str, list[ast.Dict]]:
    """Every ``NAME = {...}`` (or annotated) in a module, at any depth, by name."""
    found: dict[str, list[ast.Dict]] = {}
    for node in ast.walk(tree_of(path)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Dict) and isinstance(node.target, ast.Name):
            found.setdefault(node.target.id, []).append(node.value)
    return found


def test_keys_built_from_lookup_tables_exist() -> None:
    """f"entry.field.{LABELS[name]}" or f"...{fields.get(column, column)}": every value
    of the dict the key is looked up in must make a key that exists."""
    missing, checked = [], 0
    for path, call in t_calls():
        built = call.args[0]
        if not isinstance(built, ast.JoinedStr) or len(built.values) != 2:
            continue
        prefix, hole = built.values
        if string_constant(prefix) is None or not isinstance(hole, ast.FormattedValue):
            continue
        looked_up = hole.value
        if isinstance(looked_up, ast.Subscript) and isinstance(looked_up.value, ast.Name):
            table = looked_up.value.id
        elif (
            isinstance(looked_up, ast.Call)
            and isinstance(looked_up.func, ast.Attribute)
            and looked_up.func.attr == "get"
            and isinstance(looked_up.func.value, ast.Name)
        ):
            table = looked_up.func.value.id
        else:
            continue
        for literal in dict_literals(path).get(table, []):
            for value in literal.values:
                checked += 1
                key = f"{string_constant(prefix)}{string_constant(value)}"
                if key not in STRINGS:
                    missing.append(f"{where(path, call)}: {key!r} (from {table})")
    assert checked, "no key built from a lookup table was found; update this test"
    assert not missing, "keys built from lookup tables that are not in STRINGS:\n" + "\n".join(missing)


def test_keys_with_a_default_part_exist() -> None:
    """f"entry.kind.{value or 'report'}": the default part makes a key too."""
    missing = []
    for path, call in t_calls():
        built = call.args[0]
        if not isinstance(built, ast.JoinedStr):
            continue
        for index, part in enumerate(built.values):
            if isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.BoolOp):
                for default in part.value.values:
                    text = string_constant(default)
                    if text is None:
                        continue
                    key = "".join(text if i == index else string_constant(p) or "" for i, p in enumerate(built.values))
                    if key not in STRINGS:
                        missing.append(f"{where(path, call)}: {key!r}")
    assert not missing, "\n".join(missing)


def enum_family(prefix: str, values: list[str]) -> list[str]:
    return [f"{prefix}{value}" for value in values if f"{prefix}{value}" not in STRINGS]


# Keys made from every member of an enum: (module, enum or tuple, key prefix).
ENUM_FAMILIES = [
    ("tracker.domain.progress", "Status", "status."),
    ("tracker.domain.plan", "TaskStatus", "task_status."),
    ("tracker.i18n", "LANGS", "app.lang."),
    ("tracker.domain.entries", "EntryKind", "entry.kind."),
    ("tracker.storage.ledger", "Action", "history.action."),
    ("tracker.domain.breakdown", "DistrictKind", "breakdown.kind."),
    ("tracker.storage.tasks", "TaskAction", "tasks.action."),
    ("tracker.domain.pace", "Step", "pace.step."),
    ("tracker.domain.access", "Role", "access.role."),
    ("tracker.service.imports", "Outcome", "import.outcome."),
    ("tracker.domain.reports", "Field", "import.field."),
    ("tracker.domain.reports", "Field", "template.col."),
    ("tracker.storage.periods", "PeriodStatus", "periods.status."),
    ("tracker.storage.periods", "PeriodAction", "periods.action."),
]


@pytest.mark.parametrize(("module", "name", "prefix"), ENUM_FAMILIES, ids=[name for _, name, _ in ENUM_FAMILIES])
def test_enum_families_are_complete(module: str, name: str, prefix: str) -> None:
    members = getattr(importlib.import_module(module), name)
    values = [str(getattr(member, "value", member)) for member in members]
    assert values, f"{module}.{name} is empty"
    missing = enum_family(prefix, values)
    assert not missing, f"members of {module}.{name} without a string: {missing}"


def test_every_enum_built_key_has_its_family_checked() -> None:
    """t(f"prefix.{x.value}") is a key per member of an enum: its family belongs in
    ENUM_FAMILIES, so that a new member without a string fails here."""
    checked = {prefix for _, _, prefix in ENUM_FAMILIES}
    unchecked = []
    for path, call in t_calls():
        built = call.args[0]
        if isinstance(built, ast.JoinedStr) and len(built.values) == 2:
            prefix, hole = string_constant(built.values[0]), built.values[1]
            if (
                prefix is not None
                and isinstance(hole, ast.FormattedValue)
                and isinstance(hole.value, ast.Attribute)
                and hole.value.attr == "value"
                and prefix not in checked
            ):
                unchecked.append(f"{where(path, call)}: {ast.unparse(built)}")
    assert not unchecked, "add these enum-built keys to ENUM_FAMILIES:\n" + "\n".join(unchecked)


def module_constant(path: Path, name: str) -> object:
    """A module-level constant of a module, read without importing it (the ui modules import streamlit)."""
    for node in tree_of(path).body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if value is not None else []
        if value is not None and any(isinstance(x, ast.Name) and x.id == name for x in targets):
            return ast.literal_eval(value)
    raise AssertionError(f"{path.relative_to(PROJECT_ROOT)} has no literal {name}")


def test_every_page_title_exists() -> None:
    pages = module_constant(UI_FRAME, "PAGES")
    assert isinstance(pages, tuple) and pages, "tracker.ui.frame.PAGES is empty"
    missing = [f"{script}: {title!r}" for script, title, *_ in pages if title not in STRINGS]
    assert not missing, f"page titles without a string: {missing}"


def test_every_page_script_has_a_menu_title() -> None:
    """A page left out of tracker.ui.frame.PAGES has no title key and no way in from the menu."""
    pages = module_constant(UI_FRAME, "PAGES")
    listed = {script for script, *_ in pages}  # type: ignore[attr-defined]
    scripts = {str(path.relative_to(PROJECT_ROOT)) for path in PAGES_DIR.glob("*.py")}
    assert listed == scripts, (
        f"in pages/ but not in PAGES: {sorted(scripts - listed)}; gone: {sorted(listed - scripts)}"
    )


def test_export_tables_have_sheet_names() -> None:
    tables = module_constant(TRACKER / "cli.py", "TABLES")
    assert isinstance(tables, tuple)
    assert not enum_family("export.sheet.", list(tables))


def literal_codes(call_name: str, position: int, keyword: str, paths: list[Path]) -> set[str]:
    found = set()
    for _, call in calls_named(call_name, paths):
        text = string_constant(argument(call, position, keyword))
        if text is not None:
            found.add(text)
    return found


def forwarded_literals(function: str, parameter: str, paths: list[Path]) -> set[str]:
    """Constants passed as ``parameter`` to ``function`` (a helper that hands it on)."""
    found = set()
    for path in paths:
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.FunctionDef) and node.name == function:
                names = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
                if parameter not in names:
                    continue  # another function of the same name (a method), not the helper
                position = names.index(parameter)
                found |= literal_codes(function, position, parameter, [path])
    return found


def forwarding_helpers(call_name: str, position: int, keyword: str, paths: list[Path]) -> set[tuple[str, str]]:
    """(function, parameter) where a function passes one of its own parameters on as the
    argument of ``call_name``: _clean_text(raw, field_name, ...) -> EntryProblem(field_name, ...)."""
    found = set()
    for path in paths:
        wanted = {id(call) for _, call in calls_named(call_name, [path])}
        if not wanted:
            continue
        for function in ast.walk(tree_of(path)):
            if not isinstance(function, ast.FunctionDef):
                continue
            parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
            for node in ast.walk(function):
                if id(node) in wanted:
                    passed = argument(node, position, keyword)  # type: ignore[arg-type]
                    if isinstance(passed, ast.Name) and passed.id in parameters:
                        found.add((function.name, passed.id))
    return found


def codes_set_inside(call_name: str) -> set[str]:
    """The codes a class gives itself: the literals (either branch of an ``x if y else z``
    too) its own ``__init__`` hands to ``super().__init__`` as the code."""
    cls = classes_by_name().get(call_name)
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None) if cls else None
    codes: set[str] = set()
    for node in ast.walk(init) if init is not None else ():
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id == "super"
            and node.args
            and isinstance(node.args[0], ast.Constant | ast.IfExp)  # not a message built by a call
        ):
            codes |= {text for inner in ast.walk(node.args[0]) if (text := string_constant(inner)) is not None}
    return codes


def codes_for(call_name: str, position: int, keyword: str, paths: list[Path]) -> set[str]:
    codes = literal_codes(call_name, position, keyword, paths) | codes_set_inside(call_name)
    for function, parameter in forwarding_helpers(call_name, position, keyword, paths):
        codes |= forwarded_literals(function, parameter, paths)
    return codes


def tracker_files() -> list[Path]:
    return sorted(TRACKER.rglob("*.py"))


def test_plan_problem_codes_exist() -> None:
    """Problem(path, line, field, CODE) renders t(f"plan.problem.{code}"). Codes come from
    the loader's literals, the pydantic error map, and the model validators' ValueError."""
    plan_py = TRACKER / "domain" / "plan.py"
    codes = codes_for("Problem", 3, "code", tracker_files())
    codes |= {str(value) for value in module_constant(plan_py, "_ERROR_CODES").values()}  # type: ignore[attr-defined]
    for node in ast.walk(tree_of(plan_py)):
        raised = node.exc if isinstance(node, ast.Raise) else None
        if isinstance(raised, ast.Call) and isinstance(raised.func, ast.Name) and raised.func.id == "ValueError":
            codes |= {text for arg in raised.args if (text := string_constant(arg)) is not None}
        # code = ....get(kind, "invalid") and if code == "too_large": the codes the loader names
        if isinstance(node, ast.Assign) and any(isinstance(x, ast.Name) and x.id == "code" for x in node.targets):
            for inner in ast.walk(node.value):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "get":
                    codes |= {text for arg in inner.args[1:] if (text := string_constant(arg)) is not None}
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == "code":
            codes |= {text for c in node.comparators if (text := string_constant(c)) is not None}
    assert len(codes) > 10, f"too few plan problem codes found ({sorted(codes)}); update this test"
    missing = enum_family("plan.problem.", sorted(codes))
    assert not missing, f"plan problems without a string: {missing}"


def constructor_position(cls: ast.ClassDef, attribute: str) -> int | None:
    """Where ``attribute`` is passed to the class: its place among a dataclass's fields,
    or the ``__init__`` parameter stored as ``self.attribute``."""
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None:
        fields = [f.target.id for f in cls.body if isinstance(f, ast.AnnAssign) and isinstance(f.target, ast.Name)]
        return fields.index(attribute) if attribute in fields else None
    parameters = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]  # without self
    for node in ast.walk(init):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and node.value.id in parameters
            and any(isinstance(x, ast.Attribute) and x.attr == attribute for x in node.targets)
        ):
            return parameters.index(node.value.id)
    return None


def classes_by_name() -> dict[str, ast.ClassDef]:
    return {
        node.name: node
        for path in tracker_files()
        for node in ast.walk(tree_of(path))
        if isinstance(node, ast.ClassDef)
    }


def key_hole(call: ast.Call) -> tuple[str, ast.Attribute] | None:
    """t(f"prefix.{obj.attr}") or t(obj.attr): the constant prefix and ``obj.attr``."""
    built, prefix, hole = call.args[0], "", None
    if isinstance(built, ast.Attribute):
        hole = built
    elif isinstance(built, ast.JoinedStr) and len(built.values) == 2:
        prefix = string_constant(built.values[0]) or ""
        formatted = built.values[1]
        hole = formatted.value if isinstance(formatted, ast.FormattedValue) else None
    if isinstance(hole, ast.Attribute) and isinstance(hole.value, ast.Name):
        return prefix, hole
    return None


def keyed_classes() -> list[tuple[str, str, str, int]]:
    """Classes whose instances carry a key, or the code in a key, that t() is asked for:
    EntryProblem renders t(f"entry.problem.{self.code}"), FilterProblem t(self.code) (a
    whole key), and a page shows an ``except RevertError as error`` as
    t(f"history.revert_error.{error.code}").
    (class, key prefix, field, the field's place in the constructor call)."""
    classes = classes_by_name()
    found = set()
    for path in code_files():
        tree = tree_of(path)
        caught = {
            handler.name: handler.type.id
            for handler in ast.walk(tree)
            if isinstance(handler, ast.ExceptHandler) and handler.name and isinstance(handler.type, ast.Name)
        }
        owners = {
            id(call): cls.name for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) for call in ast.walk(cls)
        }
        for _, call in t_calls_in(path):
            hole = key_hole(call)
            if hole is None:
                continue
            prefix, attribute = hole
            holder = attribute.value.id  # type: ignore[attr-defined]
            name = owners.get(id(call)) if holder == "self" else caught.get(holder)
            if name is None or name not in classes:
                continue
            if name == "CodedError":  # t(f"{self.prefix}{self.code}"): each subclass names its prefix
                found |= {(sub, sub_prefix, "code", 0) for sub, sub_prefix in coded_errors(classes)}
                continue
            position = constructor_position(classes[name], attribute.attr)
            assert position is not None, f"{where(path, call)}: cannot tell how {name}.{attribute.attr} is given"
            found.add((name, prefix, attribute.attr, position))
    return sorted(found)


def coded_errors(classes: dict[str, ast.ClassDef]) -> list[tuple[str, str]]:
    """The subclasses of CodedError and the key prefix each sets (``prefix = "..."``)."""
    found = []
    for name, cls in classes.items():
        if not any(isinstance(base, ast.Name) and base.id == "CodedError" for base in cls.bases):
            continue
        for node in cls.body:
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(target, ast.Name) and target.id == "prefix" for target in node.targets)
                and string_constant(node.value)
            ):
                found.append((name, str(string_constant(node.value))))
    return found


KEYED = keyed_classes()


def test_keyed_classes_are_found() -> None:
    names = {name for name, *_ in KEYED}
    expected = {"Problem", "EntryProblem", "FilterProblem", "RevertError", "AccessDeniedError", "TaskError"}
    assert expected <= names, f"found only {sorted(names)}; update this test"


@pytest.mark.parametrize(("cls", "prefix", "attribute", "position"), KEYED, ids=[f"{c}.{a}" for c, _, a, _ in KEYED])
def test_codes_given_to_keyed_classes_exist(cls: str, prefix: str, attribute: str, position: int) -> None:
    """Every literal code (or field) the code creates one of these with makes a key that
    exists: EntryProblem("quantity", "negative") needs entry.field.quantity and
    entry.problem.negative; literals handed on through a helper count too."""
    codes = codes_for(cls, position, attribute, tracker_files())
    assert codes, f"no literal {attribute} given to {cls}(...); update this test"
    missing = enum_family(prefix, sorted(codes))
    assert not missing, f"{cls}({attribute}=...) makes keys that are not in STRINGS: {missing}"


@pytest.mark.parametrize("broken", sorted(BROKEN_PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_broken_plan_messages_render_in_both_languages(broken: Path) -> None:
    """The real loader on each broken file: every message it produces has its string and
    gets the parameters its template asks for (t() raises KeyError otherwise)."""
    with pytest.raises(PlanError) as caught:
        load_plan(broken)
    for lang in LANGS:
        lines = caught.value.render(lang)
        assert lines and all(line.strip() for line in lines)


def test_entry_problem_messages_render_in_both_languages(plan: Plan) -> None:
    """A form with everything wrong: every message renders with its parameters."""
    attempts = [
        {"target_id": "no-such-target", "quantity": "abc", "ref_date": "31/02/2017", "district": "Paris"},
        {"target_id": "x", "quantity": "1.234,5.6", "ref_date": None, "district": None, "entered_by": ""},
        {"target_id": "x", "quantity": None, "ref_date": "2099-01-01", "note": "a\x00b", "village": "v" * 10_000},
    ]
    for attempt in attempts:
        with pytest.raises(EntryError) as caught:
            validate_entry(plan, **attempt)  # type: ignore[arg-type]
        for lang in LANGS:
            assert all(line.strip() for line in caught.value.render(lang))


# --- 4. pages never type a visible string inline ----------------------------------------

# keyword arguments whose text a person reads
VISIBLE_KEYWORDS = frozenset({"label", "help", "placeholder", "title", "caption", "body", "text", "display_text"})
# streamlit calls that return something to draw into
CONTAINERS = frozenset({"columns", "tabs", "expander", "container", "sidebar", "form", "empty", "popover", "status"})
# state, not display
NOT_DISPLAY = frozenset({"session_state", "query_params", "secrets", "cache_data", "cache_resource", "context"})
# positional arguments that are not text: a form's key, a page's script
NOT_TEXT_POSITIONS = {"form": {0}, "page_link": {0}, "switch_page": {0}, "Page": {0}}


def chain(node: ast.expr) -> list[str]:
    """st.sidebar.radio -> ["st", "sidebar", "radio"]; [] when not rooted at a name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call):  # st.columns(2)[0].metric / st.sidebar.expander(...).write
        inner = chain(node.func)
        return [*inner, *reversed(parts)] if inner else []
    if isinstance(node, ast.Subscript):
        inner = chain(node.value)
        return [*inner, *reversed(parts)] if inner else []
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else []


def drawing_names(tree: ast.Module) -> set[str]:
    """Names bound to streamlit containers: left, right = st.columns(2); a ``container=st``
    parameter; for column, s in zip(st.columns(n), ...)."""
    names = {"st"}

    def from_streamlit(value: ast.AST) -> bool:
        for inner in ast.walk(value):
            if isinstance(inner, ast.Name) and inner.id == "st" and value is inner:
                return True
            if isinstance(inner, ast.Call):
                parts = chain(inner.func)
                if parts and parts[0] == "st" and parts[-1] in CONTAINERS:
                    return True
        return False

    def bind(target: ast.AST) -> None:
        for inner in ast.walk(target):
            if isinstance(inner, ast.Name):
                names.add(inner.id)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and from_streamlit(node.value):
            for target in node.targets:
                bind(target)
        elif isinstance(node, ast.For) and from_streamlit(node.iter):
            bind(node.target)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None and from_streamlit(node.context_expr):
            bind(node.optional_vars)
        elif isinstance(node, (ast.FunctionDef, ast.Lambda)):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            for arg, default in zip(
                positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
            ):
                if isinstance(default, ast.Name) and default.id == "st":
                    names.add(arg.arg)
            for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
                if isinstance(default, ast.Name) and default.id == "st":
                    names.add(arg.arg)
    return names


ICON = re.compile(r"^:[a-z_]+/[a-z0-9_]+:$")


def inline_text(node: ast.expr) -> list[ast.AST]:
    """String constants (or constant parts of f-strings) with words in them, looked for
    inside an argument: in concatenations, joins, conditionals, lists, but not inside
    t(...) — its arguments are keys and parameters."""
    found: list[ast.AST] = []

    def visit(inner: ast.AST) -> None:
        if is_t_call(inner):
            return
        if isinstance(inner, ast.JoinedStr):
            for part in inner.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str) and has_letters(part.value):
                    found.append(inner)
                    break
                if isinstance(part, ast.FormattedValue):
                    visit(part.value)  # not its format spec (":,.0f" is no word)
            return
        text = string_constant(inner)
        if text is not None:
            if has_letters(text) and not ICON.match(text.strip()):
                found.append(inner)
            return
        for child in ast.iter_child_nodes(inner):
            visit(child)

    visit(node)
    return found


STRFTIME_DIRECTIVE = re.compile(r"%[-#_^0]?[A-Za-z]")


def has_letters(text: str) -> bool:
    """Words a person reads; a date format ('%d/%m/%Y %H:%M') has none."""
    text = STRFTIME_DIRECTIVE.sub("", text)
    try:
        return has_words(text)
    except ValueError:  # not a format string ("{" alone): judge the raw text
        return any(ch.isalpha() for ch in text)


def inline_strings(path: Path) -> list[str]:
    tree = tree_of(path)
    drawers = drawing_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        parts = chain(node.func)
        if len(parts) < 2 or parts[0] not in drawers or NOT_DISPLAY & set(parts):
            continue
        skipped = NOT_TEXT_POSITIONS.get(parts[-1], set())
        arguments = [a for i, a in enumerate(node.args) if i not in skipped]
        arguments += [k.value for k in node.keywords if k.arg in VISIBLE_KEYWORDS]
        for arg in arguments:
            for text in inline_text(arg):
                found.append(f"{where(path, text)}: {'.'.join(parts)}(... {ast.unparse(text)} ...)")  # type: ignore[arg-type]
    return found


def test_ui_modules_are_found() -> None:
    names = {path.name for path in ui_files()}
    assert {"frame.py", "editing.py", "sign_in.py", "overview.py", "record.py", "target.py", "history.py"} <= names


@pytest.mark.parametrize("path", ui_files(), ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_no_inline_visible_strings(path: Path) -> None:
    found = inline_strings(path)
    assert not found, "visible text typed inline; use t(key, lang):\n" + "\n".join(found)


def test_the_inline_check_catches_inline_strings() -> None:
    """The checker itself: it must see inline text where pages put it, and let keys,
    icons, page scripts and punctuation through."""
    sample = ast.parse(
        "import streamlit as st\n"
        "left, right = st.columns(2)\n"
        "st.title('Tổng quan')\n"
        "left.metric(t('status.achieved', lang), 3)\n"
        "right.button(f'Save {n} rows', key='save')\n"
        "st.sidebar.text_input(t('app.person', lang), help='Your name')\n"
        "tab, other = st.tabs(['Chart', t('target.breakdown_table', lang)])\n"
        "st.info(f\"**{t('overview.empty.title', lang)}**\\n\\n{x}\")\n"
        "st.page_link('pages/record.py', label=t('nav.record', lang), icon=':material/edit_note:')\n"
        "st.caption(f'{title} · ' + t('app.period', lang))\n"
        "with st.form('record_entry'):\n"
        "    st.error(t('record.not_saved', lang) + '\\n\\n' + '\\n'.join(f'- {x}' for x in lines))\n"
        "st.session_state.get('lang_choice', 'vi')\n"
        "st.column_config.NumberColumn('#', disabled=True)\n"
        "right.text(f\"{who} · {when.strftime('%d/%m/%Y %H:%M')}\")\n"
        "st.spinner('Đang tải')\n"
    )
    sample_path = PAGES_DIR / "_sample_.py"
    _TREES[sample_path] = sample
    try:
        found = inline_strings(sample_path)
    finally:
        del _TREES[sample_path]
    lines = sorted(int(entry.split(":")[1]) for entry in found)
    assert lines == [3, 5, 6, 7, 16], found


# --- 5. numbers and dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (30000, "vi", 1, "30.000"),
        (30000, "en", 1, "30,000"),
        (1234.5, "vi", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567.891, "vi", 3, "1.234.567,891"),
        (None, "vi", 1, "–"),
    ],
)
def test_format_number(value: float | None, lang: i18n.Lang, decimals: int, expected: str) -> None:
    assert format_number(value, lang, decimals) == expected


def test_format_percent() -> None:
    assert format_percent(0.925, "vi") == "92,5%"
    assert format_percent(0.925, "en") == "92.5%"
    assert format_percent(12.5, "vi") == "1.250%"
    assert format_percent(None, "en") == "–"


def test_format_date_is_day_month_year_in_both_languages() -> None:
    assert format_date(dt.date(2017, 3, 5)) == "05/03/2017"
    assert format_date(dt.date(2017, 12, 31)) == "31/12/2017"
    assert format_date(None) == "–"
