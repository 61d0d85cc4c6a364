"""The console page's parts: the query and its result, saved questions, the schema explained in French."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from hyc import console, i18n
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import fmt_int, fmt_number, plain
from hyc.ui.lang import lang, t
from hyc.ui.widgets import fitted_height, table

SQL, RESULT = "console.sql", "console.result"


def ask() -> None:
    """The query, run on demand; its result (or why it was refused) stays until the next run."""
    st.text_area(t("console.sql"), key=SQL, height=180, placeholder="select profession, region, count(*) from "
                 f"caregiver_{lang()} group by all order by 3 desc")
    if st.button(t("console.run"), type="primary", icon=":material/play_arrow:", key="console.run"):
        _run(st.session_state.get(SQL) or "")
    result = st.session_state.get(RESULT)
    if isinstance(result, console.Result):
        _show(result)
    name_col, button_col = st.columns([2, 1], vertical_alignment="bottom")
    name = name_col.text_input(t("console.name"), key="console.name", max_chars=120)
    if button_col.button(t("console.save"), icon=":material/bookmark_add:", key="console.save"):
        if attempt(console.save_question, name, st.session_state.get(SQL) or "") is not REFUSED:
            flash(t("console.saved_done", name=name.strip()))
            st.rerun()


def _run(sql: str) -> None:
    st.session_state.pop(RESULT, None)
    with st.spinner(t("console.run")):
        result = attempt(console.run, sql)
    if result is not REFUSED:
        st.session_state[RESULT] = result


def _show(result: console.Result) -> None:
    st.caption(t("console.result", total=fmt_int(result.total), seconds=fmt_number(result.seconds, 2)))
    if result.total > len(result.rows):
        st.caption(t("console.capped", total=fmt_int(result.total), shown=fmt_int(len(result.rows))))
    if len(result.rows.columns):
        # Columns may repeat a name (two count(*)): shown under their own names, made unique for the table.
        rows = result.rows.copy()
        rows.columns = [f"{name} ({i})" if list(rows.columns).count(name) > 1 else str(name)
                        for i, name in enumerate(rows.columns)]
        table(rows, columns={name: name for name in rows.columns}, key="console.table",
              height=fitted_height(len(rows)))


def saved_questions(questions: pd.DataFrame) -> None:
    """The console's examples, then the team's questions: picking one puts it in the query and runs it."""

    def opened(body: str) -> None:
        st.session_state[SQL] = body
        _run(body)

    st.subheader(t("console.examples"))
    examples = dict(console.EXAMPLES)

    def example() -> None:
        chosen = st.session_state.get("console.example")
        if chosen is not None:
            opened(examples[chosen])

    st.selectbox(t("console.open_example"), list(examples), format_func=t, index=None, key="console.example",
                 placeholder=t("form.choose"), on_change=example)
    st.subheader(t("console.saved"))
    if questions.empty:
        st.caption(t("console.none_saved"))
        return
    saved_picker(questions, "console.open", t("console.open_saved"), opened)


def saved_picker(saved: pd.DataFrame, key: str, label: str, open_body: Callable[[str], None]) -> None:
    """A select of saved questions (reads.admin.saved_questions rows) by name; picking one hands its body to
    `open_body`, before the page is drawn again."""
    labels = dict(zip(saved.id.astype(int), saved["name"], strict=True))
    bodies = dict(zip(saved.id.astype(int), saved.body, strict=True))

    def opened() -> None:
        chosen = st.session_state.get(key)
        if chosen is not None:
            open_body(bodies[chosen])

    st.selectbox(label, list(labels), format_func=labels.get, index=None, key=key, placeholder=t("form.choose"),
                 on_change=opened)


def schema_browser() -> None:
    """Each table the console reads, with its columns named in the interface's words, the codes of each coded
    column with their labels, and the views that show the labels in place of the codes."""
    st.subheader(t("console.schema"))
    st.caption(t("console.label_table"))
    for name, columns in console.TABLES.items():
        with st.expander(f"`{name}` · {t(f'schema.{name}')}"):
            if f"{name}_fr" in console.VIEWS:
                st.markdown(t("console.labelled", name=name))
            st.markdown("\n".join(f"- `{column}` : {_explained(column)}{_codes(name, column)}" for column in columns))


def _explained(column: str) -> str:
    return i18n.field_label(column, lang()) if column in i18n.FIELD_LABELS else t(f"column.{column}")


def _codes(table: str, column: str) -> str:
    """A coded column's codes with their labels in the reader's language, after its explanation ("" otherwise)."""
    several = column in console.CODE_LISTS.get(table, {})
    terms = console.CODE_LISTS[table][column] if several else console.CODES.get(table, {}).get(column)
    if terms is None:
        return ""
    codes = " · ".join(f"`{term.code}` {plain(term.label(lang()))}" for term in terms)
    return " — " + t("console.code_list" if several else "console.codes", codes=codes)
