"""Proposals sent by e-mail (issue 30): the team writes to the caregivers picked for a request, each in their
language, from a template the team edits; each message sent moves its match to "contactée", is logged with the
calls (kind "proposition_email") and is an audit event; the answers move the match on.

What is kept of a message is that it went: when, by whom, to which match (the call row and the audit event). Its
text is never stored: it is the team's template filled with the request and the person, both in the store already.

- `prepare` is the preview: who gets which message, and who is skipped and why (objection list, erased,
  archived, no e-mail, a match already past "contactée"), with a phone to call instead where calling is allowed.
- `send` creates the matches still missing (as the shortlist's "propose"), sends through hyc.exchange.mail (a
  refusal of one recipient never stops the others) and records each message sent in its own transaction.
- `answer` records a caregiver's answer in one click: "intéressée", or "déclinée par le soignant" with its reason.
- The templates: one per language, stored when the team changed the app's own (`DEFAULTS`); `check_template`
  refuses an unknown field or a lone brace with a sentence.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, i18n, matches, models, organisations, privacy, validation, vocab
from hyc.audit import Actor, WriteError
from hyc.exchange import mail
from hyc.i18n import Message
from hyc.text import last_name_pattern, typed
from hyc.validation import PARAGRAPH, Form, FormInvalid

KIND = "proposition"
# The most people one sending writes to: as many as one action may put on a request.
MAX_AT_ONCE = matches.MAX_AT_ONCE
# The call-log kind of a proposal sent by e-mail.
CALL_KIND = "proposition_email"
# Matches a proposal may (still) be sent for: a first one, or a reminder to someone contacted who has not answered.
SENDABLE_STAGES = ("suggeree", "contactee")
# The fields a template may hold, in the order the team reads them; each is explained in hyc.i18n.proposals.
FIELDS = ("prenom", "nom", "mission", "type", "client", "activite", "dates", "jours", "tarif", "lieu", "description",
          "signature")

DEFAULTS = {
    "fr": ("Une mission pour vous : {mission}",
           "Bonjour {prenom},\n\n"
           "Nous avons pensé à vous pour une mission :\n\n"
           "- Mission : {mission} ({type})\n"
           "- Client : {client} ({activite})\n"
           "- Début : {dates}\n"
           "- Durée : {jours}\n"
           "- Rémunération : {tarif}\n"
           "- Modalités : {lieu}\n\n"
           "{description}\n\n"
           "Cela vous intéresse-t-il ? Répondez simplement à ce message, ou appelez-nous : nous vous dirons la "
           "suite.\n\n"
           "Bien cordialement,\n"
           "{signature}\n"
           "L'équipe Hack Your Care"),
    "en": ("An assignment for you: {mission}",
           "Hello {prenom},\n\n"
           "We thought of you for an assignment:\n\n"
           "- Assignment: {mission} ({type})\n"
           "- Client: {client} ({activite})\n"
           "- Start: {dates}\n"
           "- Length: {jours}\n"
           "- Pay: {tarif}\n"
           "- Arrangements: {lieu}\n\n"
           "{description}\n\n"
           "Are you interested? Just reply to this message, or call us: we will tell you what comes next.\n\n"
           "Kind regards,\n"
           "{signature}\n"
           "The Hack Your Care team"),
}
LANGS = tuple(DEFAULTS)


# --- Templates ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    lang: str
    subject: str
    content: str
    stored: bool = False  # False: the app's default
    version: int | None = None
    updated_at: datetime | None = None
    author: str | None = None


def _fields_of(text: str) -> list[tuple[str, str | None, str | None]]:
    """The fields of a template text (name, conversion, format spec); ValueError on a lone brace."""
    return [(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None]


def template_problems(text: str) -> Message | None:
    """What makes a template text unusable, as a sentence; None when it can be filled."""
    try:
        fields = _fields_of(text)
    except ValueError:
        return Message("proposals.error.braces")
    odd = sorted({name for name, conversion, spec in fields if conversion or spec or not name.isidentifier()})
    if odd:
        return Message("proposals.error.field_form", names=[f"{{{name}}}" for name in odd])
    unknown = sorted({name for name, _, _ in fields if name not in FIELDS})
    if unknown:
        return Message("proposals.error.unknown_field", names=[f"{{{name}}}" for name in unknown],
                       known=[f"{{{name}}}" for name in FIELDS])
    return None


def check_template(data: dict) -> dict:
    """A template's language, subject and text as the team typed them; FormInvalid with a sentence per field (an
    unknown field, a lone brace, nothing written)."""
    f = Form(data)
    values = {"lang": f.code("lang", vocab.CAREGIVER_LANGS, required=True),
              "subject": f.text("subject", required=True, max_length=200),
              "content": f.text("content", required=True, max_length=PARAGRAPH)}
    for name in ("subject", "content"):
        problem = template_problems(values[name]) if values[name] else None
        if problem:
            f.fail(name, problem)
    f.finish()
    values["subject"] = " ".join(values["subject"].split())  # one line: it is a header
    return values


def templates(engine: Engine) -> dict[str, Template]:
    """The template of each language: the team's when stored, else the app's default."""
    with Session(engine) as session:
        rows = session.exec(select(models.MailTemplate).where(models.MailTemplate.kind == KIND)).all()
        authors = {m.id: m.full_name for m in session.exec(select(models.TeamMember)).all()}
    found = {row.lang: Template(row.lang, row.subject, row.content, True, row.row_version, row.updated_at,
                                authors.get(row.author_id)) for row in rows}
    return {lang: found.get(lang) or Template(lang, *DEFAULTS[lang]) for lang in LANGS}


def save_template(engine: Engine, actor: Actor, data: dict, *, expected_version: int | None = None) -> Template:
    """Keep the team's wording of one language's template (founders: the team's settings), checked first."""
    values = check_template(data)
    with audit.transaction(engine, actor, "team") as session:
        row = session.exec(select(models.MailTemplate).where(models.MailTemplate.kind == KIND,
                                                             models.MailTemplate.lang == values["lang"])).first()
        if row is None:
            row = models.MailTemplate(kind=KIND, author_id=actor.id, **values)
            session.add(row)
            session.flush()
            audit.log(session, actor, "create", "mail_template", row.id, None, audit.snapshot(row))
        else:
            audit.check_version(session, row, "mail_template", expected_version)
            audit.apply(session, actor, row, "mail_template", {**values, "author_id": actor.id})
    return Template(row.lang, row.subject, row.content, True, row.row_version, row.updated_at, actor.name)


def reset_template(engine: Engine, actor: Actor, lang: str) -> None:
    """Back to the app's default for one language (the team's wording stays in the audit log)."""
    with audit.transaction(engine, actor, "team") as session:
        row = session.exec(select(models.MailTemplate).where(models.MailTemplate.kind == KIND,
                                                             models.MailTemplate.lang == lang)).first()
        if row is not None:
            audit.log(session, actor, "reset", "mail_template", row.id, audit.snapshot(row), None)
            session.delete(row)


def fill(template: Template, values: dict[str, str]) -> tuple[str, str]:
    """The subject and text of one message: the template with the person's values (an empty field leaves no
    blank paragraph behind)."""
    for text in (template.subject, template.content):
        problem = template_problems(text)
        if problem:  # a template changed outside the app: said, never sent half-filled
            raise WriteError(problem)
    subject = " ".join(template.subject.format_map(values).split())
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", template.content.format_map(values)).strip() + "\n"
    return subject, text


# --- The messages ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """One message ready to go."""

    caregiver_id: int
    match_id: int | None  # None: the match is created at sending
    stage: str | None
    version: int | None  # the match's row version when the message was written
    name: str
    to: str
    lang: str
    subject: str
    text: str


@dataclass(frozen=True)
class Skipped:
    """Someone the proposal does not go to by e-mail, and why; `phone` (E.164) when calling them is allowed."""

    caregiver_id: int
    name: str
    reason: Message
    phone: str | None = None


@dataclass(frozen=True)
class Plan:
    request_id: int
    title: str
    drafts: tuple[Draft, ...]
    skipped: tuple[Skipped, ...]


class TooMany(WriteError):
    def __init__(self, n: int) -> None:
        super().__init__(Message("proposals.too_many", n=n, cap=MAX_AT_ONCE, extra=n - MAX_AT_ONCE))


class NobodyPicked(WriteError):
    def __init__(self) -> None:
        super().__init__(Message("proposals.pick_someone"))


def _checked_ids(caregiver_ids) -> list[int]:
    ids = list(dict.fromkeys(int(i) for i in caregiver_ids))
    if not ids:
        raise NobodyPicked()
    if len(ids) > MAX_AT_ONCE:
        raise TooMany(len(ids))
    return ids


def _days(value: float | None, lang: str) -> str:
    if value is None:
        return i18n.t("proposals.value.days_unknown", lang)
    return i18n.t("proposals.value.days", lang, n=i18n.Figure(float(value), digits=1))


def _place(request: models.Request, lang: str) -> str:
    region = vocab.REGIONS.label(request.region, lang) if request.region else None
    if request.work_mode == "distanciel":
        return i18n.t("proposals.value.remote", lang)
    if request.work_mode == "presentiel":
        return i18n.t("proposals.value.on_site_in", lang, region=region) if region else i18n.t(
            "proposals.value.on_site", lang)
    if request.work_mode == "hybride":
        return i18n.t("proposals.value.hybrid_in", lang, region=region) if region else i18n.t(
            "proposals.value.hybrid", lang)
    return i18n.t("proposals.value.place_unknown", lang)


def _rate(match: models.Match | None, request: models.Request, lang: str) -> str:
    if match is not None and match.agreed_day_rate:
        return i18n.t("proposals.value.rate", lang, rate=i18n.Figure(match.agreed_day_rate, euros=True))
    if request.budget_day_rate:
        return i18n.t("proposals.value.budget", lang, rate=i18n.Figure(request.budget_day_rate, euros=True))
    return i18n.t("proposals.value.rate_unknown", lang)


@dataclass(frozen=True)
class ClientNames:
    """What names a client in a request's own words, each a regular expression with the key of its mask: the
    client's name as its words, whatever is typed between them, in any case; the same without its legal form (in
    any case when it is several words, written as a name is when it is one: "Kerbrat", "KERBRAT"); its website's
    address, whole; each contact as erasure finds a person (hyc.privacy.identifiers: full name either way round,
    last name alone written as names are; e-mail and phone written any way, masked as contact details). A
    confidential request is sent masked."""

    patterns: tuple[tuple[str, str], ...]  # the longest name first: one holding another is masked whole

    def masked(self, text: str, lang: str) -> str:
        """`text` with each name replaced, in one pass (a mask is never read again as a name)."""
        if not self.patterns:
            return text
        names = re.compile("|".join(f"(?P<n{i}>{pattern})" for i, (pattern, _) in enumerate(self.patterns)))
        return names.sub(lambda found: i18n.t(self.patterns[int(found.lastgroup[1:])][1], lang), text)


def _as_words(name: str) -> str:
    """`name` as its words, whatever people type between them: "L'Atelier Santé" is also "L Atelier-Santé"."""
    return r"[\W_]+".join(typed(word) for word in re.findall(r"[^\W_]+", name))


def client_names(session: Session, organisation: models.Organisation) -> ClientNames:
    client, person = "proposals.value.client_masked", "proposals.value.person_masked"
    details = {"e-mail": "proposals.value.details_masked", "téléphone": "proposals.value.details_masked"}
    found: list[tuple[str, str, str]] = []  # (what it stands for, its pattern, its mask): the longest first
    name, bare = organisation.name.strip(), organisations.bare_name(organisation.name)
    if bare:  # a name with no word in it ("***") names nothing in a text, and an empty pattern would match anywhere
        found.append((name, rf"(?i:(?<!\w){_as_words(name)}(?!\w))", client))
    if bare and bare != name and " " in bare:
        found.append((bare, rf"(?i:(?<!\w){_as_words(bare)}(?!\w))", client))
    elif bare and bare != name:  # one word, maybe an ordinary one ("Santé" of "Groupe Santé"): as a name is written
        found.append((bare, last_name_pattern(bare), client))
    address = re.sub(r"^(https?://)?(www\.)?", "", (organisation.website or "").strip(), flags=re.IGNORECASE)
    host = address.split("/")[0]  # "curalens.fr", whatever page of it was saved
    if host:  # with its scheme, "www." and any page of it, never the punctuation after it
        found.append((host, rf"(?i:(?:https?://)?(?:www\.)?{re.escape(host)}(?:/\S*[^\s.,;:!?)])?)", client))
    contacts = session.exec(select(models.Contact).where(models.Contact.organisation_id == organisation.id)).all()
    for contact in contacts:
        phone = contact.phone if contact.phone and validation.phone_or_none(contact.phone) == contact.phone else None
        identity = privacy.Identity(contact.id, contact.first_name, contact.last_name, contact.email, phone, None)
        # What each identifier stands for, to put the longest first (a name inside an e-mail goes with it).
        written = {"e-mail": contact.email, "téléphone": phone, "nom": f"{contact.first_name} {contact.last_name}",
                   privacy.LAST_NAME: contact.last_name}
        for what, pattern in privacy.identifiers(identity):
            source = f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else pattern.pattern
            found.append((written[what] or "", source, details.get(what, person)))
    found.sort(key=lambda entry: len(entry[0]), reverse=True)
    return ClientNames(tuple((pattern, mask) for _, pattern, mask in found))


def values_for(caregiver: models.Caregiver, request: models.Request, organisation: models.Organisation,
               match: models.Match | None, lang: str, sender: str, names: ClientNames) -> dict[str, str]:
    """What each field of the template says for one person, in their language: the match's terms where the team
    agreed them, else the request's; a confidential client's `names` masked in the request's words."""
    start: date | None = (match.mission_start if match is not None and match.mission_start else None) \
        or request.start_date
    days = match.agreed_days if match is not None and match.agreed_days else request.expected_days
    title, description = request.title, request.description or ""
    if request.confidential:  # the title and the description may name the client too ("OncoFlow cherche…")
        title, description = names.masked(title, lang), names.masked(description, lang)
    return {
        "prenom": caregiver.first_name,
        "nom": caregiver.last_name,
        "mission": title,
        "type": vocab.MISSION_TYPES.label(request.mission_type, lang),
        "client": i18n.t("proposals.value.confidential_client", lang) if request.confidential else organisation.name,
        "activite": vocab.ORGANISATION_KINDS.label(organisation.kind, lang),
        "dates": i18n.t("proposals.value.from", lang, date=f"{start:%d/%m/%Y}") if start
        else i18n.t("proposals.value.to_agree", lang),
        "jours": _days(days, lang),
        "tarif": _rate(match, request, lang),
        "lieu": _place(request, lang),
        "description": description,
        "signature": sender,
    }


def _skip_reason(caregiver: models.Caregiver, objections: privacy.ObjectionList, match: models.Match | None
                 ) -> tuple[Message, bool] | None:
    """Why no e-mail goes to this person, and whether they may be called instead; None: it goes."""
    if caregiver.erased_at is not None:
        return Message("proposals.skip.erased"), False
    if objections.holds({"email": caregiver.email, "phone": caregiver.phone, "rpps": caregiver.rpps}):
        return Message("proposals.skip.objection"), False
    if caregiver.archived:
        return Message("proposals.skip.archived"), True
    if not caregiver.email:
        return Message("proposals.skip.no_email"), True
    if match is not None and match.stage not in SENDABLE_STAGES:
        return Message("proposals.skip.stage", stage=vocab.MATCH_STAGES.term(match.stage)), False
    return None


def _request_parts(session: Session, request_id: int) -> tuple[models.Request, models.Organisation]:
    request = session.get(models.Request, request_id)
    if request is None:
        raise audit.NotFound("this_request")
    return request, session.get(models.Organisation, request.organisation_id)


def prepare(engine: Engine, request_id: int, caregiver_ids: tuple[int, ...], sender: str) -> Plan:
    """The messages a sending would write, each filled for its person, and who is skipped and why (the preview).
    More than MAX_AT_ONCE people is refused."""
    ids = _checked_ids(caregiver_ids)
    chosen = templates(engine)
    with Session(engine) as session:
        request, organisation = _request_parts(session, request_id)
        if request.status not in vocab.OPEN_REQUEST_STATUSES:
            raise FormInvalid({"caregiver_ids": Message("error.request_closed",
                                                        status=vocab.REQUEST_STATUSES.term(request.status))})
        objections = privacy.objection_list(session)
        on_request = {m.caregiver_id: m for m in session.exec(
            select(models.Match).where(models.Match.request_id == request_id,
                                       models.Match.caregiver_id.in_(ids))).all()}
        names = client_names(session, organisation)
        drafts, skipped = [], []
        for caregiver_id in ids:
            caregiver = session.get(models.Caregiver, caregiver_id)
            if caregiver is None:
                skipped.append(Skipped(caregiver_id, f"n° {caregiver_id}", Message("proposals.skip.gone")))
                continue
            name = f"{caregiver.first_name} {caregiver.last_name}"
            match = on_request.get(caregiver_id)
            reason = _skip_reason(caregiver, objections, match)
            if reason is not None:
                why, may_call = reason
                skipped.append(Skipped(caregiver_id, name, why, caregiver.phone if may_call else None))
                continue
            lang = caregiver.lang if caregiver.lang in LANGS else "fr"
            values = values_for(caregiver, request, organisation, match, lang, sender, names)
            subject, text = fill(chosen[lang], values)
            drafts.append(Draft(caregiver_id, match.id if match else None, match.stage if match else None,
                                match.row_version if match else None, name, caregiver.email, lang, subject, text))
    return Plan(request_id, request.title, tuple(drafts), tuple(skipped))


# --- Sending ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a sending did: the messages sent (and recorded), those that did not go with why, those sent but that
    the store could not record, and the people skipped."""

    request_id: int
    title: str
    sent: tuple[Draft, ...]
    failed: tuple[tuple[Draft, Message], ...]
    unrecorded: tuple[tuple[Draft, Message], ...]
    skipped: tuple[Skipped, ...]
    # Each match moved by a message sent: (match id, row version before, after), so that a form filled from the
    # match before knows it is still the match as it is.
    moved: tuple[tuple[int, int, int], ...] = ()


def send(engine: Engine, actor: Actor, request_id: int, caregiver_ids, *, smtp: mail.Smtp,
         now: datetime | None = None) -> Outcome:
    """Write to each person picked for the request: the matches still missing are created first (as the
    shortlist's "propose" does), the messages go over one connection, and each one sent moves its match to
    "contactée" (a reminder leaves a contacted match where it is), is logged with the calls and audited, in its
    own transaction. A failure is said per person; the others still go."""
    audit.require(actor, "matches")
    audit.require(actor, "calls")
    if actor.id is None:  # a message sent is signed by a member of the team, and logged under their name
        raise audit.PermissionDenied(actor, "matches")
    ids = _checked_ids(caregiver_ids)
    plan = prepare(engine, request_id, tuple(ids), actor.name)
    missing = [d.caregiver_id for d in plan.drafts if d.match_id is None]
    if missing:
        matches.add_candidates(engine, actor, request_id, missing)
        plan = prepare(engine, request_id, tuple(ids), actor.name)  # the same messages, with their matches
    drafts = [d for d in plan.drafts if d.match_id is not None]
    results = mail.send(smtp, [mail.message(smtp, d.to, d.subject, d.text, lang=d.lang) for d in drafts])
    sent, failed, unrecorded, moved = [], [], [], []
    for draft, result in zip(drafts, results, strict=True):
        if not result.ok:
            failed.append((draft, result.problem))
            continue
        try:
            after = _record(engine, actor, draft, now or models.utcnow())
            sent.append(draft)
            moved.append((draft.match_id, draft.version, after))
        except (WriteError, FormInvalid) as exc:
            why = exc.message if isinstance(exc, WriteError) else next(iter(exc.errors.values()))
            unrecorded.append((draft, why))
    return Outcome(request_id, plan.title, tuple(sent), tuple(failed), tuple(unrecorded), plan.skipped,
                   tuple(moved))


def _record(engine: Engine, actor: Actor, draft: Draft, at: datetime) -> int:
    """One message sent: its match to "contactée", a call-log row (kind "proposition_email", no text) and the
    audit events, in one transaction. Returns the match's row version."""
    with audit.transaction(engine, actor, "matches") as session:
        match = session.get(models.Match, draft.match_id)
        if match is None:
            raise audit.NotFound("this_match")
        if match.stage == "suggeree":
            matches.move_in(session, actor, match.id, "contactee", expected_version=None)
        call = models.Call(occurred_at=at, member_id=actor.id, caregiver_id=draft.caregiver_id,
                           request_id=match.request_id, kind=CALL_KIND)
        session.add(call)
        session.flush()
        audit.log(session, actor, "create", "call", call.id, None, audit.snapshot(call))
        audit.log(session, actor, "send", "match", match.id, None,
                  {"channel": "email", "lang": draft.lang, "call_id": call.id})
        return match.row_version


# --- Answers ---------------------------------------------------------------------------------------------------

ANSWERS = ("interessee", "declinee_soignant")


def answer(engine: Engine, actor: Actor, match_id: int, stage: str, *, reason: str | None = None,
           expected_version: int | None) -> models.Match:
    """A caregiver's answer to a proposal, in one click: interested, or declining with one of the declines'
    reasons; the match moves as its stage rules allow (hyc.matches.move)."""
    if stage not in ANSWERS:
        raise FormInvalid({"stage": Message("error.pick_one")})
    return matches.move(engine, actor, match_id, stage, reason=reason if stage != "interessee" else None,
                        expected_version=expected_version)
