"""Backups (hyc.backups, `python -m hyc backup | restore`): a round trip gives identical tables; an older backup
comes back through the upgrade steps; nothing is restored over data, or from a folder that is not a backup."""

import json
import threading
import time
from datetime import datetime

import duckdb
import pandas as pd
import pytest

from hyc import backups, cli, db, schema
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
    engine = schema.open_store(f"duckdb:///{tmp_path / 'restored.duckdb'}")
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


def set_version(folder, version: int, **counts: int) -> None:
    """The manifest an older version would have written for the files as they now are (its counts, `counts`
    where they changed), sealed with this store's key as a backup of it."""
    manifest = json.loads((folder / backups.MANIFEST).read_text())
    backups.seal(folder, {"created_at": manifest["created_at"], "schema_version": version,
                          "tables": manifest["tables"] | counts})


def test_a_backup_restored_gives_identical_tables_and_new_rows_get_new_keys(engine, made, fresh):
    manifest = json.loads((made.folder / backups.MANIFEST).read_text())
    assert made.folder.name == "hyc-2026-11-23-223000"
    assert manifest["schema_version"] == schema.UPGRADES[-1].version
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
    set_version(made.folder, 4, match=made.counts["match"] + 1)  # what that backup held, the repeat included
    compared = backups.restore(fresh, made.folder)
    kept, back = compared["match"]
    assert (kept, back) == (made.counts["match"] + 1, made.counts["match"])  # the repeat set aside by step 5
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
    manifest = (folder / backups.MANIFEST).read_text()
    (folder / backups.MANIFEST).write_text("{not json")  # a sentence and exit status 1, never a traceback
    assert cli.main(["restore", str(folder)]) == 1
    assert "est illisible ou incomplet" in capsys.readouterr().err
    (folder / backups.MANIFEST).write_text(manifest)
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


# --- Nothing read back is trusted on its own word (issue 27) --------------------------------------------------


def _refused(fresh, folder, sentence: str) -> None:
    with pytest.raises(backups.BackupError) as refused:
        backups.restore(fresh, folder)
    assert sentence in str(refused.value)
    assert not any(db.table_counts(fresh).values())  # empty, ready for another try


def _manifest(folder) -> dict:
    return json.loads((folder / backups.MANIFEST).read_text())


def _write_manifest(folder, manifest: dict) -> None:
    (folder / backups.MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize(("table", "edit"), [
    # A mentor made founder, and a founder's password hash replaced by one the editor knows.
    ("team_member", "select * replace ('fondateur' as role, 'known-hash' as password_hash) from {t}"),
    ("caregiver", "select * replace (if(id = (select min(id) from {t}), 'pirate@exemple.fr', email) as email) "
                  "from {t}"),
])
def test_an_edited_file_is_refused_by_its_checksum_naming_it(made, fresh, table, edit):
    rewrite(made.folder, table, edit)
    _refused(fresh, made.folder, f"Le fichier {table}.parquet de la sauvegarde")


def test_an_edited_file_whose_checksum_is_edited_too_is_refused_by_the_signature(made, fresh):
    import hashlib
    rewrite(made.folder, "team_member", "select * replace ('fondateur' as role) from {t}")
    manifest = _manifest(made.folder)
    manifest["files"]["team_member.parquet"] = hashlib.sha256(
        (made.folder / "team_member.parquet").read_bytes()).hexdigest()
    _write_manifest(made.folder, manifest)
    _refused(fresh, made.folder, "La signature du manifest.json")


@pytest.mark.parametrize("lowered", [False, True])
def test_rows_deleted_with_the_count_edited_are_refused_whatever_the_schema_version(made, fresh, lowered):
    """500 caregivers deleted at scale 50; here the first half, with the manifest's count (and, the second time, its
    schema version, which skipped the comparison before) edited to match."""
    import hashlib
    rewrite(made.folder, "caregiver", "select * from {t} where id > (select median(id) from {t})")
    manifest = _manifest(made.folder)
    path = made.folder / "caregiver.parquet"
    manifest["tables"]["caregiver"] = duckdb.connect().execute(f"select count(*) from read_parquet('{path}')") \
        .fetchall()[0][0]
    manifest["files"]["caregiver.parquet"] = hashlib.sha256(path.read_bytes()).hexdigest()
    if lowered:
        manifest["schema_version"] = 6
    _write_manifest(made.folder, manifest)
    _refused(fresh, made.folder, "La signature du manifest.json")


def test_a_removed_file_a_corrupt_manifest_and_a_truncated_file_are_each_a_sentence(made, fresh):
    truncated = made.folder / "call.parquet"
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    _refused(fresh, made.folder, "Le fichier call.parquet de la sauvegarde")
    (made.folder / "call.parquet").unlink()
    _refused(fresh, made.folder, "incomplète : il manque call")
    (made.folder / backups.MANIFEST).write_text("{not json")
    _refused(fresh, made.folder, "est illisible ou incomplet")
    (made.folder / backups.MANIFEST).write_bytes(b"\xff\xfe garbage")
    _refused(fresh, made.folder, "est illisible ou incomplet")


def test_a_file_slipped_into_a_backup_is_refused(made, fresh):
    (made.folder / "extra.parquet").write_bytes((made.folder / "call.parquet").read_bytes())
    _refused(fresh, made.folder, "Le fichier extra.parquet de la sauvegarde")


def test_a_backup_of_another_store_s_key_is_refused(made, fresh, tmp_path, monkeypatch):
    monkeypatch.setenv("HYC_SECRET_FILE", str(tmp_path / "other.secret"))
    _refused(fresh, made.folder, "La signature du manifest.json")


def test_backup_files_are_readable_by_their_owner_only(made):
    assert made.folder.stat().st_mode & 0o777 == 0o700
    assert {f.stat().st_mode & 0o777 for f in made.folder.iterdir()} == {0o600}


def test_a_backup_killed_while_writing_leaves_nothing_that_outlives_the_next_start(engine, tmp_path):
    """A process writing a backup is killed with SIGKILL before it is whole: its hidden folder (the personal data
    of every table written so far) is never listed as a backup, and the next start removes it."""
    import os
    import signal
    import subprocess
    import sys
    parent = tmp_path / "backups"
    url = str(engine.url)
    engine.dispose()  # the writing process takes the store's lock
    script = f"""
import sys, time
sys.path.insert(0, {str(backups.config.ROOT)!r})
from datetime import datetime
from hyc import backups, schema
backups.seal = lambda folder, manifest: (print("written", flush=True), time.sleep(60))
backups.backup(schema.open_store({url!r}), __import__("pathlib").Path({str(parent)!r}), datetime(2026, 11, 23, 22, 30))
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "HYC_BACKUP_HOUR": "off"})
    assert proc.stdout.readline().strip() == "written"  # every table's file is on disk, not sealed yet
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    left = list(parent.iterdir())
    assert left and all(f.name.startswith(".") for f in left) and list(left[0].glob("*.parquet"))
    assert backups.made_in(parent) == []
    # A dated folder without its manifest (from before this rule) is a leftover too.
    (parent / "hyc-2026-11-22-223000").mkdir()
    assert sorted(backups.remove_leftovers(parent)) == sorted([*left, parent / "hyc-2026-11-22-223000"])
    assert list(parent.iterdir()) == []
