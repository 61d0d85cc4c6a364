"""Entry point: page config, navigation over the pages, the sidebar. Pages live in pages/."""

import streamlit as st

from hyc import ui

st.set_page_config(page_title="Hack Your Care", page_icon=":material/stethoscope:", layout="wide")
ui.page_setup()

pages = [
    st.Page("pages/overview.py", title=ui.t("nav.overview"), icon=":material/monitoring:", url_path="overview",
            default=True),
]
navigation = st.navigation(pages)

with st.sidebar:
    st.markdown(f"### :material/stethoscope: {ui.t('app.title')}")
    st.caption(ui.t("app.tagline"))
ui.language_switch()

navigation.run()
