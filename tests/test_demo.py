"""Demo data: same seed same rows, events in time order, references that resolve, a realistic mix."""

import pandas as pd
import phonenumbers
import pytest

from hyc import db, demo, schema, validation, vocab
from tests.conftest import SCALE, SEED, TODAY


@pytest.fixture(scope="module")
def frames():
    return demo.generate(SCALE, SEED, TODAY)


def test_same_seed_same_rows(frames):
    again = demo.generate(SCALE, SEED, TODAY)
    assert frames.keys() == again.keys()
    for name in frames:
        pd.testing.assert_frame_equal(frames[name], again[name], obj=name)


def test_another_seed_other_rows(frames):
    other = demo.generate(SCALE, SEED + 1, TODAY)
    assert not frames["caregiver"].email.equals(other["caregiver"].email)


def test_sizes_follow_the_scale():
    size = demo.DemoSize.at(1)
    frames = demo.generate(1, 3, TODAY)
    assert len(frames["caregiver"]) == size.caregivers == 1500
    assert len(frames["organisation"]) == size.organisations == 150
    assert len(frames["request"]) == size.requests == 350
    assert len(frames["call"]) == size.calls == 5000
    assert 0.8 * size.matches <= len(frames["match"]) <= size.matches


def test_loading_writes_every_row_and_one_audit_event(demo_engine, frames):
    counts = db.table_counts(demo_engine)
    for name, frame in frames.items():
        assert counts[name] == len(frame), name
    assert db.read_df(demo_engine, "select action, entity from audit_event").values.tolist() == [["demo.load", "store"]]


def test_demo_refuses_a_store_that_holds_data(demo_engine):
    with pytest.raises(demo.StoreNotEmpty, match="--reset"):
        demo.build(demo_engine, scale=0.05, seed=1, today=TODAY)


def test_reset_replaces_the_data(tmp_path):
    engine = schema.open_store(f"duckdb:///{tmp_path / 'r.duckdb'}")
    demo.build(engine, scale=0.05, seed=1, today=TODAY)
    demo.build(engine, scale=0.05, seed=2, today=TODAY, reset=True)
    expected = demo.generate(0.05, 2, TODAY)["caregiver"].email.tolist()
    assert db.read_df(engine, "select email from caregiver order by id").email.tolist() == expected
    # New rows after a load get fresh keys from the sequences.
    with db.raw(engine) as con:
        assert con.execute("select nextval('caregiver_id_seq')").fetchall()[0][0] > len(expected)
    engine.dispose()


REFERENCES = [
    ("caregiver", "mentor_id", "team_member"),
    ("contact", "organisation_id", "organisation"),
    ("request", "organisation_id", "organisation"),
    ("request", "contact_id", "contact"),
    ("request", "owner_id", "team_member"),
    ("request_event", "request_id", "request"),
    ("match", "request_id", "request"),
    ("match", "caregiver_id", "caregiver"),
    ("match_event", "match_id", "match"),
    ("onboarding_step", "caregiver_id", "caregiver"),
    ("mentoring_session", "caregiver_id", "caregiver"),
    ("mentoring_session", "mentor_id", "team_member"),
    ("call", "member_id", "team_member"),
    ("call", "caregiver_id", "caregiver"),
    ("call", "organisation_id", "organisation"),
    ("call", "contact_id", "contact"),
    ("call", "request_id", "request"),
]


@pytest.mark.parametrize("table, column, target", REFERENCES)
def test_every_reference_resolves(sql, table, column, target):
    dangling = sql(f'select count(*) from "{table}" t where t.{column} is not null '
                   f'and not exists (select 1 from "{target}" x where x.id = t.{column})')[0][0]
    assert dangling == 0
    assert sql(f'select count(*) from "{table}" where {column} is not null')[0][0] > 0


def test_a_request_contact_belongs_to_its_organisation(sql):
    assert sql("select count(*) from request r join contact c on c.id = r.contact_id "
               "where c.organisation_id <> r.organisation_id")[0][0] == 0


def test_no_stage_before_its_request(sql):
    assert sql("select count(*) from match_event e join match m on m.id = e.match_id "
               "join request r on r.id = m.request_id where e.occurred_at < r.created_at")[0][0] == 0


