"""Benchmark: ranking a request's candidates (hyc.matching), server side and in the browser, on a demo store at
scale 50 (75,000 caregivers, ≈ 31,000 doctors).

Targets:
- server side, `matching.rank` of one request under 300 ms, for open requests of several shapes (a doctor with
  specialties, a doctor without — the largest pool —, a nurse, a health student): median of `--repeat` after one
  warm-up, per request; the worst counts;
- server side, a panel of ten for a workshop of doctors under 500 ms: `matching.rank` then `matching.panel`, both
  together as the page does;
- in Chromium, on the real server: from opening a request's ranking tab (the "Candidats classés" tab clicked, its
  record already shown) to the ranked list visible, under 1.5 × the talent pool page's time (from `goto` to idle
  with its table visible), both medians of the same run. The record's tabs run lazily (`on_change="rerun"`): the
  click's rerun computes the ranking. The whole path (`goto` the request, click, list shown) is given too.
  "cold": each load a cache miss (a request never opened before in this server, a talent pool filter never asked);
  the target applies to that pair. "warm cache": the same request and the same pool again, with the cached
  readers; shown as information (someone opening a ranking meets a warm cache only if the same request was opened
  since the last write). Each `goto` is a new session; the loads of the two pages alternate.
Run: .venv/bin/python bench/bench_matching.py [--scale 50] [--repeat 5] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hyc import db, demo, matching, schema  # noqa: E402

TODAY = date(2026, 11, 23)
RANK_MS = 300
PANEL_MS = 500
PANEL_SIZE = 10
BROWSER_RATIO = 1.5
WAIT_MS = 120_000  # a page that takes longer has failed, not slowed down
RANKING_TAB = "Candidats classés"
SCORE = "Score"
TABLE = "[data-testid='stDataFrame']"

OPEN = "status in ('nouvelle', 'qualifiee', 'en_recherche', 'candidats_proposes') and not archived"
NO_SPECIALTY = "coalesce(specialties, '') = ''"
DOCTOR = "professions = 'medecin' and mission_type = 'conseil'"
# The shapes ranked server side, each the first open request of its shape by id.
SHAPES = {
    "médecin, with specialties (conseil)": f"{DOCTOR} and not {NO_SPECIALTY}",
    "médecin, no specialty (largest pool)": f"{DOCTOR} and {NO_SPECIALTY}",
    "infirmier": "professions = 'infirmier'",
    "etudiant_sante": "professions = 'etudiant_sante'",
}
LARGEST = "médecin, no specialty (largest pool)"
PANEL_SHAPE = "professions = 'medecin' and mission_type = 'atelier'"
# Talent pool filters for the cold loads, each read once (the page reads ?profession= and ?region= on a new session).
COLD_POOL_FILTERS = ["profession=medecin", "profession=infirmier", "region=11", "region=84", "profession=pharmacien",
                     "region=76", "profession=sage_femme", "region=53", "profession=chirurgien_dentiste", "region=44"]


def first_request(engine, where: str, exclude: tuple[int, ...] = (), limit: int = 1) -> list[int]:
    skip = f"and id not in ({', '.join(map(str, exclude))})" if exclude else ""
    ids = db.read_df(engine, f"select id from request where {OPEN} and {where} {skip} order by id limit {limit}").id
    if len(ids) < limit:
        raise RuntimeError(f"fewer than {limit} open requests where {where}")
    return [int(i) for i in ids]


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def server_side(engine, repeat: int) -> tuple[list[tuple[str, str, float, float | None, bool]], dict[str, int]]:
    """Rank each shape, then a panel of ten; prints the details, returns the summary rows and the requests used."""
    ids = {label: first_request(engine, where)[0] for label, where in SHAPES.items()}
    panel_id = db.read_df(engine, f"select id from request where {OPEN} and {PANEL_SHAPE} "
                                  "order by headcount desc, id limit 1").id.iloc[0]
    print(f"\nServer side: median of {repeat} after one warm-up, today {TODAY:%d/%m/%Y}; "
          "the three last columns are the parts of one rank (information)")
    print(f"{'request':<38} {'id':>6} {'eligible':>8} {'rank (ms)':>10} {'target':>7}   "
          f"{'eligible() ms':>13} {'score() ms':>10} {'exclusions() ms':>15}")
    worst = 0.0
    for label, rid in ids.items():
        ranking = matching.rank(engine, rid, TODAY)
        ms = median_ms(lambda rid=rid: matching.rank(engine, rid, TODAY), repeat)
        worst = max(worst, ms)
        r = matching.request_of(engine, rid)
        wanted = matching.wanted_appetites(r)
        people = matching.eligible(engine, rid)
        parts = (median_ms(lambda rid=rid: matching.eligible(engine, rid), repeat),
                 median_ms(lambda r=r, people=people, wanted=wanted: matching.score(people, r, TODAY, wanted), repeat),
                 median_ms(lambda rid=rid: matching.exclusions(engine, rid), repeat))
        print(f"{label:<38} {rid:>6} {len(ranking.scored):>8,} {ms:>10.1f} {f'< {RANK_MS}':>7}   "
              f"{parts[0]:>13.1f} {parts[1]:>10.1f} {parts[2]:>15.1f}")

    def rank_and_panel():
        return matching.panel(matching.rank(engine, int(panel_id), TODAY), PANEL_SIZE)

    chosen = rank_and_panel()
    panel_ms = median_ms(rank_and_panel, repeat)
    print(f"{'atelier médecin: rank + panel of ' + str(PANEL_SIZE):<38} {int(panel_id):>6} "
          f"{len(matching.rank(engine, int(panel_id), TODAY).scored):>8,} {panel_ms:>10.1f} {f'< {PANEL_MS}':>7}   "
          f"({len(chosen.members)} seated, {len(set(chosen.uncovered))} specialties asked left uncovered)")
    rows = [(f"rank one request, worst of {len(ids)} shapes (median)", f"{worst:.0f} ms", f"< {RANK_MS} ms",
             worst < RANK_MS),
            (f"rank + panel of {PANEL_SIZE}, atelier médecin (median)", f"{panel_ms:.0f} ms", f"< {PANEL_MS} ms",
             panel_ms < PANEL_MS)]
    return rows, ids


# --- In the browser ---------------------------------------------------------------------------------------------

def load_pool(page, url: str, query: str = "") -> float:
    """goto → idle with the talent pool's table visible, in seconds."""
    from tests.browser.conftest import wait_idle

    started = time.perf_counter()
    page.goto(f"{url}/talent_pool{'?' + query if query else ''}")
    page.locator(TABLE).first.wait_for(state="visible", timeout=WAIT_MS)  # rendered by this run, not the last one
    wait_idle(page, WAIT_MS)
    elapsed = time.perf_counter() - started
    if query and query not in page.url:
        raise RuntimeError(f"the talent pool dropped its filter {query}: {page.url}")
    return elapsed


