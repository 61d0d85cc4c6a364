"""The founders' SQL console: one read-only statement over the store, checked by parsing it, then run where the
database itself cannot reach a file; its result capped, its time limited, each query an audit event.

Two locks, each enough alone:
- the statement is parsed (sqlglot, DuckDB's dialect) and allowed only if it is one query (SELECT, UNION, …,
  with CTEs), every node of it a read, every table one of the store's, every function known to compute rather
  than to reach outside (no read_csv, glob, getenv…);
- it runs in an in-memory DuckDB opened with external access off and its configuration locked, holding only the
  tables the statement names, copied from the store (secret columns left out): no file, URL or setting there.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

import duckdb
import pandas as pd
import sqlglot
from sqlalchemy import Engine
from sqlglot import exp

from hyc import audit, db, models
from hyc.audit import Actor, WriteError
from hyc.i18n import Message
from hyc.reads.pivot import MEASURES

ROW_LIMIT = 10_000
TIME_LIMIT = 10.0  # seconds
MEMORY_LIMIT = "1GB"
# What the console may read: the domain's tables, without what is secret (password hashes).
TABLES = {m.__tablename__: [c.name for c in m.__table__.columns if c.name != "password_hash"]
          for m in models.DOMAIN_TABLES}
# Nodes that write, define, configure or reach outside: refused wherever they appear (a CTE included).
FORBIDDEN = tuple(getattr(exp, name) for name in (
    "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "Command", "Pragma", "Set", "Copy", "Attach",
    "Detach", "Use", "Transaction", "Commit", "Rollback", "Into", "Export", "Install", "Load", "LoadData")
    if hasattr(exp, name))  # (a name sqlglot does not model parses as a Command, refused too)
# Functions sqlglot does not model but that only compute; any other unmodelled name is refused.
SAFE_UNMODELLED = frozenset({"now", "today", "age", "dayname", "monthname", "strip_accents", "list_sort",
                             "array_length", "isoyear", "weekofyear", "yearweek", "nullif", "greatest", "least"})


class Refused(WriteError):
    """A statement the console does not run, with why in one sentence."""


@dataclass(frozen=True)
class Result:
    rows: pd.DataFrame  # the first ROW_LIMIT rows
    total: int  # every row the query gave
    seconds: float


def check(sql: str) -> tuple[exp.Expression, list[str]]:
    """The parsed statement and the store tables it reads, or Refused saying why."""
    tree = _one_query(sql)
    for node in tree.walk():
        _allowed(node)
    return tree, _store_tables(tree)


def _one_query(sql: str) -> exp.Query:
    text = (sql or "").strip().rstrip(";").strip()
    if not text:
        raise Refused(Message("console.empty"))
    try:
        statements = [s for s in sqlglot.parse(text, read="duckdb") if s is not None]
    except sqlglot.errors.ParseError:
        raise Refused(Message("console.unreadable")) from None
    if len(statements) != 1:
        raise Refused(Message("console.one_statement"))
    if not isinstance(statements[0], exp.Query):
        raise Refused(Message("console.read_only", what=text.split()[0].upper()))
    return statements[0]


def _allowed(node: exp.Expression) -> None:
    """A node that reads and computes; a write, a setting or a function that reaches outside is refused."""
    if isinstance(node, FORBIDDEN):
        raise Refused(Message("console.read_only", what=node.key.upper()))
    if isinstance(node, exp.Anonymous) and node.name.lower() not in SAFE_UNMODELLED:
        raise Refused(Message("console.function", name=node.name))
    if isinstance(node, exp.Func) and node.key.startswith("read"):  # read_csv, read_parquet, read_json…
        raise Refused(Message("console.function", name=node.sql_name()))


def _store_tables(tree: exp.Query) -> list[str]:
    """The store's tables the statement reads (a name of its own CTEs aside); anything else as a table is
    refused: a file path, a table function, another database's table."""
    aliases = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    tables = set()
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier) or table.args.get("db") or table.args.get("catalog"):
            raise Refused(Message("console.table", name=table.sql(dialect="duckdb")))
        if table.name in aliases:
            continue
        if table.name not in TABLES:
            raise Refused(Message("console.table", name=table.name))
        tables.add(table.name)
    return sorted(tables)


