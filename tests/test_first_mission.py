""""Has done a mission" has one definition: at least one of the caregiver's matches is finished ('terminee'). The
onboarding step "Première mission faite" follows it, for one caregiver when a match moves
(mentoring.follow_first_mission) and for the whole store (mentoring.reconcile_first_missions, an upgrade step's
work); nobody ticks it by hand. Expected figures are plain SQL on the store."""

import json
from datetime import datetime

import pytest

from hyc import audit, matches, mentoring, models, progress, vocab
from hyc.validation import FormInvalid
from tests.conftest import fetch, t
from tests.helpers import FOUNDER, MENTOR, new_caregiver, signable_match

TRACK = [s for s in vocab.ONBOARDING_STEPS.codes if s not in vocab.OPTIONAL_ONBOARDING_STEPS]
LATER = datetime(2030, 1, 1)  # "now" for a reconcile: after anything the demo holds


def finished(engine) -> set[int]:
    return {cid for (cid,) in fetch(engine, "select distinct caregiver_id from match where stage = 'terminee'")}


def done(engine) -> set[int]:
    return {cid for (cid,) in fetch(engine, "select caregiver_id from onboarding_step "
                                            "where step = 'premiere_mission' and status = 'fait'")}


def step_of(engine, caregiver_id: int) -> tuple[str, datetime | None]:
    [row] = fetch(engine, "select status, changed_at from onboarding_step where caregiver_id = ? "
                          "and step = 'premiere_mission'", caregiver_id)
    return row


def first_finish(engine, caregiver_id: int) -> datetime:
    return fetch(engine, """select min(e.occurred_at) from match m join match_event e on e.match_id = m.id
                            where m.caregiver_id = ? and m.stage = 'terminee' and e.stage = 'terminee'""",
                 caregiver_id)[0][0]


def reconcile(engine, now=LATER) -> int:
    with engine.begin() as conn:  # as an upgrade step runs: a connection inside a transaction
        return mentoring.reconcile_first_missions(conn, now=now)


def system_step_events(engine) -> list[tuple]:
    return fetch(engine, "select entity_id, before, after, occurred_at from audit_event "
                         "where actor_id is null and entity = 'onboarding_step' order by id")


def test_after_reconcile_the_step_is_done_exactly_for_those_with_a_finished_match(engine):
    # Two known disagreements whatever the demo holds: one who finished a mission with the step to do, one with
    # the step done and no finished match.
    someone_finished = min(finished(engine))
    nobody = fetch(engine, "select min(id) from caregiver where id not in "
                           "(select caregiver_id from match where stage = 'terminee')")[0][0]
    with engine.begin() as conn:
        conn.exec_driver_sql("update onboarding_step set status = 'a_faire', changed_at = null "
                             "where step = 'premiere_mission' and caregiver_id = ?", (someone_finished,))
        conn.exec_driver_sql("update onboarding_step set status = 'fait' where step = 'premiere_mission' "
                             "and caregiver_id = ?", (nobody,))
        conn.exec_driver_sql("delete from caregiver_progress where caregiver_id in (?, ?)", (someone_finished, nobody))
    # Every step whose "done" says other than the matches; the others, 'en cours' included, are left as they are.
    wrong = {step_id: (before, after) for step_id, before, after in fetch(engine, """
        select id, status, if(finished, 'fait', 'a_faire') from (
            select s.id, s.status, s.caregiver_id in (select caregiver_id from match where stage = 'terminee')
                                   as finished
            from onboarding_step s where s.step = 'premiere_mission')
        where (status = 'fait') <> finished""")}
    assert len(wrong) >= 2 and finished(engine) != done(engine)
    left = fetch(engine, "select id, status, changed_at from onboarding_step where step = 'premiere_mission' "
                         "and id not in (select unnest(?::integer[])) order by id", list(wrong))

    assert reconcile(engine) == len(wrong)
    assert done(engine) == finished(engine) and len(done(engine)) > 5
    assert fetch(engine, "select id, status, changed_at from onboarding_step where step = 'premiere_mission' "
                         "and id not in (select unnest(?::integer[])) order by id", list(wrong)) == left
    # Dated when the first match was finished; undone "now".
    assert step_of(engine, someone_finished) == ("fait", first_finish(engine, someone_finished))
    assert step_of(engine, nobody) == ("a_faire", LATER)
    # One audit event per step moved, with no author, saying what it was and what it is.
    events = system_step_events(engine)
    assert {entity_id: (json.loads(before), json.loads(after)) for entity_id, before, after, _ in events} == {
        step_id: ({"step": "premiere_mission", "status": before}, {"step": "premiere_mission", "status": after})
        for step_id, (before, after) in wrong.items()}
    assert {at for *_, at in events} == {LATER}
    # Nothing left to do: a second run moves nothing and writes nothing (the engine fixture checks
    # caregiver_progress for every caregiver at the end).
    assert reconcile(engine) == 0 and len(system_step_events(engine)) == len(wrong)
    assert mentoring.first_mission_drift(engine).empty


def test_reconcile_gives_the_step_to_a_caregiver_who_finished_a_mission_and_had_no_row_for_it(engine):
    cid = min(finished(engine))
    with engine.begin() as conn:
        conn.exec_driver_sql("delete from onboarding_step where step = 'premiere_mission' and caregiver_id = ?",
                             (cid,))
    assert cid in set(mentoring.first_mission_drift(engine).caregiver_id)
    reconcile(engine)
    assert step_of(engine, cid) == ("fait", first_finish(engine, cid))
    assert mentoring.first_mission_drift(engine).empty


