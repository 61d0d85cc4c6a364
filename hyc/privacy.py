"""Personal-data duties (RGPD): what the store holds about a person, erasure, and the objection list.

- `export` gathers every row about one caregiver into a zip (one JSON file, one CSV per table).
- `erase` anonymises a caregiver: names, contacts, RPPS, postcode, notes and the free text of their own calls,
  sessions and matches are gone, in the audit trail's copies too; wherever else their names, e-mail, phone (in
  any way of writing it) or RPPS appear in free text (an organisation's call, a request, another record's notes,
  the audit trail), those words are replaced. Profession, region, dates, stages and agreed rates stay for the
  statistics. The file is then rewritten so that the erased values do not survive in its free blocks; a
  rewrite cut short (the machine stopped) is finished at the next start (`finish_rewrite`).
- The objection list keeps keyed hashes (HMAC-SHA256) of the e-mail, phone and RPPS of a person who
  objected or was erased, so that they are never created again; the key lives outside the store.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
import secrets
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import phonenumbers
from sqlalchemy import Engine, or_, text
from sqlmodel import Session, select

from hyc import audit, config, db, models
from hyc.audit import Actor, WriteError
from hyc.i18n import Message
from hyc.text import fold, fold_sql, full_name_pattern, last_name_pattern

ERASED = "[effacé]"
REASONS = ("effacement", "opposition")
# The caregiver's own fields that erasure empties, and the free texts of their own rows, emptied whole.
CAREGIVER_ERASED = ("email", "phone", "rpps", "postcode", "departement", "notes")
OWN_TEXT = {
    "call": ("summary", "next_action"),
    "mentoring_session": ("notes", "next_action"),
    "match": ("caregiver_feedback", "client_feedback"),
}
IDENTIFYING = {"first_name", "last_name", *CAREGIVER_ERASED, *(f for fields in OWN_TEXT.values() for f in fields)}
# The audit action that marks a finished rewrite of the file (entity "store").
REWRITE_DONE = "rewrite"


class Objected(WriteError):
    def __init__(self) -> None:
        super().__init__(Message("error.objected"))


def retention_years() -> int:
    """Years without contact after which a caregiver comes up for review (HYC_RETENTION_YEARS)."""
    return config.load().retention_years


# --- The objection list ----------------------------------------------------------------------------------


def secret_key() -> bytes:
    """The store's key, created once next to it (HYC_SECRET_FILE): it keys the objection list's hashes and signs
    the backups' manifests."""
    path = Path(config.load().secret_file)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def keyed_hash(value: str | None, key: bytes | None = None) -> str | None:
    """The list's fingerprint of a normalised e-mail, E.164 phone or RPPS (`key`: the store's, read once by a caller
    that hashes many)."""
    return hmac.new(key or secret_key(), value.encode(), hashlib.sha256).hexdigest() if value else None


_FINGERPRINTED = (("email", models.Objection.email_hash), ("phone", models.Objection.phone_hash),
                  ("rpps", models.Objection.rpps_hash))


def check_not_objected(session: Session, values: dict) -> None:
    """Refuse to create a person on the objection list (same e-mail, phone or RPPS)."""
    conditions = [column == keyed_hash(values.get(name)) for name, column in _FINGERPRINTED if values.get(name)]
    if conditions and session.exec(select(models.Objection).where(or_(*conditions))).first():
        raise Objected()


@dataclass(frozen=True)
class ObjectionList:
    """The objection list read once, for a write that checks many people (an import)."""

    key: bytes
    fingerprints: frozenset[str]

    def holds(self, values: dict) -> bool:
        """Whether the person's e-mail, phone or RPPS is on the list."""
        return any(keyed_hash(values.get(name), self.key) in self.fingerprints
                   for name, _ in _FINGERPRINTED if values.get(name))


