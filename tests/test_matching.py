"""Ranking candidates for a request (hyc.matching): properties on small hand-built pools and on the demo data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from hyc import matching
from tests.conftest import TODAY, fetch

# A candidate who fits a remote advisory mission for a cardiologist on every part.
FITS = {"id": 1, "name": "Alice Parfaite", "profession": "medecin", "specialty": "cardiologie",
        "practice_setting": "liberal", "region": "11", "departement": "75", "work_mode": "les_deux",
        "mission_types": "conseil,atelier", "digital_appetite": "a_l_aise", "availability": 8,
        "expected_day_rate": 700, "cumul_status": "non_concerne", "ready": True, "stage": "pret_mission",
        "missions_done": 3, "missions_running": 0, "unanswered": 0, "withdrawals": 0, "rating": 5.0,
        "ai_trained": False}
REQUEST = {"id": 1, "mission_type": "conseil", "professions": "medecin", "specialties": "cardiologie",
           "headcount": 1, "work_mode": "distanciel", "region": "11", "start_date": None, "expected_days": 4,
           "budget_day_rate": 800, "makes_health_products": False, "organisation": "Cardiotech"}


def ranked(people: list[dict], request: dict | None = None, appetites=("a_l_aise", "expert"),
           today: date = TODAY) -> pd.DataFrame:
    pool = pd.DataFrame([FITS | {"id": i + 1} | p for i, p in enumerate(people)])
    return matching.score(pool, REQUEST | (request or {}), today, appetites).set_index("id")


def test_a_candidate_who_fits_on_every_part_scores_100_and_each_part_its_full_weight():
    row = ranked([{}]).iloc[0]
    assert row.score == 100
    assert {name: row[f"pts_{name}"] for name in matching.PARTS} == matching.PARTS


# One change to the candidate who fits everywhere, the part it hits, and what that part then says.
MISSES = [
    ({"specialty": "neurologie"}, "specialty", "other"),
    ({"mission_types": "beta_test"}, "mission", "other"),
    ({"mission_types": None}, "mission", "unknown"),
    ({"work_mode": "presentiel"}, "place", "onsite_only"),
    ({"availability": 1}, "availability", "short"),
    ({"availability": None}, "availability", "unknown"),
    ({"digital_appetite": "prudent"}, "appetite", "close"),
    ({"digital_appetite": "reticent"}, "appetite", "far"),
    ({"ready": False, "stage": "tarif_defini"}, "readiness", "on_track"),
    ({"expected_day_rate": 900}, "rate", "slightly_above"),
    ({"expected_day_rate": 1500}, "rate", "above"),
    ({"missions_running": 1}, "load", "one"),
    ({"missions_running": 3}, "load", "busy"),
    ({"unanswered": 2, "missions_done": 0}, "history", "rated"),
    ({"withdrawals": 1}, "history", "rated"),
    ({"specialty": None}, "specialty", "unknown"),
    ({"profession": "etudiant_sante", "specialty": "neurologie"}, "specialty", "other"),
]


@pytest.mark.parametrize(("change", "part", "reason"), MISSES)
def test_a_candidate_who_fits_on_fewer_parts_is_outranked_and_the_part_says_why(change, part, reason):
    scores = ranked([{}, change])
    best, other = scores.loc[1], scores.loc[2]
    assert other.score < best.score
    assert other[f"pts_{part}"] < matching.PARTS[part]
    assert other[f"why_{part}"] == reason
    # Only that part moved: the difference in score is its points.
    assert best.score - other.score == matching.PARTS[part] - other[f"pts_{part}"]
    assert scores.index[0] == 1  # best first


def test_each_part_moves_the_score_in_the_direction_its_sentence_says():
    """Closer to what is asked, more points: availability, rate, load and appetite graded in order."""
    def points(part, values, column):
        scores = ranked([{column: v} for v in values])
        return [scores.loc[i + 1, f"pts_{part}"] for i in range(len(values))]

    assert points("availability", [8, 2, 1, 0], "availability") == sorted(points("availability", [8, 2, 1, 0],
                                                                                 "availability"), reverse=True)
    assert points("rate", [700, 900, 1500], "expected_day_rate") == [10, 5, 0]
    assert points("load", [0, 1, 2], "missions_running") == [5, 2, 0]  # half of 5, rounded half to even
    assert points("appetite", ["a_l_aise", "prudent", "reticent"], "digital_appetite") == [10, 5, 0]
    history = points("history", [0, 1, 2], "unanswered")
    assert history[0] > history[1] > history[2]


def test_the_place_follows_the_mission_s_way_of_working():
    onsite = {"work_mode": "presentiel", "region": "84"}
    scores = ranked([{"work_mode": "les_deux"}, {"work_mode": "presentiel"}, {"work_mode": "distanciel"},
                     {"work_mode": "presentiel", "region": "84"}], onsite)
    assert list(scores.sort_index().why_place) == ["other_region", "other_region", "far_remote_only",
                                                   "same_region"]
    assert scores.loc[4, "pts_place"] == matching.PLACE and scores.loc[3, "pts_place"] == 0
    remote = ranked([{"work_mode": "les_deux"}, {"work_mode": "presentiel"}])
    # Someone who works both ways fits a remote mission.
    assert list(remote.sort_index().why_place) == ["remote_fit", "onsite_only"]


def test_the_score_is_the_sum_of_the_parts_shown_on_the_demo_data(demo_engine):
    request_id = fetch(demo_engine, "select min(id) from request where status = 'en_recherche'")[0][0]
    ranking = matching.rank(demo_engine, request_id, TODAY)
    assert len(ranking.scored) > 10
    for _, row in ranking.scored.head(30).iterrows():
        parts = matching.parts(row, ranking)
        assert [p.name for p in parts] == list(matching.PARTS)
        assert sum(p.points for p in parts) == row.score
        assert all(0 <= p.points <= p.weight for p in parts)
        assert all(str(p.sentence) and not str(p.sentence).startswith("rank.") for p in parts)
    assert list(ranking.scored.score) == sorted(ranking.scored.score, reverse=True)


def test_excluded_people_never_appear_and_are_counted(demo_engine):
    """Computed independently per reason with plain SQL, on a request that has matches, some of them exits."""
    request_id = fetch(demo_engine, """
        select r.id from request r join match m on m.request_id = r.id
        where r.status in ('en_recherche', 'candidats_proposes')
        group by r.id having count(*) filter (where m.stage in ('declinee_soignant', 'refusee_client')) > 0
           and count(*) filter (where m.stage not in ('declinee_soignant', 'refusee_client')) > 0
        order by r.id limit 1""")[0][0]
    professions = fetch(demo_engine, "select string_split(professions, ',') from request where id = ?",
                        request_id)[0][0]
    on = dict(fetch(demo_engine, "select caregiver_id, stage from match where request_id = ?", request_id))
    people = fetch(demo_engine, "select id, archived, erased_at is not null, profession from caregiver")
    expected = {why: set() for why in matching.EXCLUSIONS}
    for cid, archived, erased, profession in people:
        if erased:
            expected["erased"].add(cid)
        elif archived:
            expected["archived"].add(cid)
        elif profession not in professions:
            expected["other_profession"].add(cid)
        elif on.get(cid) in ("declinee_soignant", "refusee_client"):
            expected["declined"].add(cid)
        elif cid in on:
            expected["on_request"].add(cid)
    ranking = matching.rank(demo_engine, request_id, TODAY)
    assert ranking.excluded == {why: len(ids) for why, ids in expected.items()}
    assert expected["declined"] and expected["on_request"] and expected["archived"]
    left_out = set().union(*expected.values())
    assert not left_out & set(ranking.scored.id)
    assert len(ranking.scored) + len(left_out) == len(people)


def test_an_erased_caregiver_is_counted_apart_from_the_archived(engine):
    from hyc import privacy
    from tests.helpers import FOUNDER
    request_id, professions = fetch(engine, "select id, professions from request where status = 'en_recherche' "
                                            "order by id limit 1")[0]
    victim = fetch(engine, "select min(id) from caregiver where not archived and profession = ?",
                   professions.split(",")[0])[0][0]
    before = matching.rank(engine, request_id, TODAY).excluded
    privacy.erase(engine, FOUNDER, victim)
    after = matching.rank(engine, request_id, TODAY)
    assert after.excluded["erased"] == before["erased"] + 1
    assert after.excluded["archived"] == before["archived"]
    assert victim not in set(after.scored.id)


def test_the_list_s_filters_narrow_what_is_shown_not_who_is_counted(demo_engine):
    request_id = fetch(demo_engine, "select min(id) from request where status = 'en_recherche'")[0][0]
    everyone = matching.rank(demo_engine, request_id, TODAY)
    region = everyone.scored.region.mode()[0]
    narrowed = matching.rank(demo_engine, request_id, TODAY, None,
                             matching.Narrowing(regions=(region,), remote=True, ready_only=True, min_availability=4))
    expected = everyone.scored[(everyone.scored.region == region)
                               & everyone.scored.work_mode.isin(["distanciel", "les_deux"])
                               & everyone.scored.ready & (everyone.scored.availability >= 4)]
    assert list(narrowed.rows.id) == list(expected.id)
    assert len(narrowed.scored) == len(everyone.scored) and narrowed.excluded == everyone.excluded


# --- Compliance friction: the thresholds of the arrêté of 7 August 2020 ---------------------------------------
# Professionals: 200 € an hour, 800 € a half-day, 2,000 € an agreement; students 80 €, 320 €, 800 €. A day is
# 8 hours and two half-days, so a day rate reaches the hour and half-day limits at 1,600 € (640 € for students).

HEALTH = {"makes_health_products": True}


@pytest.mark.parametrize(("rate", "days", "student", "regime"), [
    (1599, 1, False, "declaration"), (1600, 1, False, "autorisation"), (1601, 1, False, "autorisation"),
    (999, 2, False, "declaration"), (1000, 2, False, "autorisation"),
    (639, 1, True, "declaration"), (640, 1, True, "autorisation"),
    (399, 2, True, "declaration"), (400, 2, True, "autorisation"), (401, 2, True, "autorisation"),
])
def test_the_regime_follows_the_thresholds_below_at_and_above(rate, days, student, regime):
    person = {"expected_day_rate": rate} | ({"profession": "etudiant_sante", "specialty": None} if student else {})
    row = ranked([person], HEALTH | {"expected_days": days, "professions": "medecin,etudiant_sante",
                                     "budget_day_rate": None}).iloc[0]
    assert row.regime == regime
    said = matching.warnings(row, REQUEST | HEALTH)
    assert said[0].key == f"rank.warn.{regime}_undated" + ("_student" if student else "")


def test_no_regime_without_health_products():
    row = ranked([{"expected_day_rate": 3000}]).iloc[0]
    assert row.regime == "" and matching.warnings(row, REQUEST) == []


def test_a_start_the_declaration_deadline_cannot_meet_costs_the_calendar_part():
    # 8 working days before a Monday 14 December 2026: Wednesday 2 December. No budget: the request has no regime
    # of its own, so each candidate's is said on their row.
    start = date(2026, 12, 14)
    request = HEALTH | {"start_date": start, "expected_days": 2, "budget_day_rate": None}  # 700 € × 2 days: under
    on_time = ranked([{}], request, today=date(2026, 12, 2)).iloc[0]
    late = ranked([{}], request, today=date(2026, 12, 3)).iloc[0]
    assert on_time.regime == late.regime == "declaration"
    assert on_time.pts_calendar == matching.CALENDAR and not on_time.late
    assert late.pts_calendar == 0 and late.late and late.score == on_time.score - matching.CALENDAR
    assert "02/12/2026" in matching.warnings(on_time, REQUEST | request)[0]
    assert matching.warnings(late, REQUEST | request)[0].key == "rank.warn.declaration_late"


def test_an_authorisation_needs_two_calendar_months_before_the_start():
    """A start on 31 August 2027: the Ordre must be asked by 30 June (two calendar months, June having 30 days),
    not on 1 July (61 days)."""
    request = HEALTH | {"start_date": date(2027, 8, 31), "expected_days": 2}
    dear, cheap = ranked([{"expected_day_rate": 1700}, {"expected_day_rate": 700}], request,
                         today=date(2027, 7, 1)).loc[[1, 2]].itertuples()
    assert dear.regime == "autorisation" and dear.late and dear.pts_calendar == 0
    assert cheap.regime == "declaration" and not cheap.late
    in_time = ranked([{"expected_day_rate": 1700}], request, today=date(2027, 6, 30)).iloc[0]
    assert not in_time.late


@pytest.mark.parametrize(("person", "warned"), [
    ({"practice_setting": "hopital_public", "cumul_status": "a_demander"}, "rank.warn.cumul_a_demander"),
    ({"practice_setting": "hopital_public", "cumul_status": "non_concerne"}, "rank.warn.cumul_a_demander"),
    ({"practice_setting": "hopital_public", "cumul_status": "demandee"}, "rank.warn.cumul_demandee"),
    ({"practice_setting": "hopital_public", "cumul_status": "refusee"}, "rank.warn.cumul_refusee"),
    ({"practice_setting": "hopital_public", "cumul_status": "obtenue"}, None),
    ({"practice_setting": "liberal", "cumul_status": None}, None),
    ({"practice_setting": "hopital_public", "profession": "infirmier", "specialty": None}, None),
])
def test_a_public_hospital_doctor_s_cumul_still_to_obtain_is_a_warning_not_points(person, warned):
    row = ranked([person], {"professions": "medecin,infirmier"}).iloc[0]
    keys = [m.key for m in matching.warnings(row, REQUEST)]
    assert keys == ([warned] if warned else [])
    assert row.score == ranked([{}]).iloc[0].score  # the cumul costs no points


# --- Panels ---------------------------------------------------------------------------------------------------

PANEL = {"mission_type": "atelier", "headcount": 4, "specialties": None, "work_mode": "distanciel"}


def panel_of(people: list[dict], request: dict, narrowing: matching.Narrowing | None = None
             ) -> tuple[matching.Panel, matching.Ranking]:
    r = REQUEST | request
    narrowing = narrowing or matching.Narrowing()
    scored = ranked(people, r, appetites=("prudent", "a_l_aise")).reset_index()
    ranking = matching.Ranking(r, scored, matching.narrow(scored, narrowing), {}, ("prudent", "a_l_aise"), TODAY)
    return matching.panel(ranking), ranking


def test_a_panel_covers_distinct_specialties_rather_than_the_best_scores_of_one():
    # Five cardiologists score highest; three other specialties score lower.
    people = [{"specialty": "cardiologie"}] * 5 + [
        {"specialty": s, "availability": 2} for s in ("neurologie", "pediatrie", "oncologie")]
    chosen, ranking = panel_of(people, PANEL)
    specialties = ranking.rows.set_index("id").loc[chosen.members, "specialty"]
    assert len(chosen.members) == 4 and specialties.nunique() == 4
    # The best scores alone would have been four cardiologists.
    assert set(ranking.rows.head(4).specialty) == {"cardiologie"}


def test_a_panel_seats_the_specialties_asked_first_and_says_which_it_could_not_cover_and_why():
    people = ([{"specialty": "cardiologie"}] * 3 + [{"specialty": "geriatrie"}] * 3
              + [{"specialty": "neurologie", "region": "84", "work_mode": "presentiel"}])
    request = PANEL | {"specialties": "neurologie,pediatrie,cardiologie", "headcount": 3}
    chosen, ranking = panel_of(people, request, matching.Narrowing(remote=True))
    groups = set(ranking.rows.set_index("id").loc[chosen.members, "specialty"])
    assert "cardiologie" in groups and len(chosen.members) == 3
    # Neurology exists but the "remote" filter leaves its one candidate out; nobody does paediatrics.
    assert chosen.uncovered == {"neurologie": "filters", "pediatrie": "none"}
    few_seats, _ = panel_of(people, request | {"headcount": 1})
    assert few_seats.uncovered.get("pediatrie") == "none" and few_seats.uncovered.get("neurologie") == "seats"


def test_a_panel_breaks_close_scores_towards_a_new_region():
    people = [{"specialty": "cardiologie"}, {"specialty": "neurologie"},
              {"specialty": "neurologie", "region": "84", "missions_done": 2}]
    chosen, ranking = panel_of(people, PANEL | {"headcount": 2})
    assert chosen.members == [1, 3]  # the second neurologist, as good, lives in another region


def test_a_member_is_swapped_for_anyone_eligible_and_the_swap_says_what_it_does_to_the_coverage():
    people = [{"specialty": "cardiologie"}, {"specialty": "neurologie"},
              {"specialty": "neurologie", "availability": 4}, {"specialty": "pediatrie", "availability": 1}]
    chosen, ranking = panel_of(people, PANEL | {"headcount": 2})
    assert chosen.members == [1, 2]
    same, change = matching.swap(ranking, chosen.members, 2, 3)
    assert same == [1, 3] and change == {}  # a neurologist for a neurologist: the coverage is unchanged
    other, change = matching.swap(ranking, chosen.members, 2, 4)
    assert other == [1, 4] and change == {"neurologie": -1, "pediatrie": 1}
    with pytest.raises(ValueError):
        matching.swap(ranking, chosen.members, 2, 1)  # already on the panel


def test_the_demo_panel_spreads_over_specialties_when_the_pool_allows(demo_engine):
    """On a workshop of doctors: seats go to the specialties asked, one each while the pool allows; with none
    asked, to as many distinct specialties as the pool has."""
    request_id = fetch(demo_engine, """select min(id) from request where mission_type = 'atelier' and headcount > 3
                                       and status = 'en_recherche' and professions = 'medecin'""")[0][0]
    ranking = matching.rank(demo_engine, request_id, TODAY)
    seats = int(ranking.request["headcount"])
    asked = set((ranking.request["specialties"] or "").split(",")) - {""}
    for request in (ranking.request, ranking.request | {"specialties": None}):
        chosen = matching.panel(matching.Ranking(request, ranking.scored, ranking.rows, {}, (), TODAY))
        seated = ranking.rows.set_index("id").loc[chosen.members, "specialty"]
        assert len(chosen.members) == seats
        if request["specialties"]:
            in_pool = asked & set(ranking.rows.specialty)
            assert set(seated) >= in_pool if seats >= len(in_pool) else seated.nunique() == seats
        else:
            assert seated.nunique() == min(seats, ranking.rows.specialty.nunique())


def test_the_place_says_what_is_known_no_region_asked_region_unknown_way_of_working_unknown():
    onsite = {"work_mode": "presentiel", "region": "84"}
    scores = ranked([{"region": None}, {"work_mode": None, "region": "11"}, {"work_mode": None, "region": "84"}],
                    onsite).sort_index()
    assert list(scores.why_place) == ["region_unknown", "other_region", "same_region"]
    assert list(scores.pts_place) == [5, 2, matching.PLACE]
    anywhere = ranked([{"region": "93"}], {"work_mode": "hybride", "region": None}).iloc[0]
    assert anywhere.why_place == "no_region" and anywhere.pts_place == matching.PLACE
    assert "ne demande pas de région" in str(matching.parts(anywhere, _ranking_of(anywhere, {"region": None}))[2]
                                             .sentence)


def _ranking_of(row, request):
    scored = pd.DataFrame([row])
    return matching.Ranking(REQUEST | request, scored, scored, {}, ("a_l_aise", "expert"), TODAY)


def test_readiness_says_when_nothing_is_done_and_a_first_mission_counts_as_ready():
    scores = ranked([{"ready": False, "stage": "aucune"}, {"ready": False, "stage": "premiere_mission"}]).sort_index()
    assert list(scores.why_readiness) == ["not_started", "ready"]
    assert list(scores.pts_readiness) == [0, matching.READINESS]


def test_a_panel_seats_each_specialty_asked_once_then_goes_round_distinct_specialties():
    """"De préférence": the two named first, then three others, all distinct (the best scores are the named)."""
    people = ([{"specialty": "cardiologie"}] * 3 + [{"specialty": "oncologie"}] * 3
              + [{"specialty": s, "availability": 4} for s in ("geriatrie", "dermatologie", "ophtalmologie")])
    request = PANEL | {"specialties": "cardiologie,oncologie", "specialties_required": False, "headcount": 5}
    chosen, ranking = panel_of(people, request)
    seated = list(ranking.rows.set_index("id").loc[chosen.members, "specialty"])
    assert set(seated[:2]) == {"cardiologie", "oncologie"} and len(set(seated)) == 5
    assert chosen.shared == {}


def test_a_panel_of_required_specialties_goes_round_them_and_says_why_seats_are_shared():
    """Three psychiatrists score best, but a must on three specialties seats them in turn: 2, 2, 1 (never 5, 4, 1)
    and says that the request's specialties are why seats are shared."""
    people = ([{"specialty": "psychiatrie"}] * 5 + [{"specialty": "medecine_interne", "availability": 4}] * 4
              + [{"specialty": "sante_publique", "availability": 2}] * 2)
    chosen, ranking = panel_of(people, PANEL | {"specialties": "psychiatrie,medecine_interne,sante_publique",
                                                "headcount": 5})
    seated = ranking.rows.set_index("id").loc[chosen.members, "specialty"].value_counts().to_dict()
    assert seated == {"psychiatrie": 2, "medecine_interne": 2, "sante_publique": 1}
    assert chosen.shared == {"psychiatrie": "asked", "medecine_interne": "asked"}
    # Without specialties named, a pool of three specialties shares seats for want of others.
    spread, _ = panel_of(people, PANEL | {"headcount": 5})
    assert set(spread.shared.values()) == {"pool"}


