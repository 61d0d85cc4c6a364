"""The interface's language: the person's choice (session, URL), the default from the settings, and t()."""

from __future__ import annotations

import streamlit as st

from hyc import config, i18n


def lang() -> str:
    """The session's language: a link's ?lang= first, else (once signed in) the account's, else the setting's."""
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state["lang"] = asked if asked in i18n.LANGUAGES else config.load().lang
        st.session_state["lang.asked"] = asked in i18n.LANGUAGES
    return st.session_state["lang"]


def adopt(preferred: str | None) -> None:
    """Once signed in, the language the account chose last, unless the session was opened on a link naming one."""
    if st.session_state.get("lang.adopted"):
        return
    st.session_state["lang.adopted"] = True
    if preferred in i18n.LANGUAGES and not st.session_state.get("lang.asked"):
        st.session_state["lang"] = preferred


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def say(text: object) -> str:
    """A sentence from the domain (a refusal, a warning) in the reader's language."""
    return i18n.said(text, lang())


def _chosen(remember) -> None:
    choice = st.session_state.get("lang_choice")
    if choice in i18n.LANGUAGES and choice != st.session_state.get("lang"):
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        if remember is not None:
            remember(choice)


def language_switch(remember=None) -> None:
    """Sidebar choice of language, remembered in the session, in the URL and, through `remember(code)`, for the
    account. The control always shows the session's language (also when it came from the account)."""
    st.session_state["lang_choice"] = lang()
    st.sidebar.segmented_control(t("app.language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
                                 key="lang_choice", on_change=_chosen, args=(remember,))
