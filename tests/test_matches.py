"""Matches (issue 9): terms written only as changed, compliance statuses never replaced by a default, numbers
that cannot crash, and a request whose status follows its matches."""

import json
import threading
from datetime import date

import pytest

from hyc import (
    audit,
    matches,
    organisations,
    reads,
    requests,
)
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import FOUNDER, VALID_ORGANISATION, VALID_REQUEST, counts, new_caregiver, signable_match


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
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Deux Départs"})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    request = requests.move(engine, FOUNDER, request.id, "qualifiee", expected_version=request.row_version)
    return requests.move(engine, FOUNDER, request.id, "en_recherche", expected_version=request.row_version).id


def test_a_match_moves_only_along_the_allowed_moves_and_an_exit_needs_its_reason(engine):
    match = signable_match(engine)
    assert [s for (s,) in fetch(engine, "select stage from match_event where match_id = ? order by id", match.id)] == [
        "suggeree", "contactee", "interessee", "proposee_client", "entretien", "retenue"]
    with pytest.raises(FormInvalid) as refused:
        matches.move(engine, FOUNDER, match.id, "terminee", expected_version=match.row_version)
    assert refused.value.errors["stage"].startswith("Une proposition « Retenue » ne peut passer qu'à : Contrat signé")
    with pytest.raises(FormInvalid) as refused:
        matches.move(engine, FOUNDER, match.id, "refusee_client", expected_version=match.row_version)
    assert refused.value.errors["reason"] == "Indiquez la raison de cette sortie."
    with pytest.raises(FormInvalid) as refused:
        matches.move(engine, FOUNDER, match.id, "refusee_client", reason="sans_reponse",
                     expected_version=match.row_version)
    assert refused.value.errors["reason"].startswith("Cette raison ne correspond pas")
    out = matches.move(engine, FOUNDER, match.id, "refusee_client", reason="autre_candidat",
                       expected_version=match.row_version)
    assert fetch(engine, "select stage, exit_reason from match where id = ?", out.id) == [
        ("refusee_client", "autre_candidat")]


def test_a_contract_cannot_be_signed_while_a_compliance_step_is_open(engine):
    match = signable_match(engine)  # a public-hospital cardiologist, an organisation that makes health products
    before = counts(engine)
    with pytest.raises(matches.ComplianceOpen) as refused:
        matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert refused.value.gaps == [
        "l'absence de conflit d'intérêts n'est pas vérifiée",
        "le tarif et le nombre de jours convenus manquent (ils décident du régime de la convention)",
        "l'autorisation de cumul d'activité de l'hôpital n'est pas obtenue",
    ]
    assert counts(engine) == before
    # 900 € a day for 5 days: 4,500 € is over the 2,000 € per agreement, so the Ordre must authorise it.
    terms = {"agreed_day_rate": 900, "agreed_days": 5, "conflict_checked": True, "cumul_status": "obtenue",
             "convention_status": "declaree", "convention_submitted_on": date(2026, 11, 2)}
    match, warnings = matches.update_terms(engine, FOUNDER, match.id, terms, expected_version=match.row_version)
    assert "demande l'autorisation de l'Ordre" in warnings["convention_status"]
    with pytest.raises(matches.ComplianceOpen) as refused:
        matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert refused.value.gaps == ["la convention n'est pas autorisée par l'Ordre (montants au-dessus des seuils)"]
    match, _ = matches.update_terms(engine, FOUNDER, match.id, terms | {
        "convention_status": "autorisee", "convention_decided_on": date(2026, 11, 16)},
        expected_version=match.row_version)
    signed = matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert fetch(engine, "select stage from match where id = ?", signed.id) == [("contrat_signe",)]
    # Once signed, the checklist cannot be reopened.
    with pytest.raises(matches.ComplianceOpen):
        matches.update_terms(engine, FOUNDER, match.id, terms | {"conflict_checked": False},
                             expected_version=signed.row_version)
    assert fetch(engine, "select conflict_checked from match where id = ?", signed.id) == [(True,)]


