"""Writes on requests (besoins): create, update, move along the statuses; what a bad input says."""


import pytest

from hyc import organisations, requests
from hyc.validation import FormInvalid
from tests.conftest import fetch
from tests.helpers import (
    FOUNDER,
    VALID_CONTACT,
    VALID_ORGANISATION,
    VALID_REQUEST,
    assert_refused,
)


def test_organisation_contact_and_request_are_created_updated_and_moved(engine):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION)
    contact = organisations.create_contact(engine, FOUNDER, org.id, VALID_CONTACT)
    assert fetch(engine, "select phone from contact where id = ?", contact.id) == [("+33144556677",)]
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id,
                                                                   "contact_id": contact.id})
    assert fetch(engine, "select status, professions from request where id = ?", request.id) == [
        ("nouvelle", "medecin")]
    moved = requests.move(engine, FOUNDER, request.id, "qualifiee", expected_version=request.row_version)
    statuses = fetch(engine, "select status from request_event where request_id = ? order by id", request.id)
    assert [s for (s,) in statuses] == ["nouvelle", "qualifiee"]
    with pytest.raises(FormInvalid) as refused:
        requests.move(engine, FOUNDER, request.id, "terminee", expected_version=moved.row_version)
    assert refused.value.errors["status"] == ("Un besoin « Qualifiée » ne peut passer qu'à : En recherche, "
                                              "Annulée, Perdue.")
    organisations.update(engine, FOUNDER, org.id, VALID_ORGANISATION | {"city": "Lyon"},
                         expected_version=org.row_version)
    assert fetch(engine, "select city from organisation where id = ?", org.id) == [("Lyon",)]


BAD_REQUESTS = [
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1, "headcount": 0}), "headcount",
     "Saisissez un nombre entier entre 1 et 100."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1, "professions": ["infirmier"]}),
     "specialties", "Les spécialités ne s'appliquent qu'aux médecins et aux étudiant(e)s : ajoutez « Médecin » ou "
                    "« Étudiant(e) en santé » aux professions."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 10**9}), "organisation_id",
     "Cette organisation n'existe pas."),
    (lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1, "budget_day_rate": 0}),
     "budget_day_rate", "Le tarif journalier doit être positif."),
]


@pytest.mark.parametrize(("write", "field", "message"), BAD_REQUESTS)
def test_bad_inputs_are_refused_with_their_message_and_nothing_written(engine, write, field, message):
    assert_refused(engine, write, field, message)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"work_mode": "hybride", "region": None, "place_required": True}, "region",
     "Un lieu impératif demande une région (ou une mission à distance)."),
    ({"digital_appetites": [], "appetite_required": True}, "digital_appetites",
     "Choisissez l'appétence numérique souhaitée pour la rendre impérative."),
    ({"about_ai": False, "ai_required": True}, "ai_required",
     "La formation IA ne peut être impérative que pour une mission sur l'IA."),
])
def test_a_must_that_cannot_be_checked_is_refused_next_to_its_field(engine, changes, field, message):
    assert_refused(engine, lambda e: requests.create(e, FOUNDER, VALID_REQUEST | {"organisation_id": 1} | changes),
                   field, message)


@pytest.mark.parametrize(("mission_type", "appetites"), [("atelier", "prudent,a_l_aise"), ("conseil", None),
                                                         ("beta_test", "a_l_aise,expert")])
def test_a_new_request_requires_its_specialties_and_wants_its_mission_type_s_usual_appetite(engine, mission_type,
                                                                                          appetites):
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": 1,
                                                                    "mission_type": mission_type})
    assert fetch(engine, "select specialties_required, place_required, digital_appetites, about_ai from request "
                         "where id = ?", request.id) == [(True, False, appetites, False)]
