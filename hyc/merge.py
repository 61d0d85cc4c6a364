"""Possible duplicates, found and merged (issue 29).

Finding (readers, SQL in DuckDB, returning DataFrames of pairs):
- caregivers sharing a name (folded as hyc.text folds it: case, accents, ligatures) and a département, or an
  identifier (phone, RPPS) that upgrade step 3 set aside on the later record with a note naming the earlier one;
- organisations whose names are one once folded, legal forms, punctuation and spaces set aside, or one that upgrade
  step 16 set aside without a name key, its note naming the organisation it seems to repeat;
- contacts of one organisation sharing a folded name (either way round) or an e-mail address, as the merge of two
  organisations leaves them when both knew the same person.
Erased and already merged records are left out; archived ones are listed and said so.

Merging (writes, one transaction each, one audit event "merge" keeping both records as they were): the person
picks, field by field, which record's value the survivor keeps (`default_choices` proposes the kept record's
value, and the other's where the kept one is empty); every row that hangs on the merged record moves to the
survivor (REFERENCES says what becomes of each, and tests/test_merge.py checks it covers every column of
hyc.models that holds such an id); the merged record is archived, points at the survivor (merged_into_id) and
loses its unique identifiers, so that they can move to the survivor and so that a re-created duplicate is found
again rather than written onto a dead record. A record changed since the comparison was read is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, select

from hyc import (
    audit,
    caregivers,
    db,
    matches,
    mentoring,
    models,
    organisations,
    privacy,
    progress,
    requests,
    schema,
    validation,
    vocab,
)
from hyc.audit import Actor, WriteError
from hyc.i18n import Message
from hyc.text import fold_sql

# Which record a field's value comes from: the one kept, the one merged into it, or (notes) both, one after the other.
KEPT, MERGED, BOTH = "kept", "merged", "both"
JOINED = ("notes",)

# The fields a person picks between, as the record forms edit them.
FIELDS = {"caregiver": caregivers.FIELDS, "organisation": organisations.ORGANISATION_FIELDS,
          "contact": organisations.CONTACT_FIELDS}
# Fields whose value only holds with another's (a specialty is a doctor's): when that other field differs, they
# come by default from the same record as it.
FOLLOWS = {"caregiver": {"specialty": "profession"}, "organisation": {}, "contact": {}}

# Every column that holds a caregiver's or an organisation's id, and what a merge does with its rows. The tests
# enumerate the columns of hyc.models that refer to either and check each is here and emptied of the merged id.
REFERENCES = {
    "caregiver": {
        ("call", "caregiver_id"): "moved",
        ("mentoring_session", "caregiver_id"): "moved",
        ("match", "caregiver_id"): "moved; two on one request become the one further along, the other deleted "
                                   "(its row and events kept in the audit log)",
        ("onboarding_step", "caregiver_id"): "combined: each step keeps the further status of the two",
        ("caregiver_progress", "caregiver_id"): "rebuilt from the combined steps",
        ("rpps_check", "caregiver_id"): "the check of the RPPS the survivor keeps",
        ("request", "panel"): "the merged id replaced by the survivor's in each panel (comma-separated ids)",
    },
    "organisation": {
        ("contact", "organisation_id"): "moved",
        ("request", "organisation_id"): "moved",
        ("call", "organisation_id"): "moved",
    },
    "contact": {
        ("request", "contact_id"): "moved",
        ("call", "contact_id"): "moved",
    },
}

# The write areas a merge touches: only a role that may write them all merges (the founders).
AREAS = {"caregiver": ("caregivers", "matches", "mentoring", "calls"),
         "organisation": ("organisations", "requests", "matches", "calls"),
         "contact": ("organisations", "requests", "calls")}
# The kinds of record that are people (a first and a last name), the others have a name.
PEOPLE = ("caregiver", "contact")

# Why a pair is listed (codes; the interface says them, merge.reason.<code>).
CAREGIVER_REASONS = ("phone", "rpps", "name_departement")
ORGANISATION_REASONS = ("set_aside", "similar_name")
CONTACT_REASONS = ("email", "same_name")


# --- Finding ---------------------------------------------------------------------------------------------


def _folded_name(first: str, last: str) -> str:
    return f"{fold_sql(first)} || ' ' || {fold_sql(last)}"


def _set_aside_caregivers() -> str:
    """One row per identifier upgrade step 3 set aside: the record that lost it, the reason, the record holding it.
    The note is the step's own sentence (hyc.schema._set_aside_duplicate_identifiers)."""
    parts = []
    for reason, label in schema.UNIQUE_CAREGIVER_VALUES.items():
        pattern = f"{label} \\S+ aussi sur la fiche n° (\\d+) :"
        parts.append(f"""select id, '{reason}' as reason,
                                unnest(regexp_extract_all(notes, '{pattern}', 1))::integer as other
                         from live where notes like '%aussi sur la fiche n°%'""")
    return " union all ".join(parts)


