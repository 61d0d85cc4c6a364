"""The founders' SQL console: one read-only statement over the store, checked by parsing it, then run in a process
of its own where the database cannot reach a file; its result capped, its time and memory bounded, each attempt an
audit event, each way it can end a sentence in the reader's language.

Two locks, each enough alone:
- the statement is parsed (sqlglot, DuckDB's dialect) and allowed only if it is one query (SELECT, UNION, …,
  with CTEs), every node of it a read, every table one of the store's (or a view of them with labels for codes),
  every function known to compute rather than to reach outside (no read_csv, glob, getenv…);
- it runs in an in-memory DuckDB opened with external access off and its configuration locked, holding only the
  tables the statement names, copied from the store (secret columns left out): no file, URL or setting there.

And a fence around the second: that DuckDB lives in a child process (`_child`), which the server kills at the time
limit or past SANDBOX_RSS of memory. DuckDB's own interrupt and memory limit are not enough alone: the interrupt is
checked between chunks of rows, so one huge value (`repeat('x', 2000000000)`) ran on for a minute with the server at
4 GB, and the memory limit counts neither a value being built nor the Arrow copy of a result. Here whatever a query
builds, it builds in the child, whose memory goes with it; the server reads back the first rows, at most
RESULT_BYTES of them, and each way a query ends is a sentence of ours (`explained`), never DuckDB's English.
"""

from __future__ import annotations

import inspect
import json
import logging
import math
import os
import re
import select
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import IO

import pandas as pd
import pyarrow as pa
import sqlglot
from sqlalchemy import Engine
from sqlglot import exp

from hyc import audit, db, models, vocab
from hyc.audit import Actor, WriteError
from hyc.i18n import Figure, Message
from hyc.reads.pivot import MEASURES

log = logging.getLogger(__name__)

ROW_LIMIT = 10_000
TIME_LIMIT = 10.0  # seconds
SANDBOX_MEMORY = "300MB"  # DuckDB's own limit in the child: what its joins, sorts and aggregates may hold
# What DuckDB's limit does not count (a value being built, the Arrow copy of a result) the server watches: past
# SANDBOX_RSS of resident memory the child is killed. Its address space is capped too, so that one absurd
# allocation fails at once as DuckDB's "Out of Memory": not lower, as its allocators map twice or more what they
# use (2 GB of address space for 200 MB resident, seen with duckdb 2.0).
SANDBOX_RSS = 2**30
SANDBOX_ADDRESS_SPACE = 4 * 2**30
WATCH = 0.02  # seconds between two looks at the child's memory
RESULT_BYTES = 64 * 2**20  # the most the rows brought back to the server may weigh (Arrow)
LOAD_LIMIT = 60.0  # seconds for the child to start and take the copies: the app's work, not the query's
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

# --- Codes and their labels ------------------------------------------------------------------------------------
# The store holds codes (`masseur_kinesitherapeute`, region `76`); people ask in words ("Masseur-kinésithérapeute",
# "Occitanie"). Each column holding a code of a vocabulary, table by table; CODE_LISTS hold several, comma-separated.
# The store's coded columns (hyc.vocab), readable in the console's views.
CODES = vocab.COLUMN_CODES
CODE_LISTS = vocab.COLUMN_CODE_LISTS
LANGS = ("fr", "en")
# Each table with codes, readable: `caregiver_fr` is `caregiver` with its codes replaced by their French labels
# (`caregiver_en`, English), so that `where profession = 'Masseur-kinésithérapeute'` reads as it is written.
VIEWS = {f"{table}_{lang}": (table, lang) for table in TABLES if table in CODES or table in CODE_LISTS
         for lang in LANGS}
# And every code with its labels, to join on: label(vocabulary, code, fr, en).
LABELS = "label"
_VOCAB_NAMES = {id(v): name.lower() for name, v in vars(vocab).items() if isinstance(v, vocab.Vocab)}
_VOCAB_NAMES[id(vocab.DEPARTEMENT_NAMES)] = "departements"
VOCABULARIES = {_VOCAB_NAMES[id(v)]: v for columns in (*CODES.values(), *CODE_LISTS.values())
                for v in columns.values()}

