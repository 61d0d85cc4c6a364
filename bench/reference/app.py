"""The reference page reached through st.navigation, as the app's pages are (bench/bench_pages.py)."""

import streamlit as st

st.navigation([st.Page("reference_page.py", url_path="reference")], position="hidden").run()