def _not_set_apart(entity: str) -> str:
    """The condition keeping a pair (`p`, ids `a_id` < `b_id`) that nobody said are two (`set_apart`)."""
    return f"""not exists (select 1 from distinct_pair d where d.entity = '{entity}' and d.first_id = p.a_id
                                                         and d.second_id = p.b_id)"""


def caregiver_pairs(engine: Engine) -> pd.DataFrame:
    """Caregivers who may be one person, a pair per row: `a_id` the older record (the one that kept an identifier
    set aside), `b_id` the other, `reasons` (comma-separated codes of CAREGIVER_REASONS), and for each side its
    name, profession, département, whether it is archived and when it was created. Identifiers set aside first,
    then by the older record."""
    return db.read_df(engine, f"""
        with live as (
            select id, first_name, last_name, profession, departement, archived, created_at, notes,
                   {_folded_name('first_name', 'last_name')} as folded
            from caregiver where erased_at is null and merged_into_id is null),
        named as (
            select a.id as a_id, b.id as b_id, 'name_departement' as reason
            from live a join live b on a.folded = b.folded and a.departement = b.departement and a.id < b.id),
        pointed as ({_set_aside_caregivers()}),
        set_aside as (
            select least(p.id, o.id) as a_id, greatest(p.id, o.id) as b_id, p.reason
            from pointed p join live o on o.id = p.other where o.id <> p.id),
        pairs as (
            select a_id, b_id, list(distinct reason) as reasons
            from (select * from named union all select * from set_aside) group by a_id, b_id)
        select p.a_id, p.b_id,
               array_to_string(list_sort(p.reasons, 'DESC'), ',') as reasons,
               concat_ws(' ', a.first_name, a.last_name) as a_name, concat_ws(' ', b.first_name, b.last_name) as b_name,
               a.profession as a_profession, b.profession as b_profession,
               a.departement as a_departement, b.departement as b_departement,
               a.archived as a_archived, b.archived as b_archived, a.created_at as a_created_at,
               b.created_at as b_created_at
        from pairs p join live a on a.id = p.a_id join live b on b.id = p.b_id
        where {_not_set_apart("caregiver")}
        order by list_has_any(p.reasons, ['phone', 'rpps']) desc, p.a_id, p.b_id""")


def _squashed_name(column: str) -> str:
    """The SQL form of an organisation's name as the finder compares it: its words folded, legal forms set aside
    (hyc.organisations.LEGAL_FORMS; a name made only of them keeps them), then written without spaces, so that
    "Médi-Lab SAS" and "MEDI LAB" meet. The same expression on both sides of the comparison."""
    forms = "[" + ", ".join(f"'{form}'" for form in sorted(organisations.LEGAL_FORMS)) + "]"
    words = f"regexp_extract_all({fold_sql(column)}, '[\\pL\\pN]+')"
    kept = f"list_filter({words}, lambda w: not list_contains({forms}, w))"
    return f"array_to_string(if(len({kept}) = 0, {words}, {kept}), '')"


# The sentence of upgrade step 16 on an organisation set aside (hyc.schema._organisation_name_keys).
_NEAR_NAME = "Nom proche de l''organisation n° (\\d+) :"


