"""Possible duplicates (fondateur·rices): caregivers, organisations and contacts that seem to be one, compared side
by side and merged."""

import streamlit as st

from hyc import merge, ui
from hyc.ui import duplicates, read, t

ui.page_setup("duplicates")
st.title(t("merge.title"))
st.caption(t("merge.caption"))

duplicates.tabs({"caregiver": read(merge.caregiver_pairs), "organisation": read(merge.organisation_pairs),
                 "contact": read(merge.contact_pairs)})
