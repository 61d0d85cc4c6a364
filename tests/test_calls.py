"""The call log's one save: the call and what it creates or updates, all or nothing."""

import json
from datetime import timedelta

import pytest

from hyc import audit
from hyc.calls import Part, log_call
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import (
    FOUNDER,
    MENTOR,
    NOW,
    VALID_CALL,
    VALID_CAREGIVER,
    VALID_CONTACT,
    VALID_ORGANISATION,
    VALID_REQUEST,
    counts,
    new_caregiver,
)


def test_an_intake_call_creates_the_caregiver_and_ticks_the_welcome_call_in_one_save(engine):
    before = counts(engine)
    logged = log_call(engine, MENTOR, VALID_CALL, now=NOW, today=TODAY, caregiver=Part(data=VALID_CAREGIVER))
    assert logged.created == ["caregiver"]
    caregiver_id = logged.call.caregiver_id
    assert fetch(engine, "select last_name from caregiver where id = ?", caregiver_id) == [("Rousseau",)]
    assert fetch(engine, "select status from onboarding_step where caregiver_id = ? and step = 'appel_accueil'",
                 caregiver_id) == [("fait",)]
    after = counts(engine)
    assert (after["call"] - before["call"], after["caregiver"] - before["caregiver"]) == (1, 1)


def test_a_bad_intake_writes_nothing_and_names_each_field_of_each_part(engine):
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        log_call(engine, MENTOR, VALID_CALL | {"occurred_at": NOW + timedelta(hours=2)}, now=NOW, today=TODAY,
                 caregiver=Part(data=VALID_CAREGIVER | {"rpps": "12345678901"}))
    assert refused.value.errors == {
        "call.occurred_at": "Un appel passé ne peut pas être dans le futur.",
        "caregiver.rpps": "Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas.",
    }
    assert counts(engine) == before


def test_a_call_about_a_known_caregiver_updates_the_profile_unless_the_copy_is_stale(engine):
    caregiver = new_caregiver(engine)
    logged = log_call(engine, MENTOR, VALID_CALL | {"kind": "mentorat"}, now=NOW, today=TODAY,
                      caregiver=Part(id=caregiver.id, data=VALID_CAREGIVER | {"availability_days_per_month": 8},
                                     version=caregiver.row_version))
    assert logged.updated == ["caregiver"]
    assert fetch(engine, "select availability_days_per_month from caregiver where id = ?", caregiver.id) == [(8,)]
    before = counts(engine)
    with pytest.raises(audit.StaleRecord):
        log_call(engine, MENTOR, VALID_CALL, now=NOW, today=TODAY,
                 caregiver=Part(id=caregiver.id, data=VALID_CAREGIVER, version=caregiver.row_version))
    assert counts(engine) == before


def test_a_qualification_call_creates_organisation_contact_and_a_qualified_request(engine):
    logged = log_call(engine, FOUNDER, VALID_CALL | {"kind": "qualification_besoin", "member_id": 1}, now=NOW,
                      today=TODAY, organisation=Part(data=VALID_ORGANISATION), contact=Part(data=VALID_CONTACT),
                      request=Part(data=VALID_REQUEST))
    assert logged.created == ["organisation", "contact", "request"]
    call = logged.call
    assert fetch(engine, "select r.status, r.contact_id, o.name from request r join organisation o on "
                         "o.id = r.organisation_id where r.id = ?", call.request_id) == [
        ("qualifiee", call.contact_id, "Cardiotech")]


def test_a_call_must_say_with_whom(engine):
    with pytest.raises(FormInvalid) as refused:
        log_call(engine, FOUNDER, VALID_CALL | {"kind": "autre"}, now=NOW, today=TODAY)
    assert refused.value.errors == {
        "call.party": "Indiquez avec qui a eu lieu l'appel : un soignant ou une organisation."}


