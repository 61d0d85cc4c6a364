"""Team accounts: passwords hashed with argon2, sign-in with a lock after repeated failures, roles.

No password or hash ever leaves this module: sign-in answers with the member (an Actor) or a French
sentence that does not say whether the e-mail or the password was wrong.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from hyc import audit, models, validation, vocab
from hyc.audit import Actor, WriteError
from hyc.validation import Form, FormInvalid

HASHER = PasswordHasher()  # argon2id, the library's current recommended parameters
MAX_FAILED = 5  # failed attempts in a row before the account locks
LOCK_FOR = timedelta(minutes=15)
SESSION_IDLE = timedelta(hours=8)  # a session with no activity for this long must sign in again
MIN_PASSWORD = 12

# Demo accounts (README): one password per role, for the demo store only.
DEMO_PASSWORDS = {"fondateur": "demo-fondateur-2026", "mentor": "demo-mentor-2026", "lecteur": "demo-lecteur-2026"}


class SignInError(WriteError):
    """A refused sign-in, said without telling which of the e-mail or the password was wrong."""


WRONG = "E-mail ou mot de passe incorrect."


def _hash(password: str) -> str:
    return HASHER.hash(password)


def check_password(password: str | None) -> str:
    """A password good enough for an account holding health professionals' personal data."""
    if not password or len(password) < MIN_PASSWORD:
        raise FormInvalid({"password": f"Le mot de passe doit compter au moins {MIN_PASSWORD} caractères."})
    if password.isdigit() or password.isalpha():
        raise FormInvalid({"password": "Mélangez lettres et chiffres ou signes dans le mot de passe."})
    return password


def clean(data: dict, *, with_password: bool) -> dict:
    f = Form(data)
    values = {
        "full_name": f.text("full_name", required=True, max_length=120),
        "email": f.checked("email", validation.email),
        "role": f.code("role", vocab.ROLES, required=True),
    }
    if not values["email"] and "email" not in f.errors:
        f.fail("email", "Ce champ est obligatoire.")
    if with_password:
        try:
            check_password(data.get("password"))
        except FormInvalid as exc:
            f.errors.update(exc.errors)
    f.finish()
    return values


def create(engine: Engine, actor: Actor | None, data: dict) -> models.TeamMember:
    """Create an account. The store's first account is a fondateur·rice and needs no actor (it is the
    command line's `users add`); every later one is created by a fondateur·rice."""
    values = clean(data, with_password=True)
    with Session(engine, expire_on_commit=False) as session:
        first = session.exec(select(func.count()).select_from(models.TeamMember)).one() == 0
    if first:
        values["role"] = "fondateur"
        actor = Actor(0, "fondateur", "installation")
    if actor is None:
        raise audit.PermissionDenied(Actor(0, "lecteur"), "team")
    with audit.transaction(engine, actor, "team") as session:
        if session.exec(select(models.TeamMember).where(models.TeamMember.email == values["email"])).first():
            raise FormInvalid({"email": "Un compte existe déjà avec cet e-mail."})
        member = models.TeamMember(**values, password_hash=_hash(data["password"]))
        session.add(member)
        session.flush()
        audit.log(session, actor if actor.id else Actor(member.id, "fondateur"), "create", "team_member", member.id,
                  None, audit.snapshot(member, exclude=("created_at", "password_hash")))
    return member


def update(engine: Engine, actor: Actor, member_id: int, data: dict) -> models.TeamMember:
    """Change a member's name, e-mail, role or active flag; a new password when one is given."""
    values = clean(data, with_password=bool(data.get("password")))
    values["active"] = bool(data.get("active", True))
    with audit.transaction(engine, actor, "team") as session:
        member = session.get(models.TeamMember, member_id)
        if member is None:
            raise audit.NotFound("Ce compte")
        if member_id == actor.id and (values["role"] != "fondateur" or not values["active"]):
            raise FormInvalid({"role": "Vous ne pouvez pas retirer vos propres droits de fondateur·rice : "
                                       "demandez-le à un·e autre fondateur·rice."})
        same_email = session.exec(select(models.TeamMember).where(
            models.TeamMember.email == values["email"], models.TeamMember.id != member_id)).first()
        if same_email:
            raise FormInvalid({"email": "Un compte existe déjà avec cet e-mail."})
        audit.apply(session, actor, member, "team_member", values)
        if data.get("password"):
            member.password_hash = _hash(data["password"])
            member.failed_logins, member.locked_until = 0, None
            audit.log(session, actor, "password", "team_member", member.id)
        if data.get("password") or not values["active"]:
            # A new password or a deactivation ends every signed-in browser of the account.
            for row in session.exec(select(models.WebSession).where(models.WebSession.member_id == member_id)):
                session.delete(row)
    return member


def unlock(engine: Engine, actor: Actor, member_id: int) -> None:
    with audit.transaction(engine, actor, "team") as session:
        member = session.get(models.TeamMember, member_id)
        if member is None:
            raise audit.NotFound("Ce compte")
        member.failed_logins, member.locked_until = 0, None
        audit.log(session, actor, "unlock", "team_member", member.id)


def _locked_message(until: datetime) -> str:
    return (f"Compte verrouillé après {MAX_FAILED} essais manqués : réessayez après {models.to_paris(until):%H:%M}, "
            "ou demandez à un·e fondateur·rice de le déverrouiller.")


