"""The one text search: every search box finds a caregiver by a name (accents and case ignored), an e-mail, an
RPPS, a postcode, or a phone typed any French way, metropolitan or overseas, whole or in part; the sidebar's box
finds organisations, contacts and requests too."""

from __future__ import annotations

import unicodedata

import pytest

from hyc import caregivers, organisations, privacy, reads, requests, search
from hyc.audit import Actor
from hyc.filters import CaregiverFilter, RequestFilter
from tests.conftest import TODAY, fetch

FOUNDER = Actor(1, "fondateur", "Claire Dubois")
PEOPLE = {
    "metropole": {"first_name": "Hélène", "last_name": "Ndiaye-Lefèvre", "email": "helene.ndiaye@exemple.fr",
                  "phone": "06 71 82 93 04", "postcode": "69003", "profession": "medecin", "rpps": "10001234565"},
    "reunion": {"first_name": "Jean-Marc", "last_name": "Payet", "email": "jm.payet@exemple.re",
                "phone": "0692 12 34 56", "postcode": "97400", "profession": "infirmier"},
}


@pytest.fixture
def people(engine):
    return {key: caregivers.create(engine, FOUNDER, data, today=TODAY)[0].id for key, data in PEOPLE.items()}


def found_by_each_search_box(engine, text: str) -> tuple[set[int], set[int]]:
    """The ids the call log's search and the talent pool's text filter find for the same text."""
    picked = set(search.find_caregivers(engine, text).id)
    pool = set(reads.pool.caregivers(engine, CaregiverFilter(text=text)).id)
    return picked, pool


@pytest.mark.parametrize("typed", [
    "06 71 82 93 04",  # as the app shows it
    "0671829304", "+33671829304", "+33 6 71 82 93 04", "0033 6 71 82 93 04", "06.71.82.93.04", "06-71-82-93-04",
    "71 82 93",  # a part of it
])
def test_a_metropolitan_phone_typed_any_way_finds_its_caregiver_in_every_search_box(engine, people, typed):
    picked, pool = found_by_each_search_box(engine, typed)
    assert people["metropole"] in picked and people["metropole"] in pool
    assert picked == pool


@pytest.mark.parametrize("typed", ["0692 12 34 56", "0692123456", "+262 692 12 34 56", "+262692123456"])
def test_an_overseas_phone_typed_the_french_way_finds_its_caregiver(engine, people, typed):
    picked, pool = found_by_each_search_box(engine, typed)
    assert picked == pool == {people["reunion"]}


@pytest.mark.parametrize("typed", ["helene", "HÉLÈNE", "ndiaye lefevre", "Ndiaye-Lefèvre", "hélène ndiaye",
                                   "helene.ndiaye@", "10001234", "69003"])
def test_a_name_an_email_an_rpps_or_a_postcode_finds_the_caregiver(engine, people, typed):
    picked, pool = found_by_each_search_box(engine, typed)
    assert people["metropole"] in picked and people["metropole"] in pool
    assert picked == pool


def test_every_word_typed_must_fit(engine, people):
    assert found_by_each_search_box(engine, "hélène payet") == (set(), set())


def test_a_whole_phone_finds_that_number_only_not_every_number_sharing_its_digits(engine, people):
    # Another person whose number holds the same eight last digits, under another prefix.
    other = caregivers.create(engine, FOUNDER, PEOPLE["metropole"] | {
        "email": "autre@exemple.fr", "phone": "07 71 82 93 04", "rpps": None}, today=TODAY)[0].id
    picked, pool = found_by_each_search_box(engine, "06 71 82 93 04")
    assert picked == pool == {people["metropole"]}
    assert other in found_by_each_search_box(engine, "71 82 93 04")[0]


def test_an_empty_search_keeps_everyone():
    assert search.caregiver_condition("   ") == ("true", [])


@pytest.mark.parametrize("typed", ["%", "_", ".", "+", "%%", "-", "@"])
def test_wildcards_and_bare_punctuation_find_nobody_in_particular(engine, people, typed):
    """Typed text is looked for as it is: "%" is not "anything"; punctuation alone filters nothing."""
    condition, _ = search.caregiver_condition(typed)
    assert condition == "true"
    assert search.find_caregivers(engine, typed).empty


def test_a_percent_sign_in_a_word_is_looked_for_literally(engine, people):
    assert found_by_each_search_box(engine, "hel%ne") == (set(), set())


