"""Shared widgets: charts with their empty state, read-only tables in Paris time, facts, column formats, and the
links that open a record."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from hyc import charts, exports
from hyc.models import PARIS
from hyc.reads.common import TABLE_ROW_LIMIT
from hyc.ui.fmt import Markdown, fmt_int, grid_format, plain
from hyc.ui.lang import lang, t
from hyc.ui.store import actor, engine, today

# A list a person reads (next actions, stuck work), the most pressing first: the rest is in its download. As many
# rows as a table that reads only those it shows.
SHOWN = TABLE_ROW_LIMIT

# The page being drawn (set by shell.page_setup): it names the files a table downloads as.
PAGE_KEY = "page.current"


def chart(fig: go.Figure | None, empty_message: str) -> None:
    """A chart, or a sentence saying why there is none."""
    if fig is None:
        st.info(empty_message)
    else:
        st.plotly_chart(charts.in_language(fig, lang()), width="stretch", config={"displaylogo": False})


@dataclass(frozen=True)
class EveryRow:
    """What a capped table downloads: `count` rows, read (and labelled) by `rows()` only when a button is clicked.
    `rows` runs outside the session: it takes what it needs (engine, filters, language) with it."""
    count: int
    rows: Callable[[], pd.DataFrame]


def capped_notice(shown: int, total: int, filtered: bool = True) -> None:
    """Above a table showing its first `shown` of `total` rows: the others are one download away, and one filter
    away when the page's filters narrow the table (`filtered`; the Overview's lists have none)."""
    key = "table.capped_download" if filtered else "table.capped_download_all"
    st.caption(t(key, shown=fmt_int(shown), total=fmt_int(total)))


def first_rows(rows: pd.DataFrame, filtered: bool = True) -> pd.DataFrame:
    """The first SHOWN rows of a list a person reads (the most pressing first), saying above the table how many
    more its download holds."""
    if len(rows) > SHOWN:
        capped_notice(SHOWN, len(rows), filtered)
    return rows.head(SHOWN)


def every_row(shown: int, total: int, rows: Callable[[], pd.DataFrame], filtered: bool = True) -> EveryRow | None:
    """For a table that reads only its first rows: when there are more, says so above it and returns what its
    download reads on the click (None when the table holds them all)."""
    if total <= shown:
        return None
    capped_notice(shown, total, filtered)
    return EveryRow(total, rows)


def fitted_height(rows: int, at_most: int = 420) -> int:
    """The height of a table showing `rows` rows whole (its header and rows of 35 px), up to `at_most` pixels, past
    which it scrolls: a short list leaves no band of empty rows under it."""
    return min(38 + 35 * rows, at_most)


def table(df: pd.DataFrame, *, columns: dict[str, str], key: str | None = None, select: bool | str = False,
          height: int | str = "auto", export: pd.DataFrame | EveryRow | None = None, **column_config):
    """A read-only table showing `columns` (name → header); with `select`, one row can be picked (several with
    `select="multi"`). A `link_column` opens its row's record in this tab, on a click of its cell. Under it, the
    table downloads as CSV and Excel: its rows, or `export` when the table shows only the first of them."""
    config = {name: st.column_config.Column(header) for name, header in columns.items()}
    config.update(column_config)
    shown = _readable(df, columns)
    links = [name for name in columns if _is_link(config.get(name))]
    modes = (["multi-row" if select == "multi" else "single-row"] if select else []) + (["single-cell"] if links
                                                                                      else [])
    order = [f"{name}{OPEN}" if name in links else name for name in columns]
    widget = key or (f"links.{'|'.join(columns)}" if links else None)
    if links:
        shown = shown.copy() if shown is df else shown
        for name in links:  # the cell says "Ouvrir ›"; the address stays beside it, not shown
            shown[name + OPEN] = shown[name].where(shown[name].isna(), t("col.open_text") + " ›")
            config[name + OPEN] = st.column_config.TextColumn(columns[name], help=t("col.open_help"))
        _unpick_followed(widget)
    event = st.dataframe(
        shown, column_order=order, column_config=config, hide_index=True, key=widget,
        height=height, on_select="rerun" if modes else "ignore", selection_mode=modes or "single-row",
        placeholder="–",
    )
    if len(df):
        _downloads(shown if export is None else export, columns, config, key, links)
    for row, name in event.selection["cells"] if links else []:
        address = name.removesuffix(OPEN)
        if address in links and row < len(shown) and isinstance(shown[address].iloc[row], str):
            st.session_state[f"{widget}{OPEN}"] = True
            follow(shown[address].iloc[row])
    return event


OPEN = ".open"  # the shown column of a link column: "Ouvrir ›" where the row has an address


def _unpick_followed(widget: str) -> None:
    """The cell whose record was opened is picked no more (the ticked rows stay): back on the table, the same cell
    opens the record again."""
    if st.session_state.pop(f"{widget}{OPEN}", False) and isinstance(st.session_state.get(widget), dict):
        picked = st.session_state[widget].get("selection", {})
        st.session_state[widget] = {"selection": {"rows": list(picked.get("rows", [])), "columns": [], "cells": []}}


OPEN = ".open"  # the shown column of a link column: "Ouvrir ›" where the row has an address


def _is_link(config) -> bool:
    return isinstance(config, dict) and config.get("type_config", {}).get("type") == "link"


def follow(address: str) -> None:
    """Open an address of the app ("/requests?request=12&lang=fr") in this tab, keeping the session (its filters,
    its shortlist): the record on this page, or the other page with its record."""
    path, _, query = address.partition("?")
    params = dict(pair.partition("=")[::2] for pair in query.split("&") if pair)
    params.pop("lang", None)  # the session keeps its language
    page, here = path.strip("/"), st.session_state.get(PAGE_KEY)
    if page == here:
        for name, value in params.items():
            st.query_params[name] = value
        st.rerun()
    st.session_state[CAME_FROM] = (here, page, st.query_params.to_dict())  # the record offers the way back
    st.switch_page(f"pages/{page}.py", query_params=params)


CAME_FROM = "links.came_from"  # (the page a record was opened from, the page it opened on, the first's address)


def back_to_list() -> None:
    """On a record opened from another page's list: the way back to that list, as it was."""
    came = st.session_state.get(CAME_FROM)
    if not came or came[1] != st.session_state.get(PAGE_KEY):
        return
    origin, _, params = came
    if st.button(t("record.back", page=t(f"nav.{origin}")), icon=":material/arrow_back:", type="tertiary",
                 key="links.back"):
        st.session_state.pop(CAME_FROM, None)
        st.switch_page(f"pages/{origin}.py", query_params=params)


