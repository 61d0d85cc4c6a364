"""What the benchmarks share: the demo store they time, built afresh or copied from one given."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hyc import db, demo

TODAY = date(2026, 11, 23)


def demo_store(path: Path, copy_of: Path | None = None, scale: float = 50.0) -> Path:
    """`path` holding a copy of the store `copy_of` (a run must not change it), or a demo store built at `scale`."""
    if copy_of:
        path.write_bytes(Path(copy_of).read_bytes())
    else:
        engine = db.open_store(f"duckdb:///{path}")
        demo.build(engine, scale=scale, seed=1, today=TODAY)
        engine.dispose()
    return path
