"""Sessions of a workshop or interviews request (mission types hyc.matching.PANEL_MISSIONS): when, how long, where or
on which video link; the calendar invitations sent to its participants; after it, who came, what they said, and who
had the short AI briefing before it.

- The participants are the request's matches from "intéressée" on, the mission's end included (PARTICIPANT_STAGES):
  the caregiver has said yes; before that, nobody has agreed to come, and after an exit nobody is expected.
- `invite` sends what each person needs now, each e-mail with its .ics (hyc.exchange.invitations) and recorded per
  session and participant with the SEQUENCE it carried: an invitation to whoever has none (or had a cancellation),
  an update (same UID, the higher SEQUENCE) to whoever holds an older one after a change of time, length or place,
  a cancellation to everyone invited when the session is cancelled, and to anyone invited who has left the request.
  Participants without an e-mail (or erased) are named and skipped.
- Attendance and feedback are noted once the session has started; the AI briefing may be ticked at any time, and
  ticking it marks the caregiver's onboarding step "Formation IA" done and their AI training known
  (hyc.mentoring.set_step), each with its audit event. Unticking it leaves the training as it is: it happened.
- Attending counts in the ranking's history (hyc.matching): a session attended weighs half a mission done, a session
  missed is a lapse like a request left unanswered.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, time

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, db, i18n, matching, mentoring, models
from hyc.audit import Actor, WriteError
from hyc.exchange import invitations, mail
from hyc.i18n import Message
from hyc.reads.common import in_list
from hyc.validation import REQUIRED, Form, FormInvalid

MISSIONS = matching.PANEL_MISSIONS
PARTICIPANT_STAGES = ("interessee", "proposee_client", "entretien", "retenue", "contrat_signe", "en_mission",
                      "terminee")
AREA = "requests"  # sessions belong to their request: who may write requests runs them
AI_STEP = "formation_ia"
FEEDBACK_LENGTH = 500
UID_DOMAIN = "hackyourcare.fr"
_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)
# What a session's form holds, and what a change of which the participants must hear.
FIELDS = ("day", "hour", "duration_min", "place", "video_link")
HEARD = ("starts_at", "duration_min", "place", "video_link")


# --- Writes ------------------------------------------------------------------------------------------------------

def clean(data: dict) -> dict:
    """A session's values from its form: the day (typed the French way) and the hour in Paris time, stored as UTC;
    the length in minutes; a place or a video link (at least one)."""
    f = Form(data)
    day = f.date("day", required=True)
    hour = data.get("hour")
    if not isinstance(hour, time):
        f.fail("hour", REQUIRED)
    values = {"duration_min": f.integer("duration_min", required=True),
              "place": f.text("place", max_length=200), "video_link": f.text("video_link", max_length=300)}
    if values["video_link"] and not _LINK.match(values["video_link"]):
        f.fail("video_link", Message("error.workshop_link"))
    if not values["place"] and not values["video_link"] and "video_link" not in f.errors:
        f.fail("place", Message("error.workshop_where"))
    f.finish()
    values["starts_at"] = models.from_paris(datetime.combine(day, hour))
    return values


def _request(session: Session, request_id: int) -> models.Request:
    request = session.get(models.Request, request_id)
    if request is None:
        raise audit.NotFound("this_request")
    if request.mission_type not in MISSIONS:
        raise WriteError(Message("error.workshop_mission"))
    return request


def _session(session: Session, session_id: int) -> models.WorkshopSession:
    row = session.get(models.WorkshopSession, session_id)
    if row is None:
        raise WriteError(Message("error.workshop_gone"))
    return row


def add_session(engine: Engine, actor: Actor, request_id: int, data: dict) -> models.WorkshopSession:
    """A new session of a workshop or interviews request, with its invitation's UID (stable for life)."""
    values = clean(data)
    with audit.transaction(engine, actor, AREA) as session:
        _request(session, request_id)
        row = models.WorkshopSession(request_id=request_id, uid=f"seance-{uuid.uuid4().hex}@{UID_DOMAIN}",
                                     author_id=actor.id, **values)
        session.add(row)
        session.flush()
        audit.log(session, actor, "create", "workshop_session", row.id, None, audit.snapshot(row))
    return row


