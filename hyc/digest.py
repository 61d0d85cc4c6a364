"""Each member's digest of the day: what is theirs today, e-mailed by the team's server at the hour the settings name
(HYC_DIGEST_HOUR) and shown on their landing page.

What it lists, each read where the app already reads it (no query of its own but the filings below):
- their next actions overdue and due today (calls and mentoring sessions they own: hyc.reads.mentoring.week);
- the Ordre to ask within WORKING_DAYS_AHEAD working days (a declaration or an authorisation still to file for a
  live match of a request they own, its date from hyc.compliance.latest_filing, French public holidays counted),
  or whose date has passed before a mission still to start;
- their stuck work (hyc.reads.stuck.stuck_work: the request's owner, the HYC_STUCK_* thresholds);
- their requests at risk (hyc.reads.overview.requests_at_risk: open for more than 7 days, no candidate in the
  running).

Sending (`send`): once per member and day, never twice, even after a restart: the day is claimed in `digest_sent`
(unique per member and day, the store refuses a second claim) before the e-mail goes, and the claim is withdrawn
when the e-mail could not go (tried again later). Nothing is sent, and nothing claimed, on a day with nothing to
say; nor to a member who turned it off, to an inactive account or to one without an e-mail. The schedule
(`start_schedule`) runs in the server's start-up work beside the backups (hyc.service).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from hyc import audit, compliance, config, db, i18n, models, reads, vocab
from hyc.audit import Actor
from hyc.exchange import mail
from hyc.reads.common import in_list

log = logging.getLogger(__name__)

# How far ahead a filing date is announced: a week of work to prepare the file.
WORKING_DAYS_AHEAD = 5
# The lists of a digest, in the order it says them.
KINDS = ("overdue", "today", "filings", "stuck", "at_risk")
# A list says at most so many lines, then how many more (the app holds them all).
LINES_PER_KIND = 20
# The matches whose filing is announced: the caregiver said yes, the contract is not signed yet (after it, the
# agreement was declared or authorised: a contract cannot be signed before).
FILING_STAGES = ("interessee", "proposee_client", "entretien", "retenue")
# The convention states that still call for a filing, with the regime each says.
FILING_REGIMES = {"a_declarer": "declaration", "autorisation_a_demander": "autorisation"}
# A send that failed (the SMTP server down) is tried again after so long.
RETRY_AFTER = timedelta(minutes=15)


def horizon(today: date, working_days: int = WORKING_DAYS_AHEAD) -> date:
    """The `working_days`-th working day after today (French public holidays are not working days)."""
    day, left = today, working_days
    while left:
        day += timedelta(days=1)
        if compliance.working_day(day):
            left -= 1
    return day


def filings(engine: Engine, today: date, owner_id: int | None = None) -> pd.DataFrame:
    """Live matches (FILING_STAGES) of live requests (of one owner, or everyone's) whose agreement is still to be
    declared or authorised, whose mission has not started, and whose latest filing date (hyc.compliance) falls
    within WORKING_DAYS_AHEAD working days or has passed; the earliest first."""
    until = horizon(today)
    found = db.read_df(engine, f"""
        select m.id as match_id, m.request_id, r.title, o.name as organisation, m.caregiver_id,
               c.first_name || ' ' || c.last_name as caregiver, m.convention_status,
               coalesce(m.mission_start, r.start_date) as start, r.owner_id
        from match m join request r on r.id = m.request_id join organisation o on o.id = r.organisation_id
        join caregiver c on c.id = m.caregiver_id
        where m.stage in {in_list(FILING_STAGES)} and m.convention_status in {in_list(FILING_REGIMES)}
          and not r.archived and r.status not in {reads.stuck.ENDED}
          and coalesce(m.mission_start, r.start_date) >= ?::date
          -- no filing is due earlier than two months before the start: the rest are not near
          and coalesce(m.mission_start, r.start_date) <= ?::date + interval 3 month
          and (? is null or r.owner_id = ?)
    """, [today, until, owner_id, owner_id])
    found["regime"] = found.convention_status.map(FILING_REGIMES)
    found["start"] = pd.to_datetime(found.start).dt.date
    found["file_by"] = [compliance.latest_filing(regime, start) for regime, start in zip(found.regime, found.start,
                                                                                           strict=True)]
    found["late"] = found.file_by < today
    return found[found.file_by <= until].sort_values(["file_by", "match_id"]).reset_index(drop=True)


@dataclass(frozen=True)
class Line:
    """One thing of the day: what it says, and the record it opens ("caregiver", "organisation" or "request")."""

    text: str
    record: str
    record_id: int


@dataclass(frozen=True)
class Digest:
    """What is one member's today, list by list (DataFrames of the reads above)."""

    member_id: int
    name: str
    email: str | None
    lang: str
    wanted: bool  # the member has not turned the e-mail off
    day: date
    lists: dict[str, pd.DataFrame] = field(default_factory=dict)

    def count(self, kind: str | None = None) -> int:
        return sum(len(self.lists[k]) for k in (KINDS if kind is None else (kind,)))

    @property
    def empty(self) -> bool:
        return self.count() == 0


def _member(engine: Engine, member_id: int) -> dict | None:
    rows = db.read_df(engine, "select id, full_name, email, lang, active, coalesce(daily_digest, true) as wanted "
                              "from team_member where id = ?", [member_id]).to_dict("records")
    return rows[0] if rows else None


def of_member(engine: Engine, member_id: int, today: date) -> Digest | None:
    """A member's digest for `today` (Paris); None when there is no such member."""
    member = _member(engine, member_id)
    if member is None:
        return None
    at_risk = reads.overview.requests_at_risk(engine, today)
    lists = {
        "overdue": reads.mentoring.week(engine, today, member_id, part="overdue"),
        "today": reads.mentoring.week(engine, today, member_id, part="today"),
        "filings": filings(engine, today, member_id),
        "stuck": reads.stuck.stuck_work(engine, today, member_id),
        "at_risk": at_risk[at_risk.owner_id == member_id].reset_index(drop=True),
    }
    email = member["email"] if isinstance(member["email"], str) and member["email"].strip() else None
    lang = member["lang"] if member["lang"] in i18n.LANGUAGES else config.load().lang
    return Digest(member_id, member["full_name"], email, lang, bool(member["wanted"]), today, lists)


# --- What it says ------------------------------------------------------------------------------------------------

def _d(day) -> str:
    return "—" if day is None or pd.isna(day) else f"{pd.Timestamp(day):%d/%m/%Y}"


def _who(row, lang: str) -> str:
    """Whom a next action is about: the caregiver, else the organisation; with the request it serves."""
    who = row.caregiver if isinstance(row.caregiver, str) else row.organisation
    return i18n.t("digest.who_request", lang, who=who, title=row.request) if isinstance(row.request, str) else str(who)


def _action_target(row) -> tuple[str, int]:
    if not pd.isna(row.caregiver_id):
        return "caregiver", int(row.caregiver_id)
    return "organisation", int(row.organisation_id)


def lines(d: Digest, kind: str, lang: str | None = None) -> list[Line]:
    """The lines of one list, in the reader's language (the member's by default)."""
    lang = lang or d.lang
    rows = d.lists[kind]
    said = []
    for row in rows.itertuples(index=False):
        if kind == "overdue":
            text = i18n.t("digest.line.overdue", lang, due=_d(row.due), n=int(row.days_late), action=row.action,
                          who=_who(row, lang))
            target = _action_target(row)
        elif kind == "today":
            text = i18n.t("digest.line.today", lang, action=row.action, who=_who(row, lang))
            target = _action_target(row)
        elif kind == "filings":
            text = i18n.t(f"digest.line.{row.regime}{'_late' if row.late else ''}", lang, date=_d(row.file_by),
                          caregiver=row.caregiver, title=row.title, organisation=row.organisation, start=_d(row.start))
            target = ("request", int(row.request_id))
        elif kind == "stuck":
            is_match = row.kind == "match"
            state = (vocab.MATCH_STAGES if is_match else vocab.REQUEST_STATUSES).label(row.state, lang)
            state = state[:1].lower() + state[1:]  # inside a sentence
            what = row.caregiver if is_match else i18n.t("stuck.the_request", lang)
            text = i18n.t("digest.line.stuck", lang, what=what, state=state, n=int(row.age_days),
                          limit=int(row.limit_days), title=row.title, organisation=row.organisation)
            target = ("request", int(row.request_id))
        else:
            text = i18n.t("digest.line.at_risk", lang, title=row.title, organisation=row.organisation,
                          n=int(row.age_days), places=int(row.to_fill))
            target = ("request", int(row.id))
        said.append(Line(text, *target))
    return said


def mail_text(d: Digest) -> tuple[str, str]:
    """The e-mail's subject and text, in the member's language: each list with its count and its lines (the first
    LINES_PER_KIND, then how many more)."""
    lang = d.lang
    first_name = d.name.split(" ")[0]
    parts = [i18n.t("digest.hello", lang, name=first_name), "",
             i18n.t("digest.intro", lang, day=_d(d.day)), ""]
    for kind in KINDS:
        said = lines(d, kind)
        if not said:
            continue
        parts.append(i18n.t(f"digest.kind.{kind}", lang, n=len(said)))
        parts += [f"- {line.text}" for line in said[:LINES_PER_KIND]]
        if len(said) > LINES_PER_KIND:
            parts.append(i18n.t("digest.more", lang, n=len(said) - LINES_PER_KIND))
        parts.append("")
    parts += [i18n.t("digest.in_the_app", lang), i18n.t("digest.turn_off", lang, toggle=i18n.t("digest.toggle", lang))]
    return i18n.t("digest.subject", lang, day=_d(d.day), n=d.count()), "\n".join(parts)


# --- The member's choice -----------------------------------------------------------------------------------------

def set_wanted(engine: Engine, actor: Actor, wanted: bool) -> None:
    """Whether the member signed in receives the digest by e-mail (their own choice, readers included)."""
    with audit.transaction(engine, actor, "own_account") as session:
        member = session.get(models.TeamMember, actor.id)
        if member is None:
            raise audit.NotFound("this_account")
        if bool(member.daily_digest) != bool(wanted):
            audit.log(session, actor, "update", "team_member", member.id, {"daily_digest": member.daily_digest},
                      {"daily_digest": bool(wanted)})
            member.daily_digest = bool(wanted)


# --- Sending -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What became of one member's digest in a round: "sent", "empty" (nothing to say: nothing sent), "failed"
    (with the reason; the day is not claimed, so it is tried again)."""

    member_id: int
    what: str
    items: int = 0
    problem: str | None = None


def due_members(engine: Engine, day: date) -> list[int]:
    """The members whose digest of `day` may still go: active, with an e-mail, not turned off, none sent yet."""
    found = db.read_df(engine, """
        select id from team_member tm
        where active and coalesce(daily_digest, true) and coalesce(trim(email), '') <> ''
          and not exists (select 1 from digest_sent s where s.member_id = tm.id and s.day = ?)
        order by id
    """, [day])
    return [int(i) for i in found.id]


def _claim(engine: Engine, member_id: int, day: date, items: int) -> bool:
    """Claim the member's day in the store (one transaction): False when it already was (another round, another
    thread, a run before a restart)."""
    try:
        with db.session(engine) as session:
            session.add(models.DigestSent(member_id=member_id, day=day, items=items))
            session.commit()
        return True
    except (DBAPIError, duckdb.Error):
        # The unique key refused it, or a claim at the same moment won: either way the day is taken, unless the
        # store failed for another reason (then it is raised).
        if db.scalar(engine, "select count(*) from digest_sent where member_id = ? and day = ?", [member_id, day]):
            return False
        raise


def _unclaim(engine: Engine, member_id: int, day: date) -> None:
    with db.raw(engine) as con:
        con.execute("delete from digest_sent where member_id = ? and day = ?", [member_id, day]).fetchall()


def send(engine: Engine, day: date, smtp: mail.Smtp, members: list[int] | None = None) -> list[Outcome]:
    """Send `day`'s digest to every member due (or to those of `members` who are), each once: see the module."""
    outcomes, batch = [], []
    for member_id in due_members(engine, day):
        if members is not None and member_id not in members:
            continue
        d = of_member(engine, member_id, day)
        if d is None or d.empty:
            outcomes.append(Outcome(member_id, "empty"))
            continue
        if not _claim(engine, member_id, day, d.count()):
            continue
        subject, text = mail_text(d)
        batch.append((d, mail.message(smtp, d.email, subject, text, lang=d.lang)))
    for (d, _), sent in zip(batch, mail.send(smtp, [message for _, message in batch]), strict=True):
        if sent.ok:
            outcomes.append(Outcome(d.member_id, "sent", d.count()))
        else:
            _unclaim(engine, d.member_id, day)
            outcomes.append(Outcome(d.member_id, "failed", d.count(), str(sent.problem)))
    return outcomes


