"""The store's schema: the numbered steps that create it and bring an older file up to date, and the one way
the app, the command line, tests and benchmarks open a store (`open_store`: the engine, then the steps).

Apart from hyc.db (engines and connections), which the domain modules read through: the steps use those modules
(where each caregiver stands, the compliance states of matches), so they live above them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine
from sqlmodel import SQLModel

from hyc import db, matches, mentoring, models, organisations, progress, vocab


@dataclass(frozen=True)
class Upgrade:
    """One numbered step of the schema. Steps run once, in order, each in its own transaction.

    A step must also be harmless on a store created after it was written (step 1 creates tables from
    the current models), so later steps use `IF NOT EXISTS` forms.
    """

    version: int
    summary: str
    apply: Callable[[Connection], None]


def _create_tables(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn)


def _sign_in_and_personal_data(conn: Connection) -> None:
    conn.exec_driver_sql("alter table caregiver add column if not exists erased_at timestamp")
    SQLModel.metadata.create_all(conn, tables=[models.WebSession.__table__, models.Objection.__table__])


# The caregiver's values that the store itself keeps unique (the e-mail is unique since step 1).
UNIQUE_CAREGIVER_VALUES = {"phone": "Téléphone", "rpps": "Numéro RPPS"}


def _set_aside_duplicate_identifiers(conn: Connection) -> None:
    """Before phone and RPPS become unique: a value already held twice (two saves at the same moment) stays on
    the oldest record; the others keep it in their notes, with an audit event, so that nothing is lost and a
    person can merge them. (Its own step: DuckDB creates no index in a transaction that updated rows.)"""
    for column, label in UNIQUE_CAREGIVER_VALUES.items():
        duplicates = conn.exec_driver_sql(f"""
            select id, {column}, first_id, notes from (
                select id, {column}, notes, min(id) over (partition by {column}) as first_id
                from caregiver where {column} is not null)
            where id <> first_id order by id""").all()
        for row_id, value, first_id, notes in duplicates:
            note = f"{label} {value} aussi sur la fiche n° {first_id} : retiré de celle-ci (doublon à fusionner)."
            conn.exec_driver_sql(f"update caregiver set {column} = null, notes = concat_ws(chr(10), notes, ?), "
                                 "row_version = row_version + 1 where id = ?", (note, row_id))
            conn.execute(models.AuditEvent.__table__.insert().values(
                occurred_at=models.utcnow(), actor_id=None, action="update", entity="caregiver", entity_id=row_id,
                before=json.dumps({column: value, "notes": notes}, ensure_ascii=False),
                after=json.dumps({column: None, "notes": "\n".join(filter(None, [notes, note]))},
                                 ensure_ascii=False)))


def _unique_identifiers_and_sign_in_guard(conn: Connection) -> None:
    """Phone and RPPS unique in the store; sign-in failures counted per address in their own table."""
    for column in UNIQUE_CAREGIVER_VALUES:
        conn.exec_driver_sql(f"create unique index if not exists caregiver_{column}_key on caregiver ({column})")
    SQLModel.metadata.create_all(conn, tables=[models.SignInGuard.__table__])
    for column in ("failed_logins", "locked_until"):
        conn.exec_driver_sql(f"alter table team_member drop column if exists {column}")


def _one_match_per_caregiver_and_request(conn: Connection) -> None:
    """A caregiver is on a request once. Where two proposals at the same moment left two matches of one person on
    one request, the one with the longest history (the oldest on a tie) stays; each other goes, its row and its
    stage events kept in the audit log, so that nothing is lost and the store can then enforce it."""
    repeats = conn.exec_driver_sql("""
        with ranked as (
            select m.id, row_number() over (partition by m.request_id, m.caregiver_id
                                            order by (select count(*) from match_event e where e.match_id = m.id) desc,
                                                     m.id) as n
            from match m)
        select id from ranked where n > 1 order by id""").all()
    for (match_id,) in repeats:
        row = conn.exec_driver_sql("select * from match where id = ?", (match_id,)).mappings().one()
        events = conn.exec_driver_sql("select stage, occurred_at, author_id, reason from match_event "
                                      "where match_id = ? order by occurred_at, id", (match_id,)).mappings().all()
        kept = {**dict(row), "events": [dict(e) for e in events]}
        conn.execute(models.AuditEvent.__table__.insert().values(
            occurred_at=models.utcnow(), actor_id=None, action="delete", entity="match", entity_id=match_id,
            before=json.dumps(kept, default=str, ensure_ascii=False), after=None))
        conn.exec_driver_sql("delete from match_event where match_id = ?", (match_id,))
        conn.exec_driver_sql("delete from match where id = ?", (match_id,))


def _match_unique_key(conn: Connection) -> None:
    conn.exec_driver_sql("create unique index if not exists match_request_caregiver_key "
                         "on match (request_id, caregiver_id)")


def _caregiver_progress(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=[models.CaregiverProgress.__table__])
    progress.refresh(conn.exec_driver_sql)


def _match_event_spans(conn: Connection) -> None:
    conn.exec_driver_sql("alter table match_event add column if not exists left_at timestamp")
    progress.refresh_spans(conn.exec_driver_sql)


def _request_criteria_and_compliance_states(conn: Connection) -> None:
    """A request says which criteria are musts, the digital appetite it wants (the mission type's usual one) and
    whether it is about AI; every live match takes the compliance states its facts give (hyc.matches.reconcile)."""
    for column, kind in (("specialties_required", "boolean default true"), ("place_required", "boolean default false"),
                         ("digital_appetites", "varchar"), ("appetite_required", "boolean default false"),
                         ("about_ai", "boolean default false"), ("ai_required", "boolean default false"),
                         ("panel", "varchar")):
        conn.exec_driver_sql(f"alter table request add column if not exists {column} {kind}")
    for mission_type, wanted in vocab.USUAL_APPETITES.items():
        conn.exec_driver_sql("update request set digital_appetites = ? where mission_type = ? "
                             "and digital_appetites is null", (",".join(wanted), mission_type))
    matches.reconcile(conn)


def _organisation_name_keys(conn: Connection) -> None:
    """Each organisation gets its name key (hyc.organisations.name_key). Where two already share one (two saves at
    the same moment, or two spellings of one name), the oldest keeps it; each other is set aside without a key,
    with a note naming the one it seems to repeat and an audit event, for a person to merge or rename."""
    conn.exec_driver_sql("alter table organisation add column if not exists name_key varchar")
    rows = conn.exec_driver_sql("select id, name, notes from organisation order by id").all()
    first: dict[str, int] = {}
    set_aside = []
    for org_id, name, notes in rows:
        key = organisations.name_key(name)
        if key in first:
            set_aside.append((org_id, notes, first[key]))
        else:
            first[key] = org_id
    keys = pd.DataFrame({"id": list(first.values()), "name_key": list(first)})
    driver = conn.connection.driver_connection  # one update for them all (a row at a time: seconds at scale 50)
    driver.register("organisation_keys", keys)
    driver.execute("update organisation set name_key = k.name_key from organisation_keys k "
                   "where organisation.id = k.id")
    driver.unregister("organisation_keys")
    for org_id, notes, first_id in set_aside:
        note = f"Nom proche de l'organisation n° {first_id} : doublon probable, à fusionner ou renommer."
        conn.exec_driver_sql("update organisation set notes = concat_ws(chr(10), notes, ?), "
                             "row_version = row_version + 1 where id = ?", (note, org_id))
        conn.execute(models.AuditEvent.__table__.insert().values(
            occurred_at=models.utcnow(), actor_id=None, action="update", entity="organisation", entity_id=org_id,
            before=json.dumps({"notes": notes}, ensure_ascii=False),
            after=json.dumps({"notes": "\n".join(filter(None, [notes, note]))}, ensure_ascii=False)))


def _first_missions_follow_matches(conn: Connection) -> None:
    mentoring.reconcile_first_missions(conn)


def _proposals_by_email(conn: Connection) -> None:
    """A caregiver's language for e-mails (none known: French), a request whose client is not named, and the team's
    templates (none stored: the app's own wording). An e-mail sent is a call of kind "proposition_email": no column."""
    conn.exec_driver_sql("alter table caregiver add column if not exists lang varchar")
    conn.exec_driver_sql("alter table request add column if not exists confidential boolean default false")
    SQLModel.metadata.create_all(conn, tables=[models.MailTemplate.__table__])


def _daily_digest(conn: Connection) -> None:
    """Each member's morning digest, on unless they turn it off, and the days it went (one per member and day)."""
    conn.exec_driver_sql("alter table team_member add column if not exists daily_digest boolean default true")
    SQLModel.metadata.create_all(conn, tables=[models.DigestSent.__table__])


def _workshop_sessions(conn: Connection) -> None:
    """The sessions of workshop and interviews requests, the calendar invitations sent for them, and attendance."""
    SQLModel.metadata.create_all(conn, tables=[models.WorkshopSession.__table__, models.WorkshopInvitation.__table__,
                                               models.WorkshopAttendance.__table__])


UPGRADES: tuple[Upgrade, ...] = (
    Upgrade(1, "Schéma initial : tout le domaine", _create_tables),
    Upgrade(2, "Sessions de connexion, liste d'opposition, date d'effacement", _sign_in_and_personal_data),
    Upgrade(3, "Doublons de téléphone et de RPPS mis de côté dans les notes", _set_aside_duplicate_identifiers),
    Upgrade(4, "Téléphone et RPPS uniques dans la base, essais de connexion par adresse",
            _unique_identifiers_and_sign_in_guard),
    Upgrade(5, "Doublons de propositions (même soignant, même besoin) retirés", _one_match_per_caregiver_and_request),
    Upgrade(6, "Un soignant une seule fois par besoin, garanti par la base", _match_unique_key),
    Upgrade(7, "La langue choisie par chaque compte", lambda conn: conn.exec_driver_sql(
        "alter table team_member add column if not exists lang varchar")),
    Upgrade(8, "Une prochaine action peut être confiée à quelqu'un d'autre", lambda conn: [conn.exec_driver_sql(
        f"alter table {table} add column if not exists next_action_owner_id integer")
        for table in ("call", "mentoring_session")]),
    Upgrade(9, "Questions enregistrées de la console SQL", lambda conn: SQLModel.metadata.create_all(
        conn, tables=[models.SavedQuestion.__table__])),
    Upgrade(10, "Vérifications des RPPS dans l'Annuaire Santé", lambda conn: SQLModel.metadata.create_all(
        conn, tables=[models.RppsCheck.__table__])),
    Upgrade(11, "Où en est chaque soignant dans son parcours, tenu à jour plutôt que recalculé à chaque lecture",
            _caregiver_progress),
    Upgrade(12, "La fin de chaque étape d'une proposition, tenue à jour pour les durées par étape",
            _match_event_spans),
    Upgrade(13, "Critères impératifs ou de préférence d'un besoin ; états de conformité des propositions tirés des "
                "faits", _request_criteria_and_compliance_states),
    Upgrade(14, "« Première mission faite » suit les propositions terminées", _first_missions_follow_matches),
    Upgrade(15, "La prochaine action d'une séance de mentorat peut nommer le besoin qu'elle sert",
            lambda conn: conn.exec_driver_sql(
                "alter table mentoring_session add column if not exists request_id integer")),
    Upgrade(16, "Le nom comparé de chaque organisation ; les doublons probables mis de côté dans les notes",
            _organisation_name_keys),
    # Its own step: DuckDB creates no index in a transaction that updated rows.
    Upgrade(17, "Une organisation par nom dans la base", lambda conn: conn.exec_driver_sql(
        "create unique index if not exists organisation_name_key on organisation (name_key)")),
    Upgrade(18, "Une fiche fusionnée dans une autre (doublon) la désigne", lambda conn: [conn.exec_driver_sql(
        f"alter table {table} add column if not exists merged_into_id integer")
        for table in ("caregiver", "organisation")]),
    Upgrade(19, "Les documents générés pour une proposition (convention, dossier pour l'Ordre, lettre de mission) : "
                "lequel, quand, par qui, sur quelles conditions", lambda conn: SQLModel.metadata.create_all(
        conn, tables=[models.MatchDocument.__table__])),
    Upgrade(20, "Propositions par e-mail : langue du soignant, besoin confidentiel, modèles de l'équipe, e-mails au "
                "journal des appels", _proposals_by_email),
    Upgrade(21, "Résumé du jour par e-mail à chaque membre (désactivable), un seul par jour", _daily_digest),
    Upgrade(22, "Séances d'atelier ou d'entretiens : invitations d'agenda envoyées, présence et retours",
            _workshop_sessions),
    Upgrade(23, "Paires écartées de la liste des doublons possibles (homonymes)",
            lambda conn: SQLModel.metadata.create_all(conn, tables=[models.DistinctPair.__table__])),
    Upgrade(24, "Un contact fusionné dans un autre (le même, deux fois sur une organisation) le désigne",
            lambda conn: conn.exec_driver_sql("alter table contact add column if not exists merged_into_id integer")),
)


def current_version(conn: Connection) -> int:
    exists = conn.exec_driver_sql(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).scalar()
    if not exists:
        return 0
    return conn.exec_driver_sql("select coalesce(max(version), 0) from schema_version").scalar() or 0


def upgrade(engine: Engine, steps: Sequence[Upgrade] = UPGRADES) -> list[int]:
    """Bring the store to the last step; returns the versions applied now."""
    known = steps[-1].version if steps else 0
    with engine.connect() as conn:
        found = current_version(conn)
    if found > known:
        raise db.StoreTooNew(found, known)
    applied = []
    for step in steps:
        if step.version <= found:
            continue
        with engine.begin() as conn:
            step.apply(conn)
            # schema_version itself is created by step 1 like every other table.
            conn.execute(
                models.SchemaVersion.__table__.insert().values(
                    version=step.version, summary=step.summary, applied_at=models.utcnow()
                )
            )
        applied.append(step.version)
    return applied


def open_store(url: str | None = None) -> Engine:
    """The engine of a store brought up to date: what the app, the CLI, tests and benchmarks call."""
    engine = db.make_engine(url)
    upgrade(engine)
    return engine
