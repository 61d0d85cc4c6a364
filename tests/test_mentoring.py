"""Onboarding steps (issue 9): a step is done only once the steps it depends on are, the optional AI training
excepted; the form says which are missing, and nothing is written."""

import json
import threading
from datetime import timedelta

import pandas as pd
import pytest

from hyc import audit, mentoring, reads, vocab
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import (
    FOUNDER,
    MENTOR,
    NOW,
    READER,
    assert_refused,
    new_caregiver,
)

TRACK = [s for s in vocab.ONBOARDING_STEPS.codes if s not in vocab.OPTIONAL_ONBOARDING_STEPS]


def statuses(engine, caregiver_id: int) -> dict[str, str]:
    return dict(fetch(engine, "select step, status from onboarding_step where caregiver_id = ?", caregiver_id))


def test_ready_for_a_mission_is_refused_while_earlier_steps_are_to_do_and_the_message_names_them(engine):
    caregiver = new_caregiver(engine)
    mentoring.move_steps(engine, MENTOR, caregiver.id, {"appel_accueil": "fait", "profil_complet": "fait"})
    before = statuses(engine, caregiver.id)
    with pytest.raises(FormInvalid) as refused:
        mentoring.move_steps(engine, MENTOR, caregiver.id, {"pret_mission": "fait"})
    missing = ["Statut juridique choisi", "Tarif défini", "Contrat type relu",
               "Règles déontologiques et anti-cadeaux comprises"]
    assert refused.value.errors == {"pret_mission": "Faites d'abord : " + ", ".join(missing) + "."}
    assert statuses(engine, caregiver.id) == before


def test_steps_done_in_one_save_in_track_order_are_accepted(engine):
    caregiver = new_caregiver(engine)
    changed = mentoring.move_steps(engine, MENTOR, caregiver.id, dict.fromkeys(TRACK[:-1], "fait"))
    assert changed == TRACK[:-1]
    assert statuses(engine, caregiver.id)["pret_mission"] == "fait"


def test_the_optional_ai_training_needs_nothing_before_it_and_nothing_waits_for_it(engine):
    caregiver = new_caregiver(engine)
    assert mentoring.move_steps(engine, MENTOR, caregiver.id, {"formation_ia": "fait"}) == ["formation_ia"]
    mentoring.move_steps(engine, MENTOR, caregiver.id, dict.fromkeys(TRACK[:-1], "fait") | {"formation_ia": "a_faire"})
    assert statuses(engine, caregiver.id)["pret_mission"] == "fait"


def test_an_earlier_step_cannot_be_undone_while_a_later_one_stays_done(engine):
    caregiver = new_caregiver(engine)
    mentoring.move_steps(engine, MENTOR, caregiver.id, dict.fromkeys(TRACK[:4], "fait"))
    with pytest.raises(FormInvalid) as refused:
        mentoring.move_steps(engine, MENTOR, caregiver.id, {"profil_complet": "en_cours"})
    assert refused.value.errors == {"profil_complet": "Des étapes suivantes sont faites (Statut juridique choisi, "
                                                      "Tarif défini) : repassez-les d'abord à « à faire » ou "
                                                      "« en cours »."}
    # Undone from the end, it is accepted.
    mentoring.move_steps(engine, MENTOR, caregiver.id, {"tarif_defini": "a_faire", "statut_juridique": "en_cours",
                                                        "profil_complet": "en_cours"})
    assert statuses(engine, caregiver.id)["profil_complet"] == "en_cours"


@pytest.mark.parametrize("step", TRACK)
def test_each_step_depends_on_every_required_step_before_it(step):
    assert mentoring.prerequisites(step) == tuple(TRACK[:TRACK.index(step)])


def test_two_step_saves_at_the_same_moment_cannot_leave_the_track_out_of_order(engine, monkeypatch):
    """One save undoes an early step while another marks "prêt(e)" done: each checks the order against the other's
    old statuses; the store refuses the second (a stale copy), so the track stays in order."""


    caregiver = new_caregiver(engine)
    mentoring.move_steps(engine, MENTOR, caregiver.id, dict.fromkeys(TRACK[:-2], "fait"))
    barrier = threading.Barrier(2)
    order = mentoring._out_of_order

    def at_the_same_moment(statuses, moved):
        try:
            barrier.wait(timeout=3)
        except threading.BrokenBarrierError:  # the other save was refused before it got here
            pass
        return order(statuses, moved)

    monkeypatch.setattr(mentoring, "_out_of_order", at_the_same_moment)
    results = []

    def save(statuses):
        try:
            mentoring.move_steps(engine, MENTOR, caregiver.id, statuses)
            results.append("saved")
        except audit.StaleRecord:
            results.append("refused")

    threads = [threading.Thread(target=save, args=(s,)) for s in ({"regles_deontologiques": "a_faire"},
                                                                   {"pret_mission": "fait"})]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "saved"]
    done = {step for step, status in statuses(engine, caregiver.id).items() if status == "fait"}
    assert not ("pret_mission" in done and "regles_deontologiques" not in done)