def organisation_pairs(engine: Engine) -> pd.DataFrame:
    """Organisations that may be one, a pair per row: `a_id` the older (or the one an organisation set aside
    names), `b_id` the other, `reasons` (comma-separated codes of ORGANISATION_REASONS), and for each side its name,
    kind, city, whether it is archived and when it was created."""
    return db.read_df(engine, f"""
        with live as (
            select id, name, name_key, kind, city, archived, created_at, notes, {_squashed_name('name')} as squashed
            from organisation where merged_into_id is null),
        alike as (
            select a.id as a_id, b.id as b_id, 'similar_name' as reason
            from live a join live b on a.squashed = b.squashed and a.id < b.id),
        pointed as (
            select id, unnest(regexp_extract_all(notes, '{_NEAR_NAME}', 1))::integer as other
            from live where name_key is null and notes like '%Nom proche de l''organisation n°%'),
        set_aside as (
            select least(p.id, o.id) as a_id, greatest(p.id, o.id) as b_id, 'set_aside' as reason
            from pointed p join live o on o.id = p.other where o.id <> p.id),
        pairs as (
            select a_id, b_id, list(distinct reason) as reasons
            from (select * from alike union all select * from set_aside) group by a_id, b_id)
        select p.a_id, p.b_id, array_to_string(list_sort(p.reasons, 'DESC'), ',') as reasons,
               a.name as a_name, b.name as b_name, a.kind as a_kind, b.kind as b_kind, a.city as a_city,
               b.city as b_city, a.archived as a_archived, b.archived as b_archived,
               a.created_at as a_created_at, b.created_at as b_created_at
        from pairs p join live a on a.id = p.a_id join live b on b.id = p.b_id
        where {_not_set_apart("organisation")}
        order by list_contains(p.reasons, 'set_aside') desc, p.a_id, p.b_id""")


def contact_pairs(engine: Engine) -> pd.DataFrame:
    """Contacts of one organisation who may be one person, a pair per row: `a_id` the older record, `b_id` the
    other, `reasons` (comma-separated codes of CONTACT_REASONS: the same e-mail address, the same name once folded,
    either way round), their `organisation_id`, and for each side its name with its organisation's, whether it is
    archived and when it was created."""
    return db.read_df(engine, f"""
        with live as (
            select c.id, c.organisation_id, c.first_name, c.last_name, c.archived, c.created_at,
                   {fold_sql('c.first_name')} as first, {fold_sql('c.last_name')} as last,
                   nullif(lower(trim(c.email)), '') as mail, o.name as organisation
            from contact c join organisation o on o.id = c.organisation_id where c.merged_into_id is null),
        found as (
            select a.id as a_id, b.id as b_id, 'email' as reason
            from live a join live b on a.organisation_id = b.organisation_id and a.mail = b.mail and a.id < b.id
            union all
            select a.id, b.id, 'same_name'
            from live a join live b on a.organisation_id = b.organisation_id and a.id < b.id
                 and ((a.first = b.first and a.last = b.last) or (a.first = b.last and a.last = b.first))),
        pairs as (select a_id, b_id, list(distinct reason) as reasons from found group by a_id, b_id)
        select p.a_id, p.b_id, array_to_string(list_sort(p.reasons), ',') as reasons, a.organisation_id,
               concat_ws(' ', a.first_name, a.last_name) || ' · ' || a.organisation as a_name,
               concat_ws(' ', b.first_name, b.last_name) || ' · ' || b.organisation as b_name,
               a.archived as a_archived, b.archived as b_archived, a.created_at as a_created_at,
               b.created_at as b_created_at
        from pairs p join live a on a.id = p.a_id join live b on b.id = p.b_id
        where {_not_set_apart("contact")}
        order by a.organisation, p.a_id, p.b_id""")


# What the comparison shows hanging on each record: (label key, SQL counting rows of the record `?`).
RELATED = {
    "caregiver": (("merge.related_calls", "select count(*) from call where caregiver_id = ?"),
                  ("merge.related_matches", "select count(*) from match where caregiver_id = ?"),
                  ("merge.related_sessions", "select count(*) from mentoring_session where caregiver_id = ?")),
    "organisation": (("merge.related_contacts", "select count(*) from contact where organisation_id = ?"),
                     ("merge.related_requests", "select count(*) from request where organisation_id = ?"),
                     ("merge.related_calls", "select count(*) from call where organisation_id = ?")),
    "contact": (("merge.related_requests", "select count(*) from request where contact_id = ?"),
                ("merge.related_calls", "select count(*) from call where contact_id = ?")),
}