def objection_list(session: Session) -> ObjectionList:
    rows = session.exec(select(*(column for _, column in _FINGERPRINTED))).all()
    return ObjectionList(secret_key(), frozenset(value for row in rows for value in row if value))


# --- Subject access ------------------------------------------------------------------------------------


def person_rows(engine: Engine, caregiver_id: int) -> dict[str, pd.DataFrame]:
    """Every row the store holds about one caregiver, table by table."""
    ids = "(select id from {table} where caregiver_id = ?)"
    queries = {
        # Their record, and those merged into it (hyc.merge): the same person's.
        "caregiver": ("select * from caregiver where id = ? or merged_into_id = ? order by id", 2),
        "onboarding_step": ("select * from onboarding_step where caregiver_id = ? order by id", 1),
        "call": ("select * from call where caregiver_id = ? order by occurred_at", 1),
        "mentoring_session": ("select * from mentoring_session where caregiver_id = ? order by occurred_at", 1),
        "match": ("select * from match where caregiver_id = ? order by id", 1),
        "rpps_check": ("select * from rpps_check where caregiver_id = ?", 1),
        "match_event": (f"select * from match_event where match_id in {ids.format(table='match')} order by id", 1),
        # The documents drafted for their matches (which, when, from which terms: the files are not kept).
        "match_document": (f"select * from match_document where match_id in {ids.format(table='match')} "
                           "order by id", 1),
        # The workshop sessions they were invited to and what they said after them.
        "workshop_invitation": (f"select * from workshop_invitation where match_id in {ids.format(table='match')} "
                                "order by id", 1),
        "workshop_attendance": (f"select * from workshop_attendance where match_id in {ids.format(table='match')} "
                                "order by id", 1),
        # The requests the person was put on, for context (they are the organisations' data, not the person's).
        "request": ("select * from request where id in (select request_id from match where caregiver_id = ?) "
                    "order by id", 1),
        "audit_event": (f"""select * from audit_event where
                            (entity = 'caregiver' and (entity_id = ? or entity_id in
                                (select id from caregiver where merged_into_id = ?)))
                            or (entity = 'call' and entity_id in {ids.format(table='call')})
                            or (entity = 'mentoring_session' and entity_id in {ids.format(table='mentoring_session')})
                            or (entity = 'match' and entity_id in {ids.format(table='match')})
                            or (entity = 'onboarding_step' and entity_id in {ids.format(table='onboarding_step')})
                            or (entity = 'rpps_check' and entity_id = ?)
                            or (entity = 'workshop_attendance' and entity_id in
                                (select id from workshop_attendance where match_id in {ids.format(table='match')}))
                            order by id""", 8),
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
        raise audit.NotFound("this_caregiver")
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

# How people space a number, once or more between digits: 06 12 34 56 78, 06.12.34.56.78, 06-12…, 06/12…, 06–12…
_SEPARATORS = " .-/\u2010\u2011\u2012\u2013\u2014\u2015\u00a0\u202f\u2009\t\n"
_SEPARATOR = "[" + re.escape(_SEPARATORS) + "]*"


def _spaced(digits: str) -> str:
    return _SEPARATOR.join(digits)
@dataclass(frozen=True)
class Identity:
    """What identifies a caregiver, kept from before the erasure blanks it."""

    id: int
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    rpps: str | None

    @classmethod
    def of(cls, caregiver: models.Caregiver) -> Identity:
        return cls(caregiver.id, caregiver.first_name, caregiver.last_name, caregiver.email, caregiver.phone,
                   caregiver.rpps)


# The kind of the last-name-alone pattern: the one kind that must not touch another known name ("Pharma Bigot").
LAST_NAME = "nom seul"


def identifiers(caregiver: Identity) -> list[tuple[str, re.Pattern]]:
    """What identifies a caregiver in free text, each as (what it is, pattern): the e-mail, the phone in every
    way of writing it (national or international, spaced, dotted), the RPPS, the full name either way round (any
    case, accents or not), and the last name alone as names are written (Dupont, DUPONT, not "dupont")."""
    found: list[tuple[str, re.Pattern]] = []
    # The longest forms first: a name inside an e-mail address goes with the whole address.
    if caregiver.email:
        found.append(("e-mail", re.compile(re.escape(caregiver.email), re.IGNORECASE)))
    if caregiver.phone:
        parsed = phonenumbers.parse(caregiver.phone)
        national = _spaced(str(parsed.national_number))
        written = [f"0{_SEPARATOR}{national}",  # 06 12 34 56 78
                   rf"\(?(?:\+|00){_SEPARATOR}{parsed.country_code}\)?{_SEPARATOR}(?:\(0\){_SEPARATOR})?{national}"]
        found.append(("téléphone", re.compile(rf"(?<!\d)(?:{'|'.join(written)})(?!\d)")))
    if caregiver.rpps:
        found.append(("RPPS", re.compile(rf"(?<!\d){_spaced(caregiver.rpps)}(?!\d)")))
    first, last = (caregiver.first_name or "").strip(), (caregiver.last_name or "").strip()
    if first and last:
        found.append(("nom", re.compile(full_name_pattern(first, last))))
    if last:
        found.append((LAST_NAME, re.compile(last_name_pattern(last))))
    return found


def _replaced_outside(pattern: re.Pattern, text: str, protected: re.Pattern | None) -> tuple[str, int]:
    """`pattern` replaced by ERASED in the parts of `text` that are not a protected name; how many were."""
    pieces, count, start = [], 0, 0
    for name in protected.finditer(text) if protected is not None else ():
        part, n = pattern.subn(ERASED, text[start:name.start()])
        pieces += [part, name.group(0)]
        count, start = count + n, name.end()
    part, n = pattern.subn(ERASED, text[start:])
    return "".join([*pieces, part]), count + n


def _scrubbed(text: str, patterns: list[tuple[str, re.Pattern]], protected: re.Pattern | None = None,
              ) -> tuple[str, set[str]]:
    """The text with every identifier replaced by ERASED, and what was found. The last name alone is left where
    it is part of another known name (`protected`: an organisation, a contact, a colleague, a namesake)."""
    found = set()
    for what, pattern in patterns:
        text, n = _replaced_outside(pattern, text, protected if what == LAST_NAME else None)
        if n:
            found.add("nom" if what == LAST_NAME else what)
    return text, found


# The keys of an audit copy that hold free text: only those are searched, so that the names, e-mails and phones
# of other people (a namesake, a contact) in their own audit copies stay as they are.
_FREE_TEXT_KEYS = {column for table, columns in models.FREE_TEXT.items() if table != "audit_event"
                   for column in columns} | set(models.AUDIT_FREE_TEXT)


def _scrubbed_json(text: str, patterns: list[tuple[str, re.Pattern]], protected: re.Pattern | None = None,
                   ) -> tuple[str, set[str]]:
    """An audit copy (JSON) with identifiers replaced inside its free-text values: it stays valid JSON."""
    try:
        values = json.loads(text)
    except ValueError:
        return text, set()
    if not isinstance(values, dict):
        return text, set()
    found: set[str] = set()
    for key, value in values.items():
        if key in _FREE_TEXT_KEYS and isinstance(value, str):
            values[key], what = _scrubbed(value, patterns, protected)
            found.update(what)
    return (json.dumps(values, ensure_ascii=False) if found else text), found


def _needles(caregiver: Identity) -> tuple[list[str], list[str]]:
    """Cheap SQL pre-filters for the rows worth reading: words (lower case, without accents: the longest run of
    letters of the last name, the e-mail) and digits (the phone's national number, the RPPS), which a text holds
    once its accents and its separators are set aside."""
    runs = re.findall(r"[^\W\d_]+", fold(caregiver.last_name))
    words = [max(runs, key=len)] if runs else []
    words += [fold(caregiver.email)] if caregiver.email else []
    digits = [str(phonenumbers.parse(caregiver.phone).national_number)] if caregiver.phone else []
    digits += [caregiver.rpps] if caregiver.rpps else []
    return words, digits


@dataclass(frozen=True)
class TextChange:
    """One free text where erasure replaces the person's identifiers (the new text, and what was found)."""

    table: str
    row_id: int
    column: str
    found: tuple[str, ...]
    text: str


def _protected_names(conn, person: Identity) -> re.Pattern | None:
    """Other known names holding the person's last name as a word: organisations, contacts, team members and
    namesakes in the pool. The last name alone is left inside them."""
    if not person.last_name:
        return None
    rows = conn.execute(text("""
        select name from (
            select name from organisation
            union select concat_ws(' ', first_name, last_name) from contact
            union select concat_ws(' ', last_name, first_name) from contact
            union select full_name from team_member
            union select concat_ws(' ', first_name, last_name) from caregiver where id <> :id
            union select concat_ws(' ', last_name, first_name) from caregiver where id <> :id)
        where contains(lower(name), lower(:last))
          and lower(name) not in (lower(:full), lower(:reversed))"""),
        {"id": person.id, "last": person.last_name,
         "full": f"{person.first_name} {person.last_name}", "reversed": f"{person.last_name} {person.first_name}"})
    names = sorted({name for (name,) in rows if name.strip().lower() != person.last_name.lower()}, key=len,
                   reverse=True)
    return re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE) if names else None


