"""The one caregiver search: every search box finds a person by a name (accents and case ignored), an e-mail,
an RPPS, a postcode, or a phone typed any French way, metropolitan or overseas, whole or in part."""

from __future__ import annotations

import pytest

from hyc import caregivers, reads, search
from hyc.audit import Actor
from hyc.filters import CaregiverFilter
from tests.conftest import TODAY

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