def test_a_name_then_a_spaced_phone_finds_the_person(engine, people):
    picked, pool = found_by_each_search_box(engine, "Hélène 06 71 82 93 04")
    assert picked == pool == {people["metropole"]}


def test_the_personal_data_search_finds_archived_people_too(engine, people):
    caregivers.set_archived(engine, FOUNDER, people["reunion"], True)
    assert search.find_caregivers(engine, "payet").empty  # the call log's pick-list: the pool only
    found = search.find_caregivers(engine, "payet", archived=True)
    assert found.id.tolist() == [people["reunion"]] and found.archived.tolist() == [True]


# --- Every kind of record at once: the sidebar's search box ------------------------------------------------------

ORGANISATION = {"name": "Médilab Kerguelen", "kind": "medtech", "city": "Quimper",
                "website": "https://www.medilab-kerguelen.fr"}
CONTACTS = {
    "metropole": {"first_name": "Ysolde", "last_name": "Brannagh-Léon", "role": "CEO", "email": "ysolde.b@exemple.fr",
                  "phone": "06 71 82 93 04"},  # the same number as a caregiver's: each is found under its own kind
    "reunion": {"first_name": "Tiburce", "last_name": "Grondin", "role": "Responsable R&D",
                "phone": "+262 692 12 34 56"},
}
REQUEST = {"title": "Panel sur la xérostomie", "mission_type": "atelier", "professions": ["medecin"], "headcount": 3}


@pytest.fixture
def records(engine, people):
    """The two caregivers, an organisation with two contacts and a request: each record's key, by kind."""
    org = organisations.create(engine, FOUNDER, ORGANISATION).id
    contacts = {key: organisations.create_contact(engine, FOUNDER, org, data).id for key, data in CONTACTS.items()}
    request = requests.create(engine, FOUNDER, REQUEST | {"organisation_id": org})[0].id
    return {"caregiver": people, "organisation": {"org": org}, "contact": contacts, "request": {"request": request}}


def found_ids(engine, text: str, limit: int = search.EVERYTHING_LIMIT) -> dict[str, set[int]]:
    return {kind: set(found.rows.id) for kind, found in search.find_everything(engine, text, limit).items()}


def expected(records, **keys: tuple[str, ...]) -> dict[str, set[int]]:
    """The ids of the named records under their kind, every other kind empty."""
    return {kind: {records[kind][key] for key in keys.get(kind, ())} for kind in search.KINDS}


@pytest.mark.parametrize(("typed", "keys"), [
    # An organisation: its name (accents and case ignored), its city, its website; its request names it too.
    ("medilab kerg", {"organisation": ("org",), "request": ("request",)}),
    ("MÉDILAB", {"organisation": ("org",), "request": ("request",)}),
    ("Kerguelen", {"organisation": ("org",), "request": ("request",)}),
    ("quimper", {"organisation": ("org",)}),
    ("medilab-kerguelen.fr", {"organisation": ("org",)}),
    # A request: a word of its title, or of its title and its organisation's name.
    ("xerostomie", {"request": ("request",)}),
    ("XÉROSTOMIE", {"request": ("request",)}),
    ("xérostomie kerguelen", {"request": ("request",)}),
    # A contact: names and e-mail.
    ("ysolde", {"contact": ("metropole",)}),
    ("brannagh leon", {"contact": ("metropole",)}),
    ("Brannagh-Léon", {"contact": ("metropole",)}),
    ("ysolde.b@", {"contact": ("metropole",)}),
    ("tiburce grondin", {"contact": ("reunion",)}),
    # A caregiver: names, e-mail, RPPS.
    ("ndiaye", {"caregiver": ("metropole",)}),
    ("hélène NDIAYE-lefevre", {"caregiver": ("metropole",)}),
    ("helene.ndiaye@exemple", {"caregiver": ("metropole",)}),
    ("10001234565", {"caregiver": ("metropole",)}),
])
def test_each_kind_of_key_finds_its_record_under_its_kind_and_nothing_else(engine, records, typed, keys):
    assert found_ids(engine, typed) == expected(records, **keys)


@pytest.mark.parametrize("typed", [
    "06 71 82 93 04", "0671829304", "+33671829304", "+33 6 71 82 93 04", "0033 6 71 82 93 04", "06.71.82.93.04",
])
def test_a_metropolitan_phone_typed_any_way_finds_the_caregiver_and_the_contact_each_under_its_kind(
        engine, records, typed):
    assert found_ids(engine, typed) == expected(records, caregiver=("metropole",), contact=("metropole",))


