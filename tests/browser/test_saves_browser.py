"""Issue 9 in Chromium, as a person does it: a select opened and left with Escape keeps its stored value and a
rate-only save writes only the rate; an impossible day rate is refused in French under its field and a French
amount is read; a tab opened the moment after signing in is signed in; a refused page says why."""

import duckdb
import pytest

from hyc.accounts import DEMO_PASSWORDS
from tests.browser.conftest import DEMO_ACCOUNTS, Server, errors_shown, sign_in, wait_idle
from tests.browser.test_call_log_browser import field, pick
from tests.conftest import build_store, t


@pytest.fixture(scope="module")
def saves_server(tmp_path_factory):
    """A server on a store of this module's own, with a retained match whose compliance is under way (a
    public-hospital doctor at a health-products company: declaration to make, cumul requested)."""
    path = tmp_path_factory.mktemp("saves") / "hyc.duckdb"
    build_store(path)
    con = duckdb.connect(str(path))
    match_id, request_id, caregiver_id = con.execute("""
        select m.id, m.request_id, m.caregiver_id from match m join request r on r.id = m.request_id
        join organisation o on o.id = r.organisation_id
        where m.stage = 'retenue' and o.makes_health_products order by m.id limit 1""").fetchall()[0]
    con.execute("update caregiver set profession = 'medecin', practice_setting = 'hopital_public', "
                "cumul_status = 'demandee' where id = ?", [caregiver_id])
    con.execute("update match set convention_status = 'a_declarer', cumul_status = 'demandee', agreed_day_rate = 300, "
                "agreed_days = 2 where id = ?", [match_id])
    # The match to pick is the only retained one of its request.
    con.execute("update match set stage = 'contactee' where request_id = ? and id <> ? and stage = 'retenue'",
                [request_id, match_id])
    con.close()
    srv = Server(path, tmp_path_factory.mktemp("saves_log") / "streamlit.log")
    yield srv, path, match_id, request_id
    srv.stop()


def test_a_compliance_select_opened_and_left_with_escape_keeps_its_value_and_a_rate_save_writes_only_the_rate(
        saves_server, browser):
    server, path, match_id, request_id = saves_server
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    sign_in(page, server.url, "fondateur")
    page.goto(f"{server.url}/requests?request={request_id}")
    wait_idle(page)
    page.get_by_role("tab", name=t("nav.matches")).first.click()
    wait_idle(page)
    which = page.get_by_role("combobox", name=t("form.which_match"))
    which.scroll_into_view_if_needed()
    which.click()
    page.get_by_role("option").filter(has_text="Retenue").first.click()
    wait_idle(page)
    terms = page.locator("[data-testid='stForm']").filter(has=page.get_by_text(t("col.agreed_rate"))).first
    convention = terms.get_by_role("combobox", name="Convention *")
    cumul = terms.get_by_role("combobox", name="Autorisation de cumul *")
    for select, shown in ((convention, "À déclarer"), (cumul, "Demandée")):
        select.click()
        page.keyboard.press("Escape")
        page.locator("h1").first.click()  # and click away
        assert select.input_value() == shown
    terms.get_by_role("textbox", name=t("field.agreed_day_rate")).fill("350")
    terms.get_by_role("button", name=t("form.save")).click()
    wait_idle(page)
    page.get_by_test_id("stAlertContentSuccess").get_by_text(t("saved.terms")).wait_for(timeout=15_000)
    page.close()
    server.stop()  # the store is read by this test once the server lets go of it
    try:
        con = duckdb.connect(str(path), read_only=True)
        assert con.execute("select agreed_day_rate, convention_status, cumul_status from match where id = ?",
                           [match_id]).fetchall() == [(350, "a_declarer", "demandee")]
        assert con.execute("select after from audit_event where entity = 'match' and entity_id = ? "
                           "order by id desc limit 1", [match_id]).fetchall() == [('{"agreed_day_rate": 350}',)]
        con.close()
    finally:
        server.__init__(path, server.log_path)  # the module's other tests go on with it


def test_an_impossible_day_rate_is_refused_under_its_field_and_a_french_amount_is_read(saves_server, browser):
    server, *_ = saves_server
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    sign_in(page, server.url, "mentor")
    page.goto(f"{server.url}/call_log")
    wait_idle(page)
    page.locator("[data-testid='stButtonGroup']").get_by_text(t("calls.caregiver_new")).click()  # the whole form
    wait_idle(page)
    field(page, t("col.summary")).fill("Accueil : très motivée.")
    field(page, "Prénom *").fill("Mahina")
    field(page, "Nom *").fill("Hoarau")
    field(page, t("col.phone")).fill("0692 12 34 56")
    pick(page, "Profession *", "Infirmier(e)")
    field(page, t("field.expected_day_rate")).fill("1000000000000")
    page.get_by_role("button", name=t("calls.save")).click()
    wait_idle(page)
    page.get_by_text("Un tarif journalier ne dépasse pas 20 000 € : vérifiez la saisie.").wait_for(timeout=15_000)
    assert field(page, t("field.expected_day_rate")).input_value() == "1000000000000"
    assert field(page, "Prénom *").input_value() == "Mahina"
    field(page, t("field.expected_day_rate")).fill("1 200,50")
    page.get_by_role("button", name=t("calls.save")).click()
    wait_idle(page)
    page.get_by_test_id("stAlertContentSuccess").get_by_text("arrondi à 1 201 €", exact=False).wait_for(
        timeout=15_000)
    assert errors_shown(page) == []
    # Found by the phone as the app shows it.
    page.goto(f"{server.url}/talent_pool?q=0692%2012%2034%2056")
    wait_idle(page)
    assert page.get_by_text("Soignants correspondant aux filtres : 1.").count() == 1
    page.close()


def test_a_tab_opened_the_moment_after_signing_in_is_signed_in(saves_server, browser):
    server, *_ = saves_server
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/")
    wait_idle(page)
    page.get_by_role("textbox", name=t("auth.email")).fill(DEMO_ACCOUNTS["fondateur"])
    page.get_by_role("textbox", name=t("auth.password")).fill(DEMO_PASSWORDS["fondateur"])
    page.get_by_role("button", name=t("auth.submit")).click()
    other = context.new_page()  # no wait at all for the first tab's run
    other.goto(f"{server.url}/talent_pool")
    wait_idle(other)
    assert other.get_by_role("button", name=t("auth.sign_out")).count() == 1
    assert other.get_by_role("button", name=t("auth.submit")).count() == 0
    context.close()


def test_a_mentor_who_opens_a_founders_page_is_told_why(saves_server, browser):
    server, *_ = saves_server
    page = browser.new_page()
    sign_in(page, server.url, "mentor")
    page.goto(f"{server.url}/team")
    wait_idle(page)
    page.get_by_text("Cette page est réservée aux rôles : Fondateur·rice. Votre rôle (Mentor) ne l'ouvre pas",
                     exact=False).wait_for(timeout=15_000)
    assert page.get_by_text("(required)").count() == 0
    page.get_by_role("link", name="Aller à « Accompagnement »").click()
    page.locator("h1").filter(has_text=t("nav.mentoring")).wait_for(timeout=15_000)
    page.close()
