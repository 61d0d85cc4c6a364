"""Analysis: a measure by one or two dimensions, with the talent pool's filters, as a table and a chart."""

import streamlit as st

from hyc import reads, ui
from hyc.ui.pivot import pivot_view, saved_pivots

ui.page_setup("pivot")
st.title(ui.t("pivot.title"))
st.caption(ui.t("pivot.caption"))
questions = ui.read(reads.admin.saved_questions)
saved_pivots(questions[questions.kind == "pivot"])
pivot_view(ui.caregiver_filter())
