"""Word drafts from a match's agreed terms, in French: the convention between the organisation and the caregiver
under the anti-gift rules, the summary the Ordre's filing asks for (a declaration, or a request for authorisation
and its two months), and the caregiver's mission letter. Each says it is a draft to review ("Projet à relire").

Templates: real .docx files in `hyc/exchange/templates/`, filled by docxtpl (Jinja placeholders); they can be edited
in Word, or made again by `python hyc/exchange/templates/build.py`. A placeholder the context does not give stops the
drafting (StrictUndefined) rather than leaving a blank in a legal text.

The rules are never computed here: the regime, the thresholds reached, the date by which the Ordre must be asked and
the earliest start once it is late come from `hyc.compliance` (`verdict`, `crossing_sentences`, `cumul_applies`);
amounts and dates are written by the domain's own formatters (`compliance.euros`, `validation.fr_date`).

What is stored, and why
- The file is never stored. It would copy names, an RPPS and the request's title into the store, out of reach of the
  erasure's free-text search and of the subject-access export. A download always drafts the document from the
  match's CURRENT terms and record (the same inputs give the same text).
- Each generation is a row of `match_document` (upgrade step 19) and an audit event ("document" on the match): which
  document, when, by whom, and the terms it was drafted from: the agreed day rate and days, the mission start, the
  regime, and their fingerprint (SHA-256 of their canonical JSON). Numbers, dates and codes only: no name, no free
  text, so erasure has nothing to search there (tests/test_privacy.py lists its columns as holding none) and the
  rows stay with the match's agreed rates for the statistics, as the match's own do. The subject-access export
  includes them with the person's matches.
- Out of date: a generation whose fingerprint differs from the fingerprint of the match's current terms was drafted
  from other terms (a rate, a number of days, a start or a regime changed since) and is listed "périmé". What
  changes outside the terms (a name corrected, an RPPS added) does not make it out of date: the fingerprint holds
  the terms only, so that it never holds anything that could identify someone.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from hyc import audit, compliance, db, models, vocab
from hyc.audit import Actor, WriteError
from hyc.i18n import Figure, Message
from hyc.validation import fr_date

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The documents, in the order they are offered; the first two exist only under the anti-gift rules.
KINDS = ("convention", "declaration_ordre", "lettre_mission")
ANTI_GIFT_KINDS = ("convention", "declaration_ordre")
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The audit action of a generation (entity "match").
ACTION = "document"

# Who receives the filing, by profession (the professions with an Ordre); the others are said to be checked.
ORDRES = {
    "medecin": "conseil départemental de l'Ordre des médecins",
    "chirurgien_dentiste": "conseil départemental de l'Ordre des chirurgiens-dentistes",
    "sage_femme": "conseil départemental de l'Ordre des sages-femmes",
    "pharmacien": "conseil compétent de l'Ordre des pharmaciens",
    "infirmier": "conseil départemental de l'Ordre des infirmiers",
    "masseur_kinesitherapeute": "conseil départemental de l'Ordre des masseurs-kinésithérapeutes",
}
NO_ORDRE = "profession sans ordre ou étudiant(e) : instance à vérifier"


class TermsUnknown(WriteError):
    def __init__(self) -> None:
        super().__init__(Message("documents.error.no_terms"))


class NotApplicable(WriteError):
    def __init__(self) -> None:
        super().__init__(Message("documents.error.not_applicable"))


@dataclass(frozen=True)
class Terms:
    """What a document is drafted from, and what its fingerprint holds: numbers, a date and a code."""

    agreed_day_rate: int
    agreed_days: float
    mission_start: date | None
    regime: str | None  # None: the anti-gift rules do not apply (no health product)

    def canonical(self) -> str:
        return json.dumps({"agreed_day_rate": int(self.agreed_day_rate), "agreed_days": float(self.agreed_days),
                           "mission_start": self.mission_start.isoformat() if self.mission_start else None,
                           "regime": self.regime}, sort_keys=True, separators=(",", ":"))

    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()


@dataclass(frozen=True)
class Facts:
    """One match with its request, organisation and caregiver, as read for a document."""

    match: models.Match
    request: models.Request
    organisation: models.Organisation
    caregiver: models.Caregiver

    @property
    def student(self) -> bool:
        return self.caregiver.profession == "etudiant_sante"

    @property
    def start(self) -> date | None:
        """The mission's start: the match's own, else the request's (as the record shows it)."""
        return self.match.mission_start or self.request.start_date

    def terms(self) -> Terms | None:
        """The current terms, None while the agreed day rate or days are not known."""
        rate, days = self.match.agreed_day_rate, self.match.agreed_days
        if not rate or not days or rate <= 0 or days <= 0:
            return None
        regime = (compliance.convention_regime(rate, days, student=self.student)
                  if self.organisation.makes_health_products else None)
        return Terms(int(rate), float(days), self.start, regime)


