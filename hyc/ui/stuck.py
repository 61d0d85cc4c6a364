"""Stuck work as a table: what waits, in which stage or status, for how long against its threshold, and whose it
is; each row opens its request."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc.ui.lang import lang, t
from hyc.ui.listings import stuck_rows
from hyc.ui.widgets import EveryRow, first_rows, link_column, table


def stuck_view(stuck: pd.DataFrame, key: str, empty: str) -> None:
    """`stuck` (reads.stuck.stuck_work rows), or `empty` said as good news when there are none. The first rows are
    labelled for the table; the download labels every row, on its click (thousands at scale 50)."""
    if stuck.empty:
        st.success(empty)
        return
    language = lang()
    shown = stuck_rows(first_rows(stuck), language)
    every = EveryRow(len(stuck), lambda: stuck_rows(stuck, language)) if len(stuck) > len(shown) else None
    table(shown, key=key, height=min(38 + 35 * len(shown), 420), export=every,
          columns={"link": t("col.open"), "what": t("col.stuck_what"), "state": t("col.stuck_state"),
                   "age_days": t("col.age_days"), "limit_days": t("col.stuck_limit"), "owner": t("col.owner"),
                   "organisation": t("col.organisation"), "title": t("col.request")},
          link=link_column(t("col.open")))
