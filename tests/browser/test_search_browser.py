"""The search box in Chromium: "coeur" typed finds the requests titled "Cœur", and "see all" opens the Requests
page filtered by the same text, listing every one of them (issue 28)."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlparse

from tests.browser.conftest import errors_shown, sign_in, wait_idle
from tests.conftest import t

OPEN = "('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes')"


def fold(text: str | None) -> str:
    """As a reader compares: lower case, no accents, ligatures written out (independent of hyc.text)."""
    written_out = (text or "").lower().translate(str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"}))
    return "".join(ch for ch in unicodedata.normalize("NFKD", written_out) if not unicodedata.combining(ch))


def _hearts(con) -> dict:
    """Eight requests, open and closed, get "Cœur" in their title; the others are left as they are. Returns how
    many requests "coeur" finds in all (the search box counts archived ones) and how many the page lists."""
    con.execute(f"""update request set title = 'Suivi du Cœur – ' || title
                    where id in (select id from request order by status in {OPEN}, id limit 8)""")
    rows = con.execute("""select r.archived, r.title, r.description, o.name, k.first_name, k.last_name
                          from request r join organisation o on o.id = r.organisation_id
                          left join contact k on k.id = r.contact_id""").fetchall()
    found = [row for row in rows if any("coeur" in fold(v) for v in row[1:])]
    return {"found": len(found), "listed": sum(not row[0] for row in found)}


def test_coeur_finds_the_requests_titled_coeur_and_see_all_lists_them_on_the_requests_page(prepared_server, browser):
    server, expected = prepared_server(_hearts)
    assert expected["listed"] > 5  # more than the box shows, or there is no "see all"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    sign_in(page, server.url, "fondateur")
    sidebar = page.locator("[data-testid='stSidebar']")
    search = sidebar.get_by_role("textbox", name=t("search.label"))
    search.fill("coeur")
    search.press("Enter")
    see_all = sidebar.get_by_role("button", name=t("search.all_requests", n=expected["found"]))
    see_all.wait_for(timeout=30_000)
    wait_idle(page)
    # The first few are shown, each titled with the ligature.
    assert sidebar.get_by_role("link", name="Suivi du Cœur").count() == 5
    see_all.click()
    page.get_by_text(t("requests.count", n=expected["listed"])).wait_for(timeout=30_000)
    wait_idle(page)
    assert urlparse(page.url).path == "/requests"
    query = parse_qs(urlparse(page.url).query)
    assert query["text"] == ["coeur"] and query["open"] == ["0"]
    assert sidebar.get_by_role("textbox", name=t("filter.request_text")).input_value() == "coeur"
    assert errors_shown(page) == []
    page.close()
