"""Stuck work: matches and requests that have waited in one stage or status longer than its threshold (settings
HYC_STUCK_MATCH_DAYS and HYC_STUCK_REQUEST_DAYS), each with its owner (the request's) and its age."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from hyc import config, db, vocab
from hyc.reads.common import in_list

# A request that ended (done, cancelled, lost) has no work left waiting on it.
ENDED = in_list(("terminee", *vocab.CLOSED_REQUEST_EXITS))


def thresholds() -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """The days allowed per match stage and per request status, as the settings say now."""
    settings = config.load()
    return settings.stuck_match_days, settings.stuck_request_days


def stuck_work(engine: Engine, today: date, owner_id: int | None = None,
               limits: tuple | None = None) -> pd.DataFrame:
    """Every match and request of a live request whose age in its stage or status (whole days since it entered
    it, as of `today`) has reached the threshold: of one owner or everyone's, the longest beyond it first.
    `limits` (match days, request days) default to the settings."""
    match_days, request_days = limits or thresholds()
    params = [[c for c, _ in match_days], [d for _, d in match_days],
              [c for c, _ in request_days], [d for _, d in request_days], today, owner_id, owner_id]
    return db.read_df(engine, f"""
        with match_limit as (select unnest(?::varchar[]) as code, unnest(?::integer[]) as days),
        request_limit as (select unnest(?::varchar[]) as code, unnest(?::integer[]) as days),
        waiting as (  -- a match entered its stage with its latest event, the one not yet left (progress.SPANS)
            select 'match' as kind, m.request_id, m.id as match_id, m.caregiver_id,
                   c.first_name || ' ' || c.last_name as caregiver, m.stage as state,
                   coalesce(e.occurred_at, m.created_at) as since, l.days as limit_days
            from match m join match_limit l on l.code = m.stage
            join caregiver c on c.id = m.caregiver_id
            left join match_event e on e.match_id = m.id and e.left_at is null and e.stage = m.stage
            union all
            select 'request', r.id, null, null, null, r.status, r.status_changed_at, l.days
            from request r join request_limit l on l.code = r.status
        )
        select w.kind, w.request_id, w.match_id, w.caregiver_id, w.caregiver, r.title, o.name as organisation,
               w.state, w.limit_days, age_days, r.owner_id, tm.full_name as owner
        from waiting w join request r on r.id = w.request_id
        join organisation o on o.id = r.organisation_id
        left join team_member tm on tm.id = r.owner_id,
        lateral (select date_diff('day', w.since::date, ?::date) as age_days)
        where not r.archived and r.status not in {ENDED} and age_days >= w.limit_days and (? is null or r.owner_id = ?)
        order by age_days - w.limit_days desc, age_days desc, w.request_id, w.match_id nulls first
    """, params)
