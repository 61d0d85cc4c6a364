"""The Requests page's text and specialty filters under AppTest, and the search box's "see all" for every kind of
record: each leads to its page filtered by the text typed. Expected figures are computed here from plain SQL."""

from __future__ import annotations

import re
import unicodedata

import pytest

from hyc import search, vocab
from tests.conftest import TODAY, t
from tests.pages.conftest import page, run_on

OPEN = "('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')"
WRITTEN_OUT = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold(text: str | None) -> str:
    """As a reader compares: lower case, no accents, ligatures written out (independent of hyc.text)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", (text or "").lower().translate(WRITTEN_OUT))
                   if not unicodedata.combining(ch))


def listed(at) -> int:
    """The number the page says above its table ("N besoins correspondent")."""
    said = next(c.value for c in at.caption if "besoins correspondent" in c.value)
    return int(re.sub(r"\D", "", said.split(" besoins")[0]))


def requests_found(sql, text: str, only_open: bool, archived: bool = False) -> set[int]:
    """Every request (not archived, unless `archived`) with each word of `text` in its title, description,
    organisation's name or contact's name."""
    rows = sql(f"""select r.id, r.title, r.description, o.name, k.first_name, k.last_name
                   from request r join organisation o on o.id = r.organisation_id
                   left join contact k on k.id = r.contact_id
                   where ({archived} or not r.archived) {f"and r.status in {OPEN}" if only_open else ""}""")
    return {row[0] for row in rows if all(any(fold(word) in fold(v) for v in row[1:]) for word in text.split())}


@pytest.mark.parametrize("typed", ["IMAGERIE", "atelier idéation", "Teleconsultation"])
def test_the_text_filter_comes_from_the_url_and_keeps_the_requests_its_words_name(on_demo, sql, typed):
    at = run_on(page("requests"), TODAY, text=typed)
    assert not at.exception
    expected = requests_found(sql, typed, only_open=True)
    assert expected  # or the test proves nothing
    assert listed(at) == len(expected)
    assert at.text_input(key="filter_widget.text").value == typed
    notice = next(c.value for c in at.caption if c.value.startswith(":material/filter_alt:"))
    assert f"« {typed} »" in notice


def test_the_text_filter_typed_is_remembered_and_written_in_the_url(on_demo, sql):
    at = run_on(page("requests"), TODAY)
    organisation = sql("select o.name from request r join organisation o on o.id = r.organisation_id "
                       f"where not r.archived and r.status in {OPEN} order by r.id limit 1")[0][0]
    at.text_input(key="filter_widget.text").input(organisation).run()
    assert at.query_params["text"] in (organisation, [organisation])
    assert listed(at) == len(requests_found(sql, organisation, only_open=True))


def test_the_specialty_filter_keeps_the_requests_asking_for_it(on_demo, sql):
    specialty = sql("select s from (select unnest(string_split(specialties, ',')) as s from request "
                    f"where not archived and status in {OPEN}) group by s order by count(*) desc, s limit 1")[0][0]
    at = run_on(page("requests"), TODAY, specialty=specialty)
    assert not at.exception
    expected = sql(f"select count(*) from request where not archived and status in {OPEN} "
                   "and list_contains(string_split(specialties, ','), ?)", [specialty])[0][0]
    assert expected and listed(at) == expected
    assert at.multiselect(key="filter_widget.specialty").value == [specialty]
    # Two specialties: the requests asking for either.
    other = next(code for code in vocab.SPECIALTIES.codes if code != specialty)
    at.multiselect(key="filter_widget.specialty").select(other).run()
    either = sql(f"select count(*) from request where not archived and status in {OPEN} and "
                 "len(list_intersect(string_split(specialties, ','), ?)) > 0", [[specialty, other]])[0][0]
    assert listed(at) == either
    assert sorted(at.query_params["specialty"]) == sorted([specialty, other])


def test_see_all_requests_opens_the_requests_page_filtered_by_the_text(on_demo, sql):
    at = run_on(page("overview"), TODAY)
    at.text_input(key="search.q").input("atelier").run()
    total = len(requests_found(sql, "atelier", only_open=False))
    button = at.button(key="search.all.request")
    # The box counts archived requests too (found, and said so); the page never lists them.
    assert button.label == t("search.all_requests", n=len(requests_found(sql, "atelier", False, archived=True)))
    button.click().run()
    assert not at.exception
    assert at.title[0].value == t("requests.title")
    assert at.text_input(key="filter_widget.text").value == "atelier"
    assert at.toggle(key="filter_widget.open").value is False  # closed requests are found too
    assert listed(at) == total


@pytest.mark.parametrize(("kind", "column"), [("organisation", "o.name"), ("contact", "k.last_name")])
def test_see_all_organisations_or_contacts_opens_the_requests_page_filtered_by_the_text(on_demo, sql, kind, column):
    """The app lists organisations and contacts nowhere else: their "see all" leads to the requests they hold."""
    table = "organisation o" if kind == "organisation" else "contact k"
    # Three letters found in more organisations' (or contacts') names than the search box shows.
    names = [fold(name) for (name,) in sql(f"select {column} from {table}")]
    parts = {name[i:i + 3] for name in names for i in range(len(name) - 2) if name[i:i + 3].isalpha()}
    word = min(parts, key=lambda part: (-sum(part in name for name in names), part))
    assert sum(word in name for name in names) > search.EVERYTHING_LIMIT
    at = run_on(page("overview"), TODAY)
    at.text_input(key="search.q").input(word).run()
    at.button(key=f"search.all.{kind}").click().run()
    assert not at.exception
    assert at.title[0].value == t("requests.title")
    assert at.text_input(key="filter_widget.text").value == word
    assert listed(at) == len(requests_found(sql, word, only_open=False))


def test_see_all_caregivers_still_opens_the_talent_pool(on_demo, sql):
    at = run_on(page("overview"), TODAY)
    at.text_input(key="search.q").input("mar").run()
    at.button(key="search.all.caregiver").click().run()
    assert not at.exception
    assert at.text_input(key="filter_widget.q").value == "mar"


def test_a_caregivers_result_shows_profession_and_specialty(on_demo, sql):
    first, last, profession, specialty = sql(
        "select first_name, last_name, profession, specialty from caregiver where specialty is not null "
        "and not archived and erased_at is null order by id limit 1")[0]
    at = run_on(page("overview"), TODAY)
    at.text_input(key="search.q").input(f"{first} {last}").run()
    assert f"{first} {last}" in [link.label for link in at.get("page_link")]
    said = f"{vocab.PROFESSIONS.label(profession)} · {vocab.SPECIALTIES.label(specialty)}"
    assert any(c.value.startswith(said) for c in at.caption), [c.value for c in at.caption]
