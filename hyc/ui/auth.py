"""The sign-in gate: who is signed in, for how long, and the sign-in and sign-out controls.

The session keeps only the member's id and the time of their last action ("auth.*", never a widget key,
so that no browser can set them); the member's role is read from the store on every run, so a role
change or a deactivation takes effect at once. A cookie carries a random token (accounts.COOKIE) so that
a reload or a link opened in a new tab finds the session again; the store keeps only its hash.

The browser receives its token with the sign-in form, while the person types, and the sign-in binds that
token to the member: a tab opened the moment after signing in already carries it (a cookie written by a
script after the sign-in would reach the server only a second later). Failed attempts slow the browser
session down (accounts.session_delay) before the address would lock.

A team with an identity provider (Google Workspace, Microsoft Entra, any OpenID Connect one, named in Streamlit's
secrets, `[auth]`) signs in through it with Streamlit's st.login: the identity's e-mail must be an active
member's, who then gets the same session as after a password (idle limit, deactivation, sign-out everywhere).
HYC_PASSWORD_SIGN_IN=off leaves the provider as the only way in.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st
from sqlalchemy.exc import DBAPIError

from hyc import accounts, config, db, reads, vocab
from hyc.audit import Actor
from hyc.ui.fmt import plain
from hyc.ui.lang import lang, say, t
from hyc.ui.store import LAST_SEEN, MEMBER, actor, engine, read, utc_now

TOKEN = "auth.token"
COOKIE_TO_WRITE = "auth.cookie"  # the cookie the browser must store (or clear, when empty) on this run
PENDING = "auth.pending_token"  # the token given with the sign-in form, bound to the member at sign-in
FAILURES = "auth.failures"  # failed attempts of this browser session, and when it may try again
RETRY_AT = "auth.retry_at"
NOTICE = "auth.notice"
LANDING = "auth.landing"  # just signed in: open the role's first page
REFUSED_IDENTITY = "auth.refused_identity"  # this session's identity was refused: not tried again until changed
TOUCH_EVERY = timedelta(minutes=5)  # how often activity is written to the store
COOKIE_DAYS = 7  # the browser keeps the token this long; the store ends it after 8 idle hours


def identity_provider() -> bool:
    """Whether Streamlit's secrets name the team's identity provider (an `[auth]` section, see README)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _holds_identity() -> bool:
    return identity_provider() and bool(st.user.get("is_logged_in"))


def passwords_allowed() -> bool:
    """Password sign-in, unless the settings leave the identity provider as the only way in (never without one:
    nobody could sign in)."""
    return config.load().password_sign_in or not identity_provider()


def sign_out(notice: str | None = None) -> None:
    """End the session here and in the store, and forget everything it held (filters, typed values). The
    provider's identity is forgotten too: it would sign the browser in again."""
    if _holds_identity():
        st.logout()
    accounts.close_web_session(engine(), st.session_state.get(TOKEN) or _cookie())
    language = st.session_state.get("lang")
    for name in list(st.session_state):
        del st.session_state[name]
    if language:
        st.session_state["lang"] = language
    if notice:
        st.session_state[NOTICE] = notice
    st.session_state[COOKIE_TO_WRITE] = ""


def _cookie() -> str | None:
    token = st.context.cookies.get(accounts.COOKIE)
    return token if isinstance(token, str) else None  # (AppTest has no browser: no cookie)


def _resume() -> None:
    """A new session (a reload, a link opened in a new tab) takes up the browser's signed-in session."""
    token = _cookie()
    member = accounts.resume_web_session(engine(), token) if token else None
    if member is not None:
        st.session_state.update({MEMBER: member.id, LAST_SEEN: utc_now(), TOKEN: token, "auth.touched": utc_now()})


def _admit_identity() -> None:
    """A browser back from the team's identity provider (or still holding its identity) is signed in as the
    member with that e-mail; refused, it is said on the sign-in page, with the way to use another account."""
    state = st.session_state
    presented = (st.user.get("email") or "") if _holds_identity() else None
    if presented is None or state.get(REFUSED_IDENTITY) == presented:
        return
    try:
        member = accounts.sign_in_with_identity(engine(), st.user.get("email"), st.user.get("email_verified"))
    except accounts.SignInError as exc:
        state[REFUSED_IDENTITY] = presented
        state["sign_in.error"] = exc.message
        return
    except (DBAPIError, db.StoreError):
        state["sign_in.error"] = t("auth.unavailable")
        return
    _signed_in_as(member)


def _signed_in_as(member: Actor) -> None:
    """The session (and the browser, through its cookie) now stands for `member`."""
    state = st.session_state
    for name in ("sign_in.error", FAILURES, RETRY_AT, REFUSED_IDENTITY):
        state.pop(name, None)
    token = accounts.open_web_session(engine(), member.id, state.pop(PENDING, None))
    state.update({MEMBER: member.id, LAST_SEEN: utc_now(), TOKEN: token, COOKIE_TO_WRITE: token,
                  "auth.touched": utc_now(), LANDING: True})
    state["flash"] = t("auth.welcome", name=member.name)


