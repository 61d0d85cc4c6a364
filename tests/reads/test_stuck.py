"""Stuck work (hyc.reads.stuck): the matches and requests beyond their threshold, computed again with pandas over
the raw tables."""

import pandas as pd
import pytest

from hyc import config, reads, vocab
from tests.conftest import TODAY

LIMITS = ((("suggeree", 5), ("contactee", 7), ("proposee_client", 10)), (("nouvelle", 3), ("en_recherche", 14)))


def expected_stuck(t, limits, owner_id=None) -> set[tuple]:
    match_days, request_days = dict(limits[0]), dict(limits[1])
    requests = t["request"].set_index("id")
    live = requests[~requests.archived & ~requests.status.isin(["terminee", "annulee", "perdue"])]
    today = pd.Timestamp(TODAY)
    matches = t["match"].set_index("id")
    events = t["match_event"]
    at_stage = events.merge(matches[["stage"]], left_on="match_id", right_index=True)
    entered = at_stage[at_stage.stage_x == at_stage.stage_y].groupby("match_id").occurred_at.max()
    since = entered.reindex(matches.index).fillna(matches.created_at)
    age = (today - since.dt.normalize()).dt.days
    limit = matches.stage.map(match_days)
    out = {("match", int(r), int(m)) for m, r in matches[(age >= limit) & matches.request_id.isin(live.index)]
           .request_id.items()}
    age = (today - live.status_changed_at.dt.normalize()).dt.days
    out |= {("request", int(r), None) for r in live[age >= live.status.map(request_days)].index}
    if owner_id is not None:
        out = {row for row in out if requests.owner_id.get(row[1]) == owner_id}
    return out


def rows(got) -> set[tuple]:
    return {(k, int(r), None if pd.isna(m) else int(m)) for k, r, m in zip(got.kind, got.request_id, got.match_id,
                                                                          strict=True)}


def test_stuck_work_is_what_waited_beyond_its_threshold(t, demo_engine):
    got = reads.stuck.stuck_work(demo_engine, TODAY, limits=LIMITS)
    assert rows(got) == expected_stuck(t, LIMITS)
    assert {"match", "request"} <= set(got.kind)
    assert (got.age_days >= got.limit_days).all()
    beyond = got.age_days - got.limit_days
    assert beyond.is_monotonic_decreasing  # the longest beyond its threshold first
    names = t["team_member"].set_index("id").full_name
    assert (got.owner.fillna("") == got.owner_id.map(names).fillna("")).all()


def test_one_owner_s_stuck_work(t, demo_engine):
    got = reads.stuck.stuck_work(demo_engine, TODAY, 4, limits=LIMITS)
    assert rows(got) == expected_stuck(t, LIMITS, owner_id=4) and len(got) > 0
    assert set(got.owner_id) == {4}


def test_a_stage_without_threshold_is_never_listed(demo_engine):
    got = reads.stuck.stuck_work(demo_engine, TODAY, limits=((("suggeree", 5),), ()))
    assert set(got.state) == {"suggeree"} and set(got.kind) == {"match"}


def test_thresholds_come_from_the_settings(monkeypatch, demo_engine):
    monkeypatch.setenv("HYC_STUCK_MATCH_DAYS", "contactee=1")
    monkeypatch.setenv("HYC_STUCK_REQUEST_DAYS", "qualifiee=2")
    got = reads.stuck.stuck_work(demo_engine, TODAY)
    assert set(got.state) == {"contactee", "qualifiee"}
    assert (got.limit_days == got.kind.map({"match": 1, "request": 2})).all()


@pytest.mark.parametrize("value", ["suggeree=0", "suggeree=x", "inconnue=3", "suggeree", "suggeree=99999"])
def test_a_wrong_threshold_setting_is_refused_with_its_name(monkeypatch, value):
    monkeypatch.setenv("HYC_STUCK_MATCH_DAYS", value)
    with pytest.raises(ValueError, match="HYC_STUCK_MATCH_DAYS"):
        config.load()


def test_the_default_thresholds_name_real_stages_and_statuses(monkeypatch):
    for name in ("HYC_STUCK_MATCH_DAYS", "HYC_STUCK_REQUEST_DAYS"):
        monkeypatch.delenv(name, raising=False)
    settings = config.load()
    assert {code for code, _ in settings.stuck_match_days} <= set(vocab.MATCH_PATH) - set(vocab.MATCH_PLACED[1:])
    assert {code for code, _ in settings.stuck_request_days} <= set(vocab.OPEN_REQUEST_STATUSES)