def test_no_agreement_is_asked_of_an_organisation_that_makes_no_health_product(engine):
    match = signable_match(engine, makes_health_products=False, practice_setting="liberal")
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"conflict_checked": True},
                                    expected_version=match.row_version)
    signed = matches.move(engine, FOUNDER, match.id, "contrat_signe", expected_version=match.row_version)
    assert signed.stage == "contrat_signe"


def test_a_declaration_sent_late_is_flagged_with_its_deadline(engine):
    match = signable_match(engine, practice_setting="liberal")
    # 300 € a day for 2 days stays under every threshold: a declaration is enough.
    _, warnings = matches.update_terms(engine, FOUNDER, match.id, {
        "agreed_day_rate": 300, "agreed_days": 2, "conflict_checked": True, "mission_start": date(2026, 12, 7),
        "convention_status": "declaree", "convention_submitted_on": date(2026, 11, 30)},
        expected_version=match.row_version)
    # Eight working days before Monday 7 December: Wednesday 25 November.
    assert "au plus tard le 25/11/2026" in warnings["convention_submitted_on"]


# --- Proposing caregivers on a request ------------------------------------------------------------------

def _open_request_and_pool(engine, n: int) -> tuple[int, list[int]]:
    request_id = fetch(engine, "select min(id) from request where status = 'en_recherche'")[0][0]
    pool = [cid for (cid,) in fetch(engine, """
        select c.id from caregiver c where not c.archived
          and c.id not in (select caregiver_id from match where request_id = ?) order by c.id limit ?""",
                                    request_id, n)]
    return request_id, pool


def test_proposing_puts_each_caregiver_as_suggested_with_its_audit_event_in_one_transaction(engine):
    request_id, pool = _open_request_and_pool(engine, 3)
    before = counts(engine)
    created = matches.add_candidates(engine, FOUNDER, request_id, pool + pool[:1])  # one named twice
    assert sorted(m.caregiver_id for m in created) == sorted(pool)
    assert fetch(engine, "select count(*) from match where request_id = ? and caregiver_id in (?, ?, ?) "
                         "and stage = 'suggeree'", request_id, *pool) == [(3,)]
    after = counts(engine)
    assert after["match"] == before["match"] + 3 and after["match_event"] == before["match_event"] + 3
    assert fetch(engine, "select count(*) from audit_event where entity = 'match' and action = 'create' "
                         "and entity_id in (?, ?, ?)", *[m.id for m in created]) == [(3,)]


def test_more_than_the_cap_at_once_is_refused_with_a_message_and_nothing_is_written(engine):
    request_id, pool = _open_request_and_pool(engine, matches.MAX_AT_ONCE + 1)
    before = counts(engine)["match"]
    with pytest.raises(FormInvalid) as refused:
        matches.add_candidates(engine, FOUNDER, request_id, pool)
    assert f"{matches.MAX_AT_ONCE} au plus à la fois" in refused.value.errors["caregiver_ids"]
    assert counts(engine)["match"] == before
    assert len(matches.add_candidates(engine, FOUNDER, request_id, pool[:matches.MAX_AT_ONCE])) == 30


