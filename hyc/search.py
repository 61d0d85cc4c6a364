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
# The columns each kind of record is looked for in (a person's number aside: `_digits_condition`).
PERSON_COLUMNS = ("first_name", "last_name", "email")
ORGANISATION_COLUMNS = ("name", "city", "website")


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def _fold(column: str) -> str:
    """`column` ("alias.column" or a bare name) folded. An address needs no ligature written out (it holds none), and
    costs DuckDB far less to plan."""
    return (fold_address_sql if column.rsplit(".", 1)[-1] in ADDRESSES else fold_sql)(column)


def _folded_once(words: Sequence[str]) -> bool:
    """Whether to fold each column once for all `words` (`searched`) rather than once per word: with two words or
    more that have a letter. Folding is most of what a search costs DuckDB to plan (hyc.text's ligatures), but for
    one word the derived table costs more than it saves (measured at fifty times the demo)."""
    return sum(_has_letter(word) for word in words) >= 2


def searched(table: str, columns: Sequence[str], words: Sequence[str]) -> str:
    """`table` as the FROM item to look for `words` in: with, when `_folded_once`, each of `columns` folded once as
    `<column>_folded`."""
    if not _folded_once(words):
        return table
    return f"(select *, {', '.join(f'{_fold(c)} as {c}_folded' for c in columns)} from {table})"


def words_condition(words: Sequence[str], columns: Sequence[str], params: list) -> list[str]:
    """One SQL clause per word, true when the word is found in one of `columns` ("alias.column", from a `searched`
    table), accents, case and ligatures ignored (hyc.text), the word taken literally. A word without a letter
    (digits: a phone, a postcode) needs no ligature written out (a ligature is letters): the column is only lowered
    and unaccented. `params` receives the values in order. Each column is compared on its own rather than joined
    into one text: DuckDB then works on each distinct value once (names repeat), several times faster."""
    once = _folded_once(words)
    clauses = []
    for word in words:
        if not _has_letter(word):
            tests = [f"contains({fold_address_sql(c)}, ?)" for c in columns]
        elif once:
            tests = [f"contains({c}_folded, ?)" for c in columns]
        else:
            tests = [f"contains({_fold(c)}, ?)" for c in columns]
        clauses.append("(" + " or ".join(tests) + ")")
        params += [fold(word)] * len(columns)
    return clauses


def _kept(alias: str, from_item: str, table: str, clauses: Sequence[str]) -> str:
    """The condition over a `table` row aliased `alias` that `clauses` (over `from_item`, aliased the same) keep: as
    they are over the bare table, else through its ids."""
    where = " and ".join(clauses)
    if from_item == table:
        return f"({where})"
    return f"{alias}.id in (select {alias}.id from {from_item} {alias} where {where})"


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


def _person_search(text: str, alias: str, table: str, identifiers: bool) -> tuple[str, list[str], list]:
    """The FROM item, clauses and parameters finding people: every word with a letter in a name or the e-mail, and
    the digits typed, together, as one number. No clause: nothing to look for (blank, or only punctuation)."""
    typed = _split(text)
    words = [w for w in typed if _has_letter(w)]
    number = " ".join(w for w in typed if not _has_letter(w))
    params: list = []
    clauses = words_condition(words, [f"{alias}.{c}" for c in PERSON_COLUMNS], params)
    if any(ch.isdigit() for ch in number):
        clauses.append(_digits_condition(alias, number, params, identifiers))
    return searched(table, PERSON_COLUMNS, words), clauses, params


def caregiver_condition(text: str, alias: str = "c") -> tuple[str, list]:
    """The SQL condition (over a caregiver row aliased `alias`) that keeps the caregivers `text` finds: every word
    with a letter in a name or the e-mail, and the digits typed, together, as one number (an RPPS, a postcode or a
    phone). "true" when there is nothing to look for."""
    from_item, clauses, params = _person_search(text, alias, "caregiver", identifiers=True)
    return (_kept(alias, from_item, "caregiver", clauses), params) if clauses else ("true", [])


def _request_search(words: Sequence[str], descriptions: bool, alias: str) -> tuple[str | None, list[str], list]:
    """The clauses and parameters finding requests, with the FROM item they apply to: request `r`, its organisation
    `o` and contact `k` when `_folded_once`, else None: then the clauses apply to a request row aliased `alias`.

    Organisations' and contacts' names are folded on their own tables, once each, rather than on every request that
    names them (five times faster at fifty times the demo): for one word, where each word looks for the
    organisations and contacts it names; for more, in derived tables joined to the requests."""
    own = ["title", *(["description"] if descriptions else [])]
    params: list = []
    if _folded_once(words):
        clauses = words_condition(words, [*(f"r.{c}" for c in own), "o.name", "k.first_name", "k.last_name"], params)
        return f"""{searched("request", own, words)} r
            join {searched("organisation", ["name"], words)} o on o.id = r.organisation_id
            left join {searched("contact", ["first_name", "last_name"], words)} k on k.id = r.contact_id""", \
            clauses, params
    clauses = []
    for word in words:
        in_request = words_condition([word], [f"{alias}.{c}" for c in own], params)[0]
        in_organisation = words_condition([word], ["name"], params)[0]
        in_contact = words_condition([word], ["first_name", "last_name"], params)[0]
        clauses.append(f"""({in_request}
            or {alias}.organisation_id in (select id from organisation where {in_organisation})
            or {alias}.contact_id in (select id from contact where {in_contact}))""")
    return None, clauses, params