@pytest.mark.parametrize("said", [{"summary": "Rappelle jeudi"}, {"outcome": "message_laisse"}])
def test_a_call_that_says_nothing_is_refused_one_with_a_summary_or_an_outcome_is_logged(engine, said):
    """A second click on a call just saved (its party still picked, its summary emptied) logged an empty call."""
    caregiver = new_caregiver(engine)
    empty = {name: value for name, value in VALID_CALL.items() if name not in ("summary", "outcome")}
    empty["kind"] = "suivi_mission"
    before = counts(engine)
    with pytest.raises(FormInvalid) as refused:
        log_call(engine, MENTOR, empty, now=NOW, today=TODAY, caregiver=Part(id=caregiver.id))
    assert list(refused.value.errors) == ["call.summary"]
    assert counts(engine) == before
    log_call(engine, MENTOR, empty | said, now=NOW, today=TODAY, caregiver=Part(id=caregiver.id))
    assert fetch(engine, "select count(*) from call where caregiver_id = ?", caregiver.id) == [(1,)]


# --- The quick intake captures the first minute: setting, remote or on site, missions wanted -------------------

QUICK_PROFILE = {"first_name": "Maëlys", "last_name": "Trévidic", "phone": "06 12 98 34 76", "profession": "medecin",
                 "specialty": "medecine_generale", "postcode": "29200", "consent_date": TODAY,
                 "consent_method": "oral_appel", "lawful_basis": "consentement"}


def test_a_quick_intake_s_setting_work_mode_and_missions_reach_the_ranking(engine):
    """A new GP who says in the first minute that she is a locum wanting remote part-time missions: saved with the
    call, audited with the creation, and the ranking of a remote part-time request for doctors reads her place and
    mission as known; her twin who said nothing of it scores "unknown" on both."""
    from hyc import matching, organisations, requests
    said = {"practice_setting": "remplacant", "work_mode": "distanciel", "mission_types": ["temps_partiel"]}
    call = {"occurred_at": NOW, "member_id": 4, "kind": "accueil_soignant", "summary": "Première minute"}
    her = log_call(engine, MENTOR, call, now=NOW, today=TODAY, caregiver=Part(data=QUICK_PROFILE | said),
                   consent_required=True).call.caregiver_id
    twin = log_call(engine, MENTOR, call, now=NOW, today=TODAY, consent_required=True, caregiver=Part(
        data=QUICK_PROFILE | {"last_name": "Trévidic-Bis", "phone": "06 12 98 34 77"})).call.caregiver_id
    assert fetch(engine, "select practice_setting, work_mode, mission_types from caregiver where id = ?", her) == [
        ("remplacant", "distanciel", "temps_partiel")]
    [(created,)] = fetch(engine, "select after from audit_event where entity = 'caregiver' and action = 'create' "
                                 "and entity_id = ?", her)
    assert {k: json.loads(created)[k] for k in said} == {**said, "mission_types": "temps_partiel"}

    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION)
    request, _ = requests.create(engine, FOUNDER, {"title": "Téléconsultation à temps partiel",
                                                   "mission_type": "temps_partiel", "professions": ["medecin"],
                                                   "work_mode": "distanciel", "headcount": 1,
                                                   "organisation_id": org.id})
    ranked = matching.rank(engine, request.id, TODAY).scored.set_index("id")
    # A caregiver who wants remote work, for a remote mission, fits the place; one who named the request's mission
    # type fits the mission: both parts at their full weight. Who said nothing is "unknown" on both, for less.
    assert (ranked.why_place[her], ranked.why_mission[her]) == ("remote_fit", "wanted")
    assert (ranked.pts_place[her], ranked.pts_mission[her]) == (matching.PARTS["place"], matching.PARTS["mission"])
    assert (ranked.why_place[twin], ranked.why_mission[twin]) == ("mode_unknown", "unknown")
    assert ranked.pts_place[twin] < ranked.pts_place[her] and ranked.pts_mission[twin] < ranked.pts_mission[her]
