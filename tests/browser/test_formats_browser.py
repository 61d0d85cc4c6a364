"""Issue 28 in Chromium: numbers and amounts follow the interface's language, not the browser's. A French
interface in an English browser (locale en-US), then an English interface (?lang=en) in a French browser (fr-FR):
a euro amount and a count read from a table's grid (drawn on a canvas: read through the grid's own search, which
matches the text each cell shows) and from the page's text, each written the interface's way.

The store is the demo at scale 3 (4,400 caregivers): enough for counts past a thousand, whose separator is what
differs. Expected figures come from plain SQL on the store, written out by hand per language."""

import duckdb
import pytest

from hyc import i18n
from tests.browser.conftest import Server, errors_shown, sign_in, wait_idle
from tests.conftest import build_store

NNBSP = "\u202f"
SIGNED = "('contrat_signe', 'en_mission', 'terminee')"


def written(n: int, language: str, euros: bool = False) -> str:
    """A whole number as the language writes it, by hand: groups of three digits from the right."""
    digits = str(n)
    groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
    number = (NNBSP if language == "fr" else ",").join(groups)
    if not euros:
        return number
    return f"{number}{NNBSP}€" if language == "fr" else f"€{number}"


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("formats") / "hyc.duckdb"
    build_store(path, scale=3)
    con = duckdb.connect(str(path))
    try:
        expected = {
            # The rates page's first line is the doctors' (the highest median): their highest agreed rate, and
            # how many doctors of the pool gave the rate they expect.
            "max_rate": con.execute(f"""
                select round(max(m.agreed_day_rate))::int from match m join caregiver c on c.id = m.caregiver_id
                where c.profession = 'medecin' and m.stage in {SIGNED} and m.agreed_day_rate is not null""")
            .fetchall()[0][0],
            "expected_n": con.execute("""select count(*) from caregiver where not archived and profession = 'medecin'
                                         and expected_day_rate is not null""").fetchall()[0][0],
            "pool": con.execute("select count(*) from caregiver where not archived").fetchall()[0][0],
            # Someone expecting a rate past a thousand euros, whose record says it.
            "dear": con.execute("""select id, round(expected_day_rate)::int from caregiver
                                   where not archived and expected_day_rate >= 1000 order by id limit 1""")
            .fetchall()[0],
        }
    finally:
        con.close()
    assert expected["max_rate"] >= 1000 and expected["expected_n"] >= 1000 and expected["pool"] >= 1000
    srv = Server(path, tmp_path_factory.mktemp("formats_log") / "streamlit.log")
    yield srv, expected
    srv.stop()


def grid_hits(page, grid, text: str) -> int:
    """How many cells of the grid show `text` (the grid's search: "3 results")."""
    grid.hover()
    if not grid.get_by_test_id("search-input").count():
        grid.get_by_role("button", name="Search").click()
    grid.get_by_test_id("search-input").fill(text)
    page.wait_for_timeout(600)
    said = grid.get_by_test_id("search-result-area").inner_text()
    return int(said.split()[0])


@pytest.mark.parametrize(("language", "locale"), [("fr", "en-US"), ("en", "fr-FR")])
def test_amounts_and_counts_follow_the_interface_not_the_browser(browser, big_server, language, locale):
    srv, expected = big_server
    other = "en" if language == "fr" else "fr"
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        sign_in(page, srv.url, "fondateur")  # the form in French, the default
        assert page.evaluate("navigator.language") == locale

        # The grid: the doctors' highest agreed rate, and how many doctors gave the rate they expect.
        page.goto(f"{srv.url}/rates?lang={language}")
        wait_idle(page)
        assert errors_shown(page) == []
        grid = page.locator("[data-testid='stDataFrame']").first
        rate, count = expected["max_rate"], expected["expected_n"]
        assert grid_hits(page, grid, written(rate, language, euros=True)) >= 1
        assert grid_hits(page, grid, written(count, language)) >= 1
        # Not the browser's way, nor the other language's, nor bare digits.
        for wrong in {written(rate, other, euros=True), written(count, other), str(rate), str(count)}:
            assert grid_hits(page, grid, wrong) == 0, wrong

        # The text: the pool's count above its table, and a caregiver's expected rate on their record.
        page.goto(f"{srv.url}/talent_pool?lang={language}")
        wait_idle(page)
        caption = i18n.t("pool.count", language, n=written(expected["pool"], language))
        assert page.get_by_text(caption, exact=True).count() == 1
        assert page.get_by_text(i18n.t("pool.count", language, n=written(expected["pool"], other))).count() == 0
        person, euros = expected["dear"]
        page.goto(f"{srv.url}/talent_pool?caregiver={person}&lang={language}")
        wait_idle(page)
        assert errors_shown(page) == []
        label = i18n.t("col.expected_rate", language)
        colon = ": " if language == "en" else " : "
        assert page.get_by_text(f"{label}{colon}{written(euros, language, euros=True)}").count() >= 1
        assert page.get_by_text(written(euros, other, euros=True)).count() == 0
    finally:
        context.close()