def request_condition(text: str, alias: str = "r", *, descriptions: bool = True) -> tuple[str, list]:
    """The SQL condition (over a request row aliased `alias`) that keeps the requests `text` finds: every word in the
    title, the description (unless `descriptions` is False), the organisation's name or the name of the request's
    contact. "true" when there is nothing to look for. Folding every description costs about 0.1 s at fifty times
    the demo: the Requests page's filter pays it, the search box, run at each key typed, does not."""
    words = _words(text)
    if not words:
        return "true", []
    from_item, clauses, params = _request_search(words, descriptions, alias)
    if from_item is None:
        return "(" + " and ".join(clauses) + ")", params
    return f"{alias}.id in (select r.id from {from_item} where {' and '.join(clauses)})", params


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
    from_item, clauses, condition_params = _person_search(text, "c", "caregiver", identifiers=True)
    if not clauses:
        return None
    params: list = []
    rank = _prefix_rank(["c.last_name", "c.first_name"], _first(words), params)
    return f"""
        select c.id, null::bigint as organisation_id, concat_ws(' ', c.first_name, c.last_name) as label,
            c.profession as code, c.specialty, c.postcode as detail, c.archived,
            {rank} as rank, concat_ws(' ', c.last_name, c.first_name) as sort
        from {from_item} c where c.erased_at is null and {" and ".join(clauses)}""", params + condition_params


def _organisations(words: list[str]) -> tuple[str, list]:
    params: list = []
    rank = _prefix_rank(["o.name"], _first(words), params)
    clauses = words_condition(words, [f"o.{c}" for c in ORGANISATION_COLUMNS], params)
    return f"""
        select o.id, o.id::bigint as organisation_id, o.name as label, o.kind as code, null::varchar as specialty,
            o.city as detail, o.archived,
            {rank} as rank, o.name as sort
        from {searched("organisation", ORGANISATION_COLUMNS, words)} o where {" and ".join(clauses)}""", params


def _contacts(text: str, words: list[str]) -> tuple[str, list] | None:
    from_item, clauses, condition_params = _person_search(text, "k", "contact", identifiers=False)
    if not clauses:
        return None
    params: list = []
    rank = _prefix_rank(["k.last_name", "k.first_name"], _first(words), params)
    return f"""
        select k.id, k.organisation_id::bigint as organisation_id, concat_ws(' ', k.first_name, k.last_name) as label,
            null::varchar as code, null::varchar as specialty, concat_ws(' · ', o.name, k.role) as detail,
            k.archived or o.archived as archived,
            {rank} as rank, concat_ws(' ', k.last_name, k.first_name) as sort
        from {from_item} k join organisation o on o.id = k.organisation_id
        where k.merged_into_id is null and {" and ".join(clauses)}""", params + condition_params


def _requests(words: list[str]) -> tuple[str, list]:
    params: list = []
    rank = _prefix_rank(["r.title"], _first(words), params)
    from_item, clauses, condition_params = _request_search(words, descriptions=False, alias="r")
    return f"""
        select r.id, r.organisation_id::bigint as organisation_id, r.title as label, r.status as code,
            null::varchar as specialty, o.name as detail, r.archived, {rank} as rank, r.title as sort
        from {from_item or "request r join organisation o on o.id = r.organisation_id"}
        where {" and ".join(clauses)}""", params + condition_params


def find_everything(engine: Engine, text: str, limit: int = EVERYTHING_LIMIT) -> dict[str, Found]:
    """Every kind of record `text` finds: a Found for each of KINDS, in that order, each present (found nothing:
    empty rows, total 0). Up to `limit` rows of each, best first (a name or title that begins with the first word
    typed, then alphabetical, then by id), and the true number found. One round trip to the store: the four
    searches run as one query (measured: faster than four, and well under the 150 ms aimed at; bench_search.py)."""
    words = _words(text)
    if not words:
        return {kind: _found_nothing(kind) for kind in KINDS}
    searches = (_caregivers(text, words), _organisations(words), _contacts(text, words), _requests(words))
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
