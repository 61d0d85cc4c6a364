"""The store as pages see it: the process's one engine, readers cached until the next write, who acts, today,
and `write`, the one way a page writes (it gives the write function the engine, the acting member and the day)."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from streamlit import runtime

from hyc import accounts, audit, backups, config, db, models, privacy, reads
from hyc.models import PARIS
from hyc.ui.lang import t

# Who is signed in, kept by hyc.ui.auth under keys no widget uses, so that no browser can set them.
MEMBER = "auth.member_id"
LAST_SEEN = "auth.last_seen"


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = db.open_store(url)
    privacy.finish_rewrite(engine)  # an erasure whose rewrite was cut short (the machine stopped) ends now
    if runtime.exists():  # the served app (not a page run under AppTest) makes its own daily backups
        backups.start_schedule(engine)
    return engine


def engine() -> Engine:
    """The process's one engine for the configured store; stops the page with a clear message if it cannot open."""
    try:
        return _engine(config.load().db_url)
    except db.StoreError as exc:
        st.error(t("app.store_error", reason=exc.args[0] if exc.args else ""))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=512)
def _read(_reader: Callable, name: str, version: int, url: str, args: tuple):
    # Keyed on the reader's qualified name (Streamlit does not hash an argument whose name starts with "_").
    return _reader(_engine(url), *args)


# The store's data version, read once per run rather than once per read (a page makes a dozen reads): each run
# starts by forgetting it (new_run, from shell.configure), and so does each write of this session.
_run = threading.local()


def new_run() -> None:
    _run.version = None
    _run.members = {}  # member id → the team's row for them, as read at this version (see actor)


def _data_version(eng: Engine) -> int:
    if getattr(_run, "version", None) is None:
        _run.version = db.data_version(eng)
    return _run.version


def read(reader: Callable, *args):
    """reader(engine, *args) — a function of hyc.reads (or hyc.search, hyc.privacy) — cached until the next write
    (every write raises the data version)."""
    eng = engine()
    name = f"{reader.__module__}.{reader.__qualname__}"
    return _read(reader, name, _data_version(eng), config.load().db_url, args)


def today() -> date:
    """Today in Paris; a session may pin another day (tests and demos looking at a fixed history)."""
    return st.session_state.get("today") or datetime.now(PARIS).date()


def now_in_paris() -> tuple[date, time]:
    """Today's date and the current time (to five minutes) in Paris, to prefill a log entry."""
    local = datetime.now(PARIS)
    return today(), local.time().replace(minute=local.minute - local.minute % 5, second=0, microsecond=0)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def actor() -> audit.Actor | None:
    """The signed-in member acting in this session, if still active and not idle past the limit (read from the
    store's team, cached until the next write). Widget callbacks run before the page's gate: they rely on this
    check too."""
    member_id = st.session_state.get(MEMBER)
    last = st.session_state.get(LAST_SEEN)
    if member_id is None or last is None or utc_now() - last > accounts.SESSION_IDLE:
        return None
    member = member_row(member_id)
    return None if member is None else audit.Actor(int(member_id), member["role"], member["full_name"])


def member_row(member_id: int) -> dict | None:
    """The team's row for a member (role, name, language), or None if there is none: read once per run, since a run
    asks who acts for every form, button and table it draws."""
    members = getattr(_run, "members", None)
    if members is None:
        members = _run.members = {}
    if member_id not in members:
        team = read(reads.admin.team)
        rows = team[team.id == member_id].to_dict("records")
        members[member_id] = rows[0] if rows else None
    return members[member_id]


def may_write(area: str) -> bool:
    """Whether the acting member's role may change this area (forms are only drawn when it may)."""
    member = actor()
    return member is not None and area in audit.ROLE_AREAS.get(member.role, frozenset())


def write(func: Callable[..., Any], *args, **kwargs) -> Any:
    """func(engine, actor, *args, **kwargs), with `today` (in Paris) and `now` (stored UTC) given when func takes
    them: the one way a page writes. Domain errors go up to the form or the button that shows them."""
    wanted = inspect.signature(func).parameters
    if "today" in wanted:
        kwargs.setdefault("today", today())
    if "now" in wanted:
        kwargs.setdefault("now", models.utcnow())
    try:
        return func(engine(), actor(), *args, **kwargs)
    finally:
        new_run()  # what this run reads next sees the write