# --- Built-in questions ------------------------------------------------------------------------------------------
# Offered beside the team's saved questions: written in code, they cannot be lost. Each is the name's catalog key
# and its statement.
EXAMPLES: tuple[tuple[str, str], ...] = (
    # "Ayant fait une mission": at least one match at stage « Terminée », the end of the path (no move out of it).
    ("console.example.kines_occitanie", """\
select c.id, c.first_name, c.last_name, c.departement, count(*) as missions_terminees
from caregiver_fr c
join match_fr m on m.caregiver_id = c.id
where c.profession = 'Masseur-kinésithérapeute' and c.region = 'Occitanie' and m.stage = 'Terminée'
  and not c.archived and c.erased_at is null
group by all
order by c.last_name, c.first_name"""),
    ("console.example.pool", """\
select profession, region, count(*) as soignants
from caregiver_fr
where not archived and erased_at is null
group by all
order by soignants desc"""),
    ("console.example.open_requests", """\
select status, priority, count(*) as besoins
from request_fr
where not archived and status in ('Nouvelle', 'Qualifiée', 'En recherche', 'Candidats proposés')
group by all
order by besoins desc"""),
)


class Refused(WriteError):
    """A statement the console does not run, with why in one sentence."""


class Failed(Refused):
    """A statement that ran and did not end with a result (too slow, too big, an error of the database), said in
    one sentence that quotes nothing of DuckDB's English."""


@dataclass(frozen=True)
class Result:
    rows: pd.DataFrame  # the first ROW_LIMIT rows
    total: int  # every row the query gave
    seconds: float


def check(sql: str) -> tuple[exp.Expression, list[str]]:
    """The parsed statement and the names it reads (store tables, their labelled views, `label`), or Refused
    saying why."""
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
    """The store's tables, labelled views and `label` the statement reads (a name of its own CTEs aside); anything
    else as a table is refused: a file path, a table function, another database's table."""
    aliases = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    tables = set()
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier) or table.args.get("db") or table.args.get("catalog"):
            raise Refused(Message("console.table", name=table.sql(dialect="duckdb")))
        if table.name in aliases:
            continue
        if table.name not in TABLES and table.name not in VIEWS and table.name != LABELS:
            raise Refused(Message("console.table", name=table.name))
        tables.add(table.name)
    return sorted(tables)


def _named(tree: exp.Query) -> exp.Query:
    """The statement with each unnamed column of its result named as the person wrote it (`count(*)`, where DuckDB
    would say `count_star()`); a column read as it is keeps its name, an alias stays."""
    tree = tree.copy()
    first = tree
    while not isinstance(first, exp.Select):  # a union's columns are named by its first select
        first = first.this  # (a union's first part, a parenthesised query's inside)
        if not isinstance(first, exp.Query):
            return tree
    named = []
    for column in first.expressions:
        # A star, COLUMNS(…) or unnest(…) stand for several columns: one name would not fit them.
        if not isinstance(column, exp.Alias | exp.Column | exp.Star | exp.Columns | exp.Explode):
            text = " ".join(column.sql(dialect="duckdb", normalize_functions="lower").split())
            column = exp.alias_(column, text if len(text) <= 60 else text[:59] + "…", quoted=True)
        named.append(column)
    first.set("expressions", named)
    return tree


def run(engine: Engine, actor: Actor, sql: str, *, time_limit: float | None = None,
        row_limit: int = ROW_LIMIT) -> Result:
    """Check and run one read-only statement; every attempt, refused, failed or run, is an audit event with its
    text. `time_limit` (seconds, TIME_LIMIT unless given) bounds the query itself; a sentence says the time it
    really took."""
    audit.require(actor, "team")  # founders
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    started = time.perf_counter()
    try:
        tree, names = check(sql)
    except Refused as refusal:
        _record(engine, actor, sql, refused=str(refusal.message))
        raise
    answer = _sandboxed(_copies(engine, names), _named(tree).sql(dialect="duckdb"), time_limit=time_limit,
                        row_limit=row_limit)
    seconds = time.perf_counter() - started
    if answer.rows is None:
        failure = _failure(answer, seconds, time_limit)
        _record(engine, actor, sql, failed=failure.key.removeprefix("console."), seconds=round(seconds, 2))
        raise Failed(failure)
    _record(engine, actor, sql, rows=answer.total)
    return Result(answer.rows.to_pandas(), answer.total, seconds)


