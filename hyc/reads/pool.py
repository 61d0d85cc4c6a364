"""The talent pool: caregivers a filter keeps, and their counts by profession, specialty, region, département."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import CAREGIVER_VIEW, MISSIONS_DONE, CaregiverFilter
from hyc.reads.common import TABLE_ROW_LIMIT, limit_clause

# How the talent pool can be sorted: each order ends on the id, so that equal rows keep one order. An order names
# only columns that `caregivers` keeps while it picks the rows.
ORDERS = {
    "recent": "c.created_at desc, c.id desc",
    "name": "c.last_name, c.first_name, c.id",
    "availability": "c.availability_days_per_month desc nulls last, c.id",
    "rate": "c.expected_day_rate asc nulls last, c.id",
    "missions_done": "missions_done desc, c.id",
}


def caregivers(engine: Engine, f: CaregiverFilter, order: str = "recent",
               limit: int | None = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """The caregivers a filter keeps, in one of ORDERS (at most `limit` rows, every one with None), with the
    missions they have done (their finished matches: hyc.filters.MISSIONS_DONE)."""
    where, params = f.where()
    # The rows kept are found on the few columns the filter and the order need, and only they are then read whole:
    # joining every caregiver's row, text and all, before keeping the first 200 took twice as long at scale 50.
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW},
        done as ({MISSIONS_DONE}),
        kept as (select c.id, c.created_at, c.last_name, c.first_name, c.availability_days_per_month,
                        c.expected_day_rate, coalesce(done.missions_done, 0) as missions_done, c.stage, c.mentor
                 from c left join done on done.caregiver_id = c.id
                 where {where}
                 order by {ORDERS[order]} {limit_clause(limit)})
        select c.id, c.first_name, c.last_name, cg.profession, cg.specialty, cg.region, cg.departement,
               cg.practice_setting, c.availability_days_per_month, cg.work_mode, cg.digital_appetite, c.stage,
               c.mentor, c.expected_day_rate, c.missions_done, cg.mission_types, cg.phone, cg.email
        from kept c join caregiver cg on cg.id = c.id
        order by {ORDERS[order]}
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


def named(engine: Engine, ids: tuple[int, ...]) -> pd.DataFrame:
    """Caregivers by id, in the order given (erased ones left out), to show in a short list."""
    if not ids:
        return pd.DataFrame(columns=["id", "name", "profession", "specialty", "departement", "archived"])
    return db.read_df(engine, """
        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.profession, c.specialty, c.departement,
               c.archived
        from caregiver c join unnest(?::integer[]) with ordinality as picked(id, n) on picked.id = c.id
        where c.erased_at is null order by picked.n
    """, [list(ids)])
