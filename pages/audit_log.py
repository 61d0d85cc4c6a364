"""Audit log (fondateur·rices): who changed what and when, filtered by member, entity and date."""

from datetime import timedelta

import streamlit as st

from hyc import reads, ui

ui.page_setup("audit_log")
today = ui.today()
st.title(ui.t("audit.title"))

with ui.filters_area():
    st.subheader(ui.t("filter.title"))
    members = ui.team_filter("actor", ui.t("audit.member"), roles=("fondateur", "mentor", "lecteur"))
    entities = ui.multi_filter("entity", ui.t("audit.entity"), list(reads.admin.AUDIT_ENTITIES),
                               lambda code: ui.t(f"entity.{code}"))
    days = ui.number_filter("days", ui.t("audit.period"), list(reads.admin.AUDIT_PERIODS),
                            lambda n: ui.t("audit.last_days", n=n))
ui.active_filters_notice()

start = today - timedelta(days=days - 1)
events = ui.read(reads.admin.audit_events, members, entities, start, today)
st.caption(ui.t("audit.caption", n=ui.fmt_int(len(events)), start=ui.fmt_date(start), end=ui.fmt_date(today)))
if events.empty:
    st.info(ui.t("audit.empty"))
else:
    # One lookup per code, not per row.
    events["entity"] = events.entity.map({code: ui.t(f"entity.{code}") for code in events.entity.unique()})
    events["action"] = events.action.map({code: ui.t(f"action.{code}") for code in events.action.unique()})
    ui.table(events, height=560, columns={
        "occurred_at": ui.t("col.date"), "member": ui.t("audit.member"), "action": ui.t("audit.action"),
        "entity": ui.t("audit.entity"), "entity_id": ui.t("audit.entity_id"), "before": ui.t("audit.before"),
        "after": ui.t("audit.after"),
    }, occurred_at=ui.datetime_column(ui.t("col.date")))
    if len(events) >= reads.common.TABLE_ROW_LIMIT:
        st.caption(ui.t("audit.capped", n=ui.fmt_int(reads.common.TABLE_ROW_LIMIT)))
