"""What hyc.progress keeps on write: where each caregiver stands on the track (table caregiver_progress) and when
each match event ended (match_event.left_at). Each is kept by every write that changes it, rebuilt by the demo
load, a restore and the upgrade step that made it, and equal to the history itself (computed here with pandas)."""

from contextlib import contextmanager
from datetime import datetime

import pandas as pd

from hyc import backups, db, matches, mentoring, progress, schema, vocab
from tests.conftest import fetch
from tests.helpers import FOUNDER, new_caregiver, signable_match


def expected_from_steps(engine) -> pd.DataFrame:
    """The track read with pandas: the furthest step done (the optional AI training aside), ready, placed once,
    the last time a step moved."""
    with db.raw(engine) as con:
        steps = con.execute("select caregiver_id, step, status, changed_at from onboarding_step").df()
    order = {code: i for i, code in enumerate(vocab.ONBOARDING_STEPS.codes)}
    done = steps[(steps.status == "fait") & (steps.step != "formation_ia")].assign(rank=lambda d: d.step.map(order))
    furthest = done.sort_values("rank").groupby("caregiver_id").step.last()
    moved = steps[steps.status != "a_faire"].groupby("caregiver_id").changed_at.max()
    flag = lambda step: steps.assign(hit=(steps.step == step) & (steps.status == "fait")).groupby(  # noqa: E731
        "caregiver_id").hit.any()
    ids = pd.Index(sorted(steps.caregiver_id.unique()), name="caregiver_id")
    return pd.DataFrame({"stage": furthest.reindex(ids).fillna(vocab.NO_STAGE), "ready": flag("pret_mission"),
                         "placed_once": flag("premiere_mission"), "last_progress_at": moved.reindex(ids)})


def stored(engine) -> pd.DataFrame:
    with db.raw(engine) as con:
        return con.execute("select * from caregiver_progress order by caregiver_id").df().set_index("caregiver_id")


def test_the_demo_store_holds_each_caregiver_s_place_on_the_track(engine):
    expected, got = expected_from_steps(engine), stored(engine)
    assert len(got) == len(expected) == fetch(engine, "select count(*) from caregiver")[0][0]
    assert got.stage.to_dict() == expected.stage.to_dict()
    assert got.ready.to_dict() == expected.ready.to_dict() and got.ready.any() and not got.ready.all()
    assert got.placed_once.to_dict() == expected.placed_once.to_dict()
    assert (got.last_progress_at.fillna(pd.Timestamp(0)) == expected.last_progress_at.fillna(pd.Timestamp(0))).all()


def test_a_new_caregiver_and_each_step_moved_are_kept_at_once(engine):
    cid = new_caregiver(engine).id
    assert stored(engine).loc[cid].stage == vocab.NO_STAGE
    first_two = {"appel_accueil": "fait", "profil_complet": "fait"}
    mentoring.move_steps(engine, FOUNDER, cid, first_two)
    row = stored(engine).loc[cid]
    assert row.stage == "profil_complet" and not row.ready and row.last_progress_at > datetime(2026, 1, 1)
    mentoring.move_steps(engine, FOUNDER, cid, {"profil_complet": "a_faire"})
    assert stored(engine).loc[cid].stage == "appel_accueil"
    assert progress.drift(engine).empty


@contextmanager
def restored_copy(engine, tmp_path):
    """A new store restored from a backup of `engine`'s."""
    made = backups.backup(engine, tmp_path / "backups", datetime(2026, 11, 23, 22, 30))
    restored = schema.open_store(f"duckdb:///{tmp_path / 'restored.duckdb'}")
    try:
        backups.restore(restored, made.folder)
        yield restored
    finally:
        restored.dispose()


def upgrade_again(engine, undo: str, version: int) -> None:
    """`undo` (SQL) takes the store back to before the upgrade step `version`, which is then applied."""
    with db.raw(engine) as con:
        con.execute(undo)
    step = next(step for step in schema.UPGRADES if step.version == version)
    with engine.begin() as conn:
        step.apply(conn)


def test_a_restore_and_the_upgrade_step_rebuild_it(engine, tmp_path):
    with restored_copy(engine, tmp_path) as restored:
        assert stored(restored).equals(stored(engine)) and progress.drift(restored).empty
    # A store from before step 11 had no such table: the step makes it from the steps.
    upgrade_again(engine, "drop table caregiver_progress", 11)
    assert progress.drift(engine).empty and len(stored(engine)) > 100


def events(engine) -> pd.DataFrame:
    """Every match event with its stored end and its end read with pandas: the match's next event."""
    with db.raw(engine) as con:
        rows = con.execute("select id, match_id, stage, occurred_at, left_at from match_event").df()
    rows = rows.sort_values(["match_id", "occurred_at", "id"])
    return rows.assign(expected=rows.groupby("match_id").occurred_at.shift(-1)).set_index("id")


def ends_agree(rows: pd.DataFrame) -> bool:
    return bool((rows.left_at.fillna(pd.Timestamp(0)) == rows.expected.fillna(pd.Timestamp(0))).all())


def test_the_demo_store_holds_when_each_match_event_ended(engine):
    rows = events(engine)
    assert ends_agree(rows) and rows.left_at.notna().sum() > 100
    # Only each match's last event is open.
    assert rows.left_at.isna().sum() == rows.match_id.nunique()


def test_each_move_ends_the_match_s_previous_event(engine):
    match = signable_match(engine)  # proposed, then moved five times
    before = events(engine).query("match_id == @match.id")
    assert len(before) == 6 and before.left_at.isna().sum() == 1 and ends_agree(before)
    matches.move(engine, FOUNDER, match.id, "abandonnee", reason="sans_reponse", expected_version=match.row_version)
    rows = events(engine).query("match_id == @match.id")
    last_before, new = rows.loc[before.left_at.isna().idxmax()], rows.drop(before.index).iloc[0]
    assert last_before.left_at == new.occurred_at and pd.isna(new.left_at) and ends_agree(rows)


def test_a_restore_and_the_upgrade_step_rebuild_the_ends(engine, tmp_path):
    with db.raw(engine) as con:  # a backup made before step 12 held no ends
        con.execute("update match_event set left_at = null")
    with restored_copy(engine, tmp_path) as restored:
        assert ends_agree(events(restored)) and events(restored).left_at.notna().any()
    upgrade_again(engine, "alter table match_event drop column left_at", 12)
    assert ends_agree(events(engine)) and progress.span_drift(engine).empty


def test_refresh_some_brings_back_the_caregivers_a_subquery_lists_and_only_them(engine):
    *two, other = [cid for (cid,) in fetch(engine, "select caregiver_id from caregiver_progress where stage <> ? "
                                                   "order by 1 limit 3", vocab.NO_STAGE)]
    with db.raw(engine) as con:  # three rows made wrong
        con.execute("update caregiver_progress set stage = ?, ready = not ready where caregiver_id in (?, ?, ?)",
                    [vocab.NO_STAGE, *two, other])
    assert set(progress.drift(engine).caregiver_id) == {*two, other}
    with engine.begin() as conn:
        progress.refresh_some(conn.exec_driver_sql, "select unnest(?::integer[])", (two,))
    assert set(progress.drift(engine).caregiver_id) == {other}  # the third is left as it was
    with engine.begin() as conn:
        progress.refresh(conn.exec_driver_sql, other)
