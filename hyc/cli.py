"""Command line: python -m hyc init | demo | counts.

Errors a person can act on (a locked store, a non-empty store) are one sentence on stderr and exit
status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from hyc import config, db, demo


def _init(args: argparse.Namespace) -> int:
    engine = db.open_store()
    try:
        if args.demo_if_empty and sum(db.table_counts(engine).values()) == 0:
            started = time.perf_counter()
            counts = demo.build(engine, scale=args.scale, seed=args.seed)
            print(f"Base créée avec des données de démonstration ({counts['caregiver']} soignants) "
                  f"en {time.perf_counter() - started:.1f} s : {config.load().db_path}")
        else:
            print(f"Base prête : {config.load().db_path}")
    finally:
        engine.dispose()
    return 0


def _demo(args: argparse.Namespace) -> int:
    engine = db.open_store()
    try:
        started = time.perf_counter()
        counts = demo.build(engine, scale=args.scale, seed=args.seed, today=args.today, reset=args.reset)
        elapsed = time.perf_counter() - started
    finally:
        engine.dispose()
    summary = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"Démo chargée en {elapsed:.1f} s (échelle {args.scale:g}, graine {args.seed}) : {summary}")
    return 0


def _counts(_args: argparse.Namespace) -> int:
    engine = db.open_store()
    try:
        for name, n in db.table_counts(engine).items():
            print(f"{name:20} {n:>10}")
    finally:
        engine.dispose()
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m hyc", description="Hack Your Care : outils de la base.")
    sub = p.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="crée la base ou la met à jour")
    init.add_argument("--demo-if-empty", action="store_true", help="charge la démo si la base est vide")
    init.add_argument("--scale", type=float, default=config.load().demo_scale)
    init.add_argument("--seed", type=int, default=1)
    init.set_defaults(run=_init)
    dm = sub.add_parser("demo", help="charge des données de démonstration réalistes")
    dm.add_argument("--scale", type=float, default=1.0, help="1 ≈ 1 500 soignants ; 50 ≈ 75 000")
    dm.add_argument("--seed", type=int, default=1)
    dm.add_argument("--today", type=date.fromisoformat, default=None,
                    help="dernier jour de l'historique (AAAA-MM-JJ ; aujourd'hui par défaut)")
    dm.add_argument("--reset", action="store_true", help="efface toutes les données avant de charger")
    dm.set_defaults(run=_demo)
    counts = sub.add_parser("counts", help="nombre de lignes par table")
    counts.set_defaults(run=_counts)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except db.StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1

