"""Requests: open needs with their age and candidates, a request's matches, an organisation's record."""

import streamlit as st

from hyc import reads, ui
from hyc.ui import listings, new_request, records

ui.page_setup("requests")
lang = ui.lang()
today = ui.today()

st.title(ui.t("requests.title"))
if ui.may_write("requests"):
    new_request.button()

criteria = ui.request_filter()
total = ui.read(reads.requests.request_count, criteria)
st.caption(ui.t("requests.count", n=ui.fmt_int(total)))

found = ui.read(reads.requests.requests, criteria, today)
if found.empty:
    st.info(ui.t("empty.requests_filtered"))
else:
    engine = ui.engine()
    every = ui.every_row(len(found), total, lambda: listings.request_rows(
        reads.requests.requests(engine, criteria, today, limit=None), lang))
    shown = listings.request_rows(found, lang)
    columns = {
        "title": ui.t("col.request"), "organisation": ui.t("col.organisation"), "status": ui.t("col.status"),
        "age_days": ui.t("col.age_days"), "filled": ui.t("col.filled"), "sourcing": ui.t("col.sourcing"),
        "with_client": ui.t("col.with_client"), "exited": ui.t("col.exited"),
        "mission_type": ui.t("col.mission_type"), "professions": ui.t("col.professions"),
        "org_kind": ui.t("col.org_kind"), "priority": ui.t("col.priority"), "owner": ui.t("col.owner"),
    }
    event = ui.table(shown, key=f"requests_table.{ui.ids_digest(found)}", select=True, height=420, columns=columns,
                     export=every, title=st.column_config.TextColumn(ui.t("col.request"), width="medium"))
    ui.open_ticked("request", [int(found.id.iloc[i]) for i in event.selection.rows if i < len(found)],
                   "requests_table")
    st.caption(ui.t("requests.pick_hint"))

records.request_record(ui.record_id("request"))
records.organisation_record(ui.record_id("organisation"))
