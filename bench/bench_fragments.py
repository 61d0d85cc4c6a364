"""Benchmark (issue 28, partial reruns): in Chromium, on the real server over a scale-50 demo store, signed in as
a fondatrice, what a click costs when it reruns its own part of the page (a Streamlit fragment) rather than the
page, against the switch to the reference page (bench/reference, in the menu with HYC_REFERENCE_PAGE=on; the same
switch as bench_switch.py) timed in the same run, alternating, median of --repeat after a first (cold) round:

- a tick in a request's ranking (the largest pool: an open request naming no specialty, for one person on an
  advisory mission, so the ranked list rather than a panel): the click on a row's tick → the person's detail shown,
  app idle;
- an "add to shortlist" of the three people ticked: the click → the shortlist box counting them, idle;
- a narrowing filter of the ranking ("Prêts seulement"): the click → the narrowed count shown, idle;
- proposing the three (a write: the whole page runs again, the request's tabs count the new matches): the click →
  the matches' tab counting three more, idle (the server then left to finish the background refresh a write starts
  before the next click is timed);
- a tick in the mentoring week (the Mentoring page's next actions, the whole team's): the click → "1 action
  cochée", idle.

Targets: each click at most 0.5 × the reference page's switch; the proposal within 1.5 × it. The clicks are sent
to the element's place, found before the clock starts (as bench_switch.py); idle is read once the click's output
shows, without the tests' fixed pause. Each round opens the request (and the week) in a new session, so that the
ticks and the shortlist start empty; each round proposes three more people (the next round ranks without them).

Run: .venv/bin/python bench/bench_fragments.py [--store PATH] [--scale 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_switch import REFERENCE, switch  # noqa: E402
from bench.stores import bench_store  # noqa: E402
from tests.conftest import t  # noqa: E402

MAX_CLICK = 0.5  # × the reference page's switch
MAX_PROPOSAL = 1.5
WAIT_MS = 120_000
ROW_HEIGHT, HEADER_HEIGHT, MARKER_WIDTH = 35, 35, 20  # st.dataframe's grid (as tests/browser/test_matching_browser)
NUMBER = r"([\d\s\u202f\u00a0]+)"  # a count as shown: "12 178", thin spaces between thousands
TARGETS = {"ranking tick": MAX_CLICK, "add to shortlist": MAX_CLICK, "ranking filter": MAX_CLICK,
           "propose three": MAX_PROPOSAL, "week tick": MAX_CLICK}


def digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def prepare(path: Path) -> int:
    """The request the ranking is timed on (in the benchmark's copy of the store): the open request "en recherche"
    naming no specialty with the most eligible people, made a one-person advisory mission in hybrid mode (its
    ranked list, no panel, no region filter set first)."""
    con = duckdb.connect(str(path))
    try:
        request_id = con.execute("""
            select r.id from request r join caregiver c on list_contains(string_split(r.professions, ','), c.profession)
            where r.status = 'en_recherche' and not r.archived and coalesce(r.specialties, '') = ''
              and not c.archived and c.erased_at is null
            group by r.id order by count(*) desc, r.id limit 1""").fetchall()[0][0]
        con.execute("update request set mission_type = 'conseil', headcount = 1, work_mode = 'hybride', "
                    "place_required = false where id = ?", [request_id])
        return request_id
    finally:
        con.close()


def click_at(page, locator) -> float:
    """Click the middle of `locator` (found first, off the clock); returns the time of the click. Scrolled to the
    middle of the window: a toast (top right) must not cover it."""
    locator.first.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = locator.bounding_box()
    started = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return started


def done(page, started: float, shown) -> float:
    """The click's output shown (`shown`, a locator), then the app idle: the time since `started`."""
    from tests.browser.conftest import wait_idle

    shown.first.wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS, pause=0)
    return time.perf_counter() - started


def tick_row(page, grid, row: int) -> float:
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    started = time.perf_counter()
    page.mouse.click(box["x"] + MARKER_WIDTH, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)
    return started


def details(page):
    return page.locator("[data-testid='stExpander']").filter(has_text=t("rank.detail", name="", score=0)[:8])


