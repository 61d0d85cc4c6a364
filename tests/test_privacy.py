"""Personal-data duties: the subject-access export, physical erasure, the objection list, the review list."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from hyc import audit, caregivers, console, db, imports, matches, mentoring, models, privacy, reads, schema, validation
from hyc.audit import Actor
from hyc.calls import Part, log_call
from tests.conftest import TODAY, fetch

FOUNDER = Actor(1, "fondateur", "Claire Dubois")
MENTOR = Actor(4, "mentor", "Sophie Laurent")
NOW = datetime(2026, 11, 23, 10, 0)
# A person whose every identifying value is unique in the store, so that a search for it means something.
PERSON = {"first_name": "Eulalie", "last_name": "Zwartkruis", "email": "eulalie.zwartkruis@exemple.fr",
          "phone": "07 81 23 45 67", "postcode": "29200", "profession": "medecin", "specialty": "cardiologie",
          "rpps": "10003456786", "notes": "Préfère Zwartkruis-Lemoine pour les contrats", "expected_day_rate": 850}
E164 = "+33781234567"


@pytest.fixture
def store(engine, store_path):
    return engine, store_path


def person_with_history(engine) -> int:
    """The person, created by an intake call, then edited, mentored and put on a request at a health company."""
    logged = log_call(engine, MENTOR, {"occurred_at": NOW - timedelta(days=3), "member_id": 4,
                                       "kind": "accueil_soignant", "summary": "Eulalie Zwartkruis rappelle lundi"},
                      now=NOW, today=TODAY, caregiver=Part(data=PERSON))
    caregiver_id = logged.call.caregiver_id
    caregivers.update(engine, MENTOR, caregiver_id, PERSON | {"availability_days_per_month": 3},
                      expected_version=1, today=TODAY)
    mentoring.log_session(engine, MENTOR, {"caregiver_id": caregiver_id, "mentor_id": 4, "occurred_at": NOW,
                                           "topics": ["tarif"], "notes": "Zwartkruis : micro-entreprise"}, now=NOW)
    request_id = fetch(engine, "select min(id) from request where status = 'en_recherche' "
                               "and list_contains(string_split(professions, ','), 'medecin')")[0][0]
    matches.add_candidates(engine, FOUNDER, request_id, [caregiver_id])
    # A founder's saved console question names her too.
    console.save_question(engine, FOUNDER, f"Suivi {PERSON['last_name']}",
                          f"select * from caregiver where email = '{PERSON['email']}' or rpps = '{PERSON['rpps']}'")
    return caregiver_id


def text_columns(engine) -> list[tuple[str, str]]:
    return fetch(engine, """select table_name, column_name from information_schema.columns
                            where data_type = 'VARCHAR' and table_schema = 'main'""")


def holding(engine, value: str) -> list[str]:
    """Every table.column whose text holds `value` (case-insensitive)."""
    found = []
    for table, column in text_columns(engine):
        n = fetch(engine, f'select count(*) from "{table}" where "{column}" ilike ?', f"%{value}%")[0][0]
        if n:
            found.append(f"{table}.{column}")
    return found


def test_the_export_holds_every_row_about_the_person(store):
    engine, _ = store
    caregiver_id = person_with_history(engine)
    archive = zipfile.ZipFile(io.BytesIO(privacy.export(engine, FOUNDER, caregiver_id)))
    data = json.loads(archive.read("donnees.json"))
    # Every row that points at the person, counted independently of the export.
    expected = {
        "caregiver": 1,
        "onboarding_step": fetch(engine, "select count(*) from onboarding_step where caregiver_id = ?",
                                 caregiver_id)[0][0],
        "call": 1, "mentoring_session": 1, "match": 1, "match_event": 1,
    }
    for table, n in expected.items():
        assert len(data[table]) == n, table
        csv_rows = pd.read_csv(io.BytesIO(archive.read(f"{table}.csv")))
        assert len(csv_rows) == n, table
    assert data["caregiver"][0]["email"] == PERSON["email"] and data["caregiver"][0]["phone"] == E164
    entities = {(e["entity"], e["action"]) for e in data["audit_event"]}
    assert {("caregiver", "create"), ("caregiver", "update"), ("call", "create"), ("mentoring_session", "create"),
            ("match", "create")} <= entities
    # The export itself is in the audit trail.
    assert fetch(engine, "select count(*) from audit_event where action = 'export' and entity_id = ?",
                 caregiver_id) == [(1,)]


def test_only_a_founder_exports_or_erases(store):
    engine, _ = store
    before = db.table_counts(engine)
    for write in (lambda: privacy.export(engine, MENTOR, 1), lambda: privacy.erase(engine, MENTOR, 1)):
        with pytest.raises(audit.PermissionDenied):
            write()
    assert db.table_counts(engine) == before


def test_erasure_leaves_no_copy_in_any_table_nor_in_the_file(store):
    engine, path = store
    caregiver_id = person_with_history(engine)
    values = [PERSON["email"], E164, PERSON["first_name"], PERSON["last_name"], PERSON["rpps"]]
    # Before: the values are in the tables, the audit trail included, and in the file's blocks once written
    # there (the test can fail).
    assert "audit_event.after" in holding(engine, PERSON["last_name"])
    fetch(engine, "checkpoint")
    assert all(value.encode() in Path(path).read_bytes() for value in values)
    rate_before = fetch(engine, "select expected_day_rate, profession, region from caregiver where id = ?",
                        caregiver_id)
    counts_before = db.table_counts(engine)
    privacy.erase(engine, FOUNDER, caregiver_id)
    for value in values:
        assert holding(engine, value) == [], value
    # The statistics keep their counts and figures.
    assert fetch(engine, "select expected_day_rate, profession, region from caregiver where id = ?",
                 caregiver_id) == rate_before
    after = db.table_counts(engine)
    # Two audit events: the erasure, and the rewrite of the file that made it physical.
    assert {k: after[k] - counts_before[k] for k in after if after[k] != counts_before[k]} == {"audit_event": 2}
    assert [r[0] for r in fetch(engine, "select action from audit_event order by id desc limit 2")] == [
        "rewrite", "effacement"]
    # Physical: the rewritten file's bytes hold none of them.
    engine.dispose()
    raw = Path(path).read_bytes()
    for value in values:
        assert value.encode() not in raw, value
    wal = Path(f"{path}.wal")
    assert not wal.exists() or all(value.encode() not in wal.read_bytes() for value in values)


def test_the_store_works_on_after_the_rewrite(store):
    engine, _ = store
    caregiver_id = person_with_history(engine)
    privacy.erase(engine, FOUNDER, caregiver_id)
    created, _ = caregivers.create(engine, FOUNDER, PERSON | {"email": "autre.personne@exemple.fr", "phone": None,
                                                              "rpps": None}, today=TODAY)
    assert created.id > caregiver_id  # sequences carried over by the rewrite
    assert fetch(engine, "select erased_at is not null, archived from caregiver where id = ?", caregiver_id) == [
        (True, True)]


@pytest.mark.parametrize("field", ["email", "phone", "rpps"])
def test_an_erased_person_is_never_created_again(store, field):
    engine, _ = store
    caregiver_id = person_with_history(engine)
    privacy.erase(engine, FOUNDER, caregiver_id, reason="opposition")
    others = {"email": "nouvelle.adresse@exemple.fr", "phone": "06 11 22 33 44", "rpps": None}
    comeback = PERSON | {k: v for k, v in others.items() if k != field}
    if field == "phone":
        comeback["phone"] = "+33 7 81 23 45 67"  # written otherwise, the same number
    if field == "rpps":
        comeback["rpps"] = "".join(chr(0x0660 + int(d)) for d in PERSON["rpps"])  # in Arabic-Indic digits
    before = db.table_counts(engine)
    with pytest.raises(privacy.Objected):
        caregivers.create(engine, MENTOR, comeback, today=TODAY)
    with pytest.raises(privacy.Objected):
        log_call(engine, MENTOR, {"occurred_at": NOW, "member_id": 4, "kind": "accueil_soignant"}, now=NOW,
                 today=TODAY, caregiver=Part(data=comeback))
    assert db.table_counts(engine) == before
    assert fetch(engine, "select reason from objection") == [("opposition",)]


def test_the_review_list_holds_those_without_contact_for_the_retention_period(store):
    engine, _ = store
    today = date(2029, 11, 23)  # three years on, with no new contact: some fall due
    review = reads.admin.review_list(engine, today, 3)
    last = pd.DataFrame(fetch(engine, """
        select c.id, max(t) from caregiver c, lateral (
            select c.created_at as t union all select occurred_at from call where caregiver_id = c.id
            union all select occurred_at from mentoring_session where caregiver_id = c.id
            union all select e.occurred_at from match_event e join match m on m.id = e.match_id
                      where m.caregiver_id = c.id) where c.erased_at is null group by c.id"""),
                        columns=["id", "last"])
    expected = set(last[last["last"] < pd.Timestamp(today) - pd.DateOffset(years=3)].id)
    assert set(review.id) == expected and expected


def test_an_erased_person_can_be_neither_edited_nor_restored(store):
    engine, _ = store
    caregiver_id = person_with_history(engine)
    privacy.erase(engine, FOUNDER, caregiver_id)
    for write in (lambda: caregivers.update(engine, FOUNDER, caregiver_id, PERSON | {"email": "x@exemple.fr",
                                                                                      "phone": None, "rpps": None},
                                            expected_version=3, today=TODAY),
                  lambda: caregivers.set_archived(engine, FOUNDER, caregiver_id, False)):
        with pytest.raises(audit.WriteError, match="effacée à sa demande"):
            write()
    # Nor can another caregiver take the erased person's e-mail.
    other = fetch(engine, "select min(id) from caregiver where erased_at is null and email is not null")[0][0]
    row = fetch(engine, f"select {', '.join(caregivers.FIELDS)}, row_version from caregiver where id = ?", other)[0]
    values = dict(zip(caregivers.FIELDS, row[:-1], strict=True)) | {"email": PERSON["email"]}
    values["mission_types"] = (values["mission_types"] or "").split(",") if values["mission_types"] else []
    with pytest.raises(privacy.Objected):
        caregivers.update(engine, FOUNDER, other, values, expected_version=row[-1], today=TODAY)


# --- Erasure reaches every free text that names the person (issue 9) -----------------------------------------

def name_them_elsewhere(engine, caregiver_id: int) -> dict[str, int]:
    """Other records whose free text names the person, each in another way of writing it."""
    org_id, contact_id = fetch(engine, "select organisation_id, id from contact order by id limit 1")[0]
    call = log_call(engine, FOUNDER, {
        "occurred_at": NOW - timedelta(hours=2), "member_id": 1, "kind": "qualification_besoin",
        "summary": "Ils veulent Eulalie Zwartkruis (07.81.23.45.67, EULALIE.ZWARTKRUIS@exemple.fr) pour un atelier"},
        now=NOW, today=TODAY, organisation=Part(id=org_id), contact=Part(id=contact_id))
    request_id = fetch(engine, "select request_id from match where caregiver_id = ?", caregiver_id)[0][0]
    [(version,)] = fetch(engine, "select row_version from request where id = ?", request_id)
    from hyc import requests as request_writes
    request_writes.update(engine, FOUNDER, request_id, {
        "description": "Penser au Dr ZWARTKRUIS, RPPS 100 034 567 86, joignable au +33 7 81 23 45 67"},
        expected_version=version)
    other_match = fetch(engine, "select id, row_version from match where caregiver_id <> ? order by id limit 1",
                        caregiver_id)[0]
    # Feedback has no form yet: written as the store holds it.
    fetch(engine, "update match set client_feedback = 'Aussi bien que Zwartkruis, un petit prix' where id = ?",
          other_match[0])
    other = fetch(engine, "select id, row_version from caregiver where id <> ? and erased_at is null "
                          "order by id limit 1", caregiver_id)[0]
    caregivers.update(engine, FOUNDER, other[0], {"notes": "Recommandée par eulalie zwartkruis, 0781234567"},
                      expected_version=other[1], today=TODAY)
    return {"call": call.call.id, "request": request_id, "match": other_match[0], "caregiver": other[0]}


def test_erasure_replaces_the_person_in_every_free_text_that_names_them_and_keeps_the_rest(store):
    engine, path = store
    caregiver_id = person_with_history(engine)
    elsewhere = name_them_elsewhere(engine, caregiver_id)
    values = [PERSON["email"], "Zwartkruis", "zwartkruis", "ZWARTKRUIS", "07.81.23.45.67", "0781234567",
              "+33 7 81 23 45 67", "100 034 567 86", E164, PERSON["rpps"]]
    assert all(holding(engine, v) for v in values[:3])  # the test can fail
    plan = privacy.erasure_plan(engine, caregiver_id)
    planned = {(c.table, c.row_id, c.column) for c in plan}
    assert {("call", elsewhere["call"], "summary"), ("request", elsewhere["request"], "description"),
            ("match", elsewhere["match"], "client_feedback"), ("caregiver", elsewhere["caregiver"], "notes")} <= planned
    assert any(table == "audit_event" for table, _, _ in planned)  # the audit copies of those texts
    changed = privacy.erase(engine, FOUNDER, caregiver_id)
    assert {(c.table, c.row_id, c.column) for c in changed} == planned
    for value in values:
        assert holding(engine, value) == [], value
    # The rest of each text stays, and the words that only look like a name too.
    assert fetch(engine, "select summary from call where id = ?", elsewhere["call"]) == [
        ("Ils veulent [effacé] ([effacé], [effacé]) pour un atelier",)]
    assert fetch(engine, "select client_feedback from match where id = ?", elsewhere["match"]) == [
        ("Aussi bien que [effacé], un petit prix",)]
    assert fetch(engine, "select notes from caregiver where id = ?", elsewhere["caregiver"]) == [
        ("Recommandée par [effacé], [effacé]",)]
    # Every audit copy is still JSON.
    for (after,) in fetch(engine, "select after from audit_event where after is not null"):
        json.loads(after)
    # And the file's bytes hold none of it.
    engine.dispose()
    raw = Path(path).read_bytes()
    for value in (PERSON["email"], "Zwartkruis", "ZWARTKRUIS", "07.81.23.45.67", "+33 7 81 23 45 67"):
        assert value.encode() not in raw, value


def test_the_plan_changes_nothing(store):
    engine, _ = store
    caregiver_id = person_with_history(engine)
    name_them_elsewhere(engine, caregiver_id)
    snapshot = {table: fetch(engine, f"select * from {table} order by 1") for table in ("call", "request", "caregiver")}
    assert privacy.erasure_plan(engine, caregiver_id)
    assert {table: fetch(engine, f"select * from {table} order by 1") for table in snapshot} == snapshot


def test_a_last_name_that_is_also_a_word_is_replaced_only_where_written_as_a_name(store):
    engine, _ = store
    caregiver, _ = caregivers.create(engine, FOUNDER, {"first_name": "Jeanne", "last_name": "Petit",
                                                       "email": "jeanne.petit.9@exemple.fr", "profession": "infirmier"},
                                     today=TODAY)
    other = fetch(engine, "select id, row_version from caregiver where id <> ? order by id limit 1", caregiver.id)[0]
    caregivers.update(engine, FOUNDER, other[0], {"notes": "Un petit atelier avec Mme Petit, puis PETIT seule"},
                      expected_version=other[1], today=TODAY)
    privacy.erase(engine, FOUNDER, caregiver.id)
    assert fetch(engine, "select notes from caregiver where id = ?", other[0]) == [
        ("Un petit atelier avec Mme [effacé], puis [effacé] seule",)]


@pytest.mark.parametrize(("e164", "written"), [
    ("+33612345678", ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78",
                      "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78", "06/12/34/56/78",
                      "06  12  34  56  78", "06–12–34–56–78", "+33.6.12.34.56.78", "+33-6-12-34-56-78",
                      "(+33) 6 12 34 56 78", "06\u00a012\u00a034\u00a056\u00a078"]),
    ("+262692123456", ["0692 12 34 56", "0692123456", "+262 692 12 34 56", "00262692123456"]),
    ("+508412345", ["+508 41 23 45", "00508 41 23 45"]),
])
def test_a_phone_is_found_in_every_way_of_writing_it(e164, written):
    person = privacy.Identity(1, "A", "B", None, e164, None)
    for text in written:
        clean, found = privacy._scrubbed(f"appeler le {text} demain", privacy.identifiers(person))
        assert (clean, found) == ("appeler le [effacé] demain", {"téléphone"}), text
    # A longer number that holds the same digits is another number.
    assert privacy._scrubbed("réf. 1206123456789", privacy.identifiers(person))[1] == set()


# --- A rewrite cut short is finished at the next start (issue 9) -------------------------------------------

CRASH_DURING_REWRITE = """
import os, sys
from hyc import privacy, schema
from hyc.audit import Actor
os.replace = lambda *args: os._exit(9)  # the machine stops between the copy and the swap
engine = schema.open_store(sys.argv[1])
privacy.erase(engine, Actor(1, "fondateur", "Claire Dubois"), int(sys.argv[2]))
"""


def test_a_rewrite_cut_short_between_the_copy_and_the_swap_is_finished_at_the_next_start(store):
    import subprocess
    import sys

    engine, path = store
    caregiver_id = person_with_history(engine)
    fetch(engine, "checkpoint")
    engine.dispose()
    ran = subprocess.run([sys.executable, "-c", CRASH_DURING_REWRITE, f"duckdb:///{path}", str(caregiver_id)],
                         cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 9, ran.stderr
    leftover = Path(f"{path}.rewrite")
    assert leftover.exists()  # the crash happened where it should: the test can fail
    assert PERSON["email"].encode() in Path(path).read_bytes()
    engine = schema.open_store(f"duckdb:///{path}")
    assert privacy.rewrite_pending(engine)
    assert privacy.finish_rewrite(engine) is True
    assert not privacy.rewrite_pending(engine) and not leftover.exists()
    assert privacy.finish_rewrite(engine) is False  # nothing left to do
    assert fetch(engine, "select erased_at is not null from caregiver where id = ?", caregiver_id) == [(True,)]
    engine.dispose()
    for value in (PERSON["email"], "Zwartkruis", PERSON["rpps"]):
        assert value.encode() not in Path(path).read_bytes(), value


def test_an_erasure_whose_rewrite_failed_stays_pending_until_a_rewrite_succeeds(store, monkeypatch):
    engine, _ = store
    caregiver_id = person_with_history(engine)

    def busy(_engine):
        raise db.StoreError("occupée")

    monkeypatch.setattr(db, "rewrite", busy)
    with pytest.raises(privacy.RewriteFailed):
        privacy.erase(engine, FOUNDER, caregiver_id)
    assert privacy.rewrite_pending(engine)
    assert privacy.finish_rewrite(engine) is False
    monkeypatch.undo()
    privacy.rewrite(engine, FOUNDER)
    assert not privacy.rewrite_pending(engine)


# String columns that hold no free text: codes of hyc.vocab, hashes, the identity of the record itself (the
# caregiver's own fields are emptied by erasure; a contact is another person), names of the team, the schema's
# own summaries. A new text column must be placed here or in models.FREE_TEXT, so that erasure keeps its promise.
NOT_FREE_TEXT = {
    "audit_event": {"action", "entity"},
    "call": {"kind", "outcome"},
    "caregiver": {"consent_method", "cumul_status", "departement", "digital_appetite", "email", "first_name",
                  "lang", "last_name", "lawful_basis", "legal_status", "mission_types", "phone", "postcode",
                  "practice_setting", "profession", "region", "rpps", "source", "specialty", "work_mode"},
    "contact": {"email", "first_name", "last_name", "phone"},
    # A pair said not to be one: which kind of record (the two are ids).
    "distinct_pair": {"entity"},
    "match": {"convention_status", "cumul_status", "exit_reason", "stage"},
    # A document generated: its kind, the regime and the terms' fingerprint (the file itself is never stored).
    "match_document": {"kind", "regime", "terms_fingerprint"},
    "match_event": {"reason", "stage"},
    # The team's e-mail templates: which one and its language (their subject and text are searched by erasure).
    "mail_template": {"kind", "lang"},
    "mentoring_session": {"topics"},
    "objection": {"email_hash", "phone_hash", "reason", "rpps_hash"},
    "onboarding_step": {"status", "step"},
    "caregiver_progress": {"stage"},
    "saved_question": {"kind"},
    # The directory's words, deleted with the person.
    "rpps_check": {"modes", "professions", "rpps", "specialties", "status"},
    "organisation": {"city", "kind", "name", "name_key", "region", "website"},  # name_key: the name, folded
    # A kept panel holds caregiver ids, not words; an erased caregiver is no longer eligible, so out of it.
    "request": {"digital_appetites", "mission_type", "panel", "priority", "professions", "region", "specialties",
                "status", "work_mode"},
    "request_event": {"status"},
    "schema_version": {"summary"},
    "sign_in_guard": {"address_hash"},
    "team_member": {"email", "full_name", "lang", "password_hash", "role"},
    "web_session": {"token_hash"},
    # A session's calendar UID, and what an invitation sent was (REQUEST or CANCEL); its place, its link and the
    # participants' feedback are searched by erasure (models.FREE_TEXT).
    "workshop_session": {"uid"},
    "workshop_invitation": {"method"},
}


def test_every_text_column_is_either_searched_by_erasure_or_known_to_hold_no_free_text(engine):
    found: dict[str, set[str]] = {}
    for table, column in text_columns(engine):
        found.setdefault(table, set()).add(column)
    expected = {table: NOT_FREE_TEXT.get(table, set()) | set(models.FREE_TEXT.get(table, ()))
                for table in found}
    assert found == expected


def test_the_last_name_alone_is_left_inside_another_known_name(store):
    """An organisation named after a family ("Pharma Zwartkruis"), a contact or a colleague with the same last
    name keep their names; the person's own mentions go."""
    engine, _ = store
    caregiver_id = person_with_history(engine)
    from hyc import organisations
    org = organisations.create(engine, FOUNDER, {"name": "Pharma Zwartkruis", "kind": "pme"})
    organisations.create_contact(engine, FOUNDER, org.id, {"first_name": "Joost", "last_name": "Zwartkruis",
                                                           "email": "joost@pharma-zwartkruis.nl"})
    other = fetch(engine, "select id, row_version from caregiver where id <> ? order by id limit 1", caregiver_id)[0]
    caregivers.update(engine, FOUNDER, other[0], {"notes": "Pharma Zwartkruis (Joost Zwartkruis) veut Zwartkruis"},
                      expected_version=other[1], today=TODAY)
    privacy.erase(engine, FOUNDER, caregiver_id)
    assert fetch(engine, "select notes from caregiver where id = ?", other[0]) == [
        ("Pharma Zwartkruis (Joost Zwartkruis) veut [effacé]",)]


