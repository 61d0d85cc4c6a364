"""Writes on caregivers: create (never twice), update (never over someone else's change), archive and restore.

"Never twice" is the store's own rule: e-mail, phone and RPPS are unique columns, so two saves of the same
person at the same moment cannot both land; the one that comes second is told who is already in the pool.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, or_
from sqlmodel import Session, select

from hyc import audit, db, matches, models, privacy, progress, validation, vocab
from hyc.audit import Actor, WriteError
from hyc.i18n import Message
from hyc.validation import PARAGRAPH, Form

# The fields a person edits on a caregiver's profile.
FIELDS = ("first_name", "last_name", "email", "phone", "postcode", "profession", "specialty", "practice_setting",
          "years_experience", "rpps", "availability_days_per_month", "work_mode", "mission_types",
          "digital_appetite", "ai_trained", "expected_day_rate", "legal_status", "cumul_status", "consent_date",
          "consent_method", "lawful_basis", "profile_confirmed_on", "source", "mentor_id", "notes", "lang")


class DuplicateCaregiver(WriteError):
    """A caregiver with the same email, RPPS or phone already exists: open that record instead. `field` is the
    one that collides ("email", "rpps" or "phone")."""

    def __init__(self, existing: models.Caregiver, reason: str) -> None:
        super().__init__(Message("error.duplicate_caregiver", name=f"{existing.first_name} {existing.last_name}",
                                 reason=Message(f"error.same_{reason}")))
        self.existing_id = existing.id
        self.field = reason


# What a complete profile holds beyond a quick intake, in the order of the form: the record lists those still empty.
PROFILE_FIELDS = ("email", "phone", "postcode", "specialty", "practice_setting", "years_experience", "rpps",
                  "cumul_status", "availability_days_per_month", "work_mode", "mission_types", "digital_appetite",
                  "expected_day_rate", "legal_status", "consent_date", "mentor_id")


def missing(profile) -> list[str]:
    """The fields of a complete profile still empty on `profile` (a mapping or a row). Only those that apply: a
    specialty for doctors, an RPPS for the professions the register holds, the cumul for public-hospital doctors;
    a phone and an e-mail are both wanted (one is enough to save)."""
    applies = {
        "specialty": profile.get("profession") in vocab.SPECIALTY_PROFESSIONS,
        "rpps": profile.get("profession") in vocab.RPPS_PROFESSIONS,
        "cumul_status": (profile.get("profession"), profile.get("practice_setting")) == ("medecin", "hopital_public"),
    }
    return [name for name in PROFILE_FIELDS if applies.get(name, True) and validation.blank(profile.get(name))]


def clean(data: dict, *, today: date, consent_required: bool = False,
          basis_required: bool = False) -> tuple[dict, dict[str, str]]:
    """The values to store and the warnings, or FormInvalid with a message per field. With `consent_required`
    (a quick intake), the profile is kept only if the person's consent is dated; with `basis_required` (an import),
    only with a lawful basis, and a dated consent when that basis is consent."""
    f = Form(data)
    values = {
        "first_name": f.text("first_name", required=True, max_length=80),
        "last_name": f.text("last_name", required=True, max_length=80),
        "email": f.checked("email", validation.email),
        "phone": f.checked("phone", validation.phone),
        "profession": f.code("profession", vocab.PROFESSIONS, required=True),
        "specialty": f.code("specialty", vocab.SPECIALTIES),
        "practice_setting": f.code("practice_setting", vocab.PRACTICE_SETTINGS),
        "years_experience": f.integer("years_experience"),
        "rpps": f.checked("rpps", validation.rpps),
        "availability_days_per_month": f.integer("availability_days_per_month"),
        "work_mode": f.code("work_mode", vocab.CAREGIVER_WORK_MODES),
        "mission_types": f.codes("mission_types", vocab.MISSION_TYPES),
        "digital_appetite": f.code("digital_appetite", vocab.DIGITAL_APPETITES),
        "ai_trained": f.boolean("ai_trained"),
        "expected_day_rate": f.day_rate("expected_day_rate"),
        "legal_status": f.code("legal_status", vocab.LEGAL_STATUSES),
        "cumul_status": f.code("cumul_status", vocab.CUMUL_STATUSES),
        "consent_date": f.past("consent_date", today, message=Message("error.consent_future")),
        "consent_method": f.code("consent_method", vocab.CONSENT_METHODS),
        "lawful_basis": f.code("lawful_basis", vocab.LAWFUL_BASES),
        "profile_confirmed_on": f.past("profile_confirmed_on", today),
        "source": f.code("source", vocab.SOURCES),
        "mentor_id": f.reference("mentor_id"),
        "notes": f.text("notes", max_length=PARAGRAPH),
        "lang": f.code("lang", vocab.CAREGIVER_LANGS),  # none: French
    }
    postcode = f.checked("postcode", validation.postcode)
    values["postcode"], values["departement"], values["region"] = postcode or (None, None, None)
    if not values["email"] and not values["phone"] and "email" not in f.errors and "phone" not in f.errors:
        f.fail("email", Message("error.contact_needed"))
    if values["specialty"] and values["profession"] and values["profession"] not in vocab.SPECIALTY_PROFESSIONS:
        f.fail("specialty", Message("error.specialty_doctors"))
    if values["rpps"] and values["profession"] in ("aide_soignant", "ambulancier"):
        f.fail("rpps", Message("error.no_rpps"))
    if values["consent_date"] and not values["consent_method"]:
        f.fail("consent_method", Message("error.consent_method"))
    if basis_required and not values["lawful_basis"] and "lawful_basis" not in f.errors:
        f.fail("lawful_basis", Message("error.basis_needed"))
    consent_required = consent_required or (basis_required and values["lawful_basis"] == "consentement")
    if consent_required and not values["consent_date"] and "consent_date" not in f.errors:
        f.fail("consent_date", Message("error.consent_before_keeping"))
    f.finish()
    return values, f.warnings


def find_duplicate(session: Session, values: dict, exclude_id: int | None = None) -> DuplicateCaregiver | None:
    """The existing caregiver with the same normalised email, RPPS or phone, if any."""
    keys = [(getattr(models.Caregiver, name), values.get(name), name) for name in ("email", "rpps", "phone")]
    conditions = [column == value for column, value, _ in keys if value]
    if not conditions:
        return None
    query = select(models.Caregiver).where(or_(*conditions))
    if exclude_id is not None:
        query = query.where(models.Caregiver.id != exclude_id)
    existing = session.exec(query.order_by(models.Caregiver.id)).first()
    if existing is None:
        return None
    reason = next(reason for column, value, reason in keys if value and getattr(existing, column.key) == value)
    return DuplicateCaregiver(existing, reason)


def _editable(session: Session, caregiver_id: int) -> models.Caregiver:
    caregiver = session.get(models.Caregiver, caregiver_id)
    if caregiver is None:
        raise audit.NotFound("this_caregiver")
    if caregiver.erased_at is not None:
        raise WriteError(Message("error.erased_locked"))
    audit.check_not_merged(caregiver)
    return caregiver


def _check_mentor(session: Session, values: dict) -> None:
    if values.get("mentor_id") and session.get(models.TeamMember, values["mentor_id"]) is None:
        raise validation.FormInvalid({"mentor_id": Message("error.mentor_unknown")})


def add(session: Session, actor: Actor, values: dict) -> models.Caregiver:
    """Create inside an open transaction (used by `create` and by the call log)."""
    privacy.check_not_objected(session, values)
    duplicate = find_duplicate(session, values)
    if duplicate:
        raise duplicate
    _check_mentor(session, values)
    caregiver = models.Caregiver(**values)
    session.add(caregiver)
    session.flush()
    for step in vocab.ONBOARDING_STEPS.codes:
        session.add(models.OnboardingStep(caregiver_id=caregiver.id, step=step, status="a_faire"))
    session.flush()
    progress.refresh(session.connection().exec_driver_sql, caregiver.id)
    audit.log(session, actor, "create", "caregiver", caregiver.id, None, audit.snapshot(caregiver))
    return caregiver


def add_many(session: Session, actor: Actor, rows: list[dict]) -> list[int]:
    """Create many caregivers as `add` creates one (their onboarding track, where they stand on it, an audit event
    each), in a few statements: an import of thousands. The caller has checked them against the store in the same
    transaction (duplicates, the objection list, mentors); the store's unique keys still refuse a duplicate."""
    if not rows:
        return []
    created = db.new_rows(models.Caregiver, rows)
    ids = db.insert_rows(session, "caregiver", pd.DataFrame(created).drop(columns="id"))
    steps = vocab.ONBOARDING_STEPS.codes
    db.insert_rows(session, "onboarding_step", pd.DataFrame(
        {"caregiver_id": [i for i in ids for _ in steps], "step": list(steps) * len(ids), "status": "a_faire"}))
    progress.refresh_some(session.connection().exec_driver_sql, "select unnest(cast(? as integer[]))", (ids,))
    audit.log_many(session, actor, "create", "caregiver", [
        (caregiver_id, None, audit.plain(row | {"id": caregiver_id}))
        for caregiver_id, row in zip(ids, created, strict=True)])
    return ids


