"""Rates: agreed day rates by profession, specialty and mission type, so mentors can say what to ask."""

import streamlit as st

from hyc import charts, reads, ui, vocab
from hyc.filters import RateFilter

ui.page_setup("rates")
lang = ui.lang()

st.title(ui.t("rates.title"))
st.caption(ui.t("rates.caption"))

with ui.filters_area():
    st.subheader(ui.t("filter.title"))
    professions = ui.vocab_filter("profession", ui.t("filter.profession"), vocab.PROFESSIONS)
    specialties = ui.vocab_filter("specialty", ui.t("filter.specialty"), vocab.SPECIALTIES)
    mission_types = ui.vocab_filter("mission", ui.t("filter.mission_type"), vocab.MISSION_TYPES)

TERMS = {"profession": vocab.PROFESSIONS, "specialty": vocab.SPECIALTIES, "mission_type": vocab.MISSION_TYPES}
by = ui.choice_filter("by", ui.t("rates.by"), list(reads.rates.RATE_DIMENSIONS), lambda d: ui.t(f"rates.by_{d}"))
criteria = RateFilter(professions=professions, specialties=specialties, mission_types=mission_types)

rates = ui.read(reads.rates.agreed_rates, criteria)
summary = ui.read(reads.rates.rate_summary, criteria, by)
if summary.empty:
    st.info(ui.t("empty.rates"))
else:
    # Boxes in the order of the summary: highest median first.
    order = {code: i for i, code in enumerate(summary[by])}
    rates = rates[rates[by].notna()].sort_values(by, key=lambda s: s.map(order), kind="stable")
    rates = ui.labelled(rates, **{by: TERMS[by]})
    summary = ui.labelled(summary, **{by: TERMS[by]})
    ui.chart(charts.rate_boxes(rates, label=by, value="agreed_day_rate", title=ui.t(f"chart.rates_{by}"),
                               value_title=ui.t("axis.day_rate")), ui.t("empty.rates"))
    euros = {col: ui.euro_column(ui.t(f"col.{col}")) for col in ("q1", "median", "q3", "min", "max")}
    ui.table(summary, columns={by: ui.t(f"rates.by_{by}"), "n": ui.t("col.n"), "q1": ui.t("col.q1"),
                               "median": ui.t("col.median"), "q3": ui.t("col.q3"), "min": ui.t("col.min"),
                               "max": ui.t("col.max")}, **euros)
    st.caption(ui.t("rates.hint", n=ui.fmt_int(int(summary.n.sum()))))
