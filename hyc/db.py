"""The store: one engine per process, short-lived connections, the file's rewrite (its schema and versioned
upgrades are hyc.schema's).

Every query runs on a connection borrowed from SQLAlchemy's pool and returned at once: DuckDB refuses
two calls at once on one connection, and Streamlit serves each session on its own thread.
"""

from __future__ import annotations

import atexit
import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from pydantic_core import PydanticUndefined
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

from hyc import config, models
from hyc.i18n import Message

# Any query longer than this is a bug or a runaway ad-hoc analysis: stop it rather than freeze the app.
MAX_QUERY_MS = 30_000


class StoreError(Exception):
    """A store problem explained in one sentence for the user."""


class StoreLocked(StoreError):
    def __init__(self, path: str, pid: str | None) -> None:
        who = Message("error.process", pid=pid) if pid else Message("error.another_process")
        super().__init__(Message("error.store_locked", path=path, who=who))


class StoreTooNew(StoreError):
    def __init__(self, found: int, known: int) -> None:
        super().__init__(Message("error.store_too_new", found=found, known=known))


def _lock_error(exc: BaseException, path: str) -> StoreLocked | None:
    text = str(exc)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    pid = re.search(r"PID (\d+)", text)
    return StoreLocked(path, pid.group(1) if pid else None)


class _Gate:
    """Lets queries share the file, and lets a rewrite of the file (physical erasure) run alone:
    borrowing a connection waits while a rewrite runs; the rewrite waits until every connection is back."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active = 0
        self._closed = False
        self._rewriting = threading.Lock()  # one rewrite at a time

    def checkout(self, _dbapi_conn, record, _proxy) -> None:
        if not record.info.get("gated"):  # a connection just opened was counted when it began to open
            self.enter()
            record.info["gated"] = True  # counted: its checkin must leave (a refused checkout is not)

    def checkin(self, _dbapi_conn, record) -> None:
        if record is not None and record.info.pop("gated", False):
            self.leave()

    def enter(self) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: not self._closed, timeout=GATE_WAIT_S):
                raise StoreError(Message("error.store_rewriting"))
            self._active += 1

    def leave(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify_all()

    @contextmanager
    def alone(self) -> Iterator[None]:
        with self._rewriting, self._alone():
            yield

    @contextmanager
    def _alone(self) -> Iterator[None]:
        with self._cond:
            self._closed = True
            if not self._cond.wait_for(lambda: self._active == 0, timeout=GATE_WAIT_S):
                self._closed = False
                self._cond.notify_all()
                raise StoreError(Message("error.store_too_busy"))
        try:
            yield
        finally:
            with self._cond:
                self._closed = False
                self._cond.notify_all()


GATE_WAIT_S = 60
GATES: dict[int, _Gate] = {}  # one per engine (SQLAlchemy engines take no attributes of ours)


def make_engine(url: str | None = None) -> Engine:
    """The engine of one store; raises StoreLocked when another process holds the file."""
    cfg = config.load()
    url = url or cfg.db_url
    path = url.removeprefix("duckdb:///")
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's text must never carry a stored value (a name, a password hash) to the logs.
    engine = create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=False, hide_parameters=True)

    gate = _Gate()
    GATES[id(engine)] = gate

    @event.listens_for(engine, "do_connect")
    def _open_outside_rewrites(dialect, record, cargs, cparams):  # noqa: ANN001, ANN202
        # Opening a connection opens the file: never while a rewrite swaps it (the connection would keep the
        # replaced file, losing what it writes, or make the rewrite's own connection fail). Counted from here to
        # its return to the pool, so that no rewrite starts between its opening and its checkout.
        gate.enter()
        try:
            connection = dialect.connect(*cargs, **cparams)
        except BaseException:
            gate.leave()
            raise
        record.info["gated"] = True
        return connection

    @event.listens_for(engine, "connect")
    def _limit_queries(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.execute(f"SET max_execution_time = {MAX_QUERY_MS}")

    event.listen(engine, "checkout", gate.checkout)
    event.listen(engine, "checkin", gate.checkin)

    try:
        with engine.connect():
            pass
    except (DBAPIError, duckdb.Error) as exc:
        engine.dispose()
        locked = _lock_error(getattr(exc, "orig", exc), path)
        if locked:
            raise locked from None
        raise
    # Engines left open at exit print nanobind "leaked" lines: close the pool on the way out.
    atexit.register(engine.dispose)
    return engine


@contextmanager
def raw(engine: Engine) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection from the pool, for bulk loads and fast reads; returned to the pool after use."""
    pooled = engine.raw_connection()
    try:
        yield pooled.driver_connection
    finally:
        pooled.close()


def read_df(engine: Engine, sql: str, params: Sequence[Any] | dict | None = None) -> pd.DataFrame:
    """Run one parameterised query and fetch it whole as a DataFrame."""
    with raw(engine) as con:
        return con.execute(sql, params or []).df()