def pair(engine: Engine, entity: str, first_id: int, second_id: int) -> dict | None:
    """Both records of a pair, to compare: {"records": {id: values (JSON-ready, as the audit log keeps them)},
    "related": {id: {label key: rows}}}; None when either is gone."""
    model = _MODELS[entity]
    with db.session(engine) as session:
        rows = {i: session.get(model, i) for i in (first_id, second_id)}
        if any(row is None for row in rows.values()):
            return None
        records = {i: audit.snapshot(row, exclude=()) for i, row in rows.items()}
    related = {}
    with db.raw(engine) as con:
        for i in (first_id, second_id):
            related[i] = {label: con.execute(sql, [i]).fetchall()[0][0] for label, sql in RELATED[entity]}
    return {"records": records, "related": related}


# --- Choosing the survivor's values ----------------------------------------------------------------------


def _empty(value) -> bool:
    """A value that says nothing: blank, or a box not ticked (a training not done is not known to be undone)."""
    return value is False or validation.blank(value)


def differing(entity: str, kept: dict, merged: dict) -> list[str]:
    """The fields, in form order, whose values differ between two records (mappings of field → value)."""
    return [name for name in FIELDS[entity] if kept.get(name) != merged.get(name)]


def default_choices(entity: str, kept: dict, merged: dict) -> dict[str, str]:
    """What the survivor keeps of each differing field unless the person says otherwise: the kept record's value,
    the other's where the kept one is empty (an empty value never overrides a filled one), both notes when both
    have some; a field that only holds with another (FOLLOWS) from the same record as that other."""
    choices = {}
    for name in differing(entity, kept, merged):
        if name in JOINED and not _empty(kept.get(name)) and not _empty(merged.get(name)):
            choices[name] = BOTH
        elif _empty(kept.get(name)) and not _empty(merged.get(name)):
            choices[name] = MERGED
        else:
            choices[name] = KEPT
    for name, parent in FOLLOWS[entity].items():
        if name in choices and parent in choices:
            choices[name] = choices[parent]
    return choices


def options(name: str) -> tuple[str, ...]:
    """The choices a field offers."""
    return (KEPT, MERGED, BOTH) if name in JOINED else (KEPT, MERGED)


def _chosen(entity: str, kept: models.SQLModel, merged: models.SQLModel, choices: dict[str, str] | None) -> dict:
    """The values the survivor takes from the merged record (or from both), field → value as stored."""
    kept_values = {name: getattr(kept, name) for name in FIELDS[entity]}
    merged_values = {name: getattr(merged, name) for name in FIELDS[entity]}
    wanted = default_choices(entity, kept_values, merged_values) | dict(choices or {})
    changes = {}
    for name, choice in wanted.items():
        if name not in FIELDS[entity] or choice not in options(name):
            raise validation.FormInvalid({name: Message("error.merge_choice")})
        if kept_values[name] == merged_values[name] or choice == KEPT:
            continue
        if choice == BOTH:
            changes[name] = "\n".join(str(v) for v in (kept_values[name], merged_values[name]) if not _empty(v))
        else:
            changes[name] = merged_values[name]
    return changes


# --- Merging ---------------------------------------------------------------------------------------------

_MODELS = {"caregiver": models.Caregiver, "organisation": models.Organisation, "contact": models.Contact}


class AlreadyMerged(WriteError):
    def __init__(self, name: str) -> None:
        super().__init__(Message("error.already_merged", name=name))


class StalePair(WriteError):
    """One of the two records changed since the comparison was read: nothing is merged."""

    def __init__(self, name: str) -> None:
        super().__init__(Message("error.merge_stale", name=name))


def _label(entity: str, row) -> str:
    name = f"{row.first_name} {row.last_name}" if entity in PEOPLE else row.name
    return f"{name} (n° {row.id})"


@contextmanager
def _transaction(engine: Engine, actor: Actor, entity: str) -> Iterator[Session]:
    """audit.transaction for a write on a pair of `entity` records, by a role that writes every area a merge of
    them touches (AREAS)."""
    with audit.transaction(engine, actor, AREAS[entity][0]) as session:
        for area in AREAS[entity]:
            audit.require(actor, area)
        yield session


