"""Issue 28, nothing typed is lost or changed silently, in Chromium: a select closed with Escape keeps the value just
picked; an impossible date (31/02) is refused under its field, never moved to another day; a date out of range
says the range; what was typed stays in both cases, and nothing is written until it is right."""

from __future__ import annotations

import duckdb

from hyc import i18n
from tests.browser.conftest import errors_shown, sign_in, wait_idle
from tests.conftest import t

TITLE = "Deux dermatologues pour un atelier"


def in_dialog(page, label: str, role: str = "textbox"):
    return page.get_by_role("dialog").get_by_role(role, name=label, exact=True).first


def field_message(page, label: str) -> str:
    """The message drawn right under a text field of the dialog."""
    box = page.get_by_role("dialog").locator("[data-testid='stElementContainer']").filter(
        has=page.get_by_role("textbox", name=label, exact=True))
    under = box.locator("xpath=following-sibling::*[1]").locator("[data-testid='stMarkdownContainer']")
    return under.inner_text(timeout=5_000).strip()


def test_escape_keeps_a_pick_and_an_impossible_date_is_refused_where_it_was_typed(prepared_server, browser):
    def prepare(con):
        return con.execute("select name from organisation where not archived order by id limit 1").fetchall()[0][0]

    server, organisation = prepared_server(prepare)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    sign_in(page, server.url, "fondateur")
    page.goto(f"{server.url}/requests")
    wait_idle(page)
    page.get_by_role("button", name=t("new_request.open")).click()
    organisation_box = in_dialog(page, t("col.organisation") + " *", "combobox")
    organisation_box.click()
    page.keyboard.type(organisation[:8])
    page.keyboard.press("Enter")
    wait_idle(page)

    # Picked, then the list closed with Escape, as many people do: the value stays.
    mission = in_dialog(page, i18n.field_label("mission_type", "fr") + " *", "combobox")
    mission.click()
    page.get_by_role("option", name="Atelier / brainstorming", exact=True).click()
    mission.click()  # opened again, and closed with Escape
    page.keyboard.press("Escape")
    assert mission.input_value() == "Atelier / brainstorming"

    in_dialog(page, i18n.field_label("title", "fr") + " *").fill(TITLE)
    in_dialog(page, i18n.field_label("headcount", "fr") + " *").fill("2")
    professions = in_dialog(page, i18n.field_label("professions", "fr") + " *", "combobox")
    professions.click()
    page.get_by_role("option", name="Médecin", exact=True).click()
    page.keyboard.press("Escape")
    start = i18n.field_label("start_date", "fr")
    assert in_dialog(page, start).get_attribute("placeholder") == "jj/mm/aaaa"
    confidential = in_dialog(page, t("field.confidential"), "checkbox")
    confidential.check(force=True)  # the client asked not to be named: ticked in the dialog itself
    in_dialog(page, start).fill("31/02/2027")
    page.get_by_role("button", name=t("new_request.save")).click()
    wait_idle(page)
    # Said under the date, in French; the date as typed, the pick, the tick and the title kept.
    assert field_message(page, start) == i18n.t("error.date_impossible", "fr", typed="31/02/2027", days=28)
    assert in_dialog(page, start).input_value() == "31/02/2027"
    assert in_dialog(page, i18n.field_label("title", "fr") + " *").input_value() == TITLE
    assert mission.input_value() == "Atelier / brainstorming"
    assert confidential.is_checked()

    in_dialog(page, start).fill("01/01/1990")  # out of the plausible range: the range is said
    page.get_by_role("button", name=t("new_request.save")).click()
    wait_idle(page)
    assert field_message(page, start).startswith(i18n.t("error.date_between", "fr", low="§", high="§").split("§")[0])
    assert in_dialog(page, start).input_value() == "01/01/1990"

    in_dialog(page, start).fill("28/02/2027")
    page.get_by_role("button", name=t("new_request.save")).click()
    page.wait_for_function("() => location.search.includes('request=')", timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("tab", name=t("record.tab_candidates")).get_attribute("aria-selected") == "true"
    assert errors_shown(page) == []
    page.close()
    server.stop()
    con = duckdb.connect(str(server.db_path), read_only=True)
    try:
        saved = con.execute("select mission_type, start_date::varchar, confidential from request where title = ?",
                            [TITLE]).fetchall()
    finally:
        con.close()
    assert saved == [("atelier", "2027-02-28", True)]  # one request, the day typed: written once it was right
