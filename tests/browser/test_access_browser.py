"""The gate in Chromium: no page shows data before sign-in, a reader finds nothing to submit, a name made of
HTML shows as text, and a session survives a reload until sign-out."""

import pytest

from hyc import caregivers, schema
from hyc.audit import Actor
from tests.browser.conftest import Server, errors_shown, sign_in, signed_in_context, wait_idle
from tests.conftest import TODAY, build_store, t

PAGE_FILES = ("overview", "mentoring", "call_log", "talent_pool", "requests", "matches", "rates", "pivot", "privacy",
              "audit_log", "team", "console")
SCRIPT_NAME = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    """A server started for this module, with a caregiver whose name is HTML, that no session has opened yet."""
    path = tmp_path_factory.mktemp("fresh") / "hyc.duckdb"
    build_store(path)
    engine = schema.open_store(f"duckdb:///{path}")
    caregiver, _ = caregivers.create(engine, Actor(1, "fondateur"), {
        "first_name": SCRIPT_NAME, "last_name": "<img src=x onerror=alert(2)>", "email": "xss@exemple.fr",
        "profession": "infirmier", "notes": "<b>gras</b> <iframe src='https://exemple.fr'></iframe>"}, today=TODAY)
    engine.dispose()
    srv = Server(path, tmp_path_factory.mktemp("fresh_log") / "streamlit.log")
    yield srv, caregiver.id
    srv.stop()


def test_every_page_url_opened_first_shows_the_sign_in_form_and_no_data(fresh_server, browser):
    server, _ = fresh_server
    context = browser.new_context()
    for name in PAGE_FILES:
        page = context.new_page()
        # Straight to the page file's URL, before any session has run app.py (DESIGN.md §5).
        page.goto(f"{server.url}/{name}?caregiver=1&request=1")
        wait_idle(page)
        assert page.get_by_role("button", name=t("auth.submit")).count() == 1, name
        data = page.locator("[data-testid='stMetric'], [data-testid='stDataFrame'], .js-plotly-plot, "
                            "[data-testid='stSidebarNav'], [data-testid='stPageLink']")
        # Only the empty chart and table drawn out of sight so that their code loads while one types (hyc.ui.auth;
        # tests/pages/test_access.py checks they hold nothing).
        preload = page.locator(".st-key-preload")
        assert data.count() == preload.locator("[data-testid='stDataFrame'], .js-plotly-plot").count(), name
        assert not preload.is_visible(), name
        page.close()
    context.close()


def test_a_wrong_password_is_refused_without_saying_which_field_was_wrong(fresh_server, browser):
    server, _ = fresh_server
    page = browser.new_page()
    page.goto(f"{server.url}/")
    wait_idle(page)
    page.get_by_role("textbox", name=t("auth.email")).fill("claire.dubois@hackyourcare.fr")
    page.get_by_role("textbox", name=t("auth.password")).fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name=t("auth.submit")).click()
    page.get_by_text("E-mail ou mot de passe incorrect.").wait_for(timeout=15_000)
    assert page.locator("[data-testid='stMetric']").count() == 0
    page.close()


def test_a_reader_finds_no_form_to_submit(fresh_server, browser):
    server, caregiver_id = fresh_server
    context = signed_in_context(browser, server.url, "lecteur")
    page = context.new_page()
    menu = page.locator("[data-testid='stSidebar']")
    for path in ("/", f"/talent_pool?caregiver={caregiver_id}", "/requests?request=1&organisation=1",
                 "/matches", "/mentoring", "/rates"):
        page.goto(f"{server.url}{path}")
        wait_idle(page)
        assert errors_shown(page) == []
        assert page.locator("[data-testid='stForm']").count() == 0, path
        assert page.get_by_role("button", name=t("form.save")).count() == 0, path
    # Pages that write, or are for fondateur·rices, are not in a reader's menu, and refuse a typed URL.
    labels = menu.get_by_role("link").all_inner_texts()
    assert t("nav.call_log") not in labels and t("nav.audit_log") not in labels
    page.goto(f"{server.url}/call_log")
    wait_idle(page)
    assert page.locator("[data-testid='stForm']").count() == 0
    context.close()


def test_a_name_made_of_html_shows_as_text(fresh_server, browser):
    server, caregiver_id = fresh_server
    context = signed_in_context(browser, server.url, "fondateur")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server.url}/talent_pool?caregiver={caregiver_id}")
    wait_idle(page)
    page.locator("h3").filter(has_text=SCRIPT_NAME).wait_for(timeout=15_000)
    assert page.get_by_text("<b>gras</b>", exact=False).count() >= 1
    assert page.locator("main iframe[src='https://exemple.fr']").count() == 0
    assert page.locator("main img[src='x']").count() == 0
    page.get_by_role("tab", name=t("record.tab_edit")).click()
    wait_idle(page)
    assert page.get_by_role("textbox", name="Prénom *").input_value() == SCRIPT_NAME
    assert dialogs == []
    context.close()


def test_a_session_survives_a_reload_and_ends_at_sign_out(fresh_server, browser):
    server, _ = fresh_server
    page = browser.new_page()
    sign_in(page, server.url, "mentor")
    # A mentor starts from their caregivers.
    assert page.locator("h1").first.inner_text() == t("nav.mentoring")
    page.reload()
    wait_idle(page)
    assert page.get_by_role("button", name=t("auth.sign_out")).count() == 1
    page.get_by_role("button", name=t("auth.sign_out")).click()
    page.get_by_role("button", name=t("auth.submit")).wait_for(timeout=15_000)
    page.goto(f"{server.url}/talent_pool")
    wait_idle(page)
    assert page.get_by_role("button", name=t("auth.submit")).count() == 1
    page.close()