def fill_many(session: Session, actor: Actor, fills: list[tuple[int, dict, dict]]) -> None:
    """Write what an import fills on the records it met (caregiver id, the fields' values before, the values
    written): a statement each rather than the ORM's load and flush, and one insert of their audit events. The
    caller checked the values against the record, the store and the objection list in the same transaction."""
    execute = session.connection().exec_driver_sql
    now = models.utcnow()
    for caregiver_id, _, values in fills:
        columns = ", ".join(f'"{name}" = ?' for name in values)
        execute(f"update caregiver set {columns}, updated_at = ?, row_version = row_version + 1 where id = ?",
                (*values.values(), now, caregiver_id))
    audit.log_many(session, actor, "update", "caregiver",
                   [(caregiver_id, audit.plain(before), audit.plain(after)) for caregiver_id, before, after in fills])
    for caregiver_id, _, values in fills:
        if FACTS_OF_MATCHES.intersection(values):
            matches.follow_facts(session, actor, caregiver_id=caregiver_id)


def change(session: Session, actor: Actor, caregiver_id: int, values: dict,
           expected_version: int | None) -> models.Caregiver:
    """Update inside an open transaction; refuses a stale copy and a duplicate."""
    caregiver = _editable(session, caregiver_id)
    audit.check_version(session, caregiver, "caregiver", expected_version)
    privacy.check_not_objected(session, values)
    duplicate = find_duplicate(session, values, exclude_id=caregiver_id)
    if duplicate:
        raise duplicate
    _check_mentor(session, values)
    audit.apply(session, actor, caregiver, "caregiver", values)
    if FACTS_OF_MATCHES.intersection(values):
        matches.follow_facts(session, actor, caregiver_id=caregiver_id)
    return caregiver


