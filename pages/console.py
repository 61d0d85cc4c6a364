"""SQL console (fondateur·rices): one read-only query over the store, its result as a table that downloads,
the tables and columns explained, questions saved for the team."""

import streamlit as st

from hyc import console, reads, ui
from hyc.ui import t
from hyc.ui.console import ask, saved_questions, schema_browser

ui.page_setup("console")
console.warm()  # the first question asked is answered without waiting for DuckDB's import
st.title(t("console.title"))
st.caption(t("console.caption", rows=ui.fmt_int(console.ROW_LIMIT), seconds=f"{console.TIME_LIMIT:g}"))

left, right = st.columns([5, 2])
with right:
    questions = ui.read(reads.admin.saved_questions)
    saved_questions(questions[questions.kind == "sql"])
    schema_browser()
with left:
    ask()
