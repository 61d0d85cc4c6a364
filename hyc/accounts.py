"""Team accounts: passwords hashed with argon2, sign-in slowed and then locked after repeated failures, roles.

No password or hash ever leaves this module: sign-in answers with the member (an Actor) or a French
sentence that does not say whether the e-mail or the password was wrong, nor whether the address is an
account's: failures are counted per address typed, known or not (the sign_in_guard table keeps the SHA-256
of the address), so an unknown address locks exactly as a real one does.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from hyc import audit, db, i18n, models, validation, vocab
from hyc.audit import Actor, WriteError
from hyc.i18n import Message
from hyc.validation import Form, FormInvalid

HASHER = PasswordHasher()  # argon2id, the library's current recommended parameters
# Failed attempts in a row on one address before it locks: many, since a lock is also a way to keep a founder
# out; a browser is slowed long before (session_delay), which is what stops guessing.
MAX_FAILED = 20
LOCK_FOR = timedelta(minutes=15)
# Failures older than this no longer count towards a lock.
FAILURES_FORGOTTEN_AFTER = timedelta(days=1)
# A browser session may fail this many times freely, then waits twice as long after each further failure.
FREE_ATTEMPTS = 3
MAX_DELAY = timedelta(seconds=60)
SESSION_IDLE = timedelta(hours=8)  # a session with no activity for this long must sign in again
MIN_PASSWORD = 12

# Demo accounts (README): one password per role, for the demo store only.
DEMO_PASSWORDS = {"fondateur": "demo-fondateur-2026", "mentor": "demo-mentor-2026", "lecteur": "demo-lecteur-2026"}


class SignInError(WriteError):
    """A refused sign-in, said without telling which of the e-mail or the password was wrong."""


WRONG = Message("error.wrong_sign_in")


def _hash(password: str) -> str:
    return HASHER.hash(password)


def check_password(password: str | None) -> str:
    """A password good enough for an account holding health professionals' personal data."""
    if not password or len(password) < MIN_PASSWORD:
        raise FormInvalid({"password": Message("error.password_short", n=MIN_PASSWORD)})
    if password.isdigit() or password.isalpha():
        raise FormInvalid({"password": Message("error.password_mix")})
    if password in DEMO_PASSWORDS.values():  # printed in the README: nobody's real password
        raise FormInvalid({"password": Message("error.password_demo")})
    return password


def clean(data: dict, *, with_password: bool) -> dict:
    f = Form(data)
    values = {
        "full_name": f.text("full_name", required=True, max_length=120),
        "email": f.checked("email", validation.email),
        "role": f.code("role", vocab.ROLES, required=True),
    }
    if not values["email"] and "email" not in f.errors:
        f.fail("email", Message("error.required"))
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
    password_hash = _hash(data["password"])

    def write() -> models.TeamMember:
        with audit.transaction(engine, actor, "team") as session:
            if session.exec(select(models.TeamMember).where(models.TeamMember.email == values["email"])).first():
                raise FormInvalid({"email": Message("error.account_exists")})
            member = models.TeamMember(**values, password_hash=password_hash)
            session.add(member)
            session.flush()
            audit.log(session, actor if actor.id else Actor(member.id, "fondateur"), "create", "team_member",
                      member.id, None, audit.snapshot(member, exclude=("created_at", "password_hash")))
        return member

    return audit.unique_write(write)  # two creations at once: the second is told the account exists


ACCOUNT_FIELDS = ("full_name", "email", "role")


