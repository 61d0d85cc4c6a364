"""The call log: one save records the call and creates or updates what the call was about.

An intake call (accueil soignant) creates the caregiver with their profile, or updates a known one, and ticks
the welcome-call step. A need-qualification call creates or updates the organisation, its contact and the
request, and qualifies a new request. Everything lands in one transaction or nothing does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from hyc import audit, caregivers, db, mentoring, models, organisations, requests, vocab
from hyc.audit import Actor
from hyc.i18n import Message
from hyc.validation import PARAGRAPH, Form, FormInvalid


@dataclass(frozen=True)
class Part:
    """One thing the call is about: an existing row (`id`), new values (`data`), or both: then `data` holds only
    the fields the person changed on it, checked against the row and written alone."""

    id: int | None = None
    data: dict | None = None
    version: int | None = None  # the row version the form was filled from, for updates


@dataclass
class LoggedCall:
    call: models.Call
    created: list[str] = field(default_factory=list)  # entities created by this save
    updated: list[str] = field(default_factory=list)
    warnings: dict[str, str] = field(default_factory=dict)  # prefixed like the errors: "caregiver.expected_day_rate"


def clean_call(data: dict, *, now: datetime) -> dict:
    """The call's own fields. `now` and `occurred_at` are stored times (UTC, naive)."""
    f = Form(data)
    occurred_at = f.past("occurred_at", now, required=True, message=Message("error.call_future"))
    values = {
        "occurred_at": occurred_at,
        "member_id": f.reference("member_id", required=True),
        "kind": f.code("kind", vocab.CALL_KINDS, required=True),
        "duration_min": f.integer("duration_min"),
        "summary": f.text("summary", max_length=PARAGRAPH),
        "outcome": f.code("outcome", vocab.CALL_OUTCOMES),
    }
    values["next_action"], values["next_action_due"] = f.follow_up(
        "next_action", "next_action_due", after=occurred_at.date() if occurred_at else None)
    f.finish()
    return values


def _prefixed(errors: dict, prefix: str, exc: FormInvalid) -> None:
    errors.update({f"{prefix}.{name}": message for name, message in exc.errors.items()})


def _check_parties(kind: str | None, caregiver: Part | None, organisation: Part | None, contact: Part | None,
                   request: Part | None, errors: dict) -> None:
    if caregiver is None and organisation is None:
        errors["call.party"] = Message("error.party_missing")
    if caregiver is not None and organisation is not None:
        errors["call.party"] = Message("error.party_both")
    if kind == "accueil_soignant" and caregiver is None:
        errors["call.kind"] = Message("error.welcome_with_caregiver")
    if kind == "qualification_besoin" and organisation is None:
        errors["call.kind"] = Message("error.qualification_with_organisation")
    if (contact or request) and organisation is None:
        errors["call.party"] = Message("error.organisation_needed")


def _clean_parts(engine: Engine, call: dict, now: datetime, today: date, caregiver: Part | None,
                 organisation: Part | None, contact: Part | None, request: Part | None,
                 consent_required: bool = False) -> tuple[dict, dict]:
    """Every part's values at once, so that the form shows every message in one go: a new row's whole values,
    a known row's changed fields (checked against the row as stored)."""
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    cleaned: dict[str, dict | None] = {}
    cleaners = {  # name: (part, model, check of a new row's values, check of a known row's changes)
        "caregiver": (caregiver, models.Caregiver,
                      lambda d: caregivers.clean(d, today=today, consent_required=consent_required),
                      lambda row, d: caregivers.clean_changes(row, d, today=today)),
        "organisation": (organisation, models.Organisation, lambda d: (organisations.clean(d), {}),
                         lambda row, d: (organisations.clean_changes(row, d), {})),
        "contact": (contact, models.Contact, lambda d: (organisations.clean_contact(d), {}),
                    lambda row, d: (organisations.clean_contact_changes(row, d), {})),
        "request": (request, models.Request, lambda d: requests.clean(d, with_organisation=False),
                    requests.clean_changes),
    }
    try:
        cleaned["call"] = clean_call(call, now=now)
    except FormInvalid as exc:
        _prefixed(errors, "call", exc)
    # A call says what was said, how it ended, or what it created or changed: one that says nothing is a second
    # click on a form just saved (its party still picked), not a call.
    if "call" in cleaned and not (cleaned["call"]["summary"] or cleaned["call"]["outcome"]) and not any(
            part is not None and part.data for part in (caregiver, organisation, contact, request)):
        errors["call.summary"] = Message("error.call_empty")
    for name, (part, model, new, changes) in cleaners.items():
        if part is not None and part.id is None and part.data is None:
            errors[f"{name}.id"] = Message("error.pick_or_fill")
        if part is None or part.data is None:
            continue
        try:
            if part.id is None:
                cleaned[name], part_warnings = new(part.data)
            else:
                with db.session(engine) as session:
                    row = session.get(model, part.id)
                if row is None:
                    errors[f"{name}.id"] = Message("error.record_gone")
                    continue
                cleaned[name], part_warnings = changes(row, part.data)
            warnings.update({f"{name}.{k}": v for k, v in part_warnings.items()})
        except FormInvalid as exc:
            _prefixed(errors, name, exc)
    _check_parties(call.get("kind"), caregiver, organisation, contact, request, errors)
    if errors:
        raise FormInvalid(errors)
    return cleaned, warnings


