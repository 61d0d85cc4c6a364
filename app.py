"""Entry point: page config and navigation over the pages the signed-in member's role uses.

Each page checks the sign-in and the role itself and draws the sidebar (a page file can run without this
file, DESIGN.md §5); before sign-in every page is registered, so that any URL answers with the sign-in form.
"""

import streamlit as st

from hyc import ui
from hyc.ui import auth

ui.configure()
member = auth.signed_in()  # also takes up a session from its cookie, before the pages are chosen
pages = ui.pages_for(member.role if member else None)
navigation = st.navigation(
    [st.Page(f"pages/{name}.py", title=ui.t(title), icon=icon, url_path=name, default=(i == 0))
     for i, (name, title, icon) in enumerate(pages)],
    position="hidden",
)
navigation.run()
