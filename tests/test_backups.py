"""Backups (hyc.backups, `python -m hyc backup | restore`): a round trip gives identical tables; an older backup
comes back through the upgrade steps; nothing is restored over data, or from a folder that is not a backup."""

import json
import threading
import time
from datetime import datetime

import duckdb
import pandas as pd
import pytest

from hyc import backups, cli, db
from tests.conftest import fetch
from tests.helpers import new_caregiver

NOW = datetime(2026, 11, 23, 22, 30)


def tables(engine) -> dict[str, pd.DataFrame]:
    with db.raw(engine) as con:
        return {name: con.execute(f'select * from "{name}" order by 1').df() for name in backups.TABLES}


@pytest.fixture
def made(engine, tmp_path):
    return backups.backup(engine, tmp_path / "backups", NOW)


@pytest.fixture
def fresh(tmp_path):
    engine = db.open_store(f"duckdb:///{tmp_path / 'restored.duckdb'}")
    yield engine
    engine.dispose()


def rewrite(folder, name: str, sql: str) -> None:
    """Change one table's file of a backup, as an older version of the code would have written it."""
    path = folder / f"{name}.parquet"
    con = duckdb.connect()
    frame = con.execute(sql.format(t=f"read_parquet('{path}')")).df()
    con.register("frame", frame)
    con.execute(f"copy frame to '{path}' (format parquet)")
    con.close()


def set_version(folder, version: int) -> None:
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    (folder / backups.MANIFEST).write_text(json.dumps(manifest | {"schema_version": version}))


def test_a_backup_restored_gives_identical_tables_and_new_rows_get_new_keys(engine, made, fresh):
    manifest = json.loads((made.folder / backups.MANIFEST).read_text())
    assert made.folder.name == "hyc-2026-11-23-223000"
    assert manifest["schema_version"] == db.UPGRADES[-1].version
    assert manifest["tables"] == {name: n for name, n in db.table_counts(engine).items()} | {"objection": 0}
    assert made.size_bytes == sum(f.stat().st_size for f in made.folder.iterdir())

    compared = backups.restore(fresh, made.folder)
    assert all(kept == back for kept, back in compared.values())
    before, after = tables(engine), tables(fresh)
    for name in backups.TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False, obj=name)
    # The keys' sequences moved past the restored rows: a new caregiver gets a new key.
    top = fetch(fresh, "select max(id) from caregiver")[0][0]
    assert new_caregiver(fresh, email="neuve@exemple.fr", phone="06 55 44 33 22", rpps=None).id > top


def test_nothing_is_restored_over_data(engine, made):
    before = db.table_counts(engine)
    with pytest.raises(backups.BackupError, match="déjà des données"):
        backups.restore(engine, made.folder)
    assert db.table_counts(engine) == before


def test_a_folder_that_is_not_a_whole_backup_is_refused(made, fresh, tmp_path):
    with pytest.raises(backups.BackupError, match="manifest.json"):
        backups.restore(fresh, tmp_path)
    (made.folder / "match.parquet").unlink()
    with pytest.raises(backups.BackupError, match="incomplète : il manque match"):
        backups.restore(fresh, made.folder)
    assert not any(db.table_counts(fresh).values())


def test_a_backup_whose_rows_do_not_match_its_manifest_is_refused_and_the_store_left_empty(made, fresh):
    rewrite(made.folder, "call", "select * from {t} where id % 2 = 0")
    with pytest.raises(backups.BackupError, match="call"):
        backups.restore(fresh, made.folder)
    assert not any(db.table_counts(fresh).values())


def test_a_backup_from_before_step_7_comes_back_through_the_upgrade_steps(engine, made, fresh):
    """Written at step 6: no language on accounts, no owner of a next action. Restored, they are empty."""
    rewrite(made.folder, "team_member", "select * exclude (lang) from {t}")
    for name in ("call", "mentoring_session"):
        rewrite(made.folder, name, "select * exclude (next_action_owner_id) from {t}")
    set_version(made.folder, 6)
    compared = backups.restore(fresh, made.folder)
    assert all(kept == back for kept, back in compared.values())
    assert fetch(fresh, "select count(*) from team_member where lang is not null") == [(0,)]
    assert fetch(fresh, "select count(*) from call") == fetch(engine, "select count(*) from call")


