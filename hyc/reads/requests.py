"""Requests (besoins) a filter keeps, with their age, headcount filled and candidates per stage."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.filters import RequestFilter
from hyc.reads.common import EXITS, OPEN, PLACED, TABLE_ROW_LIMIT, limit_clause


def requests(engine: Engine, f: RequestFilter, today: date, limit: int | None = TABLE_ROW_LIMIT
             ) -> pd.DataFrame:
    """Requests a filter keeps, with their age and their candidates by stage, oldest open first (at most `limit`,
    every one with None)."""
    where, params = f.where()
    return db.read_df(engine, f"""
        select r.id, r.title, o.name as organisation, o.kind as org_kind, r.organisation_id, r.mission_type,
               r.professions, r.status, r.status in {OPEN} as is_open, r.priority, tm.full_name as owner,
               date_diff('day', r.created_at::date, ?::date) as age_days, r.headcount,
               count(m.id) filter (where m.stage in {PLACED}) as placed,
               count(m.id) filter (where m.stage in ('suggeree', 'contactee', 'interessee')) as sourcing,
               count(m.id) filter (where m.stage in ('proposee_client', 'entretien')) as with_client,
               count(m.id) filter (where m.stage in {EXITS}) as exited,
               count(m.id) as candidates
        from request r join organisation o on o.id = r.organisation_id
        left join team_member tm on tm.id = r.owner_id
        left join match m on m.request_id = r.id
        where {where}
        group by all
        order by is_open desc, age_days desc, r.id
        {limit_clause(limit)}
    """, [today, *params])


def request_count(engine: Engine, f: RequestFilter) -> int:
    where, params = f.where()
    return int(db.scalar(engine, f"""select count(*) from request r join organisation o on o.id = r.organisation_id
                                     where {where}""", params))


def open_titles(engine: Engine) -> pd.DataFrame:
    """Open requests to pick one by: "title · organisation", newest first."""
    return db.read_df(engine, f"""
        select r.id, concat_ws(' · ', r.title, o.name) as label
        from request r join organisation o on o.id = r.organisation_id
        where r.status in {OPEN} and not r.archived order by r.created_at desc, r.id desc
    """)
