"""Entry point: `streamlit run dashboard.py`. Page set-up, the plan, navigation.

`streamlit run` first imports this file to find its server (``app``, an ``st.App``):
Streamlit's routes plus the two that set and clear the sign-in cookie, which only a
server's HTTP response can make HttpOnly; a guard that keeps other sites from framing
the app; and one that tells the pages which scheme their websocket came by, so that a
sign-in counts only from a page of the app's own origin (tracker/ui/cookie_routes.py).
The upload gate takes files only from the sessions of people who may import
(tracker/ui/upload_gate.py). Then every page run executes it as the script (``__main__``).
"""

import streamlit as st

if __name__ != "__main__":
    import sys

    # One person's import (seconds of Python, reading a file) must not make everyone else's
    # page wait for it: the server's other threads take Python's lock in turns of 0,5 ms
    # instead of 5 ms, and each of their many short steps no longer waits a whole turn
    # (bench/costly_files.py: the overview drawn in 2,7 s instead of 6,7 s meanwhile).
    sys.setswitchinterval(0.0005)

    from starlette.middleware import Middleware
    from streamlit.web.server.starlette.starlette_websocket import is_host_allowed

    from tracker.ui.cookie_routes import FrameAndCookieGuard, HandshakeScheme, routes
    from tracker.ui.upload_gate import UploadGate

    guards = [Middleware(FrameAndCookieGuard), Middleware(HandshakeScheme), Middleware(UploadGate)]
    app = st.App(__file__, routes=routes(is_host_allowed), middleware=guards)
else:
    from tracker.i18n import t
    from tracker.ui import frame
    from tracker.ui.language import lang

    st.set_page_config(**frame.PAGE_CONFIG)
    pages = [
        st.Page(script, title=t(title, lang()), icon=icon, url_path=address, default=index == 0)
        for index, (script, title, icon, address) in enumerate(frame.PAGES)
    ]
    # Each page draws the menu and the rest of the frame itself (tracker.ui.frame.page).
    st.navigation(pages, position="hidden").run()
