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
ui.active_filters_notice()

TERMS = {"profession": vocab.PROFESSIONS, "specialty": vocab.SPECIALTIES, "mission_type": vocab.MISSION_TYPES}
by = ui.choice_filter("by", ui.t("rates.by"), list(reads.rates.RATE_DIMENSIONS), lambda d: ui.t(f"rates.by_{d}"))
criteria = RateFilter(professions=professions, specialties=specialties, mission_types=mission_types)

summary = ui.read(reads.rates.rate_summary, criteria, by)
EUROS = ("q1", "median", "q3", "min", "max")


def summary_table(rows, *, note: bool) -> None:
    """Quartiles per group; with `note`, a group with too few agreed rates says it is no reference."""
    rows = ui.labelled(rows, **{by: TERMS[by]})
    columns = {by: ui.t(f"rates.by_{by}"), "n": ui.t("col.n"), "q1": ui.t("col.q1"), "median": ui.t("col.median"),
               "q3": ui.t("col.q3"), "min": ui.t("col.min"), "max": ui.t("col.max")}
    if note:
        thin = rows.n[rows.n < reads.rates.REFERENCE_MIN]
        rows["reference"] = thin.map({n: ui.t("rates.few", n=int(n)) for n in thin.unique()})
        columns["reference"] = ui.t("col.reference")
    ui.table(rows, columns=columns, **{col: ui.euro_column(ui.t(f"col.{col}")) for col in EUROS})


agreed = int(summary.n.sum()) if len(summary) else 0
if summary.empty:
    st.info(ui.t("empty.rates"))
elif summary.n.max() >= reads.rates.REFERENCE_MIN:
    # One box per line of the summary, in its order: highest median first.
    ui.chart(charts.rate_boxes(ui.labelled(summary, **{by: TERMS[by]}), label=by, title=ui.t(f"chart.rates_{by}"),
                               value_title=ui.t("axis.day_rate"), hover=ui.t("chart.rates_hover")),
             ui.t("empty.rates"))
if len(summary):
    summary_table(summary, note=True)
    st.caption(ui.t("rates.hint", n=agreed, shown=ui.fmt_int(agreed)))
if summary.empty or summary.n.max() < reads.rates.REFERENCE_MIN:
    # Too few agreed rates to advise from: the next wider view, said as such.
    kind, wider = ui.read(reads.rates.reference, criteria, by)
    st.subheader(ui.t(f"rates.reference_{kind}"))
    st.caption(ui.t(f"rates.reference_{kind}_why", n=agreed))
    if wider.empty:
        st.info(ui.t("empty.rates_reference"))
    else:
        summary_table(wider, note=kind == "wider")
