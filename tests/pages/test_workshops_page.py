"""The "Séances" tab of a workshop request (hyc.ui.workshops), run as the app runs it: a session added with its
French date, "Inviter" naming who gets the invitation (and who, without an e-mail, does not), then attendance and
the AI briefing after a session."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from hyc import models, schema, workshops
from tests.conftest import TODAY, fetch, t
from tests.helpers import FOUNDER as FOUNDER_ACTOR
from tests.pages.conftest import READER, page, run_on


@pytest.fixture
def atelier(store):
    """A workshop request with three participants (two with an e-mail, one without) and the store's path."""
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        request_id = fetch(engine, """select r.id from request r where r.mission_type = 'atelier'
                                      and (select count(*) from match m where m.request_id = r.id) >= 3
                                      order by r.id limit 1""")[0][0]
        fetch(engine, "update request set status = 'en_recherche', archived = false where id = ?", request_id)
        fetch(engine, "update match set stage = 'suggeree' where request_id = ?", request_id)
        matches = [m for (m,) in fetch(engine, "select id from match where request_id = ? order by id limit 3",
                                       request_id)]
        for i, match_id in enumerate(matches):
            fetch(engine, "update match set stage = 'interessee' where id = ?", match_id)
            fetch(engine, "update caregiver set email = ?, archived = false where id = "
                          "(select caregiver_id from match where id = ?)", f"p{i}@exemple.fr" if i < 2 else None,
                  match_id)
        names = [n for (n,) in fetch(engine, f"""select c.first_name || ' ' || c.last_name from match m
                                                 join caregiver c on c.id = m.caregiver_id
                                                 where m.id in ({','.join(map(str, matches))}) order by m.id""")]
    finally:
        engine.dispose()
    return store, request_id, matches, names


def sessions_tab(request_id: int, **kw):
    at = run_on(page("requests"), TODAY, request=str(request_id), **kw)
    at.session_state[f"request_tabs.{request_id}"] = t("workshop.tab")
    return at.run()


def texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "success", "warning")
                     for e in at.get(kind)).replace("\\", "")


def field(at, form: str, name: str, kind: str = "text_input"):
    return next(w for w in at.get(kind) if w.key == f"form.{form}.{name}")


def button(at, label: str):
    return next(b for b in at.button if b.proto.label == label)


def test_a_session_is_added_then_its_participants_invited_after_a_confirmation_naming_them(atelier, smtp_server):
    store, request_id, matches, names = atelier
    at = sessions_tab(request_id)
    assert not at.exception
    assert t("workshop.none") in texts(at)
    form = f"workshop_add.{request_id}"
    field(at, form, "day").input("29/03/2027")
    field(at, form, "hour", "time_input").set_value(time(9, 0))
    field(at, form, "duration_min").input("90")
    field(at, form, "place").input("Salle 3, 12 rue de la Paix")
    at = button(at, t("workshop.save_add")).click().run()
    assert not at.exception
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert fetch(engine, "select starts_at, duration_min, place, sequence from workshop_session "
                             "where request_id = ?", request_id) == [
            (models.from_paris(datetime(2027, 3, 29, 9)), 90, "Salle 3, 12 rue de la Paix", 0)]
    finally:
        engine.dispose()
    shown = texts(at)
    (line,) = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Participants")]
    assert line.startswith("Participants : les propositions à partir de « Intéressée » (3) :")
    assert all(name in line for name in names)
    # Who has no e-mail is named before anything is sent.
    assert names[2] in shown and t("workshop.skipped_title") in shown
    at = button(at, t("workshop.invite", n=2)).click().run()
    shown = texts(at)
    assert t("workshop.confirm_title") in shown
    for name, email in zip(names[:2], ("p0@exemple.fr", "p1@exemple.fr"), strict=True):
        assert t("workshop.recipient", name=name, email=email, kind=t("workshop.kind.invite")) in shown
    assert smtp_server == []  # nothing before the confirmation
    at = button(at, t("workshop.confirm", n=2)).click().run()
    assert not at.exception
    assert sorted(m["To"] for m in smtp_server) == ["p0@exemple.fr", "p1@exemple.fr"]
    assert t("workshop.up_to_date") in texts(at)


def test_after_a_session_attendance_feedback_and_the_ai_briefing_are_noted(atelier):
    store, request_id, matches, names = atelier
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        held = workshops.add_session(engine, FOUNDER_ACTOR, request_id, {
            "day": "10/11/2026", "hour": time(14, 0), "duration_min": "120", "video_link": "https://visio.exemple.fr/x"})
        caregiver = fetch(engine, "select caregiver_id from match where id = ?", matches[0])[0][0]
        fetch(engine, "update onboarding_step set status = 'a_faire' where caregiver_id = ? and step = 'formation_ia'",
              caregiver)
    finally:
        engine.dispose()
    at = sessions_tab(request_id)
    assert not at.exception
    assert t("workshop.started") in texts(at)  # no more invitations for a session that took place
    form = f"workshop_attendance.{held.id}"
    field(at, form, f"attended.{matches[0]}", "selectbox").select("yes")
    field(at, form, f"feedback.{matches[0]}").input("Très concrète sur le parcours patient")
    field(at, form, f"ai_briefing.{matches[0]}", "checkbox").check()
    field(at, form, f"attended.{matches[1]}", "selectbox").select("no")
    at = button(at, t("workshop.save_attendance")).click().run()
    assert not at.exception and not at.error
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert fetch(engine, "select match_id, attended, feedback, ai_briefing from workshop_attendance "
                             "order by match_id") == [(matches[0], True, "Très concrète sur le parcours patient", True),
                                                     (matches[1], False, None, False)]
        assert fetch(engine, "select status from onboarding_step where caregiver_id = ? and step = 'formation_ia'",
                     caregiver) == [("fait",)]
    finally:
        engine.dispose()


def test_a_reader_sees_the_sessions_without_a_form(atelier):
    store, request_id, matches, _ = atelier
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        workshops.add_session(engine, FOUNDER_ACTOR, request_id, {
            "day": "29/03/2027", "hour": time(9, 0), "duration_min": "90", "place": "Salle 3"})
    finally:
        engine.dispose()
    at = sessions_tab(request_id, member=READER)
    assert not at.exception
    assert len(at.dataframe) >= 1
    assert not [b for b in at.button if b.proto.label in (t("workshop.save_add"), t("workshop.invite", n=2))]