def _record(engine: Engine, actor: Actor, sql: str, **outcome) -> None:
    with audit.transaction(engine, actor, "team") as session:
        audit.log(session, actor, "query", "store", None, None, {"sql": sql[:5000], **outcome})


# --- The sandbox: what it holds ----------------------------------------------------------------------------------


def _copies(engine: Engine, names: list[str]) -> dict:
    """What the sandbox holds for a statement reading `names`: copies of the store's tables (those of the views
    included), the labels when a view or `label` is read, and the views."""
    tables = sorted({VIEWS[name][0] if name in VIEWS else name for name in names if name != LABELS})
    copies = {}
    with db.raw(engine) as con:
        for name in tables:
            columns = ", ".join(f'"{c}"' for c in TABLES[name])
            copies[name] = con.sql(f'select {columns} from "{name}"').to_arrow_table()
    if LABELS in names:
        copies[LABELS] = label_table()
    views = [_view(name) for name in names if name in VIEWS]
    return {"tables": copies, "views": views}


def label_table() -> pa.Table:
    """Every code of the console's vocabularies with its labels: label(vocabulary, code, fr, en)."""
    rows = [(name, term.code, term.fr, term.en) for name, terms in VOCABULARIES.items() for term in terms]
    return pa.table(dict(zip(("vocabulary", "code", "fr", "en"), zip(*rows, strict=True), strict=True)))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _labelled(expression: str, terms: vocab.Vocab, lang: str) -> str:
    """SQL giving the label of the code `expression` holds; a code the vocabulary does not know stays itself."""
    cases = " ".join(f"when {_literal(term.code)} then {_literal(term.label(lang))}" for term in terms)
    return f"case {expression} {cases} else {expression} end"


def _view(name: str) -> str:
    """The statement defining a labelled view: its table's columns in order, each code replaced by its label (each
    code of a list, the labels joined by ", ")."""
    table, lang = VIEWS[name]
    replaced = [f'{_labelled(_quoted(column), terms, lang)} as {_quoted(column)}'
                for column, terms in CODES.get(table, {}).items()]
    replaced += [f"array_to_string(list_transform(string_split({_quoted(column)}, ','), lambda code: "
                 f"{_labelled('code', terms, lang)}), ', ') as {_quoted(column)}"
                 for column, terms in CODE_LISTS.get(table, {}).items()]
    return f'create view "{name}" as select * replace ({", ".join(replaced)}) from "{table}"'


# --- The sandbox: its process ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    rows: pa.Table | None = None  # the first rows, when the query ended with a result
    total: int = 0
    error: str = ""  # DuckDB's (or Arrow's, Python's) message, read to choose a sentence, never shown
    # Why the server ended it: "time" (the limit), "memory" (its resident memory), "size" (it sent too much);
    # "died": it ended without a word (a crash).
    stopped: str = ""


def _sandboxed(copies: dict, sql: str, *, time_limit: float, row_limit: int) -> _Answer:
    """Run `sql` over `copies` in a child process: its answer, or how it was ended."""
    job = {"sql": sql, "tables": list(copies["tables"]), "views": copies["views"], "memory": SANDBOX_MEMORY,
           "row_limit": row_limit, "result_bytes": RESULT_BYTES, "alarm": math.ceil(LOAD_LIMIT + time_limit) + 1}
    blobs = [_ipc(table) for table in copies["tables"].values()]
    child, errors = _ready_child()
    with errors, child:
        try:
            _send(child, job, blobs)
            said, stopped = _listen(child, time_limit)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
        answer = _Answer(stopped=stopped) if stopped else _read(said)
        if answer.stopped == "died":
            errors.seek(0)
            log.warning("console sandbox ended without an answer (status %s): %s", child.returncode,
                        errors.read(2000).decode(errors="replace"))
        return answer


# A child started ahead of the next query, DuckDB and Arrow already imported by the time it is asked (a quarter of a
# second of each query otherwise). Each child answers one query and ends: nothing of a query outlives it.
_spare: list[tuple[subprocess.Popen, IO[bytes]]] = []
_spare_lock = threading.Lock()


