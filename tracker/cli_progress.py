"""What a long command (db copy, backup, restore, import, export) shows while it works:
tqdm's bar on standard error when that is a terminal, nothing at all otherwise, so that a
log, a pipe or a scheduled job gets the command's result and nothing else."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from tracker.i18n import Lang, t

if TYPE_CHECKING:  # loaded only when a bar is drawn: every command starts without it
    from tqdm import tqdm


class Bar:
    """One bar per step of a command (``transfer.step.<step>`` names it): ``begin`` a step
    of ``total`` rows (0: not known), ``advance`` it, ``end`` it (the bar is then cleared).
    ``in_bytes``: the step counts bytes written, shown as kB and MB."""

    def __init__(self, lang: Lang, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.bar: tqdm[Any] | None = None

    def begin(self, step: str, total: int, *, in_bytes: bool = False) -> None:
        self.end()
        if not self.shown:
            return
        from tqdm import tqdm

        self.bar = tqdm(
            total=total or None,  # a step of unknown length shows how far it has got
            desc=t(f"transfer.step.{step}", self.lang),
            unit="B" if in_bytes else t("transfer.unit", self.lang),
            unit_scale=in_bytes,
            file=self.stream,
            leave=False,
            dynamic_ncols=True,
        )

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def end(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class CountedWrites:
    """``out`` that tells ``bar`` how many bytes went through it: an export's progress
    without the export knowing of any bar."""

    def __init__(self, out: BinaryIO, bar: Bar) -> None:
        self.out = out
        self.bar = bar

    def write(self, data: bytes) -> int:
        written = self.out.write(data)
        self.bar.advance(len(data))
        return written

    def __getattr__(self, name: str) -> Any:  # seek, tell, flush...: the file's own
        return getattr(self.out, name)
