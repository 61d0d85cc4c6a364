"""Backups: a dated folder holding one Parquet file per table and a manifest (row counts, schema version), and
the way back into an empty store, through the upgrade steps when the backup is older than the code.

What is kept is everything the team saved: the domain tables, the audit log and the objection list. Sign-in
sessions and failed sign-ins are not: they are worth nothing after a restore.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from hyc import audit, config, db, models, progress
from hyc.audit import Actor
from hyc.i18n import Message

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
TABLES = [m.__tablename__ for m in (*models.DOMAIN_TABLES, models.Objection)]
# The unique indexes a later upgrade step creates, by step: a restore of an older backup drops them, loads the
# rows, then runs the steps that make the rows fit (duplicates set aside) and create them again.
INDEXES_BY_STEP = {4: ("caregiver_phone_key", "caregiver_rpps_key"), 6: ("match_request_caregiver_key",)}


class BackupError(db.StoreError):
    """A backup that cannot be made or restored, said in one sentence."""


@dataclass(frozen=True)
class Backup:
    folder: Path
    schema_version: int
    counts: dict[str, int]
    size_bytes: int


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def backup(engine: Engine, parent: Path, now: datetime) -> Backup:
    """Write every table, read in one transaction (one moment of the store), to `parent/hyc-<date-time>/`."""
    folder = Path(parent) / f"hyc-{now:%Y-%m-%d-%H%M%S}"
    if folder.exists():  # two in the same second (a founder's click as the schedule runs)
        folder = folder.with_name(f"{folder.name}-{now:%f}")
    folder.mkdir(parents=True, exist_ok=False)
    with engine.connect() as conn:
        version = db.current_version(conn)
    counts = {}
    with db.raw(engine) as con:
        con.execute("begin transaction")
        try:
            for name in TABLES:
                counts[name] = con.execute(f'select count(*) from "{name}"').fetchall()[0][0]
                con.execute(f'copy (select * from "{name}" order by 1) to {_quoted(folder / f"{name}.parquet")} '
                            "(format parquet)").fetchall()
        finally:
            con.execute("rollback")  # read only
    manifest = {"created_at": now.isoformat(timespec="seconds"), "schema_version": version, "tables": counts}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    size = sum(f.stat().st_size for f in folder.iterdir())
    return Backup(folder, version, counts, size)


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(Message("error.backup_no_manifest", folder=str(folder)))
    manifest = json.loads(path.read_text())
    missing = [name for name in manifest["tables"] if not (Path(folder) / f"{name}.parquet").is_file()]
    if missing:
        raise BackupError(Message("error.backup_incomplete", folder=str(folder), tables=", ".join(missing)))
    return manifest


def restore(engine: Engine, folder: Path) -> dict[str, tuple[int, int]]:
    """Bring a backup back into an empty store; returns, per table, the rows in the backup and in the store.

    A backup of the current schema comes back row for row (anything else is refused and the store emptied
    again). An older one is loaded with the columns both know, then the later upgrade steps run on it, as they
    would have on the store it came from: a step that sets duplicates aside may leave fewer rows, said in the
    audit log as it says it on an upgrade."""
    manifest = read_manifest(folder)
    found, known = manifest["schema_version"], db.UPGRADES[-1].version
    if found > known:
        raise db.StoreTooNew(found, known)
    if any(db.table_counts(engine).values()):
        raise BackupError(Message("error.restore_not_empty"))
    later = [step for step in db.UPGRADES if step.version > found]
    with db.raw(engine) as con:
        # Dropped before the load's transaction: DuckDB still enforces an index dropped in the same transaction.
        for step in later:
            for index in INDEXES_BY_STEP.get(step.version, ()):
                con.execute(f"drop index if exists {index}")
        con.execute("begin transaction")
        try:
            for name in TABLES:
                _load(con, name, Path(folder) / f"{name}.parquet")
            derive = lambda sql, params: con.execute(sql, list(params)).fetchall()  # noqa: E731
            progress.refresh(derive)  # derived: not saved
            progress.refresh_spans(derive)  # derived: a backup made before it holds none
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            _run(engine, [step for step in later if step.version in INDEXES_BY_STEP])  # the empty store's keys back
            raise
    _run(engine, later)
    restored = db.table_counts(engine)
    compared = {name: (manifest["tables"].get(name, 0), restored.get(name, 0)) for name in TABLES}
    if not later and any(kept != back for kept, back in compared.values()):
        _empty(engine)
        raise BackupError(Message("error.restore_counts", tables=", ".join(
            f"{name} {kept} → {back}" for name, (kept, back) in compared.items() if kept != back)))
    return compared


def _run(engine: Engine, steps) -> None:
    """Upgrade steps on the restored rows, each in its own transaction, as upgrades run (DuckDB indexes need it)."""
    for step in steps:
        with engine.begin() as conn:
            step.apply(conn)


def _load(con, name: str, path: Path) -> None:
    """The rows of one file, by the columns the file and the table share."""
    table_columns = {row[0] for row in con.execute(
        "select column_name from information_schema.columns where table_name = ?", [name]).fetchall()}
    file_columns = [row[0] for row in con.execute(f"describe select * from read_parquet({_quoted(path)})").fetchall()]
    shared = ", ".join(f'"{c}"' for c in file_columns if c in table_columns)
    con.execute(f'insert into "{name}" ({shared}) select {shared} from read_parquet({_quoted(path)})').fetchall()
    if "id" not in table_columns:  # keyed by another table's id (rpps_check): no sequence of its own
        return
    top = con.execute(f'select max(id) from "{name}"').fetchall()[0][0]
    if top is not None:
        db.move_sequence_past(con, name, int(top))


def _empty(engine: Engine) -> None:
    with db.raw(engine) as con:
        for name in ["caregiver_progress", *reversed(TABLES)]:
            con.execute(f'delete from "{name}"').fetchall()


# --- Backups the running app makes ----------------------------------------------------------------------


def make(engine: Engine, actor: Actor | None, parent: Path, at: datetime) -> Backup:
    """A backup by a founder (`actor`) or by the app's own schedule (None), recorded as an audit event with its
    folder, rows and size. `at` is Paris time: it names the folder."""
    if actor is not None:
        audit.require(actor, "team")
    made = backup(engine, parent, at)
    with db.session(engine) as session:
        session.add(models.AuditEvent(
            actor_id=actor.id if actor else None, action="backup", entity="store", entity_id=None,
            after=json.dumps({"folder": made.folder.name, "rows": sum(made.counts.values()),
                              "size_bytes": made.size_bytes, "schema_version": made.schema_version})))
        session.commit()
    return made


def made_in(parent: Path) -> list[Backup]:
    """The backups in `parent`, newest first (a folder without its manifest is not one)."""
    found = []
    for folder in sorted(Path(parent).glob("hyc-*"), reverse=True):
        manifest_path = folder / MANIFEST
        if not manifest_path.is_file():
            continue
        manifest = json.loads(manifest_path.read_text())
        found.append(Backup(folder, manifest["schema_version"], manifest["tables"],
                            sum(f.stat().st_size for f in folder.iterdir())))
    return found


def created_at(made: Backup) -> datetime:
    return datetime.strptime(made.folder.name[:21], "hyc-%Y-%m-%d-%H%M%S")


def due(last: datetime | None, now: datetime, hour: int) -> bool:
    """A scheduled backup is due once a day, from `hour` on (Paris time), unless one was made since then."""
    if now.hour < hour:
        return False
    return last is None or last < now.replace(hour=hour, minute=0, second=0, microsecond=0)


def prune(parent: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest backups; returns the folders removed."""
    removed = [made.folder for made in made_in(parent)[keep:]]
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def start_schedule(engine: Engine, stop: threading.Event | None = None) -> threading.Thread | None:
    """The running app's daily backups (settings HYC_BACKUP_DIR, HYC_BACKUP_HOUR, HYC_BACKUP_KEEP): while it runs,
    DuckDB's lock keeps any other process, a nightly cron job included, off the file. Checked every minute,
    until `stop` is set."""
    settings = config.load()
    if settings.backup_hour is None:
        return None

    stop = stop or threading.Event()

    def every_minute() -> None:
        while not stop.is_set():
            try:
                now = datetime.now(models.PARIS).replace(tzinfo=None)
                done = made_in(Path(settings.backup_dir))
                if due(created_at(done[0]) if done else None, now, settings.backup_hour):
                    make(engine, None, Path(settings.backup_dir), now)
                    prune(Path(settings.backup_dir), settings.backup_keep)
            except Exception:  # a failed backup is logged and tried again; it must not stop the app
                log.exception("scheduled backup failed")
            stop.wait(60)

    thread = threading.Thread(target=every_minute, name="hyc-backups", daemon=True)
    thread.start()
    return thread