def _save(session: Session, actor: Actor, name: str, part: Part | None, values: dict | None, add, change,
          result: LoggedCall) -> int | None:
    """Create, update or just point at one part, inside the call's transaction."""
    if part is None:
        return None
    if values is None:
        return part.id
    try:
        if part.id is None:
            row = add(values)
            result.created.append(name)
        else:
            row = change(part.id, values, part.version)
            result.updated.append(name)
    except FormInvalid as exc:
        errors: dict[str, str] = {}
        _prefixed(errors, name, exc)
        raise FormInvalid(errors) from None
    return row.id


def log_call(engine: Engine, actor: Actor, call: dict, *, now: datetime, today: date,
             caregiver: Part | None = None, organisation: Part | None = None, contact: Part | None = None,
             request: Part | None = None, consent_required: bool = False) -> LoggedCall:
    """Log a call and create or update what it was about, all in one transaction. With `consent_required` (the
    quick intake), a new caregiver is kept only with the date and the way they gave their consent."""
    cleaned, warnings = _clean_parts(engine, call, now, today, caregiver, organisation, contact, request,
                                     consent_required)
    for part, area in ((caregiver, "caregivers"), (organisation, "organisations"), (contact, "organisations"),
                       (request, "requests")):
        if part is not None and part.data is not None:
            audit.require(actor, area)
    # A caregiver saved by someone else at the same moment is named, never created twice.
    return audit.unique_write(lambda: _write(engine, actor, cleaned, warnings, caregiver, organisation, contact,
                                             request))


def _write(engine: Engine, actor: Actor, cleaned: dict, warnings: dict, caregiver: Part | None,
           organisation: Part | None, contact: Part | None, request: Part | None) -> LoggedCall:
    result = LoggedCall(call=None, warnings=warnings)  # type: ignore[arg-type]
    with audit.transaction(engine, actor, "calls") as session:
        if session.get(models.TeamMember, cleaned["call"]["member_id"]) is None:
            raise FormInvalid({"call.member_id": Message("error.member_unknown")})
        caregiver_id = _save(session, actor, "caregiver", caregiver, cleaned.get("caregiver"),
                             lambda v: caregivers.add(session, actor, v),
                             lambda i, v, ver: caregivers.change(session, actor, i, v, ver), result)
        organisation_id = _save(session, actor, "organisation", organisation, cleaned.get("organisation"),
                                lambda v: organisations.add(session, actor, v),
                                lambda i, v, ver: organisations.change(session, actor, i, v, ver), result)
        contact_id = _save(session, actor, "contact", contact, cleaned.get("contact"),
                           lambda v: organisations.add_contact(session, actor, organisation_id, v),
                           lambda i, v, ver: organisations.change_contact(session, actor, i, v, ver), result)
        request_values = cleaned.get("request")
        if request_values is not None and request is not None and request.id is None:
            request_values = request_values | {"organisation_id": organisation_id,
                                               "contact_id": contact_id or request_values.get("contact_id")}
        request_id = _save(session, actor, "request", request, request_values,
                           lambda v: requests.add(session, actor, v),
                           lambda i, v, ver: requests.change(session, actor, i, v, ver), result)
        _check_links(session, caregiver_id, organisation_id, contact_id, request_id)

        row = models.Call(**cleaned["call"], caregiver_id=caregiver_id, organisation_id=organisation_id,
                          contact_id=contact_id, request_id=request_id)
        session.add(row)
        session.flush()
        audit.log(session, actor, "create", "call", row.id, None, audit.snapshot(row))
        if row.kind == "accueil_soignant":
            mentoring.set_step(session, actor, caregiver_id, "appel_accueil", "fait")
        if row.kind == "qualification_besoin" and request_id is not None:
            qualified = session.get(models.Request, request_id)
            if qualified.status == "nouvelle":
                requests.advance(session, actor, qualified, "qualifiee")
        result.call = row
    return result


def _check_links(session: Session, caregiver_id, organisation_id, contact_id, request_id) -> None:
    """Rows picked from a list still exist and belong together."""
    if caregiver_id is not None and session.get(models.Caregiver, caregiver_id) is None:
        raise FormInvalid({"caregiver.id": Message("error.caregiver_gone")})
    if organisation_id is not None and session.get(models.Organisation, organisation_id) is None:
        raise FormInvalid({"organisation.id": Message("error.organisation_gone")})
    if contact_id is not None:
        contact = session.get(models.Contact, contact_id)
        if contact is None or contact.organisation_id != organisation_id:
            raise FormInvalid({"contact.id": Message("error.contact_not_of_organisation")})
        if contact.merged_into_id is not None:  # picked from a list read before the merge
            raise FormInvalid({"contact.id": Message("error.contact_merged")})
    if request_id is not None:
        request = session.get(models.Request, request_id)
        if request is None or request.organisation_id != organisation_id:
            raise FormInvalid({"request.id": Message("error.request_not_of_organisation")})
