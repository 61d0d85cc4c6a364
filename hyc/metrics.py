"""Read side: aggregations in SQL over the store, returned as DataFrames (codes, not labels).

Functions that depend on the date take `today` (a calendar date): figures are "as of the end of
that day", so that tests can pin the day and the app passes today's date in Paris.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine

from hyc import db, vocab
from hyc.filters import CaregiverFilter, RateFilter, RequestFilter
from hyc.privacy import erasure_plan  # noqa: F401  (read through ui.read by name, cached until the next write)
from hyc.search import find_caregivers  # noqa: F401  (the call log reads it through ui.read by name)

# Tables shown in full are capped: beyond this, a person refines the filters rather than scrolls.
TABLE_ROW_LIMIT = 2_000
# A request with no candidate this many days after it was created is at risk.
AT_RISK_DAYS = 7
# A caregiver whose onboarding has not moved for this many days is stalled.
STALLED_DAYS = 30
# Headline figures compare the last 30 days with the 30 before.
TREND_DAYS = 30
AGE_BUCKETS = (("a0_7", 0, 7), ("a8_30", 8, 30), ("a31_90", 31, 90), ("a91", 91, None))


def _in(codes) -> str:
    """A SQL list of vocabulary codes (constants of hyc.vocab, never user input)."""
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def _list(codes) -> str:
    return "[" + ", ".join(f"'{c}'" for c in codes) + "]"


def _end_of(today: date) -> datetime:
    """Stored times are UTC: 'as of today' means before the start of tomorrow."""
    return datetime.combine(today + timedelta(days=1), time())


def _ordered(df: pd.DataFrame, column: str, order) -> pd.DataFrame:
    rank = {code: i for i, code in enumerate(order)}
    return df.sort_values(column, key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)


OPEN = _in(vocab.OPEN_REQUEST_STATUSES)
EXITS = _in(vocab.MATCH_EXITS)
PLACED = _in(vocab.MATCH_PLACED)
TRACK = _list(vocab.ONBOARDING_STEPS.codes)

# Caregivers with where they stand on the track: `c.stage`, `c.ready`, `c.last_progress_at`.
CAREGIVER_VIEW = f"""
    steps as (
        select caregiver_id,
               arg_max(step, list_position({TRACK}, step))
                   filter (where status = 'fait' and step <> 'formation_ia') as stage,
               max(changed_at) filter (where status <> 'a_faire') as last_progress_at,
               bool_or(step = 'pret_mission' and status = 'fait') as ready,
               bool_or(step = 'premiere_mission' and status = 'fait') as placed_once
        from onboarding_step group by caregiver_id
    ),
    c as (
        select cg.*, coalesce(s.stage, '{vocab.NO_STAGE}') as stage, coalesce(s.ready, false) as ready,
               coalesce(s.placed_once, false) as placed_once, s.last_progress_at,
               tm.full_name as mentor
        from caregiver cg
        left join steps s on s.caregiver_id = cg.id
        left join team_member tm on tm.id = cg.mentor_id
    )"""


# --- Overview ------------------------------------------------------------------------------------


def headline(engine: Engine) -> dict[str, int]:
    """The counts at the top of the Overview, as they stand now."""
    row = db.read_df(engine, f"""
        select
          (select count(*) from caregiver where not archived) as pool,
          (select count(*) from caregiver c where not archived and exists (
              select 1 from onboarding_step s
              where s.caregiver_id = c.id and s.step = 'pret_mission' and s.status = 'fait')) as ready,
          (select count(*) from request where not archived and status in {OPEN}) as open_requests,
          (select count(*) from match where stage not in {_in((*vocab.MATCH_EXITS, 'terminee'))}) as active_matches,
          (select count(distinct match_id) from match_event where stage = 'contrat_signe') as signed
    """).iloc[0]
    return {k: int(v) for k, v in row.items()}


def headline_trends(engine: Engine, today: date) -> pd.DataFrame:
    """Each headline figure now (or over the last 30 days) and 30 days earlier (or over the 30 before)."""
    end = _end_of(today)
    mid = end - timedelta(days=TREND_DAYS)
    start = mid - timedelta(days=TREND_DAYS)
    row = db.read_df(engine, f"""
        with outcome as (
            select request_id, arg_min(status, occurred_at) as status, min(occurred_at) as ts
            from request_event where status in ('pourvue', 'annulee', 'perdue') group by request_id
        ),
        first_candidate as (
            select m.request_id, min(e.occurred_at) as ts
            from match_event e join match m on m.id = e.match_id group by m.request_id
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


def pool_growth(engine: Engine) -> pd.DataFrame:
    """Caregivers in the pool at the end of each month, per profession (month, profession, caregivers)."""
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
    long = wide.reset_index().melt(id_vars="month", var_name="profession", value_name="caregivers")
    return long.astype({"caregivers": int})


def open_requests_by_status(engine: Engine) -> pd.DataFrame:
    """Open requests per status, in the order of the request's life."""
    df = db.read_df(engine, f"""
        select status, count(*) as requests
        from request where not archived and status in {OPEN}
        group by status
    """)
    return _ordered(df, "status", vocab.OPEN_REQUEST_STATUSES)


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
    df = _ordered(df.sort_values("age_rank"), "status", vocab.OPEN_REQUEST_STATUSES)
    return df.drop(columns="age_rank")


def match_funnel(engine: Engine, f: RequestFilter | None = None) -> pd.DataFrame:
    """Matches that reached each stage of the path (from stage events), with the conversion from the stage before."""
    where, params = (f or RequestFilter()).where()
    df = db.read_df(engine, f"""
        select e.stage, count(distinct e.match_id) as reached
        from match_event e join match m on m.id = e.match_id
        join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
        where e.stage in {_in(vocab.MATCH_PATH)} and {where}
        group by e.stage
    """, params)
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
        open_request as (
            select r.id, r.headcount - (select count(*) from match m
                                        where m.request_id = r.id and m.stage in {PLACED}) as to_fill,
                   string_split(r.professions, ',') as professions,
                   case when r.specialties is null then [null] else string_split(r.specialties, ',') end
                       as specialties
            from request r where not r.archived and r.status in {OPEN}
        ),
        wanted as (
            select p.profession, sp.specialty,
                   greatest(to_fill, 0) / len(professions) / len(specialties) as places
            from open_request, unnest(professions) as p(profession), unnest(specialties) as sp(specialty)
        ),
        demand as (
            select profession, specialty, sum(places) as demand from wanted group by all
        ),
        supply as (
            select d.profession, d.specialty,
                   (select count(*) from c where c.ready and not c.archived and c.profession = d.profession
                        and (d.specialty is null or c.specialty = d.specialty)) as supply
            from demand d
        )
        select d.profession, d.specialty, d.demand, s.supply, d.demand - s.supply as gap
        from demand d join supply s
          on s.profession = d.profession and s.specialty is not distinct from d.specialty
        where d.demand > 0
        order by gap desc, d.demand desc
    """)


def requests_at_risk(engine: Engine, today: date) -> pd.DataFrame:
    """Open requests older than AT_RISK_DAYS with no candidate still in the running (none put on them, or all
    of them gone: declined, refused, abandoned), oldest first."""
    return db.read_df(engine, f"""
        select r.id, r.title, o.name as organisation, r.status, tm.full_name as owner,
               date_diff('day', r.created_at::date, ?::date) as age_days
        from request r join organisation o on o.id = r.organisation_id
        left join team_member tm on tm.id = r.owner_id
        where not r.archived and r.status in {OPEN}
          and r.created_at < ?::date - interval {AT_RISK_DAYS} day
          and not exists (select 1 from match m where m.request_id = r.id and m.stage not in {EXITS})
        order by age_days desc
    """, [today, today])


NEXT_ACTIONS = """
    select 'call' as source, k.id, k.next_action_due as due, k.next_action as action, k.caregiver_id,
           concat_ws(' ', cg.first_name, cg.last_name) as caregiver, k.organisation_id, o.name as organisation,
           k.request_id, tm.full_name as owner, k.member_id as owner_id
    from call k left join caregiver cg on cg.id = k.caregiver_id left join organisation o on o.id = k.organisation_id
    left join team_member tm on tm.id = k.member_id
    where k.next_action is not null and not k.next_action_done
    union all
    select 'mentoring', s.id, s.next_action_due, s.next_action, s.caregiver_id,
           concat_ws(' ', cg.first_name, cg.last_name), null, null, null, tm.full_name, s.mentor_id
    from mentoring_session s join caregiver cg on cg.id = s.caregiver_id left join team_member tm on tm.id = s.mentor_id
    where s.next_action is not null and not s.next_action_done
"""


def overdue_actions(engine: Engine, today: date) -> pd.DataFrame:
    """Next actions from calls and mentoring sessions whose due date has passed, oldest first."""
    return db.read_df(engine, f"""
        select *, date_diff('day', due, ?::date) as days_late from ({NEXT_ACTIONS})
        where due < ?::date order by due, source, id
    """, [today, today])


# --- Talent pool -----------------------------------------------------------------------------------


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


def caregiver_record(engine: Engine, caregiver_id: int) -> dict[str, pd.DataFrame] | None:
    """Everything the team looks at on one caregiver's record; None when there is no such caregiver."""
    profile = db.read_df(engine, f"with {CAREGIVER_VIEW} select * from c where c.id = ?", [caregiver_id])
    if profile.empty:
        return None
    steps = db.read_df(engine, "select step, status, changed_at from onboarding_step where caregiver_id = ?",
                       [caregiver_id])
    return {
        "profile": profile,
        "steps": _ordered(steps, "step", vocab.ONBOARDING_STEPS.codes),
        "calls": db.read_df(engine, """
            select k.occurred_at, k.kind, tm.full_name as member, k.duration_min, k.summary, k.outcome,
                   k.next_action, k.next_action_due, k.next_action_done
            from call k left join team_member tm on tm.id = k.member_id
            where k.caregiver_id = ? order by k.occurred_at desc
        """, [caregiver_id]),
        "matches": db.read_df(engine, """
            select m.id, m.request_id, r.title as request, o.name as organisation, r.mission_type, m.stage,
                   m.exit_reason, m.agreed_day_rate, m.agreed_days, m.mission_start, m.updated_at
            from match m join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
            where m.caregiver_id = ? order by m.created_at desc
        """, [caregiver_id]),
        "sessions": db.read_df(engine, """
            select s.occurred_at, tm.full_name as mentor, s.topics, s.notes, s.next_action, s.next_action_due,
                   s.next_action_done
            from mentoring_session s left join team_member tm on tm.id = s.mentor_id
            where s.caregiver_id = ? order by s.occurred_at desc
        """, [caregiver_id]),
    }


# --- Requests and organisations ------------------------------------------------------------------------


def requests(engine: Engine, f: RequestFilter, today: date, limit: int = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """Requests a filter keeps, with their age and their candidates by stage, oldest open first."""
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
        limit {int(limit)}
    """, [today, *params])


def request_count(engine: Engine, f: RequestFilter) -> int:
    where, params = f.where()
    return int(db.scalar(engine, f"""select count(*) from request r join organisation o on o.id = r.organisation_id
                                     where {where}""", params))


def request_record(engine: Engine, request_id: int) -> dict[str, pd.DataFrame] | None:
    """One request with its organisation, its matches by stage and its status history."""
    request = db.read_df(engine, """
        select r.*, o.name as organisation, o.kind as org_kind, o.makes_health_products,
               concat_ws(' ', ct.first_name, ct.last_name) as contact, ct.role as contact_role,
               tm.full_name as owner
        from request r join organisation o on o.id = r.organisation_id
        left join contact ct on ct.id = r.contact_id left join team_member tm on tm.id = r.owner_id
        where r.id = ?
    """, [request_id])
    if request.empty:
        return None
    matches = db.read_df(engine, """
        select m.*, concat_ws(' ', c.first_name, c.last_name) as caregiver, c.profession, c.specialty,
               c.practice_setting
        from match m join caregiver c on c.id = m.caregiver_id where m.request_id = ?
    """, [request_id])
    return {
        "request": request,
        "matches": _ordered(matches, "stage", vocab.MATCH_STAGES.codes),
        "history": db.read_df(engine, """
            select e.status, e.occurred_at, tm.full_name as author
            from request_event e left join team_member tm on tm.id = e.author_id
            where e.request_id = ? order by e.occurred_at, e.id
        """, [request_id]),
    }


def organisation_record(engine: Engine, organisation_id: int) -> dict[str, pd.DataFrame] | None:
    """One organisation with its contacts, requests and calls."""
    org = db.read_df(engine, "select * from organisation where id = ?", [organisation_id])
    if org.empty:
        return None
    return {
        "organisation": org,
        "contacts": db.read_df(engine, """select * from contact where organisation_id = ?
                                          order by archived, last_name""", [organisation_id]),
        "requests": db.read_df(engine, """select id, title, mission_type, status, headcount, created_at from request
                                          where organisation_id = ? order by created_at desc""", [organisation_id]),
        "calls": db.read_df(engine, """
            select k.occurred_at, k.kind, tm.full_name as member,
                   concat_ws(' ', ct.first_name, ct.last_name) as contact, k.summary, k.outcome
            from call k left join team_member tm on tm.id = k.member_id left join contact ct on ct.id = k.contact_id
            where k.organisation_id = ? order by k.occurred_at desc
        """, [organisation_id]),
    }


# --- Matches -----------------------------------------------------------------------------------------


def active_matches_by_stage(engine: Engine, f: RequestFilter) -> pd.DataFrame:
    """Matches still moving, per current stage and mission type."""
    where, params = f.where()
    df = db.read_df(engine, f"""
        select m.stage, r.mission_type, count(*) as matches
        from match m join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
        where m.stage not in {_in((*vocab.MATCH_EXITS, 'terminee'))} and {where}
        group by all
    """, params)
    return _ordered(df, "stage", vocab.MATCH_PATH)


MATCH_DIMENSIONS = {"mission_type": "r.mission_type", "org_kind": "o.kind"}


def conversion_by(engine: Engine, f: RequestFilter, by: str) -> pd.DataFrame:
    """Per mission type or organisation kind: matches, those that reached a signed contract, and the share."""
    column = MATCH_DIMENSIONS[by]
    where, params = f.where()
    return db.read_df(engine, f"""
        select {column} as {by}, count(*) as matches,
               count(*) filter (where exists (select 1 from match_event e
                                              where e.match_id = m.id and e.stage = 'contrat_signe')) as signed,
               signed / count(*) as conversion
        from match m join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
        where {where}
        group by all order by conversion desc, {by}
    """, params)


def stage_durations(engine: Engine, f: RequestFilter) -> pd.DataFrame:
    """Median days a match spends in each stage of the path before its next event."""
    where, params = f.where()
    df = db.read_df(engine, f"""
        with spans as (
            select e.stage, date_diff('microsecond', e.occurred_at,
                       lead(e.occurred_at) over (partition by e.match_id order by e.occurred_at, e.id)) / 86400e6
                       as days
            from match_event e join match m on m.id = e.match_id
            join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
            where {where}
        )
        select stage, median(days) as median_days, count(*) as matches
        from spans where days is not null and stage in {_in(vocab.MATCH_PATH)}
        group by stage
    """, params)
    return _ordered(df, "stage", vocab.MATCH_PATH)


def exits(engine: Engine, f: RequestFilter) -> pd.DataFrame:
    """Matches that left the path, per exit and reason."""
    where, params = f.where()
    return db.read_df(engine, f"""
        select m.stage, coalesce(m.exit_reason, 'non_renseigne') as reason, count(*) as matches
        from match m join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
        where m.stage in {EXITS} and {where}
        group by all order by matches desc
    """, params)


# --- Mentoring ---------------------------------------------------------------------------------------


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
    return _ordered(df, "step", vocab.ONBOARDING_STEPS.codes)


def caregivers_per_stage(engine: Engine, f: CaregiverFilter) -> pd.DataFrame:
    df = caregiver_counts(engine, f, "stage")
    return _ordered(df, "stage", vocab.CAREGIVER_STAGES.codes)


def stalled(engine: Engine, f: CaregiverFilter, today: date) -> pd.DataFrame:
    """Caregivers not yet ready for a mission whose onboarding has not moved for STALLED_DAYS days."""
    where, params = f.where()
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW}
        select c.id, c.first_name, c.last_name, c.profession, c.stage, c.mentor,
               coalesce(c.last_progress_at, c.created_at) as last_progress_at,
               date_diff('day', coalesce(c.last_progress_at, c.created_at)::date, ?::date) as idle_days
        from c
        where {where} and not c.ready
          and coalesce(c.last_progress_at, c.created_at) < ?::date - interval {STALLED_DAYS} day
        order by idle_days desc, c.id
    """, [today, *params, today])


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


def next_actions(engine: Engine, today: date, horizon_days: int = 7, owner_id: int | None = None) -> pd.DataFrame:
    """Open next actions due by today + horizon (overdue included), for one owner or everyone."""
    return db.read_df(engine, f"""
        select *, due < ?::date as overdue from ({NEXT_ACTIONS})
        where due <= ?::date + interval {int(horizon_days)} day and (? is null or owner_id = ?)
        order by due, source, id
    """, [today, today, owner_id, owner_id])


def candidates(engine: Engine, request_id: int, limit: int = 300) -> pd.DataFrame:
    """Caregivers who could go on a request: in the pool, not on it yet, of a profession it asks for;
    those ready for a mission first, then those of a specialty it asks for, then the nearest in region."""
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW}
        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.profession, c.specialty, c.region,
               c.ready
        from c, request r
        where r.id = ? and not c.archived
          and list_contains(string_split(r.professions, ','), c.profession)
          and not exists (select 1 from match m where m.request_id = r.id and m.caregiver_id = c.id)
        order by c.ready desc, list_contains(string_split(coalesce(r.specialties, ''), ','), c.specialty) desc,
                 (c.region = r.region) desc, c.last_name, c.first_name
        limit {int(limit)}
    """, [request_id])


def organisation_choices(engine: Engine) -> pd.DataFrame:
    return db.read_df(engine, "select id, name, kind from organisation where not archived order by name")


def contacts_of(engine: Engine, organisation_id: int) -> pd.DataFrame:
    return db.read_df(engine, """select * from contact where organisation_id = ? and not archived
                                 order by last_name, first_name""", [organisation_id])


def requests_of(engine: Engine, organisation_id: int) -> pd.DataFrame:
    """An organisation's requests still open, newest first."""
    return db.read_df(engine, f"""select * from request where organisation_id = ? and not archived
                                  and status in {OPEN} order by created_at desc""", [organisation_id])


