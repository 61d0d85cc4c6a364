"""What every write shares: each role writes only what it may, and the roles are those the team agreed."""


import pandas as pd
import pytest

from hyc import accounts, audit, caregivers, console, exports, matches, mentoring, organisations, privacy, requests
from hyc.calls import Part, log_call
from tests.conftest import TODAY, fetch
from tests.helpers import (
    FOUNDER,
    MENTOR,
    NOW,
    READER,
    VALID_CALL,
    VALID_CAREGIVER,
    VALID_CONTACT,
    VALID_ORGANISATION,
    VALID_REQUEST,
    counts,
)

ACCOUNT = {"full_name": "Nadia Kaci", "email": "nadia.kaci@hackyourcare.fr", "role": "lecteur",
           "password": "un-long-mot-de-passe-7"}


# Every write function of hyc, each with arguments it accepts, and the area its role must cover.
WRITES = {
    "caregivers.create": ("caregivers", lambda e, a: caregivers.create(e, a, VALID_CAREGIVER, today=TODAY)),
    "caregivers.update": ("caregivers", lambda e, a: caregivers.update(
        e, a, 1, VALID_CAREGIVER | {"email": "x1@exemple.fr", "phone": None, "rpps": None}, expected_version=1,
        today=TODAY)),
    "caregivers.set_archived": ("caregivers", lambda e, a: caregivers.set_archived(e, a, 1, True)),
    "organisations.create": ("organisations", lambda e, a: organisations.create(e, a, VALID_ORGANISATION)),
    "organisations.update": ("organisations", lambda e, a: organisations.update(
        e, a, 1, VALID_ORGANISATION, expected_version=1)),
    "organisations.create_contact": ("organisations", lambda e, a: organisations.create_contact(
        e, a, 1, VALID_CONTACT)),
    "organisations.update_contact": ("organisations", lambda e, a: organisations.update_contact(
        e, a, 1, VALID_CONTACT, expected_version=1)),
    "organisations.set_archived": ("organisations", lambda e, a: organisations.set_archived(
        e, a, "organisation", 1, True)),
    "requests.create": ("requests", lambda e, a: requests.create(e, a, VALID_REQUEST | {"organisation_id": 1})),
    "requests.update": ("requests", lambda e, a: requests.update(
        e, a, _open_request(e), VALID_REQUEST | {"organisation_id": _org_of(e, _open_request(e))},
        expected_version=1)),
    "requests.move": ("requests", lambda e, a: requests.move(e, a, _open_request(e), "annulee", expected_version=1)),
    "requests.set_archived": ("requests", lambda e, a: requests.set_archived(e, a, 1, True)),
    "matches.add_candidates": ("matches", lambda e, a: matches.add_candidates(e, a, _open_request(e), [1])),
    "matches.move": ("matches", lambda e, a: matches.move(e, a, _early_match(e), "abandonnee", reason="sans_reponse",
                                                          expected_version=1)),
    "matches.update_terms": ("matches", lambda e, a: matches.update_terms(
        e, a, _early_match(e), {"agreed_day_rate": 500}, expected_version=1)),
    "mentoring.move_steps": ("mentoring", lambda e, a: mentoring.move_steps(e, a, 1, {"formation_ia": "en_cours"})),
    "mentoring.log_session": ("mentoring", lambda e, a: mentoring.log_session(
        e, a, {"caregiver_id": 1, "mentor_id": 4, "occurred_at": NOW, "topics": ["tarif"]}, now=NOW)),
    "mentoring.close_action": ("mentoring", lambda e, a: mentoring.close_action(
        e, a, "mentoring_session", 1, today=TODAY)),
    "calls.log_call": ("calls", lambda e, a: log_call(e, a, VALID_CALL | {"kind": "mentorat"}, now=NOW, today=TODAY,
                                                      caregiver=Part(id=1))),
    "calls.log_call (new organisation)": ("organisations", lambda e, a: log_call(
        e, a, VALID_CALL | {"kind": "qualification_besoin"}, now=NOW, today=TODAY,
        organisation=Part(data=VALID_ORGANISATION))),
    "accounts.create": ("team", lambda e, a: accounts.create(e, a, ACCOUNT)),
    "accounts.update": ("team", lambda e, a: accounts.update(e, a, 3, ACCOUNT | {"role": "lecteur"})),
    "accounts.unlock": ("team", lambda e, a: accounts.unlock(e, a, 3)),
    "privacy.export": ("privacy", lambda e, a: privacy.export(e, a, 1)),
    "privacy.erase": ("privacy", lambda e, a: privacy.erase(e, a, 1)),
    "accounts.set_language": ("own_account", lambda e, a: accounts.set_language(e, a, "en")),
    "exports.export": ("exports", lambda e, a: exports.export(e, a, pd.DataFrame({"a": [1]}), "csv", "test")),
    "console.save_pivot": ("questions", lambda e, a: console.save_pivot(e, a, f"Analyse {a.id}", "caregivers",
                                                                        ("profession",))),
}


def _open_request(engine) -> int:
    return fetch(engine, "select min(id) from request where status = 'en_recherche'")[0][0]


def _org_of(engine, request_id: int) -> int:
    return fetch(engine, "select organisation_id from request where id = ?", request_id)[0][0]


def _early_match(engine) -> int:
    return fetch(engine, "select min(id) from match where stage = 'suggeree' and row_version = 1")[0][0]


@pytest.mark.parametrize("actor", [FOUNDER, MENTOR, READER], ids=["fondateur", "mentor", "lecteur"])
@pytest.mark.parametrize("name", list(WRITES))
def test_each_role_writes_only_what_it_may(engine, actor, name):
    area, write = WRITES[name]
    before = counts(engine)
    if area in audit.ROLE_AREAS[actor.role]:
        write(engine, actor)
        assert counts(engine)["audit_event"] > before["audit_event"]
        return
    with pytest.raises(audit.PermissionDenied) as refused:
        write(engine, actor)
    assert "ne permet pas cette modification" in str(refused.value)
    assert counts(engine) == before


def test_the_roles_are_those_the_team_agreed():
    assert audit.ROLE_AREAS["mentor"] == {"caregivers", "mentoring", "calls", "own_account", "exports", "questions"}
    # A reader only keeps their own interface language, and downloads what they may see.
    assert audit.ROLE_AREAS["lecteur"] == {"own_account", "exports"}
    assert audit.ROLE_AREAS["fondateur"] == {area for area, _ in WRITES.values()}
