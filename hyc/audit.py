"""What every write shares: the acting member and their rights, the audit event, stale copies, one transaction.

A write function opens `transaction(engine, actor, area)`, reads and changes rows through the session it
gets, calls `log(...)` for each entity it touches, and the block commits everything at once. Any error
rolls the whole write back: nothing is half-saved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

from hyc import db, i18n, models, vocab
from hyc.i18n import Message

# What each role may change (DESIGN.md §1): the areas are the write modules.
AREAS = ("caregivers", "organisations", "requests", "matches", "mentoring", "calls", "team", "privacy", "own_account",
         "exports", "questions")
ROLE_AREAS = {
    "fondateur": frozenset(AREAS),
    # Everyone keeps their own preferences (the interface language), readers included.
    # Everyone may download what they may see (each download is recorded).
    "mentor": frozenset({"caregivers", "mentoring", "calls", "own_account", "exports", "questions"}),
    "lecteur": frozenset({"own_account", "exports"}),
}


@dataclass(frozen=True)
class Actor:
    """The team member who acts."""

    id: int | None  # None: the command line
    role: str
    name: str = ""

    @classmethod
    def of(cls, member: models.TeamMember) -> Actor:
        return cls(id=member.id, role=member.role, name=member.full_name)


# Writes asked on the command line with no team member named (an import): founder's rights, no author.
COMMAND_LINE = Actor(id=None, role="fondateur", name="Ligne de commande")


class WriteError(Exception):
    """A write that cannot be done, with a sentence for the person who asked (a Message: French as a string, said
    in the reader's language by the interface)."""

    @property
    def message(self) -> str:
        return self.args[0] if self.args else ""


class PermissionDenied(WriteError):
    def __init__(self, actor: Actor, area: str) -> None:
        super().__init__(Message("error.permission", role=vocab.ROLES.term(actor.role)))


class NotFound(WriteError):
    """A record gone; `what` names it ("this_caregiver": Ce soignant / This caregiver)."""

    def __init__(self, what: str = "this_record") -> None:
        super().__init__(Message("error.not_found", what=Message(f"error.{what}")))


class StaleRecord(WriteError):
    """The record changed since the person opened it: their save would overwrite someone else's."""

    def __init__(self, who: str | None, when: datetime | None, fields: list) -> None:
        super().__init__(Message(
            "error.stale", who=who or Message("error.stale_someone"),
            when=Message("error.stale_when", when=f"{models.to_paris(when):%d/%m/%Y %H:%M}") if when else "",
            fields=Message("error.stale_fields", fields=fields) if fields else ""))


T = TypeVar("T")


class DuplicateKey(WriteError):
    """The store refused a second row with a value that must be unique: another save got there first.
    `column` names the value when the store says which (it does not at commit time)."""

    def __init__(self, column: str | None = None) -> None:
        super().__init__(Message("error.duplicate_key"))
        self.column = column


# DuckDB names the column when an insert meets a committed row, not when two commits meet; the texts quote the
# value (personal data), so they are read here and never shown.
_DUPLICATE_COLUMN = re.compile(r'Duplicate key "(\w+):')


def friendly(exc: DBAPIError) -> Exception:
    """The domain error a store error stands for (a duplicate, a write conflict), or the error itself."""
    text = str(exc.orig)
    column = _DUPLICATE_COLUMN.search(text)
    if column or "constraint violation" in text.lower():
        return DuplicateKey(column.group(1) if column else None)
    if "Conflict" in text:
        # Two saves on the same row at the same moment: DuckDB keeps the first.
        return StaleRecord(None, None, [])
    return exc


# A write that collides on a unique value is run again this many times: the second run's own checks see the row
# that got there first and say who it is.
UNIQUE_ATTEMPTS = 3


def unique_write(write: Callable[[], T]) -> T:
    """Run `write` (one whole transaction), again when the store refused it for a value someone else saved
    meanwhile: its duplicate check then names the existing record instead of a bare refusal."""
    for attempt in range(UNIQUE_ATTEMPTS):
        try:
            return write()
        except DuplicateKey:
            if attempt == UNIQUE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def require(actor: Actor, area: str) -> None:
    if area not in ROLE_AREAS.get(actor.role, frozenset()):
        raise PermissionDenied(actor, area)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(row: SQLModel, exclude: tuple[str, ...] = ("created_at", "updated_at")) -> dict[str, Any]:
    """A row's fields as JSON-ready values."""
    return plain(row.model_dump(), exclude)


def plain(values: dict, exclude: tuple[str, ...] = ("created_at", "updated_at")) -> dict[str, Any]:
    """Values as JSON-ready ones (what `snapshot` makes of a row's)."""
    return {k: _plain(v) for k, v in values.items() if k not in exclude}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """The fields that changed, before and after (row_version left out)."""
    keys = [k for k in after if before.get(k) != after.get(k) and k != "row_version"]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def log(session: Session, actor: Actor, action: str, entity: str, entity_id: int | None,
        before: dict | None = None, after: dict | None = None) -> models.AuditEvent:
    """Record what a write did, in the write's own transaction."""
    event = models.AuditEvent(
        actor_id=actor.id, action=action, entity=entity, entity_id=entity_id,
        before=json.dumps(before, ensure_ascii=False) if before is not None else None,
        after=json.dumps(after, ensure_ascii=False) if after is not None else None,
    )
    session.add(event)
    return event


def log_many(session: Session, actor: Actor, action: str, entity: str,
             changes: list[tuple[int | None, dict | None, dict | None]]) -> None:
    """`log` for many rows at once (entity id, before, after each), in one statement: a bulk write (an import)."""
    def dumped(value: dict | None) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    db.insert_rows(session, "audit_event", pd.DataFrame({
        "occurred_at": models.utcnow(), "actor_id": pd.array([actor.id] * len(changes), dtype="Int64"),
        "action": action, "entity": entity,
        "entity_id": pd.array([entity_id for entity_id, _, _ in changes], dtype="Int64"),
        "before": [dumped(before) for _, before, _ in changes], "after": [dumped(after) for _, _, after in changes]}))


def check_version(session: Session, row: SQLModel, entity: str, expected: int | None) -> None:
    """Refuse a save made on a copy older than the row, naming who changed it and what."""
    if expected is None or row.row_version == expected:
        return
    last = session.exec(
        models.AuditEvent.__table__.select()
        .where(models.AuditEvent.entity == entity, models.AuditEvent.entity_id == row.id)
        .order_by(models.AuditEvent.id.desc()).limit(1)
    ).first()
    who, when, fields = None, None, []
    if last is not None:
        member = session.get(models.TeamMember, last.actor_id) if last.actor_id else None
        who = member.full_name if member else None
        when = last.occurred_at
        fields = [Message(i18n.FIELD_LABELS[name]) if name in i18n.FIELD_LABELS else name
                  for name in json.loads(last.after or "{}")]
    raise StaleRecord(who, when, fields)


@contextmanager
def transaction(engine: Engine, actor: Actor, area: str) -> Iterator[Session]:
    """One session, one transaction: committed at the end of the block, rolled back on any error."""
    require(actor, area)
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            error = friendly(exc)
            if error is exc:
                raise
            raise error from None
        except BaseException:
            session.rollback()
            raise


def touch(row: SQLModel) -> None:
    """Mark an edited row: one more version, a new update time (for the tables that keep them)."""
    if "row_version" in type(row).model_fields:
        row.row_version += 1
        row.updated_at = models.utcnow()


def check_not_merged(row: SQLModel) -> None:
    """Refuse a change to a record merged into another (hyc.merge): only its survivor is edited or restored."""
    if getattr(row, "merged_into_id", None) is not None:
        raise WriteError(Message("error.merged_locked", id=row.merged_into_id))


def apply(session: Session, actor: Actor, row: SQLModel, entity: str, values: dict) -> None:
    """Set `values` on an edited row; when anything changed, a new version and an audit event with the diff."""
    check_not_merged(row)
    before = snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    old, new = diff(before, snapshot(row))
    if new:
        touch(row)
        log(session, actor, "update", entity, row.id, old, new)


def archive(session: Session, actor: Actor, row: SQLModel | None, entity: str, archived: bool) -> SQLModel:
    """Archive (hide) or restore a row: nothing is deleted."""
    if row is None:
        raise NotFound()
    check_not_merged(row)
    if row.archived != archived:
        row.archived = archived
        touch(row)
        log(session, actor, "archive" if archived else "restore", entity, row.id,
            {"archived": not archived}, {"archived": archived})
    return row
