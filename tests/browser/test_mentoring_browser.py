"""Issue 12 in Chromium: a mentor signs in, lands on their own week of next actions, moves an overdue one to next
Monday and finds it where the date says ("cette semaine" or "plus tard")."""

import re
from datetime import datetime, timedelta

from hyc.models import PARIS
from tests.browser.conftest import errors_shown, sign_in, wait_idle
from tests.browser.test_matching_browser import tick_rows
from tests.conftest import t


def part_count(page, part: str) -> int:
    pattern = "^" + re.escape(t(f"week.{part}", n=0)).replace("0", r"\d+") + "$"
    label = page.locator("[data-testid='stButtonGroup']").get_by_text(re.compile(pattern))
    return int(re.search(r"\((\d+)\)", label.first.inner_text()).group(1))


def test_a_mentor_moves_an_overdue_action_to_next_monday_and_finds_it_where_the_date_says(own_server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    sign_in(page, own_server.url, "mentor")
    page.goto(f"{own_server.url}/mentoring")
    wait_idle(page)
    page.get_by_role("tab", name=re.compile(re.escape(t("mentoring.tab_actions", n=0)).replace("0", r"\d+"))).click()
    wait_idle(page)
    today = datetime.now(PARIS).date()  # the server's own today
    monday = today + timedelta(days=7 - today.weekday())
    target = "later"  # next Monday comes after this week's Sunday
    overdue, before = part_count(page, "overdue"), part_count(page, target)
    assert overdue > 0
    grid = page.get_by_role("tabpanel").locator("[data-testid='stDataFrame']").first
    tick_rows(page, grid, 1)
    page.get_by_role("button", name=t("week.move")).click()
    wait_idle(page)
    page.get_by_text(t("saved.actions_moved.one", n=1, date=f"{monday:%d/%m/%Y}")).first.wait_for(timeout=15_000)
    wait_idle(page)  # the confirmation is drawn at the top of the run: the counts below come later in it
    assert errors_shown(page) == []
    assert part_count(page, "overdue") == overdue - 1
    assert part_count(page, target) == before + 1
