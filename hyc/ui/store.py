"""The store as pages see it: the process's one engine, readers cached until the next write (and computed again
after it, in the background, for what the team was looking at), who acts, today, and `write`, the one way a page
writes (it gives the write function the engine, the acting member and the day)."""

from __future__ import annotations

import inspect
import logging
import threading
import time as clock
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from streamlit import runtime

from hyc import accounts, audit, backups, config, db, models, privacy, reads, schema
from hyc.models import PARIS
from hyc.ui.lang import t

# Who is signed in, kept by hyc.ui.auth under keys no widget uses, so that no browser can set them.
MEMBER = "auth.member_id"
LAST_SEEN = "auth.last_seen"

# After a write, the reads made lately are computed again at the new version, so that the next visit to a page
# finds them ready rather than running every query again (at fifty times the demo, 0.2 s of queries per page).
RECENT_READS = 96  # at most so many reads, the latest first (every page once, with its default filters: 39)
RECENT_FOR_S = 15 * 60  # reads nobody made for this long are left to be computed when asked
SETTLE_S = 1.0  # a burst of writes (ten calls saved in a row) is followed by one refresh, once it is over

_log = logging.getLogger(__name__)


def _served() -> bool:
    """Whether this is the app served by `streamlit run`: AppTest runs pages with a stand-in runtime."""
    return runtime.exists() and type(runtime.get_instance()) is runtime.Runtime


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = schema.open_store(url)
    privacy.finish_rewrite(engine)  # an erasure whose rewrite was cut short (the machine stopped) ends now
    if _served():  # the served app makes its own daily backups
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


def _data_version(eng: Engine, url: str) -> int:
    if getattr(_run, "version", None) is None:
        _run.version = db.data_version(eng)
        refresher.saw(url, _run.version)
    return _run.version


def read(reader: Callable, *args):
    """reader(engine, *args) — a function of hyc.reads (or hyc.search, hyc.privacy) — cached until the next write
    (every write raises the data version)."""
    eng = engine()
    name, url = _name(reader), config.load().db_url
    refresher.used(reader, name, url, args)
    return _read(reader, name, _data_version(eng, url), url, args)


def _name(reader: Callable) -> str:
    return f"{reader.__module__}.{reader.__qualname__}"


def warm(wanted: list[tuple[Callable, tuple]]) -> int:
    """Compute these reads (reader, arguments) at the store's current version, the first first, as if a page had
    just made them (so a write also refreshes them); returns how many ran. The server's start warms the pages'
    opening reads with it (hyc.ui.opening)."""
    url = config.load().db_url
    for reader, args in reversed(wanted):  # the refresh computes the latest used first
        refresher.used(reader, _name(reader), url, args)
    return refresher.refresh()


class Refresher:
    """Keeps the reads made lately and, once a write has moved the data version on, computes them again at the new
    version in a thread of its own (in the served app). Streamlit lets one caller compute a cached value and makes
    the others wait for it, so a page asking for a read being refreshed waits for that read, never runs it twice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._recent: OrderedDict[tuple, tuple[Callable, str, str, tuple, float]] = OrderedDict()
        self._versions: dict[str, int] = {}  # store → the highest data version a run has seen
        self._moved = threading.Event()
        self._thread: threading.Thread | None = None
        self.round = threading.Lock()  # one round at a time; forgetting every read (an erasure) waits for it
        self.background = _served  # the served app refreshes in a thread; under AppTest, tests call refresh

    def used(self, reader: Callable, name: str, url: str, args: tuple) -> None:
        key = (name, url, repr(args))
        with self._lock:
            self._recent[key] = (reader, name, url, args, clock.monotonic())
            self._recent.move_to_end(key)
            if len(self._recent) > RECENT_READS:
                self._recent.popitem(last=False)

    def saw(self, url: str, version: int) -> None:
        """A run read the data version: a higher one than before means a write, wherever it came from."""
        with self._lock:
            known = self._versions.get(url)
            moved = known is not None and version > known
            self._versions[url] = max(version, known or 0)
        if moved and self.background():
            self._start()
            self._moved.set()

    def forget(self) -> None:
        """Forget every cached read and the list of recent ones (after an erasure: no copy of the erased values is
        kept in memory), after the refresh under way if any. The versions seen stay: the next write still wakes
        the refresh."""
        with self.round:
            st.cache_data.clear()
            with self._lock:
                self._recent.clear()

    def refresh(self) -> int:
        """Compute the recent reads at the store's current version, the latest first; returns how many ran. Stops
        at the next write: the round after it computes them at its version."""
        url = config.load().db_url  # the store this app serves
        with self.round:
            with self._lock:
                since = clock.monotonic() - RECENT_FOR_S
                todo = [(reader, name, args) for reader, name, of, args, used_at in reversed(self._recent.values())
                        if of == url and used_at >= since]
            eng, done = _engine(url), 0
            started_at = db.data_version(eng)
            for reader, name, args in todo:
                try:
                    if db.data_version(eng) != started_at:
                        break
                    _read(reader, name, started_at, url, args)
                    done += 1
                except Exception:  # a read that fails now fails again, in front of its reader, on their next run
                    _log.warning("background refresh of %s failed", name, exc_info=True)
            return done

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="hyc-refresh", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            self._moved.wait()
            self._moved.clear()
            while self._moved.wait(SETTLE_S):  # still writing: wait until the burst is over
                self._moved.clear()
            try:
                self.refresh()
            except Exception:  # the store could not be opened: the pages say so; the next write tries again
                _log.warning("background refresh failed", exc_info=True)


refresher = Refresher()


def forget_reads() -> None:
    """Every cached read forgotten (after an erasure, so that no copy of the erased values stays in memory)."""
    refresher.forget()


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
        new_run()  # what this run reads next sees the write (and wakes the refresher)
