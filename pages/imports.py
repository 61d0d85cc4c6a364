"""Imports: caregivers and organisations from a spreadsheet, and the RPPS checked against the Annuaire Santé."""

import streamlit as st

from hyc import ui
from hyc.ui.imports import annuaire_view, import_view

ui.page_setup("imports")
st.title(ui.t("imports.title"))
st.caption(ui.t("imports.caption"))
kinds = ["caregivers", *(["organisations"] if ui.may_write("organisations") else [])]
tabs = st.tabs([ui.t(f"imports.tab.{kind}") for kind in (*kinds, "annuaire")])
for tab, kind in zip(tabs, kinds, strict=False):
    with tab:
        import_view(kind)
with tabs[-1]:
    annuaire_view()