def test_steps_move_and_a_session_is_logged(engine):
    caregiver = new_caregiver(engine)
    changed = mentoring.move_steps(engine, MENTOR, caregiver.id, {"appel_accueil": "fait", "profil_complet":
                                                                  "en_cours", "tarif_defini": "a_faire"})
    assert changed == ["appel_accueil", "profil_complet"]
    assert fetch(engine, "select step, status from onboarding_step where caregiver_id = ? and status <> 'a_faire' "
                         "order by step", caregiver.id) == [("appel_accueil", "fait"), ("profil_complet", "en_cours")]
    row = mentoring.log_session(engine, MENTOR, {
        "caregiver_id": caregiver.id, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif", "statut_juridique"],
        "notes": "Micro-entreprise conseillée", "next_action": "Relire le contrat", "next_action_due": TODAY},
        now=NOW)
    assert fetch(engine, "select topics, next_action_due from mentoring_session where id = ?", row.id) == [
        ("statut_juridique,tarif", TODAY)]
    mentoring.close_action(engine, MENTOR, "mentoring_session", row.id, today=TODAY)
    assert fetch(engine, "select next_action_done from mentoring_session where id = ?", row.id) == [(True,)]


BAD_SESSIONS = [
    (lambda e: mentoring.log_session(e, MENTOR, {"caregiver_id": 1, "mentor_id": 4, "occurred_at": NOW,
                                                 "topics": []}, now=NOW), "topics", "Ce champ est obligatoire."),
    (lambda e: mentoring.log_session(e, MENTOR, {"caregiver_id": 1, "mentor_id": 4, "topics": ["tarif"],
                                                 "occurred_at": NOW + timedelta(days=1)}, now=NOW),
     "occurred_at", "Une séance passée ne peut pas être dans le futur."),
    (lambda e: mentoring.log_session(e, MENTOR, {"caregiver_id": 1, "mentor_id": 4, "topics": ["tarif"],
                                                 "occurred_at": NOW, "next_action": "Rappeler"}, now=NOW),
     "next_action_due", "Donnez une échéance à cette prochaine action."),
]


@pytest.mark.parametrize(("write", "field", "message"), BAD_SESSIONS)
def test_bad_inputs_are_refused_with_their_message_and_nothing_written(engine, write, field, message):
    assert_refused(engine, write, field, message)


def _open_action(engine, source: str = "call") -> tuple[int, int]:
    table, owner = ("call", "member_id") if source == "call" else ("mentoring_session", "mentor_id")
    return fetch(engine, f"""select id, {owner} from {table} where next_action is not null and not next_action_done
                             order by id limit 1""")[0]


@pytest.mark.parametrize("entity", ["call", "mentoring_session"])
def test_a_next_action_is_moved_then_handed_to_someone_else_each_with_its_audit_event(engine, entity):
    row_id, owner = _open_action(engine, "call" if entity == "call" else "mentoring")
    monday = TODAY + timedelta(days=7)
    mentoring.update_action(engine, FOUNDER, entity, row_id, {"due": monday}, today=TODAY)
    other = 1 if owner != 1 else 4
    mentoring.update_action(engine, FOUNDER, entity, row_id, {"owner_id": other}, today=TODAY)
    assert fetch(engine, f"select next_action_due, next_action_owner_id from {entity} where id = ?", row_id) == [
        (monday, other)]
    events = fetch(engine, "select before, after from audit_event where entity = ? and entity_id = ? "
                           "and action = 'update' order by id desc limit 2", entity, row_id)
    assert json.loads(events[0][1]) == {"next_action_owner_id": other}
    assert json.loads(events[1][1]) == {"next_action_due": monday.isoformat()}
    week = reads.mentoring.week(engine, TODAY, other)
    source = "call" if entity == "call" else "mentoring"
    assert ((week.source == source) & (week.id == row_id) & (week.part == "later")).sum() == 1


