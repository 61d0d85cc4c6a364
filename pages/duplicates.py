"""Possible duplicates (fondateur·rices): caregivers, organisations and contacts that seem to be one, compared side
by side and merged."""

import streamlit as st

from hyc import merge, ui
from hyc.ui import duplicates, read, t

ui.page_setup("duplicates")
st.title(t("merge.title"))
st.caption(t("merge.caption"))

people, organisations, contacts = (read(merge.caregiver_pairs), read(merge.organisation_pairs),
                                   read(merge.contact_pairs))
people_tab, organisations_tab, contacts_tab = st.tabs([t("merge.tab_caregivers", n=len(people)),
                                                       t("merge.tab_organisations", n=len(organisations)),
                                                       t("merge.tab_contacts", n=len(contacts))])
with people_tab:
    duplicates.pairs_section("caregiver", people)
with organisations_tab:
    duplicates.pairs_section("organisation", organisations)
with contacts_tab:
    duplicates.pairs_section("contact", contacts)