def _started_child() -> tuple[subprocess.Popen, IO[bytes]]:
    """A new sandbox process, which imports DuckDB and Arrow then waits for its job; its error output goes to a
    temporary file, read when it dies without an answer."""
    # -I: the child reads no environment variable and no file of the working directory before DuckDB's own.
    command = [sys.executable, "-I", "-c", f"{_CHILD_SOURCE}\n_child({SANDBOX_ADDRESS_SPACE})"]
    errors = tempfile.TemporaryFile()
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors), errors


def warm() -> None:
    """Have a child waiting for the next query (the console's page calls it as it opens)."""
    with _spare_lock:
        if _spare and _spare[0][0].poll() is None:
            return
        dead = _spare[:]
        _spare[:] = [_started_child()]
    for child, errors in dead:
        _discard(child, errors)


def _ready_child() -> tuple[subprocess.Popen, IO[bytes]]:
    """The waiting child when it is still alive, else a new one; another is started for the query after."""
    with _spare_lock:
        waiting = _spare.pop() if _spare else None
        _spare.append(_started_child())
    if waiting is not None and waiting[0].poll() is None:
        return waiting
    if waiting is not None:
        _discard(*waiting)
    return _started_child()


def _discard(child: subprocess.Popen, errors: IO[bytes]) -> None:
    """A child that died waiting (killed, or the machine short of memory): said in the log, its pipes closed."""
    errors.seek(0)
    log.warning("console sandbox ended while waiting (status %s): %s", child.poll(),
                errors.read(2000).decode(errors="replace"))
    for stream in (child.stdin, child.stdout, errors):
        stream.close()


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _send(child: subprocess.Popen, job: dict, blobs: list[bytes]) -> None:
    """The job, then each table, each preceded by its length; a child already gone is heard from by `_listen`."""
    head = json.dumps(job).encode()
    try:
        for part in (head, *blobs):
            child.stdin.write(struct.pack(">Q", len(part)) + part)
        child.stdin.close()
    except OSError:  # BrokenPipeError among them
        pass


def _listen(child: subprocess.Popen, time_limit: float) -> tuple[bytes, str]:
    """What the child said, and why it was stopped, if it was ("time", "memory", "size"). The time limit's clock
    starts when the child says it holds the copies (its first byte); its memory is looked at every WATCH seconds."""
    said, fd = bytearray(), child.stdout.fileno()
    deadline = time.monotonic() + LOAD_LIMIT
    while True:
        left = deadline - time.monotonic()
        stopped = ("time" if left <= 0 else "memory" if _resident(child.pid) > SANDBOX_RSS
                   else "size" if len(said) > RESULT_BYTES * 2 else "")
        if stopped:
            child.kill()
            return bytes(said), stopped
        if select.select([fd], [], [], min(left, WATCH))[0]:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return bytes(said), ""
            if not said:
                deadline = time.monotonic() + time_limit
            said += chunk


def _resident(pid: int) -> int:
    """A process's resident memory in bytes (0 where /proc does not tell)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _read(said: bytes) -> _Answer:
    """The child's answer: a ready byte, then a JSON head and, for a result, its rows as an Arrow stream."""
    if len(said) < 9 or said[:1] != b"R":
        return _Answer(stopped="died")
    (size,) = struct.unpack(">Q", said[1:9])
    try:
        head = json.loads(said[9:9 + size])
        if "error" in head:
            return _Answer(error=str(head["error"]))
        rows = pa.ipc.open_stream(said[9 + size:]).read_all()
    except (ValueError, pa.ArrowInvalid):
        return _Answer(stopped="died")  # its answer cut short
    return _Answer(rows=rows, total=int(head["total"]))


