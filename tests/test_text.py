"""The one text-folding rule (hyc.text): Python's `fold` and DuckDB's `fold_sql` agree, ligatures fold like
accents, and the search, the imports and the erasure all compare through it."""

from __future__ import annotations

import re

import duckdb
import pytest

from hyc import imports, privacy, text

TRICKY = [
    "Cœur", "CŒUR", "cœur", "coeur", "Lætitia", "LÆTITIA", "Straße", "STRASSE", "GROẞ", "Ĳssel", "ĳs",
    "ﬁchier", "ﬂeur", "eﬀet", "oﬃce", "ﬄux", "ﬅ", "ﬆop", "ǅemal", "Ǆ", "ǈ", "ǋ", "ǲ", "Ꜳ", "ꝏ", "Ꜩ", "ꝡ", "ᵫ",
    "Hélène Ndiaye-Lefèvre", "ÉLODIE", "Noël", "ça", "Ångström", "Øresund", "Łódź", "İstanbul", "ΟΔΟΣ", "Σίσυφος",
    "e\u0301", "Cafe\u0301", "x\u20dd", "①②", "x²", "ｆｕｌｌ", "™", "한국어", "日本語", "Ⅻ", "K", "ſ", "ŉ",
    "D’Almeida", "O'Neil", "100% Santé", "", " ", "\u00a0", "🙂", "a\u200db",
]


def test_python_and_duckdb_fold_every_tricky_string_alike():
    with duckdb.connect() as con:
        folded = dict(con.execute(f"select s, {text.fold_sql('s')} from unnest(?::varchar[]) t(s)",
                                  [TRICKY]).fetchall())
    assert {s: text.fold(s) for s in TRICKY} == folded


def test_python_and_duckdb_fold_every_latin_letter_alike():
    """Every character of the Latin blocks (and of their extensions), alone and inside a word."""
    latin = [chr(c) for blocks in ((0x00C0, 0x0250), (0x1E00, 0x1F00), (0x2C60, 0x2C80), (0xA720, 0xA800),
                                   (0xAB30, 0xAB70), (0xFB00, 0xFB07), (0x1D00, 0x1DC0)) for c in range(*blocks)]
    strings = latin + [f"A{ch}b" for ch in latin]
    with duckdb.connect() as con:
        folded = con.execute(f"select s, {text.fold_sql('s')} from unnest(?::varchar[]) t(s)", [strings]).fetchall()
    assert [(s, text.fold(s)) for s, _ in folded] == folded


@pytest.mark.parametrize(("typed", "stored"), [
    ("coeur", "Cœur"), ("Cœur", "coeur"), ("laetitia", "Lætitia"), ("LÆTITIA", "laetitia"), ("strasse", "Straße"),
    ("Straße", "STRASSE"), ("fichier", "ﬁchier"), ("ijssel", "Ĳssel"), ("helene", "Hélène"), ("HÉLÈNE", "helene"),
])
def test_a_ligature_folds_like_an_accent_both_ways(typed, stored):
    assert text.fold(typed) == text.fold(stored)


def test_the_sql_fold_knows_every_upper_case_ligature():
    """fold_sql replaces ligatures only in texts holding one: the list it looks for must hold every character whose
    lower case is a ligature."""
    uppers = {chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
              and chr(c) not in text.LIGATURES and any(ch in text.LIGATURES for ch in chr(c).lower())}
    assert uppers == set(text.UPPER_LIGATURES)


def test_folding_gives_letters_without_marks_in_lower_case():
    assert text.fold("Cœur Lætitia Straße Ĳssel ﬁchier Hélène") == "coeur laetitia strasse ijssel fichier helene"
    assert text.fold(None) == text.fold("") == ""
    # Each ligature written out in lower-case letters without marks.
    assert all(re.fullmatch("[a-z]+", letters) for letters in text.LIGATURES.values())


def test_the_forms_a_letter_may_be_written_in_keep_its_case():
    assert text.folded_forms("Œ") == ["Œ", "OE", "Oe"]
    assert text.folded_forms("œ") == ["œ", "oe"]
    assert text.folded_forms("é") == ["é", "e"]
    assert text.folded_forms("a") == ["a"]


def test_imports_read_headers_and_values_through_the_same_fold():
    assert imports.simplified("Nom de l'Œuvre") == "nom de l oeuvre"
    assert imports.simplified("N° RPPS") == "n rpps"
    assert imports.simplified("Prénom") == "prenom"


def test_erasure_finds_a_name_however_its_ligatures_and_accents_were_written():
    person = privacy.Identity(1, "Lætitia", "Cœurdevey", None, None, None)
    names = [pattern for kind, pattern in privacy.identifiers(person) if kind == "nom"]
    assert names and all(p.search(f"RDV avec {w} demain") for p in names
                         for w in ("Lætitia Cœurdevey", "Laetitia Coeurdevey", "LAETITIA COEURDEVEY",
                                   "Cœurdevey Laetitia"))
    alone = [pattern for kind, pattern in privacy.identifiers(person) if kind == privacy.LAST_NAME]
    assert alone and all(p.search(f"vu {w} hier") for p in alone for w in ("Coeurdevey", "COEURDEVEY", "Cœurdevey"))
    # Another name holding the letters is not the person.
    assert not any(p.search("vu Coeurdeveyson hier") for p in alone)


def test_erasure_finds_the_person_in_free_texts_written_with_or_without_the_ligature(engine):
    from datetime import datetime

    from hyc import caregivers
    from hyc.audit import Actor
    from hyc.calls import Part, log_call
    from tests.conftest import TODAY, fetch

    founder, now = Actor(1, "fondateur", "Claire Dubois"), datetime(2026, 11, 23, 10, 0)
    person, _ = caregivers.create(engine, founder, {"first_name": "Lætitia", "last_name": "Cœurdevey",
                                                    "email": "l.coeurdevey@exemple.fr", "profession": "medecin"},
                                  today=TODAY)
    org_id = fetch(engine, "select min(id) from organisation")[0][0]
    texts = ["Rappeler Laetitia Coeurdevey lundi", "Vu Mme COEURDEVEY", "Cœurdevey intéressée"]
    calls = [log_call(engine, founder, {"occurred_at": now, "member_id": 1, "kind": "autre", "summary": said},
                      now=now, today=TODAY, organisation=Part(id=org_id)).call.id for said in texts]
    assert {c.row_id for c in privacy.erasure_plan(engine, person.id) if c.table == "call"} == set(calls)
    privacy.erase(engine, founder, person.id)
    summaries = [s for (s,) in fetch(engine, f"select summary from call where id in ({', '.join(map(str, calls))}) "
                                             "order by id")]
    assert summaries == ["Rappeler [effacé] lundi", "Vu Mme [effacé]", "[effacé] intéressée"]
