"""The only hyc module that imports Streamlit: the engine, language, cached readers, formatting and shared widgets."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine

from hyc import config, db, i18n, metrics

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u202f"  # French thousands separator (narrow no-break space)


# --- Store -----------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.open_store(url)


def engine() -> Engine:
    """The process's one engine for the configured store; stops the page with a clear message if it cannot open."""
    try:
        return _engine(config.load().db_url)
    except db.StoreError as exc:
        st.error(t("app.store_error", reason=str(exc)))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=512)
def _read(name: str, version: int, url: str, args: tuple):
    return getattr(metrics, name)(_engine(url), *args)


def read(name: str, *args):
    """metrics.<name>(engine, *args), cached until the next write (every write raises the data version)."""
    eng = engine()
    return _read(name, db.data_version(eng), config.load().db_url, args)


# --- Language --------------------------------------------------------------------------------------


def lang() -> str:
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state["lang"] = asked if asked in i18n.LANGUAGES else config.load().lang
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def language_switch() -> None:
    """Sidebar choice of language, remembered in the session and in the URL."""
    current = lang()
    choice = st.sidebar.segmented_control(
        t("app.language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, default=current,
        key="lang_choice",
    )
    if choice and choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()


def page_setup() -> None:
    """First call of every page: Streamlit may run a page file without app.py (DESIGN.md §5)."""
    lang()


# --- Formatting (French conventions) ---------------------------------------------------------------


def fmt_int(n: float | int | None) -> str:
    if n is None or pd.isna(n):
        return "–"
    return f"{int(round(n)):,}".replace(",", NBSP)


def fmt_eur(amount: float | None) -> str:
    return "–" if amount is None or pd.isna(amount) else f"{fmt_int(amount)}{NBSP}€"


def fmt_pct(share: float | None) -> str:
    return "–" if share is None or pd.isna(share) else f"{share * 100:.0f}{NBSP}%"


def fmt_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy; stored times are UTC and shown in Paris time."""
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, datetime):
        value = value.replace(tzinfo=ZoneInfo("UTC")).astimezone(PARIS)
    return value.strftime("%d/%m/%Y")


def today_paris() -> date:
    return datetime.now(PARIS).date()


# --- Shared widgets --------------------------------------------------------------------------------


def chart(fig: go.Figure | None, empty_message: str) -> None:
    """A chart, or a sentence saying why there is none."""
    if fig is None:
        st.info(empty_message)
    else:
        st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