def change_session(engine: Engine, actor: Actor, session_id: int, data: dict, *,
                   expected_version: int | None) -> models.WorkshopSession:
    """Another day, hour, length, place or link: the invitation's SEQUENCE goes up, so that `invite` sends the
    update to whoever was invited."""
    values = clean(data)
    with audit.transaction(engine, actor, AREA) as session:
        row = _session(session, session_id)
        audit.check_version(session, row, "workshop_session", expected_version)
        if row.cancelled_at is not None:
            raise WriteError(Message("error.workshop_cancelled"))
        changed = {name: value for name, value in values.items() if getattr(row, name) != value}
        if changed:
            if set(changed) & set(HEARD):
                changed["sequence"] = row.sequence + 1
            audit.apply(session, actor, row, "workshop_session", changed)
    return row


def cancel_session(engine: Engine, actor: Actor, session_id: int, *, expected_version: int | None,
                   now: datetime) -> models.WorkshopSession:
    """The session will not take place: its SEQUENCE goes up, and `invite` sends the cancellation to whoever was
    invited."""
    with audit.transaction(engine, actor, AREA) as session:
        row = _session(session, session_id)
        audit.check_version(session, row, "workshop_session", expected_version)
        if row.cancelled_at is not None:
            raise WriteError(Message("error.workshop_cancelled"))
        audit.apply(session, actor, row, "workshop_session", {"cancelled_at": now, "sequence": row.sequence + 1})
    return row


@dataclass(frozen=True)
class Mark:
    """What is noted of one participant: came or not (None: not said), their feedback, the AI briefing."""

    attended: bool | None = None
    feedback: str | None = None
    ai_briefing: bool = False


def record_attendance(engine: Engine, actor: Actor, session_id: int, marks: dict[int, Mark], *,
                      now: datetime) -> list[int]:
    """Note attendance, feedback and the AI briefing of participants (match id → Mark); returns the matches whose
    row changed. Attendance and feedback only once the session has started; the briefing at any time, and ticked, it
    marks the caregiver's AI training done (the onboarding step and the profile)."""
    errors = {}
    cleaned = {}
    for match_id, mark in marks.items():
        f = Form({"feedback": mark.feedback})
        feedback = f.text("feedback", max_length=FEEDBACK_LENGTH)
        if f.errors:
            errors[f"feedback.{match_id}"] = f.errors["feedback"]
        cleaned[int(match_id)] = Mark(mark.attended, feedback, bool(mark.ai_briefing))
    with audit.transaction(engine, actor, AREA) as session:
        row = _session(session, session_id)
        if row.cancelled_at is not None:
            raise WriteError(Message("error.workshop_cancelled"))
        started = row.starts_at <= now
        changed = []
        for match_id, mark in cleaned.items():
            match = session.get(models.Match, match_id)
            if match is None or match.request_id != row.request_id:
                raise WriteError(Message("error.workshop_not_participant"))
            kept = session.exec(select(models.WorkshopAttendance).where(
                models.WorkshopAttendance.session_id == session_id,
                models.WorkshopAttendance.match_id == match_id)).first()
            was = kept or models.WorkshopAttendance(session_id=session_id, match_id=match_id)
            if not started and (mark.attended is not None or mark.feedback) and (
                    mark.attended != was.attended or mark.feedback != was.feedback):
                errors[f"attended.{match_id}"] = Message("error.workshop_not_yet")
                continue
            values = {"attended": mark.attended, "feedback": mark.feedback, "ai_briefing": mark.ai_briefing}
            if kept is None:
                if mark == Mark():
                    continue
                kept = models.WorkshopAttendance(session_id=session_id, match_id=match_id, author_id=actor.id,
                                                 **values)
                session.add(kept)
                session.flush()
                audit.log(session, actor, "create", "workshop_attendance", kept.id, None, audit.snapshot(kept))
                changed.append(match_id)
            else:
                before = kept.row_version
                audit.apply(session, actor, kept, "workshop_attendance", values | {"author_id": actor.id})
                if kept.row_version != before:
                    changed.append(match_id)
            if mark.ai_briefing:
                _trained(session, actor, match.caregiver_id, now)
        if errors:
            raise FormInvalid(errors)
    return changed


