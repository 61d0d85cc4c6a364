"""The store: models round-trip, keys from sequences, versioned upgrades, and the lock held by another process."""

import os
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest
from sqlmodel import select

from hyc import db, models, schema, vocab
from tests.conftest import build_store, fetch


def test_a_new_store_is_at_the_last_version(empty_url):
    engine = schema.open_store(empty_url)
    with engine.connect() as conn:
        assert schema.current_version(conn) == schema.UPGRADES[-1].version
    assert schema.upgrade(engine) == []  # nothing left to apply
    engine.dispose()


def test_models_round_trip_with_keys_from_sequences(empty_url):
    engine = schema.open_store(empty_url)
    with db.session(engine) as s:
        member = models.TeamMember(email="claire@hackyourcare.fr", full_name="Claire Dubois", role="fondateur")
        org = models.Organisation(name="MediLens", kind="startup", makes_health_products=True)
        s.add_all([member, org])
        s.commit()
        req = models.Request(organisation_id=org.id, title="Atelier", mission_type="atelier", headcount=10,
                             owner_id=member.id)
        cg = models.Caregiver(first_name="Marie", last_name="Curie", email="marie@example.fr", profession="medecin",
                              specialty="radiologie")
        s.add_all([req, cg])
        s.commit()
        s.add(models.Match(request_id=req.id, caregiver_id=cg.id, convention_status="non_requise",
                           cumul_status="non_concerne"))
        s.commit()
    with db.session(engine) as s:
        match = s.exec(select(models.Match)).one()
        assert (match.request_id, match.caregiver_id, match.stage) == (req.id, cg.id, "suggeree")
        assert s.get(models.Caregiver, cg.id).email == "marie@example.fr"
        assert member.id == 1 and org.id == 1
    engine.dispose()


def test_caregiver_email_is_unique(empty_url):
    engine = schema.open_store(empty_url)
    with db.session(engine) as s:
        s.add(models.Caregiver(first_name="A", last_name="B", email="a@b.fr", profession="medecin"))
        s.commit()
    with db.session(engine) as s, pytest.raises(Exception, match="(?i)duplicate key"):
        s.add(models.Caregiver(first_name="C", last_name="D", email="a@b.fr", profession="infirmier"))
        s.commit()
    engine.dispose()


def _add_column_with_default(conn):
    conn.exec_driver_sql("alter table caregiver add column if not exists nickname varchar default 'x'")


def _backfill_nickname(conn):
    conn.exec_driver_sql("update caregiver set nickname = lower(first_name)")


def _new_table_from_data(conn):
    conn.exec_driver_sql(
        "create table if not exists caregiver_count as select profession, count(*) as n from caregiver group by 1")


def test_upgrade_steps_keep_every_row(tmp_path):
    """A store made at version 1 and holding data reaches the last step with every row still there."""
    url = build_store(tmp_path / "old.duckdb")
    engine = schema.open_store(url)
    before = db.table_counts(engine)
    ids_before = db.read_df(engine, "select id, email from caregiver order by id")
    steps = (
        *schema.UPGRADES,
        schema.Upgrade(90, "add a column", _add_column_with_default),
        schema.Upgrade(91, "fill it from existing rows", _backfill_nickname),
        schema.Upgrade(92, "a table derived from the data", _new_table_from_data),
    )
    assert schema.upgrade(engine, steps) == [90, 91, 92]
    assert db.table_counts(engine) == before
    after = db.read_df(engine, "select id, email, nickname, first_name from caregiver order by id")
    assert after[["id", "email"]].equals(ids_before)
    assert (after.nickname == after.first_name.str.lower()).all()
    assert int(db.scalar(engine, "select sum(n) from caregiver_count")) == before["caregiver"]
    versions = db.read_df(engine, "select version from schema_version order by version").version.tolist()
    assert versions == [step.version for step in schema.UPGRADES] + [90, 91, 92]
    # Applied once: running again changes nothing.
    assert schema.upgrade(engine, steps) == []
    engine.dispose()


def test_failed_step_leaves_the_store_at_the_previous_version(tmp_path):
    url = build_store(tmp_path / "s.duckdb", scale=0.05)
    engine = schema.open_store(url)
    before = db.table_counts(engine)

    def broken(conn):
        conn.exec_driver_sql("delete from caregiver")
        raise RuntimeError("step failed half-way")

    last = schema.UPGRADES[-1].version
    with pytest.raises(RuntimeError):
        schema.upgrade(engine, (*schema.UPGRADES, schema.Upgrade(last + 1, "broken", broken)))
    assert db.table_counts(engine) == before
    with engine.connect() as conn:
        assert schema.current_version(conn) == last
    engine.dispose()


