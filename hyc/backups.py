"""Backups: a dated folder holding one Parquet file per table and a manifest (row counts, schema version, each
file's SHA-256, signed with the store's key), and the way back into an empty store, through the upgrade steps
when the backup is older than the code.

Nothing read back is trusted on its own word: a restore checks the manifest's signature and every file's checksum
before it loads a row, and the rows loaded against the manifest's counts, whatever its schema version. A backup is
written in a hidden folder and becomes one only when whole (renamed at the end): an interrupted one is never
listed, and is removed by the next start and by the pruning.

What is kept is everything the team saved: the domain tables, the audit log and the objection list. Sign-in
sessions and failed sign-ins are not: they are worth nothing after a restore.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
from sqlalchemy import Engine

from hyc import audit, config, db, models, privacy, progress, schema
from hyc.audit import Actor
from hyc.i18n import Message

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
# A backup being written: hidden (a leading dot), never listed, renamed to its name once whole.
PARTIAL = "."
# Backups hold personal data: readable by the service's user only.
FILE_MODE, FOLDER_MODE = 0o600, 0o700
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
    final, folder = folder, folder.with_name(PARTIAL + folder.name)
    folder.mkdir(parents=True, exist_ok=False, mode=FOLDER_MODE)
    with engine.connect() as conn:
        version = schema.current_version(conn)
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
    seal(folder, {"created_at": now.isoformat(timespec="seconds"), "schema_version": version, "tables": counts})
    folder.rename(final)  # a backup only now, whole
    size = sum(f.stat().st_size for f in final.iterdir())
    return Backup(final, version, counts, size)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _signature(manifest: dict) -> str:
    """The manifest's HMAC-SHA256 under the store's key (HYC_SECRET_FILE), over its canonical JSON."""
    body = json.dumps({k: v for k, v in manifest.items() if k != "signature"}, sort_keys=True, ensure_ascii=False)
    return hmac.new(privacy.secret_key(), body.encode(), hashlib.sha256).hexdigest()


def seal(folder: Path, manifest: dict) -> dict:
    """Write `manifest` into `folder` with every Parquet file's SHA-256 and the signature over it all; files and
    folder readable by their owner only. Returns the manifest written."""
    folder = Path(folder)
    sealed = {**manifest, "files": {f.name: _sha256(f) for f in sorted(folder.glob("*.parquet"))}}
    sealed["signature"] = _signature(sealed)
    (folder / MANIFEST).write_text(json.dumps(sealed, indent=2, ensure_ascii=False))
    for f in folder.iterdir():
        f.chmod(FILE_MODE)
    folder.chmod(FOLDER_MODE)
    return sealed


def read_manifest(folder: Path) -> dict:
    """The manifest of a backup, once its signature and every file's checksum are checked: any disagreement, an
    unreadable manifest, a file missing or one not listed is refused with one sentence naming it."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(Message("error.backup_no_manifest", folder=str(folder)))
    try:
        manifest = json.loads(path.read_text())
        tables, files, signature = manifest["tables"], manifest["files"], manifest["signature"]
        version = manifest["schema_version"]
        if not (isinstance(tables, dict) and isinstance(files, dict) and isinstance(signature, str)
                and isinstance(version, int) and all(isinstance(n, int) for n in tables.values())):
            raise TypeError(path)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupError(Message("error.backup_manifest_unreadable", folder=str(folder))) from None
    if not hmac.compare_digest(signature, _signature(manifest)):
        raise BackupError(Message("error.backup_signature", folder=str(folder)))
    # Every table counted has its file listed, and every file listed is there.
    expected = {f"{name}.parquet" for name in tables} | set(files)
    missing = [name.removesuffix(".parquet") for name in sorted(expected)
               if name not in files or not (folder / name).is_file()]
    if missing:
        raise BackupError(Message("error.backup_incomplete", folder=str(folder), tables=", ".join(missing)))
    for f in sorted(folder.glob("*.parquet")):
        if f.name not in files:
            raise BackupError(Message("error.backup_unlisted", folder=str(folder), file=f.name))
        if not hmac.compare_digest(files[f.name], _sha256(f)):
            raise BackupError(Message("error.backup_checksum", folder=str(folder), file=f.name))
    return manifest