def _pair(session: Session, entity: str, kept_id: int, merged_id: int,
          expected_versions: dict[int, int] | None) -> tuple:
    """The two records, refused when they are one, gone, erased, already merged or changed since they were read."""
    if kept_id == merged_id:
        raise WriteError(Message("error.merge_same"))
    model = _MODELS[entity]
    rows = []
    for row_id in (kept_id, merged_id):
        row = session.get(model, row_id)
        if row is None:
            raise audit.NotFound(f"this_{entity}")
        if getattr(row, "erased_at", None) is not None:
            raise WriteError(Message("error.erased_locked"))
        if row.merged_into_id is not None:
            raise AlreadyMerged(_label(entity, row))
        expected = (expected_versions or {}).get(row_id)
        if expected is not None and row.row_version != expected:
            raise StalePair(_label(entity, row))
        rows.append(row)
    return tuple(rows)


def _ids(run, sql: str, *params) -> list[int]:
    return [row[0] for row in run(sql, params).all()]


def _retire(session: Session, merged, kept, cleared: Iterable[str]) -> None:
    """The merged record archived, pointing at the survivor, its unique identifiers cleared, written before the
    survivor takes them (the store checks each unique value as each row is written)."""
    for name in cleared:
        setattr(merged, name, None)
    merged.archived, merged.merged_into_id = True, kept.id
    audit.touch(merged)
    session.add(merged)
    session.flush()


def _match_rank(stage: str, reached: list[str], events: int) -> tuple:
    """How far a match went: the furthest stage of the path it reached, a match still on the path before one that
    left it, then the longer history."""
    path = vocab.MATCH_PATH
    furthest = max((path.index(s) for s in (stage, *reached) if s in path), default=-1)
    return furthest, stage not in vocab.MATCH_EXITS, events


def _plain(row) -> dict:
    """A row read by SQL as JSON-ready values (dates and times as ISO text)."""
    return {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in dict(row).items()}


# What hangs on a match, and what becomes of it when a merge deletes the match in favour of another on the same
# request (tests/test_merge.py checks it covers every column of hyc.models that holds a match's id).
MATCH_REFERENCES = {
    ("match_event", "match_id"): "deleted with the match (kept in the audit log with it)",
    ("match_document", "match_id"): "moved to the match that stays",
    ("workshop_invitation", "match_id"): "moved to the match that stays",
    ("workshop_attendance", "match_id"): "moved to the match that stays, unless it has its own for that session "
                                         "(then kept in the audit log with the match)",
}


def _drop_match(session: Session, actor: Actor, match_id: int, kept_match_id: int) -> None:
    """Delete a match and its events, both kept in the audit log (as upgrade step 5 does); what else hangs on it
    goes to the match that stays on the request (MATCH_REFERENCES)."""
    run = session.connection().exec_driver_sql
    row = run("select * from match where id = ?", (match_id,)).mappings().one()
    events = run("select stage, occurred_at, author_id, reason from match_event where match_id = ? "
                 "order by occurred_at, id", (match_id,)).mappings().all()
    twice = "from workshop_attendance where match_id = ? and session_id in " \
            "(select session_id from workshop_attendance where match_id = ?)"
    attendance = run(f"select * {twice}", (match_id, kept_match_id)).mappings().all()
    gone = {**_plain(row), "events": [_plain(event) for event in events],
            "attendance": [_plain(seen) for seen in attendance]}
    audit.log(session, actor, "delete", "match", match_id, gone, None)
    run(f"delete {twice}", (match_id, kept_match_id))
    for table in ("match_document", "workshop_invitation", "workshop_attendance"):
        run(f"update {table} set match_id = ? where match_id = ?", (kept_match_id, match_id))
    run("delete from match_event where match_id = ?", (match_id,))
    run("delete from match where id = ?", (match_id,))


