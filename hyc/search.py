"""The one text search, used by every search box.

What a person types is cut into words. A word is looked for as it is typed (`contains`, never a LIKE pattern: "%"
or "_" find only themselves), accents, case and ligatures ignored (hyc.text.fold: "coeur" finds "Cœur"), and every
word must be found (`words_condition`, the one rule every kind of record shares). Words without a letter or a digit
are not looked for: blank or punctuation-only text finds nothing.

- Caregivers (`caregiver_condition`, `find_caregivers`): every word with a letter in a name or the e-mail, and the
  digits typed, together, as one number: an RPPS, a postcode, or a phone written any French way (metropolitan or
  overseas, spaced, dotted, with +33 or 0033), whole or in part.
- Organisations: every word in the name, the city or the website.
- Contacts: as caregivers (names, e-mail, phone), without RPPS or postcode.
- Requests (`request_condition`, also the Requests page's text filter): every word in the title, the organisation's
  name or the name of the request's contact, and on the Requests page the description too.

`find_everything` runs all four at once for the sidebar's search box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from hyc import db, validation, vocab
from hyc.text import fold, fold_address_sql, fold_sql

# Fewer digits than this match too many phones by chance: they only search RPPS and postcodes.
MIN_PHONE_DIGITS = 4
# A pick-list during a call: the few people the typed text fits, not the pool.
FOUND_LIMIT = 50
# The sidebar's search box: a few of each kind, and how many there are.
EVERYTHING_LIMIT = 5

# The kinds of record `find_everything` looks for, in the order it returns them.
KINDS = ("caregiver", "organisation", "contact", "request")
# The vocabulary of each kind's `code` column, for the interface to translate (a contact has no code).
CODES: dict[str, vocab.Vocab] = {"caregiver": vocab.PROFESSIONS, "organisation": vocab.ORGANISATION_KINDS,
                                 "request": vocab.REQUEST_STATUSES}
# The columns of every `Found.rows` frame.
COLUMNS = ("id", "organisation_id", "label", "code", "specialty", "detail", "archived")


# Beyond this many words, what was typed is a pasted paragraph: the first words are enough to find a record, and
# each word costs a scan of every name.
MAX_WORDS = 8


def _split(text: str) -> list[str]:
    """The words typed, each once, the first MAX_WORDS of them."""
    return list(dict.fromkeys(validation.clean_text(text or "").split()))[:MAX_WORDS]


def _words(text: str) -> list[str]:
    """The words typed that can be looked for: those with a letter or a digit."""
    return [w for w in _split(text) if any(ch.isalnum() for ch in w)]


ADDRESSES = ("email", "website")  # columns folded as addresses (hyc.text.fold_address_sql)


def _folded(column: str, word: str) -> str:
    """`column` folded for looking for `word`: an address, or a word without a letter (digits: a phone, a
    postcode), needs no ligature written out (a ligature is letters), and costs DuckDB far less to plan."""
    whole = column.rsplit(".", 1)[-1] not in ADDRESSES and any(ch.isalpha() for ch in word)
    return (fold_sql if whole else fold_address_sql)(column)


def words_condition(words: Sequence[str], columns: Sequence[str], params: list) -> list[str]:
    """One SQL clause per word, true when the word is found in one of `columns` (folded by hyc.text: accents, case
    and ligatures ignored; the word taken literally); `params` receives the values in order. Each column is compared
    on its own rather than joined into one text: DuckDB then works on each distinct value once (names repeat),
    several times faster."""
    clauses = []
    for word in words:
        clauses.append("(" + " or ".join(f"contains({_folded(c, word)}, ?)" for c in columns) + ")")
        params += [fold(word)] * len(columns)
    return clauses


def _digits_condition(a: str, text: str, params: list, identifiers: bool = True) -> str:
    """A number, over a person (caregiver or contact) aliased `a`: the whole phone when it is one, else a part of a
    phone, and with `identifiers` (caregivers) the start of an RPPS or a postcode. "false" when the number is too
    short to be looked for in a phone and there is nothing else to look in."""
    whole = validation.phone_or_none(text)
    if whole:
        params.append(whole)
        return f"{a}.phone = ?"
    digits = "".join(ch for ch in validation.ascii_digits(text) if ch.isdigit())
    clauses = []
    if identifiers:
        clauses += [f"starts_with({a}.rpps, ?)", f"starts_with({a}.postcode, ?)"]
        params += [digits, digits]
    # Stored E.164 (+33612…): the national leading 0 is not in it.
    tail = digits if text.lstrip().startswith("+") else digits.lstrip("0")
    if len(tail) >= MIN_PHONE_DIGITS:
        clauses.append(f"contains({a}.phone, ?)")
        params.append(tail)
    return "(" + " or ".join(clauses) + ")" if clauses else "false"


def _person_condition(text: str, alias: str, identifiers: bool) -> tuple[str, list]:
    """Every word with a letter in a name or the e-mail, and the digits typed, together, as one number."""
    typed = _split(text)
    words = [w for w in typed if any(ch.isalpha() for ch in w)]
    number = " ".join(w for w in typed if not any(ch.isalpha() for ch in w))
    params: list = []
    clauses = words_condition(words, [f"{alias}.first_name", f"{alias}.last_name", f"{alias}.email"], params)
    if any(ch.isdigit() for ch in number):
        clauses.append(_digits_condition(alias, number, params, identifiers))
    if not clauses:  # nothing to look for (blank, or only punctuation)
        return "true", params
    return "(" + " and ".join(clauses) + ")", params


def caregiver_condition(text: str, alias: str = "c") -> tuple[str, list]:
    """The SQL condition (over a caregiver row aliased `alias`) that keeps the caregivers `text` finds: every word
    with a letter in a name or the e-mail, and the digits typed, together, as one number (an RPPS, a postcode or a
    phone). "true" when there is nothing to look for."""
    return _person_condition(text, alias, identifiers=True)


def contact_condition(text: str, alias: str = "k") -> tuple[str, list]:
    """The same over a contact row aliased `alias`: names, e-mail and phone (a contact has no RPPS nor postcode)."""
    return _person_condition(text, alias, identifiers=False)


def request_condition(text: str, alias: str = "r", *, descriptions: bool = True) -> tuple[str, list]:
    """The SQL condition (over a request row aliased `alias`) that keeps the requests `text` finds: every word in the
    title, the description (unless `descriptions` is False), the organisation's name or the name of the request's
    contact. "true" when there is nothing to look for.

    The organisations and contacts a word names are found on their own tables, once each, rather than on every
    request they are joined to (five times faster at fifty times the demo). Folding every description costs about
    0.1 s there: the Requests page's filter pays it, the search box, run at each key typed, does not."""
    words = _words(text)
    if not words:
        return "true", []
    params: list = []
    clauses = []
    for word in words:
        folded = fold(word)
        own = [f"{alias}.title", *([f"{alias}.description"] if descriptions else [])]
        clauses.append("(" + " or ".join([
            *(f"contains({_folded(column, word)}, ?)" for column in own),
            f"{alias}.organisation_id in (select id from organisation where contains({_folded('name', word)}, ?))",
            f"""{alias}.contact_id in (select id from contact where contains({_folded('first_name', word)}, ?)
                                      or contains({_folded('last_name', word)}, ?))"""]) + ")")
        params += [folded] * (len(own) + 3)
    return " and ".join(clauses), params


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


