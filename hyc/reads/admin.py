"""Team accounts, the audit log and the personal-data review list."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from hyc import db
from hyc.reads.common import TABLE_ROW_LIMIT


def team(engine: Engine) -> pd.DataFrame:
    return db.read_df(engine, "select id, full_name, role, lang, coalesce(daily_digest, true) as daily_digest "
                              "from team_member where active order by full_name")


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
                  "mentoring_session", "call", "team_member", "mail_template", "store")
AUDIT_PERIODS = (7, 30, 90, 365, 3650)  # days the audit log looks back, the first by default


def audit_events(engine: Engine, members: tuple[int, ...], entities: tuple[str, ...], start: date, end: date,
                 limit: int = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """Who changed what and when, newest first, between two Paris days included; `member` is empty for what the
    system did (demo data, upgrades); `before` and `after` as stored (JSON of field → value)."""
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
        select a.id, a.occurred_at, tm.full_name as member, a.action, a.entity, a.entity_id,
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


def saved_questions(engine: Engine) -> pd.DataFrame:
    """The team's saved console questions, newest first, with their author."""
    return db.read_df(engine, """
        select q.id, q.name, q.kind, q.body, q.created_at, tm.full_name as author
        from saved_question q left join team_member tm on tm.id = q.author_id
        order by q.created_at desc, q.id desc
    """)
