"""Pipeline health for the Overview: headline figures and their trends, pool growth, open requests by
status and age, the match funnel, supply against demand, requests at risk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine

from hyc import db, vocab
from hyc.filters import CAREGIVER_VIEW, RequestFilter
from hyc.reads.common import EXITS, OPEN, PLACED, end_of, in_list, ordered

# A request with no candidate still in the running this many days after it came in is at risk.
AT_RISK_DAYS = 7

# Headline figures compare the last 30 days with the 30 before.
TREND_DAYS = 30

AGE_BUCKETS = (("a0_7", 0, 7), ("a8_30", 8, 30), ("a31_90", 31, 90), ("a91", 91, None))


def headline(engine: Engine) -> dict[str, int]:
    """The counts at the top of the Overview, as they stand now."""
    row = db.read_df(engine, f"""
        select
          (select count(*) from caregiver where not archived) as pool,
          (select count(*) from caregiver c where not archived and exists (
              select 1 from onboarding_step s
              where s.caregiver_id = c.id and s.step = 'pret_mission' and s.status = 'fait')) as ready,
          (select count(*) from request where not archived and status in {OPEN}) as open_requests,
          (select count(*) from match where stage not in {in_list((*vocab.MATCH_EXITS, 'terminee'))}) as active_matches,
          (select count(distinct match_id) from match_event where stage = 'contrat_signe') as signed
    """).iloc[0]
    return {k: int(v) for k, v in row.items()}


def headline_trends(engine: Engine, today: date) -> pd.DataFrame:
    """Each headline figure now (or over the last 30 days) and 30 days earlier (or over the 30 before)."""
    end = end_of(today)
    mid = end - timedelta(days=TREND_DAYS)
    start = mid - timedelta(days=TREND_DAYS)
    row = db.read_df(engine, f"""
        with outcome as (
            select request_id, arg_min(status, occurred_at) as status, min(occurred_at) as ts
            from request_event where status in ('pourvue', 'annulee', 'perdue') group by request_id
        ),
        first_candidate as (  -- a match is created with its first event ("suggérée"): 15,000 rows, not 594,000
            select request_id, min(created_at) as ts from match group by request_id
        ),
        filled as (
            select request_id, min(occurred_at) as ts from request_event where status = 'pourvue' group by 1
        ),
        status_at as (
            select r.id,
                   arg_max(e.status, e.occurred_at) filter (where e.occurred_at < $end) as now_status,
                   arg_max(e.status, e.occurred_at) filter (where e.occurred_at < $mid) as then_status
            from request r join request_event e on e.request_id = r.id
            where not r.archived group by r.id
        )
        select
          (select count(*) from caregiver where not archived and created_at < $end) as pool_now,
          (select count(*) from caregiver where not archived and created_at < $mid) as pool_then,
          (select count(*) from caregiver where created_at >= $mid and created_at < $end) as new_now,
          (select count(*) from caregiver where created_at >= $start and created_at < $mid) as new_then,
          (select count(*) from status_at where now_status in {OPEN}) as open_now,
          (select count(*) from status_at where then_status in {OPEN}) as open_then,
          (select count(*) from match_event where stage = 'contrat_signe'
              and occurred_at >= $mid and occurred_at < $end) as signed_now,
          (select count(*) from match_event where stage = 'contrat_signe'
              and occurred_at >= $start and occurred_at < $mid) as signed_then,
          (select avg((status = 'pourvue')::int) from outcome where ts >= $mid and ts < $end) as fill_now,
          (select avg((status = 'pourvue')::int) from outcome where ts >= $start and ts < $mid) as fill_then,
          (select median(date_diff('microsecond', r.created_at, f.ts) / 86400e6) from first_candidate f
              join request r on r.id = f.request_id where f.ts >= $mid and f.ts < $end) as first_now,
          (select median(date_diff('microsecond', r.created_at, f.ts) / 86400e6) from first_candidate f
              join request r on r.id = f.request_id where f.ts >= $start and f.ts < $mid) as first_then,
          (select median(date_diff('microsecond', r.created_at, f.ts) / 86400e6) from filled f
              join request r on r.id = f.request_id where f.ts >= $mid and f.ts < $end) as fill_days_now,
          (select median(date_diff('microsecond', r.created_at, f.ts) / 86400e6) from filled f
              join request r on r.id = f.request_id where f.ts >= $start and f.ts < $mid) as fill_days_then
    """, {"end": end, "mid": mid, "start": start}).iloc[0]
    names = [("pool", "pool"), ("new_caregivers", "new"), ("open_requests", "open"), ("signed", "signed"),
             ("fill_rate", "fill"), ("days_to_first_candidate", "first"), ("days_to_fill", "fill_days")]
    return pd.DataFrame({
        "metric": [name for name, _ in names],
        "current": [row[f"{col}_now"] for _, col in names],
        "previous": [row[f"{col}_then"] for _, col in names],
    })


def pool_by_profession(engine: Engine) -> pd.DataFrame:
    """Caregivers not archived, per profession, largest first."""
    return db.read_df(engine, """
        select profession, count(*) as caregivers
        from caregiver where not archived
        group by profession order by caregivers desc, profession
    """)


# The periods the Overview's funnel and growth chart can cover: days back from today (None: all time). The first is
# the default: a quarter holds enough matches for a funnel and is recent enough to act on.
PERIODS = {"90": 91, "30": 30, "365": 365, "all": None}


def period_start(period: str, today: date) -> date | None:
    days = PERIODS[period]
    return None if days is None else today - timedelta(days=days - 1)


def pool_growth(engine: Engine, since: date | None = None) -> pd.DataFrame:
    """Caregivers in the pool at the end of each month, per profession (month, profession, caregivers); with
    `since`, the months from the one it falls in (the counts still include everyone who joined before)."""
    joined = db.read_df(engine, """
        select date_trunc('month', created_at) as month, profession, count(*) as n
        from caregiver where not archived group by all
    """)
    if joined.empty:
        return pd.DataFrame(columns=["month", "profession", "caregivers"])
    wide = joined.pivot_table(index="month", columns="profession", values="n", aggfunc="sum", fill_value=0)
    months = pd.date_range(wide.index.min(), wide.index.max(), freq="MS")
    wide = wide.reindex(months, fill_value=0).cumsum()
    wide.index.name = "month"
    if since is not None:
        wide = wide[wide.index >= pd.Timestamp(since).to_period("M").to_timestamp()]
    long = wide.reset_index().melt(id_vars="month", var_name="profession", value_name="caregivers")
    return long.astype({"caregivers": int})


def open_requests_by_status(engine: Engine) -> pd.DataFrame:
    """Open requests per status, in the order of the request's life."""
    df = db.read_df(engine, f"""
        select status, count(*) as requests
        from request where not archived and status in {OPEN}
        group by status
    """)
    return ordered(df, "status", vocab.OPEN_REQUEST_STATUSES)


