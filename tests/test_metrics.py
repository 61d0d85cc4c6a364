"""Read side: each figure equals the same figure computed independently with pandas over the raw tables."""

import pandas as pd

from hyc import db, metrics, vocab


def frame(demo_engine, name):
    """A whole table, read without hyc.metrics."""
    with db.raw(demo_engine) as con:
        return con.execute(f'select * from "{name}"').df()


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
    assert metrics.headline(demo_engine) == expected


def test_pool_by_profession(demo_engine):
    caregivers = frame(demo_engine, "caregiver")
    expected = caregivers[~caregivers.archived].profession.value_counts()
    got = metrics.pool_by_profession(demo_engine).set_index("profession").caregivers
    assert got.to_dict() == expected.to_dict()
    assert got.is_monotonic_decreasing


def test_open_requests_by_status(demo_engine):
    requests = frame(demo_engine, "request")
    open_ = requests[~requests.archived & requests.status.isin(vocab.OPEN_REQUEST_STATUSES)]
    got = metrics.open_requests_by_status(demo_engine)
    assert dict(zip(got.status, got.requests, strict=True)) == open_.status.value_counts().to_dict()
    order = list(vocab.OPEN_REQUEST_STATUSES)
    assert [order.index(s) for s in got.status] == sorted(order.index(s) for s in got.status)


def test_match_funnel(demo_engine):
    events = frame(demo_engine, "match_event")
    got = metrics.match_funnel(demo_engine)
    assert got.stage.tolist() == list(vocab.MATCH_PATH)
    for row in got.itertuples():
        assert row.reached == events[events.stage == row.stage].match_id.nunique()
    second = got.iloc[1]
    assert second.conversion == second.reached / got.iloc[0].reached
    assert pd.isna(got.iloc[0].conversion)


def test_empty_store_gives_zeros_and_empty_frames(empty_url):
    engine = db.open_store(empty_url)
    assert metrics.headline(engine) == dict.fromkeys(["pool", "ready", "open_requests", "active_matches", "signed"], 0)
    assert metrics.pool_by_profession(engine).empty
    assert metrics.open_requests_by_status(engine).empty
    assert metrics.match_funnel(engine).reached.sum() == 0
    engine.dispose()