def test_a_caregiver_is_matched_after_joining(sql):
    assert sql("select count(*) from match m join caregiver c on c.id = m.caregiver_id "
               "where m.created_at < c.created_at")[0][0] == 0


def test_match_stages_follow_the_path_in_time(sql):
    rank = {stage: i for i, stage in enumerate(vocab.MATCH_PATH)}
    rows = sql("select match_id, stage, occurred_at from match_event order by match_id, occurred_at, id")
    events = pd.DataFrame(rows, columns=["match_id", "stage", "at"])
    for match_id, group in events.groupby("match_id"):
        stages = group.stage.tolist()
        path = [s for s in stages if s in rank]
        assert path == list(vocab.MATCH_PATH[: len(path)]), (match_id, stages)  # no stage skipped or repeated
        exits = [s for s in stages if s in vocab.MATCH_EXITS]
        assert len(exits) <= 1 and (not exits or stages[-1] == exits[0]), (match_id, stages)
        assert group["at"].is_monotonic_increasing


def test_no_mission_before_a_signed_contract(sql):
    assert sql("""
        select count(*) from match_event mission
        where mission.stage = 'en_mission' and not exists (
            select 1 from match_event signed where signed.match_id = mission.match_id
            and signed.stage = 'contrat_signe' and signed.occurred_at <= mission.occurred_at)
    """)[0][0] == 0


def test_a_match_stage_is_its_last_event(sql):
    assert sql("""
        select count(*) from match m
        where m.stage <> (select arg_max(stage, occurred_at) from match_event e where e.match_id = m.id)
    """)[0][0] == 0


def test_request_status_is_its_last_event_and_events_move_forward(sql):
    assert sql("""
        select count(*) from request r
        where r.status <> (select arg_max(status, occurred_at) from request_event e where e.request_id = r.id)
    """)[0][0] == 0
    rows = sql("select request_id, status from request_event order by request_id, occurred_at, id")
    order = {s: i for i, s in enumerate(vocab.REQUEST_STATUSES.codes)}
    for request_id, group in pd.DataFrame(rows, columns=["request_id", "status"]).groupby("request_id"):
        statuses = group.status.tolist()
        assert statuses[0] == "nouvelle"
        for before, after in zip(statuses, statuses[1:], strict=False):
            assert after in vocab.REQUEST_MOVES[before] or order[after] > order[before], (request_id, statuses)


def test_onboarding_steps_are_done_in_track_order(sql):
    rows = sql("""select caregiver_id, step, changed_at from onboarding_step
                  where status = 'fait' and step <> 'formation_ia' order by caregiver_id, changed_at""")
    rank = {s: i for i, s in enumerate(vocab.ONBOARDING_STEPS.codes)}
    for cid, group in pd.DataFrame(rows, columns=["cid", "step", "at"]).groupby("cid"):
        ranks = [rank[s] for s in group.step]
        assert ranks == sorted(ranks), cid


def test_first_mission_follows_readiness(sql):
    assert sql("""
        select count(*) from onboarding_step first
        join onboarding_step ready on ready.caregiver_id = first.caregiver_id and ready.step = 'pret_mission'
        where first.step = 'premiere_mission' and first.status = 'fait'
          and (ready.status <> 'fait' or ready.changed_at > first.changed_at)
    """)[0][0] == 0


def test_nothing_happens_after_today(sql):
    for table, column in [("call", "occurred_at"), ("match_event", "occurred_at"), ("request_event", "occurred_at"),
                          ("onboarding_step", "changed_at"), ("caregiver", "created_at")]:
        assert sql(f'select count(*) from "{table}" where {column} >= ?', [TODAY])[0][0] == 0, table


def test_funnel_drops_off_at_each_stage(sql):
    reached = dict(sql("select stage, count(distinct match_id) from match_event group by stage"))
    counts = [reached.get(s, 0) for s in vocab.MATCH_PATH]
    assert counts[0] > 0 and counts[-1] > 0
    assert all(a >= b for a, b in zip(counts, counts[1:], strict=False))
    assert counts[-1] < 0.25 * counts[0]


