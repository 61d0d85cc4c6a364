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