def kinds_for(makes_health_products: bool) -> tuple[str, ...]:
    """The documents a match can have: the convention and the Ordre's filing only under the anti-gift rules."""
    return KINDS if makes_health_products else tuple(k for k in KINDS if k not in ANTI_GIFT_KINDS)


def file_name(kind: str, match_id: int, today: date) -> str:
    return f"hyc-{kind.replace('_', '-')}-proposition-{match_id}-{today:%Y-%m-%d}.docx"


def _facts(session: Session, match_id: int) -> Facts:
    match = session.get(models.Match, match_id)
    if match is None:
        raise audit.NotFound("this_match")
    request = session.get(models.Request, match.request_id)
    return Facts(match, request, session.get(models.Organisation, request.organisation_id),
                 session.get(models.Caregiver, match.caregiver_id))


def _checked(facts: Facts, kind: str) -> Terms:
    if kind not in KINDS:
        raise ValueError(kind)
    if kind not in kinds_for(facts.organisation.makes_health_products):
        raise NotApplicable()
    terms = facts.terms()
    if terms is None:
        raise TermsUnknown()
    return terms


# --- What the templates say ----------------------------------------------------------------------------------------

def _days(days: float) -> tuple[str, str]:
    """"3" and "jours"; "1" or "0,5" and "jour" (French counts under two in the singular)."""
    return str(Figure(days, digits=2)), "jour" if days < 2 else "jours"


def _label(terms: vocab.Vocab, code: str | None) -> str:
    return terms.label(code, "fr") if code else ""


def context(facts: Facts, terms: Terms, *, today: date, by: str) -> dict:
    """Every value the three templates use, written as the documents write them (French, dd/mm/yyyy, 1 200 €)."""
    m, r, o, c = facts.match, facts.request, facts.organisation, facts.caregiver
    rate, days = terms.agreed_day_rate, terms.agreed_days
    n, unit = _days(days)
    verdict = compliance.verdict(makes_health_products=o.makes_health_products, day_rate=rate, days=days,
                                 start=terms.mission_start, today=today, student=facts.student)
    limits = compliance.THRESHOLDS["student" if facts.student else "professional"]
    file_by = verdict.file_by.get(verdict.regime) if verdict and terms.mission_start else None
    return {
        "today": fr_date(today), "member": by,
        "organisation": o.name, "organisation_kind": _label(vocab.ORGANISATION_KINDS, o.kind),
        "organisation_city": o.city or "",
        "caregiver": f"{c.first_name} {c.last_name}", "first_name": c.first_name,
        "profession": _label(vocab.PROFESSIONS, c.profession), "specialty": _label(vocab.SPECIALTIES, c.specialty),
        "rpps": c.rpps or "", "student": facts.student,
        "title": r.title, "mission_type": _label(vocab.MISSION_TYPES, r.mission_type),
        "work_mode": _label(vocab.REQUEST_WORK_MODES, r.work_mode),
        "start": fr_date(terms.mission_start) if terms.mission_start else "",
        "days": n, "days_unit": unit,
        "day_rate": compliance.euros(rate), "total": compliance.euros(rate * days),
        "hour_rate": compliance.euros(rate / compliance.HOURS_PER_DAY), "half_day_rate": compliance.euros(rate / 2),
        "anti_gift": bool(o.makes_health_products), "regime": terms.regime or "",
        "thresholds_for": "étudiants" if facts.student else "professionnels de santé",
        "threshold_hour": compliance.euros(limits["hour"]), "threshold_half_day": compliance.euros(limits["half_day"]),
        "threshold_agreement": compliance.euros(limits["agreement"]),
        "crossed": [str(s) for s in compliance.crossing_sentences(rate, days, student=facts.student)],
        "file_by": fr_date(file_by) if file_by else "",
        "late": bool(verdict and verdict.late),
        "earliest_start": fr_date(verdict.earliest_start) if verdict and verdict.earliest_start else "",
        "ordre": ORDRES.get(c.profession, NO_ORDRE),
        "cumul": bool(compliance.cumul_applies(c.profession, c.practice_setting)),
        "cumul_status": _label(vocab.CUMUL_STATUSES, m.cumul_status),
        "convention_status": _label(vocab.CONVENTION_STATUSES, m.convention_status),
        "submitted_on": fr_date(m.convention_submitted_on) if m.convention_submitted_on else "",
    }


