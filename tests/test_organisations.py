"""Writes on organisations and their contacts: a name never twice, what a bad input says."""


import pytest

from hyc import organisations
from hyc.calls import Part, log_call
from hyc.validation import FormInvalid
from tests.conftest import TODAY, fetch
from tests.helpers import (
    FOUNDER,
    NOW,
    VALID_CALL,
    VALID_CONTACT,
    VALID_ORGANISATION,
    assert_refused,
)


def test_an_organisation_name_is_unique_whatever_its_case(engine):
    organisations.create(engine, FOUNDER, VALID_ORGANISATION)
    with pytest.raises(FormInvalid) as refused:
        organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "CARDIOTECH"})
    assert refused.value.errors["name"] == "« Cardiotech » existe déjà : choisissez-la dans la liste."


BAD_ORGANISATIONS = [
    (lambda e: organisations.create(e, FOUNDER, VALID_ORGANISATION | {"kind": None}), "kind",
     "Ce champ est obligatoire."),
    (lambda e: organisations.create(e, FOUNDER, VALID_ORGANISATION | {"website": "cardiotech"}), "website",
     "Saisissez une adresse complète, par exemple https://www.exemple.fr."),
    (lambda e: organisations.create_contact(e, FOUNDER, 1, VALID_CONTACT | {"email": "marc@@x.fr"}), "email",
     "Cette adresse e-mail n'est pas valide."),
]


@pytest.mark.parametrize(("write", "field", "message"), BAD_ORGANISATIONS)
def test_bad_inputs_are_refused_with_their_message_and_nothing_written(engine, write, field, message):
    assert_refused(engine, write, field, message)


@pytest.mark.parametrize(("first", "second"), [
    ("Médilab", "MEDILAB SAS"), ("Pharma Zorglub", "Pharma-Zorglub"), ("Cœur & Co", "coeur"),
    ("Laboratoire Lætitia SARL", "laboratoire laetitia"), ("Straße GmbH", "strasse")])
def test_two_spellings_of_one_name_are_one_organisation(engine, first, second):
    organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": first})
    with pytest.raises(FormInvalid) as refused:
        organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": second})
    assert first in refused.value.errors["name"]


def test_distinct_names_stay_distinct_and_a_rename_cannot_take_another_s_name(engine):
    kept = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Médilab"})
    other = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Médilab Santé"})
    assert kept.id != other.id
    with pytest.raises(FormInvalid) as refused:
        organisations.update(engine, FOUNDER, other.id, {"name": "MEDILAB"}, expected_version=other.row_version)
    assert "Médilab" in refused.value.errors["name"]
    renamed = organisations.update(engine, FOUNDER, other.id, {"name": "Médilab Diagnostics"},
                                   expected_version=other.row_version)
    assert fetch(engine, "select name_key from organisation where id = ?", renamed.id) == [("medilab diagnostics",)]


def test_ten_qualification_calls_creating_one_organisation_at_once_make_one(engine):
    """The store keeps the name unique: the first call creates it, the nine others are told it exists."""
    from tests.test_caregivers import _at_once

    def call(_i: int):
        return log_call(engine, FOUNDER, VALID_CALL | {"kind": "qualification_besoin", "member_id": 1}, now=NOW,
                        today=TODAY, organisation=Part(data=VALID_ORGANISATION | {"name": "Organisation Course"}))

    results = _at_once(10, call)
    made = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, FormInvalid)]
    assert len(made) == 1 and len(refused) == 9, results
    assert all("Organisation Course" in next(iter(r.errors.values())) for r in refused)
    assert fetch(engine, "select count(*) from organisation where name_key = 'organisation course'") == [(1,)]


def test_the_upgrade_sets_a_near_duplicate_aside_with_a_note_and_the_store_then_refuses_a_third(tmp_path):
    """A store from before step 16 that holds one name twice (two spellings): the oldest keeps the name; the
    other is set aside with a note and an audit event; the unique key then holds."""
    import duckdb

    from hyc import schema

    path = tmp_path / "old.duckdb"
    engine = schema.open_store(f"duckdb:///{path}")
    first = organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Cardiotech"})
    engine.dispose()
    con = duckdb.connect(str(path))
    con.execute("drop index organisation_name_key")
    con.execute("""insert into organisation (id, name, kind, makes_health_products, archived, created_at, updated_at,
                                            row_version) values (?, 'CARDIOTECH SAS', 'startup', false, false,
                                            now(), now(), 1)""", [first.id + 1])
    con.execute("update organisation set name_key = null")
    con.execute("delete from schema_version where version >= 16")
    con.close()
    engine = schema.open_store(f"duckdb:///{path}")
    try:
        rows = fetch(engine, "select id, name_key, notes from organisation order by id")
        assert rows[0] == (first.id, "cardiotech", None)
        assert rows[1][1] is None and f"n° {first.id}" in rows[1][2]
        assert fetch(engine, "select count(*) from audit_event where entity = 'organisation' and entity_id = ? "
                             "and action = 'update'", first.id + 1) == [(1,)]
        with pytest.raises(FormInvalid):
            organisations.create(engine, FOUNDER, VALID_ORGANISATION | {"name": "Cardiotech."})
    finally:
        engine.dispose()
