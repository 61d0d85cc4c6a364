"""The pivot (hyc.reads.pivot): each measure by its dimensions equals the same figure computed with pandas over
the raw tables."""

import pandas as pd
import pytest

from hyc import reads
from hyc.filters import CaregiverFilter


def as_dict(frame: pd.DataFrame, keys: list[str]) -> dict:
    return {tuple(row[k] for k in keys): row["value"] for _, row in frame.iterrows()}


def test_caregivers_by_specialty_and_region_with_the_pool_s_filters(t, demo_engine):
    doctors = CaregiverFilter(professions=("medecin",))
    got = reads.pivot.pivot(demo_engine, "caregivers", ("specialty", "region"), doctors)
    cg = t["caregiver"]
    kept = cg[~cg.archived & (cg.profession == "medecin")]
    expected = kept.groupby(["specialty", "region"], dropna=False).size()
    assert as_dict(got, ["specialty", "region"]) == {
        (None if pd.isna(s) else s, None if pd.isna(r) else r): n for (s, r), n in expected.items()}
    assert got.value.is_monotonic_decreasing


def test_requests_by_mission_type_and_kind_of_organisation(t, demo_engine):
    got = reads.pivot.pivot(demo_engine, "requests", ("mission_type", "org_kind"), CaregiverFilter())
    joined = t["request"].merge(t["organisation"][["id", "kind"]].rename(columns={"id": "organisation_id"}))
    expected = joined[~joined.archived].groupby(["mission_type", "kind"]).size()
    assert as_dict(got, ["mission_type", "org_kind"]) == expected.to_dict()


def test_median_agreed_rate_by_profession_counts_signed_contracts_only(t, demo_engine):
    got = reads.pivot.pivot(demo_engine, "median_rate", ("profession",), CaregiverFilter())
    cg = t["caregiver"].rename(columns={"id": "caregiver_id"})
    joined = t["match"].merge(cg[["caregiver_id", "profession", "archived"]])
    signed = joined.stage.isin(["contrat_signe", "en_mission", "terminee"])
    assert (joined.agreed_day_rate.notna() & ~signed).any()  # rates on unsigned matches exist, and are left out
    rated = joined[~joined.archived & joined.agreed_day_rate.notna() & signed]
    expected = rated.groupby("profession").agreed_day_rate.median()
    assert as_dict(got, ["profession"]) == pytest.approx({(k,): v for k, v in expected.items()})


def test_contracts_signed_by_month_of_signature(t, demo_engine):
    got = reads.pivot.pivot(demo_engine, "signed", ("month",), CaregiverFilter())
    events = t["match_event"]
    first = events[events.stage == "contrat_signe"].groupby("match_id").occurred_at.min()
    matches = t["match"].set_index("id")
    archived = t["caregiver"].set_index("id").archived
    kept = first[~archived.reindex(matches.caregiver_id.reindex(first.index)).to_numpy()]
    expected = kept.dt.strftime("%Y-%m").value_counts()
    assert as_dict(got, ["month"]) == {(m,): n for m, n in expected.items()} and len(got) > 3


def test_a_dimension_the_measure_has_not_is_refused():
    with pytest.raises(ValueError):
        reads.pivot.pivot(None, "requests", ("profession",), CaregiverFilter())
    with pytest.raises(ValueError):
        reads.pivot.pivot(None, "caregivers", ("profession", "region", "stage"), CaregiverFilter())


def test_distinct_caregivers_of_the_matches_by_match_stage_and_profession(sql, demo_engine):
    """Each caregiver once per cell: by match stage, 'terminee' counts those who have done a mission."""
    got = reads.pivot.pivot(demo_engine, "match_caregivers", ("match_stage", "profession"), CaregiverFilter())
    expected = dict(((stage, profession), n) for stage, profession, n in sql("""
        select m.stage, c.profession, count(distinct m.caregiver_id)
        from match m join caregiver c on c.id = m.caregiver_id where not c.archived group by 1, 2"""))
    assert as_dict(got, ["match_stage", "profession"]) == expected
    rows = dict(((stage, profession), n) for stage, profession, n in sql("""
        select m.stage, c.profession, count(*) from match m join caregiver c on c.id = m.caregiver_id
        where not c.archived group by 1, 2"""))
    assert any(rows[key] > n for key, n in expected.items())  # not the rows: someone has two matches in one cell
    done = reads.pivot.pivot(demo_engine, "match_caregivers", ("match_stage",), CaregiverFilter())
    finished = sql("""select count(distinct caregiver_id) from match where stage = 'terminee'
                      and caregiver_id in (select id from caregiver where not archived)""")[0][0]
    assert as_dict(done, ["match_stage"])[("terminee",)] == finished > 0


def test_the_pivot_takes_the_missions_done_filter(sql, demo_engine):
    got = reads.pivot.pivot(demo_engine, "caregivers", ("profession",), CaregiverFilter(min_missions_done=1))
    expected = dict(sql("""select profession, count(*) from caregiver where not archived and id in
                           (select caregiver_id from match where stage = 'terminee') group by 1"""))
    assert as_dict(got, ["profession"]) == {(p,): n for p, n in expected.items()} and expected
