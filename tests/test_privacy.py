"""Personal-data duties: the subject-access export, physical erasure, the objection list, the review list."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from hyc import audit, caregivers, db, matches, mentoring, metrics, privacy
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
    assert {k: after[k] - counts_before[k] for k in after if after[k] != counts_before[k]} == {"audit_event": 1}
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
    review = metrics.review_list(engine, today, 3)
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