@pytest.mark.parametrize("typed", ["0692 12 34 56", "0692123456", "+262 692 12 34 56", "+262692123456"])
def test_an_overseas_phone_typed_any_way_finds_the_caregiver_and_the_contact(engine, records, typed):
    assert found_ids(engine, typed) == expected(records, caregiver=("reunion",), contact=("reunion",))


def test_a_part_of_a_contacts_phone_finds_it_but_a_few_digits_never_pass_for_an_rpps_or_a_postcode(engine, records):
    for part in ("82 93 04", "06 71 82 93"):  # stored +33671829304: the national 0 is not in it
        assert records["contact"]["metropole"] in found_ids(engine, part)["contact"]
    # "69003" is the caregiver's postcode, "1000" the start of her RPPS: a contact has neither.
    assert found_ids(engine, "69003")["contact"] == found_ids(engine, "1000")["contact"] == set()
    assert records["caregiver"]["metropole"] in found_ids(engine, "69003")["caregiver"]


def test_the_same_text_finds_the_same_caregivers_as_the_other_search_boxes(engine, records):
    for typed in ("hélène", "06 71 82 93 04", "+262 692 12 34 56", "payet", "10001234565"):
        assert found_ids(engine, typed, limit=50)["caregiver"] == set(search.find_caregivers(engine, typed).id)


def test_each_row_says_what_to_open_and_what_to_show(engine, records):
    org = records["organisation"]["org"]
    rows = {kind: found.rows for kind, found in search.find_everything(engine, "06 71 82 93 04").items()}
    assert list(rows) == list(search.KINDS)
    assert all(list(frame.columns) == list(search.COLUMNS) for frame in rows.values())
    [caregiver] = rows["caregiver"].to_dict("records")
    assert (caregiver["id"], caregiver["label"], caregiver["code"], caregiver["detail"], caregiver["archived"]) == (
        records["caregiver"]["metropole"], "Hélène Ndiaye-Lefèvre", "medecin", "69003", False)
    [contact] = rows["contact"].to_dict("records")
    assert (contact["id"], contact["organisation_id"], contact["label"], contact["code"], contact["detail"]) == (
        records["contact"]["metropole"], org, "Ysolde Brannagh-Léon", None, "Médilab Kerguelen · CEO")
    [organisation] = search.find_everything(engine, "quimper")["organisation"].rows.to_dict("records")
    assert (organisation["id"], organisation["organisation_id"], organisation["label"], organisation["code"],
            organisation["detail"]) == (org, org, "Médilab Kerguelen", "medtech", "Quimper")
    [request] = search.find_everything(engine, "xérostomie")["request"].rows.to_dict("records")
    assert (request["id"], request["organisation_id"], request["label"], request["code"], request["detail"]) == (
        records["request"]["request"], org, "Panel sur la xérostomie", "nouvelle", "Médilab Kerguelen")


def test_archived_records_are_found_and_flagged(engine, records):
    caregivers.set_archived(engine, FOUNDER, records["caregiver"]["metropole"], True)
    requests.set_archived(engine, FOUNDER, records["request"]["request"], True)
    found = search.find_everything(engine, "06 71 82 93 04")
    assert found["caregiver"].rows.archived.tolist() == [True]
    assert found["contact"].rows.archived.tolist() == [False]
    assert search.find_everything(engine, "xérostomie")["request"].rows.archived.tolist() == [True]
    # A contact opens its organisation's record: an archived organisation's contacts say so too.
    organisations.set_archived(engine, FOUNDER, "organisation", records["organisation"]["org"], True)
    found = search.find_everything(engine, "kerguelen ysolde tiburce 06 71 82 93 04")  # every word must fit: nothing
    assert all(f.total == 0 for f in found.values())
    assert search.find_everything(engine, "quimper")["organisation"].rows.archived.tolist() == [True]
    assert search.find_everything(engine, "ysolde")["contact"].rows.archived.tolist() == [True]


def test_an_erased_caregiver_is_never_found(engine, records):
    erased = records["caregiver"]["metropole"]
    privacy.erase(engine, FOUNDER, erased)
    # The row is still there, under the name erasure gives it.
    assert fetch(engine, "select first_name, last_name from caregiver where id = ? and erased_at is not null",
                 erased) == [("Personne", f"effacée n° {erased}")]
    for typed in ("personne effacée", f"effacee n° {erased}", "Personne"):
        assert erased not in found_ids(engine, typed, limit=1000)["caregiver"]


