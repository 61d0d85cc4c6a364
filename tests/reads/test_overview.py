"""The Overview's readers (hyc.reads.overview): each figure equals the same figure computed independently with
pandas over the raw tables."""

import pandas as pd
import pytest

from hyc import reads, schema, vocab
from tests.conftest import TODAY
from tests.reads.conftest import END, frame, stages_of


def test_headline(demo_engine):
    caregivers = frame(demo_engine, "caregiver")
    steps = frame(demo_engine, "onboarding_step")
    requests = frame(demo_engine, "request")
    matches = frame(demo_engine, "match")
    events = frame(demo_engine, "match_event")
    pool = caregivers[~caregivers.archived]
    ready_ids = set(steps[(steps.step == "pret_mission") & (steps.status == "fait")].caregiver_id)
    expected = {
        "pool": len(pool),
        "ready": int(pool.id.isin(ready_ids).sum()),
        "open_requests": int((~requests.archived & requests.status.isin(vocab.OPEN_REQUEST_STATUSES)).sum()),
        "active_matches": int((~matches.stage.isin([*vocab.MATCH_EXITS, "terminee"])).sum()),
        "signed": events[events.stage == "contrat_signe"].match_id.nunique(),
    }
    assert reads.overview.headline(demo_engine) == expected

def test_pool_by_profession(demo_engine):
    caregivers = frame(demo_engine, "caregiver")
    expected = caregivers[~caregivers.archived].profession.value_counts()
    got = reads.overview.pool_by_profession(demo_engine).set_index("profession").caregivers
    assert got.to_dict() == expected.to_dict()
    assert got.is_monotonic_decreasing

def test_open_requests_by_status(demo_engine):
    requests = frame(demo_engine, "request")
    open_ = requests[~requests.archived & requests.status.isin(vocab.OPEN_REQUEST_STATUSES)]
    got = reads.overview.open_requests_by_status(demo_engine)
    assert dict(zip(got.status, got.requests, strict=True)) == open_.status.value_counts().to_dict()
    order = list(vocab.OPEN_REQUEST_STATUSES)
    assert [order.index(s) for s in got.status] == sorted(order.index(s) for s in got.status)

def test_match_funnel(demo_engine):
    events = frame(demo_engine, "match_event")
    got = reads.overview.match_funnel(demo_engine)
    assert got.stage.tolist() == list(vocab.MATCH_PATH)
    for row in got.itertuples():
        assert row.reached == events[events.stage == row.stage].match_id.nunique()
    second = got.iloc[1]
    assert second.conversion == second.reached / got.iloc[0].reached
    assert pd.isna(got.iloc[0].conversion)

def test_empty_store_gives_zeros_and_empty_frames(empty_url):
    engine = schema.open_store(empty_url)
    zeros = dict.fromkeys(["pool", "ready", "open_requests", "active_matches", "signed"], 0)
    assert reads.overview.headline(engine) == zeros
    assert reads.overview.pool_by_profession(engine).empty
    assert reads.overview.open_requests_by_status(engine).empty
    assert reads.overview.match_funnel(engine).reached.sum() == 0
    engine.dispose()

def test_pool_growth_ends_at_the_pool_size(t, demo_engine):
    growth = reads.overview.pool_growth(demo_engine)
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
    got = reads.overview.headline_trends(demo_engine, TODAY).set_index("metric")
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
    got = reads.overview.open_requests_by_status_and_age(demo_engine, TODAY)
    req = t["request"]
    open_ = req[~req.archived & req.status.isin(vocab.OPEN_REQUEST_STATUSES)]
    age = (pd.Timestamp(TODAY) - open_.created_at.dt.normalize()).dt.days
    bucket = pd.cut(age, [-1, 7, 30, 90, 10**6], labels=["a0_7", "a8_30", "a31_90", "a91"]).astype(str)
    expected = pd.DataFrame({"status": open_.status, "b": bucket}).value_counts().to_dict()
    assert {(r.status, r.age_bucket): r.requests for r in got.itertuples()} == expected

def test_requests_at_risk(t, demo_engine):
    got = reads.overview.requests_at_risk(demo_engine, TODAY)
    req = t["request"]
    # A candidate who has left (declined, refused, abandoned) no longer counts: the request is at risk again.
    in_the_running = t["match"][~t["match"].stage.isin(vocab.MATCH_EXITS)]
    with_match = set(in_the_running.request_id)
    expected = req[~req.archived & req.status.isin(vocab.OPEN_REQUEST_STATUSES)
                   & (req.created_at < pd.Timestamp(TODAY) - pd.Timedelta(days=7)) & ~req.id.isin(with_match)]
    assert sorted(got.id) == sorted(expected.id)
    assert len(got) > 0 and got.age_days.is_monotonic_decreasing

def test_supply_demand(t, demo_engine):
    got = reads.overview.supply_demand(demo_engine)
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