def test_names_and_numbers_are_found_however_they_were_typed(store):
    """A curly apostrophe, no-break spaces, an RPPS in groups, a phone with slashes: all of it goes."""
    engine, path = store
    body = "1010101010"
    rpps = body + validation.luhn_key(body)
    caregiver, _ = caregivers.create(engine, FOUNDER, {
        "first_name": "Anne-Sophie", "last_name": "D'Almeida", "email": "as.dalmeida@exemple.fr",
        "phone": "06 71 23 45 67", "rpps": rpps, "profession": "medecin"}, today=TODAY)
    org_id = fetch(engine, "select min(id) from organisation")[0][0]
    texts = ["Appel avec Anne-Sophie D\u2019Almeida, rappeler au 06\u00a071\u00a023\u00a045\u00a067",
             f"RPPS : {rpps[0]} {rpps[1:5]} {rpps[5:8]} {rpps[8:]}", "Joindre au 06/71/23/45/67",
             "Voir avec Mme D\u2019ALMEIDA"]
    calls = [log_call(engine, FOUNDER, {"occurred_at": NOW, "member_id": 1, "kind": "autre", "summary": text},
                      now=NOW, today=TODAY, organisation=Part(id=org_id)).call.id for text in texts]
    assert {c.row_id for c in privacy.erasure_plan(engine, caregiver.id) if c.table == "call"} == set(calls)
    privacy.erase(engine, FOUNDER, caregiver.id)
    summaries = [s for (s,) in fetch(engine, f"select summary from call where id in ({', '.join(map(str, calls))}) "
                                             "order by id")]
    assert summaries == ["Appel avec [effacé], rappeler au [effacé]", "RPPS : [effacé]", "Joindre au [effacé]",
                         "Voir avec Mme [effacé]"]
    engine.dispose()
    raw = Path(path).read_bytes()
    for value in ("Almeida", "ALMEIDA", "06/71/23/45/67", rpps[1:5] + " " + rpps[5:8]):
        assert value.encode() not in raw, value


