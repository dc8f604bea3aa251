"""Which sessions may send the server a file, and how many it keeps for each.

Streamlit takes an upload (``PUT /_stcore/upload_file/<session>/<file>``) from any open
session, under any file id, and keeps its bytes in memory until the session ends, whether
or not the page ever drew an uploader. The app draws one only for a person who may import
(tracker/ui/import_parts.py); this gate, an ASGI middleware around the server
(dashboard.py), makes that true of the server too: an upload is taken only from a session
whose import page drew the uploader on its latest run, and only while that session holds
fewer than ``MAX_FILES_HELD`` files (the uploader holds one; the browser removes a file it
replaces). Anything else is answered 403 or 429 before its body is read.
"""

from __future__ import annotations

import logging
import re
import threading

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

log = logging.getLogger(__name__)

MAX_FILES_HELD = 3
_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")
_permitted: set[str] = set()
_lock = threading.Lock()


def permit_uploads(allowed: bool) -> None:
    """Whether this run's session may upload, as the page has just decided (the uploader is
    drawn, or not). Sessions that have ended are forgotten on the way."""
    run = get_script_run_ctx()
    if run is None:
        return
    with _lock:
        if allowed:
            _permitted.add(run.session_id)
        else:
            _permitted.discard(run.session_id)
        if runtime.exists():
            current = runtime.get_instance()
            _permitted.difference_update([ended for ended in _permitted if not current.is_active_session(ended)])


def _files_held(session_id: str) -> int:
    """How many uploaded files the server keeps for the session (0 if it cannot tell)."""
    if not runtime.exists():
        return 0
    storage = getattr(runtime.get_instance().uploaded_file_mgr, "file_storage", None)
    held = storage.get(session_id) if isinstance(storage, dict) else None
    return len(held) if held is not None else 0


def refusal(method: str, path: str) -> int | None:
    """The status an upload request gets instead of reaching Streamlit, or None to let it
    through. Only the upload itself (PUT) is gated: removing a file is always allowed."""
    found = _UPLOAD_PATH.search(path)
    if method != "PUT" or found is None:
        return None
    session_id = found[1]
    with _lock:
        permitted = session_id in _permitted
    if not permitted:
        return 403
    if _files_held(session_id) >= MAX_FILES_HELD:
        return 429
    return None


class UploadGate:
    """ASGI middleware: uploads only from sessions the import page permitted (see above)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        status = refusal(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        if status is None:
            await self.app(scope, receive, send)
            return
        answer = "uploads are for editors on the import page" if status == 403 else "too many files held"
        log.warning("refused an upload (%s): %s", status, answer)
        await PlainTextResponse(answer, status_code=status)(scope, receive, send)
