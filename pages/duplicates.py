"""Possible duplicates (fondateur·rices): caregivers and organisations that seem to be one, compared side by side
and merged."""

import streamlit as st

from hyc import merge, ui
from hyc.ui import duplicates, read, t

ui.page_setup("duplicates")
st.title(t("merge.title"))
st.caption(t("merge.caption"))

people, organisations = read(merge.caregiver_pairs), read(merge.organisation_pairs)
people_tab, organisations_tab = st.tabs([t("merge.tab_caregivers", n=len(people)),
                                         t("merge.tab_organisations", n=len(organisations))])
with people_tab:
    duplicates.pairs_section("caregiver", people)
with organisations_tab:
    duplicates.pairs_section("organisation", organisations)