# What a caregiver's matches read of their record for their compliance states (student thresholds, cumul).
FACTS_OF_MATCHES = frozenset({"profession", "practice_setting", "cumul_status"})


# A postcode sets the département and the region with it.
DERIVED = {"postcode": ("departement", "region")}


def stored(caregiver: models.Caregiver) -> dict:
    """A caregiver's values as the checks read them."""
    return {name: getattr(caregiver, name) for name in FIELDS}


def clean_changes(caregiver: models.Caregiver, changes: dict, *, today: date) -> tuple[dict, dict]:
    """The values to write for the fields a person changed, checked against the rest of the record."""
    return validation.only_changes(lambda data: clean(data, today=today), stored(caregiver), changes, DERIVED)


def create(engine: Engine, actor: Actor, data: dict, *, today: date) -> tuple[models.Caregiver, dict]:
    """Validate and create a caregiver with their onboarding track; returns it and the warnings."""
    values, warnings = clean(data, today=today)

    def write() -> models.Caregiver:
        with audit.transaction(engine, actor, "caregivers") as session:
            return add(session, actor, values)

    return audit.unique_write(write), warnings


def update(engine: Engine, actor: Actor, caregiver_id: int, changes: dict, *, expected_version: int | None,
           today: date) -> tuple[models.Caregiver, dict]:
    """Write the fields a person changed (`changes`), refused when the record moved on since `expected_version`."""

    def write() -> tuple[models.Caregiver, dict]:
        with audit.transaction(engine, actor, "caregivers") as session:
            caregiver = _editable(session, caregiver_id)
            audit.check_version(session, caregiver, "caregiver", expected_version)
            values, warnings = clean_changes(caregiver, changes, today=today)
            return change(session, actor, caregiver_id, values, None), warnings

    return audit.unique_write(write)


def set_archived(engine: Engine, actor: Actor, caregiver_id: int, archived: bool) -> models.Caregiver:
    """Archive (hide from the pool) or restore; nothing is deleted."""
    with audit.transaction(engine, actor, "caregivers") as session:
        return audit.archive(session, actor, _editable(session, caregiver_id), "caregiver", archived)