def update(engine: Engine, actor: Actor, member_id: int, changes: dict) -> models.TeamMember:
    """Write what a fondateur·rice changed on an account (name, e-mail, role, active flag), and a new password
    when one is given."""
    password = changes.get("password")
    if password:
        check_password(password)
    with audit.transaction(engine, actor, "team") as session:
        member = session.get(models.TeamMember, member_id)
        if member is None:
            raise audit.NotFound("this_account")
        stored = {name: getattr(member, name) for name in ACCOUNT_FIELDS}
        values = validation.only_changes(lambda data: (clean(data, with_password=False), {}), stored,
                                         {k: v for k, v in changes.items() if k in ACCOUNT_FIELDS})[0]
        if "active" in changes:
            values["active"] = bool(changes["active"])
        if member_id == actor.id and (values.get("role", member.role) != "fondateur"
                                      or not values.get("active", member.active)):
            raise FormInvalid({"role": Message("error.own_rights")})
        if "email" in values and session.exec(select(models.TeamMember).where(
                models.TeamMember.email == values["email"], models.TeamMember.id != member_id)).first():
            raise FormInvalid({"email": Message("error.account_exists")})
        audit.apply(session, actor, member, "team_member", values)
        if password:
            member.password_hash = _hash(password)
            session.exec(delete(models.SignInGuard).where(models.SignInGuard.address_hash == address_key(member.email)))
            audit.log(session, actor, "password", "team_member", member.id)
        if password or not member.active:
            # A new password or a deactivation ends every signed-in browser of the account.
            for row in session.exec(select(models.WebSession).where(models.WebSession.member_id == member_id)):
                session.delete(row)
    return member


def set_language(engine: Engine, actor: Actor, lang: str) -> None:
    """The interface language the member chose, kept for their next sessions."""
    if lang not in i18n.LANGUAGES:
        raise ValueError(lang)
    with audit.transaction(engine, actor, "own_account") as session:
        member = session.get(models.TeamMember, actor.id)
        if member is None:
            raise audit.NotFound("this_account")
        if member.lang != lang:
            audit.log(session, actor, "update", "team_member", member.id, {"lang": member.lang}, {"lang": lang})
            member.lang = lang


def unlock(engine: Engine, actor: Actor, member_id: int) -> None:
    """Forget an account's failed sign-ins, and lift its lock."""
    with audit.transaction(engine, actor, "team") as session:
        member = session.get(models.TeamMember, member_id)
        if member is None:
            raise audit.NotFound("this_account")
        session.exec(delete(models.SignInGuard).where(models.SignInGuard.address_hash == address_key(member.email)))
        audit.log(session, actor, "unlock", "team_member", member.id)


def session_delay(failures: int) -> timedelta:
    """How long a browser session waits before its next attempt after `failures` failed ones: 2 s after the
    fourth, then twice as long each time, up to a minute."""
    if failures <= FREE_ATTEMPTS:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_ATTEMPTS)), MAX_DELAY)


def address_key(email: str | None) -> str:
    """The guard's key of a typed address: the SHA-256 of its normal form (lower case, trimmed)."""
    try:
        address = validation.email(email or "")
    except validation.InvalidInput:
        address = (email or "").strip().lower()
    return hashlib.sha256(address.encode()).hexdigest()


def _locked_message(until: datetime) -> str:
    return Message("error.address_locked", time=f"{models.to_paris(until):%H:%M}")


def _retried(engine: Engine, work):
    """work(conn) in one transaction, retried when another sign-in changes the same rows at the same moment (the
    same address counted twice, one account signing in from two browsers at once)."""
    for attempt in range(20):
        try:
            with engine.begin() as conn:
                return work(conn)
        except DBAPIError as exc:
            if not isinstance(audit.friendly(exc), audit.StaleRecord | audit.DuplicateKey):
                raise
            time.sleep(0.02 * (attempt + 1))
    raise SignInError(Message("error.sign_in_busy"))


def _guard(engine: Engine, sql: str, params: tuple) -> tuple:
    """One atomic change of an address's failure count."""
    return _retried(engine, lambda conn: conn.exec_driver_sql(sql, params).one())


def _count_attempt(engine: Engine, key: str, now: datetime) -> tuple[int, datetime | None]:
    """Count one more attempt on an address before its password is checked; (failures, locked until)."""
    return _guard(engine, """
        insert into sign_in_guard (address_hash, failures, last_failure_at) values (?, 1, ?)
        on conflict (address_hash) do update set
            failures = case when sign_in_guard.locked_until > ? then sign_in_guard.failures  -- a lock is not extended
                            when sign_in_guard.last_failure_at < ? then 1
                            else sign_in_guard.failures + 1 end,
            last_failure_at = excluded.last_failure_at
        returning failures, locked_until""", (key, now, now, now - FAILURES_FORGOTTEN_AFTER))