# The ligatures the demo data or these tests may hold, written out as a reader would.
WRITTEN_OUT = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold(text: str | None) -> str:
    """Lower case without accents, ligatures written out, as a reader compares (computed here independently of
    DuckDB's functions and of hyc.text)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", (text or "").lower().translate(WRITTEN_OUT))
                   if not unicodedata.combining(ch))


@pytest.mark.parametrize(("kind", "word", "query"), [
    ("caregiver", "mar", "select id, first_name, last_name, email from caregiver where erased_at is null"),
    ("organisation", "en", "select id, name, city, website from organisation"),
    ("contact", "mar", "select id, first_name, last_name, email from contact"),
    ("request", "conseil",
     "select r.id, r.title, o.name from request r join organisation o on o.id = r.organisation_id"),
])
def test_the_total_counts_every_match_when_more_are_found_than_shown(engine, records, kind, word, query):
    matching = {row[0] for row in fetch(engine, query) if any(word in fold(value) for value in row[1:])}
    assert len(matching) > search.EVERYTHING_LIMIT  # or the test would prove nothing
    found = search.find_everything(engine, word)[kind]
    assert found.total == len(matching)
    assert len(found.rows) == search.EVERYTHING_LIMIT and set(found.rows.id) <= matching


def test_names_that_begin_as_typed_come_first_and_the_order_never_varies(engine, records):
    inside = organisations.create(engine, FOUNDER, ORGANISATION | {"name": "Bio Kerguelen"}).id
    begins = organisations.create(engine, FOUNDER, ORGANISATION | {"name": "Kerguelen Santé"}).id
    first = search.find_everything(engine, "kerguelen")["organisation"].rows.id.tolist()
    # Begins with the word first; then alphabetical ("Bio …" before "Médilab …").
    assert first == [begins, inside, records["organisation"]["org"]]
    again = search.find_everything(engine, "kerguelen")
    assert again["organisation"].rows.id.tolist() == first
    assert search.find_everything(engine, "kerguelen", limit=1)["organisation"].rows.id.tolist() == [begins]


@pytest.mark.parametrize("typed", ["", "   ", "%", "_", "%%", ".", "+", "-", "@", "__%"])
def test_blank_or_punctuation_finds_nothing_at_all(engine, records, typed):
    found = search.find_everything(engine, typed)
    assert list(found) == list(search.KINDS)
    assert all(f.total == 0 and f.rows.empty and list(f.rows.columns) == list(search.COLUMNS)
               for f in found.values())


def test_a_percent_sign_or_an_underscore_in_a_word_finds_only_itself(engine, records):
    percent = organisations.create(engine, FOUNDER, ORGANISATION | {"name": "Kerguelen 100% Santé"}).id
    assert found_ids(engine, "100%")["organisation"] == {percent}
    assert found_ids(engine, "1_0%")["organisation"] == found_ids(engine, "Kerguelen_")["organisation"] == set()
    # (Among a caregiver's digits, punctuation is only a separator: "1_0%" is the start of an RPPS, "10".)
    assert found_ids(engine, "hel%ne") == found_ids(engine, "k_rguelen") == expected(records)


def test_a_pasted_paragraph_looks_for_its_first_words_only():
    """Each word scans every name: what is typed is cut to its first distinct words, not run word by word."""
    pasted = " ".join(f"mot{i}x" for i in range(2000))
    condition, params = search.caregiver_condition(pasted)
    assert len(params) == search.MAX_WORDS * 3  # each word looked for in first name, last name and e-mail
    assert search.caregiver_condition("dupont " * 50)[1] == ["dupont"] * 3


# --- Ligatures fold like accents (hyc.text) ------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "kind"), [
    ("coeur", "organisation"), ("COEUR", "organisation"), ("Cœur", "organisation"),
    ("laetitia", "contact"), ("Lætitia", "contact"),
    ("strasse", "request"), ("Straße", "request"), ("STRASSE", "request"),
])
def test_a_ligature_is_found_written_out_and_written_out_is_found_by_the_ligature(engine, typed, kind):
    """"coeur" finds "Cœur" and "Cœur" finds "Coeur": both are stored, and both are found by either spelling."""
    with_ligature = organisations.create(engine, FOUNDER, ORGANISATION | {"name": "Cœur Santé", "city": "Brest"}).id
    written_out = organisations.create(engine, FOUNDER, ORGANISATION | {"name": "Coeur Data", "city": "Brest"}).id
    contacts = {organisations.create_contact(engine, FOUNDER, org, {"first_name": first, "last_name": "Quéméner"}).id
                for org, first in ((with_ligature, "Lætitia"), (written_out, "Laetitia"))}
    wanted = {requests.create(engine, FOUNDER, REQUEST | {"organisation_id": org, "title": title})[0].id
              for org, title in ((with_ligature, "Atelier Straße"), (written_out, "Atelier Strasse"))}
    expected_ids = {"organisation": {with_ligature, written_out}, "contact": contacts, "request": wanted}[kind]
    assert set(search.find_everything(engine, typed, limit=50)[kind].rows.id) >= expected_ids


def test_a_caregiver_named_with_a_ligature_is_found_in_every_search_box(engine):
    person = caregivers.create(engine, FOUNDER, {"first_name": "Lætitia", "last_name": "Cœurderoy",
                                                 "email": "lc@exemple.fr", "profession": "infirmier"},
                               today=TODAY)[0].id
    for typed in ("laetitia coeurderoy", "LAETITIA", "Cœurderoy", "coeur"):
        picked, pool = found_by_each_search_box(engine, typed)
        assert person in picked and person in pool
        assert person in found_ids(engine, typed, limit=50)["caregiver"]


def test_a_caregivers_result_says_profession_and_specialty(engine):
    gp = caregivers.create(engine, FOUNDER, {"first_name": "Ysaline", "last_name": "Kerbrat", "email": "yk1@ex.fr",
                                             "profession": "medecin", "specialty": "medecine_generale"},
                           today=TODAY)[0].id
    cardio = caregivers.create(engine, FOUNDER, {"first_name": "Ysaline", "last_name": "Kerbrat",
                                                 "email": "yk2@ex.fr", "profession": "medecin",
                                                 "specialty": "cardiologie"}, today=TODAY)[0].id
    rows = search.find_everything(engine, "ysaline kerbrat")["caregiver"].rows.set_index("id")
    assert rows.loc[gp, "specialty"] == "medecine_generale" and rows.loc[cardio, "specialty"] == "cardiologie"
    assert rows.loc[gp, "code"] == rows.loc[cardio, "code"] == "medecin"
    assert search.find_everything(engine, "ysaline")["organisation"].rows.specialty.isna().all()


# --- The requests' text condition: the search box's and the Requests page's ------------------------------------


def test_a_requests_description_and_its_contacts_name_find_it(engine, records):
    org = records["organisation"]["org"]
    contact = records["contact"]["metropole"]
    described = requests.create(engine, FOUNDER, REQUEST | {
        "organisation_id": org, "contact_id": contact, "title": "Revue de protocole",
        "description": "Relire un protocole d'œdème pulmonaire"})[0].id
    for typed in ("oedeme pulmonaire", "ysolde protocole", "BRANNAGH revue", "kerguelen oedeme"):
        assert set(reads.requests.requests(engine, RequestFilter(text=typed), TODAY, limit=None).id) == {described}
        # The search box, run at each key typed, leaves descriptions to the Requests page.
        in_box = {described} if "oedeme" not in typed else set()
        assert found_ids(engine, typed, limit=50)["request"] == in_box, typed


def test_the_requests_text_filter_keeps_what_the_search_box_counts(engine):
    """The search box's "see all" for requests leads to the Requests page with this filter: the page lists every
    request the box counted (archived ones aside: the page never lists them), and those whose description says the
    word; computed here word by word."""
    rows = fetch(engine, """
        select r.id, r.archived, r.title, o.name, k.first_name, k.last_name, r.description
        from request r join organisation o on o.id = r.organisation_id left join contact k on k.id = r.contact_id""")
    by_description = 0
    # One word, and two (each column is then folded once for both words: hyc.search.searched).
    for typed in ("atelier", "sante", "conseil", "maquettes", "livrable", "atelier sante", "conseil sante"):
        words = typed.split()
        in_box = {row[0] for row in rows if all(any(w in fold(v) for v in row[2:6]) for w in words)}
        on_page = {row[0] for row in rows if all(any(w in fold(v) for v in row[2:]) for w in words) and not row[1]}
        assert in_box or on_page, typed  # or the test proves nothing
        assert search.find_everything(engine, typed)["request"].total == len(in_box)
        listed = reads.requests.requests(engine, RequestFilter(text=typed), TODAY, limit=None)
        assert set(listed.id) == on_page
        by_description += len(on_page - in_box)
    assert by_description  # some were found by their description alone