def test_two_people_proposing_the_same_caregiver_at_the_same_moment_make_one_match(engine, monkeypatch):
    """Both read the request without the caregiver; the store's unique key lets one insert land."""
    request_id, pool = _open_request_and_pool(engine, 1)
    barrier = threading.Barrier(2)
    real_get = matches.Session.get

    def get_together(self, model, ident, *args, **kwargs):
        row = real_get(self, model, ident, *args, **kwargs)
        if model is matches.models.Caregiver:
            barrier.wait(timeout=10)
        return row

    monkeypatch.setattr(matches.Session, "get", get_together)
    outcomes = []

    def propose():
        try:
            outcomes.append(len(matches.add_candidates(engine, FOUNDER, request_id, pool)))
        except audit.WriteError as exc:
            outcomes.append(str(exc.message))

    threads = [threading.Thread(target=propose) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert fetch(engine, "select count(*) from match where request_id = ? and caregiver_id = ?",
                 request_id, pool[0]) == [(1,)]
    assert 1 in outcomes and len(outcomes) == 2


# --- One truth for compliance: the stored states follow the facts ------------------------------------------------

def test_a_qualified_request_is_searching_from_its_first_candidate(engine):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Premier Candidat"})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    request = requests.move(engine, FOUNDER, request.id, "qualifiee", expected_version=request.row_version)
    matches.add_candidates(engine, FOUNDER, request.id, [new_caregiver(engine).id])
    assert _statuses(engine, request.id) == ["nouvelle", "qualifiee", "en_recherche"]
    assert fetch(engine, "select actor_id, after from audit_event where entity = 'request' and entity_id = ? "
                         "and action = 'move' order by id desc limit 1", request.id) == [
        (FOUNDER.id, json.dumps({"status": "en_recherche"}))]


def _states(engine, match_id):
    return fetch(engine, "select convention_status, cumul_status from match where id = ?", match_id)[0]


@pytest.mark.parametrize(("makes", "setting", "states"), [
    (True, "hopital_public", ("a_preparer", "a_demander")),  # a convention to prepare, the cumul to ask
    (False, "liberal", ("non_requise", "non_concerne")),
])
def test_a_new_match_takes_its_compliance_states_from_the_organisation_and_the_caregiver(engine, makes, setting,
                                                                                         states):
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"makes_health_products": makes, "name": "X"})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    [match] = matches.add_candidates(engine, FOUNDER, request.id, [new_caregiver(engine, practice_setting=setting).id])
    assert _states(engine, match.id) == states


def test_the_agreed_terms_give_the_convention_its_regime_and_non_requise_is_refused(engine):
    match = signable_match(engine)
    assert _states(engine, match.id)[0] == "a_preparer"
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"agreed_day_rate": "700", "agreed_days": "2"},
                                    expected_version=match.row_version)
    assert _states(engine, match.id)[0] == "a_declarer"  # 1 400 €: under 2 000 €
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"agreed_days": "3"},
                                    expected_version=match.row_version)
    assert _states(engine, match.id)[0] == "autorisation_a_demander"  # 2 100 €
    with pytest.raises(FormInvalid) as refused:
        matches.update_terms(engine, FOUNDER, match.id, {"convention_status": "non_requise"},
                             expected_version=match.row_version)
    assert refused.value.errors == {"convention_status": "Ce client fabrique ou vend des produits de santé : la "
                                                         "convention est requise."}
    # A state still to do cannot be picked against the terms: it is what the terms give.
    match, _ = matches.update_terms(engine, FOUNDER, match.id, {"convention_status": "a_declarer"},
                                    expected_version=match.row_version)
    assert _states(engine, match.id)[0] == "autorisation_a_demander"


def test_a_doctor_s_record_and_all_their_live_matches_say_one_cumul(engine):
    from hyc import caregivers
    first = signable_match(engine)
    caregiver_id = first.caregiver_id
    org = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Autre Client"})
    request, _ = requests.create(engine, FOUNDER, VALID_REQUEST | {"organisation_id": org.id})
    [second] = matches.add_candidates(engine, FOUNDER, request.id, [caregiver_id])
    assert {_states(engine, m.id)[1] for m in (first, second)} == {"a_demander"}
    [(version,)] = fetch(engine, "select row_version from caregiver where id = ?", caregiver_id)
    caregivers.update(engine, FOUNDER, caregiver_id, {"cumul_status": "demandee"}, expected_version=version,
                      today=TODAY)
    assert {_states(engine, m.id)[1] for m in (first, second)} == {"demandee"}
    audited = fetch(engine, "select entity_id, after from audit_event where entity = 'match' and entity_id in (?, ?) "
                            "and after like '%cumul_status%' order by id", first.id, second.id)
    assert {(i, json.loads(a)["cumul_status"]) for i, a in audited} >= {(first.id, "demandee"),
                                                                         (second.id, "demandee")}
    # Said on one match's checklist, it is the doctor's authorisation: the record and the other match follow.
    [(version,)] = fetch(engine, "select row_version from match where id = ?", first.id)
    matches.update_terms(engine, FOUNDER, first.id, {"cumul_status": "obtenue"}, expected_version=version)
    assert fetch(engine, "select cumul_status from caregiver where id = ?", caregiver_id) == [("obtenue",)]
    assert {_states(engine, m.id)[1] for m in (first, second)} == {"obtenue"}


