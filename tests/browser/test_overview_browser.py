"""The Overview in Chromium: the pool size shown equals count(*) over caregivers; the list to handle picked in place;
three sessions at once."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from hyc import reads
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ERRORS,
    IDLE,
    digits,
    errors_shown,
    metric_value,
    signed_in_context,
    wait_idle,
)
from tests.browser.test_journeys_browser import log_intake
from tests.conftest import t


def test_overview_shows_the_pool_size(server, served_store, founder):
    _, expected = served_store
    page = founder.new_page()
    page.goto(f"{server.url}/")
    wait_idle(page)
    assert errors_shown(page) == []
    assert digits(metric_value(page, t("overview.pool"))) == expected["pool"]
    assert page.locator(".js-plotly-plot").count() == 4
    page.close()


def test_three_sessions_at_once_show_no_error(server, served_store, founder):
    """Three tabs loading pages at the same time, twice each: one engine, a connection per query."""
    from playwright.async_api import async_playwright

    _, expected = served_store
    cookies = founder.cookies()

    async def one_session(browser, path):
        context = await browser.new_context()
        await context.add_cookies(cookies)
        page = await context.new_page()
        results = []
        for _ in range(2):
            await page.goto(f"{server.url}{path}")
            await page.wait_for_selector(IDLE, timeout=60_000)
            await page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
            errors = await page.locator(ERRORS).count()
            value = await page.locator("[data-testid='stMetricValue']").first.inner_text() if path == "/" else ""
            results.append((errors, digits(value) if value else None))
        await context.close()
        return results

    async def main():
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                paths = ("/", "/talent_pool", "/requests")
                return await asyncio.gather(*(one_session(browser, path) for path in paths))
            finally:
                await browser.close()

    # The session's sync Playwright owns this thread's event loop: run the async sessions on another thread.
    with ThreadPoolExecutor(1) as pool:
        all_results = pool.submit(asyncio.run, main()).result()
    for results in all_results:
        for errors, pool in results:
            assert errors == 0
            assert pool in (None, expected["pool"])
    assert "Traceback" not in server.log_text()


def test_a_caregiver_added_by_one_member_shows_on_anothers_overview_at_once_and_after_the_refresh(own_server,
                                                                                               browser):
    """After a write, the served app computes the reads made lately again in a thread (hyc.ui.store.Refresher):
    a visit during that refresh or after it shows the new figures, never those read before the write."""
    founder = signed_in_context(browser, own_server.url, "fondateur").new_page()
    founder.goto(f"{own_server.url}/")
    wait_idle(founder)
    before = digits(metric_value(founder, t("overview.pool")))
    teammate = signed_in_context(browser, own_server.url, "fondateur").new_page()
    for k, pause_ms in enumerate((0, 3_000)):  # at once (the refresh under way), then once it is done
        log_intake(teammate, own_server.url, "Rafraîchie", f"Essai {'AB'[k]}", f"06 11 22 33 4{k}",
                   "Ajoutée pendant que la fondatrice regarde la vue d'ensemble")
        founder.wait_for_timeout(pause_ms)
        founder.goto(f"{own_server.url}/")
        wait_idle(founder)
        assert digits(metric_value(founder, t("overview.pool"))) == before + k + 1
    assert errors_shown(founder) == []
    assert "Traceback" not in own_server.log_text()


def test_picking_another_list_to_handle_shows_it_in_place(server, founder):
    """Under "À traiter", one list at a time: picked at the foot of the page, the new list replaces the old one
    where it was (with tabs, the new tab stayed empty until its run ended, and the page jumped up 300 px under the
    mouse), and the choice is written in the URL."""
    page = founder.new_page()
    page.goto(f"{server.url}/")
    wait_idle(page)
    main = "document.querySelector('[data-testid=\"stMain\"]')"
    page.evaluate(f"{main}.scrollTo(0, {main}.scrollHeight)")
    page.wait_for_timeout(300)
    before = page.evaluate(f"{main}.scrollTop")
    lists = page.locator("[data-testid='stButtonGroup']").filter(has_text=t("overview.attention_list"))

    def pick(name: str) -> None:
        lists.locator("button", has_text=t(f"overview.{name}", n="").split(" (")[0]).click()
        wait_idle(page)

    pick("stuck")
    assert before > 0 and abs(page.evaluate(f"{main}.scrollTop") - before) <= 2
    assert page.get_by_text(t("overview.stuck_help")).is_visible()
    assert "attention=stuck" in page.url and errors_shown(page) == []
    pick("at_risk")  # as the other tests of this session expect the page
    assert page.get_by_text(t("overview.at_risk_help", days=reads.overview.AT_RISK_DAYS)).is_visible()
    page.close()
