"""Who is using the app: the sidebar's sign-in, the signed-in person, or, while the app
has no users at all, the name typed once per session on this computer.

Only the session's token is kept in the browser session; who it belongs to and what
they may do is read from the database on every run and checked again by every write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st
from streamlit import runtime
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tracker import settings
from tracker.domain.access import (
    PROXY_HEADERS,
    AccessDeniedError,
    Connection,
    Credential,
    Permission,
    Role,
    from_own_page,
    is_this_computer,
)
from tracker.domain.entries import MAX_AUTHOR
from tracker.i18n import t
from tracker.storage.accounts import NO_ADDRESS, Accounts, Identity, SignInError
from tracker.storage.ledger import Ledger
from tracker.ui import reads
from tracker.ui.cookie_routes import END_PATH, SCHEME_HEADER, SET_PATH, session_token
from tracker.ui.language import apply_at_sign_in, follow_account, lang, switched
from tracker.ui.widgets import person
from tracker.ui.writes import Refused, attempt

TOKEN_KEY = "session_token"  # the only trace of a sign-in kept in the browser session
NOTICE_KEY = "access_notice"
ENDED_KEY = "session_ended"  # a sign-in ended (expired, signed out elsewhere) with the forms on screen
WAS_EDITOR_KEY = "signed_in_editor"  # whether the last signed-in run could edit
COOKIE_WRITE_KEY = "session_cookie_write"  # the cookie to set (a token) or clear ("") on this run
SIGN_IN_FORM = "sign_in"
# The token also lives in a cookie of this app, so a reload or a second tab stays signed
# in. It is random, unguessable and revocable: the database holds its hash, its expiry
# and whether it was signed out, and every run and every write asks the database. The
# server sets and clears the cookie (HttpOnly); the page only asks it to.
_COOKIE_SAFE = re.compile(r"[A-Za-z0-9_-]{0,256}")
_SET_COOKIE_SCRIPT = (
    "<script>fetch('{path}', {{method: 'POST', credentials: 'same-origin', "
    "headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify({{token: '{token}'}})}});</script>"
)
_END_COOKIE_SCRIPT = "<script>fetch('{path}', {{method: 'POST', credentials: 'same-origin'}});</script>"


@dataclass(frozen=True)
class Visitor:
    """The person at the keyboard, as far as the database vouches for them."""

    credential: Credential
    name: str  # the signed-in person's display name, or the typed name; "" when unknown
    role: Role | None  # None while the app has no users (open on this computer)
    can_edit: bool
    can_manage: bool
    # The session ended under the person's hands: the edit forms stay, with what was
    # typed, so that signing in again and pressing Save loses nothing. Writes are still
    # refused until then; this only decides what is drawn.
    session_ended: bool = False
    before_first_user: bool = False  # the app has no accounts yet (open at the server itself only)
    # The session's page is not one of the app's own (another port or site): no sign-in
    # counts there, and the sidebar says so instead of offering the form.
    foreign_page: bool = False

    @property
    def edit_controls(self) -> bool:
        return self.can_edit or self.session_ended

    @property
    def signed_in(self) -> bool:
        return self.role is not None


def visitor(store: Ledger, place: DeltaGenerator | None = None) -> Visitor:
    """The sidebar's sign-in or identity, and what this person may do. With viewing
    behind sign-in (a setting), a visitor who is not signed in sees the form only.
    The form, or who is signed in, is drawn in ``place`` (the top of the sidebar).

    A signed-in person's switch of language is kept on their account, and a session that
    has chosen none opens in the language they chose before (tracker.ui.language)."""
    place = place if place is not None else st.sidebar
    just_switched = switched()  # taken on every run: a switch before signing in is not kept
    if not reads.any_accounts(store):  # kept by revision; the token below is checked on every run
        return _open_visitor()
    accounts = Accounts(store.database)
    reached_by = connection()
    if not from_own_page(reached_by):
        return _foreign_visitor()
    if TOKEN_KEY not in st.session_state:
        from_cookie = session_token(st.context.cookies, store.url, _over_https(reached_by))  # a reload or another tab
        if from_cookie:
            st.session_state[TOKEN_KEY] = from_cookie
    _write_cookie(place)
    token = st.session_state.get(TOKEN_KEY)
    if isinstance(token, str) and token:
        try:
            identity = accounts.identity(token)
        except AccessDeniedError as denied:
            st.session_state[TOKEN_KEY] = ""  # ended: not read from the cookie again this session
            st.session_state[COOKIE_WRITE_KEY] = ""
            _write_cookie(place)
            st.session_state[NOTICE_KEY] = denied.message(lang())
            # only an editor's forms were on screen to keep
            st.session_state[ENDED_KEY] = bool(st.session_state.get(WAS_EDITOR_KEY))
        else:
            st.session_state[WAS_EDITOR_KEY] = identity.can(Permission.edit)
            credential = Credential(token=token, connection=reached_by)  # the write judges the page again
            follow_account(
                identity.language,
                just_switched,
                keep=lambda chosen: attempt(lambda: accounts.set_language(credential, chosen), say=place.error),
            )
            _signed_in_panel(place, accounts, token, identity.display_name, identity.role)
            return Visitor(
                credential,
                identity.display_name,
                identity.role,
                identity.can(Permission.edit),
                identity.can(Permission.manage_users),
            )
    _sign_in_form(place, accounts)
    if settings.viewing_needs_sign_in():
        st.info(t("access.sign_in_to_view", lang()))
        st.stop()
    ended = bool(st.session_state.get(ENDED_KEY))
    return Visitor(Credential(), "", None, can_edit=False, can_manage=False, session_ended=ended)


def _foreign_visitor() -> Visitor:
    """A session whose websocket a page of another origin opened (another port of this
    computer, another scheme or name): the browser sent this app's cookie along, since
    cookies ignore ports, but no page of the app has that origin, so neither the cookie
    nor a token of this session counts, and no sign-in form is offered either: a page of
    the app would never show it there, and the cookie a sign-in sets could not be set
    from there (the cookie routes judge the Origin by the same rule). Anonymous, and it
    says so; with viewing behind sign-in it sees nothing more."""
    notice = t("access.foreign_page", lang())
    st.sidebar.warning(notice)
    if settings.viewing_needs_sign_in():
        st.warning(notice)
        st.stop()
    return Visitor(Credential(), "", None, can_edit=False, can_manage=False, foreign_page=True)


def _open_visitor() -> Visitor:
    """No users yet: whoever sits at this computer may edit under the name they type.
    Someone reaching the app from elsewhere (served to the network too early) may only
    look: the first administrator is made on the server itself."""
    language = lang()
    reached_by = connection()
    if not is_this_computer(reached_by):
        st.sidebar.warning(t("access.open_banner_remote", language))
        return Visitor(Credential(), "", None, can_edit=False, can_manage=False, before_first_user=True)
    st.sidebar.warning(t("access.open_banner", language))
    name = person()
    # Anyone here may edit; the write checks the connection again, and refuses a write
    # without a name, saying so.
    here = Credential(local_name=name, connection=reached_by)
    return Visitor(here, name, None, can_edit=True, can_manage=True, before_first_user=True)


def connection() -> Connection:
    """How this session reached the app: the network address its connection reported,
    the Host, Origin and proxy headers of its browser's request, and the scheme the
    server saw it come by (tracker.ui.cookie_routes.HandshakeScheme, from the socket or a
    trusted proxy's X-Forwarded-Proto; never st.context.url, which the page reports). Not
    ``st.context.ip_address``: that reports a loopback address as None, the same None as
    a session that has no address at all (Streamlit's agent API, AppTest), and so cannot
    tell this computer from anywhere."""
    headers = st.context.headers
    proxied = any(name.lower() in PROXY_HEADERS for name in headers)
    address = None
    try:
        run = get_script_run_ctx()
        client = runtime.get_instance().get_client(run.session_id) if run is not None and runtime.exists() else None
        address = getattr(getattr(client, "client_context", None), "remote_ip", None)
    except RuntimeError:  # no runtime: nobody is connected
        pass
    return Connection(
        address if isinstance(address, str) else None,
        headers.get("host"),
        headers.get("origin"),
        proxied,
        scheme=headers.get(SCHEME_HEADER),  # None when unknown: then no Origin is the app's own
    )


def _address_for_pause() -> str | None:
    """What sign-in failures from this session also count under: nothing at the server
    itself; else its address, or one key shared by every session without one."""
    reached_by = connection()
    if is_this_computer(reached_by):
        return None
    return reached_by.address or NO_ADDRESS


def _signed_in_panel(place: DeltaGenerator, accounts: Accounts, token: str, name: str, role: Role) -> None:
    shown_in = lang()
    place.caption(t("access.signed_in_as", shown_in))
    place.text(f"{name} · {t(f'access.role.{role.value}', shown_in)}")  # a name is text, never markup
    if place.button(t("access.sign_out", shown_in), key="sign_out", icon=":material/logout:"):
        if isinstance(attempt(lambda: accounts.sign_out(token), say=place.error), Refused):
            return
        st.session_state.pop(ENDED_KEY, None)  # signed out on purpose: the forms go
        st.session_state[TOKEN_KEY] = ""
        st.session_state[COOKIE_WRITE_KEY] = ""  # the cookie goes too, on the next run
        st.rerun()


def _sign_in_form(place: DeltaGenerator, accounts: Accounts) -> None:
    language = lang()
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        place.info(notice)
    # Compact, at the top of the sidebar: with the plan, the language and the menu below it,
    # all of it fits a laptop's 768 pixels. Each box says what it takes inside it (its
    # label, collapsed, still names it for a screen reader); the button says what it does.
    with place.form(SIGN_IN_FORM, clear_on_submit=False):
        name_label, password_label = t("access.sign_in.username", language), t("access.sign_in.password", language)
        username = st.text_input(
            name_label,
            max_chars=MAX_AUTHOR,
            key="sign_in_user",
            placeholder=name_label,
            label_visibility="collapsed",
        )
        password = st.text_input(
            password_label,
            type="password",
            max_chars=256,
            key="sign_in_password",
            placeholder=password_label,
            label_visibility="collapsed",
        )
        pressed = st.form_submit_button(t("access.sign_in.button", language), icon=":material/login:")
    if not pressed:
        return

    def sign_in() -> tuple[str, Identity] | SignInError:
        try:  # failures also count per computer
            return accounts.sign_in(username, password, address=_address_for_pause())
        except SignInError as refused:  # a wrong password is an answer, not a failed write
            return refused

    signed_in = attempt(sign_in, say=place.error)
    if isinstance(signed_in, SignInError):
        place.error(signed_in.message(language))
        return
    if isinstance(signed_in, Refused):
        return
    token, identity = signed_in
    apply_at_sign_in(identity.language)  # their own language, unless the address names one
    st.session_state[TOKEN_KEY] = token
    st.session_state[COOKIE_WRITE_KEY] = token
    st.session_state.pop(ENDED_KEY, None)
    st.session_state.pop("sign_in_password", None)  # the password does not stay in the session
    st.rerun()


def _over_https(reached_by: Connection) -> bool:
    """Whether the browser reached the app over HTTPS (then its cookie is the "__Host-"
    one), as the server saw the connection: not st.context.url, which the page reports."""
    return (reached_by.scheme or "").lower() in ("https", "wss")


def _write_cookie(place: DeltaGenerator) -> None:
    """Have the browser set or clear the session cookie, once, after a sign-in or sign-out:
    the page posts the token to the app's own route, whose HTTP response sets the cookie
    HttpOnly, where no script can read it (tracker/ui/cookie_routes.py). The token is
    URL-safe base64 (secrets.token_urlsafe), so it goes into the script as it is."""
    value = st.session_state.pop(COOKIE_WRITE_KEY, None)
    if value is None or not _COOKIE_SAFE.fullmatch(value):
        return
    if value:
        script = _SET_COOKIE_SCRIPT.format(path=SET_PATH, token=value)
    else:
        script = _END_COOKIE_SCRIPT.format(path=END_PATH)
    place.html(script, unsafe_allow_javascript=True)


def read_only_notice(person: Visitor) -> bool:
    """True when the person may not change anything; the page then says why, once."""
    if person.can_edit:
        return False
    language = lang()
    if person.session_ended:
        st.warning(t("access.session_ended_keep", language))
        return False  # the forms stay, with what was typed
    if person.signed_in:
        st.info(t("access.read_only.viewer", language))
    elif not person.before_first_user and not person.foreign_page:
        st.info(t("access.read_only.sign_in", language))
    return True  # before there are users, or on another origin's page, the sidebar already says why
