"""The pivot page's view: pick a measure and one or two dimensions; see a table (wide, with two) and a chart."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from hyc import charts, console, reads, vocab
from hyc.filters import CaregiverFilter
from hyc.reads.pivot import MEASURES
from hyc.ui.console import saved_picker
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import fmt_int, labelled
from hyc.ui.lang import lang, t
from hyc.ui.store import may_write, read
from hyc.ui.widgets import chart, fitted_height, table

NONE = ""  # "no second dimension"
# The labels of each dimension's codes (the month is shown as it comes, yyyy-mm).
VOCABS = {"profession": vocab.PROFESSIONS, "specialty": vocab.SPECIALTIES, "region": vocab.REGIONS,
          "practice_setting": vocab.PRACTICE_SETTINGS, "stage": vocab.CAREGIVER_STAGES,
          "mission_type": vocab.MISSION_TYPES, "org_kind": vocab.ORGANISATION_KINDS,
          "request_status": vocab.REQUEST_STATUSES, "match_stage": vocab.MATCH_STAGES}


def pivot_view(criteria: CaregiverFilter) -> None:
    measure = st.selectbox(t("pivot.measure"), list(MEASURES), format_func=lambda m: t(f"pivot.m.{m}"),
                           key="pivot.measure", placeholder=t("form.choose"))
    dims = MEASURES[measure].dimensions
    first_col, second_col = st.columns(2)
    first = first_col.selectbox(t("pivot.by"), dims, format_func=lambda d: t(f"pivot.d.{d}"), key="pivot.first",
                                 placeholder=t("form.choose"))
    others = [NONE, *[d for d in dims if d != first]]
    if st.session_state.get("pivot.second") not in others:
        st.session_state["pivot.second"] = NONE
    second = second_col.selectbox(t("pivot.then_by"), others, key="pivot.second", placeholder=t("form.choose"),
                                  format_func=lambda d: t("pivot.nothing") if d == NONE else t(f"pivot.d.{d}"))
    chosen = (first, second) if second else (first,)
    if not MEASURES[measure].filtered:
        st.caption(t("pivot.unfiltered"))
    found = read(reads.pivot.pivot, measure, chosen, criteria)
    if found.empty:
        st.info(t("pivot.empty"))
        return
    shown = labelled(found, **{d: VOCABS[d] for d in chosen if d in VOCABS})
    for d in chosen:  # an empty code ("no specialty") gets a name, not a blank bar
        shown[d] = shown[d].fillna("").replace("", t("pivot.unset"))
    value_title = t(f"pivot.m.{measure}")
    if second:
        top = shown.groupby(first).value.sum().sort_values(ascending=False).head(20).index
        shown = shown[shown[first].isin(top)]
        order = list(VOCABS[second].labels(lang()).values()) if second in VOCABS else None
        chart(charts.stacked_bars(shown, label=first, value="value", color=second, title=value_title,
                                  value_title=value_title, color_order=order and [*order, t("pivot.unset")],
                                  others=t("pivot.others"), width=charts.FULL_PAGE), t("pivot.empty"))
        wide = shown.pivot_table(index=first, columns=second, values="value", aggfunc="sum").reset_index()
        wide.columns = [str(c) for c in wide.columns]
        table(wide, columns={c: (t(f"pivot.d.{first}") if c == first else c) for c in wide.columns},
              key="pivot.table", height=fitted_height(len(wide), 520))
    else:
        chart(charts.horizontal_bars(shown.head(30), label=first, value="value", title=value_title,
                                     value_title=value_title), t("pivot.empty"))
        table(shown, columns={first: t(f"pivot.d.{first}"), "value": value_title}, key="pivot.table",
              height=fitted_height(len(shown), 520))
    if measure == "median_rate":
        st.caption(t("pivot.median_note"))
    elif MEASURES[measure].distinct:  # a person in two cells counts in both: the cells' sum is no total
        st.caption(t("pivot.distinct_note"))
    else:
        st.caption(t("pivot.total", n=fmt_int(found.value.sum())))
    if may_write("questions"):
        _save(measure, chosen)


def _save(measure: str, chosen: tuple[str, ...]) -> None:
    name_col, button_col = st.columns([2, 1], vertical_alignment="bottom")
    name = name_col.text_input(t("pivot.name"), key="pivot.name", max_chars=120)
    if button_col.button(t("pivot.save"), icon=":material/bookmark_add:", key="pivot.save"):
        if attempt(console.save_pivot, name, measure, chosen) is not REFUSED:
            flash(t("pivot.saved_done", name=name.strip()))
            st.rerun()


def saved_pivots(pivots: pd.DataFrame) -> None:
    """The team's saved analyses: picking one sets the measure and dimensions."""
    if pivots.empty:
        return

    def opened(body: str) -> None:
        saved = json.loads(body)
        dims = [*saved["dimensions"], NONE][:2]
        st.session_state["pivot.measure"], st.session_state["pivot.first"] = saved["measure"], dims[0]
        st.session_state["pivot.second"] = dims[1]

    saved_picker(pivots, "pivot.open", t("pivot.open_saved"), opened)
