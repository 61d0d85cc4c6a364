"""Matches (issue 9): terms written only as changed, compliance statuses never replaced by a default, numbers
that cannot crash, and a request whose status follows its matches."""

from __future__ import annotations

import json

import pytest

from hyc import matches, reads, requests
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.test_writes import FOUNDER, signable_match


def _with_compliance_under_way(engine):
    """A retained match of a health-products agreement whose declaration and cumul are under way."""
    match = signable_match(engine)
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {
        "agreed_day_rate": "200", "agreed_days": "2", "convention_status": "a_declarer", "cumul_status": "demandee"},
        expected_version=match.row_version)
    return match


def test_changing_the_rate_alone_leaves_the_compliance_statuses_as_they_were(engine):
    match = _with_compliance_under_way(engine)
    matches.update_terms(engine, FOUNDER, match.id, {"agreed_day_rate": "250"}, expected_version=match.row_version)
    assert fetch(engine, "select agreed_day_rate, convention_status, cumul_status from match where id = ?",
                 match.id) == [(250, "a_declarer", "demandee")]
    [(after,)] = fetch(engine, "select after from audit_event where entity = 'match' and entity_id = ? "
                               "order by id desc limit 1", match.id)
    assert json.loads(after) == {"agreed_day_rate": 250}


@pytest.mark.parametrize("field", ["convention_status", "cumul_status"])
def test_a_compliance_status_emptied_is_refused_next_to_its_field_not_defaulted(engine, field):
    match = _with_compliance_under_way(engine)
    with pytest.raises(FormInvalid) as refused:
        matches.update_terms(engine, FOUNDER, match.id, {field: None, "agreed_day_rate": "250"},
                             expected_version=match.row_version)
    assert refused.value.errors == {field: "Ce champ est obligatoire."}
    assert fetch(engine, "select agreed_day_rate, convention_status, cumul_status from match where id = ?",
                 match.id) == [(200, "a_declarer", "demandee")]


@pytest.mark.parametrize(("field", "typed"), [("agreed_days", "nan"), ("agreed_days", "inf"), ("agreed_days", 1e400),
                                              ("agreed_day_rate", "1e400"), ("agreed_day_rate", "1000000000000")])
def test_terms_that_are_not_finite_or_too_large_are_refused_not_crashed_on(engine, field, typed):
    match = signable_match(engine)
    with pytest.raises(FormInvalid) as refused:
        matches.update_terms(engine, FOUNDER, match.id, {field: typed}, expected_version=match.row_version)
    assert list(refused.value.errors) == [field]


# --- The request follows its matches ---------------------------------------------------------------------

def _statuses(engine, request_id: int) -> list[str]:
    return [s for (s,) in fetch(engine, "select status from request_event where request_id = ? order by id",
                                request_id)]


def test_a_request_shows_candidates_proposed_while_one_is_in_the_running_and_searches_again_when_the_last_leaves(
        engine):
    """Both moves land in the status history and the audit log, by the member who moved the match."""
    match = signable_match(engine)
    request_id = match.request_id
    # Bring the request to "en recherche" first, then let a proposal move it forward.
    for status in ("qualifiee", "en_recherche"):
        version = fetch(engine, "select row_version from request where id = ?", request_id)[0][0]
        requests.move(engine, FOUNDER, request_id, status, expected_version=version)
    [(version,)] = fetch(engine, "select row_version from match where id = ?", match.id)
    match = matches.move(engine, FOUNDER, match.id, "declinee_soignant", reason="indisponible",
                         expected_version=version)
    assert _statuses(engine, request_id) == ["nouvelle", "qualifiee", "en_recherche"]
    fresh = signable_match_on(engine, request_id)
    assert _statuses(engine, request_id)[-1] == "candidats_proposes"
    matches.move(engine, FOUNDER, fresh.id, "abandonnee", reason="sans_reponse", expected_version=fresh.row_version)
    assert _statuses(engine, request_id)[-2:] == ["candidats_proposes", "en_recherche"]
    moves = fetch(engine, "select actor_id, before, after from audit_event where entity = 'request' "
                          "and entity_id = ? and action = 'move' order by id desc limit 2", request_id)
    assert [(a, json.loads(b), json.loads(c)) for a, b, c in moves] == [
        (1, {"status": "candidats_proposes"}, {"status": "en_recherche"}),
        (1, {"status": "en_recherche"}, {"status": "candidats_proposes"})]


