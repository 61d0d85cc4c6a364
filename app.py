"""Entry point: page config and navigation over the pages the signed-in member's role uses.

Each page checks the sign-in and the role itself and draws the sidebar (a page file can run without this
file, DESIGN.md §5); every page is registered, so that any URL answers with the sign-in form before sign-in and
with the reason of a refusal after.
"""

import streamlit as st

from hyc import config, ui
from hyc.ui import auth

ui.configure()
member = auth.signed_in()  # also takes up a session from its cookie, before the pages are chosen
# Every page is registered, whatever the role: a page outside the role then says why it is refused (its own
# gate does) rather than Streamlit sending the person elsewhere without a word. The menu shows the role's pages.
first = ui.pages_for(member.role if member else None)[0][0]


def home() -> None:
    """The root URL shows a visitor the sign-in form at once (sending them to a page first, to be refused there,
    cost a round trip to the server on every first load), and goes on to a member's first page. (Streamlit serves
    its default page at "/" only, so a page made the default would answer "Page not found" at its own URL,
    /overview or /mentoring, in a shared link.)"""
    if member is None:
        auth.sign_in_page()
    else:
        st.switch_page(f"pages/{first}.py")


navigation = st.navigation(
    [st.Page(home, title=ui.t("app.title"), url_path="home", default=True),
     *(st.Page(f"pages/{name}.py", title=ui.t(title), icon=icon, url_path=name)
       for name, title, icon in ui.pages_for(None)),
     # Benchmarks only (HYC_REFERENCE_PAGE=on): Streamlit's floor for a page of this shape, without data.
     *([st.Page(ui.REFERENCE_PAGE, title="Référence", url_path="reference")] if config.load().reference_page else [])],
    position="hidden",
)
navigation.run()
