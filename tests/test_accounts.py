"""Team accounts: argon2 hashes, the first account, bad passwords, sign-in slowed then locked alike for every
address (an account's or not), web sessions."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from hyc import accounts, audit, db, models, reads, schema
from hyc.audit import Actor
from hyc.validation import FormInvalid
from tests.conftest import fetch

FOUNDER = Actor(1, "fondateur", "Claire Dubois")
MENTOR = Actor(4, "mentor", "Sophie Laurent")
NEW = {"full_name": "Nadia Kaci", "email": "Nadia.Kaci@HackYourCare.fr", "role": "mentor",
       "password": "un-long-mot-de-passe-7"}


def test_the_first_account_of_a_new_store_is_a_founder_whatever_was_asked(empty_url):
    engine = schema.open_store(empty_url)
    member = accounts.create(engine, None, NEW)
    assert (member.role, member.email) == ("fondateur", "nadia.kaci@hackyourcare.fr")
    # Later accounts need a fondateur·rice.
    with pytest.raises(audit.PermissionDenied):
        accounts.create(engine, None, NEW | {"email": "autre@hackyourcare.fr"})
    engine.dispose()


def test_passwords_are_stored_as_argon2_hashes_and_never_in_the_audit_trail(engine):
    member = accounts.create(engine, FOUNDER, NEW)
    [(stored,)] = fetch(engine, "select password_hash from team_member where id = ?", member.id)
    assert stored.startswith("$argon2id$") and NEW["password"] not in stored
    texts = fetch(engine, "select coalesce(before, '') || coalesce(after, '') from audit_event")
    assert not any(NEW["password"] in text or stored in text for (text,) in texts)
    assert accounts.sign_in(engine, "nadia.kaci@hackyourcare.fr", NEW["password"]).id == member.id


@pytest.mark.parametrize(("password", "message"), [
    ("court-1", "Le mot de passe doit compter au moins 12 caractères."),
    ("", "Le mot de passe doit compter au moins 12 caractères."),
    ("123456789012345", "Mélangez lettres et chiffres ou signes dans le mot de passe."),
    ("motdepasselong", "Mélangez lettres et chiffres ou signes dans le mot de passe."),
])
def test_a_weak_password_is_refused_and_nothing_written(engine, password, message):
    before = db.table_counts(engine)
    with pytest.raises(FormInvalid) as refused:
        accounts.create(engine, FOUNDER, NEW | {"password": password})
    assert refused.value.errors == {"password": message}
    assert db.table_counts(engine) == before


def test_only_a_founder_manages_accounts(engine):
    before = db.table_counts(engine)
    with pytest.raises(audit.PermissionDenied):
        accounts.create(engine, MENTOR, NEW)
    with pytest.raises(audit.PermissionDenied):
        accounts.update(engine, MENTOR, 4, NEW | {"role": "fondateur"})
    assert db.table_counts(engine) == before


def test_a_founder_cannot_demote_themselves(engine):
    with pytest.raises(FormInvalid) as refused:
        accounts.update(engine, FOUNDER, 1, {"full_name": "Claire Dubois", "email": "claire.dubois@hackyourcare.fr",
                                             "role": "mentor", "active": True})
    assert "vos propres droits" in refused.value.errors["role"]


def test_a_wrong_email_or_password_gets_the_same_answer(engine):
    answers = set()
    for email, password in (("claire.dubois@hackyourcare.fr", "pas-le-bon"), ("personne@nulle-part.fr", "x"),
                            ("pas un e-mail", "demo-fondateur-2026")):
        with pytest.raises(accounts.SignInError) as refused:
            accounts.sign_in(engine, email, password)
        answers.add(str(refused.value))
    assert answers == {"E-mail ou mot de passe incorrect."}


def guard(engine, email: str) -> list[tuple]:
    """The failures counted on an address, and its lock, as the store keeps them (by the address's SHA-256)."""
    return fetch(engine, "select failures, locked_until from sign_in_guard where address_hash = sha256(?)",
                 email.strip().lower())


def answers_until_locked(engine, email: str, now) -> list[str]:
    """What sign-in answers to MAX_FAILED wrong passwords and then to the right one, all at `now`."""
    answers = []
    for attempt in range(accounts.MAX_FAILED + 1):
        password = accounts.DEMO_PASSWORDS["fondateur"] if attempt == accounts.MAX_FAILED else f"mauvais-{attempt}"
        with pytest.raises(accounts.SignInError) as refused:
            accounts.sign_in(engine, email, password, now=now)
        answers.append(str(refused.value))
    return answers


def test_an_unknown_address_is_answered_and_locked_exactly_as_a_real_one(engine):
    """Nobody can tell a team address from the answers: the same sentences, the same lock at the same attempt."""
    now = models.utcnow()
    known = answers_until_locked(engine, "claire.dubois@hackyourcare.fr", now)
    unknown = answers_until_locked(engine, "personne.inconnue@hackyourcare.fr", now)
    assert known == unknown
    until = models.to_paris(now + accounts.LOCK_FOR)
    locked = f"Trop d'essais manqués pour cette adresse : réessayez après {until:%H:%M}"
    assert known[:accounts.MAX_FAILED] == ["E-mail ou mot de passe incorrect."] * accounts.MAX_FAILED
    assert known[-1].startswith(locked)
    assert guard(engine, "claire.dubois@hackyourcare.fr") == guard(engine, "personne.inconnue@hackyourcare.fr") == [
        (0, now + accounts.LOCK_FOR)]


def test_the_lock_is_reserved_for_many_failures_and_lifts_after_fifteen_minutes(engine):
    email, good = "claire.dubois@hackyourcare.fr", accounts.DEMO_PASSWORDS["fondateur"]
    now = models.utcnow()
    for attempt in range(5):  # what used to lock a founder out now only counts
        with pytest.raises(accounts.SignInError, match="incorrect"):
            accounts.sign_in(engine, email, f"mauvais-{attempt}", now=now)
    assert accounts.sign_in(engine, email, good, now=now).id == 1
    answers_until_locked(engine, email, now)
    # Attempts while locked do not extend the lock, and it lifts after LOCK_FOR.
    with pytest.raises(accounts.SignInError, match="Trop d'essais manqués"):
        accounts.sign_in(engine, email, good, now=now + timedelta(minutes=14))
    assert accounts.sign_in(engine, email, good, now=now + timedelta(minutes=16)).id == 1
    assert guard(engine, email) == []


def test_a_success_resets_the_count_of_failures(engine):
    email, good = "claire.dubois@hackyourcare.fr", accounts.DEMO_PASSWORDS["fondateur"]
    for _ in range(accounts.MAX_FAILED - 1):
        with pytest.raises(accounts.SignInError):
            accounts.sign_in(engine, email, "mauvais")
    accounts.sign_in(engine, email, good)
    with pytest.raises(accounts.SignInError, match="incorrect"):
        accounts.sign_in(engine, email, "mauvais")  # one failure again, not a lock
    assert [row[0] for row in guard(engine, email)] == [1]


def test_a_founder_unlocks_an_account(engine):
    email, now = "sophie.laurent@hackyourcare.fr", models.utcnow()
    answers_until_locked(engine, email, now)
    shown = reads.admin.team_accounts(engine).set_index("id")  # what the team page shows
    assert (shown.loc[4, "failed_logins"], shown.loc[4, "locked_until"]) == (0, now + accounts.LOCK_FOR)
    accounts.unlock(engine, FOUNDER, 4)
    assert guard(engine, email) == []
    assert reads.admin.team_accounts(engine).set_index("id").loc[4, "locked_until"] is pd.NaT
    assert accounts.sign_in(engine, email, accounts.DEMO_PASSWORDS["mentor"], now=now).id == 4


@pytest.mark.parametrize(("failures", "seconds"), [(0, 0), (3, 0), (4, 2), (5, 4), (6, 8), (9, 60), (40, 60)])
def test_a_browser_session_is_slowed_after_its_third_failure(failures, seconds):
    assert accounts.session_delay(failures) == timedelta(seconds=seconds)


def test_a_deactivated_account_cannot_sign_in(engine):
    accounts.update(engine, FOUNDER, 4, {"full_name": "Sophie Laurent", "email": "sophie.laurent@hackyourcare.fr",
                                         "role": "mentor", "active": False})
    with pytest.raises(accounts.SignInError, match="incorrect"):
        accounts.sign_in(engine, "sophie.laurent@hackyourcare.fr", accounts.DEMO_PASSWORDS["mentor"])


def test_a_web_session_expires_after_eight_idle_hours_and_ends_at_sign_out(engine):
    now = models.utcnow()
    token = accounts.open_web_session(engine, 4)
    assert fetch(engine, "select count(*) from web_session where token_hash = ?", token) == [(0,)]  # hash only
    assert accounts.resume_web_session(engine, token, now=now + timedelta(hours=7)).id == 4
    # Activity at +7 h: the 8 idle hours count from there.
    assert accounts.resume_web_session(engine, token, now=now + timedelta(hours=14)).id == 4
    assert accounts.resume_web_session(engine, token, now=now + timedelta(hours=22, minutes=1)) is None
    assert fetch(engine, "select count(*) from web_session") == [(0,)]
    other = accounts.open_web_session(engine, 1)
    accounts.close_web_session(engine, other)
    assert accounts.resume_web_session(engine, other) is None
    assert accounts.resume_web_session(engine, "un-jeton-inventé") is None


def test_attempts_made_at_the_same_moment_still_lock_after_the_limit(engine):
    """More wrong passwords than the limit, sent at once: the counter takes each one, no more than MAX_FAILED
    passwords are checked, and the address ends locked."""
    from concurrent.futures import ThreadPoolExecutor

    email = "claire.dubois@hackyourcare.fr"

    def attempt(i):
        try:
            accounts.sign_in(engine, email, f"mauvais-{i}")
        except accounts.SignInError as exc:
            return str(exc)
        return "signed in"

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(attempt, range(accounts.MAX_FAILED + 8)))
    assert "signed in" not in answers
    assert answers.count("E-mail ou mot de passe incorrect.") <= accounts.MAX_FAILED
    with pytest.raises(accounts.SignInError, match="Trop d'essais manqués"):
        accounts.sign_in(engine, email, accounts.DEMO_PASSWORDS["fondateur"])