def open_requests_by_status_and_age(engine: Engine, today: date) -> pd.DataFrame:
    """Open requests per status and age bucket (days since the request came in)."""
    cases = " ".join(
        f"when age >= {lo}" + (f" and age <= {hi}" if hi is not None else "") + f" then '{code}'"
        for code, lo, hi in AGE_BUCKETS
    )
    df = db.read_df(engine, f"""
        select status, case {cases} end as age_bucket, count(*) as requests
        from (select status, date_diff('day', created_at::date, ?::date) as age
              from request where not archived and status in {OPEN})
        group by all
    """, [today])
    df["age_rank"] = df.age_bucket.map({code: i for i, (code, _, _) in enumerate(AGE_BUCKETS)})
    df = ordered(df.sort_values("age_rank"), "status", vocab.OPEN_REQUEST_STATUSES)
    return df.drop(columns="age_rank")


def match_funnel(engine: Engine, f: RequestFilter | None = None, since: date | None = None) -> pd.DataFrame:
    """Matches that reached each stage of the path (from stage events), with the conversion from the stage before;
    with `since`, the matches put forward on or after that day."""
    where, params = (f or RequestFilter()).where()
    if since is not None:
        where += " and m.created_at >= ?"
        params = [*params, datetime.combine(since, time())]
    df = db.read_df(engine, f"""
        select e.stage, count(distinct e.match_id) as reached
        from match_event e join match m on m.id = e.match_id
        join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
        where {where}
        group by e.stage
    """, params)  # every stage: the merge below keeps the path's (see reads.matches.stage_durations)
    df = pd.DataFrame({"stage": list(vocab.MATCH_PATH)}).merge(df, on="stage", how="left").fillna({"reached": 0})
    df["reached"] = df["reached"].astype(int)
    previous = df["reached"].shift(1)
    df["conversion"] = (df["reached"] / previous).where(previous > 0)
    return df


def supply_demand(engine: Engine) -> pd.DataFrame:
    """Places still to fill in open requests against caregivers ready for a mission, per profession and
    (for doctors) specialty. A panel asking several specialties spreads its headcount over them."""
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW},
        placed as (select request_id, count(*) as n from match where stage in {PLACED} group by request_id),
        open_request as (
            select r.id, r.headcount - coalesce(placed.n, 0) as to_fill,
                   string_split(r.professions, ',') as professions,
                   case when r.specialties is null then [null] else string_split(r.specialties, ',') end
                       as specialties
            from request r left join placed on placed.request_id = r.id
            where not r.archived and r.status in {OPEN}
        ),
        wanted as (
            select p.profession, sp.specialty,
                   greatest(to_fill, 0) / len(professions) / len(specialties) as places
            from open_request, unnest(professions) as p(profession), unnest(specialties) as sp(specialty)
        ),
        demand as (
            select profession, specialty, sum(places) as demand from wanted group by all
        ),
        ready as (  -- caregivers ready for a mission, counted once per profession and specialty
            select profession, specialty, count(*) as n from c where ready and not archived group by all
        ),
        supply as (  -- a demand with no specialty is met by the profession's ready caregivers of any specialty
            select d.profession, d.specialty, coalesce(sum(ready.n), 0)::bigint as supply
            from demand d left join ready on ready.profession = d.profession
                 and (d.specialty is null or ready.specialty = d.specialty)
            group by d.profession, d.specialty
        )
        select d.profession, d.specialty, d.demand, s.supply, d.demand - s.supply as gap
        from demand d join supply s
          on s.profession = d.profession and s.specialty is not distinct from d.specialty
        where d.demand > 0
        order by gap desc, d.demand desc, d.profession, d.specialty nulls first  -- ties in one order every time
    """)


def requests_at_risk(engine: Engine, today: date) -> pd.DataFrame:
    """Open requests older than AT_RISK_DAYS with no candidate still in the running (none put on them, or all
    of them gone: declined, refused, abandoned), oldest first."""
    return db.read_df(engine, f"""
        select r.id, r.title, o.name as organisation, r.status, tm.full_name as owner, r.owner_id,
               date_diff('day', r.created_at::date, ?::date) as age_days,
               r.headcount as to_fill  -- no candidate in the running: nobody placed, every seat still to fill
        from request r join organisation o on o.id = r.organisation_id
        left join team_member tm on tm.id = r.owner_id
        where not r.archived and r.status in {OPEN}
          and r.created_at < ?::date - interval {AT_RISK_DAYS} day
          and not exists (select 1 from match m where m.request_id = r.id and m.stage not in {EXITS})
        order by age_days desc
    """, [today, today])
