"""Benchmark: each page's server-side run under AppTest, on demo stores at scale 1 and 50.

Targets (issue 3): every page under 1 s at scale 1 and under 2 s at scale 50. "cold" clears Streamlit's
caches first (the first visit after a write); "warm" is the next run with cached readers.
Run: .venv/bin/python bench/bench_pages.py [--scales 1 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from hyc import db, demo  # noqa: E402

TODAY = date(2026, 11, 23)
# Each page as opened from the menu, plus the records with their forms (the heaviest runs of their page).
PAGES = {
    "overview": {}, "call_log": {}, "talent_pool": {}, "requests": {}, "matches": {}, "mentoring": {}, "rates": {},
    "talent_pool?caregiver=1": {"caregiver": "1"}, "requests?request=1": {"request": "1"},
    "requests?organisation=1": {"organisation": "1"},
    "privacy": {}, "audit_log": {}, "team": {}, "pivot": {}, "console": {},
}
TARGETS = {1.0: 1.0, 50.0: 2.0}


def timed_run(name: str, **query) -> float:
    # As the server does: app.py (navigation only), then the page.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["today"] = TODAY
    # Signed in as the demo's first fondatrice, who sees every page (hyc.ui.auth keeps these two).
    at.session_state["auth.member_id"] = 1
    at.session_state["auth.last_seen"] = datetime.now(UTC).replace(tzinfo=None)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{name}.py")
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception[0].message}")
    if not at.title or at.title[0].value == "Connexion":
        raise RuntimeError(f"{name}: the page did not run signed in")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 50.0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ok = True
    print(f"{'scale':>5} {'page':<26} {'cold median (s)':>16} {'cold max (s)':>13} {'warm median (s)':>16} "
          f"{'target':>7}")
    for scale in args.scales:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.duckdb"
            engine = db.open_store(f"duckdb:///{path}")
            demo.build(engine, scale=scale, seed=1, today=TODAY)
            engine.dispose()
            os.environ["HYC_DB"] = str(path)
            os.environ["HYC_BACKUP_HOUR"] = "off"  # no scheduled backup in the middle of a timing
            timed_run("overview")  # imports and the first connection are not a page's cost
            for name, query in PAGES.items():
                page = name.split("?")[0]
                cold, warm = [], []
                for _ in range(args.repeat):
                    st.cache_data.clear()
                    cold.append(timed_run(page, **query))
                    warm.append(timed_run(page, **query))
                target = TARGETS.get(scale)
                ok &= target is None or statistics.median(cold) < target
                print(f"{scale:>5g} {name:<26} {statistics.median(cold):>16.3f} {max(cold):>13.3f} "
                      f"{statistics.median(warm):>16.3f} {f'< {target:g}s' if target else '':>7}")
            st.cache_resource.clear()
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
