"""Entry point: page config, navigation over the pages, the sidebar. Pages live in pages/."""

import streamlit as st

from hyc import ui

ui.page_setup()

# Each page's URL is its file name: before any session has called st.navigation, Streamlit serves
# pages/ by file name (DESIGN.md §5), and the same links must work then too.
PAGES = [  # file name, title key, icon
    ("overview", "nav.overview", ":material/monitoring:"),
    ("talent_pool", "nav.talent_pool", ":material/groups:"),
    ("requests", "nav.requests", ":material/work:"),
    ("matches", "nav.matches", ":material/handshake:"),
    ("mentoring", "nav.mentoring", ":material/school:"),
    ("rates", "nav.rates", ":material/euro:"),
]
navigation = st.navigation([
    st.Page(f"pages/{name}.py", title=ui.t(title), icon=icon, url_path=name, default=(name == "overview"))
    for name, title, icon in PAGES
])

with st.sidebar:
    st.markdown(f"### :material/stethoscope: {ui.t('app.title')}")
    st.caption(ui.t("app.tagline"))
ui.language_switch()

navigation.run()