def test_a_panel_larger_than_the_list_seats_everyone_it_can():
    chosen, ranking = panel_of([{"specialty": "cardiologie"}, {"specialty": "neurologie"}], PANEL | {"headcount": 10})
    assert sorted(chosen.members) == [1, 2]


# --- A must is a gate, a preference a weight ---------------------------------------------------------------------

def _open_requests_naming_specialties(engine) -> list[int]:
    return [i for (i,) in fetch(engine, """select id from request where coalesce(specialties, '') <> ''
                                           and status in ('nouvelle', 'qualifiee', 'en_recherche',
                                                          'candidats_proposes') order by id""")]


def test_a_request_naming_specialties_ranks_only_those_who_hold_one_and_counts_the_others(demo_engine):
    """On every open request of the demo that names specialties: no doctor (or student) without one of them is
    ranked, and those left out for it are counted, as plain SQL counts them."""
    requests_ = _open_requests_naming_specialties(demo_engine)
    assert len(requests_) >= 3
    for request_id in requests_:
        ranking = matching.rank(demo_engine, request_id, TODAY)
        asked = set(ranking.request["specialties"].split(","))
        holders = ranking.scored[ranking.scored.profession.isin(["medecin", "etudiant_sante"])]
        assert set(holders.specialty) <= asked, request_id
        [(expected,)] = fetch(demo_engine, """
            select count(*) from caregiver c, request r where r.id = ? and c.erased_at is null and not c.archived
              and list_contains(string_split(r.professions, ','), c.profession)
              and c.profession in ('medecin', 'etudiant_sante')
              and (c.specialty is null or not list_contains(string_split(r.specialties, ','), c.specialty))""",
            request_id)
        assert ranking.excluded["specialty"] == expected, request_id


