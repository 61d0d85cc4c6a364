"""Writes on requests (besoins): create, update, move along the statuses, archive and restore."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, models, validation, vocab
from hyc.audit import Actor
from hyc.i18n import Message
from hyc.validation import PARAGRAPH, Form, FormInvalid

FIELDS = ("organisation_id", "contact_id", "title", "description", "mission_type", "professions", "specialties",
          "specialties_required", "place_required", "digital_appetites", "appetite_required", "about_ai",
          "ai_required", "headcount", "work_mode", "region", "start_date", "expected_days", "budget_day_rate",
          "priority", "owner_id", "confidential")


def clean(data: dict, *, with_organisation: bool = True) -> tuple[dict, dict[str, str]]:
    """The values to store and the warnings; `with_organisation=False` when the organisation is created alongside."""
    f = Form(data)
    values = {
        "organisation_id": f.reference("organisation_id", required=with_organisation),
        "contact_id": f.reference("contact_id"),
        "title": f.text("title", required=True, max_length=200),
        "description": f.text("description", max_length=PARAGRAPH),
        "mission_type": f.code("mission_type", vocab.MISSION_TYPES, required=True),
        "professions": f.codes("professions", vocab.PROFESSIONS, required=True),
        "specialties": f.codes("specialties", vocab.SPECIALTIES),
        # The specialties named are a must unless the request says "de préférence".
        "specialties_required": f.boolean("specialties_required") if "specialties_required" in data else True,
        "place_required": f.boolean("place_required"),
        # A new request wants the digital appetite its mission type usually does, until someone says otherwise.
        "digital_appetites": f.codes("digital_appetites", vocab.DIGITAL_APPETITES) if "digital_appetites" in data
        else ",".join(vocab.USUAL_APPETITES.get(data.get("mission_type"), ())) or None,
        "appetite_required": f.boolean("appetite_required"),
        "about_ai": f.boolean("about_ai"),
        "ai_required": f.boolean("ai_required"),
        "headcount": f.integer("headcount", required=True),
        "work_mode": f.code("work_mode", vocab.REQUEST_WORK_MODES),
        "region": f.code("region", vocab.REGIONS),
        "start_date": f.date("start_date"),
        "expected_days": f.integer("expected_days"),
        "budget_day_rate": f.day_rate("budget_day_rate"),
        # A new request left without a priority is a normal one; a priority emptied on a stored one is refused.
        "priority": f.code("priority", vocab.PRIORITIES, required=True) if "priority" in data
        else vocab.DEFAULT_PRIORITY,
        "owner_id": f.reference("owner_id"),
        "confidential": f.boolean("confidential"),  # the client named to caregivers unless ticked
    }
    asked = (values["professions"] or "").split(",")
    if values["specialties"] and not any(p in asked for p in vocab.SPECIALTY_PROFESSIONS):
        f.fail("specialties", Message("error.specialties_doctors"))
    if values["place_required"] and values["work_mode"] != "distanciel" and not values["region"]:
        f.fail("region", Message("error.place_required_region"))
    if values["appetite_required"] and not values["digital_appetites"]:
        f.fail("digital_appetites", Message("error.appetite_required_none"))
    if values["ai_required"] and not values["about_ai"]:
        f.fail("ai_required", Message("error.ai_required_not_ai"))
    f.finish()
    return values, f.warnings


def _check_links(session: Session, values: dict) -> None:
    if session.get(models.Organisation, values["organisation_id"]) is None:
        raise FormInvalid({"organisation_id": Message("error.organisation_unknown")})
    contact_id = values.get("contact_id")
    if contact_id:
        contact = session.get(models.Contact, contact_id)
        if contact is None or contact.organisation_id != values["organisation_id"]:
            raise FormInvalid({"contact_id": Message("error.contact_not_of_organisation")})
        if contact.merged_into_id is not None:  # picked from a list read before the merge
            raise FormInvalid({"contact_id": Message("error.contact_merged")})


def add(session: Session, actor: Actor, values: dict) -> models.Request:
    _check_links(session, values)
    request = models.Request(**values, status="nouvelle")
    session.add(request)
    session.flush()
    session.add(models.RequestEvent(request_id=request.id, status="nouvelle", occurred_at=request.created_at,
                                    author_id=actor.id))
    audit.log(session, actor, "create", "request", request.id, None, audit.snapshot(request))
    return request


def _load(session: Session, request_id: int) -> models.Request:
    request = session.get(models.Request, request_id)
    if request is None:
        raise audit.NotFound("this_request")
    return request


def change(session: Session, actor: Actor, request_id: int, values: dict,
           expected_version: int | None) -> models.Request:
    """Write `values` (the fields a person changed) on a request inside an open transaction."""
    request = _load(session, request_id)
    audit.check_version(session, request, "request", expected_version)
    _check_links(session, {name: getattr(request, name) for name in ("organisation_id", "contact_id")} | values)
    audit.apply(session, actor, request, "request", values)
    return request


def create(engine: Engine, actor: Actor, data: dict) -> tuple[models.Request, dict]:
    values, warnings = clean(data)
    with audit.transaction(engine, actor, "requests") as session:
        return add(session, actor, values), warnings


def clean_changes(request: models.Request, changes: dict) -> tuple[dict, dict]:
    """The values to write for the fields a person changed, checked against the rest of the request."""
    return validation.only_changes(clean, {name: getattr(request, name) for name in FIELDS}, changes)


def update(engine: Engine, actor: Actor, request_id: int, changes: dict, *,
           expected_version: int | None) -> tuple[models.Request, dict]:
    """Write the fields a person changed, refused when the request moved on since `expected_version`."""
    with audit.transaction(engine, actor, "requests") as session:
        request = _load(session, request_id)
        audit.check_version(session, request, "request", expected_version)
        values, warnings = clean_changes(request, changes)
        return change(session, actor, request_id, values, None), warnings


def advance(session: Session, actor: Actor, request: models.Request, status: str) -> None:
    """Move a request to another status inside an open transaction, only along the allowed moves; dated."""
    if status not in vocab.REQUEST_MOVES.get(request.status, ()):
        allowed = [vocab.REQUEST_STATUSES.term(s) for s in vocab.REQUEST_MOVES[request.status]]
        raise FormInvalid({"status": Message("error.request_moves", status=vocab.REQUEST_STATUSES.term(request.status),
                                             allowed=allowed or Message("error.no_other_status"))})
    before = request.status
    request.status = status
    request.status_changed_at = models.utcnow()
    audit.touch(request)
    session.add(models.RequestEvent(request_id=request.id, status=status, occurred_at=request.status_changed_at,
                                    author_id=actor.id))
    audit.log(session, actor, "move", "request", request.id, {"status": before}, {"status": status})


# Stages at which a candidate has been proposed to the client and is still in the running.
PROPOSED_STAGES = vocab.MATCH_PATH[vocab.MATCH_PATH.index("proposee_client"):]


def follow_matches(session: Session, actor: Actor, request: models.Request) -> None:
    """Keep a searching request's status true to its matches, inside the match's transaction: "en recherche" from
    its first candidate on a qualified request, "candidats proposés" while a candidate proposed to the client is
    still in the running, "en recherche" again (and so at risk when nobody else is on it) once the last of them
    has left. Each change is dated and audited."""
    # Claim the request row first: two matches of one request moved at the same moment would each see the other
    # as still proposed; updating the row makes the store refuse the second save (a stale copy) instead.
    session.connection().exec_driver_sql("update request set row_version = row_version where id = ?", (request.id,))
    stages = session.exec(select(models.Match.stage).where(models.Match.request_id == request.id)).all()
    proposed = any(stage in PROPOSED_STAGES for stage in stages)
    if request.status == "qualifiee" and any(stage not in vocab.MATCH_EXITS for stage in stages):
        advance(session, actor, request, "en_recherche")  # a first candidate: the search has begun
    if request.status == "candidats_proposes" and not proposed:
        advance(session, actor, request, "en_recherche")
    elif request.status == "en_recherche" and proposed:
        advance(session, actor, request, "candidats_proposes")


def move(engine: Engine, actor: Actor, request_id: int, status: str, *, expected_version: int) -> models.Request:
    """Move a request to its next status, only along the allowed moves."""
    with audit.transaction(engine, actor, "requests") as session:
        request = session.get(models.Request, request_id)
        if request is None:
            raise audit.NotFound("this_request")
        audit.check_version(session, request, "request", expected_version)
        advance(session, actor, request, status)
    return request


# The most seats a kept panel holds: the largest headcount a request may ask.
PANEL_MAX = 100


def keep_panel(engine: Engine, actor: Actor, request_id: int, members: list[int] | None) -> models.Request:
    """Keep the panel chosen for a request (caregiver ids in seat order), or discard it (None): it survives a
    reload until it is proposed or discarded. Audited like any change of the request."""
    members = list(dict.fromkeys(int(i) for i in members or ()))
    if len(members) > PANEL_MAX:
        raise FormInvalid({"panel": Message("error.too_many_candidates", n=len(members), cap=PANEL_MAX)})
    with audit.transaction(engine, actor, "matches") as session:
        request = _load(session, request_id)
        audit.apply(session, actor, request, "request", {"panel": ",".join(map(str, members)) or None})
        return request


def set_archived(engine: Engine, actor: Actor, request_id: int, archived: bool) -> models.Request:
    with audit.transaction(engine, actor, "requests") as session:
        return audit.archive(session, actor, session.get(models.Request, request_id), "request", archived)
