"""Stuck work as a table: what waits, in which stage or status, for how long against its threshold, and whose it
is; each row opens its request."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import vocab
from hyc.ui.lang import lang, t
from hyc.ui.widgets import first_rows, link_column, record_links, table


def stuck_view(stuck: pd.DataFrame, key: str, empty: str) -> None:
    """`stuck` (reads.stuck.stuck_work rows), or `empty` said as good news when there are none."""
    if stuck.empty:
        st.success(empty)
        return
    language = lang()
    is_match = stuck.kind == "match"
    every = stuck.assign(  # labelled column-wise for every row: the download holds them all
        link=record_links("requests", "request", stuck.request_id),
        what=stuck.caregiver.where(is_match, t("stuck.the_request")),
        state=stuck.state.map(vocab.MATCH_STAGES.labels(language)).where(
            is_match, stuck.state.map(vocab.REQUEST_STATUSES.labels(language))),
        owner=stuck.owner.fillna(t("stuck.no_owner")),
    )
    shown = first_rows(every)
    table(shown, key=key, height=min(38 + 35 * len(shown), 420), export=every,
          columns={"link": t("col.open"), "what": t("col.stuck_what"), "state": t("col.stuck_state"),
                   "age_days": t("col.age_days"), "limit_days": t("col.stuck_limit"), "owner": t("col.owner"),
                   "organisation": t("col.organisation"), "title": t("col.request")},
          link=link_column(t("col.open")))
