"""Benchmark: the SQL console (hyc.console.run) on a demo store at scale 50 (75,000 caregivers): what running each
query in a sandbox process of its own costs, and what the server keeps of a query built to knock it over.

For ordinary questions (a count, the natural question on a labelled view, the built-in "kinés d'Occitanie"
question, a count over the audit log, the largest table), the median time of `console.run` against the same
statement run straight on the store (the work itself, without the sandbox's start and copies), each run a second
after the one before, as a person reads an answer before asking again (the console has a child process waiting by
then: `console.warm`); and the same asked back to back, the next child still starting. Then the hostile
queries of issue 29 with the default 10 s limit: the time each took to answer, and the server's resident memory
after each (this process is the server here).

Targets: an ordinary question answered within 1.5 s at scale 50; each hostile query answered within the time limit
plus 2 s, the server under 1 GB after each.
Run: .venv/bin/python bench/bench_console.py [--scale 50] [--repeat 5] [--store PATH]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stores import bench_store  # noqa: E402
from hyc import console, db, schema  # noqa: E402
from hyc.audit import Actor  # noqa: E402

FOUNDER = Actor(1, "fondateur", "Claire Dubois")
ORDINARY = {
    "count": ("select count(*) from caregiver", "select count(*) from caregiver"),
    "labelled view": ("select id, last_name from caregiver_fr where profession = 'Masseur-kinésithérapeute' "
                      "and region = 'Occitanie'",
                      "select id, last_name from caregiver where profession = 'masseur_kinesitherapeute' "
                      "and region = '76'"),
    "kinés example": (dict(console.EXAMPLES)["console.example.kines_occitanie"],
                      """select c.id, c.first_name, c.last_name, c.departement, count(*) from caregiver c
                         join match m on m.caregiver_id = c.id
                         where c.profession = 'masseur_kinesitherapeute' and c.region = '76'
                           and m.stage = 'terminee' and not c.archived and c.erased_at is null
                         group by all order by c.last_name, c.first_name"""),
    "audit log": ("select action, count(*) from audit_event group by all",
                  "select action, count(*) from audit_event group by all"),
}
HOSTILE = (
    "select count(*) from caregiver a, caregiver b, caregiver c",
    "with recursive r(n) as (select 1 union all select n+1 from r) select * from r",
    "SELECT repeat('x', 200000000) AS s FROM caregiver",
    "SELECT repeat('x', 2000000000)",
)
TARGET_S, MARGIN_S, MEMORY = 1.5, 2.0, 2**30


def resident() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def timed(run, repeat: int, pause: float = 0.0) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        time.sleep(pause)
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    missed = 0
    with bench_store(args.store, args.scale) as (_, path):
        engine = schema.open_store(f"duckdb:///{path}")
        print(f"caregivers: {db.scalar(engine, 'select count(*) from caregiver'):,}, "
              f"audit events: {db.scalar(engine, 'select count(*) from audit_event'):,}")
        print(f"{'question':<16}{'console':>10}{'back to back':>14}{'straight':>10}")
        for name, (sql, straight) in ORDINARY.items():
            console_s = timed(lambda sql=sql: console.run(engine, FOUNDER, sql), args.repeat, pause=1.0)
            rushed_s = timed(lambda sql=sql: console.run(engine, FOUNDER, sql), args.repeat)
            straight_s = timed(lambda straight=straight: db.read_df(engine, straight), args.repeat)
            missed += console_s > TARGET_S
            print(f"{name:<16}{console_s:>9.2f}s{rushed_s:>13.2f}s{straight_s:>9.2f}s"
                  f"{'  MISSED' if console_s > TARGET_S else ''}")
        print(f"\n{'hostile query':<62}{'answer':>8}{'server RSS':>12}  sentence")
        for sql in HOSTILE:
            started = time.perf_counter()
            try:
                console.run(engine, FOUNDER, sql)
                said = "(a result)"
            except console.Refused as refusal:
                said = str(refusal.message)
            waited = time.perf_counter() - started
            gc.collect()
            rss = resident()
            bad = waited > console.TIME_LIMIT + MARGIN_S or rss > MEMORY
            missed += bad
            print(f"{sql[:60]:<62}{waited:>7.1f}s{rss / 2**20:>9.0f} MB  {said[:60]}{'  MISSED' if bad else ''}")
        engine.dispose()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
