"""What the server does from its start and says on its health route (hyc.service)."""

import threading
import time
from pathlib import Path

from hyc import backups, schema, service


def test_the_start_makes_the_day_s_backup_with_no_visitor_and_the_health_route_says_its_age(store_path, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setenv("HYC_DB", str(store_path))
    monkeypatch.setenv("HYC_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("HYC_BACKUP_HOUR", "0")  # due from the start
    (tmp_path / "backups" / ".hyc-2026-11-22-020000").mkdir(parents=True)  # left by a backup cut short
    work = service.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not backups.made_in(tmp_path / "backups"):
            time.sleep(0.2)
        said = service.health(work.engine)
    finally:
        work.close()
    [made] = backups.made_in(tmp_path / "backups")
    assert [p.name for p in Path(tmp_path / "backups").iterdir()] == [made.folder.name]  # the leftover is gone
    assert said == {"status": "ok", "schema_version": schema.UPGRADES[-1].version,
                    "last_backup_hours": said["last_backup_hours"]}
    assert 0 <= said["last_backup_hours"] < 1
    assert not any(t.name == "hyc-backups" and t.is_alive() for t in threading.enumerate())  # stopped at shutdown


def test_a_store_that_does_not_answer_is_said_unavailable_without_its_details(engine):
    engine.dispose()
    broken = schema.open_store(f"duckdb:///{Path(engine.url.database).with_name('other.duckdb')}")
    broken.dispose()
    Path(broken.url.database).unlink()
    Path(broken.url.database).mkdir()  # a folder where the file was: the store cannot open
    assert service.health(broken) == {"status": "unavailable", "schema_version": None, "last_backup_hours": None}