def signed_in() -> Actor | None:
    """The member of this session, after the inactivity check; None means: show the sign-in form."""
    state = st.session_state
    if state.get(MEMBER) is None:
        _resume()
    if state.get(MEMBER) is None:
        _admit_identity()
    if state.get(MEMBER) is None:
        return None
    now = utc_now()
    last = state.get(LAST_SEEN)
    if last is None or now - last > accounts.SESSION_IDLE:
        sign_out(t("auth.expired", hours=int(accounts.SESSION_IDLE.total_seconds() // 3600)))
        return None
    member = actor()
    if member is None:
        sign_out(t("auth.deactivated"))
        return None
    state[LAST_SEEN] = now
    if state.get(TOKEN) and now - state.get("auth.touched", now - TOUCH_EVERY) >= TOUCH_EVERY:
        if not accounts.touch_web_session(engine(), state.get(TOKEN)):
            sign_out(t("auth.ended"))  # signed out elsewhere, new password, or account deactivated
            return None
        state["auth.touched"] = now
    return member


def _try_sign_in() -> None:
    state = st.session_state
    email, password = state.get("sign_in.email") or "", state.get("sign_in.password") or ""
    state["sign_in.password"] = ""  # never kept in the session past this check
    wait = (state.get(RETRY_AT) or utc_now()) - utc_now()
    if wait.total_seconds() > 0:
        state["sign_in.error"] = t("auth.wait", seconds=int(wait.total_seconds()) + 1)
        return
    try:
        member = accounts.sign_in(engine(), email, password)
    except accounts.SignInError as exc:
        state[FAILURES] = state.get(FAILURES, 0) + 1
        state[RETRY_AT] = utc_now() + accounts.session_delay(state[FAILURES])
        state["sign_in.error"] = exc.message
        return
    except (DBAPIError, db.StoreError):
        state["sign_in.error"] = t("auth.unavailable")
        return
    _signed_in_as(member)


def _use_another_identity() -> None:
    st.session_state.pop(REFUSED_IDENTITY, None)
    st.session_state.pop("sign_in.error", None)
    st.logout()


def write_cookie() -> None:
    """Have the browser store (or clear) the session cookie: Streamlit has no server-side way to set one.
    The token is URL-safe base64 and nothing else goes into the script: no user text ever reaches it."""
    token = st.session_state.pop(COOKIE_TO_WRITE, None)
    if token is None:
        return
    age = COOKIE_DAYS * 86400 if token else 0
    st.html(f"<script>document.cookie = '{accounts.COOKIE}={token}; path=/; max-age={age}; "
            "SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '');</script>",
            unsafe_allow_javascript=True)


def demo_mark() -> None:
    """"Démo", on every page of a store that holds demo data (invented people, the README's passwords), the
    sign-in page included."""
    if read(db.holds_demo):
        st.badge(t("app.demo"), icon=":material/science:", color="orange", help=t("app.demo_help"))


def sign_in_page() -> None:
    """The only thing shown to a session that is not signed in: no menu, no data. The browser gets the token
    its sign-in will stand for now, so that it holds the cookie before the person has finished typing."""
    state = st.session_state
    if PENDING not in state:
        state[PENDING] = accounts.new_token()
    state[COOKIE_TO_WRITE] = state[PENDING]
    write_cookie()
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(t("auth.title"))
        demo_mark()
        st.caption(t("auth.caption"))
        notice = st.session_state.pop(NOTICE, None)
        if notice:
            st.info(notice, icon=":material/schedule:")
        if read(reads.admin.team).empty:
            st.warning(t("auth.no_account"), icon=":material/person_add:")
            return
        error = st.session_state.get("sign_in.error")
        if identity_provider():
            _identity_choice(error)
        if passwords_allowed():
            _password_form(None if identity_provider() and REFUSED_IDENTITY in state else error)
    _load_charts_and_tables()


def _identity_choice(error) -> None:
    """The team's identity provider first: no password to type, its second factor, its own sign-out."""
    if REFUSED_IDENTITY in st.session_state:
        st.error(plain(say(error)), icon=":material/error:")
        st.caption(t("auth.identity_refused", email=plain(st.session_state[REFUSED_IDENTITY])))
        st.button(t("auth.other_identity"), on_click=_use_another_identity, icon=":material/switch_account:",
                  key="sign_in.other_identity")
    elif st.button(t("auth.with_identity"), type="primary", icon=":material/badge:", key="sign_in.identity",
                   width="stretch"):
        st.login()
    if passwords_allowed():
        st.caption(t("auth.or_password"))


def _password_form(error) -> None:
    with st.form("sign_in", enter_to_submit=True):
        st.text_input(t("auth.email"), key="sign_in.email", autocomplete="username")
        st.text_input(t("auth.password"), key="sign_in.password", type="password",
                      autocomplete="current-password")
        if error:
            st.error(plain(say(error)), icon=":material/error:")
        st.form_submit_button(t("auth.submit"), type="primary", on_click=_try_sign_in,
                              icon=":material/login:")


# Out of sight, out of the keyboard's and screen readers' way, taking no room: an element drawn here still makes
# the browser load its code.
PRELOAD_STYLE = ("<style>.st-key-preload { position: absolute; left: -10000px; width: 1px; height: 1px; "
                 "overflow: hidden; visibility: hidden; }</style>")


def _load_charts_and_tables() -> None:
    """An empty chart and an empty table, out of sight: Streamlit loads the code of charts and tables (5 MB)
    with the first one a page shows, which took 2 s after signing in in a new browser. Drawn here, it loads
    while the person types."""
    with st.container(key="preload"):
        st.html(PRELOAD_STYLE)
        st.plotly_chart({"data": [{"type": "bar", "x": [], "y": []}], "layout": {"height": 10}},
                        config={"staticPlot": True})
        st.dataframe(pd.DataFrame({"": []}), height=40)


def signed_in_box(member: Actor) -> None:
    """Who is signed in, and the way out."""
    st.caption(t("auth.signed_in_as"))
    st.markdown(f"**{plain(member.name)}** · {vocab.ROLES.label(member.role, lang())}")
    if st.button(t("auth.sign_out"), icon=":material/logout:", key="sign_out"):
        sign_out(t("auth.signed_out"))
        st.rerun()
    write_cookie()
