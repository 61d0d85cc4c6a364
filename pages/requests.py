"""Requests: open needs with their age and candidates, a request's matches, an organisation's record."""

import streamlit as st

from hyc import reads, ui, vocab
from hyc.ui import records

ui.page_setup("requests")
lang = ui.lang()
today = ui.today()

st.title(ui.t("requests.title"))

criteria = ui.request_filter()
total = ui.read(reads.requests.request_count, criteria)
st.caption(ui.t("requests.count", n=ui.fmt_int(total)))

found = ui.read(reads.requests.requests, criteria, today)
if found.empty:
    st.info(ui.t("empty.requests_filtered"))
else:
    if total > len(found):
        st.caption(ui.t("table.capped", shown=ui.fmt_int(len(found)), total=ui.fmt_int(total)))
    shown = ui.labelled(found, status=vocab.REQUEST_STATUSES, mission_type=vocab.MISSION_TYPES,
                        org_kind=vocab.ORGANISATION_KINDS, priority=vocab.PRIORITIES)
    shown["filled"] = [f"{p} / {h}" for p, h in zip(found.placed, found.headcount, strict=True)]
    shown["professions"] = found.professions.map(lambda codes: ui.codes_label(codes, vocab.PROFESSIONS))
    event = ui.table(shown, key=f"requests_table.{ui.ids_digest(found)}", select=True, height=420, columns={
        "title": ui.t("col.request"), "organisation": ui.t("col.organisation"), "status": ui.t("col.status"),
        "age_days": ui.t("col.age_days"), "filled": ui.t("col.filled"), "sourcing": ui.t("col.sourcing"),
        "with_client": ui.t("col.with_client"), "exited": ui.t("col.exited"),
        "mission_type": ui.t("col.mission_type"), "professions": ui.t("col.professions"),
        "org_kind": ui.t("col.org_kind"), "priority": ui.t("col.priority"), "owner": ui.t("col.owner"),
    }, title=st.column_config.TextColumn(ui.t("col.request"), width="medium"))
    ui.open_ticked("request", [int(found.id.iloc[i]) for i in event.selection.rows if i < len(found)],
                   "requests_table")
    st.caption(ui.t("requests.pick_hint"))

records.request_record(ui.record_id("request"))
records.organisation_record(ui.record_id("organisation"))
