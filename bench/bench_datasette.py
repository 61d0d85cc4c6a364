"""Benchmark: the talent pool's filter change against Datasette, both in Chromium in the same run.

The app: on the talent pool at scale 50, signed in, "Médecin" picked in the sidebar's Profession filter → the new
count shown ("Soignants correspondant aux filtres : N") and the app idle. Datasette (installed in its own
environment, bench/.venv-datasette, never in the app's): the same caregiver rows exported to SQLite, its table
page filtered on profession = medecin with facets on profession, region and département (suggested facets off)
→ its row count shown. Alternating, median of --repeat after one warm-up of each. Target (issue 14): the app faster.

Run: .venv/bin/python bench/bench_datasette.py [--store PATH] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stores import bench_store  # noqa: E402
from hyc import db, schema, vocab  # noqa: E402
from hyc.ui.fmt import fmt_int  # noqa: E402
from tests.conftest import t  # noqa: E402

DATASETTE_ENV = ROOT / "bench" / ".venv-datasette"
WAIT_MS = 120_000
FACETS = ("profession", "region", "departement")


def datasette() -> Path:
    """Datasette's own environment, made once."""
    exe = DATASETTE_ENV / "bin" / "datasette"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_ENV)], check=True)
        subprocess.run([str(DATASETTE_ENV / "bin" / "pip"), "install", "-q", "datasette"], check=True)
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def export(store: Path, target: Path, indexed: bool) -> int:
    """The caregiver rows (every column) into SQLite, with an index on each facet's column or not; the number of
    doctors among them."""
    engine = schema.open_store(f"duckdb:///{store}")
    rows = db.read_df(engine, "select * from caregiver where not archived")
    engine.dispose()
    with sqlite3.connect(target) as con:
        rows.to_sql("caregiver", con, index=False)
        for column in FACETS if indexed else ():
            con.execute(f"create index caregiver_{column} on caregiver ({column})")
    return int((rows.profession == "medecin").sum())


def app_filter_change(page, url: str, doctors: int) -> float:
    from tests.browser.conftest import wait_idle

    page.goto(f"{url}/talent_pool")
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS)
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text=t("col.profession")).first
    box.click()
    option = page.get_by_role("option", name=vocab.PROFESSIONS.label("medecin", "fr"), exact=True)
    option.wait_for(timeout=WAIT_MS)
    count = t("pool.count", n=fmt_int(doctors))
    # Where the option is, found before the clock starts: Playwright's own click first checks that the element is
    # visible, stable and not covered (60–100 ms here), which no person's click costs and Datasette's side skips.
    box = option.bounding_box()
    started = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(count).first.wait_for(timeout=WAIT_MS)
    wait_idle(page, WAIT_MS, pause=0)  # the new run's output is shown: no pause needed
    return time.perf_counter() - started


def datasette_filter_change(page, url: str, doctors: int) -> float:
    facets = "&".join(f"_facet={column}" for column in FACETS)
    page.goto(f"{url}/pool/caregiver?{facets}")
    page.locator("h3").first.wait_for(timeout=WAIT_MS)
    started = time.perf_counter()
    page.goto(f"{url}/pool/caregiver?profession=medecin&{facets}")
    page.get_by_text(f"{doctors:,} row").first.wait_for(timeout=WAIT_MS)
    return time.perf_counter() - started


def main() -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server, sign_in

    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, help="a scale-50 demo store (copied first); built when not given")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-index", action="store_true", help="leave Datasette's SQLite table without indexes")
    args = parser.parse_args()
    exe = datasette()
    with bench_store(args.store) as (tmp, path):
        doctors = export(path, tmp / "pool.db", indexed=not args.no_index)
        port = free_port()
        other = subprocess.Popen([str(exe), "serve", str(tmp / "pool.db"), "--port", str(port), "--setting",
                                  "suggest_facets", "off"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = Server(path, tmp / "streamlit.log")
        try:
            for _ in range(60):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                sign_in(page, server.url, "fondateur")
                ours = [app_filter_change(page, server.url, doctors)]
                theirs = [datasette_filter_change(page, f"http://127.0.0.1:{port}", doctors)]
                for _ in range(args.repeat):
                    ours.append(app_filter_change(page, server.url, doctors))
                    theirs.append(datasette_filter_change(page, f"http://127.0.0.1:{port}", doctors))
                browser.close()
        finally:
            server.stop()
            other.terminate()
    app, other_ms = statistics.median(ours[1:]) * 1000, statistics.median(theirs[1:]) * 1000
    print(f"{doctors:,} doctors at scale 50; SQLite {'without' if args.no_index else 'with'} indexes on the facets; "
          "first (cold) and then each run, in ms")
    print(f"talent pool, profession → Médecin, new count shown: median {app:.0f}   "
          f"({' '.join(f'{v * 1000:.0f}' for v in ours)})")
    print(f"Datasette, filtered and faceted table page shown: median {other_ms:.0f}   "
          f"({' '.join(f'{v * 1000:.0f}' for v in theirs)})")
    ok = app < other_ms
    print(f"the app {'faster' if ok else 'SLOWER'} ({app / other_ms:.2f} × Datasette's time)")
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
