"""Overview: pipeline health at a glance."""

import streamlit as st

from hyc import charts, ui, vocab

ui.page_setup()
lang = ui.lang()

st.title(ui.t("overview.title"))
st.caption(ui.t("overview.caption", date=ui.fmt_date(ui.today_paris())))

figures = ui.read("headline")
cols = st.columns(5)
cols[0].metric(ui.t("overview.pool"), ui.fmt_int(figures["pool"]), help=ui.t("overview.pool_help"))
cols[1].metric(ui.t("overview.ready"), ui.fmt_int(figures["ready"]))
cols[2].metric(ui.t("overview.open_requests"), ui.fmt_int(figures["open_requests"]))
cols[3].metric(ui.t("overview.active_matches"), ui.fmt_int(figures["active_matches"]))
cols[4].metric(ui.t("overview.signed"), ui.fmt_int(figures["signed"]), help=ui.t("overview.signed_help"))

left, right = st.columns(2)
with left:
    pool = ui.read("pool_by_profession")
    pool["label"] = pool.profession.map(lambda c: vocab.PROFESSIONS.label(c, lang))
    ui.chart(
        charts.horizontal_bars(pool, label="label", value="caregivers", title=ui.t("chart.pool_by_profession"),
                               value_title=ui.t("axis.caregivers")) if len(pool) else None,
        ui.t("empty.pool"),
    )
with right:
    open_requests = ui.read("open_requests_by_status")
    open_requests["label"] = open_requests.status.map(lambda c: vocab.REQUEST_STATUSES.label(c, lang))
    ui.chart(
        charts.horizontal_bars(open_requests, label="label", value="requests", title=ui.t("chart.open_by_status"),
                               value_title=ui.t("axis.requests")) if len(open_requests) else None,
        ui.t("empty.open_requests"),
    )

funnel = ui.read("match_funnel")
funnel["label"] = funnel.stage.map(lambda c: vocab.MATCH_STAGES.label(c, lang))
ui.chart(
    charts.funnel(funnel, label="label", value="reached", title=ui.t("chart.funnel"))
    if funnel.reached.sum() else None,
    ui.t("empty.funnel"),
)
st.caption(ui.t("chart.funnel_hint"))
