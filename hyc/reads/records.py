"""Records a row opens (a caregiver, a request, an organisation) and the pick-lists of their forms."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db, vocab
from hyc.filters import CAREGIVER_VIEW
from hyc.reads.common import OPEN, ordered


def caregiver_record(engine: Engine, caregiver_id: int) -> dict[str, pd.DataFrame] | None:
    """Everything the team looks at on one caregiver's record; None when there is no such caregiver."""
    profile = db.read_df(engine, f"with {CAREGIVER_VIEW} select * from c where c.id = ?", [caregiver_id])
    if profile.empty:
        return None
    steps = db.read_df(engine, "select step, status, changed_at from onboarding_step where caregiver_id = ?",
                       [caregiver_id])
    return {
        "profile": profile,
        "steps": ordered(steps, "step", vocab.ONBOARDING_STEPS.codes),
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
        "matches": ordered(matches, "stage", vocab.MATCH_STAGES.codes),
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
        # A contact merged into another is that other one now: listed once.
        "contacts": db.read_df(engine, """select * from contact where organisation_id = ? and merged_into_id is null
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


def caregiver_row(engine: Engine, caregiver_id: int) -> pd.DataFrame:
    return db.read_df(engine, "select * from caregiver where id = ?", [caregiver_id])


def organisation_choices(engine: Engine) -> pd.DataFrame:
    return db.read_df(engine, "select id, name, kind from organisation where not archived order by name")


def contacts_of(engine: Engine, organisation_id: int) -> pd.DataFrame:
    return db.read_df(engine, """select * from contact where organisation_id = ? and not archived
                                 order by last_name, first_name""", [organisation_id])


def requests_of(engine: Engine, organisation_id: int) -> pd.DataFrame:
    """An organisation's requests still open, newest first."""
    return db.read_df(engine, f"""select * from request where organisation_id = ? and not archived
                                  and status in {OPEN} order by created_at desc""", [organisation_id])
