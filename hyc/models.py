"""SQLModel tables of the whole domain (DESIGN.md §1).

Conventions of this file:
- integer keys come from a DuckDB sequence (duckdb-engine has no SERIAL);
- times are naive UTC `datetime`s (shown in Europe/Paris by the UI), calendar dates are `date`s;
- codes (profession, stage, …) are the codes of `hyc.vocab`;
- lists of codes (mission types wanted, professions asked) are stored as comma-separated codes;
- references between tables are plain integer columns, not FOREIGN KEY constraints: DuckDB refuses
  to update a unique column of a row that a foreign key references, which would block edits and
  erasure. Writes keep references whole, and the tests check that every reference resolves.
- `row_version` counts the edits of a row, so that a save made on a stale copy can be refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Column, DateTime, Index, Integer, Sequence, Text
from sqlmodel import Field, SQLModel

from hyc import vocab

# Times are stored in UTC, naive; people read and type them in Paris time.
PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    """The current time in UTC, naive, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_paris(stored: datetime) -> datetime:
    """A stored (UTC, naive) time as Paris time."""
    return stored.replace(tzinfo=UTC).astimezone(PARIS)


def from_paris(local: datetime) -> datetime:
    """A time typed in Paris time, as stored (UTC, naive)."""
    return local.replace(tzinfo=PARIS).astimezone(UTC).replace(tzinfo=None)


def _key(table: str):
    """An integer primary key drawn from the table's own sequence."""
    return Field(default=None, sa_column=Column(Integer, Sequence(f"{table}_id_seq"), primary_key=True))


def _when(**kw):
    """A naive UTC timestamp (DuckDB TIMESTAMP): conversion to Paris time happens on display."""
    return Field(sa_type=DateTime(timezone=False), **kw)


def _text():
    """A long free-text column (notes, summaries, JSON)."""
    return Field(default=None, sa_column=Column(Text, nullable=True))


class TeamMember(SQLModel, table=True):
    """A member of the Hack Your Care team, who signs in and acts."""

    __tablename__ = "team_member"
    id: int | None = _key("team_member")
    email: str = Field(unique=True, max_length=254)
    full_name: str = Field(max_length=120)
    role: str = Field(max_length=20)  # vocab.ROLES
    password_hash: str | None = Field(default=None, max_length=255)
    active: bool = True
    lang: str | None = Field(default=None, max_length=2)  # the interface language last chosen
    # The morning e-mail of what is theirs today (hyc.digest), on unless the member turns it off: a default in the
    # store too, for rows written without it (demo data, an older backup restored).
    daily_digest: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    created_at: datetime = _when(default_factory=utcnow)