def test_de_preference_lifts_the_gate_and_the_specialty_is_weighed_again(engine):
    from hyc import requests
    from tests.helpers import FOUNDER
    request_id = next(i for i in _open_requests_naming_specialties(engine)
                      if fetch(engine, "select professions from request where id = ?", i) == [("medecin",)])
    must = matching.rank(engine, request_id, TODAY)
    [(version,)] = fetch(engine, "select row_version from request where id = ?", request_id)
    requests.update(engine, FOUNDER, request_id, {"specialties_required": False}, expected_version=version)
    preferred = matching.rank(engine, request_id, TODAY)
    assert preferred.excluded["specialty"] == 0
    assert len(preferred.scored) == len(must.scored) + must.excluded["specialty"]
    others = preferred.scored[~preferred.scored.specialty.isin(must.request["specialties"].split(","))]
    assert len(others) and (others.pts_specialty < matching.SPECIALTY).all()


@pytest.mark.parametrize(("criteria", "reason", "condition"), [
    ({"work_mode": "distanciel", "place_required": True}, "place",
     "coalesce(c.work_mode, '') not in ('distanciel', 'les_deux')"),
    ({"work_mode": "presentiel", "region": "84", "place_required": True}, "place",
     "(c.region is distinct from '84' or c.work_mode = 'distanciel')"),
    ({"digital_appetites": "a_l_aise,expert", "appetite_required": True}, "appetite",
     "coalesce(c.digital_appetite, '') not in ('a_l_aise', 'expert')"),
    ({"about_ai": True, "ai_required": True}, "ai", "not c.ai_trained"),
])
def test_each_must_leaves_out_whoever_misses_it_and_counts_them(engine, criteria, reason, condition):
    request_id = fetch(engine, "select min(id) from request where status = 'en_recherche' "
                               "and coalesce(specialties, '') = ''")[0][0]
    sets = ", ".join(f"{name} = ?" for name in criteria)
    fetch(engine, f"update request set {sets} where id = ?", *criteria.values(), request_id)
    ranking = matching.rank(engine, request_id, TODAY)
    [(expected,)] = fetch(engine, f"""
        select count(*) from caregiver c, request r where r.id = ? and c.erased_at is null and not c.archived
          and list_contains(string_split(r.professions, ','), c.profession) and {condition}""", request_id)
    assert expected and ranking.excluded[reason] == expected
    left_out = {i for (i,) in fetch(engine, f"select c.id from caregiver c where {condition}")}
    assert not left_out & set(ranking.scored.id)