def _update_member(engine: Engine, sql: str, params: tuple) -> tuple:
    """One atomic change of a member's sign-in counters, retried when another attempt changes them too."""
    for attempt in range(20):
        try:
            with engine.begin() as conn:
                return conn.exec_driver_sql(sql, params).one()
        except DBAPIError as exc:
            if "Conflict" not in str(exc.orig):
                raise
            time.sleep(0.02 * (attempt + 1))
    raise SignInError("Trop de tentatives en même temps : réessayez dans un instant.")


def sign_in(engine: Engine, email: str, password: str, *, now: datetime | None = None) -> Actor:
    """The member whose e-mail and password these are; five failures in a row lock the account 15 minutes.

    Each attempt is counted before the password is checked, in its own transaction: attempts made at the same
    moment cannot check more than five passwords between two locks."""
    now = now or models.utcnow()
    try:
        address = validation.email(email or "")
    except validation.InvalidInput:
        raise SignInError(WRONG) from None
    with Session(engine, expire_on_commit=False) as session:
        member = session.exec(select(models.TeamMember).where(models.TeamMember.email == address)).first()
    if member is None or not member.active or not member.password_hash:
        # Same work as a real check, so that the answer's delay does not tell which accounts exist.
        HASHER.hash(password or "")
        raise SignInError(WRONG)
    if member.locked_until and member.locked_until > now:
        HASHER.hash(password or "")  # the same delay as any other answer
        raise SignInError(_locked_message(member.locked_until))
    attempts, locked_until = _update_member(
        engine, "update team_member set failed_logins = failed_logins + 1 where id = ? "
                "returning failed_logins, locked_until", (member.id,))
    if locked_until and locked_until > now:
        raise SignInError(_locked_message(locked_until))
    if attempts > MAX_FAILED:  # the attempts beyond the fifth, made at the same moment: not checked
        raise SignInError(_locked_message(now + LOCK_FOR))
    try:
        HASHER.verify(member.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        locked = attempts >= MAX_FAILED
        if locked:
            _update_member(engine, "update team_member set locked_until = ?, failed_logins = 0 where id = ? "
                                   "returning id", (now + LOCK_FOR, member.id))
        _log_attempt(engine, member.id, "sign_in_failed", '{"locked": true}' if locked else None)
        raise SignInError(WRONG) from None
    rehashed = _hash(password) if HASHER.check_needs_rehash(member.password_hash) else member.password_hash
    _update_member(engine, "update team_member set failed_logins = 0, locked_until = null, password_hash = ? "
                           "where id = ? returning id", (rehashed, member.id))
    _log_attempt(engine, member.id, "sign_in", None)
    return Actor(member.id, member.role, member.full_name)


def _log_attempt(engine: Engine, member_id: int, action: str, after: str | None) -> None:
    with Session(engine) as session:
        session.add(models.AuditEvent(actor_id=member_id, action=action, entity="team_member", entity_id=member_id,
                                      after=after))
        session.commit()


def set_demo_passwords(engine: Engine) -> None:
    """Give the demo team the README's passwords: one hash per role (hashing is slow on purpose)."""
    hashes = {role: _hash(password) for role, password in DEMO_PASSWORDS.items()}
    with Session(engine) as session:
        for member in session.exec(select(models.TeamMember)).all():
            member.password_hash = hashes[member.role]
        session.commit()


# --- Signed-in browsers ---------------------------------------------------------------------------------
# A browser keeps a random token in a cookie; the store keeps its SHA-256, so a copy of the store does not
# let anyone sign in. A reload or a link opened in a new tab finds the session again through the cookie.

COOKIE = "hyc_session"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_web_session(engine: Engine, member_id: int) -> str:
    token = secrets.token_urlsafe(32)
    with Session(engine) as session:
        session.add(models.WebSession(token_hash=_token_hash(token), member_id=member_id))
        session.commit()
    return token


def resume_web_session(engine: Engine, token: str | None, *, now: datetime | None = None) -> Actor | None:
    """The member of a browser's token, unless it ended, expired after 8 idle hours or the member left."""
    if not token:
        return None
    now = now or models.utcnow()
    with Session(engine) as session:
        row = session.get(models.WebSession, _token_hash(token))
        member_row = session.get(models.TeamMember, row.member_id) if row is not None else None
        expired = row is not None and now - row.last_seen > SESSION_IDLE
    if row is None:
        return None
    if expired:
        close_web_session(engine, token)
        return None
    if member_row is None or not member_row.active:
        return None
    touch_web_session(engine, token, now=now)
    return Actor(member_row.id, member_row.role, member_row.full_name)


def touch_web_session(engine: Engine, token: str | None, *, now: datetime | None = None) -> bool:
    """Record activity, so that the 8 idle hours count from the last action; False when the session was
    ended meanwhile (signed out in another tab, password changed, account deactivated). Several tabs of one
    browser share the token: when two touch it at the same moment, DuckDB keeps one, which is all it needs."""
    if not token:
        return False
    try:
        with Session(engine) as session:
            row = session.get(models.WebSession, _token_hash(token))
            if row is None:
                return False
            row.last_seen = now or models.utcnow()
            session.commit()
    except DBAPIError as exc:
        if "Conflict" not in str(exc.orig):
            raise
    return True


def close_web_session(engine: Engine, token: str | None) -> None:
    if token:
        with Session(engine) as session:
            row = session.get(models.WebSession, _token_hash(token))
            if row is not None:
                session.delete(row)
                session.commit()
