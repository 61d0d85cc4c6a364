"""Agreed day rates by profession, specialty or mission type."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import RateFilter

RATE_DIMENSIONS = {"profession": "c.profession", "specialty": "c.specialty", "mission_type": "r.mission_type"}


def agreed_rates(engine: Engine, f: RateFilter) -> pd.DataFrame:
    """Every agreed day rate with what it depends on."""
    where, params = f.where()
    return db.read_df(engine, f"""
        select m.agreed_day_rate, c.profession, c.specialty, r.mission_type
        from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where {where}
    """, params)


def rate_summary(engine: Engine, f: RateFilter, by: str) -> pd.DataFrame:
    """Quartiles of agreed day rates per profession, specialty or mission type, with their counts."""
    column = RATE_DIMENSIONS[by]
    where, params = f.where()
    return db.read_df(engine, f"""
        select {column} as {by}, count(*) as n,
               quantile_cont(m.agreed_day_rate, 0.25) as q1, median(m.agreed_day_rate) as median,
               quantile_cont(m.agreed_day_rate, 0.75) as q3,
               min(m.agreed_day_rate) as min, max(m.agreed_day_rate) as max
        from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        where {where} and {column} is not null
        group by all order by median desc
    """, params)
