"""The one text search over caregivers, used by every search box: a few letters of a name or an e-mail (accents
and case ignored), an RPPS, a postcode, or a phone number written any French way (metropolitan or overseas,
spaced, dotted, with +33 or 0033), whole or in part.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db, validation

# Fewer digits than this match too many phones by chance: they only search RPPS and postcodes.
MIN_PHONE_DIGITS = 4
# A pick-list during a call: the few people the typed text fits, not the pool.
FOUND_LIMIT = 50


def _digits_condition(a: str, text: str, params: list) -> str:
    """A number: the whole phone when it is one, else a part of a phone, the start of an RPPS or a postcode."""
    whole = validation.phone_or_none(text)
    if whole:
        params.append(whole)
        return f"{a}.phone = ?"
    digits = "".join(ch for ch in validation.ascii_digits(text) if ch.isdigit())
    clauses = [f"starts_with({a}.rpps, ?)", f"starts_with({a}.postcode, ?)"]
    params += [digits, digits]
    # Stored E.164 (+33612…): the national leading 0 is not in it.
    tail = digits if text.lstrip().startswith("+") else digits.lstrip("0")
    if len(tail) >= MIN_PHONE_DIGITS:
        clauses.append(f"contains({a}.phone, ?)")
        params.append(tail)
    return "(" + " or ".join(clauses) + ")"


def caregiver_condition(text: str, alias: str = "c") -> tuple[str, list]:
    """The SQL condition (over a caregiver row aliased `alias`) that keeps the caregivers `text` finds: every word
    with a letter in a name or the e-mail, and the digits typed, together, as one number. Typed text is matched as
    it is (`contains`), never as a LIKE pattern: "%" or "_" find only themselves."""
    text = validation.clean_text(text or "").strip()
    params: list = []
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    number = " ".join(w for w in text.split() if not any(ch.isalpha() for ch in w))
    clauses = [f"contains(strip_accents(lower(concat_ws(' ', {alias}.first_name, {alias}.last_name, {alias}.email))),"
               " strip_accents(lower(?)))" for _ in words]
    params += words
    if any(ch.isdigit() for ch in number):
        clauses.append(_digits_condition(alias, number, params))
    if not clauses:  # nothing to look for (blank, or only punctuation)
        return "true", params
    return "(" + " and ".join(clauses) + ")", params


def find_caregivers(engine: Engine, text: str, limit: int = FOUND_LIMIT, archived: bool = False) -> pd.DataFrame:
    """Caregivers whom `text` finds, to pick one: those in the pool, or with `archived` the archived ones too (a
    person's data is theirs to export or erase whether or not the team still works with them)."""
    condition, params = caregiver_condition(text, "c")
    if not (text or "").strip() or condition == "true":
        return pd.DataFrame(columns=["id", "name", "profession", "postcode", "email", "archived"])
    shown = "" if archived else "not c.archived and "
    return db.read_df(engine, f"""
        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.profession, c.postcode, c.email, c.archived
        from caregiver c where {shown}c.erased_at is null and {condition}
        order by c.last_name, c.first_name, c.id limit {int(limit)}
    """, params)