class Caregiver(SQLModel, table=True):
    """A health professional or student in the talent pool (soignant). E-mail, phone and RPPS are unique in the
    store itself, so that two saves of one person at the same moment cannot both land."""

    __tablename__ = "caregiver"
    __table_args__ = (Index("caregiver_phone_key", "phone", unique=True),
                      Index("caregiver_rpps_key", "rpps", unique=True))
    id: int | None = _key("caregiver")
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    email: str | None = Field(default=None, unique=True, max_length=254)  # normalised, lower case
    phone: str | None = Field(default=None, max_length=20)  # E.164
    postcode: str | None = Field(default=None, max_length=5)
    departement: str | None = Field(default=None, max_length=3)
    region: str | None = Field(default=None, max_length=2)
    profession: str = Field(max_length=40)
    specialty: str | None = Field(default=None, max_length=40)
    practice_setting: str | None = Field(default=None, max_length=40)
    years_experience: int | None = None
    rpps: str | None = Field(default=None, max_length=11)
    availability_days_per_month: int | None = None
    work_mode: str | None = Field(default=None, max_length=20)
    mission_types: str | None = Field(default=None, max_length=200)
    digital_appetite: str | None = Field(default=None, max_length=20)
    ai_trained: bool = False
    expected_day_rate: int | None = None  # euros
    legal_status: str | None = Field(default=None, max_length=30)
    cumul_status: str | None = Field(default=None, max_length=20)
    consent_date: date | None = None
    consent_method: str | None = Field(default=None, max_length=30)
    lawful_basis: str | None = Field(default=None, max_length=30)
    profile_confirmed_on: date | None = None
    source: str | None = Field(default=None, max_length=30)
    mentor_id: int | None = None  # team_member.id
    notes: str | None = _text()
    lang: str | None = Field(default=None, max_length=2)  # vocab.CAREGIVER_LANGS: the e-mails' language; none: French
    archived: bool = False
    # The record this one was merged into (hyc.merge): archived, its unique identifiers cleared, kept for the trace.
    merged_into_id: int | None = None  # caregiver.id
    erased_at: datetime | None = _when(default=None, nullable=True)  # anonymised at the person's request
    created_at: datetime = _when(default_factory=utcnow)
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class Organisation(SQLModel, table=True):
    """A company, lab or school that asks for field expertise."""

    __tablename__ = "organisation"
    id: int | None = _key("organisation")
    name: str = Field(max_length=160)
    # The name as two saves compare it (hyc.organisations.name_key: folded, legal form and punctuation aside),
    # unique in the store; none on a near-duplicate set aside by upgrade step 16 until it is merged or renamed.
    name_key: str | None = Field(default=None, max_length=160)
    kind: str = Field(max_length=30)  # vocab.ORGANISATION_KINDS
    makes_health_products: bool = False  # switches on the anti-gift compliance steps
    city: str | None = Field(default=None, max_length=80)
    region: str | None = Field(default=None, max_length=2)
    website: str | None = Field(default=None, max_length=200)
    notes: str | None = _text()
    archived: bool = False
    # The organisation this one was merged into (hyc.merge): archived, without a name key, kept for the trace.
    merged_into_id: int | None = None  # organisation.id
    created_at: datetime = _when(default_factory=utcnow)
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class Contact(SQLModel, table=True):
    """A person at an organisation."""

    __tablename__ = "contact"
    id: int | None = _key("contact")
    organisation_id: int  # organisation.id
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    role: str | None = Field(default=None, max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    archived: bool = False
    merged_into_id: int | None = None  # contact.id
    created_at: datetime = _when(default_factory=utcnow)
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class Request(SQLModel, table=True):
    """A need expressed by an organisation (besoin)."""

    __tablename__ = "request"
    id: int | None = _key("request")
    organisation_id: int  # organisation.id
    contact_id: int | None = None  # contact.id
    title: str = Field(max_length=200)
    description: str | None = _text()
    mission_type: str = Field(max_length=30)
    professions: str | None = Field(default=None, max_length=300)  # comma-separated codes
    specialties: str | None = Field(default=None, max_length=300)  # comma-separated codes
    # Each criterion is a must (whoever misses it is left out of the ranking) or a preference (weighed in the score).
    specialties_required: bool = True  # the specialties named are a must unless the request says "de préférence"
    place_required: bool = False  # the region (on site) or remote work (a remote mission) is a must
    digital_appetites: str | None = Field(default=None, max_length=100)  # comma-separated codes; none: no need
    appetite_required: bool = False
    about_ai: bool = False  # a mission about AI: AI training counts
    ai_required: bool = False
    # The panel chosen for a workshop or interviews (comma-separated caregiver ids, in seat order), kept until it is
    # proposed or discarded.
    panel: str | None = Field(default=None, max_length=400)
    headcount: int = 1
    work_mode: str | None = Field(default=None, max_length=20)
    region: str | None = Field(default=None, max_length=2)
    start_date: date | None = None
    expected_days: int | None = None
    budget_day_rate: int | None = None  # euros
    priority: str = Field(default=vocab.DEFAULT_PRIORITY, max_length=20)
    owner_id: int | None = None  # team_member.id
    # The client is not named to caregivers (a proposal by e-mail says what it does only); false unless a row says.
    confidential: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    status: str = Field(default="nouvelle", max_length=30)
    status_changed_at: datetime = _when(default_factory=utcnow)
    archived: bool = False
    created_at: datetime = _when(default_factory=utcnow)
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class RequestEvent(SQLModel, table=True):
    """One change of a request's status."""

    __tablename__ = "request_event"
    id: int | None = _key("request_event")
    request_id: int
    status: str = Field(max_length=30)
    occurred_at: datetime = _when()
    author_id: int | None = None


class Match(SQLModel, table=True):
    """One caregiver on one request (proposition), with the agreed terms and the compliance checklist. A caregiver
    is on a request once: the store itself refuses a second match, so two proposals at the same moment cannot both
    land."""

    __tablename__ = "match"
    __table_args__ = (Index("match_request_caregiver_key", "request_id", "caregiver_id", unique=True),)
    id: int | None = _key("match")
    request_id: int
    caregiver_id: int
    stage: str = Field(default="suggeree", max_length=30)
    exit_reason: str | None = Field(default=None, max_length=30)
    agreed_day_rate: int | None = None  # euros
    agreed_days: float | None = None
    conflict_checked: bool = False
    # Derived from the organisation and the terms when the match is created and whenever they change
    # (hyc.matches.follow_facts): no column default, which would claim a state nobody checked.
    convention_status: str = Field(max_length=30)
    convention_submitted_on: date | None = None
    convention_decided_on: date | None = None
    cumul_status: str = Field(max_length=20)  # a public-hospital doctor's, from their record (as above)
    mission_start: date | None = None
    caregiver_feedback: str | None = _text()
    client_feedback: str | None = _text()
    client_rating: int | None = None  # 1 to 5
    created_at: datetime = _when(default_factory=utcnow)
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class MatchEvent(SQLModel, table=True):
    """One stage change of a match: funnels and stage durations are computed from these."""

    __tablename__ = "match_event"
    id: int | None = _key("match_event")
    match_id: int
    stage: str = Field(max_length=30)
    occurred_at: datetime = _when()
    author_id: int | None = None
    reason: str | None = Field(default=None, max_length=30)
    # When the match moved on (its next event): derived, kept by hyc.progress on every move, so that the time
    # spent in each stage is read from a column rather than by sorting every event of every match.
    left_at: datetime | None = _when(default=None, nullable=True)


class OnboardingStep(SQLModel, table=True):
    """Where one caregiver stands on one step of the onboarding track."""

    __tablename__ = "onboarding_step"
    id: int | None = _key("onboarding_step")
    caregiver_id: int
    step: str = Field(max_length=30)
    status: str = Field(default="a_faire", max_length=20)
    changed_at: datetime | None = _when(default=None, nullable=True)


class MentoringSession(SQLModel, table=True):
    """A logged mentoring conversation."""

    __tablename__ = "mentoring_session"
    id: int | None = _key("mentoring_session")
    caregiver_id: int
    mentor_id: int
    occurred_at: datetime = _when()
    topics: str | None = Field(default=None, max_length=300)  # comma-separated codes
    notes: str | None = _text()
    next_action: str | None = Field(default=None, max_length=300)
    next_action_due: date | None = None
    next_action_done: bool = False
    next_action_owner_id: int | None = None  # team_member.id; none: the mentor of the session
    request_id: int | None = None  # request.id: the request the next action serves, if it serves one


class Call(SQLModel, table=True):
    """A logged phone call, with a caregiver or with an organisation's contact."""

    __tablename__ = "call"
    id: int | None = _key("call")
    occurred_at: datetime = _when()
    member_id: int  # team_member.id
    caregiver_id: int | None = None
    organisation_id: int | None = None
    contact_id: int | None = None
    request_id: int | None = None
    kind: str = Field(max_length=30)
    duration_min: int | None = None
    summary: str | None = _text()
    outcome: str | None = Field(default=None, max_length=30)
    next_action: str | None = Field(default=None, max_length=300)
    next_action_due: date | None = None
    next_action_done: bool = False
    next_action_owner_id: int | None = None  # team_member.id; none: who made the call


class AuditEvent(SQLModel, table=True):
    """What a write changed: who, when, which entity, before and after (JSON)."""

    __tablename__ = "audit_event"
    id: int | None = _key("audit_event")
    occurred_at: datetime = _when(default_factory=utcnow)
    actor_id: int | None = None  # None: the system (demo data, upgrades)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: int | None = None
    before: str | None = _text()
    after: str | None = _text()


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds a random token, the store only its SHA-256."""

    __tablename__ = "web_session"
    token_hash: str = Field(primary_key=True, max_length=64)
    member_id: int
    created_at: datetime = _when(default_factory=utcnow)
    last_seen: datetime = _when(default_factory=utcnow)


class SignInGuard(SQLModel, table=True):
    """Failed sign-ins on one typed address, an account's or not, known only by the SHA-256 of the address:
    an unknown address is counted and locked exactly as a real one."""

    __tablename__ = "sign_in_guard"
    address_hash: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    last_failure_at: datetime | None = _when(default=None, nullable=True)
    locked_until: datetime | None = _when(default=None, nullable=True)


class Objection(SQLModel, table=True):
    """A person who objected or was erased, known only by keyed hashes of their e-mail, phone and RPPS,
    so that they are never re-created or re-imported."""

    __tablename__ = "objection"
    id: int | None = _key("objection")
    reason: str = Field(max_length=20)  # "opposition" or "effacement"
    email_hash: str | None = Field(default=None, max_length=64)
    phone_hash: str | None = Field(default=None, max_length=64)
    rpps_hash: str | None = Field(default=None, max_length=64)
    created_at: datetime = _when(default_factory=utcnow)


class SavedQuestion(SQLModel, table=True):
    """A question of the SQL console (or a pivot) saved with a name, shared with the team."""

    __tablename__ = "saved_question"
    id: int | None = _key("saved_question")
    name: str = Field(unique=True, max_length=120)
    kind: str = Field(default="sql", max_length=20)  # "sql" or "pivot"
    body: str = Field(sa_column=Column(Text, nullable=False))  # the statement, or the pivot's settings as JSON
    author_id: int | None = None  # team_member.id
    created_at: datetime = _when(default_factory=utcnow)


class CaregiverProgress(SQLModel, table=True):
    """Where a caregiver stands on the onboarding track, derived from their steps and kept by hyc.progress on every
    change of a step (never written elsewhere, never backed up: rebuilt from the steps). Reading it, rather than
    aggregating the steps again, is what keeps the pages fast when the pool is large."""

    __tablename__ = "caregiver_progress"
    caregiver_id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    stage: str = Field(max_length=30)  # the furthest step done (the optional AI training aside), or vocab.NO_STAGE
    ready: bool  # 'prêt(e) pour une mission' done
    placed_once: bool  # 'première mission faite' done
    last_progress_at: datetime | None = _when(default=None, nullable=True)  # the last step that moved


class RppsCheck(SQLModel, table=True):
    """A caregiver's RPPS as the Annuaire Santé extract last said it: found or not, its professions, specialties
    (savoir-faire) and modes of practice, whether they agree with the record, and a mentor's decision."""

    __tablename__ = "rpps_check"
    caregiver_id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    rpps: str = Field(max_length=11)
    checked_on: date
    found: bool
    professions: str | None = Field(default=None, max_length=200)  # our codes, comma-separated
    specialties: str | None = _text()  # the directory's savoir-faire labels, " ; "-separated
    modes: str | None = Field(default=None, max_length=200)  # the directory's modes of practice, " ; "-separated
    profession_agrees: bool | None = None  # None: not found
    specialty_agrees: bool | None = None  # None: nothing to compare (no specialty on one side)
    status: str = Field(max_length=20)  # vocab.RPPS_CHECK_STATUSES
    decided_by: int | None = None  # team_member.id
    decided_at: datetime | None = _when(default=None, nullable=True)


class MailTemplate(SQLModel, table=True):
    """The team's own wording of an e-mail the app sends (a proposal), per language: none stored, the app's default
    (hyc.exchange.proposals.DEFAULTS). The team's words with {placeholders}, never a sent message."""

    __tablename__ = "mail_template"
    __table_args__ = (Index("mail_template_kind_lang_key", "kind", "lang", unique=True),)
    id: int | None = _key("mail_template")
    kind: str = Field(max_length=30)  # "proposition"
    lang: str = Field(max_length=2)  # vocab.CAREGIVER_LANGS
    subject: str = Field(max_length=200)
    content: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = _when(default_factory=utcnow)
    author_id: int | None = None  # team_member.id
    row_version: int = 1


class MatchDocument(SQLModel, table=True):
    """A draft generated from a match's terms (hyc.exchange.documents): which document, when, by whom, from which
    terms. The file itself is never stored (it would copy names into the store): a download drafts it from the
    match's current terms, and a generation made from other terms is out of date. No free text, no names."""

    __tablename__ = "match_document"
    id: int | None = _key("match_document")
    match_id: int
    kind: str = Field(max_length=30)  # hyc.exchange.documents.KINDS
    generated_at: datetime = _when(default_factory=utcnow)
    member_id: int | None = None  # team_member.id
    # The terms the document was drafted from, and their fingerprint (SHA-256 of their canonical JSON).
    agreed_day_rate: int
    agreed_days: float
    mission_start: date | None = None
    regime: str | None = Field(default=None, max_length=20)  # "declaration", "autorisation"; none: no convention
    terms_fingerprint: str = Field(max_length=64)


class DistinctPair(SQLModel, table=True):
    """Two records the duplicates finder (hyc.merge) listed, that a founder said are not one: two people or two
    organisations that only look alike (homonyms). The pair is listed no more. The two are named by their ids, the
    smaller first, of the kind `entity` says; a merge never moves them (a pair naming a merged record is moot: it
    is not listed either). One row per pair, kept by the store."""

    __tablename__ = "distinct_pair"
    __table_args__ = (Index("distinct_pair_key", "entity", "first_id", "second_id", unique=True),)
    id: int | None = _key("distinct_pair")
    entity: str = Field(max_length=20)  # "caregiver" or "organisation"
    first_id: int  # the smaller id of the pair
    second_id: int
    decided_by: int  # team_member.id
    decided_at: datetime = _when(default_factory=utcnow)


class DigestSent(SQLModel, table=True):
    """A member's daily digest, sent on one day (hyc.digest): the store keeps one per member and day, claimed before
    the e-mail goes, so that no restart and no second thread sends it twice. Bookkeeping, not backed up."""

    __tablename__ = "digest_sent"
    __table_args__ = (Index("digest_sent_member_day_key", "member_id", "day", unique=True),)
    id: int | None = _key("digest_sent")
    member_id: int  # team_member.id
    day: date  # in Paris
    items: int = 0  # how many things it listed
    sent_at: datetime = _when(default_factory=utcnow)


class WorkshopSession(SQLModel, table=True):
    """One session of a workshop or interviews request (hyc.workshops): when, how long, where or on which video
    link. Its calendar invitation keeps one UID for life and a SEQUENCE raised by each change of time or place and by
    its cancellation, so that calendars update the event they hold."""

    __tablename__ = "workshop_session"
    id: int | None = _key("workshop_session")
    request_id: int  # request.id
    starts_at: datetime = _when()  # UTC, naive; typed and shown in Paris time
    duration_min: int
    place: str | None = Field(default=None, max_length=200)
    video_link: str | None = Field(default=None, max_length=300)
    uid: str = Field(max_length=120)  # the invitation's UID, stable
    sequence: int = 0  # the invitation's SEQUENCE, raised by each change the participants must hear of
    cancelled_at: datetime | None = _when(default=None, nullable=True)
    author_id: int | None = None  # team_member.id
    created_at: datetime = _when(default_factory=utcnow)
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class WorkshopInvitation(SQLModel, table=True):
    """One calendar e-mail sent for a session to one participant (a match of the request): what it was (REQUEST, or
    CANCEL) and the SEQUENCE it carried. Its text is not kept: it is the session's facts, in the store already."""

    __tablename__ = "workshop_invitation"
    id: int | None = _key("workshop_invitation")
    session_id: int  # workshop_session.id
    match_id: int  # match.id: the participant
    method: str = Field(max_length=10)  # "REQUEST" or "CANCEL"
    sequence: int
    sent_at: datetime = _when(default_factory=utcnow)
    sent_by: int | None = None  # team_member.id


class WorkshopAttendance(SQLModel, table=True):
    """After a session: whether a participant came, their feedback in a few words, and whether they had the short AI
    briefing before it (which marks their onboarding's AI training done)."""

    __tablename__ = "workshop_attendance"
    __table_args__ = (Index("workshop_attendance_session_match_key", "session_id", "match_id", unique=True),)
    id: int | None = _key("workshop_attendance")
    session_id: int  # workshop_session.id
    match_id: int  # match.id: the participant
    attended: bool | None = None  # None: not said yet
    feedback: str | None = Field(default=None, max_length=500)
    ai_briefing: bool = False
    author_id: int | None = None  # team_member.id
    updated_at: datetime = _when(default_factory=utcnow)
    row_version: int = 1


class SchemaVersion(SQLModel, table=True):
    """One applied upgrade step: the store's version is the highest one."""

    __tablename__ = "schema_version"
    version: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    summary: str = Field(max_length=200)
    applied_at: datetime = _when(default_factory=utcnow)


# Columns where people write free text, table by table: a caregiver's erasure looks for their identifiers in each
# (tests check that every text column of the schema is either here or a known structured one).
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "caregiver": ("notes",),
    "organisation": ("notes",),
    "contact": ("role",),
    "request": ("title", "description"),
    "match": ("caregiver_feedback", "client_feedback"),
    "call": ("summary", "next_action"),
    "mentoring_session": ("notes", "next_action"),
    "saved_question": ("name", "body"),  # a console query may name a person
    "mail_template": ("subject", "content"),  # the team's words, which may name someone all the same
    "workshop_session": ("place", "video_link"),  # typed by the team: a room or a link may carry a name
    "workshop_attendance": ("feedback",),
    "audit_event": ("before", "after"),
}
# The values of an audit event that hold what a person typed without being a column's copy: a console query's
# text and an import's file name (either may name someone). Erasure searches them as it searches FREE_TEXT.
AUDIT_FREE_TEXT: tuple[str, ...] = ("sql", "file", "refused")

# Tables holding the domain's rows, in load order (the schema_version table is bookkeeping).
DOMAIN_TABLES = (TeamMember, Caregiver, Organisation, Contact, Request, RequestEvent, Match, MatchEvent,
                 OnboardingStep, MentoringSession, Call, SavedQuestion, RppsCheck, MailTemplate, MatchDocument,
                 WorkshopSession, WorkshopInvitation, WorkshopAttendance, DistinctPair, AuditEvent)

# Every table by its name.
TABLES: dict[str, type[SQLModel]] = {m.__tablename__: m for m in (*DOMAIN_TABLES, WebSession, SignInGuard, Objection,
                                                                  DigestSent, SchemaVersion)}