def read_arrow_df(engine: Engine, sql: str, params: Sequence[Any] | dict | None = None) -> pd.DataFrame:
    """read_df through Arrow: about half the time of `.df()` on tens of thousands of rows of strings (the ranking's
    candidates). Dates come as Python dates and nullable integers as floats, as Arrow gives them: kept to the
    readers whose columns are plain numbers, strings and booleans."""
    with raw(engine) as con:
        return con.sql(sql, params=params or []).to_arrow_table().to_pandas()


# The audit event a demo load writes: a store that holds one holds invented people and the demo accounts.
DEMO_LOAD = "demo.load"


def holds_demo(engine: Engine) -> bool:
    """Whether the store holds demo data (and so the demo accounts): said on every page, checked at sign-in."""
    return bool(scalar(engine, "select count(*) > 0 from audit_event where action = ?", [DEMO_LOAD]))


def scalar(engine: Engine, sql: str, params: Sequence[Any] | dict | None = None) -> Any:
    with raw(engine) as con:
        rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


@contextmanager
def session(engine: Engine) -> Iterator[Session]:
    """A short ORM session; the caller commits."""
    with Session(engine, expire_on_commit=False) as s:
        yield s


def rewrite_copy(engine: Engine) -> Path:
    """Where a rewrite builds the new file; left there only by a rewrite that was cut short."""
    path = Path(engine.url.database)
    return path.with_name(path.name + ".rewrite")


def rewrite(engine: Engine) -> None:
    """Copy the store into a fresh file and put it in place: values deleted or overwritten can survive in a
    DuckDB file's free blocks until it is rewritten (DESIGN.md §5), and erasure must be physical. The swap is
    atomic: cut short, the rewrite leaves the old file whole and its copy beside it (hyc.privacy finishes it)."""
    path = Path(engine.url.database)
    fresh = rewrite_copy(engine)
    wal = path.with_name(path.name + ".wal")
    with GATES[id(engine)].alone():
        fresh.unlink(missing_ok=True)
        engine.dispose()  # every connection closed: DuckDB releases the file
        con = duckdb.connect(str(path))
        try:
            con.execute("checkpoint")
            name = con.execute("select current_database()").fetchall()[0][0]
            con.execute(f"attach '{fresh}' as rewritten")
            con.execute(f'copy from database "{name}" to rewritten')
            con.execute("detach rewritten")
        finally:
            con.close()
        if wal.exists():
            # Commits not yet in the file, or the file still open elsewhere: replacing it would lose them.
            fresh.unlink(missing_ok=True)
            raise StoreError(Message("error.store_still_open"))
        os.replace(fresh, path)


def data_version(engine: Engine) -> int:
    """A number that every successful write raises: every write records an audit event, and none is ever
    deleted. Their count, not their highest id: ids are drawn before commit, so a write committed after a later
    one would leave the highest id unchanged, and reads cached in between would miss it."""
    return int(scalar(engine, "select count(*) from audit_event"))


def new_rows(model: type[SQLModel], rows: list[dict]) -> list[dict]:
    """`rows` as the model would create them, every column with its default where a row gives none, without
    building a model object per row (a thousandth of a second each: seconds for an import)."""
    defaults = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            defaults[name] = info.default_factory()
        elif info.default is not PydanticUndefined:
            defaults[name] = info.default
    return [defaults | row for row in rows]


def insert_rows(session: Session, table: str, frame: pd.DataFrame) -> list[int]:
    """Insert `frame`'s rows (columns named as the table's) into `table` inside the session's transaction, each with
    a key drawn from the table's sequence; returns the keys in the frame's order. One statement for thousands of
    rows, where the ORM sends one per row (an import)."""
    if frame.empty:
        return []
    conn = session.connection()
    ids = [row[0] for row in conn.exec_driver_sql(f"select nextval('{table}_id_seq') from range({len(frame)})")]
    driver = conn.connection.driver_connection
    name = f"new_{table}_rows"
    driver.register(name, frame.assign(id=ids))
    try:
        driver.execute(f'insert into "{table}" by name select * from {name}')
    finally:
        driver.unregister(name)
    return ids


def move_sequence_past(con: duckdb.DuckDBPyConnection, table: str, top: int) -> None:
    """After rows were inserted with their own keys (a bulk load, a restore): the table's sequence gives keys above
    `top` from now on (DuckDB cannot restart a sequence a table depends on, so it is drawn up to there)."""
    current = con.execute(f"select nextval('{table}_id_seq')").fetchall()[0][0]
    if current <= top:
        con.execute(f"select max(nextval('{table}_id_seq')) from range({top - current})").fetchall()


def table_counts(engine: Engine) -> dict[str, int]:
    with raw(engine) as con:
        return {
            m.__tablename__: con.execute(f'select count(*) from "{m.__tablename__}"').fetchall()[0][0]
            for m in models.DOMAIN_TABLES
        }