# --- Every kind of record at once --------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What the search found of one kind of record: the first few rows, best first, and how many there are in all.

    `rows` has the columns of COLUMNS:
    - id: the record to open (for a contact, the contact; it opens in its organisation's record);
    - organisation_id: the organisation the record belongs to (the organisation itself, a contact's or a
      request's organisation; empty for a caregiver);
    - label: what to show: a person's full name, an organisation's name, a request's title;
    - code: a vocabulary code for the interface to translate (CODES: a caregiver's profession, an organisation's
      kind, a request's status; empty for a contact);
    - specialty: a caregiver's specialty code (vocab.SPECIALTIES), so that a GP and a cardiologist read apart;
      empty otherwise;
    - detail: the rest of the second line, as stored: a caregiver's postcode, an organisation's city, a contact's
      organisation and role ("CuraLens · CEO"), a request's organisation;
    - archived: the record is archived (a contact also when its organisation is): found, but to be said so.
    Erased caregivers are never found."""

    kind: str
    rows: pd.DataFrame
    total: int


def _found_nothing(kind: str) -> Found:
    return Found(kind, _typed(pd.DataFrame({name: [] for name in COLUMNS})), 0)


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    """The same column types whatever was found (an empty frame included); an empty text is None, never NaN."""
    rows = rows.astype({"id": "int64", "organisation_id": "Int64", "label": "object", "code": "object",
                        "specialty": "object", "detail": "object", "archived": "bool"}).reset_index(drop=True)
    for name in ("label", "code", "specialty", "detail"):
        rows[name] = rows[name].where(rows[name].notna(), None)
    return rows


def _prefix_rank(columns: Sequence[str], word: str | None, params: list) -> str:
    """0 when one of `columns` starts with `word` (the first word typed; accents and case ignored), else 1: the
    people and names that begin as typed come first."""
    if word is None:
        return "0"
    params += [fold(word)] * len(columns)
    # Only an order: case and accents are enough (a name written with a ligature may come a little lower).
    return "(case when " + " or ".join(f"starts_with({fold_address_sql(c)}, ?)" for c in columns) \
        + " then 0 else 1 end)"


def _first(words: Sequence[str]) -> str | None:
    return next((w for w in words if any(ch.isalpha() for ch in w)), None)


def _caregivers(text: str, words: list[str]) -> tuple[str, list] | None:
    condition, condition_params = caregiver_condition(text, "c")
    if condition == "true":
        return None
    params: list = []
    rank = _prefix_rank(["c.last_name", "c.first_name"], _first(words), params)
    return f"""
        select c.id, null::bigint as organisation_id, concat_ws(' ', c.first_name, c.last_name) as label,
            c.profession as code, c.specialty, c.postcode as detail, c.archived,
            {rank} as rank, concat_ws(' ', c.last_name, c.first_name) as sort
        from caregiver c where c.erased_at is null and {condition}""", params + condition_params


def _organisations(words: list[str]) -> tuple[str, list]:
    params: list = []
    rank = _prefix_rank(["o.name"], _first(words), params)
    clauses = words_condition(words, ["o.name", "o.city", "o.website"], params)
    return f"""
        select o.id, o.id::bigint as organisation_id, o.name as label, o.kind as code, null::varchar as specialty,
            o.city as detail, o.archived,
            {rank} as rank, o.name as sort
        from organisation o where {" and ".join(clauses)}""", params


def _contacts(text: str, words: list[str]) -> tuple[str, list] | None:
    condition, condition_params = contact_condition(text, "k")
    if condition == "true":
        return None
    params: list = []
    rank = _prefix_rank(["k.last_name", "k.first_name"], _first(words), params)
    return f"""
        select k.id, k.organisation_id::bigint as organisation_id, concat_ws(' ', k.first_name, k.last_name) as label,
            null::varchar as code, null::varchar as specialty, concat_ws(' · ', o.name, k.role) as detail,
            k.archived or o.archived as archived,
            {rank} as rank, concat_ws(' ', k.last_name, k.first_name) as sort
        from contact k join organisation o on o.id = k.organisation_id where {condition}""", params + condition_params


def _requests(text: str, words: list[str]) -> tuple[str, list]:
    params: list = []
    rank = _prefix_rank(["r.title"], _first(words), params)
    condition, condition_params = request_condition(text, "r", descriptions=False)
    return f"""
        select r.id, r.organisation_id::bigint as organisation_id, r.title as label, r.status as code,
            null::varchar as specialty, o.name as detail, r.archived, {rank} as rank, r.title as sort
        from request r join organisation o on o.id = r.organisation_id where {condition}""", params + condition_params


def find_everything(engine: Engine, text: str, limit: int = EVERYTHING_LIMIT) -> dict[str, Found]:
    """Every kind of record `text` finds: a Found for each of KINDS, in that order, each present (found nothing:
    empty rows, total 0). Up to `limit` rows of each, best first (a name or title that begins with the first word
    typed, then alphabetical, then by id), and the true number found. One round trip to the store: the four
    searches run as one query (measured: faster than four, and well under the 150 ms aimed at; bench_search.py)."""
    words = _words(text)
    if not words:
        return {kind: _found_nothing(kind) for kind in KINDS}
    searches = (_caregivers(text, words), _organisations(words), _contacts(text, words), _requests(text, words))
    shown = max(int(limit), 0)
    parts, params = [], []
    for position, search in enumerate(searches):
        if search is not None:  # a person's search with nothing to look for (no letter, no digit of its own)
            sql, search_params = search
            parts.append(f"""(select {position} as kind, *, count(*) over () as total from ({sql})
                              order by rank, sort, id limit {max(shown, 1)})""")
            params += search_params
    found = db.read_df(engine, " union all ".join(parts), params).sort_values(["kind", "rank", "sort", "id"])
    result = {}
    for position, kind in enumerate(KINDS):
        rows = found[found.kind == position]
        result[kind] = Found(kind, _typed(rows[list(COLUMNS)].head(shown)), int(rows.total.iloc[0]) if len(rows) else 0)
    return result
