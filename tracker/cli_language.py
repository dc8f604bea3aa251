"""The command line's language, known before its arguments are parsed (the help and
argparse's refusals are written while parsing), and argparse's own words in it.

argparse asks gettext for each of its words (``usage:``, ``options``, the help flag's
text, its refusals) through its module's ``_``; Python ships no Vietnamese catalogue for
them, so while a parser is built and used, ``_`` answers from tracker.i18n: the English
of each ``cli.argparse.*`` key is argparse's text exactly, the Vietnamese its translation.
A word argparse writes that is not there stays English (see the README's limits).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Iterator, Sequence

from tracker.i18n import LANGS, STRINGS, Lang

LANG_ENV = "TRACKER_LANG"
ARGPARSE_PREFIX = "cli.argparse."


def default_lang() -> Lang:
    """TRACKER_LANG if it names a language, else Vietnamese."""
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    return next((lang for lang in LANGS if lang == chosen), "vi")


def lang_of(argv: Sequence[str]) -> Lang:
    """``--lang`` wherever it is among ``argv`` (else TRACKER_LANG, else vi). A value that
    is no language is left for the full parser to refuse, in the default language."""
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--lang")
    try:
        known, _ = early.parse_known_args(argv)
    except argparse.ArgumentError:  # `--lang` without a value: the full parser says so
        return default_lang()
    chosen = str(known.lang or "").strip().lower()
    return next((lang for lang in LANGS if lang == chosen), default_lang())


def argparse_words(lang: Lang) -> dict[str, str]:
    """argparse's text -> the same in ``lang``."""
    index = LANGS.index(lang)
    return {texts[1]: texts[index] for key, texts in STRINGS.items() if key.startswith(ARGPARSE_PREFIX)}


@contextlib.contextmanager
def argparse_speaking(lang: Lang) -> Iterator[None]:
    """argparse's own words in ``lang`` until the block ends (a ``--help`` or a refusal
    ends it with SystemExit: argparse speaks English again for anyone after)."""
    words = argparse_words(lang)
    english: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: words.get(message) or english(message)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = english  # type: ignore[attr-defined]
