"""Read side behind the pages: each figure recomputed with pandas over the raw tables of the demo store."""

from datetime import timedelta

import pandas as pd
import pytest

from hyc import db, metrics, vocab
from hyc.filters import CaregiverFilter, RateFilter, RequestFilter
from tests.conftest import TODAY

END = pd.Timestamp(TODAY + timedelta(days=1))


@pytest.fixture(scope="module")
def t(demo_url):
    """Every table of the demo store as a DataFrame, read without hyc.metrics."""
    engine = db.open_store(demo_url)
    with db.raw(engine) as con:
        frames = {name: con.execute(f'select * from "{name}"').df() for name in db.table_counts(engine)}
    engine.dispose()
    return frames


def stages_of(t) -> pd.DataFrame:
    """Per caregiver: last step done on the track, readiness, last progress (pandas)."""
    steps = t["onboarding_step"]
    rank = {s: i for i, s in enumerate(vocab.ONBOARDING_STEPS.codes)}
    done = steps[(steps.status == "fait") & (steps.step != "formation_ia")].copy()
    done["rank"] = done.step.map(rank)
    last = done.sort_values("rank").groupby("caregiver_id").step.last()
    ready = steps[(steps.step == "pret_mission") & (steps.status == "fait")].caregiver_id
    progress = steps[steps.status != "a_faire"].groupby("caregiver_id").changed_at.max()
    cg = t["caregiver"].set_index("id")
    cg["stage"] = last.reindex(cg.index).fillna(vocab.NO_STAGE)
    cg["ready"] = cg.index.isin(ready)
    cg["last_progress_at"] = progress.reindex(cg.index)
    return cg


def test_pool_growth_ends_at_the_pool_size(t, demo_engine):
    growth = metrics.pool_growth(demo_engine)
    pool = t["caregiver"][~t["caregiver"].archived]
    last = growth[growth.month == growth.month.max()]
    assert dict(zip(last.profession, last.caregivers, strict=True)) == pool.profession.value_counts().to_dict()
    first_month = growth.month.min()
    firsts = growth[growth.month == first_month].caregivers.sum()
    joined_first = (pool.created_at.dt.to_period("M").dt.to_timestamp() == first_month).sum()
    assert firsts == joined_first
    # Cumulative: never decreasing per profession.
    for _, part in growth.groupby("profession"):
        assert part.sort_values("month").caregivers.is_monotonic_increasing


def test_headline_trends(t, demo_engine):
    got = metrics.headline_trends(demo_engine, TODAY).set_index("metric")
    cg = t["caregiver"]
    mid = END - pd.Timedelta(days=30)
    start = mid - pd.Timedelta(days=30)
    assert got.loc["pool", "current"] == ((~cg.archived) & (cg.created_at < END)).sum()
    assert got.loc["pool", "previous"] == ((~cg.archived) & (cg.created_at < mid)).sum()
    assert got.loc["new_caregivers", "current"] == cg.created_at.between(mid, END, inclusive="left").sum()
    events = t["match_event"]
    signed = events[events.stage == "contrat_signe"].occurred_at
    assert got.loc["signed", "current"] == signed.between(mid, END, inclusive="left").sum()
    assert got.loc["signed", "previous"] == signed.between(start, mid, inclusive="left").sum()
    req_events = t["request_event"].sort_values("occurred_at")
    as_of_mid = req_events[req_events.occurred_at < mid].groupby("request_id").status.last()
    assert got.loc["open_requests", "previous"] == as_of_mid.isin(vocab.OPEN_REQUEST_STATUSES).sum()
    outcomes = req_events[req_events.status.isin(["pourvue", "annulee", "perdue"])].groupby("request_id").first()
    recent = outcomes[outcomes.occurred_at.between(mid, END, inclusive="left")]
    if len(recent):
        assert got.loc["fill_rate", "current"] == pytest.approx((recent.status == "pourvue").mean())
    requests = t["request"].set_index("id")
    filled = req_events[req_events.status == "pourvue"].groupby("request_id").occurred_at.min()
    filled = filled[filled.between(mid, END, inclusive="left")]
    if len(filled):
        days = (filled - requests.created_at.reindex(filled.index)).dt.total_seconds() / 86400
        assert got.loc["days_to_fill", "current"] == pytest.approx(days.median())


