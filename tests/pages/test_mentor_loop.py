"""Issue 28 under AppTest: the quick intake captures the first minute of a call (setting, remote or on site, missions
wanted) for the ranking; a mentoring session closes the next action that led to it and ticks the steps it covered."""

from __future__ import annotations

import json
from datetime import timedelta

from hyc import db, matching, organisations, requests, schema
from tests.conftest import TODAY, t
from tests.helpers import FOUNDER as FOUNDER_ACTOR
from tests.helpers import VALID_ORGANISATION
from tests.pages.conftest import MENTOR, open_tab
from tests.pages.test_forms import (
    QUICK,
    QUICK_CALL,
    fetch,
    fill,
    open_caregiver,
    open_page,
    shown_errors,
    shown_successes,
    submit,
    unescaped,
    widget,
)


def test_the_quick_intake_s_setting_work_mode_and_missions_shrink_the_list_and_reach_the_ranking(store):
    at = open_page("call_log", MENTOR)
    fill(at, QUICK, **QUICK_CALL, caregiver__practice_setting="remplacant", caregiver__work_mode="distanciel",
         caregiver__mission_types=["conseil", "temps_partiel"], intake__consent=True)
    at = submit(at, t("calls.save"))
    assert shown_errors(at) == []
    [(cid, setting, mode, missions)] = fetch(store, "select id, practice_setting, work_mode, mission_types "
                                                    "from caregiver where last_name = 'Quibergeon'")
    assert (setting, mode, missions) == ("remplacant", "distanciel", "conseil,temps_partiel")
    [(created,)] = fetch(store, "select after from audit_event where entity = 'caregiver' and action = 'create' "
                                "and entity_id = ?", cid)
    assert json.loads(created)["work_mode"] == "distanciel"
    assert widget(at, QUICK, "caregiver.mission_types").value == []  # emptied for the next call

    # The record's list of what is missing no longer names what the first minute said (the quick intake test of
    # test_forms lists the rest for the same call without them).
    at = open_page("talent_pool", MENTOR, caregiver=str(cid))
    [notice] = [unescaped(i.value) for i in at.info if "Profil à compléter" in i.value]
    expected = ["E-mail", "Années d'expérience", "Numéro RPPS", "Disponibilité (j/mois)", "Appétence numérique",
                "Tarif souhaité (€ / jour)", "Statut juridique", "Mentor"]
    assert notice == t("record.missing", fields=", ".join(expected))

    # A remote part-time request for doctors: her place and mission are known, at their full weight.
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        org = organisations.create(engine, FOUNDER_ACTOR, VALID_ORGANISATION)
        request, _ = requests.create(engine, FOUNDER_ACTOR, {
            "title": "Téléconsultation", "mission_type": "temps_partiel", "professions": ["medecin"],
            "specialties": ["cardiologie"], "work_mode": "distanciel", "headcount": 1, "organisation_id": org.id})
        ranked = matching.rank(engine, request.id, TODAY).scored.set_index("id")
    finally:
        engine.dispose()
    assert (ranked.why_place[cid], ranked.why_mission[cid]) == ("remote_fit", "wanted")
    assert (ranked.pts_place[cid], ranked.pts_mission[cid]) == (matching.PARTS["place"], matching.PARTS["mission"])


def _caregiver_with_an_overdue_call_action(store) -> tuple[int, int, str]:
    """A caregiver whose only open next action is a call's, due yesterday: the one a session follows up."""
    return fetch(store, """
        select k.caregiver_id, k.id, k.next_action from call k
        where k.caregiver_id is not null and k.next_action is not null and not k.next_action_done
          and k.next_action_due = ?
          and (select count(*) from call c where c.caregiver_id = k.caregiver_id and c.next_action is not null
               and not c.next_action_done) = 1
          and not exists (select 1 from mentoring_session s where s.caregiver_id = k.caregiver_id
                          and s.next_action is not null and not s.next_action_done)
          and exists (select 1 from onboarding_step s where s.caregiver_id = k.caregiver_id and s.step = 'formation_ia'
                      and s.status <> 'fait')
        order by k.id limit 1""", TODAY - timedelta(days=1))[0]


def test_a_session_offers_to_close_the_action_that_led_to_it_and_closes_it_with_the_steps_covered(store):
    caregiver_id, call_id, action = _caregiver_with_an_overdue_call_action(store)
    at = open_tab(open_caregiver(caregiver_id, "mentoring", member=MENTOR), f"caregiver_tabs.{caregiver_id}",
                  "mentoring")
    form = f"session.{caregiver_id}"
    offered = widget(at, form, "closes")
    assert offered.value == f"call:{call_id}"  # offered: the action already due
    assert action in offered.format_func(offered.value)
    sessions = fetch(store, "select count(*) from mentoring_session where caregiver_id = ?", caregiver_id)[0][0]
    fill(at, form, topics=["formation_ia"], steps=["formation_ia"], notes="Formation IA présentée")
    at = submit(at, t("form.log_session"))
    assert shown_errors(at) == []
    said = t("saved.session_closed", action=action) + " " + t("saved.session_steps", n=1)
    assert said in shown_successes(at)
    assert fetch(store, "select count(*) from mentoring_session where caregiver_id = ?", caregiver_id)[0][0] == \
        sessions + 1
    assert fetch(store, "select next_action_done from call where id = ?", call_id) == [(True,)]
    assert fetch(store, "select actor_id from audit_event where entity = 'call' and entity_id = ? and after like "
                        "'%next_action_done%'", call_id) == [(MENTOR,)]
    assert fetch(store, "select status from onboarding_step where caregiver_id = ? and step = 'formation_ia'",
                 caregiver_id) == [("fait",)]
    # The form is empty again, and offers no action any more: the only one is done.
    assert widget(at, form, "closes").value == ""
    assert widget(at, form, "closes").options == [t("form.unset")]


def test_a_session_left_without_closing_leaves_the_action_open(store):
    caregiver_id, call_id, _ = _caregiver_with_an_overdue_call_action(store)
    at = open_caregiver(caregiver_id, "mentoring", member=MENTOR)
    form = f"session.{caregiver_id}"
    fill(at, form, topics=["tarif"], closes="")
    at = submit(at, t("form.log_session"))
    assert t("saved.session") in shown_successes(at)
    assert fetch(store, "select next_action_done from call where id = ?", call_id) == [(False,)]
    engine = schema.open_store(f"duckdb:///{store}")
    try:
        assert db.scalar(engine, "select count(*) from mentoring_session where caregiver_id = ?", [caregiver_id]) > 0
    finally:
        engine.dispose()
