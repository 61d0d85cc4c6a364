"""Mentoring: onboarding completion, caregivers per stage, the stalled, time to readiness, next actions."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Engine

from hyc import db, vocab
from hyc.filters import CAREGIVER_VIEW, CaregiverFilter
from hyc.reads.common import OPEN, TABLE_ROW_LIMIT, limit_clause, ordered
from hyc.reads.pool import caregiver_counts

# A caregiver whose onboarding has not moved for this many days is stalled.
STALLED_DAYS = 30


def step_completion(engine: Engine, f: CaregiverFilter) -> pd.DataFrame:
    """Per onboarding step: caregivers (kept by the filter) who did it, and their share."""
    where, params = f.where()
    df = db.read_df(engine, f"""
        with {CAREGIVER_VIEW}
        select s.step, count(*) filter (where s.status = 'fait') as done, count(*) as caregivers,
               done / count(*) as share
        from onboarding_step s join c on c.id = s.caregiver_id
        where {where}
        group by s.step
    """, params)
    return ordered(df, "step", vocab.ONBOARDING_STEPS.codes)


def caregivers_per_stage(engine: Engine, f: CaregiverFilter) -> pd.DataFrame:
    df = caregiver_counts(engine, f, "stage")
    return ordered(df, "stage", vocab.CAREGIVER_STAGES.codes)


# Not yet ready for a mission, and the onboarding has not moved for STALLED_DAYS days (over CAREGIVER_VIEW `c`,
# the day as the next parameter).
IS_STALLED = f"""(not c.ready and coalesce(c.last_progress_at, c.created_at) < ?::date - interval {STALLED_DAYS} day)"""


def stalled(engine: Engine, f: CaregiverFilter, today: date, limit: int | None = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """Caregivers not yet ready for a mission whose onboarding has not moved for STALLED_DAYS days, the longest
    idle first (at most `limit`; every one with None)."""
    where, params = f.where()
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW}
        select c.id, c.first_name, c.last_name, c.profession, c.stage, c.mentor,
               coalesce(c.last_progress_at, c.created_at) as last_progress_at,
               date_diff('day', coalesce(c.last_progress_at, c.created_at)::date, ?::date) as idle_days
        from c
        where {where} and {IS_STALLED}
        order by idle_days desc, c.id {limit_clause(limit)}
    """, [today, *params, today])


# Pool hygiene: a profile not confirmed with the person, or a person no call has reached, for this long.
HYGIENE_DAYS = 365


# Over CAREGIVER_VIEW `c` and `reached` (LAST_CALLS as k), the day as the next two parameters. An e-mail sent (a
# proposal, in the call log) reaches nobody until they answer: only the calls count.
_WRITTEN = ", ".join(f"'{kind}'" for kind in vocab.WRITTEN_CALL_KINDS)
LAST_CALLS = (f"reached as (select caregiver_id, max(occurred_at) as last_call from call where kind not in ({_WRITTEN})"
              " group by caregiver_id)")
IS_QUIET = f"""(coalesce(c.profile_confirmed_on, c.created_at::date) < ?::date - interval {HYGIENE_DAYS} day
                or coalesce(k.last_call, c.created_at) < ?::date - interval {HYGIENE_DAYS} day)"""


def to_call_back(engine: Engine, f: CaregiverFilter, today: date, limit: int | None = TABLE_ROW_LIMIT
                 ) -> pd.DataFrame:
    """Caregivers in the pool whose profile has not been confirmed with them for HYGIENE_DAYS days (or ever), or
    whom no call has reached for as long (counted from their arrival when no call ever did): the mentor calls them
    back so that the pool stays true. The longest silent first (at most `limit`; every one with None)."""
    where, params = f.where()
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW}, {LAST_CALLS}
        select c.id, c.first_name, c.last_name, c.profession, c.mentor, c.phone, c.profile_confirmed_on,
               k.last_call,
               date_diff('day', greatest(coalesce(k.last_call, c.created_at)::date,
                                         coalesce(c.profile_confirmed_on, c.created_at::date)), ?::date) as quiet_days
        from c left join reached k on k.caregiver_id = c.id
        where {where} and {IS_QUIET}
        order by quiet_days desc, c.id {limit_clause(limit)}
    """, [today, *params, today, today])


def headline(engine: Engine, f: CaregiverFilter, today: date) -> dict[str, int]:
    """The page's counts in one pass over the caregivers a filter keeps: followed, stalled, to call back."""
    where, params = f.where()
    row = db.read_df(engine, f"""
        with {CAREGIVER_VIEW}, {LAST_CALLS}
        select count(*) as followed, count(*) filter (where {IS_STALLED}) as stalled,
               count(*) filter (where {IS_QUIET}) as call_back
        from c left join reached k on k.caregiver_id = c.id
        where {where}
    """, [today, today, today, *params])
    return {name: int(row[name].iloc[0]) for name in row.columns}


