"""The store: one engine per process, short-lived connections, schema creation and versioned upgrades.

Every query runs on a connection borrowed from SQLAlchemy's pool and returned at once: DuckDB refuses
two calls at once on one connection, and Streamlit serves each session on its own thread.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from sqlalchemy import Connection, Engine, create_engine, event
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


# --- Schema versions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Upgrade:
    """One numbered step of the schema. Steps run once, in order, each in its own transaction.

    A step must also be harmless on a store created after it was written (step 1 creates tables from
    the current models), so later steps use `IF NOT EXISTS` forms.
    """

    version: int
    summary: str
    apply: Callable[[Connection], None]


def _create_tables(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn)


def _sign_in_and_personal_data(conn: Connection) -> None:
    conn.exec_driver_sql("alter table caregiver add column if not exists erased_at timestamp")
    SQLModel.metadata.create_all(conn, tables=[models.WebSession.__table__, models.Objection.__table__])


# The caregiver's values that the store itself keeps unique (the e-mail is unique since step 1).
UNIQUE_CAREGIVER_VALUES = {"phone": "Téléphone", "rpps": "Numéro RPPS"}


def _set_aside_duplicate_identifiers(conn: Connection) -> None:
    """Before phone and RPPS become unique: a value already held twice (two saves at the same moment) stays on
    the oldest record; the others keep it in their notes, with an audit event, so that nothing is lost and a
    person can merge them. (Its own step: DuckDB creates no index in a transaction that updated rows.)"""
    for column, label in UNIQUE_CAREGIVER_VALUES.items():
        duplicates = conn.exec_driver_sql(f"""
            select id, {column}, first_id, notes from (
                select id, {column}, notes, min(id) over (partition by {column}) as first_id
                from caregiver where {column} is not null)
            where id <> first_id order by id""").all()
        for row_id, value, first_id, notes in duplicates:
            note = f"{label} {value} aussi sur la fiche n° {first_id} : retiré de celle-ci (doublon à fusionner)."
            conn.exec_driver_sql(f"update caregiver set {column} = null, notes = concat_ws(chr(10), notes, ?), "
                                 "row_version = row_version + 1 where id = ?", (note, row_id))
            conn.execute(models.AuditEvent.__table__.insert().values(
                occurred_at=models.utcnow(), actor_id=None, action="update", entity="caregiver", entity_id=row_id,
                before=json.dumps({column: value, "notes": notes}, ensure_ascii=False),
                after=json.dumps({column: None, "notes": "\n".join(filter(None, [notes, note]))},
                                 ensure_ascii=False)))


def _unique_identifiers_and_sign_in_guard(conn: Connection) -> None:
    """Phone and RPPS unique in the store; sign-in failures counted per address in their own table."""
    for column in UNIQUE_CAREGIVER_VALUES:
        conn.exec_driver_sql(f"create unique index if not exists caregiver_{column}_key on caregiver ({column})")
    SQLModel.metadata.create_all(conn, tables=[models.SignInGuard.__table__])
    for column in ("failed_logins", "locked_until"):
        conn.exec_driver_sql(f"alter table team_member drop column if exists {column}")


def _one_match_per_caregiver_and_request(conn: Connection) -> None:
    """A caregiver is on a request once. Where two proposals at the same moment left two matches of one person on
    one request, the one with the longest history (the oldest on a tie) stays; each other goes, its row and its
    stage events kept in the audit log, so that nothing is lost and the store can then enforce it."""
    repeats = conn.exec_driver_sql("""
        with ranked as (
            select m.id, row_number() over (partition by m.request_id, m.caregiver_id
                                            order by (select count(*) from match_event e where e.match_id = m.id) desc,
                                                     m.id) as n
            from match m)
        select id from ranked where n > 1 order by id""").all()
    for (match_id,) in repeats:
        row = conn.exec_driver_sql("select * from match where id = ?", (match_id,)).mappings().one()
        events = conn.exec_driver_sql("select stage, occurred_at, author_id, reason from match_event "
                                      "where match_id = ? order by occurred_at, id", (match_id,)).mappings().all()
        kept = {**dict(row), "events": [dict(e) for e in events]}
        conn.execute(models.AuditEvent.__table__.insert().values(
            occurred_at=models.utcnow(), actor_id=None, action="delete", entity="match", entity_id=match_id,
            before=json.dumps(kept, default=str, ensure_ascii=False), after=None))
        conn.exec_driver_sql("delete from match_event where match_id = ?", (match_id,))
        conn.exec_driver_sql("delete from match where id = ?", (match_id,))


def _match_unique_key(conn: Connection) -> None:
    conn.exec_driver_sql("create unique index if not exists match_request_caregiver_key "
                         "on match (request_id, caregiver_id)")


def _caregiver_progress(conn: Connection) -> None:
    from hyc import progress  # (progress reads through this module)

    SQLModel.metadata.create_all(conn, tables=[models.CaregiverProgress.__table__])
    progress.refresh(conn.exec_driver_sql)


def _match_event_spans(conn: Connection) -> None:
    from hyc import progress

    conn.exec_driver_sql("alter table match_event add column if not exists left_at timestamp")
    progress.refresh_spans(conn.exec_driver_sql)


def _request_criteria_and_compliance_states(conn: Connection) -> None:
    """A request says which criteria are musts, the digital appetite it wants (the mission type's usual one) and
    whether it is about AI; every live match takes the compliance states its facts give (hyc.matches.reconcile)."""
    from hyc import matches, vocab

    for column, kind in (("specialties_required", "boolean default true"), ("place_required", "boolean default false"),
                         ("digital_appetites", "varchar"), ("appetite_required", "boolean default false"),
                         ("about_ai", "boolean default false"), ("ai_required", "boolean default false"),
                         ("panel", "varchar")):
        conn.exec_driver_sql(f"alter table request add column if not exists {column} {kind}")
    for mission_type, wanted in vocab.USUAL_APPETITES.items():
        conn.exec_driver_sql("update request set digital_appetites = ? where mission_type = ? "
                             "and digital_appetites is null", (",".join(wanted), mission_type))
    matches.reconcile(conn)


def _first_missions_follow_matches(conn: Connection) -> None:
    from hyc import mentoring  # (mentoring reads through this module)

    mentoring.reconcile_first_missions(conn)


UPGRADES: tuple[Upgrade, ...] = (
    Upgrade(1, "Schéma initial : tout le domaine", _create_tables),
    Upgrade(2, "Sessions de connexion, liste d'opposition, date d'effacement", _sign_in_and_personal_data),
    Upgrade(3, "Doublons de téléphone et de RPPS mis de côté dans les notes", _set_aside_duplicate_identifiers),
    Upgrade(4, "Téléphone et RPPS uniques dans la base, essais de connexion par adresse",
            _unique_identifiers_and_sign_in_guard),
    Upgrade(5, "Doublons de propositions (même soignant, même besoin) retirés", _one_match_per_caregiver_and_request),
    Upgrade(6, "Un soignant une seule fois par besoin, garanti par la base", _match_unique_key),
    Upgrade(7, "La langue choisie par chaque compte", lambda conn: conn.exec_driver_sql(
        "alter table team_member add column if not exists lang varchar")),
    Upgrade(8, "Une prochaine action peut être confiée à quelqu'un d'autre", lambda conn: [conn.exec_driver_sql(
        f"alter table {table} add column if not exists next_action_owner_id integer")
        for table in ("call", "mentoring_session")]),
    Upgrade(9, "Questions enregistrées de la console SQL", lambda conn: SQLModel.metadata.create_all(
        conn, tables=[models.SavedQuestion.__table__])),
    Upgrade(10, "Vérifications des RPPS dans l'Annuaire Santé", lambda conn: SQLModel.metadata.create_all(
        conn, tables=[models.RppsCheck.__table__])),
    Upgrade(11, "Où en est chaque soignant dans son parcours, tenu à jour plutôt que recalculé à chaque lecture",
            _caregiver_progress),
    Upgrade(12, "La fin de chaque étape d'une proposition, tenue à jour pour les durées par étape",
            _match_event_spans),
    Upgrade(13, "Critères impératifs ou de préférence d'un besoin ; états de conformité des propositions tirés des "
                "faits", _request_criteria_and_compliance_states),
    Upgrade(14, "« Première mission faite » suit les propositions terminées", _first_missions_follow_matches),
)


def current_version(conn: Connection) -> int:
    exists = conn.exec_driver_sql(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).scalar()
    if not exists:
        return 0
    return conn.exec_driver_sql("select coalesce(max(version), 0) from schema_version").scalar() or 0


def upgrade(engine: Engine, steps: Sequence[Upgrade] = UPGRADES) -> list[int]:
    """Bring the store to the last step; returns the versions applied now."""
    known = steps[-1].version if steps else 0
    with engine.connect() as conn:
        found = current_version(conn)
    if found > known:
        raise StoreTooNew(found, known)
    applied = []
    for step in steps:
        if step.version <= found:
            continue
        with engine.begin() as conn:
            step.apply(conn)
            # schema_version itself is created by step 1 like every other table.
            conn.execute(
                models.SchemaVersion.__table__.insert().values(
                    version=step.version, summary=step.summary, applied_at=models.utcnow()
                )
            )
        applied.append(step.version)
    return applied


def open_store(url: str | None = None) -> Engine:
    """The engine of a store brought up to date: what the app, the CLI, tests and benchmarks call."""
    engine = make_engine(url)
    upgrade(engine)
    return engine


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