def _trained(session: Session, actor: Actor, caregiver_id: int, at: datetime) -> None:
    """The AI briefing had: the onboarding's AI training step done (hyc.mentoring.set_step) and the profile's AI
    training known, each audited when it changes."""
    mentoring.set_step(session, actor, caregiver_id, AI_STEP, "fait", at)
    caregiver = session.get(models.Caregiver, caregiver_id)
    if caregiver is not None and not caregiver.ai_trained:
        audit.apply(session, actor, caregiver, "caregiver", {"ai_trained": True})


# --- Reads (readers: engine first, cached by the interface) ------------------------------------------------------

def sessions(engine: Engine, request_id: int) -> pd.DataFrame:
    """A request's sessions, the next first then the past (the latest first), cancelled ones last; each with how many
    participants hold its current invitation and how many came."""
    return db.read_df(engine, """
        with last as (
            select session_id, match_id, arg_max(method, id) as method, arg_max(sequence, id) as sequence
            from workshop_invitation group by all)
        select s.id, s.starts_at, s.duration_min, s.place, s.video_link, s.sequence, s.cancelled_at, s.row_version,
               (select count(*) from last l where l.session_id = s.id and l.method = 'REQUEST'
                                              and l.sequence = s.sequence) as invited,
               (select count(*) from workshop_attendance a where a.session_id = s.id and a.attended) as attended
        from workshop_session s where s.request_id = ?
        order by s.starts_at, s.id
    """, [request_id]).pipe(_next_first)


def _next_first(df: pd.DataFrame) -> pd.DataFrame:
    """Upcoming sessions soonest first, then past ones latest first, cancelled ones last."""
    if df.empty:
        return df
    now = models.utcnow()
    key = pd.DataFrame({"cancelled": df.cancelled_at.notna(), "past": df.starts_at < now,
                        "when": (df.starts_at - now).abs()})
    return df.loc[key.sort_values(["cancelled", "past", "when"]).index].reset_index(drop=True)


def people(engine: Engine, session_id: int) -> pd.DataFrame:
    """Everyone a session concerns: the request's participants now (PARTICIPANT_STAGES, not erased), and anyone
    invited or noted before; with their e-mail and language, the last invitation sent to them (method, SEQUENCE),
    their attendance row and whether their AI training step is done."""
    return db.read_df(engine, f"""
        with s as (select * from workshop_session where id = ?),
        last as (select match_id, arg_max(method, id) as last_method, arg_max(sequence, id) as last_sequence,
                        max(sent_at) as last_sent_at
                 from workshop_invitation where session_id = (select id from s) group by match_id),
        concerned as (
            select m.id as match_id from match m join s on m.request_id = s.request_id
            where m.stage in {in_list(PARTICIPANT_STAGES)}
            union select match_id from last
            union select match_id from workshop_attendance where session_id = (select id from s))
        select p.match_id, m.caregiver_id, concat_ws(' ', c.first_name, c.last_name) as name, c.first_name,
               nullif(trim(c.email), '') as email, c.lang, m.stage,
               m.stage in {in_list(PARTICIPANT_STAGES)} and c.erased_at is null as participant,
               l.last_method, l.last_sequence, l.last_sent_at,
               a.attended, a.feedback, coalesce(a.ai_briefing, false) as ai_briefing,
               coalesce(st.status = 'fait', false) as ai_trained
        from concerned p join match m on m.id = p.match_id join caregiver c on c.id = m.caregiver_id
        left join last l on l.match_id = p.match_id
        left join workshop_attendance a on a.session_id = (select id from s) and a.match_id = p.match_id
        left join onboarding_step st on st.caregiver_id = m.caregiver_id and st.step = '{AI_STEP}'
        order by participant desc, c.last_name, c.first_name, p.match_id
    """, [session_id])