def test_the_audit_copies_of_a_namesake_or_a_contact_keep_their_own_names(store):
    engine, _ = store
    caregiver_id = person_with_history(engine)
    namesake, _ = caregivers.create(engine, FOUNDER, {"first_name": "Marie", "last_name": "Zwartkruis",
                                                      "email": "marie.z@exemple.fr", "profession": "infirmier"},
                                    today=TODAY)
    before = fetch(engine, "select after from audit_event where entity = 'caregiver' and entity_id = ?", namesake.id)
    privacy.erase(engine, FOUNDER, caregiver_id)
    assert fetch(engine, "select after from audit_event where entity = 'caregiver' and entity_id = ?",
                 namesake.id) == before
    assert fetch(engine, "select last_name from caregiver where id = ?", namesake.id) == [("Zwartkruis",)]


def test_erasure_takes_the_directory_s_word_on_their_rpps_with_it(store, tmp_path):
    from hyc import annuaire
    from tests.test_annuaire import extract_line, write_extract

    engine, _ = store
    caregiver_id = person_with_history(engine)
    extract = tmp_path / "extract.txt"
    write_extract(extract, [extract_line("8", PERSON["rpps"], "60", "Pédiatrie", "Salarié")])
    annuaire.check(engine, FOUNDER, extract, today=TODAY)
    annuaire.decide(engine, FOUNDER, caregiver_id, False, today=TODAY)
    assert "rpps_check.rpps" in holding(engine, PERSON["rpps"])
    assert len(privacy.person_rows(engine, caregiver_id)["rpps_check"]) == 1
    privacy.erase(engine, FOUNDER, caregiver_id)
    assert holding(engine, PERSON["rpps"]) == []
    assert fetch(engine, "select count(*) from rpps_check where caregiver_id = ?", caregiver_id) == [(0,)]


