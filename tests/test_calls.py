"""The call log's one save: the call and what it creates or updates, all or nothing."""

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