def sign_in(engine: Engine, email: str, password: str, *, now: datetime | None = None) -> Actor:
    """The member whose e-mail and password these are.

    Every address goes the same way, an account's or not: the attempt is counted first, in its own
    transaction (attempts made at the same moment cannot check more passwords than the limit), one argon2
    computation is made, and MAX_FAILED failures in a row lock the address for LOCK_FOR."""
    now = now or models.utcnow()
    key = address_key(email)
    failures, locked_until = _count_attempt(engine, key, now)
    if (locked_until and locked_until > now) or failures > MAX_FAILED:
        HASHER.hash(password or "")  # the same delay as any other answer
        raise SignInError(_locked_message(locked_until if locked_until and locked_until > now else now + LOCK_FOR))
    member = _member_of(engine, email)
    if member is None:
        HASHER.hash(password or "")  # same work as a real check: the delay does not tell which accounts exist
        verified = False
    else:
        try:
            verified = HASHER.verify(member.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            verified = False
        # A demo password opens the demo store only: anywhere else it is wrong, whatever hash the account holds.
        verified = verified and (password not in DEMO_PASSWORDS.values() or db.holds_demo(engine))
    if not verified:
        locked = failures >= MAX_FAILED
        if locked:
            _guard(engine, "update sign_in_guard set locked_until = ?, failures = 0 where address_hash = ? "
                           "returning address_hash", (now + LOCK_FOR, key))
        # Recorded for an unknown address too (no member): the same work, so the same delay, either way.
        _log_attempt(engine, member.id if member else None, "sign_in_failed", '{"locked": true}' if locked else None)
        raise SignInError(WRONG)
    rehashed = _hash(password) if HASHER.check_needs_rehash(member.password_hash) else member.password_hash

    def succeeded(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("delete from sign_in_guard where address_hash = ?", (key,))
        conn.exec_driver_sql("update team_member set password_hash = ? where id = ?", (rehashed, member.id))

    _retried(engine, succeeded)
    _log_attempt(engine, member.id, "sign_in", None)
    return Actor(member.id, member.role, member.full_name)


NOT_IN_TEAM = Message("error.identity_not_in_team")
UNVERIFIED = Message("error.identity_unverified")
IDENTITY = '{"method": "oidc"}'  # how an audit event says the sign-in came through the identity provider


def sign_in_with_identity(engine: Engine, email: str | None, email_verified: object = None) -> Actor:
    """The active member whose e-mail the team's identity provider (OpenID Connect) vouched for: their account
    and its role, whether or not it has a password. An address the provider says it did not verify is refused,
    and so is any address without an active account; the refusal is audited without the address (a stranger's
    personal data has no place in the store)."""
    if email_verified is False:
        _log_attempt(engine, None, "sign_in_failed", IDENTITY)
        raise SignInError(UNVERIFIED)
    try:
        address = validation.email(email or "")
    except validation.InvalidInput:
        address = None
    with Session(engine, expire_on_commit=False) as session:
        member = session.exec(select(models.TeamMember).where(
            func.lower(models.TeamMember.email) == address, models.TeamMember.active)).first() if address else None
    if member is None:
        _log_attempt(engine, None, "sign_in_failed", IDENTITY)
        raise SignInError(NOT_IN_TEAM)
    _log_attempt(engine, member.id, "sign_in", IDENTITY)
    return Actor(member.id, member.role, member.full_name)


def _member_of(engine: Engine, email: str | None) -> models.TeamMember | None:
    """The active account with a password of a typed address, if there is one."""
    try:
        address = validation.email(email or "")
    except validation.InvalidInput:
        return None
    with Session(engine, expire_on_commit=False) as session:
        member = session.exec(select(models.TeamMember).where(models.TeamMember.email == address)).first()
    return member if member is not None and member.active and member.password_hash else None


def _log_attempt(engine: Engine, member_id: int | None, action: str, after: str | None) -> None:
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


def new_token() -> str:
    """A random session token, URL-safe: the browser may hold it before its owner signs in (see ui.auth)."""
    return secrets.token_urlsafe(32)


def open_web_session(engine: Engine, member_id: int, token: str | None = None) -> str:
    """Sign a browser in: its token (a fresh one, or the one it was given with the sign-in form) now stands for
    the member."""
    token = token or new_token()
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