def test_a_version_1_store_gains_sign_in_sessions_and_the_objection_list_keeping_its_rows(tmp_path):
    """Step 2 on a store as version 1 made it: caregiver without erased_at, no web_session nor objection."""
    url = build_store(tmp_path / "v1.duckdb", scale=0.05)
    engine = schema.open_store(url)
    with engine.begin() as conn:
        for statement in ("drop index caregiver_phone_key", "drop index caregiver_rpps_key",  # from step 3
                          "alter table caregiver drop column erased_at", "drop table web_session",
                          "drop table objection", "delete from schema_version where version >= 2"):
            conn.exec_driver_sql(statement)
    before = db.table_counts(engine)
    emails = db.read_df(engine, "select id, email from caregiver order by id")
    assert schema.upgrade(engine) == [step.version for step in schema.UPGRADES if step.version >= 2]
    assert db.table_counts(engine) == before
    assert db.read_df(engine, "select id, email from caregiver order by id").equals(emails)
    assert db.scalar(engine, "select count(*) from caregiver where erased_at is null") == before["caregiver"]
    assert db.scalar(engine, "select count(*) from objection") == 0
    engine.dispose()


def test_a_store_newer_than_the_code_is_refused(empty_url):
    engine = schema.open_store(empty_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("insert into schema_version values (99, 'future', now())")
    with pytest.raises(db.StoreTooNew, match="version 99"):
        schema.upgrade(engine)
    engine.dispose()


def hold_lock(path):
    """A second process that opens the store and keeps it until killed."""
    code = textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(path)!r})
        print("locked", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_store_held_by_another_process_gives_a_clear_error(tmp_path):
    path = tmp_path / "held.duckdb"
    schema.open_store(f"duckdb:///{path}").dispose()
    holder = hold_lock(path)
    try:
        started = time.monotonic()
        with pytest.raises(db.StoreLocked) as caught:
            schema.open_store(f"duckdb:///{path}")
        assert time.monotonic() - started < 10
        assert str(path) in str(caught.value)
        assert f"processus {holder.pid}" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_refused_checkout_does_not_upset_the_rewrite_gate(tmp_path, monkeypatch):
    import threading

    engine = schema.open_store(f"duckdb:///{tmp_path / 'gate.duckdb'}")
    gate = db.GATES[id(engine)]
    monkeypatch.setattr(db, "GATE_WAIT_S", 0.2)
    refused = []
    with gate.alone():
        worker = threading.Thread(target=lambda: refused.append(_refused(engine)))
        worker.start()
        worker.join()
    assert refused == [True]
    assert db.scalar(engine, "select 42") == 42
    assert gate._active == 0  # the refused checkout was not counted, so its return is not either
    engine.dispose()


def _refused(engine) -> bool:
    try:
        db.scalar(engine, "select 1")
    except db.StoreError:
        return True
    return False


def test_two_rewrites_at_once_run_one_after_the_other_and_keep_every_row(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    url = build_store(tmp_path / "rw.duckdb", scale=0.05)
    engine = schema.open_store(url)
    before = db.table_counts(engine)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: db.rewrite(engine), range(2)))
    assert db.table_counts(engine) == before
    engine.dispose()


def test_steps_3_and_4_make_phone_and_rpps_unique_keeping_every_duplicate_value_in_the_notes(tmp_path):
    """A store made before step 3, where two saves at once left one phone and one RPPS on two records: the
    upgrade keeps each value on the oldest record and in the notes of the other, with an audit event."""
    url = build_store(tmp_path / "v2.duckdb", scale=0.05)
    engine = schema.open_store(url)
    with engine.begin() as conn:
        for statement in ("drop index caregiver_phone_key", "drop index caregiver_rpps_key",
                          "delete from schema_version where version >= 3"):
            conn.exec_driver_sql(statement)
    with engine.begin() as conn:
        first, second = conn.exec_driver_sql("select id, phone, rpps from caregiver where phone is not null "
                                             "and rpps is not null order by id limit 2").all()
        conn.exec_driver_sql("update caregiver set phone = ?, rpps = ? where id = ?", (first[1], first[2], second[0]))
    before = db.table_counts(engine)
    assert schema.upgrade(engine)[:2] == [3, 4]
    rows = db.read_df(engine, "select id, phone, rpps, notes from caregiver where id in (?, ?) order by id",
                      [first[0], second[0]])
    assert rows.phone.iloc[0] == first[1] and rows.rpps.iloc[0] == first[2]
    assert rows.phone.isna().iloc[1] and rows.rpps.isna().iloc[1]
    assert f"Téléphone {first[1]} aussi sur la fiche n° {first[0]}" in rows.notes.iloc[1]
    assert f"Numéro RPPS {first[2]} aussi sur la fiche n° {first[0]}" in rows.notes.iloc[1]
    after = db.table_counts(engine)
    assert after["caregiver"] == before["caregiver"] and after["audit_event"] == before["audit_event"] + 2
    with engine.begin() as conn, pytest.raises(Exception, match="(?i)duplicate key"):
        conn.exec_driver_sql("update caregiver set phone = ? where id = ?", (first[1], second[0]))
    engine.dispose()


