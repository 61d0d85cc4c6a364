"""Writes on mentoring: move a caregiver's onboarding steps, log a mentoring session, close a next action."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine
from sqlmodel import Session, select

from hyc import audit, db, models, progress, vocab
from hyc.audit import Actor
from hyc.filters import FINISHED_STAGE
from hyc.i18n import Message
from hyc.validation import PARAGRAPH, Form, FormInvalid

# "Has done a mission" has one definition: at least one of the caregiver's matches is finished (stage
# hyc.filters.FINISHED_STAGE, which the talent pool's filter and the pivot read too). The step "Première mission
# faite" follows it: done exactly when such a match exists, dated when the first one was finished (a done step
# with none goes back to 'à faire'); nobody ticks it by hand (move_steps refuses it).
FIRST_MISSION = "premiere_mission"
FOLLOWS_MATCHES = (FIRST_MISSION,)

# When each caregiver first finished a match: the earliest 'terminee' event of their finished matches (a finished
# match without that event, as an import may leave one, counts from its last update). Ends on a WHERE, so that a
# caller may add a condition before its `group by m.caregiver_id`.
FIRST_FINISHED = f"""
    select m.caregiver_id, min(coalesce(e.occurred_at, m.updated_at)) as finished_at
    from match m left join match_event e on e.match_id = m.id and e.stage = '{FINISHED_STAGE}'
    where m.stage = '{FINISHED_STAGE}'"""


def set_step(session: Session, actor: Actor, caregiver_id: int, step: str, status: str,
             at: datetime | None = None) -> bool:
    """Set one onboarding step's status inside an open transaction, dated `at` (now by default); says whether it
    changed."""
    row = session.exec(select(models.OnboardingStep).where(
        models.OnboardingStep.caregiver_id == caregiver_id, models.OnboardingStep.step == step)).first()
    if row is None:
        if session.get(models.Caregiver, caregiver_id) is None:
            raise audit.NotFound("this_caregiver")
        row = models.OnboardingStep(caregiver_id=caregiver_id, step=step, status="a_faire")
        session.add(row)
        session.flush()
    if row.status != status:
        before = {"step": step, "status": row.status}
        row.status = status
        row.changed_at = at or models.utcnow()
        audit.log(session, actor, "update", "onboarding_step", row.id, before, {"step": step, "status": status})
        session.flush()
        progress.refresh(session.connection().exec_driver_sql, caregiver_id)
        return True
    return False


def follow_first_mission(session: Session, actor: Actor, caregiver_id: int) -> bool:
    """Bring the step "Première mission faite" in line with the caregiver's matches inside an open transaction (the
    one that moved a match to or from 'terminee'): done, dated when their first match was finished, when one is;
    back to 'à faire' when it was done and none is (a step not done and not due stays as it is). With its audit
    event and caregiver_progress refreshed, as any step write; says whether it changed."""
    session.flush()  # the match just moved is seen by the query below
    finished_at = session.connection().exec_driver_sql(
        f"select finished_at from ({FIRST_FINISHED} and m.caregiver_id = ? group by m.caregiver_id)",
        (caregiver_id,)).scalar()
    if finished_at is not None:
        return set_step(session, actor, caregiver_id, FIRST_MISSION, "fait", finished_at)
    done = session.exec(select(models.OnboardingStep).where(
        models.OnboardingStep.caregiver_id == caregiver_id, models.OnboardingStep.step == FIRST_MISSION,
        models.OnboardingStep.status == "fait")).first()
    return done is not None and set_step(session, actor, caregiver_id, FIRST_MISSION, "a_faire")


def reconcile_first_missions(conn: Connection, *, now: datetime | None = None) -> int:
    """Bring the step "Première mission faite" of every caregiver in line with their matches: what
    `follow_first_mission` does for one, for the whole store in a few set operations, inside the caller's
    transaction (an upgrade step's SQLAlchemy connection). A step done is dated when the first match was finished,
    a step undone `now` (the present by default); a step neither done nor due is left as it is. Each caregiver
    changed gets one audit event with no author, and their row of caregiver_progress is refreshed. Returns how many
    caregivers changed (none on a store that already follows the rule)."""
    now = now or models.utcnow()
    run = conn.exec_driver_sql
    # A caregiver with a finished match and no row for the step (the store's own writes always make one) gets one,
    # to be moved below like the others.
    run(f"""insert into onboarding_step (id, caregiver_id, step, status)
            select nextval('onboarding_step_id_seq'), f.caregiver_id, '{FIRST_MISSION}', 'a_faire'
            from ({FIRST_FINISHED} group by m.caregiver_id) f
            where not exists (select 1 from onboarding_step s
                              where s.caregiver_id = f.caregiver_id and s.step = '{FIRST_MISSION}')""")
    run(f"""create or replace temporary table first_mission_moves as
            with finished as ({FIRST_FINISHED} group by m.caregiver_id),
            target as (select s.id, s.caregiver_id, s.status as before,
                              if(f.caregiver_id is null, 'a_faire', 'fait') as after, coalesce(f.finished_at, ?) as at
                       from onboarding_step s left join finished f on f.caregiver_id = s.caregiver_id
                       where s.step = '{FIRST_MISSION}')
            select * from target where (before = 'fait') <> (after = 'fait')""", (now,))
    changed = run("select count(*) from first_mission_moves").scalar()
    if changed:
        run("""update onboarding_step set status = v.after, changed_at = v.at from first_mission_moves v
               where v.id = onboarding_step.id""")
        run(f"""insert into audit_event (id, occurred_at, actor_id, action, entity, entity_id, before, after)
                select nextval('audit_event_id_seq'), ?, null, 'update', 'onboarding_step', id,
                       json_object('step', '{FIRST_MISSION}', 'status', before)::varchar,
                       json_object('step', '{FIRST_MISSION}', 'status', after)::varchar
                from first_mission_moves order by caregiver_id""", (now,))
        progress.refresh_some(run, "select caregiver_id from first_mission_moves")
    run("drop table first_mission_moves")
    return int(changed)


def first_mission_drift(engine: Engine) -> pd.DataFrame:
    """Caregivers whose step "Première mission faite" says other than their matches: done with no finished match,
    or not done with one (a finished match and no row for the step included)."""
    return db.read_df(engine, f"""
        with finished as ({FIRST_FINISHED} group by m.caregiver_id),
        done as (select caregiver_id from onboarding_step where step = '{FIRST_MISSION}' and status = 'fait')
        select coalesce(f.caregiver_id, d.caregiver_id) as caregiver_id, f.caregiver_id is not null as finished
        from finished f full join done d on d.caregiver_id = f.caregiver_id
        where f.caregiver_id is null or d.caregiver_id is null
        order by 1""")


def prerequisites(step: str) -> tuple[str, ...]:
    """The steps of the track that must be done before `step` is: every earlier one but the optional AI
    training, which itself can be done at any time."""
    if step in vocab.OPTIONAL_ONBOARDING_STEPS:
        return ()
    codes = vocab.ONBOARDING_STEPS.codes
    return tuple(c for c in codes[:codes.index(step)] if c not in vocab.OPTIONAL_ONBOARDING_STEPS)


def _out_of_order(statuses: dict[str, str], moved: dict[str, str]) -> dict[str, str]:
    """Each moved step that would leave the track out of order, with the steps in the way: a step done before
    the ones it depends on, or a step undone while a later one stays done."""
    errors = {}
    term = vocab.ONBOARDING_STEPS.term
    for step, status in moved.items():
        if status == "fait":
            missing = [term(s) for s in prerequisites(step) if statuses.get(s) != "fait"]
            if missing:
                errors[step] = Message("error.steps_first", steps=missing)
        elif step not in vocab.OPTIONAL_ONBOARDING_STEPS:
            # A step that follows the matches waits for nothing: a caregiver's finished mission does not stop their
            # mentor from setting an earlier step right.
            later = [term(s) for s, st in statuses.items()
                     if st == "fait" and step in prerequisites(s) and s not in FOLLOWS_MATCHES]
            if later:
                errors[step] = Message("error.steps_later_done", steps=later)
    return errors


def _by_hand(stored: dict[str, str], statuses: dict[str, str]) -> dict[str, str]:
    """The statuses a person may set: a step that follows the matches is refused, unless asked at the status it
    already has (a form that sends every step), and then left alone."""
    refused = {step: Message("error.step_follows_matches") for step in FOLLOWS_MATCHES
               if step in statuses and statuses[step] != stored.get(step, "a_faire")}
    if refused:
        raise FormInvalid(refused)
    return {step: status for step, status in statuses.items() if step not in FOLLOWS_MATCHES}


def move_steps(engine: Engine, actor: Actor, caregiver_id: int, statuses: dict[str, str]) -> list[str]:
    """Set the status of several onboarding steps at once, in track order (a step is done only once the steps
    it depends on are); returns the steps that changed. A step that follows the matches (FOLLOWS_MATCHES) is
    refused unless asked at the status it already has."""
    f = Form(statuses)
    for step in statuses:
        if step not in vocab.ONBOARDING_STEPS:
            raise FormInvalid({step: Message("error.step_unknown")})
        f.code(step, vocab.ONBOARDING_STEP_STATUSES, required=True)
    f.finish()
    with audit.transaction(engine, actor, "mentoring") as session:
        if session.get(models.Caregiver, caregiver_id) is None:
            raise audit.NotFound("this_caregiver")
        return _move(session, actor, caregiver_id, statuses)


def _move(session: Session, actor: Actor, caregiver_id: int, statuses: dict[str, str]) -> list[str]:
    """Move steps (codes and statuses already checked) inside an open transaction, in track order; returns the
    steps that changed, or raises FormInvalid naming each step out of order."""
    # Claim the caregiver's steps first: two saves at the same moment would each check the order against the
    # other's old statuses; updating the rows makes the store refuse the second (a stale copy) instead.
    session.connection().exec_driver_sql("update onboarding_step set status = status where caregiver_id = ?",
                                         (caregiver_id,))
    rows = session.exec(select(models.OnboardingStep).where(models.OnboardingStep.caregiver_id == caregiver_id))
    stored = {row.step: row.status for row in rows}
    statuses = _by_hand(stored, statuses)
    after = stored | statuses
    errors = _out_of_order(after, statuses)
    if errors:
        raise FormInvalid(errors)
    changed = []
    for step, status in statuses.items():
        if set_step(session, actor, caregiver_id, step, status):
            changed.append(step)
    return changed


# The next actions of calls and mentoring sessions: the row that holds each, and the write area it belongs to.
ACTION_SOURCES = {"call": (models.Call, "calls"), "mentoring_session": (models.MentoringSession, "mentoring")}


def clean_session(data: dict, *, now: datetime) -> dict:
    f = Form(data)
    occurred_at = f.past("occurred_at", now, required=True,
                         message=Message("error.session_future"))
    values = {
        "caregiver_id": f.reference("caregiver_id", required=True),
        "mentor_id": f.reference("mentor_id", required=True),
        "occurred_at": occurred_at,
        "topics": f.codes("topics", vocab.MENTORING_TOPICS, required=True),
        "notes": f.text("notes", max_length=PARAGRAPH),
        "request_id": f.reference("request_id"),
    }
    values["next_action"], values["next_action_due"] = f.follow_up(
        "next_action", "next_action_due", after=occurred_at.date() if occurred_at else None)
    if values["request_id"] and not values["next_action"] and "next_action" not in f.errors:
        f.fail("request_id", Message("error.request_needs_action"))  # the request is the one the action serves
    f.finish()
    return values


def _covered(steps) -> dict[str, str]:
    """The onboarding steps a session covered, as statuses to set ('fait'); FormInvalid under "steps" for a step
    that does not exist or that nobody ticks by hand."""
    for step in steps or ():
        if step not in vocab.ONBOARDING_STEPS:
            raise FormInvalid({"steps": Message("error.step_unknown")})
        if step in FOLLOWS_MATCHES:
            raise FormInvalid({"steps": Message("error.step_follows_matches")})
    return dict.fromkeys(steps or (), "fait")


def log_session(engine: Engine, actor: Actor, data: dict, *, now: datetime, closes: tuple[str, int] | None = None,
                steps=()) -> models.MentoringSession:
    """Log a mentoring session (`now` in UTC, naive, like every stored time). In the same transaction, and each with
    its audit event: the open next action that led to it (`closes`: ("call" or "mentoring_session", id), one of
    the same caregiver's) is marked done, and the onboarding steps it covered (`steps`) are done, in track order
    (refused under "steps", naming what is missing, otherwise)."""
    values = clean_session(data, now=now)
    covered = _covered(steps)
    if closes is not None:
        if closes[0] not in ACTION_SOURCES:
            raise FormInvalid({"closes": Message("error.pick_one")})
        audit.require(actor, ACTION_SOURCES[closes[0]][1])  # a call's action is closed by who may write calls
    with audit.transaction(engine, actor, "mentoring") as session:
        if session.get(models.Caregiver, values["caregiver_id"]) is None:
            raise audit.NotFound("this_caregiver")
        if session.get(models.TeamMember, values["mentor_id"]) is None:
            raise FormInvalid({"mentor_id": Message("error.mentor_unknown")})
        if values["request_id"] is not None and session.get(models.Request, values["request_id"]) is None:
            raise FormInvalid({"request_id": Message("error.record_gone")})
        row = models.MentoringSession(**values)
        session.add(row)
        session.flush()
        audit.log(session, actor, "create", "mentoring_session", row.id, None, audit.snapshot(row))
        if closes is not None:
            entity, action_id = closes
            led = session.get(ACTION_SOURCES[entity][0], action_id)
            if led is None or led.caregiver_id != values["caregiver_id"] or led.next_action is None:
                raise FormInvalid({"closes": Message("error.action_not_of_caregiver")})
            _close(session, actor, entity, led, models.to_paris(values["occurred_at"]).date())  # done that day
        if covered:
            try:
                _move(session, actor, values["caregiver_id"], covered)
            except FormInvalid as exc:  # one field holds the steps: its message names the step it is about
                step, message = next(iter(exc.errors.items()))
                raise FormInvalid({"steps": Message("error.step_named", step=vocab.ONBOARDING_STEPS.term(step),
                                                    message=message)}) from None
    return row


def _close(session: Session, actor: Actor, entity: str, row, today: date) -> None:
    """Mark one next action done inside an open transaction (nothing when it already is), with its audit event."""
    if not row.next_action_done:
        row.next_action_done = True
        audit.log(session, actor, "update", entity, row.id, {"next_action_done": False},
                  {"next_action_done": True, "on": today.isoformat()})


def close_action(engine: Engine, actor: Actor, entity: str, row_id: int, *, today: date) -> None:
    """Mark the next action of a call or a mentoring session as done."""
    model, area = ACTION_SOURCES[entity]
    with audit.transaction(engine, actor, area) as session:
        row = session.get(model, row_id)
        if row is None:
            raise audit.NotFound("this_action")
        _close(session, actor, entity, row, today)


def set_next_action(engine: Engine, actor: Actor, entity: str, row_id: int, data: dict, *, today: date) -> None:
    """The next action that follows one marked done: the call or session that held the done action now holds the
    new one (`next_action`, `next_action_due`, not before `today`), open again, with its owner kept; the audit
    event keeps the done action as it was. Refused while the held action is still open (it would be lost)."""
    model, area = ACTION_SOURCES[entity]
    f = Form(data)
    action = f.text("next_action", required=True, max_length=300)
    due = f.date("next_action_due", required=True)
    if due is not None and due < today:
        f.fail("next_action_due", Message("error.due_past"))
    f.finish()
    with audit.transaction(engine, actor, area) as session:
        row = session.get(model, row_id)
        if row is None:
            raise audit.NotFound("this_action")
        if row.next_action is not None and not row.next_action_done:
            raise FormInvalid({"next_action": Message("error.action_still_open")})
        audit.apply(session, actor, row, entity, {"next_action": action, "next_action_due": due,
                                                  "next_action_done": False})



def update_action(engine: Engine, actor: Actor, entity: str, row_id: int, changes: dict, *, today: date) -> None:
    """Move a next action to a new date (not in the past), or hand it to another member of the team who writes
    (`due`, `owner_id`); each change with its audit event."""
    model, area = ACTION_SOURCES[entity]
    f = Form(changes)
    values = {}
    if "due" in changes:
        values["next_action_due"] = f.date("due", required=True)
        if values["next_action_due"] is not None and values["next_action_due"] < today:
            f.fail("due", Message("error.due_past"))
    if "owner_id" in changes:
        values["next_action_owner_id"] = changes["owner_id"]
    f.finish()
    with audit.transaction(engine, actor, area) as session:
        row = session.get(model, row_id)
        if row is None or row.next_action is None:
            raise audit.NotFound("this_action")
        if "next_action_owner_id" in values:
            owner = values["next_action_owner_id"]
            member = session.get(models.TeamMember, owner) if isinstance(owner, int) else None
            if member is None or not member.active or member.role not in ("fondateur", "mentor"):
                raise FormInvalid({"owner_id": Message("error.owner_cannot_act")})
        audit.apply(session, actor, row, entity, values)
