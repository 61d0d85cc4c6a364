"""The interface's language: the person's choice (session, URL), the default from the settings, and t()."""

from __future__ import annotations

import streamlit as st

from hyc import config, i18n


def lang() -> str:
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state["lang"] = asked if asked in i18n.LANGUAGES else config.load().lang
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def say(text: object) -> str:
    """A sentence from the domain (a refusal, a warning) in the reader's language."""
    return i18n.said(text, lang())


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