def test_a_next_action_is_not_moved_into_the_past_nor_handed_to_a_reader(engine):
    row_id, _ = _open_action(engine)
    before = fetch(engine, "select next_action_due, next_action_owner_id from call where id = ?", row_id)
    with pytest.raises(FormInvalid) as past:
        mentoring.update_action(engine, FOUNDER, "call", row_id, {"due": TODAY - timedelta(days=1)}, today=TODAY)
    assert list(past.value.errors) == ["due"]
    with pytest.raises(FormInvalid) as reader:
        mentoring.update_action(engine, FOUNDER, "call", row_id, {"owner_id": 3}, today=TODAY)
    assert list(reader.value.errors) == ["owner_id"]
    assert fetch(engine, "select next_action_due, next_action_owner_id from call where id = ?", row_id) == before


# --- The mentor's loop closes (issue 28) ------------------------------------------------------------------------

def _with_open_call_action(engine, caregiver_id: int) -> int:
    """A mentoring call about the caregiver whose next action is still open: the action a session follows up."""
    from hyc.calls import Part, log_call
    call = {"occurred_at": NOW - timedelta(days=3), "member_id": 4, "kind": "mentorat", "summary": "Tarif à revoir",
            "next_action": "Séance sur le tarif", "next_action_due": TODAY - timedelta(days=1)}
    return log_call(engine, MENTOR, call, now=NOW, today=TODAY, caregiver=Part(id=caregiver_id)).call.id


def _events(engine, entity: str, entity_id: int) -> list:
    return [(action, json.loads(after)) for action, after in fetch(
        engine, "select action, after from audit_event where entity = ? and entity_id = ? order by id",
        entity, entity_id)]


def _open_request(engine) -> int:
    return fetch(engine, "select min(id) from request where status in ('nouvelle', 'qualifiee', 'en_recherche')")[0][0]


def test_a_session_closes_the_action_that_led_to_it_and_ticks_the_steps_it_covered_each_audited(engine):
    caregiver = new_caregiver(engine)
    mentoring.move_steps(engine, MENTOR, caregiver.id, {"appel_accueil": "fait"})
    call_id = _with_open_call_action(engine, caregiver.id)
    request_id = _open_request(engine)
    row = mentoring.log_session(engine, MENTOR, {
        "caregiver_id": caregiver.id, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif"],
        "next_action": "Envoyer la grille au client", "next_action_due": TODAY + timedelta(days=2),
        "request_id": request_id}, now=NOW, closes=("call", call_id), steps=["profil_complet", "statut_juridique"])
    assert fetch(engine, "select next_action_done from call where id = ?", call_id) == [(True,)]
    assert _events(engine, "call", call_id)[-1] == ("update", {"next_action_done": True, "on": TODAY.isoformat()})
    # The two steps covered follow the welcome call, each with its own event.
    assert {s for s, status in statuses(engine, caregiver.id).items() if status == "fait"} == {
        "appel_accueil", "profil_complet", "statut_juridique"}
    steps = fetch(engine, "select after from audit_event where entity = 'onboarding_step' and entity_id in "
                          "(select id from onboarding_step where caregiver_id = ? and step in "
                          "('profil_complet', 'statut_juridique'))", caregiver.id)
    assert sorted(json.loads(a)["step"] for (a,) in steps) == ["profil_complet", "statut_juridique"]
    assert fetch(engine, "select request_id from mentoring_session where id = ?", row.id) == [(request_id,)]
    assert _events(engine, "mentoring_session", row.id)[0][1]["request_id"] == request_id
    # The week shows the session's action with the request it serves, by its title.
    week = reads.mentoring.week(engine, TODAY, None, caregiver.id)
    [title] = fetch(engine, "select title from request where id = ?", request_id)[0]
    mine = week[(week.source == "mentoring") & (week.id == row.id)]
    assert (int(mine.request_id.iloc[0]), mine.request.iloc[0]) == (request_id, title)
    assert ((week.source == "call") & (week.id == call_id)).sum() == 0  # closed: out of the week