def _sandbox(engine: Engine, tables: list[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory database that cannot reach a file, holding copies of `tables`."""
    sandbox = duckdb.connect(":memory:", config={"enable_external_access": False, "memory_limit": MEMORY_LIMIT,
                                                 "lock_configuration": True})
    with db.raw(engine) as con:
        for name in tables:
            columns = ", ".join(f'"{c}"' for c in TABLES[name])
            sandbox.register(name, con.sql(f'select {columns} from "{name}"').to_arrow_table())
    return sandbox


def run(engine: Engine, actor: Actor, sql: str, *, time_limit: float = TIME_LIMIT,
        row_limit: int = ROW_LIMIT) -> Result:
    """Check and run one read-only statement; every attempt, refused or run, is an audit event."""
    audit.require(actor, "team")  # founders
    started = time.perf_counter()
    try:
        tree, tables = check(sql)
        sandbox = _sandbox(engine, tables)
        timer = threading.Timer(time_limit, sandbox.interrupt)
        timer.start()
        try:
            reader = sandbox.sql(tree.sql(dialect="duckdb")).to_arrow_reader(2048)
            kept, total = [], 0
            for batch in reader:
                if total < row_limit:
                    kept.append(batch.slice(0, row_limit - total))
                total += batch.num_rows
        except duckdb.InterruptException:
            raise Refused(Message("console.too_slow", seconds=f"{time_limit:g}")) from None
        except duckdb.Error as exc:
            raise Refused(Message("console.failed", reason=str(exc).splitlines()[0][:300])) from None
        finally:
            timer.cancel()
            sandbox.close()
        rows = pd.concat([b.to_pandas() for b in kept]) if kept else reader.schema.empty_table().to_pandas()
    except Refused as refusal:
        _record(engine, actor, sql, refused=str(refusal.message))
        raise
    result = Result(rows.reset_index(drop=True), total, time.perf_counter() - started)
    _record(engine, actor, sql, rows=total)
    return result


def _record(engine: Engine, actor: Actor, sql: str, **outcome) -> None:
    with audit.transaction(engine, actor, "team") as session:
        audit.log(session, actor, "query", "store", None, None, {"sql": sql[:5000], **outcome})


# --- Saved questions ---------------------------------------------------------------------------------------


def save_question(engine: Engine, actor: Actor, name: str, sql: str) -> models.SavedQuestion:
    """Keep a statement the console would run under a name of its own, for the whole team (founders)."""
    audit.require(actor, "team")
    check(sql)  # only what the console would run is kept
    return _save(engine, actor, name, "sql", sql.strip())


def save_pivot(engine: Engine, actor: Actor, name: str, measure: str,
               dimensions: tuple[str, ...]) -> models.SavedQuestion:
    """Keep a pivot (its measure and dimensions) under a name of its own, for the team (those who write)."""
    if measure not in MEASURES or not 1 <= len(dimensions) <= 2 or any(
            d not in MEASURES[measure].dimensions for d in dimensions):
        raise Refused(Message("console.pivot_unknown"))
    return _save(engine, actor, name, "pivot", json.dumps({"measure": measure, "dimensions": list(dimensions)}))


def _save(engine: Engine, actor: Actor, name: str, kind: str, body: str) -> models.SavedQuestion:
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise Refused(Message("console.name_needed"))
    area = "team" if kind == "sql" else "questions"
    try:
        with audit.transaction(engine, actor, area) as session:
            question = models.SavedQuestion(name=name, kind=kind, body=body, author_id=actor.id)
            session.add(question)
            session.flush()
            audit.log(session, actor, "create", "saved_question", question.id, None, audit.snapshot(question))
    except audit.DuplicateKey:
        raise Refused(Message("console.name_taken")) from None
    return question