def _merge_matches(session: Session, actor: Actor, kept_id: int, merged_id: int) -> tuple[list[int], list[int]]:
    """The merged caregiver's matches moved to the survivor; where both are on one request, the match further along
    stays (with the survivor) and the other is deleted. Returns the matches moved and those deleted."""
    run = session.connection().exec_driver_sql
    both = run("""
        select m.id, m.request_id, m.stage, m.caregiver_id = ? as kept,
               coalesce((select list(e.stage) from match_event e where e.match_id = m.id), []) as reached,
               (select count(*) from match_event e where e.match_id = m.id) as events
        from match m
        where m.caregiver_id in (?, ?) and m.request_id in (
            select request_id from match where caregiver_id in (?, ?) group by request_id having count(*) > 1)
        order by m.request_id, m.id""", (kept_id, kept_id, merged_id, kept_id, merged_id)).all()
    dropped = []
    by_request: dict[int, list] = {}
    for row in both:
        by_request.setdefault(row.request_id, []).append(row)
    for rows in by_request.values():
        # The further one stays; on a tie, the survivor's own.
        winner = max(rows, key=lambda r: (_match_rank(r.stage, list(r.reached), r.events), r.kept))
        for row in rows:
            if row.id != winner.id:
                _drop_match(session, actor, row.id, winner.id)
                dropped.append(row.id)
    moved = _ids(run, "select id from match where caregiver_id = ? order by id", merged_id)
    run("update match set caregiver_id = ? where caregiver_id = ?", (kept_id, merged_id))
    for request_id in by_request:
        requests.follow_matches(session, actor, session.get(models.Request, request_id))
    return moved, dropped


def _merge_steps(session: Session, actor: Actor, kept_id: int, merged_id: int) -> list[str]:
    """Each onboarding step takes the further status of the two records (its date with it); the merged record's
    steps and its progress row go. "Première mission faite" is left to follow the matches. Returns the steps
    that moved."""
    run = session.connection().exec_driver_sql
    order = vocab.ONBOARDING_STEP_STATUSES.codes
    rows = run("""
        select m.step, m.status, m.changed_at, coalesce(k.status, 'a_faire') as kept_status
        from onboarding_step m left join onboarding_step k on k.caregiver_id = ? and k.step = m.step
        where m.caregiver_id = ? order by m.id""", (kept_id, merged_id)).all()
    moved = []
    for step, status, changed_at, kept_status in rows:
        if step in mentoring.FOLLOWS_MATCHES or status not in order or kept_status not in order:
            continue
        if order.index(status) > order.index(kept_status):
            mentoring.set_step(session, actor, kept_id, step, status, changed_at)
            moved.append(step)
    run("delete from onboarding_step where caregiver_id = ?", (merged_id,))
    run("delete from caregiver_progress where caregiver_id = ?", (merged_id,))
    return moved


def _merge_rpps_check(session: Session, kept_id: int, merged_id: int, rpps: str | None) -> None:
    """The survivor keeps the directory's check of the RPPS it keeps: the merged record's when it was of that RPPS
    and the survivor's was not; the other check goes (the next check of the directory makes a new one)."""
    run = session.connection().exec_driver_sql
    checks = dict(run("select caregiver_id, rpps from rpps_check where caregiver_id in (?, ?)",
                      (kept_id, merged_id)).all())
    if merged_id in checks and checks[merged_id] == rpps and checks.get(kept_id) != rpps:
        run("delete from rpps_check where caregiver_id = ?", (kept_id,))
        run("update rpps_check set caregiver_id = ? where caregiver_id = ?", (kept_id, merged_id))
    else:
        run("delete from rpps_check where caregiver_id = ?", (merged_id,))


def _merge_panels(session: Session, actor: Actor, kept_id: int, merged_id: int) -> list[int]:
    """The requests whose panel seats the merged caregiver seat the survivor there instead (once)."""
    run = session.connection().exec_driver_sql
    rows = run("select id, panel from request where list_contains(string_split(panel, ','), ?) order by id",
               (str(merged_id),)).all()
    for request_id, panel in rows:
        seats = [str(kept_id) if seat == str(merged_id) else seat for seat in panel.split(",")]
        audit.apply(session, actor, session.get(models.Request, request_id), "request",
                    {"panel": ",".join(dict.fromkeys(seats))})
    return [request_id for request_id, _ in rows]