def test_a_backup_from_before_step_5_has_its_duplicate_match_set_aside_and_the_key_made_again(engine, made, fresh):
    """Written at step 4, it holds two matches of one caregiver on one request, as two saves at the same moment
    could leave then: step 5 keeps one (the other goes to the audit log) and step 6 makes the store refuse it."""
    rewrite(made.folder, "match", "select * from {t} union all "
                                  "select * replace (id + 1000000 as id) from {t} where id = (select min(id) from {t})")
    set_version(made.folder, 4)
    compared = backups.restore(fresh, made.folder)
    kept, back = compared["match"]
    assert (kept, back) == (made.counts["match"], made.counts["match"])  # the manifest's count, not the file's
    assert fetch(fresh, "select count(*) from audit_event where action = 'delete' and entity = 'match'") == [(1,)]
    request_id, caregiver_id = fetch(fresh, "select request_id, caregiver_id from match order by id limit 1")[0]
    with pytest.raises(Exception, match="(?i)duplicate key"):
        fetch(fresh, "insert into match (id, request_id, caregiver_id) values (nextval('match_id_seq'), ?, ?)",
              request_id, caregiver_id)


def test_the_command_line_backs_up_and_restores(monkeypatch, store_path, tmp_path, capsys):
    monkeypatch.setenv("HYC_DB", str(store_path))
    assert cli.main(["backup", "--to", str(tmp_path / "b")]) == 0
    said = capsys.readouterr().out
    [folder] = list((tmp_path / "b").iterdir())
    assert f"Sauvegarde écrite : {folder}" in said
    assert cli.main(["restore", str(folder)]) == 1  # not over the data it came from
    assert "déjà des données" in capsys.readouterr().err
    monkeypatch.setenv("HYC_DB", str(tmp_path / "new.duckdb"))
    assert cli.main(["restore", str(folder)]) == 0
    assert "Sauvegarde restaurée" in capsys.readouterr().out


# --- The running app's backups ----------------------------------------------------------------------------

def test_a_scheduled_backup_is_due_once_a_day_from_its_hour():
    at = lambda h, m=0, day=23: datetime(2026, 11, day, h, m)  # noqa: E731
    assert not backups.due(None, at(1, 59), 2)
    assert backups.due(None, at(2), 2)
    assert not backups.due(at(2, 1), at(23, 59), 2)  # made today after the hour
    assert backups.due(at(1, 30), at(2, 5), 2)  # one made before the hour does not count for today
    assert backups.due(at(2, 1, day=22), at(2, 0), 2)  # yesterday's


def test_only_the_newest_backups_are_kept(engine, tmp_path):
    for hour in range(4):
        backups.backup(engine, tmp_path, datetime(2026, 11, 23, hour))
    removed = backups.prune(tmp_path, 2)
    assert [p.name for p in removed] == ["hyc-2026-11-23-010000", "hyc-2026-11-23-000000"]
    assert [b.folder.name for b in backups.made_in(tmp_path)] == ["hyc-2026-11-23-030000", "hyc-2026-11-23-020000"]


def test_the_running_app_makes_its_backup_by_itself_recorded_in_the_audit_log(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("HYC_BACKUP_DIR", str(tmp_path))
    monkeypatch.setenv("HYC_BACKUP_HOUR", "0")  # due from midnight: at once
    stop = threading.Event()
    assert backups.start_schedule(engine, stop).daemon
    for _ in range(100):
        if backups.made_in(tmp_path):
            break
        time.sleep(0.1)
    stop.set()
    [made] = backups.made_in(tmp_path)
    assert made.counts["caregiver"] == db.table_counts(engine)["caregiver"]
    [(actor, after)] = fetch(engine, "select actor_id, after from audit_event where action = 'backup'")
    assert actor is None and json.loads(after)["folder"] == made.folder.name


def test_a_backup_from_the_app_is_a_founder_s_and_recorded(engine, tmp_path):
    from hyc.audit import PermissionDenied
    from tests.helpers import FOUNDER, MENTOR
    with pytest.raises(PermissionDenied):
        backups.make(engine, MENTOR, tmp_path, NOW)
    assert backups.made_in(tmp_path) == []
    made = backups.make(engine, FOUNDER, tmp_path, NOW)
    [(actor, after)] = fetch(engine, "select actor_id, after from audit_event where action = 'backup'")
    assert actor == FOUNDER.id
    assert json.loads(after) == {"folder": made.folder.name, "rows": sum(made.counts.values()),
                                 "size_bytes": made.size_bytes, "schema_version": made.schema_version}


@pytest.mark.parametrize("value", ["24", "-1", "deux", ""])
def test_a_wrong_backup_hour_is_refused_with_its_name(monkeypatch, value):
    from hyc import config
    monkeypatch.setenv("HYC_BACKUP_HOUR", value)
    if value == "":  # empty means the default, as for every setting
        assert config.load().backup_hour == 2
        return
    with pytest.raises(ValueError, match="HYC_BACKUP_HOUR"):
        config.load()