def test_a_student_holds_a_field_and_an_unknown_field_is_a_weak_point():
    """A cardiology thesis, "de préférence": the one cardiology student first, students of unknown field far below
    (never full points), another field last on this part."""
    students = [{"profession": "etudiant_sante", "specialty": s, "name": n}
                for s, n in ((None, "Aline"), (None, "Bruno"), ("cardiologie", "Zoé"), ("neurologie", "Chloé"))]
    scores = ranked(students, {"mission_type": "these", "professions": "etudiant_sante",
                               "specialties": "cardiologie", "specialties_required": False})
    assert scores.index[0] == 3 and scores.loc[3, "why_specialty"] == "asked"
    assert list(scores.loc[[1, 2], "why_specialty"]) == ["unknown", "unknown"]
    assert (scores.loc[[1, 2], "pts_specialty"] < matching.SPECIALTY / 2).all()
    assert scores.loc[4, "pts_specialty"] == 0


# --- History: what predicts a no-show, said in French -------------------------------------------------------------

def test_equal_scores_rank_the_one_who_never_went_silent_first():
    # No rating counts as an average one (0.15 of the part). No mission, no lapse: 0.45 of the part; one mission
    # (0.2) but two requests unanswered (no reliability left): 0.35; both round to 4 points (half to even).
    scores = ranked([{"name": "Zoé Fidèle", "missions_done": 0, "rating": None},
                     {"name": "Aaron Silencieux", "missions_done": 1, "unanswered": 2, "rating": None}])
    assert scores.loc[1, "pts_history"] == scores.loc[2, "pts_history"] == 4
    assert scores.loc[1, "score"] == scores.loc[2, "score"]
    assert list(scores.index) == [1, 2]  # Zoé first, though Aaron comes first by name