def render(kind: str, values: dict) -> bytes:
    """The template of `kind` filled with `values` (escaped: an organisation called "A & B" stays one)."""
    import jinja2  # with docxtpl: imported when a document is drafted, not with every page
    from docxtpl import DocxTemplate

    template = DocxTemplate(TEMPLATES / f"{kind}.docx")
    template.render(values, jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


# --- Drafting, recording -------------------------------------------------------------------------------------------

def draft(engine: Engine, match_id: int, kind: str, *, today: date, by: str) -> bytes:
    """The document drafted from the match's current terms (nothing written: `record` says it was generated)."""
    with db.session(engine) as session:
        facts = _facts(session, match_id)
        terms = _checked(facts, kind)
        return render(kind, context(facts, terms, today=today, by=by))


def _record(session: Session, actor: Actor, facts: Facts, kind: str, terms: Terms) -> models.MatchDocument:
    row = models.MatchDocument(match_id=facts.match.id, kind=kind, member_id=actor.id,
                               agreed_day_rate=terms.agreed_day_rate, agreed_days=terms.agreed_days,
                               mission_start=terms.mission_start, regime=terms.regime,
                               terms_fingerprint=terms.fingerprint())
    session.add(row)
    session.flush()
    audit.log(session, actor, ACTION, "match", facts.match.id, None, {
        "document": kind, "agreed_day_rate": terms.agreed_day_rate, "agreed_days": terms.agreed_days,
        "mission_start": terms.mission_start.isoformat() if terms.mission_start else None})
    return row


def record(engine: Engine, actor: Actor, match_id: int, kind: str) -> models.MatchDocument:
    """Record that `kind` was generated for the match, from its current terms (an audit event with them): what the
    interface's download button writes when it is clicked, the file being drafted beside it (`draft`)."""
    with audit.transaction(engine, actor, "matches") as session:
        facts = _facts(session, match_id)
        return _record(session, actor, facts, kind, _checked(facts, kind))


def generate(engine: Engine, actor: Actor, match_id: int, kind: str, *, today: date) -> bytes:
    """Draft the document from the current terms and record its generation, in one transaction: the file only if it
    is recorded, the record only if the file was made."""
    with audit.transaction(engine, actor, "matches") as session:
        facts = _facts(session, match_id)
        terms = _checked(facts, kind)
        content = render(kind, context(facts, terms, today=today, by=actor.name))
        _record(session, actor, facts, kind, terms)
    return content


def current_fingerprint(engine: Engine, match_id: int) -> str | None:
    """The fingerprint of the match's current terms; None while they are not known."""
    with db.session(engine) as session:
        terms = _facts(session, match_id).terms()
    return terms.fingerprint() if terms else None


def generated(engine: Engine, match_id: int) -> pd.DataFrame:
    """The documents generated for a match, the latest first: kind, when, by whom, the terms used, and whether they
    are still the current terms (`current`)."""
    rows = db.read_df(engine, """
        select d.id, d.kind, d.generated_at, tm.full_name as member, d.agreed_day_rate, d.agreed_days,
               d.mission_start, d.regime, d.terms_fingerprint
        from match_document d left join team_member tm on tm.id = d.member_id
        where d.match_id = ? order by d.generated_at desc, d.id desc""", [match_id])
    now = current_fingerprint(engine, match_id) if len(rows) else None
    return rows.assign(current=rows.terms_fingerprint.eq(now) if now else False)