def _readable(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Times in Paris, and blank text (an empty label) as a missing value, shown as the dash a null gets."""
    shown = in_paris_time(df)
    blanks = {name: blank for name in columns if name in shown and _is_text(shown[name])
              and (blank := shown[name].astype("string").str.strip().eq("").fillna(False).to_numpy(bool)).any()}
    if blanks:
        shown = shown.copy() if shown is df else shown  # never change the caller's (maybe cached) frame
        for name, blank in blanks.items():
            shown[name] = shown[name].mask(blank)
    return shown


def _downloads(rows: pd.DataFrame | EveryRow, columns: dict[str, str], config: dict, key: str | None,
               links: list[str]) -> None:
    """CSV and Excel buttons: the file (the table's columns under their headers, links left out) is made and the
    download recorded only when a button is clicked."""

    def file(fmt: str) -> bytes:  # made on the click (in Streamlit's download thread), never on a rerun
        frame = _readable(rows.rows() if isinstance(rows, EveryRow) else rows, columns)
        kept = [name for name in columns if name in frame and name not in links]
        return exports.export(engine_, member, frame[kept].rename(columns=columns), fmt, what, language)

    page = st.session_state.get(PAGE_KEY, "hyc")
    what = f"{page}/{key.split('.')[0]}" if key else page
    stem = f"hyc-{what.replace('/', '-').replace('_', '-')}-{today():%Y-%m-%d}"
    engine_, member, language = engine(), actor(), lang()  # the click's thread has no session: taken now
    # Side by side, each as wide as its label (fixed column shares cut "CSV" to "C." under a half-width table).
    buttons = st.container(horizontal=True, gap="small")
    name = key or _next_table()
    for fmt, label in (("csv", "CSV"), ("xlsx", "Excel")):
        buttons.download_button(
            label, data=lambda fmt=fmt: file(fmt),
            file_name=f"{stem}.{fmt}", mime=exports.FORMATS[fmt], icon=":material/download:", type="tertiary",
            on_click="ignore", key=f"download.{name}.{fmt}",
            help=t("table.download_help", n=fmt_int(rows.count if isinstance(rows, EveryRow) else len(rows))))


# Tables without a key of their own are numbered in the order a run draws them: their download buttons need keys
# that differ within a run and stay the same from one run to the next (an object's id() is neither).
_numbering = threading.local()


def start_run() -> None:
    """Called at the top of every page run (shell.page_setup)."""
    _numbering.count = 0


def _next_table() -> str:
    _numbering.count = getattr(_numbering, "count", 0) + 1
    return f"table{_numbering.count}"


def drawn_again(slot: str, inputs: tuple, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """make(): rows shaped for the screen, made again only when `inputs` change (objects compared by identity,
    words and numbers by value). A fragment's rerun is handed the very frames it was first drawn with: a tick then
    redraws the rows it drew, rather than labelling them again. One memo per `slot`, the last drawn."""
    memo = st.session_state.get(f"drawn.{slot}")
    if memo is not None and len(memo[0]) == len(inputs) and all(
            a is b or (isinstance(a, str | int | float) and a == b) for a, b in zip(memo[0], inputs, strict=True)):
        return memo[1]
    made = make()
    st.session_state[f"drawn.{slot}"] = (inputs, made)
    return made


def ids_digest(rows: pd.DataFrame) -> str:
    """A short digest of the rows shown (their ids, in order), for a table's key: when the rows change, the table
    is a new one and its ticks go, rather than staying on positions that now hold other people."""
    return f"{zlib.crc32(rows.id.to_numpy(dtype='int64').tobytes()):08x}"


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or isinstance(column.dtype, pd.StringDtype)


def in_paris_time(df: pd.DataFrame) -> pd.DataFrame:
    """Stored times are naive UTC: shown in Paris time. (Dates stored at midnight keep their day: Paris is ahead.)"""
    naive = [c for c in df.columns if pd.api.types.is_datetime64_dtype(df[c]) and df[c].dt.tz is None]
    if not naive:
        return df
    out = df.copy()
    for column in naive:
        out[column] = out[column].dt.tz_localize("UTC").dt.tz_convert(PARIS)
    return out


def facts(pairs: list[tuple[str, object]]) -> None:
    """Label and value lines, values shown as plain text (a `Markdown` value, a link built here, as it is)."""
    st.markdown("  \n".join(t("common.fact", label=label, value=value if isinstance(value, Markdown) else plain(value))
                            for label, value in pairs))


def date_column(header: str):
    return st.column_config.DateColumn(header, format="DD/MM/YYYY")


def datetime_column(header: str):
    return st.column_config.DatetimeColumn(header, format="DD/MM/YYYY HH:mm")


def euro_column(header: str, language: str | None = None):
    """Whole euros the way the interface's language writes them, whatever the browser's: "1 500 €" in French,
    "€1,500" in English (a printf format: the grid's "euro" followed the browser's locale). Sorted as numbers."""
    return st.column_config.NumberColumn(header, format=grid_format("euro", language))


def count_column(header: str, language: str | None = None):
    """Counts with the language's thousands separator: "1 982" in French, "1,982" in English. Sorted as numbers."""
    return st.column_config.NumberColumn(header, format=grid_format("count", language))


def days_column(header: str, language: str | None = None):
    """Whole days with the language's unit: "12 j" in French, "12 d" in English. Sorted as numbers."""
    return st.column_config.NumberColumn(header, format=grid_format("days", language))


def link_column(header: str):
    return st.column_config.LinkColumn(header, display_text=t("col.open_text"))


def lazy_tabs(titles: dict[str, str], key: str) -> dict:
    """Tabs (name → label) whose content runs only while open (`tab.open`). The open tab is remembered by name:
    when its label changes (a count in it, after a filter), it stays open rather than falling back to the first."""
    remembered = f"{key}.name"
    if st.session_state.get(remembered) in titles:
        st.session_state[key] = titles[st.session_state[remembered]]

    def remember() -> None:
        label = st.session_state.get(key)
        st.session_state[remembered] = next((name for name, shown in titles.items() if shown == label), None)

    return dict(zip(titles, st.tabs(list(titles.values()), key=key, on_change=remember), strict=True))


def record_links(page: str, name: str, ids, language: str | None = None) -> pd.Series:
    """Links that open a record on its page, keeping the language (the session's, or `language` for a download
    made outside it); built column-wise (a list of thousands of rows gets its links in one step, not one lookup of
    the language per row)."""
    ids = pd.Series(ids)
    return f"/{page}?{name}=" + ids.astype("int64").astype(str) + f"&lang={language or lang()}"


def action_links(actions: pd.DataFrame, caregiver_page: str = "talent_pool") -> pd.Series:
    """Each next action links to the caregiver it concerns (their record on `caregiver_page`), or else to the
    organisation; built column-wise, not row by row."""
    suffix = f"&lang={lang()}"
    caregiver = f"/{caregiver_page}?caregiver=" + actions.caregiver_id.astype("Int64").astype(str) + suffix
    organisation = "/requests?organisation=" + actions.organisation_id.astype("Int64").astype(str) + suffix
    return caregiver.where(actions.caregiver_id.notna(), organisation.where(actions.organisation_id.notna()))
