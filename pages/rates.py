"""Rates: the day rates of signed contracts by profession, specialty and mission type, beside the rates the pool
expects, so mentors can say what to ask; on demand, the offers caregivers declined as too low."""

import streamlit as st

from hyc import charts, reads, ui, vocab
from hyc.filters import RateFilter
from hyc.ui.widgets import count_column

ui.page_setup("rates")
lang = ui.lang()

st.title(ui.t("rates.title"))
caption = st.empty()  # what is counted, and how many: known once the view is read

with ui.filters_area():
    st.subheader(ui.t("filter.title"))
    professions = ui.vocab_filter("profession", ui.t("filter.profession"), vocab.PROFESSIONS)
    specialties = ui.vocab_filter("specialty", ui.t("filter.specialty"), vocab.SPECIALTIES)
    mission_types = ui.vocab_filter("mission", ui.t("filter.mission_type"), vocab.MISSION_TYPES)
ui.active_filters_notice()

TERMS = {"profession": vocab.PROFESSIONS, "specialty": vocab.SPECIALTIES, "mission_type": vocab.MISSION_TYPES}
by = ui.choice_filter("by", ui.t("rates.by"), list(reads.rates.RATE_DIMENSIONS), lambda d: ui.t(f"rates.by_{d}"))
# Drawn under the notice of active filters: it adds a table, it narrows nothing.
show_declined = ui.toggle_filter("declined", ui.t("rates.show_declined"), default=False, container=st)
criteria = RateFilter(professions=professions, specialties=specialties, mission_types=mission_types)

summary = ui.read(reads.rates.rate_summary_with_expected, criteria, by)
EUROS = ("q1", "median", "q3", "min", "max")


def summary_table(rows, *, key: str, note: bool = False, expected: bool = False) -> None:
    """Quartiles per group in whole euros; with `note`, a group with too few rates says it is no reference; with
    `expected`, the median the pool expects for the group beside them."""
    rows = ui.labelled(rows, **{by: TERMS[by]})
    columns = {by: ui.t(f"rates.by_{by}"), "n": ui.t("col.n"), "q1": ui.t("col.q1"), "median": ui.t("col.median"),
               "q3": ui.t("col.q3"), "min": ui.t("col.min"), "max": ui.t("col.max")}
    euros = {col: ui.euro_column(ui.t(f"col.{col}")) for col in EUROS} | {"n": count_column(ui.t("col.n"))}
    if expected:
        columns |= {"expected_median": ui.t("col.expected_median"), "expected_n": ui.t("col.expected_n")}
        euros["expected_median"] = ui.euro_column(ui.t("col.expected_median"))
        euros["expected_n"] = count_column(ui.t("col.expected_n"))
    if note:
        thin = rows.n[rows.n < reads.rates.REFERENCE_MIN]
        rows["reference"] = thin.map({n: ui.t("rates.few", n=int(n)) for n in thin.unique()})
        columns["reference"] = ui.t("col.reference")
    ui.table(rows, columns=columns, key=key, **euros)


def boxes(rows, *, title: str, value_title: str, hover: str) -> None:
    """One box per line, in the table's order (highest median first)."""
    ui.chart(charts.rate_boxes(ui.labelled(rows, **{by: TERMS[by]}), label=by, title=title, value_title=value_title,
                               hover=hover), ui.t("rates.empty"))


agreed = int(summary.n.sum()) if len(summary) else 0
caption.caption(ui.t("rates.caption", n=agreed, shown=ui.fmt_int(agreed)))
if summary.empty:
    st.info(ui.t("rates.empty"))
elif summary.n.max() >= reads.rates.REFERENCE_MIN:
    boxes(summary, title=ui.t(f"chart.rates_{by}"), value_title=ui.t("axis.day_rate"),
          hover=ui.t("chart.rates_hover"))
if len(summary):
    summary_table(summary, key="agreed", note=True, expected=True)
    st.caption(ui.t("rates.hint"))
if summary.empty or summary.n.max() < reads.rates.REFERENCE_MIN:
    # Too few agreed rates to advise from: the next wider view, said as such.
    kind, wider = ui.read(reads.rates.reference, criteria, by)
    st.subheader(ui.t(f"rates.reference_{kind}"))
    st.caption(ui.t(f"rates.reference_{kind}_why", n=agreed))
    if wider.empty:
        st.info(ui.t("empty.rates_reference"))
    else:
        summary_table(wider, key="reference", note=kind == "wider", expected=kind == "wider")

if show_declined:
    # Apart from the benchmark: the rates offered that caregivers turned down as too low.
    declined = ui.read(reads.rates.declined_rate_summary, criteria, by)
    st.subheader(ui.t("rates.declined_title"))
    shown = int(declined.n.sum()) if len(declined) else 0
    st.caption(ui.t("rates.declined_caption", n=shown, shown=ui.fmt_int(shown)))
    if declined.empty:
        st.info(ui.t("rates.declined_empty"))
    else:
        if declined.n.max() >= reads.rates.REFERENCE_MIN:
            boxes(declined, title=ui.t(f"rates.declined_chart_{by}"), value_title=ui.t("rates.declined_axis"),
                  hover=ui.t("rates.declined_hover"))
        summary_table(declined, key="declined")