def test_an_organisation_that_starts_making_health_products_puts_its_matches_on_a_convention_step(engine):
    match = signable_match(engine, makes_health_products=False)
    assert _states(engine, match.id)[0] == "non_requise"
    [(org_id, version)] = fetch(engine, "select o.id, o.row_version from organisation o join request r on "
                                        "r.organisation_id = o.id where r.id = ?", match.request_id)
    organisations.update(engine, FOUNDER, org_id, {"makes_health_products": True}, expected_version=version)
    assert _states(engine, match.id)[0] == "a_preparer"


# The rule written again in plain SQL, to check the stored states against it independently.
DERIVED_SQL = """
    select m.id, m.convention_status, m.cumul_status,
           case when not o.makes_health_products then 'non_requise'
                when m.agreed_day_rate is null or m.agreed_days is null then 'a_preparer'
                when m.agreed_day_rate / 8 >= t.hour or m.agreed_day_rate / 2 >= t.half
                     or m.agreed_day_rate * m.agreed_days >= t.total then 'autorisation_a_demander'
                else 'a_declarer' end as convention,
           case when c.profession = 'medecin' and c.practice_setting = 'hopital_public'
                then case when c.cumul_status in ('demandee', 'obtenue', 'refusee') then c.cumul_status
                          else 'a_demander' end
                else 'non_concerne' end as cumul
    from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
    join organisation o on o.id = r.organisation_id
    cross join lateral (select case when c.profession = 'etudiant_sante' then 80 else 200 end as hour,
                               case when c.profession = 'etudiant_sante' then 320 else 800 end as half,
                               case when c.profession = 'etudiant_sante' then 800 else 2000 end as total) t
    where m.stage in ('suggeree', 'contactee', 'interessee', 'proposee_client', 'entretien', 'retenue')"""
PENDING = ("non_requise", "a_preparer", "a_declarer", "autorisation_a_demander")


def _disagreeing(engine):
    return [(i, conv, cumul, want_conv, want_cumul) for i, conv, cumul, want_conv, want_cumul in
            fetch(engine, DERIVED_SQL)
            if (conv in PENDING and conv != want_conv) or cumul != want_cumul]


def test_in_the_demo_every_live_match_holds_the_states_its_facts_give(demo_engine):
    assert fetch(demo_engine, DERIVED_SQL)
    assert _disagreeing(demo_engine) == []
    # Every match on a health-products client reads a convention step, whatever its stage.
    assert fetch(demo_engine, """select count(*) from match m join request r on r.id = m.request_id
                                 join organisation o on o.id = r.organisation_id
                                 where o.makes_health_products and m.convention_status = 'non_requise'""") == [(0,)]


def test_the_upgrade_puts_a_store_that_disagrees_right_and_audits_each_change(engine):
    fetch(engine, """update match set convention_status = 'non_requise', cumul_status = 'non_concerne'
                     where stage in ('suggeree', 'contactee')""")
    wrong = _disagreeing(engine)
    assert wrong
    events = fetch(engine, "select count(*) from audit_event")[0][0]
    with engine.begin() as conn:
        changed = matches.reconcile(conn)
    assert changed == len(wrong) and _disagreeing(engine) == []
    assert fetch(engine, "select count(*) from audit_event where actor_id is null and entity = 'match' "
                         "and id > (select max(id) - ? from audit_event)", changed)[0][0] == changed
    assert fetch(engine, "select count(*) from audit_event")[0][0] == events + changed