def caregiver_row(engine: Engine, caregiver_id: int) -> pd.DataFrame:
    return db.read_df(engine, "select * from caregiver where id = ?", [caregiver_id])


def team(engine: Engine) -> pd.DataFrame:
    return db.read_df(engine, "select id, full_name, role from team_member where active order by full_name")


# --- Rates -------------------------------------------------------------------------------------------

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


# --- Accounts, audit log and personal data -------------------------------------------------------------


def team_accounts(engine: Engine) -> pd.DataFrame:
    """Every account with its state (failed sign-ins in a row, a lock still running); never the password hash."""
    return db.read_df(engine, """
        select tm.id, tm.full_name, tm.email, tm.role, tm.active, coalesce(g.failures, 0) as failed_logins,
               case when g.locked_until > (now() at time zone 'UTC') then g.locked_until end as locked_until,
               tm.created_at, tm.password_hash is not null as has_password
        from team_member tm left join sign_in_guard g on g.address_hash = sha256(tm.email)
        order by tm.active desc, tm.full_name
    """)


AUDIT_ENTITIES = ("caregiver", "organisation", "contact", "request", "match", "onboarding_step",
                  "mentoring_session", "call", "team_member", "store")


def audit_events(engine: Engine, members: tuple[int, ...], entities: tuple[str, ...], start: date, end: date,
                 limit: int = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """Who changed what and when, newest first, between two Paris days included."""
    clauses = ["(a.occurred_at at time zone 'UTC') at time zone 'Europe/Paris' >= ?::timestamp",
               "(a.occurred_at at time zone 'UTC') at time zone 'Europe/Paris' < ?::timestamp + interval 1 day"]
    params: list = [start, end]
    if members:
        clauses.append(f"a.actor_id in ({', '.join('?' * len(members))})")
        params += list(members)
    if entities:
        clauses.append(f"a.entity in ({', '.join('?' * len(entities))})")
        params += list(entities)
    return db.read_df(engine, f"""
        select a.id, a.occurred_at, coalesce(tm.full_name, 'système') as member, a.action, a.entity, a.entity_id,
               a.before, a.after
        from audit_event a left join team_member tm on tm.id = a.actor_id
        where {' and '.join(clauses)}
        order by a.id desc limit {int(limit)}
    """, params)


def review_list(engine: Engine, today: date, years: int) -> pd.DataFrame:
    """Caregivers with no contact (call, mentoring session, match move) for `years` years: to confirm or erase."""
    return db.read_df(engine, """
        with last_contact as (
            select c.id, greatest(c.created_at,
                       (select max(k.occurred_at) from call k where k.caregiver_id = c.id),
                       (select max(s.occurred_at) from mentoring_session s where s.caregiver_id = c.id),
                       (select max(e.occurred_at) from match_event e join match m on m.id = e.match_id
                        where m.caregiver_id = c.id)) as last_contact_at
            from caregiver c where c.erased_at is null
        )
        select c.id, c.first_name, c.last_name, c.profession, c.region, l.last_contact_at,
               date_diff('day', l.last_contact_at::date, ?::date) as days_since
        from caregiver c join last_contact l on l.id = c.id
        where l.last_contact_at < ?::date - to_years(?)
        order by l.last_contact_at
    """, [today, today, years])


def objection_count(engine: Engine) -> int:
    """People on the objection list (objected or erased)."""
    return int(db.scalar(engine, "select count(*) from objection"))