def merge_caregivers(engine: Engine, actor: Actor, kept_id: int, merged_id: int,
                     choices: dict[str, str] | None = None, *, expected_versions: dict[int, int] | None = None,
                     today) -> models.Caregiver:
    """Merge caregiver `merged_id` into `kept_id` (see the module's docstring); `choices` field → KEPT, MERGED or
    BOTH (notes), the others by default_choices; `expected_versions` record id → the row_version the person saw."""

    def write() -> models.Caregiver:
        with _transaction(engine, actor, "caregiver") as session:
            kept, merged = _pair(session, "caregiver", kept_id, merged_id, expected_versions)
            before = {"kept": audit.snapshot(kept), "merged": audit.snapshot(merged)}
            values, _ = caregivers.clean_changes(kept, _chosen("caregiver", kept, merged, choices), today=today)
            run = session.connection().exec_driver_sql
            moved: dict[str, list] = {}
            moved["match"], moved["match_deleted"] = _merge_matches(session, actor, kept_id, merged_id)
            for table in ("call", "mentoring_session"):
                moved[table] = _ids(run, f"select id from {table} where caregiver_id = ? order by id", merged_id)
                run(f"update {table} set caregiver_id = ? where caregiver_id = ?", (kept_id, merged_id))
            moved["onboarding_step"] = _merge_steps(session, actor, kept_id, merged_id)
            moved["request_panel"] = _merge_panels(session, actor, kept_id, merged_id)
            _retire(session, merged, kept, ("email", "phone", "rpps"))
            privacy.check_not_objected(session, values)
            duplicate = caregivers.find_duplicate(session, values, exclude_id=kept_id)
            if duplicate:
                raise duplicate
            _merge_rpps_check(session, kept_id, merged_id, values.get("rpps", kept.rpps))
            for name, value in values.items():
                setattr(kept, name, value)
            audit.touch(kept)
            session.add(kept)
            session.flush()
            # What follows from the moved rows and the survivor's record: the live matches' compliance states,
            # "première mission faite", where the survivor stands on the track.
            matches.follow_facts(session, actor, caregiver_id=kept_id)
            mentoring.follow_first_mission(session, actor, kept_id)
            progress.refresh(run, kept_id)
            audit.log(session, actor, "merge", "caregiver", kept_id, before | {"moved": moved}, audit.snapshot(kept))
            return kept

    return audit.unique_write(write)


def merge_organisations(engine: Engine, actor: Actor, kept_id: int, merged_id: int,
                        choices: dict[str, str] | None = None, *,
                        expected_versions: dict[int, int] | None = None) -> models.Organisation:
    """Merge organisation `merged_id` into `kept_id`: its contacts, requests and calls move to the survivor, whose
    name key stays unique (a survivor set aside without one gets it back once the merged record lets it go)."""

    def write() -> models.Organisation:
        with _transaction(engine, actor, "organisation") as session:
            kept, merged = _pair(session, "organisation", kept_id, merged_id, expected_versions)
            before = {"kept": audit.snapshot(kept), "merged": audit.snapshot(merged)}
            values = organisations.clean_changes(kept, _chosen("organisation", kept, merged, choices))
            run = session.connection().exec_driver_sql
            moved: dict[str, list] = {}
            for table in ("contact", "request", "call"):
                moved[table] = _ids(run, f"select id from {table} where organisation_id = ? order by id", merged_id)
                run(f"update {table} set organisation_id = ? where organisation_id = ?", (kept_id, merged_id))
            _retire(session, merged, kept, ("name_key",))
            key = organisations.name_key(values.get("name", kept.name))
            holder = session.exec(models.Organisation.__table__.select().where(
                models.Organisation.name_key == key, models.Organisation.id != kept_id)).first()
            if holder is not None:
                if "name" in values:
                    raise validation.FormInvalid({"name": Message("error.organisation_exists", name=holder.name)})
            else:
                values["name_key"] = key
            for name, value in values.items():
                setattr(kept, name, value)
            audit.touch(kept)
            session.add(kept)
            session.flush()
            # The moved requests' live matches take the compliance states the survivor gives them.
            matches.follow_facts(session, actor, organisation_id=kept_id)
            audit.log(session, actor, "merge", "organisation", kept_id, before | {"moved": moved},
                      audit.snapshot(kept))
            return kept

    return audit.unique_write(write)


