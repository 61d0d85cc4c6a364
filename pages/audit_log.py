"""Audit log (fondateur·rices): who changed what and when, filtered by member, entity and date."""

from datetime import timedelta

import streamlit as st

from hyc import i18n, reads, ui
from hyc.ui.fmt import audit_changes

ui.page_setup("audit_log")
today = ui.today()
lang = ui.lang()
st.title(ui.t("audit.title"))

with ui.filters_area():
    st.subheader(ui.t("filter.title"))
    members = ui.team_filter("actor", ui.t("audit.member"), roles=("fondateur", "mentor", "lecteur"))
    entities = ui.multi_filter("entity", ui.t("audit.entity"), list(reads.admin.AUDIT_ENTITIES),
                               lambda code: ui.t(f"entity.{code}"))
    days = ui.number_filter("days", ui.t("audit.period"), list(reads.admin.AUDIT_PERIODS),
                            lambda n: ui.t("audit.last_days", n=n))
ui.active_filters_notice()


def label(prefix: str, code: str) -> str:
    """A code's label (`entity.…`, `action.…`), or the code itself when none is written yet."""
    return ui.t(f"{prefix}.{code}") if f"{prefix}.{code}" in i18n.CATALOG else code


start = today - timedelta(days=days - 1)
events = ui.read(reads.admin.audit_events, members, entities, start, today)
st.caption(ui.t("audit.caption", n=ui.fmt_int(len(events)), start=ui.fmt_date(start), end=ui.fmt_date(today)))
if events.empty:
    st.info(ui.t("audit.empty"))
else:
    # Codes as labels (one lookup per code, not per row), changes as readable lines, team members by name.
    team = ui.read(reads.admin.team_accounts)
    names = dict(zip(team.id.astype(int), team.full_name, strict=True))
    events = events.assign(
        member=events.member.fillna(ui.t("audit.system")),
        entity=events.entity.map({code: label("entity", code) for code in events.entity.unique()}),
        action=events.action.map({code: label("action", code) for code in events.action.unique()}),
        before=[audit_changes(e, b, lang, names) for e, b in zip(events.entity, events.before, strict=True)],
        after=[audit_changes(e, a, lang, names) for e, a in zip(events.entity, events.after, strict=True)],
    )
    ui.table(events, height=ui.fitted_height(len(events), 560), columns={
        "occurred_at": ui.t("col.date"), "member": ui.t("audit.member"), "action": ui.t("audit.action"),
        "entity": ui.t("audit.entity"), "entity_id": ui.t("audit.entity_id"), "before": ui.t("audit.before"),
        "after": ui.t("audit.after"),
    }, occurred_at=ui.datetime_column(ui.t("col.date")))
    if len(events) >= reads.common.TABLE_ROW_LIMIT:
        st.caption(ui.t("audit.capped", n=ui.fmt_int(reads.common.TABLE_ROW_LIMIT)))
