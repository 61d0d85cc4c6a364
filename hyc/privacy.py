"""Personal-data duties (RGPD): what the store holds about a person, erasure, and the objection list.

- `export` gathers every row about one caregiver into a zip (one JSON file, one CSV per table).
- `erase` anonymises a caregiver: names, contacts, RPPS, postcode, notes and free text are gone, in the
  audit trail's copies too; profession, region, dates, stages and agreed rates stay for the statistics.
  The file is then rewritten so that the erased values do not survive in its free blocks.
- The objection list keeps keyed hashes (HMAC-SHA256) of the e-mail, phone and RPPS of a person who
  objected or was erased, so that they are never created again; the key lives outside the store.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import secrets
import zipfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
from sqlalchemy import Engine, or_
from sqlmodel import Session, select

from hyc import audit, config, db, models
from hyc.audit import Actor, WriteError

ERASED = "[effacé]"
REASONS = ("effacement", "opposition")
# What erasure removes, per table: the caregiver's identifying fields and every free text about them.
CAREGIVER_ERASED = ("email", "phone", "rpps", "postcode", "departement", "notes")
FREE_TEXT = {
    "call": ("summary", "next_action"),
    "mentoring_session": ("notes", "next_action"),
    "match": ("caregiver_feedback", "client_feedback"),
}
IDENTIFYING = {"first_name", "last_name", *CAREGIVER_ERASED, *(f for fields in FREE_TEXT.values() for f in fields)}


class Objected(WriteError):
    def __init__(self) -> None:
        super().__init__("Cette personne s'est opposée au traitement de ses données ou a demandé leur effacement : "
                         "elle ne peut pas être ajoutée de nouveau.")


# --- The objection list ----------------------------------------------------------------------------------


def _key() -> bytes:
    """The key of the objection list's hashes, created once next to the store (HYC_SECRET_FILE)."""
    path = Path(config.load().secret_file)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def keyed_hash(value: str | None) -> str | None:
    """The list's fingerprint of a normalised e-mail, E.164 phone or RPPS."""
    return hmac.new(_key(), value.encode(), hashlib.sha256).hexdigest() if value else None


def check_not_objected(session: Session, values: dict) -> None:
    """Refuse to create a person on the objection list (same e-mail, phone or RPPS)."""
    fingerprints = [(column, keyed_hash(values.get(name))) for name, column in (
        ("email", models.Objection.email_hash), ("phone", models.Objection.phone_hash),
        ("rpps", models.Objection.rpps_hash))]
    conditions = [column == value for column, value in fingerprints if value]
    if conditions and session.exec(select(models.Objection).where(or_(*conditions))).first():
        raise Objected()


# --- Subject access ------------------------------------------------------------------------------------


def person_rows(engine: Engine, caregiver_id: int) -> dict[str, pd.DataFrame]:
    """Every row the store holds about one caregiver, table by table."""
    ids = "(select id from {table} where caregiver_id = ?)"
    queries = {
        "caregiver": ("select * from caregiver where id = ?", 1),
        "onboarding_step": ("select * from onboarding_step where caregiver_id = ? order by id", 1),
        "call": ("select * from call where caregiver_id = ? order by occurred_at", 1),
        "mentoring_session": ("select * from mentoring_session where caregiver_id = ? order by occurred_at", 1),
        "match": ("select * from match where caregiver_id = ? order by id", 1),
        "match_event": (f"select * from match_event where match_id in {ids.format(table='match')} order by id", 1),
        # The requests the person was put on, for context (they are the organisations' data, not the person's).
        "request": ("select * from request where id in (select request_id from match where caregiver_id = ?) "
                    "order by id", 1),
        "audit_event": (f"""select * from audit_event where
                            (entity = 'caregiver' and entity_id = ?)
                            or (entity = 'call' and entity_id in {ids.format(table='call')})
                            or (entity = 'mentoring_session' and entity_id in {ids.format(table='mentoring_session')})
                            or (entity = 'match' and entity_id in {ids.format(table='match')})
                            or (entity = 'onboarding_step' and entity_id in {ids.format(table='onboarding_step')})
                            order by id""", 5),
    }
    # convert_dtypes: a nullable whole number stays one (3, not 3.0) in the JSON and the CSV.
    return {name: db.read_df(engine, sql, [caregiver_id] * n).convert_dtypes()
            for name, (sql, n) in queries.items()}


