"""Agreed day rates (hyc.reads.rates): each figure equals the same figure computed independently with
pandas over the raw tables."""

import pytest

from hyc import reads
from hyc.filters import RateFilter


@pytest.mark.parametrize("by", ["profession", "specialty", "mission_type"])
def test_rate_summary(t, demo_engine, by):
    m = t["match"].merge(t["caregiver"][["id", "profession", "specialty"]].rename(columns={"id": "caregiver_id"}))
    m = m.merge(t["request"][["id", "mission_type"]].rename(columns={"id": "request_id"}))
    rated = m.dropna(subset=["agreed_day_rate", by])
    got = reads.rates.rate_summary(demo_engine, RateFilter(), by).set_index(by)
    for key, part in rated.groupby(by):
        rates = part.agreed_day_rate.astype(float)
        assert got.loc[key, "n"] == len(part)
        assert got.loc[key, "median"] == pytest.approx(rates.median())
        assert got.loc[key, "q1"] == pytest.approx(rates.quantile(0.25))
        assert got.loc[key, "q3"] == pytest.approx(rates.quantile(0.75))
    doctors = reads.rates.rate_summary(demo_engine, RateFilter(professions=("medecin",)), "profession")
    assert doctors.profession.tolist() == ["medecin"]


def test_the_pool_s_expected_rates_per_profession_and_per_mission_wanted(t, demo_engine):
    cg = t["caregiver"]
    pool = cg[~cg.archived & cg.expected_day_rate.notna()]
    by_profession = reads.rates.expected_rate_summary(demo_engine, RateFilter(), "profession").set_index("profession")
    expected = pool.groupby("profession").expected_day_rate.agg(["size", "median"])
    assert by_profession.n.to_dict() == expected["size"].to_dict()
    assert by_profession["median"].to_dict() == expected["median"].astype(float).to_dict()
    wanted = pool.assign(wanted=pool.mission_types.fillna("").str.split(",")).explode("wanted")
    wanted = wanted[wanted.wanted != ""]
    by_mission = reads.rates.expected_rate_summary(demo_engine, RateFilter(mission_types=("these",)),
                                                   "mission_type")
    assert by_mission.set_index("mission_type").n.to_dict() == {"these": int((wanted.wanted == "these").sum())}
