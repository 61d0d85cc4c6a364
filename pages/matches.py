"""Matches: the pipeline by stage, conversion per mission type and organisation kind, time in stage, exits."""

import streamlit as st

from hyc import charts, reads, ui, vocab

ui.page_setup("matches")
lang = ui.lang()

st.title(ui.t("matches.title"))

criteria = ui.request_filter("org_kind", "mission", "profession", "owner")

active = ui.read(reads.matches.active_matches_by_stage, criteria)
per_stage = active.groupby("stage").matches.sum()
active = ui.labelled(active, stage=vocab.MATCH_STAGES, mission_type=vocab.MISSION_TYPES)
st.subheader(ui.t("matches.board"), help=ui.t("matches.board_help"))
in_progress = [s for s in vocab.MATCH_PATH if s != "terminee"]
for column, stage in zip(st.columns(len(in_progress)), in_progress, strict=True):
    column.metric(vocab.MATCH_STAGES.label(stage, lang), ui.fmt_int(per_stage.get(stage, 0)))
ui.chart(
    charts.stacked_bars(active, label="stage", value="matches", color="mission_type",
                        title=ui.t("chart.active_by_stage"), value_title=ui.t("axis.matches"), width=charts.FULL_PAGE)
    if len(active) else None,
    ui.t("empty.active_matches"),
)

left, right = st.columns(2)
for column, dimension, terms, title in (
    (left, "mission_type", vocab.MISSION_TYPES, "chart.conversion_mission"),
    (right, "org_kind", vocab.ORGANISATION_KINDS, "chart.conversion_org"),
):
    with column:
        conversion = ui.labelled(ui.read(reads.matches.conversion_by, criteria, dimension), **{dimension: terms})
        conversion["label"] = ui.counted(conversion[dimension], conversion.matches)
        ui.chart(charts.share_bars(conversion, label="label", share="conversion", title=ui.t(title),
                                   value_title=ui.t("axis.conversion")) if len(conversion) else None,
                 ui.t("empty.funnel"))
st.caption(ui.t("matches.conversion_hint"))

left, right = st.columns(2)
with left:
    durations = ui.labelled(ui.read(reads.matches.stage_durations, criteria), stage=vocab.MATCH_STAGES)
    durations["days"] = durations.median_days.round(1)
    ui.chart(charts.horizontal_bars(durations, label="stage", value="days", title=ui.t("chart.stage_days"),
                                    value_title=ui.t("axis.days")) if len(durations) else None,
             ui.t("empty.funnel"))
    st.caption(ui.t("matches.durations_hint"))
with right:
    exits = ui.labelled(ui.read(reads.matches.exits, criteria), stage=vocab.MATCH_STAGES, reason=vocab.EXIT_REASONS)
    ui.chart(charts.stacked_bars(exits, label="stage", value="matches", color="reason", title=ui.t("chart.exits"),
                                 value_title=ui.t("axis.matches")) if len(exits) else None,
             ui.t("empty.exits"))
