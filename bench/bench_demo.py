"""Benchmark: generate and bulk-load the demo data at scale 1 and 50 into fresh temporary stores.

Targets (issue 2): scale 1 under 10 s, scale 50 under 60 s on the 2-core machine.
Run: .venv/bin/python bench/bench_demo.py [--scales 1 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hyc import demo, schema  # noqa: E402

TARGETS = {1.0: 10.0, 50.0: 60.0}


def one_run(scale: float, seed: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = schema.open_store(f"duckdb:///{Path(tmp) / 'bench.duckdb'}")
        started = time.perf_counter()
        frames = demo.generate(scale, seed, date(2026, 11, 23))
        generated = time.perf_counter()
        counts = demo.load(engine, frames)
        loaded = time.perf_counter()
        engine.dispose()
    return generated - started, loaded - started, sum(counts.values())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 50.0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{'scale':>6} {'rows':>10} {'generate (s)':>13} {'total median (s)':>17} {'max (s)':>8} {'target':>7}")
    ok = True
    for scale in args.scales:
        runs = [one_run(scale, args.seed) for _ in range(args.repeat)]
        total = statistics.median(r[1] for r in runs)
        target = TARGETS.get(scale)
        ok &= target is None or total < target
        print(f"{scale:>6g} {runs[0][2]:>10,} {statistics.median(r[0] for r in runs):>13.2f} {total:>17.2f} "
              f"{max(r[1] for r in runs):>8.2f} {f'< {target:g}s' if target else '':>7}")
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # skip teardown: see hyc/__main__.py on duckdb's nanobind report


if __name__ == "__main__":
    main()