def test_the_drift_lists_both_kinds_of_disagreement(engine):
    reconcile(engine)
    someone_finished = min(finished(engine))
    nobody = fetch(engine, "select min(caregiver_id) from onboarding_step where step = 'premiere_mission' "
                           "and status = 'a_faire'")[0][0]
    with engine.begin() as conn:
        conn.exec_driver_sql("update onboarding_step set status = if(caregiver_id = ?, 'en_cours', 'fait') "
                             "where step = 'premiere_mission' and caregiver_id in (?, ?)",
                             (someone_finished, someone_finished, nobody))
    drift = mentoring.first_mission_drift(engine).set_index("caregiver_id").finished.to_dict()
    assert drift == {someone_finished: True, nobody: False}
    reconcile(engine)


def _finish(session, match_id: int, stage: str = "terminee") -> None:
    """What matches.move does to a match, inside the write's transaction."""
    match = session.get(models.Match, match_id)
    match.stage = stage
    audit.touch(match)
    session.add(models.MatchEvent(match_id=match_id, stage=stage, occurred_at=match.updated_at, author_id=FOUNDER.id))
    session.flush()
    progress.refresh_spans(session.connection().exec_driver_sql, match_id)


def test_following_one_caregiver_dates_the_step_when_their_first_match_finished_and_undoes_it(engine):
    reconcile(engine)
    match_id, cid = fetch(engine, "select id, caregiver_id from match where stage = 'en_mission' and caregiver_id "
                                  "not in (select caregiver_id from match where stage = 'terminee') order by id")[0]
    was = step_of(engine, cid)[0]
    assert was != "fait"
    before = fetch(engine, "select max(id) from audit_event")[0][0]
    with audit.transaction(engine, FOUNDER, "matches") as session:
        _finish(session, match_id)
        assert mentoring.follow_first_mission(session, FOUNDER, cid) is True
        assert mentoring.follow_first_mission(session, FOUNDER, cid) is False  # already in line: nothing more
    assert step_of(engine, cid) == ("fait", first_finish(engine, cid))
    assert fetch(engine, "select placed_once, stage from caregiver_progress where caregiver_id = ?", cid) == [
        (True, "premiere_mission")]
    [(actor, entity, before_json, after_json)] = fetch(
        engine, "select actor_id, entity, before, after from audit_event where id > ? and entity = 'onboarding_step'",
        before)
    assert (actor, entity, json.loads(before_json)["status"], json.loads(after_json)["status"]) == (
        FOUNDER.id, "onboarding_step", was, "fait")
    # The finished match leaves 'terminee' (a correction): the step follows it back.
    with audit.transaction(engine, FOUNDER, "matches") as session:
        _finish(session, match_id, "en_mission")
        assert mentoring.follow_first_mission(session, FOUNDER, cid) is True
    assert step_of(engine, cid)[0] == "a_faire" and cid not in done(engine)
    assert mentoring.first_mission_drift(engine).empty
    # A step neither done nor due is left as it is ('en cours' set before the rule, say).
    with engine.begin() as conn:
        conn.exec_driver_sql("update onboarding_step set status = 'en_cours' where caregiver_id = ? "
                             "and step = 'premiere_mission'", (cid,))
    started = step_of(engine, cid)
    with audit.transaction(engine, FOUNDER, "matches") as session:
        assert mentoring.follow_first_mission(session, FOUNDER, cid) is False
    assert step_of(engine, cid) == started
    with engine.begin() as conn:
        progress.refresh(conn.exec_driver_sql, cid)


def test_a_mentor_cannot_tick_the_first_mission_by_hand_and_says_why(engine):
    caregiver = new_caregiver(engine)
    mentoring.move_steps(engine, MENTOR, caregiver.id, dict.fromkeys(TRACK[:-1], "fait"))
    before = fetch(engine, "select step, status from onboarding_step where caregiver_id = ? order by step",
                   caregiver.id)
    for status in ("fait", "en_cours"):
        with pytest.raises(FormInvalid) as refused:
            mentoring.move_steps(engine, MENTOR, caregiver.id, {"premiere_mission": status, "formation_ia": "fait"})
        assert refused.value.errors == {"premiere_mission": t("error.step_follows_matches")}
    assert fetch(engine, "select step, status from onboarding_step where caregiver_id = ? order by step",
                 caregiver.id) == before
    # A form that sends every step, this one at the status it has, saves the others.
    assert mentoring.move_steps(engine, MENTOR, caregiver.id, {"premiere_mission": "a_faire",
                                                               "formation_ia": "fait"}) == ["formation_ia"]


def test_a_finished_mission_does_not_stop_a_mentor_setting_an_earlier_step_right(engine):
    reconcile(engine)
    cid = min(finished(engine))
    assert step_of(engine, cid)[0] == "fait"
    with pytest.raises(FormInvalid) as refused:  # undoing it by hand is refused too
        mentoring.move_steps(engine, MENTOR, cid, {"premiere_mission": "a_faire"})
    assert refused.value.errors == {"premiere_mission": t("error.step_follows_matches")}
    assert mentoring.move_steps(engine, MENTOR, cid, {"pret_mission": "en_cours"}) == ["pret_mission"]
    assert step_of(engine, cid)[0] == "fait"


def test_a_match_moved_to_terminee_ticks_the_first_mission(engine):
    match = signable_match(engine, makes_health_products=False, practice_setting="liberal")
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"conflict_checked": True},
                                    expected_version=match.row_version)
    for stage in ("contrat_signe", "en_mission", "terminee"):
        match = matches.move(engine, FOUNDER, match.id, stage, expected_version=match.row_version)
    assert step_of(engine, match.caregiver_id) == ("fait", first_finish(engine, match.caregiver_id))
