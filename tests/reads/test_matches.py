"""The Matches page's readers (hyc.reads.matches): each figure equals the same figure computed independently with
pandas over the raw tables."""

import pytest

from hyc import reads, vocab
from hyc.filters import RequestFilter


def test_matches_views(t, demo_engine):
    m = t["match"].merge(t["request"][["id", "mission_type"]].rename(columns={"id": "request_id"}))
    active = m[~m.stage.isin([*vocab.MATCH_EXITS, "terminee"])]
    got = reads.matches.active_matches_by_stage(demo_engine, RequestFilter())
    assert {(r.stage, r.mission_type): r.matches for r in got.itertuples()} == \
        active.groupby(["stage", "mission_type"]).size().to_dict()
    signed_ids = set(t["match_event"][t["match_event"].stage == "contrat_signe"].match_id)
    conversion = reads.matches.conversion_by(demo_engine, RequestFilter(), "mission_type").set_index("mission_type")
    for mission, part in m.groupby("mission_type"):
        assert conversion.loc[mission, "matches"] == len(part)
        assert conversion.loc[mission, "conversion"] == pytest.approx(part.id.isin(signed_ids).mean())
    exits = reads.matches.exits(demo_engine, RequestFilter())
    assert exits.matches.sum() == m.stage.isin(vocab.MATCH_EXITS).sum()

def test_stage_durations(t, demo_engine):
    ev = t["match_event"].sort_values(["match_id", "occurred_at", "id"])
    ev["next"] = ev.groupby("match_id").occurred_at.shift(-1)
    ev["days"] = (ev.next - ev.occurred_at).dt.total_seconds() / 86400
    expected = ev.dropna(subset=["days"]).groupby("stage").days.median()
    got = reads.matches.stage_durations(demo_engine, RequestFilter()).set_index("stage")
    for stage, row in got.iterrows():
        assert row.median_days == pytest.approx(expected[stage])
    assert list(got.index) == [s for s in vocab.MATCH_PATH if s in got.index]
