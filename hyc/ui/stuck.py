"""Stuck work as a table: what waits, in which stage or status, for how long against its threshold, and whose it
is; each row opens its request."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc.ui.fmt import fmt_int
from hyc.ui.lang import lang, t
from hyc.ui.listings import stuck_rows
from hyc.ui.widgets import EveryRow, first_rows, fitted_height, link_column, table

# The owners named above the table, those with the most stuck work first: at fifty times the demo, hundreds of
# owners made an unreadable paragraph (and 35 ms of the browser's drawing); the table and its file name them all.
OWNERS_NAMED = 5


def owners_summary(stuck: pd.DataFrame) -> str:
    """Whose stuck work it is: the OWNERS_NAMED owners with the most, and how many others share the rest."""
    per_owner = stuck.owner.fillna(t("stuck.no_owner")).value_counts()
    # One owner more is named rather than counted as "1 other owner".
    shown = OWNERS_NAMED if len(per_owner) > OWNERS_NAMED + 1 else len(per_owner)
    named = ", ".join(t("stuck.owner_count", owner=owner, n=fmt_int(n)) for owner, n in per_owner.head(shown).items())
    others = per_owner.iloc[shown:]
    if others.empty:
        return t("overview.stuck_by_owner", counts=named)
    return t("overview.stuck_by_owner_more", counts=named, owners=fmt_int(len(others)), n=fmt_int(others.sum()))


def stuck_view(stuck: pd.DataFrame, key: str, empty: str, filtered: bool = True) -> None:
    """`stuck` (reads.stuck.stuck_work rows), or `empty` said as good news when there are none. The first rows are
    labelled for the table; the download labels every row, on its click (thousands at scale 50)."""
    if stuck.empty:
        st.success(empty)
        return
    language = lang()
    shown = stuck_rows(first_rows(stuck, filtered), language)
    every = EveryRow(len(stuck), lambda: stuck_rows(stuck, language)) if len(stuck) > len(shown) else None
    table(shown, key=key, height=fitted_height(len(shown)), export=every,
          columns={"link": t("col.open"), "what": t("col.stuck_what"), "state": t("col.stuck_state"),
                   "age_days": t("col.age_days"), "limit_days": t("col.stuck_limit"), "owner": t("col.owner"),
                   "organisation": t("col.organisation"), "title": t("col.request")},
          link=link_column(t("col.open")))
