"""The records a row opens (hyc.reads.records): each figure equals the same figure computed independently with
pandas over the raw tables."""


from hyc import reads, vocab


def test_caregiver_record(t, demo_engine):
    cid = int(t["match"].caregiver_id.iloc[0])
    record = reads.records.caregiver_record(demo_engine, cid)
    assert record["profile"].id.iloc[0] == cid
    assert record["steps"].step.tolist() == vocab.ONBOARDING_STEPS.codes
    assert len(record["calls"]) == (t["call"].caregiver_id == cid).sum()
    assert len(record["matches"]) == (t["match"].caregiver_id == cid).sum()
    assert reads.records.caregiver_record(demo_engine, 10**9) is None

def test_request_and_organisation_records(t, demo_engine):
    rid = int(t["match"].request_id.iloc[0])
    record = reads.records.request_record(demo_engine, rid)
    assert len(record["matches"]) == (t["match"].request_id == rid).sum()
    assert record["history"].status.iloc[0] == "nouvelle"
    oid = int(record["request"].organisation_id.iloc[0])
    org = reads.records.organisation_record(demo_engine, oid)
    assert len(org["requests"]) == (t["request"].organisation_id == oid).sum()
    assert len(org["contacts"]) == (t["contact"].organisation_id == oid).sum()
    assert len(org["calls"]) == (t["call"].organisation_id == oid).sum()
