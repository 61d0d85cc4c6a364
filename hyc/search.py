"""The one text search over caregivers, used by every search box: a few letters of a name or an e-mail (accents
and case ignored), an RPPS, a postcode, or a phone number written any French way (metropolitan or overseas,
spaced, dotted, with +33 or 0033), whole or in part.
"""

from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import Engine

from hyc import db, validation

# Text made only of these is a number (a phone, an RPPS, a postcode) however it is spaced or dotted.
_NUMBER_ONLY = re.compile(r"[\d\s.\-+()/]+")
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
    digits = "".join(ch for ch in text if ch.isdigit())
    clauses = [f"{a}.rpps like ? || '%'", f"{a}.postcode like ? || '%'"]
    params += [digits, digits]
    # Stored E.164 (+33612…): the national leading 0 is not in it.
    tail = digits if text.lstrip().startswith("+") else digits.lstrip("0")
    if len(tail) >= MIN_PHONE_DIGITS:
        clauses.append(f"{a}.phone like '%' || ? || '%'")
        params.append(tail)
    return "(" + " or ".join(clauses) + ")"


def caregiver_condition(text: str, alias: str = "c") -> tuple[str, list]:
    """The SQL condition (over a caregiver row aliased `alias`) that keeps the caregivers `text` finds."""
    text = validation.clean_text(text or "").strip()
    params: list = []
    if not text:
        return "true", params
    if _NUMBER_ONLY.fullmatch(text):
        return _digits_condition(alias, text, params), params
    clauses = []
    for word in text.split():
        if word.isdigit():
            clauses.append(_digits_condition(alias, word, params))
        else:
            clauses.append(f"strip_accents(lower(concat_ws(' ', {alias}.first_name, {alias}.last_name, {alias}.email)))"
                           " like '%' || strip_accents(lower(?)) || '%'")
            params.append(word)
    return "(" + " and ".join(clauses) + ")", params


def find_caregivers(engine: Engine, text: str, limit: int = FOUND_LIMIT) -> pd.DataFrame:
    """Caregivers in the pool whom `text` finds, to pick one during a call."""
    if not (text or "").strip():
        return pd.DataFrame(columns=["id", "name", "profession", "postcode", "email"])
    condition, params = caregiver_condition(text, "c")
    return db.read_df(engine, f"""
        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.profession, c.postcode, c.email
        from caregiver c where not c.archived and {condition}
        order by c.last_name, c.first_name, c.id limit {int(limit)}
    """, params)
