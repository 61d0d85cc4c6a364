"""Benchmark: the sidebar's search over every kind of record (hyc.search.find_everything), server side, on a demo
store at scale 50 (75,000 caregivers).

Target: every search under 150 ms, whatever kind of key is typed. Keys are taken from the store itself: a fragment
of a caregiver's last name, an e-mail, an RPPS, a phone written three ways and in part, a fragment of an
organisation's name, a contact's name, a word of a request's title, and a single letter (the widest search).
Each is timed as the median of `--repeat` runs after one warm-up.
Run: .venv/bin/python bench/bench_search.py [--scale 50] [--repeat 5] [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hyc import db, demo, schema, search, validation  # noqa: E402

TODAY = date(2026, 11, 23)
TARGET_MS = 150


def keys(engine) -> dict[str, str]:
    """Real keys from the store, the first of each kind by id."""
    last_name, email, rpps, phone = db.read_df(engine, """
        select last_name, email, rpps, phone from caregiver
        where erased_at is null and email is not null and rpps is not null and phone like '+33%'
        order by id limit 1""").iloc[0]
    organisation = db.scalar(engine, "select name from organisation order by id limit 1")
    contact = db.scalar(engine, "select concat_ws(' ', first_name, last_name) from contact order by id limit 1")
    title = db.scalar(engine, "select title from request order by id limit 1")
    spaced = validation.phone_display(phone)  # 06 12 34 56 78
    return {
        "caregiver's last name, 4 letters": last_name[:4].lower(),
        "caregiver's e-mail": email,
        "RPPS": rpps,
        "phone, spaced": spaced,
        "phone, E.164": phone,
        "phone, dotted": spaced.replace(" ", "."),
        "phone, a part": spaced[3:11],
        "organisation's name, 5 letters": organisation[:5],
        "contact's name": contact,
        "request's title word": max(title.split(), key=len),
        "a single letter": "e",
    }


def timed(engine, text: str, repeat: int) -> tuple[float, dict[str, int]]:
    found = search.find_everything(engine, text)  # warm-up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        search.find_everything(engine, text)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000, {kind: f.total for kind, f in found.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--store", type=Path, help="a demo store to copy rather than build (bench/stores.py's)")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        if args.store:
            shutil.copy(args.store, path)
        engine = schema.open_store(f"duckdb:///{path}")
        if not args.store:
            demo.build(engine, scale=args.scale, seed=1, today=TODAY)
        print(f"scale {args.scale:g}: {db.table_counts(engine)['caregiver']:,} caregivers; "
              f"median of {args.repeat} after one warm-up")
        print(f"{'key':<32} {'typed':<28} {'median (ms)':>11} {'target':>8}  found (caregiver/organisation/"
              "contact/request)")
        for name, text in keys(engine).items():
            median, totals = timed(engine, text, args.repeat)
            ok &= median < TARGET_MS
            print(f"{name:<32} {text[:28]:<28} {median:>11.1f} {f'< {TARGET_MS}':>8}  "
                  + " / ".join(str(totals[kind]) for kind in search.KINDS))
        engine.dispose()
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
