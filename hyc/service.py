"""What the team's server does from its start, whether or not anyone visits: an erasure whose file rewrite was cut
short is finished, what an interrupted backup left is removed, the daily backups run, and so do each member's
daily digests (hyc.digest); and what it answers on its health route (no personal data). serve.py wires both into
Streamlit's application object."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from hyc import backups, config, db, digest, models, privacy, schema


@dataclass
class Work:
    """The server's own work under way: its engine, the daily backups' thread and the daily digests' one, stopped at
    shutdown."""

    engine: Engine
    stop: threading.Event
    thread: threading.Thread | None
    digests: threading.Thread | None = None

    def close(self) -> None:
        self.stop.set()
        for thread in (self.thread, self.digests):
            if thread is not None:
                thread.join(timeout=10)
        self.engine.dispose()


def start(url: str | None = None) -> Work:
    """At the server's start: the store brought up to date, an interrupted erasure finished, the daily backups
    scheduled (their leftovers removed first), and the daily digests (HYC_DIGEST_HOUR)."""
    engine = schema.open_store(url)
    privacy.finish_rewrite(engine)
    stop = threading.Event()
    return Work(engine, stop, backups.start_schedule(engine, stop), digest.start_schedule(engine, stop))


def health(engine: Engine, now: datetime | None = None) -> dict:
    """For the proxy and monitoring, signed out: whether the store answers, its schema version, the age of the last
    backup in hours (None when there is none). Nothing about anyone."""
    now = now or datetime.now(models.PARIS).replace(tzinfo=None)
    try:
        with engine.connect() as conn:
            version = schema.current_version(conn)
        db.scalar(engine, "select count(*) from team_member")
    except Exception:  # any failure of the store is the answer itself, said without its details
        return {"status": "unavailable", "schema_version": None, "last_backup_hours": None}
    made = backups.made_in(Path(config.load().backup_dir))
    age = round((now - backups.created_at(made[0])).total_seconds() / 3600, 1) if made else None
    return {"status": "ok", "schema_version": version, "last_backup_hours": age}