def _insert_match(conn, request_id: int, caregiver_id: int, stage: str = "suggeree") -> int:
    """A match row written straight into the store, as a race before the unique key could leave one."""
    return conn.exec_driver_sql(
        "insert into match (id, request_id, caregiver_id, stage, convention_status, cumul_status, "
        "conflict_checked, created_at, updated_at, row_version) values (nextval('match_id_seq'), ?, ?, ?, "
        "'non_requise', 'non_concerne', false, now(), now(), 1) returning id",
        (request_id, caregiver_id, stage)).scalar()


def _store_before_step_5(path):
    """A demo store taken back to schema 4: no unique key on (request, caregiver), steps 5 on still to run."""
    engine = schema.open_store(build_store(path, scale=0.05))
    with engine.begin() as conn:
        conn.exec_driver_sql("drop index match_request_caregiver_key")
        conn.exec_driver_sql("delete from schema_version where version >= 5")
    return engine


def test_steps_5_and_6_keep_one_match_per_caregiver_and_request_and_the_repeat_in_the_audit_log(tmp_path):
    """A store made before step 5, where two proposals at once put one caregiver twice on a request: the repeat
    with the shorter history goes, its row and events kept in the audit log; then the store refuses a second."""
    engine = _store_before_step_5(tmp_path / "v4.duckdb")
    with engine.begin() as conn:
        request_id, caregiver_id = conn.exec_driver_sql(
            "select request_id, caregiver_id from match order by id limit 1").one()
        repeat = _insert_match(conn, request_id, caregiver_id)
    before = db.table_counts(engine)
    assert schema.upgrade(engine)[:2] == [5, 6]
    kept = db.read_df(engine, "select id from match where request_id = ? and caregiver_id = ?",
                      [request_id, caregiver_id])
    assert len(kept) == 1 and int(kept.id.iloc[0]) != repeat
    logged = db.read_df(engine, "select before from audit_event where entity = 'match' and entity_id = ? "
                        "and action = 'delete'", [repeat])
    assert len(logged) == 1 and f'"request_id": {request_id}' in logged.before.iloc[0]
    assert '"events": []' in logged.before.iloc[0]
    assert db.table_counts(engine)["match"] == before["match"] - 1
    with engine.begin() as conn, pytest.raises(Exception, match="(?i)duplicate key"):
        _insert_match(conn, request_id, caregiver_id)
    engine.dispose()


def test_step_5_keeps_the_repeat_the_team_moved_on_and_logs_the_other_with_its_events(tmp_path):
    """The repeat may be the one the team worked on: the longer history stays, whichever is older, and the store
    opens."""
    engine = _store_before_step_5(tmp_path / "v4b.duckdb")
    with engine.begin() as conn:
        first, request_id, caregiver_id, stage = conn.exec_driver_sql(
            "select id, request_id, caregiver_id, stage from match order by id limit 1").one()
        later = _insert_match(conn, request_id, caregiver_id, "contactee")
        # A longer history than the first's: every stage of the path.
        for step in ("suggeree", "contactee", "interessee", "proposee_client", "entretien", "retenue",
                     "contrat_signe", "en_mission", "terminee", "suggeree", "contactee"):
            conn.exec_driver_sql("insert into match_event (id, match_id, stage, occurred_at) "
                                 "values (nextval('match_event_id_seq'), ?, ?, now())", (later, step))
    engine.dispose()
    engine = schema.open_store(f"duckdb:///{tmp_path / 'v4b.duckdb'}")  # the upgrade runs here: the store opens
    assert fetch(engine, "select id, stage from match where request_id = ? and caregiver_id = ?",
                 request_id, caregiver_id) == [(later, "contactee")]
    [(before,)] = fetch(engine, "select before from audit_event where entity = 'match' and action = 'delete' "
                                "and entity_id = ?", first)
    assert f'"id": {first}' in before and f'"stage": "{stage}"' in before and '"events": [' in before
    engine.dispose()


