"""`streamlit run` with every script run timed on the server, for bench/clicks.py and
bench/sessions.py: where a click's time goes (the page's Python, or the browser).

    python bench/timed_server.py RUNS_LOG streamlit-arguments...

Each run of a page's script (Streamlit's ScriptRunner._run_script, st.rerun and page
switches within it included) appends one line to RUNS_LOG: its session, the wall-clock
time it started (time.time(), comparable with the browser driver's on the same machine)
and how long it took, in seconds. Nothing of the app is changed; the patch is Streamlit's.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _patch(log: Path) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    lock = threading.Lock()

    def timed_run(self: Any, rerun_data: Any) -> None:
        started, clock = time.time(), time.perf_counter()
        try:
            original(self, rerun_data)
        finally:
            line = json.dumps({"session": self._session_id, "start": started, "seconds": time.perf_counter() - clock})
            with lock, log.open("a", encoding="utf-8") as output:
                output.write(line + "\n")

    script_runner.ScriptRunner._run_script = timed_run


def main() -> None:
    log = Path(sys.argv[1])
    _patch(log)
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[2:]]
    streamlit_main()


if __name__ == "__main__":
    main()