def test_open_requests_by_status_and_age(t, demo_engine):
    got = metrics.open_requests_by_status_and_age(demo_engine, TODAY)
    req = t["request"]
    open_ = req[~req.archived & req.status.isin(vocab.OPEN_REQUEST_STATUSES)]
    age = (pd.Timestamp(TODAY) - open_.created_at.dt.normalize()).dt.days
    bucket = pd.cut(age, [-1, 7, 30, 90, 10**6], labels=["a0_7", "a8_30", "a31_90", "a91"]).astype(str)
    expected = pd.DataFrame({"status": open_.status, "b": bucket}).value_counts().to_dict()
    assert {(r.status, r.age_bucket): r.requests for r in got.itertuples()} == expected


def test_requests_at_risk(t, demo_engine):
    got = metrics.requests_at_risk(demo_engine, TODAY)
    req = t["request"]
    # A candidate who has left (declined, refused, abandoned) no longer counts: the request is at risk again.
    in_the_running = t["match"][~t["match"].stage.isin(vocab.MATCH_EXITS)]
    with_match = set(in_the_running.request_id)
    expected = req[~req.archived & req.status.isin(vocab.OPEN_REQUEST_STATUSES)
                   & (req.created_at < pd.Timestamp(TODAY) - pd.Timedelta(days=7)) & ~req.id.isin(with_match)]
    assert sorted(got.id) == sorted(expected.id)
    assert len(got) > 0 and got.age_days.is_monotonic_decreasing


def test_overdue_actions(t, demo_engine):
    got = metrics.overdue_actions(demo_engine, TODAY)
    calls, sessions = t["call"], t["mentoring_session"]
    late = lambda df: df[df.next_action.notna() & ~df.next_action_done  # noqa: E731
                         & (df.next_action_due < pd.Timestamp(TODAY))]
    assert len(got) == len(late(calls)) + len(late(sessions))
    assert set(got[got.source == "call"].id) == set(late(calls).id)
    assert (got.days_late > 0).all()


def test_supply_demand(t, demo_engine):
    got = metrics.supply_demand(demo_engine)
    req = t["request"]
    open_ = req[~req.archived & req.status.isin(vocab.OPEN_REQUEST_STATUSES)]
    placed = t["match"][t["match"].stage.isin(vocab.MATCH_PLACED)].groupby("request_id").size()
    demand: dict = {}
    for r in open_.itertuples():
        to_fill = max(r.headcount - placed.get(r.id, 0), 0)
        professions = r.professions.split(",")
        specialties = r.specialties.split(",") if isinstance(r.specialties, str) else [None]
        for p in professions:
            for s in specialties:
                demand[(p, s)] = demand.get((p, s), 0) + to_fill / len(professions) / len(specialties)
    cg = stages_of(t)
    ready = cg[cg.ready & ~cg.archived]
    rows = {(r.profession, r.specialty if isinstance(r.specialty, str) else None): r for r in got.itertuples()}
    assert set(rows) == {k for k, v in demand.items() if v > 0}
    for (p, s), row in rows.items():
        assert row.demand == pytest.approx(demand[(p, s)])
        expected_supply = ((ready.profession == p) & ((ready.specialty == s) if s else True)).sum()
        assert row.supply == expected_supply


def caregiver_filter_pandas(cg: pd.DataFrame, f: CaregiverFilter) -> pd.DataFrame:
    keep = ~cg.archived
    if f.professions:
        keep &= cg.profession.isin(f.professions)
    if f.regions:
        keep &= cg.region.isin(f.regions)
    if f.stages:
        keep &= cg.stage.isin(f.stages)
    if f.work_modes:
        keep &= cg.work_mode.isin([*f.work_modes, "les_deux"])
    if f.min_availability:
        keep &= cg.availability_days_per_month >= f.min_availability
    if f.mentors:
        keep &= cg.mentor_id.isin(f.mentors)
    return cg[keep]


