"""Writes on matches (propositions): put caregivers on a request, move them along the stages, agree the terms
and tick the compliance checklist. A match reaches "contrat signé" only when no required compliance step is open.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import audit, compliance, mentoring, models, progress, requests, validation, vocab
from hyc.audit import Actor, WriteError
from hyc.filters import FINISHED_STAGE
from hyc.i18n import Message
from hyc.validation import Form, FormInvalid

# The most caregivers put on a request in one action: each match is then called and followed one by one, and a
# "select all" over hundreds of rows is a slip, not a plan.
MAX_AT_ONCE = 30
# Stages from which the agreed terms are the contract's: the compliance checklist must be complete to reach them.
SIGNED_STAGES = ("contrat_signe", "en_mission", "terminee")


# Stages in which a match's compliance states follow the facts they depend on (the organisation, the caregiver's
# record, the terms): from the first suggestion until the contract is signed. A signed contract, or a match that
# ended, keeps the states it was signed or ended with.
LIVE_STAGES = tuple(stage for stage in vocab.MATCH_PATH if stage not in SIGNED_STAGES)


class ComplianceOpen(WriteError):
    """The match cannot be signed yet: each open step is named."""

    def __init__(self, gaps: list[str]) -> None:
        super().__init__(Message("error.contract_open", gaps=tuple(gaps)))
        self.gaps = gaps


def checklist(match: models.Match, caregiver: models.Caregiver, organisation: models.Organisation
              ) -> compliance.Checklist:
    """What compliance asks of one match (hyc.compliance), from its organisation and caregiver."""
    return compliance.checklist(makes_health_products=organisation.makes_health_products,
                                profession=caregiver.profession, practice_setting=caregiver.practice_setting,
                                agreed_day_rate=match.agreed_day_rate, agreed_days=match.agreed_days)


def compliance_gaps(match: models.Match, caregiver: models.Caregiver, organisation: models.Organisation) -> list[str]:
    """The required compliance steps still open, in French, in the order they are done."""
    return compliance.gaps(checklist(match, caregiver, organisation), conflict_checked=match.conflict_checked,
                           agreed_day_rate=match.agreed_day_rate, agreed_days=match.agreed_days,
                           convention_status=match.convention_status, cumul_status=match.cumul_status)


def derived_states(match: models.Match, caregiver: models.Caregiver, organisation: models.Organisation) -> dict:
    """The convention and cumul states the facts give this match (hyc.compliance says how)."""
    return {"convention_status": compliance.convention_state(
                organisation.makes_health_products, match.agreed_day_rate, match.agreed_days, match.convention_status,
                student=caregiver.profession == "etudiant_sante"),
            "cumul_status": compliance.cumul_state(caregiver.profession, caregiver.practice_setting,
                                                   caregiver.cumul_status)}


def follow_facts(session: Session, actor: Actor, *, caregiver_id: int | None = None,
                 organisation_id: int | None = None) -> None:
    """Inside a write that changed a caregiver's record or an organisation: their live matches take the compliance
    states the facts now give, each change audited, so that a stored state and its checklist never disagree."""
    query = select(models.Match).where(models.Match.stage.in_(LIVE_STAGES))
    if caregiver_id is not None:
        query = query.where(models.Match.caregiver_id == caregiver_id)
    if organisation_id is not None:
        query = query.join(models.Request, models.Request.id == models.Match.request_id).where(
            models.Request.organisation_id == organisation_id)
    for match in session.exec(query.order_by(models.Match.id)).all():
        _, caregiver, organisation = _load(session, match.id)
        audit.apply(session, actor, match, "match", derived_states(match, caregiver, organisation))


def _load(session: Session, match_id: int) -> tuple[models.Match, models.Caregiver, models.Organisation]:
    match = session.get(models.Match, match_id)
    if match is None:
        raise audit.NotFound("this_match")
    caregiver = session.get(models.Caregiver, match.caregiver_id)
    request = session.get(models.Request, match.request_id)
    organisation = session.get(models.Organisation, request.organisation_id)
    return match, caregiver, organisation


def add_candidates(engine: Engine, actor: Actor, request_id: int, caregiver_ids: list[int]) -> list[models.Match]:
    """Put caregivers on a request at the first stage; one already on it is left as is."""
    caregiver_ids = list(dict.fromkeys(caregiver_ids))
    if not caregiver_ids:
        raise FormInvalid({"caregiver_ids": Message("error.pick_caregiver")})
    if len(caregiver_ids) > MAX_AT_ONCE:
        raise FormInvalid({"caregiver_ids": Message("error.too_many_candidates", n=len(caregiver_ids),
                                                    cap=MAX_AT_ONCE)})
    with audit.transaction(engine, actor, "matches") as session:
        request = session.get(models.Request, request_id)
        if request is None:
            raise audit.NotFound("this_request")
        if request.status not in vocab.OPEN_REQUEST_STATUSES:
            raise FormInvalid({"caregiver_ids": Message("error.request_closed",
                                                        status=vocab.REQUEST_STATUSES.term(request.status))})
        already = set(session.exec(select(models.Match.caregiver_id).where(models.Match.request_id == request_id)))
        created = []
        for caregiver_id in caregiver_ids:
            if caregiver_id in already:
                continue
            caregiver = session.get(models.Caregiver, caregiver_id)
            if caregiver is None or caregiver.archived:
                who = f"{caregiver.first_name} {caregiver.last_name}" if caregiver else f"n° {caregiver_id}"
                raise FormInvalid({"caregiver_ids": Message("error.caregiver_left", name=who)})
            # The mission starts when the request says, until the terms say otherwise; its compliance states are
            # what the organisation and the caregiver's record give.
            match = models.Match(request_id=request_id, caregiver_id=caregiver_id, stage="suggeree",
                                 mission_start=request.start_date, convention_status="a_preparer",
                                 cumul_status="non_concerne")
            organisation = session.get(models.Organisation, request.organisation_id)
            for name, value in derived_states(match, caregiver, organisation).items():
                setattr(match, name, value)
            session.add(match)
            session.flush()
            session.add(models.MatchEvent(match_id=match.id, stage="suggeree", occurred_at=match.created_at,
                                          author_id=actor.id))  # a first event: no end yet
            audit.log(session, actor, "create", "match", match.id, None, audit.snapshot(match))
            created.append(match)
        if request.panel and set(request.panel.split(",")) & {str(i) for i in caregiver_ids}:
            audit.apply(session, actor, request, "request", {"panel": None})  # the panel kept is proposed
        requests.follow_matches(session, actor, request)
    return created


def move(engine: Engine, actor: Actor, match_id: int, stage: str, *, reason: str | None = None,
         expected_version: int) -> models.Match:
    """Move a match to its next stage, only along the allowed moves; an exit needs its reason."""
    with audit.transaction(engine, actor, "matches") as session:
        return move_in(session, actor, match_id, stage, reason=reason, expected_version=expected_version)


def move_in(session: Session, actor: Actor, match_id: int, stage: str, *, reason: str | None = None,
            expected_version: int | None) -> models.Match:
    """`move`'s rules inside an open transaction: a proposal sent by e-mail moves its match in the write that logs
    the e-mail."""
    match, caregiver, organisation = _load(session, match_id)
    audit.check_version(session, match, "match", expected_version)
    allowed = vocab.MATCH_MOVES.get(match.stage, ())
    if stage not in allowed:
        names = [vocab.MATCH_STAGES.term(s) for s in allowed] or Message("error.no_other_stage")
        raise FormInvalid({"stage": Message("error.match_moves", stage=vocab.MATCH_STAGES.term(match.stage),
                                            allowed=names)})
    if stage in vocab.MATCH_EXITS:
        if not reason:
            raise FormInvalid({"reason": Message("error.exit_reason")})
        if reason not in vocab.EXIT_REASONS_BY_EXIT[stage]:
            raise FormInvalid({"reason": Message("error.exit_reason_wrong")})
    else:
        reason = None
    if stage in SIGNED_STAGES:
        gaps = compliance_gaps(match, caregiver, organisation)
        if gaps:
            raise ComplianceOpen(gaps)
    before = {"stage": match.stage}
    match.stage, match.exit_reason = stage, reason
    audit.touch(match)
    session.add(models.MatchEvent(match_id=match.id, stage=stage, occurred_at=match.updated_at,
                                  author_id=actor.id, reason=reason))
    session.flush()
    progress.refresh_spans(session.connection().exec_driver_sql, match.id)
    audit.log(session, actor, "move", "match", match.id, before, {"stage": stage, "exit_reason": reason})
    requests.follow_matches(session, actor, session.get(models.Request, match.request_id))
    if FINISHED_STAGE in (stage, before["stage"]):  # "première mission faite" follows the finished matches
        mentoring.follow_first_mission(session, actor, match.caregiver_id)
    return match


def clean_terms(data: dict) -> tuple[dict, dict[str, str]]:
    f = Form(data)
    values = {
        "agreed_day_rate": f.day_rate("agreed_day_rate"),
        "agreed_days": f.number("agreed_days"),
        "mission_start": f.date("mission_start"),
        "conflict_checked": f.boolean("conflict_checked"),
        "convention_status": f.code("convention_status", vocab.CONVENTION_STATUSES, required=True),
        "convention_submitted_on": f.date("convention_submitted_on"),
        "convention_decided_on": f.date("convention_decided_on"),
        "cumul_status": f.code("cumul_status", vocab.CUMUL_STATUSES, required=True),
    }
    submitted, decided = values["convention_submitted_on"], values["convention_decided_on"]
    if values["convention_status"] in ("declaree", "autorisation_demandee", "autorisee", "refusee") and not submitted:
        f.fail("convention_submitted_on", Message("error.convention_sent"))
    if values["convention_status"] in ("autorisee", "refusee") and not decided:
        f.fail("convention_decided_on", Message("error.convention_decided"))
    if submitted and decided and decided < submitted:
        f.fail("convention_decided_on", Message("error.decided_before_sent"))
    f.finish()
    return values, f.warnings


TERMS = ("agreed_day_rate", "agreed_days", "mission_start", "conflict_checked", "convention_status",
         "convention_submitted_on", "convention_decided_on", "cumul_status")


def update_terms(engine: Engine, actor: Actor, match_id: int, changes: dict, *,
                 expected_version: int | None) -> tuple[models.Match, dict[str, str]]:
    """Record the terms a person changed (agreed rate and days, mission start, compliance checklist), checked
    against the rest of the match; returns the warnings."""
    with audit.transaction(engine, actor, "matches") as session:
        match, caregiver, organisation = _load(session, match_id)
        audit.check_version(session, match, "match", expected_version)
        values, warnings = validation.only_changes(clean_terms, {name: getattr(match, name) for name in TERMS},
                                                   changes)
        if values.get("convention_status") == "non_requise" and organisation.makes_health_products:
            raise FormInvalid({"convention_status": Message("error.convention_needed")})
        if "cumul_status" in values and compliance.cumul_applies(caregiver.profession, caregiver.practice_setting):
            # The cumul is the doctor's own authorisation: it is written on their record, for all their matches.
            if values["cumul_status"] not in compliance.CUMUL_RECORDED:
                raise FormInvalid({"cumul_status": Message("error.cumul_needed")})
            audit.apply(session, actor, caregiver, "caregiver", {"cumul_status": values["cumul_status"]})
        if match.stage in LIVE_STAGES:
            # A state still to do is what the new terms and the record give, not what the form held.
            terms = SimpleNamespace(**{name: values.get(name, getattr(match, name)) for name in TERMS})
            values |= derived_states(terms, caregiver, organisation)
        audit.apply(session, actor, match, "match", values)
        if "cumul_status" in values:
            follow_facts(session, actor, caregiver_id=caregiver.id)
        if match.stage in SIGNED_STAGES:
            gaps = compliance_gaps(match, caregiver, organisation)
            if gaps:
                # A signed contract cannot lose its compliance: the change is refused, not half-applied.
                raise ComplianceOpen(gaps)
        warnings |= compliance.warnings(checklist(match, caregiver, organisation),
                                        convention_status=match.convention_status, mission_start=match.mission_start,
                                        convention_submitted_on=match.convention_submitted_on)
    return match, warnings


def reconcile(conn) -> int:  # noqa: ANN001 (a SQLAlchemy Connection inside an upgrade step's transaction)
    """Store-wide, for an upgrade step: every live match takes the compliance states the facts give (one rule with
    follow_facts: the same hyc.compliance functions, here on all rows at once), each change an audit event with
    no author. Returns how many matches changed."""
    rows = conn.exec_driver_sql(f"""
        select m.id, m.convention_status, m.cumul_status, m.agreed_day_rate, m.agreed_days, o.makes_health_products,
               c.profession, c.practice_setting, c.cumul_status as recorded
        from match m join caregiver c on c.id = m.caregiver_id join request r on r.id = m.request_id
        join organisation o on o.id = r.organisation_id
        where m.stage in ({", ".join(f"'{stage}'" for stage in LIVE_STAGES)}) order by m.id""").all()
    if not rows:
        return 0
    ids, convention, cumul, rate, days, makes, profession, setting, recorded = map(list, zip(*rows, strict=True))
    new_convention = compliance.convention_state(
        makes, [_number(v) for v in rate], [_number(v) for v in days], convention,
        student=[p == "etudiant_sante" for p in profession])
    new_cumul = compliance.cumul_state(profession, setting, recorded)
    changed = [(i, before_c, after_c, before_k, after_k)
               for i, before_c, after_c, before_k, after_k in zip(ids, convention, new_convention, cumul, new_cumul,
                                                                  strict=True)
               if before_c != after_c or before_k != after_k]
    now = models.utcnow()
    for match_id, before_c, after_c, before_k, after_k in changed:
        conn.exec_driver_sql("update match set convention_status = ?, cumul_status = ?, "
                             "row_version = row_version + 1, updated_at = ? where id = ?",
                             (str(after_c), str(after_k), now, match_id))
        old, new = audit.diff({"convention_status": before_c, "cumul_status": before_k},
                              {"convention_status": str(after_c), "cumul_status": str(after_k)})
        conn.execute(models.AuditEvent.__table__.insert().values(
            occurred_at=now, actor_id=None, action="update", entity="match", entity_id=match_id,
            before=json.dumps(old, ensure_ascii=False), after=json.dumps(new, ensure_ascii=False)))
    return len(changed)


def _number(value) -> float:
    return float("nan") if value is None else float(value)
