"""Writes on mentoring: move a caregiver's onboarding steps, log a mentoring session, close a next action."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, models, progress, vocab
from hyc.audit import Actor
from hyc.i18n import Message
from hyc.validation import PARAGRAPH, Form, FormInvalid


def set_step(session: Session, actor: Actor, caregiver_id: int, step: str, status: str) -> bool:
    """Set one onboarding step's status inside an open transaction, dated now; says whether it changed."""
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
        row.changed_at = models.utcnow()
        audit.log(session, actor, "update", "onboarding_step", row.id, before, {"step": step, "status": status})
        session.flush()
        progress.refresh(session.connection().exec_driver_sql, caregiver_id)
        return True
    return False


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
            later = [term(s) for s, st in statuses.items() if st == "fait" and step in prerequisites(s)]
            if later:
                errors[step] = Message("error.steps_later_done", steps=later)
    return errors


def move_steps(engine: Engine, actor: Actor, caregiver_id: int, statuses: dict[str, str]) -> list[str]:
    """Set the status of several onboarding steps at once, in track order (a step is done only once the steps
    it depends on are); returns the steps that changed."""
    f = Form(statuses)
    for step in statuses:
        if step not in vocab.ONBOARDING_STEPS:
            raise FormInvalid({step: Message("error.step_unknown")})
        f.code(step, vocab.ONBOARDING_STEP_STATUSES, required=True)
    f.finish()
    changed = []
    with audit.transaction(engine, actor, "mentoring") as session:
        if session.get(models.Caregiver, caregiver_id) is None:
            raise audit.NotFound("this_caregiver")
        # Claim the caregiver's steps first: two saves at the same moment would each check the order against the
        # other's old statuses; updating the rows makes the store refuse the second (a stale copy) instead.
        session.connection().exec_driver_sql("update onboarding_step set status = status where caregiver_id = ?",
                                             (caregiver_id,))
        rows = session.exec(select(models.OnboardingStep).where(models.OnboardingStep.caregiver_id == caregiver_id))
        after = {row.step: row.status for row in rows} | statuses
        errors = _out_of_order(after, statuses)
        if errors:
            raise FormInvalid(errors)
        for step, status in statuses.items():
            if set_step(session, actor, caregiver_id, step, status):
                changed.append(step)
    return changed


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
    }
    values["next_action"], values["next_action_due"] = f.follow_up(
        "next_action", "next_action_due", after=occurred_at.date() if occurred_at else None)
    f.finish()
    return values


def log_session(engine: Engine, actor: Actor, data: dict, *, now: datetime) -> models.MentoringSession:
    """Log a mentoring session (`now` in UTC, naive, like every stored time)."""
    values = clean_session(data, now=now)
    with audit.transaction(engine, actor, "mentoring") as session:
        if session.get(models.Caregiver, values["caregiver_id"]) is None:
            raise audit.NotFound("this_caregiver")
        if session.get(models.TeamMember, values["mentor_id"]) is None:
            raise FormInvalid({"mentor_id": Message("error.mentor_unknown")})
        row = models.MentoringSession(**values)
        session.add(row)
        session.flush()
        audit.log(session, actor, "create", "mentoring_session", row.id, None, audit.snapshot(row))
    return row


def close_action(engine: Engine, actor: Actor, entity: str, row_id: int, *, today: date) -> None:
    """Mark the next action of a call or a mentoring session as done."""
    model, area = {"call": (models.Call, "calls"), "mentoring_session": (models.MentoringSession, "mentoring")}[entity]
    with audit.transaction(engine, actor, area) as session:
        row = session.get(model, row_id)
        if row is None:
            raise audit.NotFound("this_action")
        if not row.next_action_done:
            row.next_action_done = True
            audit.log(session, actor, "update", entity, row_id, {"next_action_done": False},
                      {"next_action_done": True, "on": today.isoformat()})


# The next actions of calls and mentoring sessions: the row that holds each, and the write area it belongs to.
ACTION_SOURCES = {"call": (models.Call, "calls"), "mentoring_session": (models.MentoringSession, "mentoring")}


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