@pytest.mark.parametrize("f", [
    CaregiverFilter(),
    CaregiverFilter(professions=("medecin",)),
    CaregiverFilter(professions=("infirmier", "sage_femme"), regions=("11", "84")),
    CaregiverFilter(stages=("pret_mission", "premiere_mission")),
    CaregiverFilter(work_modes=("distanciel",), min_availability=4),
    CaregiverFilter(mentors=(4,), professions=("medecin",)),
])
def test_caregiver_filters(t, demo_engine, f):
    expected = caregiver_filter_pandas(stages_of(t), f)
    assert metrics.caregiver_count(demo_engine, f) == len(expected)
    assert set(metrics.caregivers(demo_engine, f).id) == set(expected.index)
    by_region = metrics.caregiver_counts(demo_engine, f, "region")
    assert dict(zip(by_region.region, by_region.caregivers, strict=True)) == expected.region.value_counts().to_dict()


def test_text_search_ignores_case_and_accents(t, demo_engine):
    cg = t["caregiver"]
    someone = cg[cg.last_name.str.contains("é") & ~cg.archived].iloc[0]
    plain = someone.last_name.replace("é", "e").upper()
    found = metrics.caregivers(demo_engine, CaregiverFilter(text=plain))
    assert someone.id in set(found.id)
    by_phone = metrics.caregivers(demo_engine, CaregiverFilter(text=someone.phone[-6:]))
    assert someone.id in set(by_phone.id)


def test_caregiver_record(t, demo_engine):
    cid = int(t["match"].caregiver_id.iloc[0])
    record = metrics.caregiver_record(demo_engine, cid)
    assert record["profile"].id.iloc[0] == cid
    assert record["steps"].step.tolist() == vocab.ONBOARDING_STEPS.codes
    assert len(record["calls"]) == (t["call"].caregiver_id == cid).sum()
    assert len(record["matches"]) == (t["match"].caregiver_id == cid).sum()
    assert metrics.caregiver_record(demo_engine, 10**9) is None


@pytest.mark.parametrize("f", [
    RequestFilter(),
    RequestFilter(statuses=vocab.OPEN_REQUEST_STATUSES),
    RequestFilter(org_kinds=("startup", "medtech"), mission_types=("conseil", "atelier")),
    RequestFilter(professions=("infirmier",)),
])
def test_requests_table(t, demo_engine, f):
    req = t["request"].merge(t["organisation"][["id", "kind"]].rename(columns={"id": "organisation_id"}))
    keep = ~req.archived
    if f.statuses:
        keep &= req.status.isin(f.statuses)
    if f.org_kinds:
        keep &= req.kind.isin(f.org_kinds)
    if f.mission_types:
        keep &= req.mission_type.isin(f.mission_types)
    if f.professions:
        keep &= req.professions.map(lambda p: bool(set(p.split(",")) & set(f.professions)))
    expected = req[keep]
    got = metrics.requests(demo_engine, f, TODAY)
    assert set(got.id) == set(expected.id) and metrics.request_count(demo_engine, f) == len(expected)
    m = t["match"]
    for row in got.head(20).itertuples():
        mine = m[m.request_id == row.id]
        assert row.placed == mine.stage.isin(vocab.MATCH_PLACED).sum()
        assert row.candidates == len(mine)


def test_request_and_organisation_records(t, demo_engine):
    rid = int(t["match"].request_id.iloc[0])
    record = metrics.request_record(demo_engine, rid)
    assert len(record["matches"]) == (t["match"].request_id == rid).sum()
    assert record["history"].status.iloc[0] == "nouvelle"
    oid = int(record["request"].organisation_id.iloc[0])
    org = metrics.organisation_record(demo_engine, oid)
    assert len(org["requests"]) == (t["request"].organisation_id == oid).sum()
    assert len(org["contacts"]) == (t["contact"].organisation_id == oid).sum()
    assert len(org["calls"]) == (t["call"].organisation_id == oid).sum()


def test_matches_views(t, demo_engine):
    m = t["match"].merge(t["request"][["id", "mission_type"]].rename(columns={"id": "request_id"}))
    active = m[~m.stage.isin([*vocab.MATCH_EXITS, "terminee"])]
    got = metrics.active_matches_by_stage(demo_engine, RequestFilter())
    assert {(r.stage, r.mission_type): r.matches for r in got.itertuples()} == \
        active.groupby(["stage", "mission_type"]).size().to_dict()
    signed_ids = set(t["match_event"][t["match_event"].stage == "contrat_signe"].match_id)
    conversion = metrics.conversion_by(demo_engine, RequestFilter(), "mission_type").set_index("mission_type")
    for mission, part in m.groupby("mission_type"):
        assert conversion.loc[mission, "matches"] == len(part)
        assert conversion.loc[mission, "conversion"] == pytest.approx(part.id.isin(signed_ids).mean())
    exits = metrics.exits(demo_engine, RequestFilter())
    assert exits.matches.sum() == m.stage.isin(vocab.MATCH_EXITS).sum()