def test_erasure_reaches_a_console_query_s_text_and_an_import_s_file_name(store):
    """What a founder typed in the console and the name of a file imported are kept in the audit trail: both may
    name the person, and erasure reaches them, in the tables and in the file's bytes."""
    from tests.test_imports import ROWS, csv_file, sheet_of

    engine, path = store
    caregiver_id = person_with_history(engine)
    console.run(engine, FOUNDER, f"select id from caregiver where email = '{PERSON['email']}' "
                                 f"or last_name = '{PERSON['last_name']}' or phone = '{E164}'")
    sheet, fields = sheet_of(csv_file(ROWS[:1]))
    filename = f"rappels {PERSON['last_name']} {PERSON['phone']}.csv"
    imports.run(engine, FOUNDER, "caregivers", sheet, fields, today=TODAY, filename=filename, write=True,
                basis=imports.Basis("interet_legitime"))
    planted = fetch(engine, "select action, after from audit_event where action in ('query', 'import')")
    assert any(PERSON["email"] in after for action, after in planted if action == "query")  # the test can fail
    assert any(PERSON["phone"] in after for action, after in planted if action == "import")
    privacy.erase(engine, FOUNDER, caregiver_id)
    for value in (PERSON["email"], PERSON["last_name"], PERSON["phone"], E164):
        assert holding(engine, value) == [], value
    # The audit events stay, readable: the query and the file are still there, without the person.
    kept = dict(fetch(engine, "select action, after from audit_event where action in ('query', 'import')"))
    assert json.loads(kept["query"])["sql"].startswith("select id from caregiver where email = ")
    assert json.loads(kept["import"])["file"].startswith("rappels ")
    engine.dispose()
    raw = Path(path).read_bytes()
    for value in (PERSON["email"], PERSON["last_name"], PERSON["phone"], E164):
        assert value.encode() not in raw, value