def time_to_ready(engine: Engine, f: CaregiverFilter) -> pd.DataFrame:
    """Median days from the first call to 'prêt(e) pour une mission', per profession."""
    where, params = f.where()
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW},
        first_call as (select caregiver_id, min(occurred_at) as ts from call
                       where caregiver_id is not null group by 1),
        ready_at as (select caregiver_id, changed_at as ts from onboarding_step
                     where step = 'pret_mission' and status = 'fait')
        select c.profession, median(date_diff('microsecond', fc.ts, ra.ts) / 86400e6) as median_days,
               count(*) as caregivers
        from c join first_call fc on fc.caregiver_id = c.id join ready_at ra on ra.caregiver_id = c.id
        where {where} and ra.ts >= fc.ts
        group by c.profession order by median_days
    """, params)


# The open next actions of calls and mentoring sessions, each with the request it serves (a call's own request; a
# session's action names one, or none).
NEXT_ACTIONS = """
    select 'call' as source, k.id, k.next_action_due as due, k.next_action as action, k.caregiver_id,
           cg.first_name || ' ' || cg.last_name as caregiver,  -- null (not '') when the call is an organisation's
           k.organisation_id, o.name as organisation,
           k.request_id, tm.full_name as owner, coalesce(k.next_action_owner_id, k.member_id) as owner_id,
           rq.title as request
    from call k left join caregiver cg on cg.id = k.caregiver_id left join organisation o on o.id = k.organisation_id
    left join team_member tm on tm.id = coalesce(k.next_action_owner_id, k.member_id)
    left join request rq on rq.id = k.request_id
    where k.next_action is not null and not k.next_action_done
    union all
    select 'mentoring', s.id, s.next_action_due, s.next_action, s.caregiver_id,
           cg.first_name || ' ' || cg.last_name, null, null, s.request_id, tm.full_name,
           coalesce(s.next_action_owner_id, s.mentor_id), rq.title
    from mentoring_session s join caregiver cg on cg.id = s.caregiver_id
    left join team_member tm on tm.id = coalesce(s.next_action_owner_id, s.mentor_id)
    left join request rq on rq.id = s.request_id
    where s.next_action is not null and not s.next_action_done
"""


# A person's week of next actions, in the order they are dealt with.
WEEK = ("overdue", "today", "this_week", "later")


def _in_parts(today: date, owner_id: int | None, caregiver_id: int | None) -> tuple[str, list]:
    """The open next actions (of one owner or everyone's, about one caregiver or anyone) with their part of the
    week and their days late, as SQL and its parameters."""
    sunday = today + timedelta(days=6 - today.weekday())
    return f"""
        select *, case when due < ?::date then 'overdue' when due = ?::date then 'today'
                       when due <= ?::date then 'this_week' else 'later' end as part,
               case when due < ?::date then date_diff('day', due, ?::date) end as days_late  -- none when not late
        from ({NEXT_ACTIONS})
        where (? is null or owner_id = ?) and (? is null or caregiver_id = ?)
    """, [today, today, sunday, today, today, owner_id, owner_id, caregiver_id, caregiver_id]


def week(engine: Engine, today: date, owner_id: int | None = None, caregiver_id: int | None = None,
         part: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Every open next action (of one owner, or everyone's; about one caregiver, or anyone; of one part, or all;
    the first `limit`, or all) in its part of the week: overdue (the most recent first: the oldest are the least
    likely to still matter), today, the rest of this week (to Sunday), later (an action with no date, last)."""
    actions, params = _in_parts(today, owner_id, caregiver_id)
    return db.read_df(engine, f"""
        select * from ({actions}) where ? is null or part = ?
        order by list_position({[*WEEK]}, part), case when due < ?::date then due end desc nulls last,
                 due nulls last, source, id
        {limit_clause(limit)}
    """, [*params, part, part, today])


def week_counts(engine: Engine, today: date, owner_id: int | None = None) -> dict[str, int]:
    """How many open next actions fall in each part of the week (every part named, with 0 when none)."""
    actions, params = _in_parts(today, owner_id, None)
    counted = db.read_df(engine, f"select part, count(*) as n from ({actions}) group by part", params)
    return {part: int(counted.n[counted.part == part].sum()) for part in WEEK}


def request_choices(engine: Engine, caregiver_id: int) -> pd.DataFrame:
    """The requests a caregiver's next action may serve: those they are on first (the latest first), then every
    other open request (the newest first); each with its organisation."""
    return db.read_df(engine, f"""
        select r.id, r.title, o.name as organisation, m.id is not null as theirs
        from request r join organisation o on o.id = r.organisation_id
        left join match m on m.request_id = r.id and m.caregiver_id = ?
        where m.id is not null or (not r.archived and r.status in {OPEN})
        order by theirs desc, coalesce(m.created_at, r.created_at) desc, r.id
    """, [caregiver_id])

