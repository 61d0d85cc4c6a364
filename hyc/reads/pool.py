"""The talent pool: caregivers a filter keeps, and their counts by profession, specialty, region, département."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import CAREGIVER_VIEW, CaregiverFilter
from hyc.reads.common import TABLE_ROW_LIMIT


def caregivers(engine: Engine, f: CaregiverFilter, limit: int = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """The caregivers a filter keeps, most recent first (at most `limit` rows)."""
    where, params = f.where()
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW}
        select c.id, c.first_name, c.last_name, c.profession, c.specialty, c.region, c.departement,
               c.practice_setting, c.availability_days_per_month, c.work_mode, c.digital_appetite, c.stage,
               c.mentor, c.expected_day_rate, c.phone, c.email
        from c where {where}
        order by c.created_at desc, c.id desc limit {int(limit)}
    """, params)


def caregiver_count(engine: Engine, f: CaregiverFilter) -> int:
    where, params = f.where()
    return int(db.scalar(engine, f"with {CAREGIVER_VIEW} select count(*) from c where {where}", params))


CAREGIVER_DIMENSIONS = {"profession": "c.profession", "specialty": "c.specialty", "region": "c.region",
                        "departement": "c.departement", "stage": "c.stage", "mentor": "c.mentor"}


def caregiver_counts(engine: Engine, f: CaregiverFilter, by: str) -> pd.DataFrame:
    """Caregivers a filter keeps, counted per value of one dimension, largest first."""
    column = CAREGIVER_DIMENSIONS[by]
    where, params = f.where()
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW}
        select {column} as {by}, count(*) as caregivers from c where {where} and {column} is not null
        group by all order by caregivers desc, {by}
    """, params)
