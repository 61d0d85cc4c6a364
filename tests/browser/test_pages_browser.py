"""Every page in Chromium: it renders, shows no error and no 'page not found', and a filter lands in the URL."""

import re

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


def test_a_caregiver_found_from_the_talent_pool_opens_in_view_and_stays_open(server, founder, served_store):
    """On the talent pool itself, the search box's result opens the record in view (it is drawn under the list, a
    screen lower), and a click in the record (a tab) keeps it open: a link to the page one is on leaves the browser's
    address as it was, and the record was lost at the next click."""
    caregiver_id, name, calls = served_store[1]["called"]
    page = founder.new_page()
    page.goto(f"{server.url}/talent_pool")
    wait_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    search = sidebar.get_by_role("textbox", name=t("search.label"))
    search.fill(name)
    search.press("Enter")
    found = sidebar.get_by_role("link", name=re.compile(re.escape(name)))
    found.first.wait_for(timeout=30_000)
    wait_idle(page)
    found.first.click()
    title = page.locator("[data-testid='stMain'] h3").filter(has_text=name)
    title.wait_for(timeout=30_000)
    wait_idle(page)
    top = title.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 3
    assert f"caregiver={caregiver_id}" in page.url
    page.get_by_role("tab", name=t("record.tab_calls", n=calls)).click()
    wait_idle(page)
    assert title.count() == 1 and f"caregiver={caregiver_id}" in page.url
    assert page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").count() >= 2  # the list, the calls
    assert errors_shown(page) == []
    page.close()


# Each chart's category labels along the left axis, with how far each starts from the chart's left edge (negative:
# cut). The left margin is estimated from the labels (hyc.charts._label_width), not measured by plotly.
LABEL_OFFSETS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const left = plot.querySelector('svg.main-svg').getBoundingClientRect().left;
    return [...plot.querySelectorAll('.ytick text')].map(t => [t.textContent, t.getBoundingClientRect().left - left]);
})"""


def charts_drawn(page) -> None:
    """Every chart of the page drawn (plotly draws after the run has ended), not only the first."""
    page.wait_for_function("""() => {
        const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
        return charts.length > 0 && [...charts].every(chart => chart.querySelector('.main-svg .cartesianlayer'));
    }""", timeout=30_000)


# For each chart with a legend under its axis title: its title, and the room between the two (the legend's box
# starts a few pixels above its first name).
LEGEND_GAPS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const legend = plot.querySelector('.legend'), axis = plot.querySelector('.xtitle');
    return legend && axis ? [[plot.querySelector('.gtitle').textContent,
                              legend.getBoundingClientRect().top - axis.getBoundingClientRect().bottom]] : [];
})"""


@pytest.mark.parametrize("path", ["/", "/matches"])
def test_legends_sit_under_their_axis_title_without_a_blank_band(server, founder, path):
    """The margin under a chart is made for its legend's rows (hyc.charts.stacked_bars): too few rows counted put
    the legend over the axis title, too many left a blank band (100 px on Matches, counted for half a page)."""
    page = founder.new_page()
    page.goto(f"{server.url}{path}")
    wait_idle(page)
    charts_drawn(page)
    gaps = page.evaluate(LEGEND_GAPS)
    assert len(gaps) >= 2 and all(-10 <= gap <= 60 for _, gap in gaps), gaps
    page.close()


@pytest.mark.parametrize("path, tab", [("/", None), ("/matches", None), ("/rates", None), ("/mentoring", None),
                                       ("/pivot", None), ("/talent_pool", "pool.tab_breakdown")])
def test_no_chart_label_is_cut(server, founder, path, tab):
    page = founder.new_page()
    page.goto(f"{server.url}{path}")
    wait_idle(page)
    if tab:
        page.get_by_role("tab", name=t(tab)).click()
        wait_idle(page)
    charts_drawn(page)
    charts = page.evaluate(LABEL_OFFSETS)
    assert len(charts) == page.locator("[data-testid='stPlotlyChart']").count()
    labels = [label for chart in charts for label in chart]
    assert labels and all(offset >= 0 for _, offset in labels), [label for label in labels if label[1] < 0]
    page.close()