def test_pool_is_heavy_in_doctors_then_nurses():
    caregivers = demo.generate(1, 11, TODAY)["caregiver"]
    share = caregivers.profession.value_counts(normalize=True)
    assert share.index[0] == "medecin" and 0.35 < share["medecin"] < 0.5
    assert share.index[1] == "infirmier"
    assert set(share.index) == set(vocab.PROFESSIONS.codes)
    doctors = caregivers[caregivers.profession == "medecin"]
    assert doctors.specialty.value_counts().index[0] == "medecine_generale"
    assert caregivers[caregivers.profession != "medecin"].specialty.isna().all()


def test_identities_are_valid(frames):
    cg = frames["caregiver"]
    assert cg.email.is_unique and (cg.email == cg.email.str.lower()).all()
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in cg.phone)
    rpps = cg[cg.rpps.notna()]
    assert all(len(r) == 11 and validation.luhn_ok(r) for r in rpps.rpps)
    assert rpps.rpps.is_unique
    assert cg[cg.profession.isin(vocab.RPPS_PROFESSIONS)].rpps.notna().all()
    assert cg[cg.profession.isin(["aide_soignant", "ambulancier"])].rpps.isna().all()
    for postcode, dep, region in zip(cg.postcode, cg.departement, cg.region, strict=True):
        assert validation.postcode(postcode) == (postcode, dep, region)


def test_day_rates_vary_by_profession_and_mission_type(sql):
    by_profession = dict(sql("""
        select c.profession, median(m.agreed_day_rate) from match m join caregiver c on c.id = m.caregiver_id
        join request r on r.id = m.request_id
        where m.agreed_day_rate is not null and r.mission_type not in ('stage_m2', 'these') group by 1"""))
    assert by_profession["medecin"] > by_profession.get("infirmier", 0)
    by_type = dict(sql("""select r.mission_type, median(m.agreed_day_rate) from match m
                          join request r on r.id = m.request_id where m.agreed_day_rate is not null group by 1"""))
    assert by_type.get("conseil", 0) > by_type.get("beta_test", 10**6) or "beta_test" not in by_type


def test_every_view_has_something_to_show(sql):
    stalled = sql("""select count(*) from caregiver c where not exists (
        select 1 from onboarding_step s where s.caregiver_id = c.id and s.changed_at > ? - interval 30 day)""",
                  [TODAY])[0][0]
    at_risk = sql("""select count(*) from request r where status in ('nouvelle', 'qualifiee', 'en_recherche')
        and created_at < ? - interval 7 day and not exists (select 1 from match m where m.request_id = r.id)""",
                  [TODAY])[0][0]
    overdue = sql("""select count(*) from call where next_action is not null and not next_action_done
                     and next_action_due < ?""", [TODAY])[0][0]
    assert stalled > 0 and at_risk > 0 and overdue > 0


def test_every_stored_row_passes_the_checks_an_edit_applies(demo_engine):
    """A save checks the fields changed against the rest of the record: a demo row that failed a check would show
    an error on a field nobody touched."""
    from sqlmodel import select

    from hyc import caregivers, matches, models, organisations, requests, validation
    from hyc.validation import FormInvalid

    checks = {
        models.Caregiver: lambda row: caregivers.clean_changes(row, {}, today=TODAY),
        models.Request: lambda row: requests.clean_changes(row, {}),
        models.Match: lambda row: validation.only_changes(
            matches.clean_terms, {name: getattr(row, name) for name in matches.TERMS}, {}),
        models.Organisation: lambda row: organisations.clean_changes(row, {}),
        models.Contact: lambda row: organisations.clean_contact_changes(row, {}),
    }
    refused = []
    with db.session(demo_engine) as session:
        for model, check in checks.items():
            for row in session.exec(select(model)):
                try:
                    check(row)
                except FormInvalid as exc:
                    refused.append((model.__tablename__, row.id, exc.errors))
    assert refused == []


def test_a_first_mission_is_done_exactly_when_a_match_is_finished(demo_engine, sql):
    """One rule, from both sides: the step "première mission faite" and the finished matches (plain SQL)."""
    done = {i for (i,) in sql("select caregiver_id from onboarding_step where step = 'premiere_mission' "
                              "and status = 'fait'")}
    finished = {i for (i,) in sql("select distinct caregiver_id from match where stage = 'terminee'")}
    assert finished and done == finished
    assert sql("select count(*) from onboarding_step where step = 'premiere_mission' and status = 'en_cours'") \
        == [(0,)]
    from hyc import mentoring
    assert mentoring.first_mission_drift(demo_engine).empty