def _text_changes(session: Session, person: Identity) -> list[TextChange]:
    """Every free text of the store, outside the person's own rows (emptied whole), that names them."""
    patterns = identifiers(person)
    words, digits = _needles(person)
    conn = session.connection()
    protected = _protected_names(conn, person)
    own = {"caregiver": {person.id}} | {
        table: {r for (r,) in conn.execute(text(f"select id from {table} where caregiver_id = :id"), {"id": person.id})}
        for table in (*OWN_TEXT, "onboarding_step")}
    # The audit copies about the person's own rows are redacted whole (_redact), not word by word.
    own["audit_event"] = {r for (r,) in conn.execute(text(
        "select id from audit_event where list_contains(:entities, entity || ':' || entity_id)"),
        {"entities": [f"{table}:{i}" for table, ids in own.items() for i in ids]})}
    changes = []
    for table, columns in models.FREE_TEXT.items():
        for column in columns:
            tests = [f"contains({fold_sql(column)}, :w{i})" for i in range(len(words))]
            tests += [f"contains(translate({column}, :separators, ''), :d{i})" for i in range(len(digits))]
            params = {f"w{i}": w for i, w in enumerate(words)} | {f"d{i}": d for i, d in enumerate(digits)}
            params["separators"] = _SEPARATORS
            if not words and not digits:
                continue
            emptied = own.get(table, set())
            rows = conn.execute(text(f"select id, {column} from {table} where {column} is not null "
                                     f"and ({' or '.join(tests)}) order by id"), params).all()
            scrub = _scrubbed_json if table == "audit_event" else _scrubbed
            for row_id, value in rows:
                new, found = scrub(value, patterns, protected)
                if row_id not in emptied and found and new != value:
                    changes.append(TextChange(table, row_id, column, tuple(sorted(found)), new))
    return changes