def _child(address_space: int) -> None:
    """The sandbox process: reads the job and the tables on stdin, runs the statement in an in-memory DuckDB that
    reaches no file, writes its answer on stdout. It starts with `python -I -c` and this function's own source, so
    it imports only DuckDB and Arrow (a quarter of a second, where the app's modules take nearly two)."""
    import json
    import os
    import resource
    import signal
    import struct
    import sys

    # Every allocation past this fails as an error DuckDB reports ("Out of Memory"), in this process only.
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    import duckdb
    import pyarrow as pa

    source, sink = sys.stdin.buffer, sys.stdout.buffer

    def part() -> bytes:
        (size,) = struct.unpack(">Q", source.read(8))
        return source.read(size)

    def answer(head: dict, body: bytes = b"") -> None:
        data = json.dumps(head).encode()
        sink.write(struct.pack(">Q", len(data)) + data + body)
        sink.flush()
        os._exit(0)  # nothing left to tidy: the process and all it holds go

    job = json.loads(part())
    signal.alarm(job["alarm"])  # should the server go before killing it, it still ends (SIGALRM's default)
    tables = {name: pa.ipc.open_stream(part()).read_all() for name in job["tables"]}
    con = duckdb.connect(":memory:", config={
        "enable_external_access": False, "autoinstall_known_extensions": False, "autoload_known_extensions": False,
        "memory_limit": job["memory"], "max_temp_directory_size": "0B", "threads": 1, "lock_configuration": True})
    for name, table in tables.items():
        con.register(name, table)
    for statement in job["views"]:
        con.execute(statement)
    sink.write(b"R")  # ready: the time limit starts now
    sink.flush()
    try:
        reader = con.sql(job["sql"]).to_arrow_reader(1024)
        kept, total, weight = [], 0, 0
        for batch in reader:
            if total < job["row_limit"]:
                kept.append(batch.slice(0, job["row_limit"] - total))
                weight += kept[-1].get_total_buffer_size()
                if weight > job["result_bytes"]:
                    answer({"error": "Result too big"})
            total += batch.num_rows
        out = pa.BufferOutputStream()
        with pa.ipc.new_stream(out, reader.schema) as writer:
            writer.write_table(pa.Table.from_batches(kept, schema=reader.schema))
        answer({"total": total}, out.getvalue().to_pybytes())
    except BaseException as error:  # any way a query ends: DuckDB's errors, Arrow's (OSError), MemoryError
        answer({"error": f"{type(error).__name__}: {error}"[:2000]})


# Read as the module loads: read later, a file changed on disk since (an update before the restart) would give the
# lines at the old places, and every child would die of a syntax error.
_CHILD_SOURCE = inspect.getsource(_child)


# --- How a query ended, in a sentence -----------------------------------------------------------------------------
# DuckDB's message → the sentence's key, the first that matches, and the name it quotes when there is one: names come
# from the statement itself, never a value of the data (a failure's sentence is kept in no audit event, its kind is).
_ERRORS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), key) for pattern, key in (
    (r"Out of Memory|bad.alloc|[Ff]ailed to allocate|could not allocate|MemoryError", "console.memory"),
    (r"Result too big|maximum total string size", "console.too_big"),
    (r'Referenced column "([^"]+)" not found', "console.unknown_column"),
    (r'does not have a column named "([^"]+)"', "console.unknown_column"),
    (r'Referenced table "([^"]+)" not found', "console.unknown_alias"),
    (r"Table with name (\S+?)!? does not exist", "console.table"),
    (r"Function with name (\S+?)!? does not exist", "console.unknown_function"),
    (r'column "([^"]+)" must appear in the GROUP BY', "console.group_by"),
    (r'Ambiguous reference to column name "([^"]+)"', "console.ambiguous"),
    (r"No function matches the given name and argument types '([^'(]+)\(", "console.argument_types"),
    (r"Set operations can only apply to expressions with the same number", "console.union_columns"),
    (r"Division by zero", "console.division_by_zero"),
    (r"More than one row returned by a subquery", "console.scalar_subquery"),
    (r"Parser Error", "console.unreadable"),
    (r"Conversion Error", "console.conversion"),
    (r"Out of Range Error", "console.out_of_range"),
    (r"Binder Error|Catalog Error", "console.names"),
    (r"Invalid Input Error", "console.invalid_input"),
))


def _failure(answer: _Answer, seconds: float, time_limit: float) -> Message:
    """The sentence for a query that gave no result."""
    if answer.stopped == "time":
        return Message("console.too_slow", seconds=Figure(seconds, digits=1), limit=Figure(time_limit, digits=1))
    if answer.stopped == "size":
        return Message("console.too_big")
    if answer.stopped:  # its memory, or a crash (most likely of memory too)
        return Message("console.memory")
    return explained(answer.error)


def explained(error: str) -> Message:
    """DuckDB's message said as one short sentence of ours; one we do not know gets a sentence that quotes none
    of it."""
    for pattern, key in _ERRORS:
        if found := pattern.search(error):
            return Message(key, name=found.group(1)[:60]) if pattern.groups else Message(key)
    return Message("console.failed")


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