def ranking_round(page, url: str, request_id: int) -> dict[str, float]:
    """One round on the request's ranking, in a new session: tick, two more ticks (untimed), add the three to the
    shortlist, narrow, propose."""
    from tests.browser.conftest import wait_idle

    page.goto(f"{url}/requests?request={request_id}")
    page.locator("h1").first.wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    page.get_by_role("tab", name=t("record.tab_candidates")).click()
    page.get_by_text(t("rank.pick_hint")).wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    tab = re.escape(t("record.tab_matches", n=0)).replace("0", NUMBER)
    before = digits(re.search(tab, page.get_by_role("tab").filter(has_text=re.compile(tab)).first.inner_text())[1])
    grid = page.get_by_role("tabpanel").filter(has=page.get_by_text(t("rank.pick_hint"))).locator(
        "[data-testid='stDataFrame']").first
    took = {"ranking tick": done(page, tick_row(page, grid, 0), details(page))}
    for row in (1, 2):
        page.mouse.click(grid.bounding_box()["x"] + MARKER_WIDTH,
                         grid.bounding_box()["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)
        page.wait_for_function(f"() => document.querySelectorAll('[data-testid=\"stExpander\"]').length >= {row + 1}",
                               timeout=WAIT_MS)
        wait_idle(page, WAIT_MS)
    took["add to shortlist"] = done(page, click_at(page, page.get_by_role("button", name=t("shortlist.add", n=3))),
                                    page.get_by_text(t("shortlist.count", n=3)))
    narrowed = t("rank.narrowed", shown="§", n="§").split("§")[-1].strip()
    took["ranking filter"] = done(page, click_at(page, page.get_by_text(t("rank.filter_ready"), exact=True)),
                                  page.get_by_text(narrowed))
    took["propose three"] = done(page, click_at(page, page.get_by_role("button", name=t("shortlist.propose"))),
                                 page.get_by_role("tab", name=t("record.tab_matches", n=before + 3)))
    return took


def week_round(page, url: str) -> float:
    """The mentoring week's next actions, in a new session: a tick → "1 action cochée"."""
    from tests.browser.conftest import wait_idle

    page.goto(f"{url}/mentoring")
    page.locator("h1").first.wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    page.get_by_role("tab", name=re.compile(re.escape(t("mentoring.tab_actions", n=0)).replace("0", NUMBER))).click()
    page.get_by_text(t("week.pick_hint")).wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    grid = page.get_by_role("tabpanel").locator("[data-testid='stDataFrame']").first
    return done(page, tick_row(page, grid, 0), page.get_by_text(t("week.ticked", n=1)))


def settle(pid: int, quiet_s: float = 0.1, window_s: float = 0.5, limit_s: float = 30.0) -> None:
    """Wait until the server has stopped working: after a write, the app computes the recent reads again in the
    background (hyc.ui.store.Refresher). The clicks are timed on a server at rest, as the switch to the reference
    page is (bench_switch.py --after-write times the other case)."""
    def cpu() -> float:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu()
        time.sleep(window_s)
        if cpu() - before < quiet_s * window_s:
            return


def measure(path: Path, tmp: Path, repeat: int) -> bool:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server, sign_in

    request_id = prepare(path)
    os.environ["HYC_REFERENCE_PAGE"] = "on"
    server = Server(path, tmp / "streamlit.log")
    times: dict[str, list[float]] = {"reference switch": [], **{name: [] for name in TARGETS}}
    first: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            sign_in(page, server.url, "fondateur")
            for round_ in range(repeat + 1):  # the first round is cold: reported, not in the medians
                took = {"reference switch": switch(page, server.url, REFERENCE),
                        **ranking_round(page, server.url, request_id)}
                settle(server.proc.pid)  # the proposal's write: the background refresh ends first
                took["week tick"] = week_round(page, server.url)
                for name, seconds in took.items():
                    if round_ == 0:
                        first[name] = seconds
                    else:
                        times[name].append(seconds)
            browser.close()
    except Exception:
        print(f"--- streamlit log (end) ---\n{server.log_text()[-4000:]}")
        raise
    finally:
        server.stop()
    reference = statistics.median(times["reference switch"])
    print(f"\nrequest {request_id}; medians of {repeat} after a first (cold) round\n")
    print(f"{'click → idle':<18} {'first (ms)':>11} {'median (ms)':>12} {'× reference':>12} {'target':>8}   runs (ms)")
    ok = True
    for name, runs in times.items():
        ratio = statistics.median(runs) / reference
        target = TARGETS.get(name)
        missed = target is not None and ratio > target
        ok &= not missed
        print(f"{name:<18} {first[name] * 1000:>11.0f} {statistics.median(runs) * 1000:>12.0f} {ratio:>12.2f} "
              f"{'' if target is None else f'≤ {target:g}':>8}   {' '.join(f'{r * 1000:.0f}' for r in runs)}"
              f"{'   MISSED' if missed else ''}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, help="a scale-50 demo store (copied first); built when not given")
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with bench_store(args.store, args.scale) as (tmp, path):
        ok = measure(path, tmp, args.repeat)
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