@pytest.mark.parametrize(("closes", "steps", "field", "message"), [
    (None, ["pret_mission"], "steps", "Prêt(e) pour une mission : Faites d'abord : Appel d'accueil, Profil complet, "
                                      "Statut juridique choisi, Tarif défini, Contrat type relu, Règles "
                                      "déontologiques et anti-cadeaux comprises."),
    (None, ["premiere_mission"], "steps", None),
    ("other", [], "closes", "Cette action n'est plus ouverte pour ce soignant : choisissez-en une autre."),
])
def test_a_session_whose_closing_or_steps_are_refused_writes_nothing(engine, closes, steps, field, message):
    caregiver = new_caregiver(engine)
    call_id = _with_open_call_action(engine, caregiver.id)
    if closes == "other":  # another caregiver's open action
        other = new_caregiver(engine, email="autre@exemple.fr", phone="06 55 44 33 22", rpps=None)
        call_id = _with_open_call_action(engine, other.id)
    data = {"caregiver_id": caregiver.id, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif"]}
    expected = message or mentoring.Message("error.step_follows_matches")
    assert_refused(engine, lambda e: mentoring.log_session(e, MENTOR, data, now=NOW, closes=("call", call_id),
                                                           steps=steps), field, expected)
    assert fetch(engine, "select next_action_done from call where id = ?", call_id) == [(False,)]


def test_a_request_goes_with_a_next_action_and_must_exist(engine):
    caregiver = new_caregiver(engine)
    data = {"caregiver_id": caregiver.id, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif"],
            "request_id": _open_request(engine)}
    assert_refused(engine, lambda e: mentoring.log_session(e, MENTOR, data, now=NOW), "request_id",
                   "Un besoin se rattache à une prochaine action : décrivez-la.")
    gone = fetch(engine, "select max(id) + 1 from request")[0][0]
    assert_refused(engine, lambda e: mentoring.log_session(e, MENTOR, data | {
        "request_id": gone, "next_action": "Relancer", "next_action_due": TODAY}, now=NOW), "request_id",
        "Cette fiche n'existe plus : choisissez-en une autre.")


def test_a_reader_cannot_close_a_call_s_action_through_a_session(engine):
    caregiver = new_caregiver(engine)
    call_id = _with_open_call_action(engine, caregiver.id)
    with pytest.raises(audit.PermissionDenied):
        mentoring.log_session(engine, READER, {"caregiver_id": caregiver.id, "mentor_id": 4, "occurred_at": NOW,
                                               "topics": ["tarif"]}, now=NOW, closes=("call", call_id))


@pytest.mark.parametrize("entity", ["call", "mentoring_session"])
def test_an_action_done_takes_the_next_one_and_the_audit_keeps_the_done_one(engine, entity):
    row_id, _ = _open_action(engine, "call" if entity == "call" else "mentoring")
    [(before, due)] = fetch(engine, f"select next_action, next_action_due from {entity} where id = ?", row_id)
    follow = {"next_action": "Appeler pour le retour du client", "next_action_due": TODAY + timedelta(days=3)}
    with pytest.raises(FormInvalid) as still_open:  # the open action would be lost
        mentoring.set_next_action(engine, FOUNDER, entity, row_id, follow, today=TODAY)
    assert list(still_open.value.errors) == ["next_action"]
    mentoring.close_action(engine, FOUNDER, entity, row_id, today=TODAY)
    with pytest.raises(FormInvalid) as past:
        mentoring.set_next_action(engine, FOUNDER, entity, row_id, follow | {"next_action_due": TODAY - timedelta(1)},
                                  today=TODAY)
    assert list(past.value.errors) == ["next_action_due"]
    mentoring.set_next_action(engine, FOUNDER, entity, row_id, follow, today=TODAY)
    assert fetch(engine, f"select next_action, next_action_due, next_action_done from {entity} where id = ?",
                 row_id) == [(follow["next_action"], follow["next_action_due"], False)]
    [(old, new)] = fetch(engine, "select before, after from audit_event where entity = ? and entity_id = ? "
                                 "order by id desc limit 1", entity, row_id)
    assert json.loads(old) == {"next_action": before, "next_action_due": due.isoformat(), "next_action_done": True}
    assert json.loads(new)["next_action"] == follow["next_action"]
    week = reads.mentoring.week(engine, TODAY)
    source = "call" if entity == "call" else "mentoring"
    due = pd.Timestamp(follow["next_action_due"])
    assert ((week.source == source) & (week.id == row_id) & (week.due == due)).sum() == 1


def test_a_store_from_before_the_step_gains_the_request_of_a_session_s_action_keeping_its_sessions(engine):
    from hyc import db, schema
    sessions = fetch(engine, "select id, next_action from mentoring_session order by id")
    with engine.begin() as conn:
        conn.exec_driver_sql("alter table mentoring_session drop column request_id")
        conn.exec_driver_sql("delete from schema_version where version >= 15")
    assert schema.upgrade(engine) == [u.version for u in schema.UPGRADES if u.version >= 15]
    assert fetch(engine, "select id, next_action from mentoring_session order by id") == sessions
    assert db.scalar(engine, "select count(*) from mentoring_session where request_id is not null") == 0
    assert schema.upgrade(engine) == []  # once only