def session_row(engine: Engine, session_id: int) -> dict | None:
    rows = db.read_df(engine, """
        select s.*, r.title, r.mission_type, coalesce(r.confidential, false) as confidential, o.name as organisation
        from workshop_session s join request r on r.id = s.request_id join organisation o on o.id = r.organisation_id
        where s.id = ?""", [session_id]).to_dict("records")
    return rows[0] if rows else None


# --- Invitations -------------------------------------------------------------------------------------------------

# What `invite` sends a person: a first invitation, an update after a change, the session's cancellation, or the
# cancellation of their place (they left the request).
SEND_KINDS = {"invite": "REQUEST", "update": "REQUEST", "cancel": "CANCEL", "withdraw": "CANCEL"}


@dataclass(frozen=True)
class Recipient:
    match_id: int
    name: str
    first_name: str
    email: str | None
    lang: str
    kind: str  # SEND_KINDS

    @property
    def method(self) -> str:
        return SEND_KINDS[self.kind]


@dataclass(frozen=True)
class Plan:
    """What `invite` would send now: to whom, and who is skipped for want of an e-mail; `started` when the session
    has begun (nothing is sent then)."""

    session_id: int
    sequence: int
    recipients: tuple[Recipient, ...]
    skipped: tuple[Recipient, ...]
    started: bool
    cancelled: bool


def plan(engine: Engine, session_id: int, now: datetime) -> Plan | None:
    """Who needs what for this session now (see the module), from the invitations recorded."""
    s = session_row(engine, session_id)
    return None if s is None else plan_of(s, people(engine, session_id), now)


def plan_of(s: dict, concerned: pd.DataFrame, now: datetime) -> Plan:
    """`plan` from the session's row (session_row) and the people it concerns (people)."""
    session_id = int(s["id"])
    cancelled = not pd.isna(s["cancelled_at"])
    wanted = []
    for p in concerned.itertuples(index=False):
        last = p.last_method if isinstance(p.last_method, str) else None
        if cancelled:
            kind = "cancel" if last == "REQUEST" else None
        elif p.participant:
            kind = ("invite" if last != "REQUEST" else
                    "update" if int(p.last_sequence) < int(s["sequence"]) else None)
        else:
            kind = "withdraw" if last == "REQUEST" else None
        if kind:
            lang = p.lang if p.lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
            email = p.email if isinstance(p.email, str) else None
            wanted.append(Recipient(int(p.match_id), p.name, p.first_name, email, lang, kind))
    return Plan(session_id, int(s["sequence"]), tuple(r for r in wanted if r.email),
                tuple(r for r in wanted if not r.email), pd.Timestamp(s["starts_at"]) <= pd.Timestamp(now), cancelled)


@dataclass(frozen=True)
class Sent:
    """What `invite` did: the names sent to, those failed (with why), those skipped (no e-mail)."""

    sent: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]
    skipped: tuple[str, ...]


def when_text(starts_at: datetime, duration_min: int, lang: str) -> str:
    """"le 29/03/2027 à 09:00 (heure de Paris), 90 min" in the reader's language."""
    local = models.to_paris(starts_at)
    return i18n.t("workshop.when", lang, day=f"{local:%d/%m/%Y}", hour=f"{local:%H:%M}", n=int(duration_min))