def erasure_plan(engine: Engine, caregiver_id: int) -> list[TextChange]:
    """What erasing this caregiver would change in other records' free text, for the person to read first."""
    with db.session(engine) as session:
        caregiver = session.get(models.Caregiver, caregiver_id)
        if caregiver is None:
            raise audit.NotFound("this_caregiver")
        return _text_changes(session, Identity.of(caregiver))


def _redacted(values: dict) -> dict:
    """The identifying fields blanked, in the records an audit copy holds within it too (a merge keeps both)."""
    return {k: (ERASED if k in IDENTIFYING and v is not None else _redacted(v) if isinstance(v, dict) else v)
            for k, v in values.items()}


def _redact(text: str | None) -> str | None:
    """An audit copy with the identifying fields blanked (the keys stay: what changed, not the values)."""
    if not text:
        return text
    values = json.loads(text)
    return json.dumps(_redacted(values), ensure_ascii=False) if isinstance(values, dict) else text


def _merged_into(session: Session, caregiver_id: int) -> list[tuple[models.Caregiver, Identity]]:
    """The records merged into this caregiver's (hyc.merge), directly or through another: the same person. Each with
    the identity it had when merged (its e-mail, phone and RPPS were cleared then; the merge's audit copy keeps
    them)."""
    conn = session.connection()
    ids = [row_id for (row_id,) in conn.execute(text("""
        with recursive merged(id) as (
            select id from caregiver where merged_into_id = :id
            union select c.id from caregiver c join merged m on c.merged_into_id = m.id)
        select id from merged order by id"""), {"id": caregiver_id})]
    found = []
    for merged_id in ids:
        row = session.get(models.Caregiver, merged_id)
        copy = conn.execute(text("""select before from audit_event where action = 'merge' and entity = 'caregiver'
                                    and try_cast(json_extract_string(before, '$.merged.id') as integer) = :id
                                    order by id desc limit 1"""), {"id": merged_id}).scalar()
        was = json.loads(copy).get("merged", {}) if copy else {}
        found.append((row, Identity(merged_id, was.get("first_name", row.first_name),
                                    was.get("last_name", row.last_name), was.get("email", row.email),
                                    was.get("phone", row.phone), was.get("rpps", row.rpps))))
    return found