def test_one_account_signing_in_from_two_browsers_at_the_same_moment_gets_in_twice(engine):
    """Two good sign-ins of one account overlap: both clear the same failure row. The second waits its turn
    (retried) rather than being told that signing in is impossible. The overlap is made certain by holding each
    sign-in's transaction open a moment after it deleted the row."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import event

    def hold(conn, cursor, statement, *_):  # noqa: ANN001
        if statement.startswith("delete from sign_in_guard"):
            time.sleep(0.5)

    event.listen(engine, "after_cursor_execute", hold)
    both = threading.Barrier(2)

    def sign_in(_):
        both.wait()
        return accounts.sign_in(engine, "claire.dubois@hackyourcare.fr", accounts.DEMO_PASSWORDS["fondateur"]).id

    try:
        with ThreadPoolExecutor(2) as pool:
            members = list(pool.map(sign_in, range(2)))
    finally:
        event.remove(engine, "after_cursor_execute", hold)
    assert members == [1, 1]
    assert fetch(engine, "select count(*) from audit_event where action = 'sign_in' and actor_id = 1") == [(2,)]


def test_a_new_password_or_a_deactivation_ends_the_signed_in_browsers(engine):
    mentor, reader = accounts.open_web_session(engine, 4), accounts.open_web_session(engine, 3)
    accounts.update(engine, FOUNDER, 4, {"full_name": "Sophie Laurent", "email": "sophie.laurent@hackyourcare.fr",
                                         "role": "mentor", "active": True, "password": "nouveau-mot-de-passe-8"})
    accounts.update(engine, FOUNDER, 3, {"full_name": "Léa Fontaine", "email": "lea.fontaine@hackyourcare.fr",
                                         "role": "lecteur", "active": False})
    assert accounts.resume_web_session(engine, mentor) is None
    assert accounts.resume_web_session(engine, reader) is None
    assert accounts.touch_web_session(engine, mentor) is False


def test_an_email_taken_by_another_account_is_refused_with_its_message(engine):
    with pytest.raises(FormInvalid) as refused:
        accounts.update(engine, FOUNDER, 4, {"full_name": "Sophie Laurent", "email": "lea.fontaine@hackyourcare.fr",
                                             "role": "mentor", "active": True, "password": "nouveau-mot-de-passe-8"})
    assert refused.value.errors == {"email": "Un compte existe déjà avec cet e-mail."}


def test_five_creations_of_one_account_at_once_make_one_and_tell_the_others_it_exists(engine):
    from tests.test_caregivers import _at_once

    results = _at_once(5, lambda i: accounts.create(engine, FOUNDER, NEW).id)
    assert sum(isinstance(r, int) for r in results) == 1
    assert [r.errors for r in results if not isinstance(r, int)] == [
        {"email": "Un compte existe déjà avec cet e-mail."}] * 4
    assert fetch(engine, "select count(*) from team_member where email = 'nadia.kaci@hackyourcare.fr'") == [(1,)]


def test_a_failure_on_an_unknown_address_is_recorded_as_on_a_known_one(engine):
    """The same rows written either way: no difference of work for a stopwatch to find."""
    before = fetch(engine, "select count(*) from audit_event where action = 'sign_in_failed'")[0][0]
    for email in ("claire.dubois@hackyourcare.fr", "personne.inconnue@hackyourcare.fr"):
        with pytest.raises(accounts.SignInError):
            accounts.sign_in(engine, email, "mauvais")
    rows = fetch(engine, "select actor_id, entity, entity_id from audit_event where action = 'sign_in_failed' "
                         "order by id")[before:]
    assert rows == [(1, "team_member", 1), (None, "team_member", None)]



def test_a_demo_password_opens_the_demo_store_only(engine):
    """The README prints the demo passwords: on a store that holds no demo data, the same hash (a demo store
    turned production, an account given one) signs nobody in, and nobody can choose one."""
    email, demo_password = "claire.dubois@hackyourcare.fr", accounts.DEMO_PASSWORDS["fondateur"]
    assert db.holds_demo(engine)
    assert accounts.sign_in(engine, email, demo_password).role == "fondateur"
    fetch(engine, "delete from audit_event where action = ?", db.DEMO_LOAD)
    assert not db.holds_demo(engine)
    with pytest.raises(accounts.SignInError) as refused:
        accounts.sign_in(engine, email, demo_password)
    assert str(refused.value) == accounts.WRONG
    for password in accounts.DEMO_PASSWORDS.values():
        with pytest.raises(FormInvalid) as weak:
            accounts.check_password(password)
        assert "compte de démonstration" in weak.value.errors["password"]


def test_the_identity_provider_admits_an_active_member_by_email_with_their_role(engine):
    nadia = accounts.create(engine, FOUNDER, NEW)
    # The provider's casing is not the account's; the account's role, not anything the provider says, is kept.
    member = accounts.sign_in_with_identity(engine, " NADIA.kaci@hackyourcare.FR ", True)
    assert (member.id, member.role, member.name) == (nadia.id, "mentor", "Nadia Kaci")
    # A provider that says nothing of verification (Microsoft Entra) is trusted with the address it gives.
    assert accounts.sign_in_with_identity(engine, "nadia.kaci@hackyourcare.fr", None).id == nadia.id
    [(actor, after)] = fetch(engine, "select actor_id, after from audit_event where action = 'sign_in' "
                                     "order by id desc limit 1")
    assert actor == nadia.id and after == accounts.IDENTITY


@pytest.mark.parametrize(("email", "verified", "refusal"), [
    ("inconnu@example.org", True, accounts.NOT_IN_TEAM),
    ("", True, accounts.NOT_IN_TEAM),
    ("pas-une-adresse", None, accounts.NOT_IN_TEAM),
    ("nadia.kaci@hackyourcare.fr", False, accounts.UNVERIFIED),  # the provider says it did not check it
])
def test_the_identity_provider_cannot_open_the_app_to_an_unknown_or_unverified_address(engine, email, verified,
                                                                                        refusal):
    accounts.create(engine, FOUNDER, NEW)
    before = fetch(engine, "select count(*) from audit_event where action = 'sign_in'")
    with pytest.raises(accounts.SignInError) as refused:
        accounts.sign_in_with_identity(engine, email, verified)
    assert refused.value.message == refusal
    assert fetch(engine, "select count(*) from audit_event where action = 'sign_in'") == before
    # The refusal is audited, without the address: a stranger's e-mail is no one's business here.
    [(actor, after)] = fetch(engine, "select actor_id, after from audit_event where action = 'sign_in_failed' "
                                     "order by id desc limit 1")
    assert actor is None and after == accounts.IDENTITY and (not email or email not in after)


def test_a_deactivated_member_is_not_admitted_by_the_identity_provider(engine):
    nadia = accounts.create(engine, FOUNDER, NEW)
    accounts.update(engine, FOUNDER, nadia.id, {"active": False})
    with pytest.raises(accounts.SignInError):
        accounts.sign_in_with_identity(engine, NEW["email"], True)