# Notes when the script runs again after the tab is clicked (lazy tabs rerun the page to run the open tab).
WATCH_RERUN = """() => { const w = window; w.__start = null; w.__end = null;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        const state = app.getAttribute('data-test-script-state');
        if (state === 'running' && w.__start === null) w.__start = performance.now();
        if (state === 'notRunning' && w.__start !== null) w.__end = performance.now();
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""


def load_ranking(page, url: str, request_id: int) -> tuple[float, float, float | None, float | None]:
    """goto → idle (the record's tabs drawn), then → the ranking tab clicked and its table, with a Score column,
    visible; both from goto, in seconds. Then, if the click reran the page, how long the script ran (as the page
    saw it) and how long the list took to show after it (None, None without a rerun)."""
    from tests.browser.conftest import wait_idle

    started = time.perf_counter()
    page.goto(f"{url}/requests?request={request_id}")
    tab = page.get_by_role("tab", name=RANKING_TAB)
    tab.wait_for(state="visible", timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    idle = time.perf_counter() - started
    page.evaluate(WATCH_RERUN)
    tab.click()
    # Only the active tab panel is in the page; the table's header is also written in an off-screen grid.
    ranked = page.get_by_role("tabpanel").locator(TABLE).filter(
        has=page.locator("th", has_text=re.compile(f"^{SCORE}$")))
    ranked.first.wait_for(state="visible", timeout=WAIT_MS)
    shown = time.perf_counter() - started
    start, end, now = page.evaluate("() => [window.__start, window.__end, performance.now()]")
    if start is None or end is None:
        return idle, shown, None, None
    return idle, shown, (end - start) / 1000, (now - end) / 1000


def load_requests(page, url: str) -> float:
    """goto → idle with the requests' table visible (no record open), in seconds: what the ranking page costs
    before its record."""
    from tests.browser.conftest import wait_idle

    started = time.perf_counter()
    page.goto(f"{url}/requests")
    page.locator(TABLE).first.wait_for(state="visible", timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    return time.perf_counter() - started


def browser_side(path: Path, tmp: Path, warm_id: int, cold_ids: list[int], repeat: int, rank_ms: float
                 ) -> list[tuple[str, str, str, bool | None]]:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server, sign_in

    started = time.perf_counter()
    server = Server(path, tmp / "streamlit.log")
    print(f"\nIn Chromium: server on {server.url} up in {time.perf_counter() - started:.1f} s; ranking request "
          f"{warm_id} (warm), {', '.join(map(str, cold_ids))} (cold, one each); each goto a new session, "
          "the pages alternating; the server ranks as of its own today, not the bench's")
    pool_cold, rank_cold, pool_warm, rank_warm, requests_warm = [], [], [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                sign_in(page, server.url, "fondateur")
                time.sleep(1.5)  # the session cookie reaches the server on the sessions opened after it
                first = load_pool(page, server.url), load_ranking(page, server.url, warm_id)
                load_requests(page, server.url)
                print(f"warm-up (first loads in this server): talent pool {first[0] * 1000:.0f} ms, ranking "
                      f"{first[1][0] * 1000:.0f} ms to idle, {first[1][1] * 1000:.0f} ms to the list")
                for query, rid in zip(COLD_POOL_FILTERS[:repeat], cold_ids, strict=True):
                    pool_cold.append(load_pool(page, server.url, query))
                    rank_cold.append(load_ranking(page, server.url, rid))
                for _ in range(repeat):
                    pool_warm.append(load_pool(page, server.url))
                    rank_warm.append(load_ranking(page, server.url, warm_id))
                    requests_warm.append(load_requests(page, server.url))
            finally:
                browser.close()
    except Exception:
        print(f"--- streamlit log (end) ---\n{server.log_text()[-4000:]}")
        raise
    finally:
        server.stop()

    def ms(values: list[float]) -> str:
        return " ".join(f"{v * 1000:.0f}" for v in values)

    med = {name: statistics.median(values) * 1000 for name, values in {
        "pool_cold": pool_cold, "pool_warm": pool_warm, "requests_warm": requests_warm,
        "idle_cold": [i for i, _, _, _ in rank_cold], "list_cold": [v for _, v, _, _ in rank_cold],
        "idle_warm": [i for i, _, _, _ in rank_warm], "list_warm": [v for _, v, _, _ in rank_warm]}.items()}
    print(f"{'page':<46} {'cold median (ms)':>16} {'warm median (ms)':>16}   runs cold | warm (ms)")
    print(f"{'talent pool: goto → idle, table visible':<46} {med['pool_cold']:>16.0f} {med['pool_warm']:>16.0f}   "
          f"{ms(pool_cold)} | {ms(pool_warm)}")
    print(f"{'request ranking: goto → idle':<46} {med['idle_cold']:>16.0f} {med['idle_warm']:>16.0f}   "
          f"{ms([i for i, _, _, _ in rank_cold])} | {ms([i for i, _, _, _ in rank_warm])}")
    print(f"{'request ranking: goto → tab clicked, list shown':<46} {med['list_cold']:>16.0f} "
          f"{med['list_warm']:>16.0f}   {ms([v for _, v, _, _ in rank_cold])} | {ms([v for _, v, _, _ in rank_warm])}")
    print(f"{'requests page, no record: goto → idle':<46} {'':>16} {med['requests_warm']:>16.0f}   "
          f"{ms(requests_warm)}")
    click_warm = statistics.median(v - i for i, v, _, _ in rank_warm) * 1000
    click_cold = statistics.median(v - i for i, v, _, _ in rank_cold) * 1000

    def rerun_figures(loads: list) -> str:
        runs = [(run, drawn) for *_, run, drawn in loads if run is not None]
        if not runs:
            return "no rerun"
        return (f"the script ran {statistics.median(r for r, _ in runs) * 1000:.0f} ms, the list showed "
                f"{statistics.median(d for _, d in runs) * 1000:.0f} ms after it ended")

    reruns = sum(run is not None for *_, run, _ in rank_cold + rank_warm)
    print(f"The tab click reran the page in {reruns} of {len(rank_cold + rank_warm)} loads: the ranking is computed "
          + (f"by that rerun (lazy tabs). Medians, as the page saw them: cold, {rerun_figures(rank_cold)}; warm, "
             f"{rerun_figures(rank_warm)}." if reruns else "by the page load (every tab runs in it)."))
    print(f"Where the ranking page's time goes (medians): the requests page alone {med['requests_warm']:.0f} ms "
          f"(warm); the record adds {med['idle_warm'] - med['requests_warm']:.0f} ms to idle warm, "
          f"{med['idle_cold'] - med['requests_warm']:.0f} ms cold; from idle, the click to the list visible takes "
          f"{click_warm:.0f} ms warm, {click_cold:.0f} ms cold; matching.rank alone takes {rank_ms:.0f} ms server "
          "side (a cold load pays it once, a warm one reads it from the cache).")
    cold_limit, warm_limit = BROWSER_RATIO * med["pool_cold"], BROWSER_RATIO * med["pool_warm"]
    # The measure: from opening a request's ranking tab to the ranked list shown, against the talent pool
    # page shown. Opening the request's record first (goto → idle) is given too, as information.
    return [
        ("browser, cold: ranking tab opened → list shown vs talent pool",
         f"{click_cold:.0f} vs {med['pool_cold']:.0f} ms ({click_cold / med['pool_cold']:.2f}×)",
         f"< {BROWSER_RATIO:g}× = {cold_limit:.0f} ms", click_cold < cold_limit),
        ("browser, warm cache: the same (information)",
         f"{click_warm:.0f} vs {med['pool_warm']:.0f} ms ({click_warm / med['pool_warm']:.2f}×)",
         f"({BROWSER_RATIO:g}× = {warm_limit:.0f} ms)", None),
        ("browser, cold: request opened, tab clicked, list shown (info)",
         f"{med['list_cold']:.0f} vs {med['pool_cold']:.0f} ms ({med['list_cold'] / med['pool_cold']:.2f}×)",
         f"({BROWSER_RATIO:g}× = {cold_limit:.0f} ms)", None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="server side only")
    args = parser.parse_args()
    if args.repeat > len(COLD_POOL_FILTERS):
        parser.error(f"--repeat at most {len(COLD_POOL_FILTERS)} (one distinct talent pool filter per cold load)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["HYC_SECRET_FILE"] = str(tmp / "hyc.secret")  # the server's too: nothing written in the tree
        path = tmp / "bench.duckdb"
        engine = schema.open_store(f"duckdb:///{path}")
        load = os.getloadavg()
        started = time.perf_counter()
        demo.build(engine, scale=args.scale, seed=1, today=TODAY)
        counts = db.table_counts(engine)
        print(f"scale {args.scale:g}: {counts['caregiver']:,} caregivers, {counts['request']:,} requests "
              f"(built in {time.perf_counter() - started:.0f} s); load average before the build "
              f"{' '.join(f'{x:.1f}' for x in load)} on {os.cpu_count()} cores (run on an idle machine)")
        rows, ids = server_side(engine, args.repeat)
        warm_id = ids[LARGEST]
        shape = db.read_df(engine, "select mission_type, work_mode from request where id = ?", [warm_id]).iloc[0]
        cold_ids = first_request(engine, f"{SHAPES[LARGEST]} and work_mode = '{shape.work_mode}'", (warm_id,),
                                 args.repeat)
        rank_ms = median_ms(lambda: matching.rank(engine, warm_id, TODAY), args.repeat)
        engine.dispose()  # the server opens the file next: one process at a time
        if not args.no_browser:
            try:
                rows += browser_side(path, tmp, warm_id, cold_ids, args.repeat, rank_ms)
            except Exception as exc:  # a page that never showed: a failure, reported without duckdb's teardown
                print(f"\nbrowser run failed: {type(exc).__name__}: {exc}")
                rows.append(("browser: ranking list shown vs talent pool", "no figure", f"< {BROWSER_RATIO:g}×",
                             False))
    print(f"\nload average (1, 5, 15 min) at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    print(f"\n{'figure':<60} {'measured':<30} {'target':<24} result")
    for figure, measured, target, passed in rows:
        print(f"{figure:<60} {measured:<30} {target:<24} {'info' if passed is None else 'PASS' if passed else 'FAIL'}")
    ok = all(passed is not False for *_, passed in rows)
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