def _texts(s: dict, r: Recipient) -> tuple[str, str, str]:
    """The e-mail's subject and text, and the event's title, in the recipient's language."""
    lang = r.lang
    title = s["title"] if s["confidential"] else i18n.t("workshop.mail.title_with_client", lang, title=s["title"],
                                                        organisation=s["organisation"])
    where = [i18n.t("workshop.mail.place", lang, place=s["place"])] if s["place"] else []
    where += [i18n.t("workshop.mail.link", lang, link=s["video_link"])] if s["video_link"] else []
    body = "\n".join([
        i18n.t("workshop.mail.hello", lang, name=r.first_name), "",
        i18n.t(f"workshop.mail.{r.kind}", lang, title=title,
               when=when_text(s["starts_at"], s["duration_min"], lang)), "",
        *(where if r.method == "REQUEST" else []), *([""] if where and r.method == "REQUEST" else []),
        i18n.t(f"workshop.mail.calendar_{r.method.lower()}", lang), "",
        i18n.t("workshop.mail.signature", lang)])
    subject = i18n.t(f"workshop.mail.subject.{r.kind}", lang, title=s["title"],
                     day=f"{models.to_paris(s['starts_at']):%d/%m/%Y}")
    return subject, body, s["title"]


def messages(engine: Engine, session_id: int, smtp: mail.Smtp, recipients, *, now: datetime) -> list:
    """The e-mail of each recipient, its .ics attached."""
    s = session_row(engine, session_id)
    organizer = invitations.organizer(smtp)
    built = []
    for r in recipients:
        subject, body, summary = _texts(s, r)
        ics = invitations.Invitation(
            method=r.method, uid=s["uid"], sequence=int(s["sequence"]), starts_at=pd.Timestamp(s["starts_at"])
            .to_pydatetime(), duration_min=int(s["duration_min"]), summary=summary, description=body,
            organizer=organizer, attendee=invitations.Person(r.name, r.email),
            location=s["place"] if isinstance(s["place"], str) else None,
            link=s["video_link"] if isinstance(s["video_link"], str) else None, stamp=now)
        built.append(mail.message(smtp, r.email, subject, body, (invitations.attachment(ics),), lang=r.lang))
    return built


def invite(engine: Engine, actor: Actor, session_id: int, *, smtp: mail.Smtp, now: datetime) -> Sent:
    """Send what the plan says (invitations, updates, cancellations), over one connection; each e-mail sent is
    recorded (session, participant, method, SEQUENCE) with its audit event, in one transaction after the sending. A
    session already started sends nothing."""
    audit.require(actor, AREA)
    planned = plan(engine, session_id, now)
    if planned is None:
        raise WriteError(Message("error.workshop_gone"))
    if planned.started:
        raise WriteError(Message("error.workshop_started"))
    if not planned.recipients:
        raise WriteError(Message("error.workshop_nothing_to_send"))
    results = mail.send(smtp, messages(engine, session_id, smtp, planned.recipients, now=now))
    went = [r for r, result in zip(planned.recipients, results, strict=True) if result.ok]
    failed = tuple((r.name, str(result.problem)) for r, result in zip(planned.recipients, results, strict=True)
                   if not result.ok)
    if went:
        with audit.transaction(engine, actor, AREA) as session:
            for r in went:
                row = models.WorkshopInvitation(session_id=session_id, match_id=r.match_id, method=r.method,
                                                sequence=planned.sequence, sent_at=now, sent_by=actor.id)
                session.add(row)
                session.flush()
                audit.log(session, actor, "send", "workshop_invitation", row.id, None,
                          {"session_id": session_id, "match_id": r.match_id, "method": r.method,
                           "sequence": planned.sequence, "kind": r.kind})
    return Sent(tuple(r.name for r in went), failed, tuple(r.name for r in planned.skipped))


def past(starts_at, now: datetime | None = None) -> bool:
    """Whether a session (its stored start) has begun."""
    return pd.Timestamp(starts_at) <= pd.Timestamp(now or models.utcnow())

