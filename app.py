"""Entry point: page config and navigation over the pages of pages/; each page draws the sidebar itself."""

import streamlit as st

from hyc import ui

ui.configure()
navigation = st.navigation(
    [st.Page(f"pages/{name}.py", title=ui.t(title), icon=icon, url_path=name, default=(name == "overview"))
     for name, title, icon in ui.PAGES],
    position="hidden",
)
navigation.run()