def _anonymise(session: Session, caregiver: models.Caregiver, person: Identity, reason: str) -> None:
    """A record blanked for good, the person's identifiers on the objection list."""
    if person.email or person.phone or person.rpps or caregiver.id == person.id:
        session.add(models.Objection(reason=reason, email_hash=keyed_hash(person.email),
                                     phone_hash=keyed_hash(person.phone), rpps_hash=keyed_hash(person.rpps)))
    caregiver.first_name, caregiver.last_name = "Personne", f"effacée n° {caregiver.id}"
    for name in CAREGIVER_ERASED:
        setattr(caregiver, name, None)
    caregiver.archived, caregiver.erased_at = True, models.utcnow()
    audit.touch(caregiver)


def _replace_texts(session: Session, people: list[Identity]) -> list[TextChange]:
    """Every free text that names one of these identities, changed (each read after the previous one's changes)."""
    changes = []
    conn = session.connection()
    for person in people:
        found = _text_changes(session, person)
        for change in found:
            versioned = "row_version" in models.TABLES[change.table].model_fields
            bump = ", row_version = row_version + 1" if versioned else ""
            conn.execute(text(f"update {change.table} set {change.column} = :value{bump} where id = :id"),
                         {"value": change.text, "id": change.row_id})
        changes += found
    return changes


