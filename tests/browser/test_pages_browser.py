"""Every page in Chromium: it renders, shows no error and no 'page not found', and a filter lands in the URL."""

import pytest

from tests.browser.conftest import dialogs_shown, errors_shown, wait_idle
from tests.conftest import t

PAGES = {
    "/": t("overview.title"),
    "/call_log": t("calls.title"),
    "/talent_pool": t("pool.title"),
    "/requests": t("requests.title"),
    "/matches": t("matches.title"),
    "/mentoring": t("mentoring.title"),
    "/rates": t("rates.title"),
    "/privacy": t("privacy.title"),
    "/audit_log": t("audit.title"),
    "/team": t("team.title"),
}


@pytest.mark.parametrize("path, title", PAGES.items())
def test_every_page_renders_without_error(server, founder, path, title):
    page = founder.new_page()
    page.goto(f"{server.url}{path}")
    wait_idle(page)
    page.wait_for_timeout(500)
    assert errors_shown(page) == []
    assert dialogs_shown(page) == 0
    assert page.locator("h1").first.inner_text() == title
    page.close()


def test_a_shared_link_opens_the_same_filtered_view(server, founder, served_store):
    page = founder.new_page()
    page.goto(f"{server.url}/talent_pool?profession=sage_femme&caregiver=1")
    wait_idle(page)
    assert errors_shown(page) == []
    assert page.locator("[data-testid='stSidebar']").get_by_text("Sage-femme").count() >= 1
    assert "profession=sage_femme" in page.url
    # Moving to another page through the sidebar keeps the filter.
    page.locator("[data-testid='stSidebar']").get_by_role("link", name=t("requests.title")).click()
    wait_idle(page)
    assert "profession=sage_femme" in page.url
    page.close()
