"""What the readers share: SQL lists of vocabulary codes, the end of a day, the order of codes, row limits.

Readers are plain functions of an engine and plain arguments, returning DataFrames of codes (not labels); those
that depend on the date take `today`, and their figures are "as of the end of that day", so that tests can pin
the day and the app passes today's date in Paris.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd

from hyc import vocab

# The rows a table shows, whether it reads only them or caps a list read whole (hyc.ui.SHOWN): beyond this, a person
# refines the filters rather than scrolls, and the download holds every row. 200 rather than 500: every rerun of
# the talent pool sent 190 KB (92 KB now) for rows nobody reads, and the browser, not the server, bounds a rerun.
TABLE_ROW_LIMIT = 200


def limit_clause(limit: int | None) -> str:
    """`limit n`, or nothing for every row (a download holds all the rows a filter keeps)."""
    return "" if limit is None else f"limit {int(limit)}"


def in_list(codes) -> str:
    """A SQL list of vocabulary codes (constants of hyc.vocab, never user input)."""
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def end_of(today: date) -> datetime:
    """Stored times are UTC: 'as of today' means before the start of tomorrow."""
    return datetime.combine(today + timedelta(days=1), time())


def ordered(df: pd.DataFrame, column: str, order) -> pd.DataFrame:
    rank = {code: i for i, code in enumerate(order)}
    return df.sort_values(column, key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)


OPEN = in_list(vocab.OPEN_REQUEST_STATUSES)

EXITS = in_list(vocab.MATCH_EXITS)

PLACED = in_list(vocab.MATCH_PLACED)