def erase(engine: Engine, actor: Actor, caregiver_id: int, *, reason: str = "effacement") -> list[TextChange]:
    """Anonymise a caregiver for good, list them against re-creation, and rewrite the file; returns the free
    texts of other records that named them, as changed."""
    if reason not in REASONS:
        raise ValueError(reason)
    with audit.transaction(engine, actor, "privacy") as session:
        caregiver = session.get(models.Caregiver, caregiver_id)
        if caregiver is None:
            raise audit.NotFound("this_caregiver")
        if caregiver.erased_at is not None:
            raise WriteError(Message("error.already_erased"))
        person = Identity.of(caregiver)
        # The records merged into theirs are the same person: erased with it.
        merged = _merged_into(session, caregiver_id)
        for row, identity in [(caregiver, person), *merged]:
            _anonymise(session, row, identity, reason)
        touched: dict[str, list[int]] = {"caregiver": [caregiver_id, *(row.id for row, _ in merged)]}
        for table, fields in OWN_TEXT.items():
            model = {"call": models.Call, "mentoring_session": models.MentoringSession, "match": models.Match}[table]
            rows = session.exec(select(model).where(model.caregiver_id == caregiver_id)).all()
            touched[table] = [row.id for row in rows]
            for row in rows:
                for name in fields:
                    setattr(row, name, None)
        # Their matches deleted since (two on one request, by a merge or an upgrade), kept in the audit log.
        touched["match"] += [row_id for (row_id,) in session.connection().execute(text(
            """select entity_id from audit_event where entity = 'match' and action = 'delete'
               and list_contains(:ids, try_cast(json_extract_string(before, '$.caregiver_id') as integer))"""),
            {"ids": touched["caregiver"]})]
        # What they said after workshop sessions, held by their matches' attendance rows.
        attendance = session.exec(select(models.WorkshopAttendance).where(
            models.WorkshopAttendance.match_id.in_(touched["match"]))).all()
        for row in attendance:
            row.feedback = None
        touched["workshop_attendance"] = [row.id for row in attendance]
        steps = session.exec(select(models.OnboardingStep.id).where(
            models.OnboardingStep.caregiver_id == caregiver_id)).all()
        touched["onboarding_step"] = list(steps)
        # The directory's word on their RPPS goes with it (its decisions' audit events are redacted below).
        session.connection().execute(text("delete from rpps_check where caregiver_id = :id"), {"id": caregiver_id})
        touched["rpps_check"] = [caregiver_id]
        for entity, ids in touched.items():
            if not ids:
                continue
            events = session.exec(select(models.AuditEvent).where(
                models.AuditEvent.entity == entity, models.AuditEvent.entity_id.in_(ids))).all()
            for event in events:
                event.before, event.after = _redact(event.before), _redact(event.after)
        session.flush()
        # Then every other free text that names them (as each of their records did), read after the changes above
        # so that both hold.
        changes = _replace_texts(session, [person, *(identity for _, identity in merged)])
        audit.log(session, actor, reason, "caregiver", caregiver_id, None, {
            "reason": reason, "texts": [f"{c.table} {c.row_id} {c.column}" for c in changes]})
    rewrite(engine, actor)
    return changes


class RewriteFailed(WriteError):
    def __init__(self) -> None:
        super().__init__(Message("error.rewrite_failed"))


def rewrite(engine: Engine, actor: Actor | None) -> None:
    """Rewrite the store file so that erased values leave its free blocks; can be run again at any time.
    `actor` None: the app itself, finishing a rewrite at start."""
    if actor is not None:
        audit.require(actor, "privacy")
    try:
        db.rewrite(engine)
    except (db.StoreError, duckdb.Error):
        raise RewriteFailed() from None
    with db.session(engine) as session:
        session.add(models.AuditEvent(actor_id=actor.id if actor else None, action=REWRITE_DONE, entity="store"))
        session.commit()


def rewrite_pending(engine: Engine) -> bool:
    """Whether erased values may still be in the file's bytes: an erasure newer than the last finished rewrite,
    or a rewrite's copy left beside the file (the machine stopped during it)."""
    if db.rewrite_copy(engine).exists():
        return True
    erased, rewritten = db.read_df(engine, f"""
        select max(id) filter (where action in {tuple(REASONS)}) as erased,
               max(id) filter (where action = '{REWRITE_DONE}' and entity = 'store') as rewritten
        from audit_event""").iloc[0]
    return pd.notna(erased) and (pd.isna(rewritten) or rewritten < erased)


def finish_rewrite(engine: Engine) -> bool:
    """At start: finish a rewrite that an erasure needed and did not complete; says whether one was run. When it
    cannot run now, `rewrite_pending` stays true and the Personal data page says so."""
    if not rewrite_pending(engine):
        return False
    try:
        rewrite(engine, None)
    except RewriteFailed:
        return False
    return True
