"""What the benchmarks share: the demo store they time, built afresh or copied from one given."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from hyc import demo, schema

TODAY = date(2026, 11, 23)


def demo_store(path: Path, copy_of: Path | None = None, scale: float = 50.0) -> Path:
    """`path` holding a copy of the store `copy_of` (a run must not change it), or a demo store built at `scale`."""
    if copy_of:
        path.write_bytes(Path(copy_of).read_bytes())
    else:
        engine = schema.open_store(f"duckdb:///{path}")
        demo.build(engine, scale=scale, seed=1, today=TODAY)
        engine.dispose()
    return path


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


@contextmanager
def bench_store(copy_of: Path | None, scale: float = 50.0) -> Iterator[tuple[Path, Path]]:
    """A temporary folder and the store a run times in it (see demo_store), the servers' key file kept there too
    (nothing written in the tree); the load average printed before and after the run."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["HYC_SECRET_FILE"] = str(tmp / "hyc.secret")
        path = demo_store(tmp / "bench.duckdb", copy_of, scale)
        print(f"load average before: {load_average()} on {os.cpu_count()} cores")
        yield tmp, path
        print(f"load average after: {load_average()}")