def test_stage_durations(t, demo_engine):
    ev = t["match_event"].sort_values(["match_id", "occurred_at", "id"])
    ev["next"] = ev.groupby("match_id").occurred_at.shift(-1)
    ev["days"] = (ev.next - ev.occurred_at).dt.total_seconds() / 86400
    expected = ev.dropna(subset=["days"]).groupby("stage").days.median()
    got = metrics.stage_durations(demo_engine, RequestFilter()).set_index("stage")
    for stage, row in got.iterrows():
        assert row.median_days == pytest.approx(expected[stage])
    assert list(got.index) == [s for s in vocab.MATCH_PATH if s in got.index]


def test_mentoring_views(t, demo_engine):
    cg = stages_of(t)
    pool = cg[~cg.archived]
    completion = metrics.step_completion(demo_engine, CaregiverFilter()).set_index("step")
    steps = t["onboarding_step"]
    steps = steps[steps.caregiver_id.isin(pool.index)]
    for step, part in steps.groupby("step"):
        assert completion.loc[step, "share"] == pytest.approx((part.status == "fait").mean())
    stalled = metrics.stalled(demo_engine, CaregiverFilter(), TODAY)
    since = pool.last_progress_at.fillna(pool.created_at)
    expected = pool[~pool.ready & (since < pd.Timestamp(TODAY) - pd.Timedelta(days=30))]
    assert set(stalled.id) == set(expected.index) and len(stalled) > 0
    ready = metrics.time_to_ready(demo_engine, CaregiverFilter()).set_index("profession")
    first_call = t["call"].dropna(subset=["caregiver_id"]).groupby("caregiver_id").occurred_at.min()
    ready_at = steps[(steps.step == "pret_mission") & (steps.status == "fait")].set_index("caregiver_id").changed_at
    both = pd.DataFrame({"first": first_call, "ready": ready_at}).dropna()
    both = both[both.ready >= both["first"]]
    both["profession"] = pool.profession.reindex(both.index)
    both["days"] = (both.ready - both["first"]).dt.total_seconds() / 86400
    for profession, part in both.dropna(subset=["profession"]).groupby("profession"):
        assert ready.loc[profession, "median_days"] == pytest.approx(part.days.median())


def test_next_actions_for_one_mentor(t, demo_engine):
    got = metrics.next_actions(demo_engine, TODAY, 7, 4)
    horizon = pd.Timestamp(TODAY) + pd.Timedelta(days=7)
    sessions = t["mentoring_session"]
    calls = t["call"]
    due = lambda df, who: df[df.next_action.notna() & ~df.next_action_done  # noqa: E731
                             & (df.next_action_due <= horizon) & (df[who] == 4)]
    assert len(got) == len(due(sessions, "mentor_id")) + len(due(calls, "member_id"))
    assert got.overdue.tolist() == [d < pd.Timestamp(TODAY) for d in pd.to_datetime(got.due)]


@pytest.mark.parametrize("by", ["profession", "specialty", "mission_type"])
def test_rate_summary(t, demo_engine, by):
    m = t["match"].merge(t["caregiver"][["id", "profession", "specialty"]].rename(columns={"id": "caregiver_id"}))
    m = m.merge(t["request"][["id", "mission_type"]].rename(columns={"id": "request_id"}))
    rated = m.dropna(subset=["agreed_day_rate", by])
    got = metrics.rate_summary(demo_engine, RateFilter(), by).set_index(by)
    for key, part in rated.groupby(by):
        rates = part.agreed_day_rate.astype(float)
        assert got.loc[key, "n"] == len(part)
        assert got.loc[key, "median"] == pytest.approx(rates.median())
        assert got.loc[key, "q1"] == pytest.approx(rates.quantile(0.25))
        assert got.loc[key, "q3"] == pytest.approx(rates.quantile(0.75))
    doctors = metrics.rate_summary(demo_engine, RateFilter(professions=("medecin",)), "profession")
    assert doctors.profession.tolist() == ["medecin"]
