"""python -m hyc: see hyc.cli."""

import os
import sys

from hyc.cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
# Everything is closed by now; skipping interpreter teardown avoids duckdb's nanobind "leaked" report,
# printed at exit when SQLAlchemy's ORM and a DuckDB DataFrame result met in one process.
os._exit(code)