def merge_contacts(engine: Engine, actor: Actor, kept_id: int, merged_id: int,
                   choices: dict[str, str] | None = None, *,
                   expected_versions: dict[int, int] | None = None) -> models.Contact:
    """Merge contact `merged_id` into `kept_id`, both of one organisation: the requests and calls naming the merged
    contact name the survivor."""

    def write() -> models.Contact:
        with _transaction(engine, actor, "contact") as session:
            kept, merged = _pair(session, "contact", kept_id, merged_id, expected_versions)
            if kept.organisation_id != merged.organisation_id:
                raise WriteError(Message("error.merge_other_organisation"))
            before = {"kept": audit.snapshot(kept), "merged": audit.snapshot(merged)}
            values = organisations.clean_contact_changes(kept, _chosen("contact", kept, merged, choices))
            run = session.connection().exec_driver_sql
            moved: dict[str, list] = {}
            for table in ("request", "call"):
                moved[table] = _ids(run, f"select id from {table} where contact_id = ? order by id", merged_id)
                run(f"update {table} set contact_id = ? where contact_id = ?", (kept_id, merged_id))
            _retire(session, merged, kept, ())
            for name, value in values.items():
                setattr(kept, name, value)
            audit.touch(kept)
            session.add(kept)
            session.flush()
            audit.log(session, actor, "merge", "contact", kept_id, before | {"moved": moved}, audit.snapshot(kept))
            return kept

    return audit.unique_write(write)


def merge(engine: Engine, actor: Actor, entity: str, kept_id: int, merged_id: int,
          choices: dict[str, str] | None = None, *, expected_versions: dict[int, int] | None = None, today):
    """merge_caregivers, merge_organisations or merge_contacts, by `entity`."""
    if entity == "caregiver":
        return merge_caregivers(engine, actor, kept_id, merged_id, choices, expected_versions=expected_versions,
                                today=today)
    if entity == "organisation":
        return merge_organisations(engine, actor, kept_id, merged_id, choices, expected_versions=expected_versions)
    if entity == "contact":
        return merge_contacts(engine, actor, kept_id, merged_id, choices, expected_versions=expected_versions)
    raise ValueError(entity)


# --- Not one: a pair set apart ----------------------------------------------------------------------------------


def _set_apart_row(session: Session, entity: str, first_id: int, second_id: int) -> models.DistinctPair | None:
    return session.exec(select(models.DistinctPair).where(
        models.DistinctPair.entity == entity, models.DistinctPair.first_id == first_id,
        models.DistinctPair.second_id == second_id)).first()


def set_apart(engine: Engine, actor: Actor, entity: str, first_id: int, second_id: int) -> None:
    """Say that the two records are not one (homonyms): the pair is listed no more. Both must still be listed
    records (not merged, not erased); saying it twice changes nothing. Audited ("set_apart", on the first record,
    both ids in it)."""
    first_id, second_id = sorted((int(first_id), int(second_id)))

    def write() -> None:
        with _transaction(engine, actor, entity) as session:  # who may merge the pair may say it is not one
            _pair(session, entity, first_id, second_id, None)  # both exist, neither merged, not the same
            if _set_apart_row(session, entity, first_id, second_id) is not None:
                return
            session.add(models.DistinctPair(entity=entity, first_id=first_id, second_id=second_id,
                                            decided_by=actor.id))
            audit.log(session, actor, "set_apart", entity, first_id, None,
                      {"first_id": first_id, "second_id": second_id})

    audit.unique_write(write)


def bring_back(engine: Engine, actor: Actor, entity: str, first_id: int, second_id: int) -> None:
    """Undo `set_apart`: the pair is listed again (if the finder still finds it). Audited ("bring_back")."""
    first_id, second_id = sorted((int(first_id), int(second_id)))
    with _transaction(engine, actor, entity) as session:
        row = _set_apart_row(session, entity, first_id, second_id)
        if row is None:
            return
        audit.log(session, actor, "bring_back", entity, first_id, {"first_id": first_id, "second_id": second_id},
                  None)
        session.delete(row)


def set_apart_pairs(engine: Engine, entity: str) -> pd.DataFrame:
    """The pairs of one kind said not to be one, newest first: their ids and names (a record since merged or
    erased is named as its record now reads), who said so and when."""
    table = _MODELS[entity].__tablename__
    name = "concat_ws(' ', {t}.first_name, {t}.last_name)" if entity in PEOPLE else "{t}.name"
    return db.read_df(engine, f"""
        select d.first_id, d.second_id, {name.format(t='a')} as first_name, {name.format(t='b')} as second_name,
               m.full_name as decided_by, d.decided_at
        from distinct_pair d join {table} a on a.id = d.first_id join {table} b on b.id = d.second_id
        left join team_member m on m.id = d.decided_by
        where d.entity = ?
        order by d.decided_at desc, d.id desc""", [entity])