def restore(engine: Engine, folder: Path) -> dict[str, tuple[int, int]]:
    """Bring a backup back into an empty store; returns, per table, the rows in the backup and in the store.

    A backup of the current schema comes back row for row (anything else is refused and the store emptied
    again). An older one is loaded with the columns both know, then the later upgrade steps run on it, as they
    would have on the store it came from: a step that sets duplicates aside may leave fewer rows, said in the
    audit log as it says it on an upgrade."""
    manifest = read_manifest(folder)
    found, known = manifest["schema_version"], schema.UPGRADES[-1].version
    if found > known:
        raise db.StoreTooNew(found, known)
    if any(db.table_counts(engine).values()):
        raise BackupError(Message("error.restore_not_empty"))
    later = [step for step in schema.UPGRADES if step.version > found]
    with db.raw(engine) as con:
        # Dropped before the load's transaction: DuckDB still enforces an index dropped in the same transaction.
        for step in later:
            for index in INDEXES_BY_STEP.get(step.version, ()):
                con.execute(f"drop index if exists {index}")
        con.execute("begin transaction")
        try:
            for name in TABLES:
                if name not in manifest["tables"]:  # a table of a later step (mail_template): none in that backup
                    continue
                _load(con, name, Path(folder) / f"{name}.parquet")
            # The rows loaded are the rows the signed manifest counted, whatever its version: checked before any
            # upgrade step (which may set duplicates aside, each in the audit log).
            loaded = {name: con.execute(f'select count(*) from "{name}"').fetchall()[0][0] for name in TABLES}
            wrong = {name: (manifest["tables"].get(name, 0), n) for name, n in loaded.items()
                     if n != manifest["tables"].get(name, 0)}
            if wrong:
                raise BackupError(Message("error.restore_counts", tables=", ".join(
                    f"{name} {kept} → {back}" for name, (kept, back) in wrong.items())))
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
    return {name: (manifest["tables"].get(name, 0), restored.get(name, 0)) for name in TABLES}


def _run(engine: Engine, steps) -> None:
    """Upgrade steps on the restored rows, each in its own transaction, as upgrades run (DuckDB indexes need it)."""
    for step in steps:
        with engine.begin() as conn:
            step.apply(conn)


def _load(con, name: str, path: Path) -> None:
    """The rows of one file, by the columns the file and the table share."""
    table_columns = {row[0] for row in con.execute(
        "select column_name from information_schema.columns where table_name = ?", [name]).fetchall()}
    try:
        file_columns = [row[0] for row in
                        con.execute(f"describe select * from read_parquet({_quoted(path)})").fetchall()]
        shared = ", ".join(f'"{c}"' for c in file_columns if c in table_columns)
        con.execute(f'insert into "{name}" ({shared}) select {shared} from read_parquet({_quoted(path)})').fetchall()
    except duckdb.Error:
        raise BackupError(Message("error.backup_unreadable_file", folder=str(path.parent), file=path.name)) from None
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
    """Remove all but the `keep` newest backups, and what interrupted ones left; returns the folders removed."""
    removed = [made.folder for made in made_in(parent)[keep:]] + leftovers(parent)
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def leftovers(parent: Path) -> list[Path]:
    """What interrupted backups left in `parent`: a hidden folder being written, or a dated one without its
    manifest (personal data that no restore could use, never to be kept)."""
    parent = Path(parent)
    if not parent.is_dir():
        return []
    return sorted([*parent.glob(f"{PARTIAL}hyc-*"),
                   *(f for f in parent.glob("hyc-*") if f.is_dir() and not (f / MANIFEST).is_file())])


def remove_leftovers(parent: Path) -> list[Path]:
    """Remove what interrupted backups left (at the app's start); returns the folders removed."""
    found = leftovers(parent)
    for folder in found:
        shutil.rmtree(folder)
    return found


def start_schedule(engine: Engine, stop: threading.Event | None = None) -> threading.Thread | None:
    """The running app's daily backups (settings HYC_BACKUP_DIR, HYC_BACKUP_HOUR, HYC_BACKUP_KEEP): while it runs,
    DuckDB's lock keeps any other process, a nightly cron job included, off the file. Checked every minute,
    until `stop` is set."""
    settings = config.load()
    if settings.backup_hour is None:
        return None
    # One schedule per folder in a process: the server's start and the interface's engine may both ask for it.
    with _SCHEDULED_LOCK:
        if settings.backup_dir in _SCHEDULED and _SCHEDULED[settings.backup_dir].is_alive():
            return None
        stop = stop or threading.Event()
        thread = threading.Thread(target=lambda: _every_minute(engine, settings, stop), name="hyc-backups",
                                  daemon=True)
        _SCHEDULED[settings.backup_dir] = thread
    try:
        remove_leftovers(Path(settings.backup_dir))
    except OSError:
        log.exception("leftovers of an interrupted backup could not be removed")
    thread.start()
    return thread


_SCHEDULED: dict[str, threading.Thread] = {}
_SCHEDULED_LOCK = threading.Lock()


def _every_minute(engine: Engine, settings: config.Config, stop: threading.Event) -> None:
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