def test_the_history_sentence_reads_as_french():
    scores = ranked([{"missions_done": 0, "rating": None},
                     {"missions_done": 1, "unanswered": 1, "withdrawals": 2, "rating": 4.0}]).sort_index()
    said = [str(matching.parts(row, _ranking_of(row, {}))[8].sentence) for _, row in scores.iterrows()]
    assert said[0] == ("Aucune mission terminée, pas encore de note client ; jamais resté(e) sans réponse ni "
                       "retiré(e) après avoir été retenu(e).")
    assert said[1] == ("1 mission terminée, note client moyenne 4 / 5 ; 1 besoin laissé sans réponse, 2 retraits "
                       "après avoir été retenu(e).")
    both = ranked([{}]).iloc[0]
    place = str(matching.parts(both, _ranking_of(both, {}))[2].sentence)
    assert place == "Travaille à distance ou sur place : peut le faire à distance." and "Les deux" not in place


def test_the_history_counts_unanswered_requests_and_withdrawals_after_retained_as_plain_sql_does(demo_engine):
    request_id = fetch(demo_engine, "select min(id) from request where status = 'en_recherche'")[0][0]
    counted = matching.eligible(demo_engine, request_id).set_index("id")[["unanswered", "withdrawals"]]
    expected = dict(((cid, (u, w)) for cid, u, w in fetch(demo_engine, """
        select m.caregiver_id, count(*) filter (where m.exit_reason = 'sans_reponse'),
               count(*) filter (where m.stage = 'declinee_soignant'
                                and m.id in (select match_id from match_event where stage = 'retenue'))
        from match m group by 1""")))
    assert any(u or w for u, w in expected.values())
    for cid, row in counted.iterrows():
        assert (row.unanswered, row.withdrawals) == expected.get(cid, (0, 0))


def test_a_candidate_over_a_threshold_the_budget_is_not_names_it_with_its_figures():
    """Budget 800 € × 2 days (1 600 €): a declaration for the request; a candidate asking 1 100 € a day
    (2 200 € in all) crosses the 2 000 € of an agreement, and their row says so, with the figures."""
    request = HEALTH | {"expected_days": 2, "budget_day_rate": 800}
    dear = ranked([{"expected_day_rate": 1100}], request).iloc[0]
    assert dear.regime == "autorisation" and dear.own_regime == "autorisation"
    [said] = matching.warnings(dear, REQUEST | request)
    assert "1\u202f100\u202f€ × 2 jours = 2\u202f200\u202f€ ≥ 2\u202f000\u202f€ par convention" in said
    as_budget = ranked([{"expected_day_rate": 700}], request).iloc[0]
    assert as_budget.own_regime == "" and matching.warnings(as_budget, REQUEST | request) == []