AUDIT_ROW = ("insert into audit_event (id, occurred_at, action, entity) "
             "values (nextval('audit_event_id_seq'), now(), '{action}', 'test')")


def test_the_data_version_rises_with_a_write_committed_after_a_later_one(empty_url):
    """Audit ids are drawn before commit: the write that drew the lower id may commit last. Reads cached at the
    version in between must not be reused once it has committed."""
    engine = schema.open_store(empty_url)
    insert = AUDIT_ROW.format(action="test")
    with db.raw(engine) as first, db.raw(engine) as second:
        first.execute("begin")
        first.execute(insert)  # draws the lower id
        second.execute(insert)  # draws a higher one, committed at once
        between = db.data_version(engine)
        first.execute("commit")
    assert db.data_version(engine) > between
    engine.dispose()


def test_no_connection_opens_the_file_while_a_rewrite_swaps_it(tmp_path):
    """A connection opened during a rewrite would keep the replaced file open, and whatever it wrote would be lost
    with it: opening one waits for the rewrite, then reads and writes the new file."""
    import threading

    path = tmp_path / "swap.duckdb"
    engine = schema.open_store(f"duckdb:///{path}")
    db.scalar(engine, AUDIT_ROW.format(action="before") + " returning id")
    opened = threading.Event()

    def write_during_rewrite() -> None:
        db.scalar(engine, AUDIT_ROW.format(action="during") + " returning id")
        opened.set()

    gate = db.GATES[id(engine)]
    with gate.alone():
        engine.dispose()  # as the rewrite does: the next query opens a new connection
        writer = threading.Thread(target=write_during_rewrite)
        writer.start()
        assert not opened.wait(0.5)  # waits at the gate, the file not opened
        fresh = path.with_name("fresh.duckdb")
        con = duckdb.connect(str(path))
        con.execute(f"attach '{fresh}' as fresh")
        con.execute("copy from database swap to fresh")
        con.execute("detach fresh")
        con.close()
        os.replace(fresh, path)
    writer.join(30)
    assert opened.is_set()
    engine.dispose()
    con = duckdb.connect(str(path))
    assert con.execute("select action from audit_event where entity = 'test' order by id").fetchall() == [
        ("before",), ("during",)]
    con.close()


def test_steps_13_and_14_give_requests_their_criteria_and_put_compliance_and_first_missions_right(tmp_path):
    """A store as version 12 made it: requests without criteria, new matches stored "non requise" / "non
    concerné(e)" by the old column defaults, a first mission ticked by hand without a finished match. The steps
    add the criteria with their defaults and bring every state to what its facts give, each change audited."""
    from tests.test_matches import _disagreeing

    url = build_store(tmp_path / "v12.duckdb", scale=0.05)
    engine = schema.open_store(url)
    with engine.begin() as conn:
        for column in ("specialties_required", "place_required", "digital_appetites", "appetite_required",
                       "about_ai", "ai_required", "panel"):
            conn.exec_driver_sql(f"alter table request drop column {column}")
        conn.exec_driver_sql("update match set convention_status = 'non_requise', cumul_status = 'non_concerne' "
                             "where stage in ('suggeree', 'contactee', 'interessee')")
        conn.exec_driver_sql("""update onboarding_step set status = 'fait' where step = 'premiere_mission'
                                and caregiver_id not in (select caregiver_id from match where stage = 'terminee')
                                and caregiver_id in (select id from caregiver order by id limit 3)""")
        conn.exec_driver_sql("delete from schema_version where version >= 13")
    wrong = len(_disagreeing(engine))
    assert wrong
    events = db.scalar(engine, "select count(*) from audit_event")
    assert schema.upgrade(engine) == [step.version for step in schema.UPGRADES if step.version >= 13]  # later ones too
    assert _disagreeing(engine) == []
    from hyc import mentoring
    assert mentoring.first_mission_drift(engine).empty
    # One audit event with no author per match put right, and per step put right (three).
    assert db.scalar(engine, "select count(*) from audit_event") == events + wrong + 3
    requests = db.read_df(engine, "select mission_type, specialties_required, place_required, digital_appetites, "
                                  "about_ai from request")
    assert requests.specialties_required.all() and not requests.place_required.any()
    assert not requests.about_ai.any()
    for row in requests.itertuples():
        assert (row.digital_appetites or "") == ",".join(vocab.USUAL_APPETITES[row.mission_type])
    engine.dispose()