class Schedule:
    """The digests of each day from HYC_DIGEST_HOUR (Paris time), checked every minute while the server runs. A
    member with nothing to say is not looked at again that day by this server; one whose e-mail failed is tried
    again after RETRY_AFTER. Without an SMTP server configured, nothing is sent (and said once in the log)."""

    def __init__(self, engine: Engine, hour: int) -> None:
        self.engine, self.hour = engine, hour
        self.quiet: dict[date, set[int]] = {}
        self.failed_at: dict[int, datetime] = {}
        self.said_unconfigured = False

    def tick(self, now: datetime) -> list[Outcome]:
        """One check at `now` (Paris time, naive): the round of the day when it is due."""
        if now.hour < self.hour:
            return []
        day = now.date()
        self.quiet = {day: self.quiet.get(day, set())}  # yesterday's are forgotten
        try:
            smtp = mail.settings()
        except mail.NotConfigured:
            if not self.said_unconfigured:
                log.info("daily digests: no SMTP server (HYC_SMTP_HOST), nothing is sent")
                self.said_unconfigured = True
            return []
        waiting = [m for m in due_members(self.engine, day) if m not in self.quiet[day]
                   and now - self.failed_at.get(m, datetime.min) >= RETRY_AFTER]
        if not waiting:
            return []
        outcomes = send(self.engine, day, smtp, waiting)
        for outcome in outcomes:
            if outcome.what == "empty":
                self.quiet[day].add(outcome.member_id)
            elif outcome.what == "failed":
                self.failed_at[outcome.member_id] = now
                log.warning("daily digest of member %s not sent: %s", outcome.member_id, outcome.problem)
            else:
                self.failed_at.pop(outcome.member_id, None)
        return outcomes


def start_schedule(engine: Engine, stop: threading.Event) -> threading.Thread | None:
    """The daily digests in a thread of their own, checked every minute until `stop` is set; none when
    HYC_DIGEST_HOUR is off."""
    hour = config.load().digest_hour
    if hour is None:
        return None
    schedule = Schedule(engine, hour)

    def every_minute() -> None:
        while not stop.is_set():
            try:
                schedule.tick(datetime.now(models.PARIS).replace(tzinfo=None))
            except Exception:  # a failed round is logged and tried again; it must not stop the server
                log.exception("daily digests failed")
            stop.wait(60)

    thread = threading.Thread(target=every_minute, name="hyc-digests", daemon=True)
    thread.start()
    return thread
