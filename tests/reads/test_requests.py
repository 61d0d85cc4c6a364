"""The requests table (hyc.reads.requests): each figure equals the same figure computed independently with
pandas over the raw tables."""

import pytest

from hyc import reads, vocab
from hyc.filters import RequestFilter
from hyc.reads.common import TABLE_ROW_LIMIT
from tests.conftest import TODAY


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
    got = reads.requests.requests(demo_engine, f, TODAY, limit=None)
    assert set(got.id) == set(expected.id) and reads.requests.request_count(demo_engine, f) == len(expected)
    assert len(reads.requests.requests(demo_engine, f, TODAY)) == min(len(expected), TABLE_ROW_LIMIT)
    m = t["match"]
    for row in got.head(20).itertuples():
        mine = m[m.request_id == row.id]
        assert row.placed == mine.stage.isin(vocab.MATCH_PLACED).sum()
        assert row.candidates == len(mine)