def signable_match_on(engine, request_id: int, email: str = "autre.candidate@exemple.fr",
                      phone: str = "06 98 76 54 32"):
    """A new caregiver put on an existing request and proposed to the client."""
    from tests.test_writes import new_caregiver

    caregiver = new_caregiver(engine, email=email, phone=phone, rpps=None)
    [match] = matches.add_candidates(engine, FOUNDER, request_id, [caregiver.id])
    for stage in ("contactee", "interessee", "proposee_client"):
        match = matches.move(engine, FOUNDER, match.id, stage, expected_version=match.row_version)
    return match


def test_a_request_whose_candidates_all_left_counts_as_at_risk(engine):
    match = signable_match(engine)
    request_id = match.request_id
    fetch(engine, "update request set created_at = created_at - interval 30 day where id = ?", request_id)
    assert request_id not in set(reads.overview.requests_at_risk(engine, TODAY).id)
    matches.move(engine, FOUNDER, match.id, "declinee_soignant", reason="indisponible",
                 expected_version=match.row_version)
    assert request_id in set(reads.overview.requests_at_risk(engine, TODAY).id)


def test_in_the_demo_a_request_shows_candidates_proposed_only_while_one_is_still_in_the_running(sql):
    assert sql(f"""
        select count(*) from request r where r.status = 'candidats_proposes' and not exists (
            select 1 from match m where m.request_id = r.id and m.stage in {requests.PROPOSED_STAGES})
    """)[0][0] == 0


def test_two_last_candidates_leaving_at_the_same_moment_never_leave_the_request_proposing_nobody(engine,
                                                                                                  monkeypatch):
    """Both moves read the other match as still proposed: the store refuses one of them as a stale copy (nothing
    half-saved), and once it is made again the request is searching again."""
    import threading

    from hyc import audit

    first = signable_match_on(engine, _searching_request(engine))
    request_id = first.request_id
    second = signable_match_on(engine, request_id, email="autre.deux@exemple.fr", phone="06 98 76 54 31")
    assert fetch(engine, "select status from request where id = ?", request_id) == [("candidats_proposes",)]
    barrier = threading.Barrier(2)
    follow = requests.follow_matches

    def at_the_same_moment(session, actor, request):
        barrier.wait(timeout=10)
        return follow(session, actor, request)

    monkeypatch.setattr(requests, "follow_matches", at_the_same_moment)
    results = {}

    def leave(match):
        try:
            matches.move(engine, FOUNDER, match.id, "refusee_client", reason="autre_candidat",
                         expected_version=match.row_version)
            results[match.id] = "moved"
        except audit.StaleRecord:
            results[match.id] = "refused"

    threads = [threading.Thread(target=leave, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == ["moved", "refused"]
    monkeypatch.undo()
    refused = first if results[first.id] == "refused" else second
    assert fetch(engine, "select stage from match where id = ?", refused.id) == [("proposee_client",)]
    assert fetch(engine, "select status from request where id = ?", request_id) == [("candidats_proposes",)]
    matches.move(engine, FOUNDER, refused.id, "refusee_client", reason="autre_candidat",
                 expected_version=refused.row_version)
    assert fetch(engine, "select status from request where id = ?", request_id) == [("en_recherche",)]


def _searching_request(engine) -> int:
    """A new request brought to "en recherche"."""
    from hyc import organisations
    from tests.test_writes import VALID_ORGANISATION, VALID_REQUEST

    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Deux Départs"})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    request = requests.move(engine, FOUNDER, request.id, "qualifiee", expected_version=request.row_version)
    return requests.move(engine, FOUNDER, request.id, "en_recherche", expected_version=request.row_version).id