def _plain(value):
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def export(engine: Engine, actor: Actor, caregiver_id: int) -> bytes:
    """A zip of everything held about one caregiver: `donnees.json` and one CSV per table."""
    audit.require(actor, "privacy")
    rows = person_rows(engine, caregiver_id)
    if rows["caregiver"].empty:
        raise audit.NotFound("Ce soignant")
    as_records = {name: [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
                  for name, frame in rows.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(as_records, ensure_ascii=False, indent=2))
        for name, records in as_records.items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=list(rows[name].columns))
            writer.writeheader()
            # A value starting with = + - @ would run as a formula in a spreadsheet: quote it as text.
            writer.writerows({k: f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for k, v in r.items()}
                             for r in records)
            archive.writestr(f"{name}.csv", text.getvalue())
    with audit.transaction(engine, actor, "privacy") as session:
        audit.log(session, actor, "export", "caregiver", caregiver_id)
    return buffer.getvalue()


# --- Erasure -------------------------------------------------------------------------------------------


def _redact(text: str | None) -> str | None:
    """An audit copy with the identifying fields blanked (the keys stay: what changed, not the values)."""
    if not text:
        return text
    values = json.loads(text)
    return json.dumps({k: (ERASED if k in IDENTIFYING and v is not None else v) for k, v in values.items()},
                      ensure_ascii=False)


def erase(engine: Engine, actor: Actor, caregiver_id: int, *, reason: str = "effacement") -> None:
    """Anonymise a caregiver for good, list them against re-creation, and rewrite the file."""
    if reason not in REASONS:
        raise ValueError(reason)
    with audit.transaction(engine, actor, "privacy") as session:
        caregiver = session.get(models.Caregiver, caregiver_id)
        if caregiver is None:
            raise audit.NotFound("Ce soignant")
        if caregiver.erased_at is not None:
            raise WriteError("Ce soignant a déjà été effacé.")
        session.add(models.Objection(reason=reason, email_hash=keyed_hash(caregiver.email),
                                     phone_hash=keyed_hash(caregiver.phone), rpps_hash=keyed_hash(caregiver.rpps)))
        caregiver.first_name, caregiver.last_name = "Personne", f"effacée n° {caregiver_id}"
        for name in CAREGIVER_ERASED:
            setattr(caregiver, name, None)
        caregiver.archived, caregiver.erased_at = True, models.utcnow()
        audit.touch(caregiver)
        touched: dict[str, list[int]] = {"caregiver": [caregiver_id]}
        for table, fields in FREE_TEXT.items():
            model = {"call": models.Call, "mentoring_session": models.MentoringSession, "match": models.Match}[table]
            rows = session.exec(select(model).where(model.caregiver_id == caregiver_id)).all()
            touched[table] = [row.id for row in rows]
            for row in rows:
                for name in fields:
                    setattr(row, name, None)
        steps = session.exec(select(models.OnboardingStep.id).where(
            models.OnboardingStep.caregiver_id == caregiver_id)).all()
        touched["onboarding_step"] = list(steps)
        for entity, ids in touched.items():
            if not ids:
                continue
            events = session.exec(select(models.AuditEvent).where(
                models.AuditEvent.entity == entity, models.AuditEvent.entity_id.in_(ids))).all()
            for event in events:
                event.before, event.after = _redact(event.before), _redact(event.after)
        audit.log(session, actor, reason, "caregiver", caregiver_id, None, {"reason": reason})
    rewrite(engine, actor)


class RewriteFailed(WriteError):
    def __init__(self) -> None:
        super().__init__("Les données sont effacées des tables, mais le fichier de la base n'a pas pu être réécrit "
                         "(elle était occupée) : des traces peuvent y rester. Relancez « Réécrire le fichier » "
                         "dans un moment.")


def rewrite(engine: Engine, actor: Actor) -> None:
    """Rewrite the store file so that erased values leave its free blocks; can be run again at any time."""
    audit.require(actor, "privacy")
    try:
        db.rewrite(engine)
    except (db.StoreError, duckdb.Error):
        raise RewriteFailed() from None
