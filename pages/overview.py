"""Overview: pipeline health at a glance, with links down to the records that need attention."""

import streamlit as st

from hyc import charts, reads, ui, vocab
from hyc.filters import CaregiverFilter
from hyc.ui import listings
from hyc.ui.digest import digest_box

ui.page_setup("overview")
lang = ui.lang()
today = ui.today()

st.title(ui.t("overview.title"))
st.caption(ui.t("overview.caption", date=ui.fmt_date(today), days=reads.overview.TREND_DAYS))
# The member's own day (hyc.digest), when this is the page they land on.
digest_box(ui.pages_for(ui.actor().role)[0][0] == "overview")
period = ui.choice_filter("period", ui.t("overview.period"), list(reads.overview.PERIODS),
                          lambda p: ui.t(f"overview.period_{p}"))
since = reads.overview.period_start(period, today)

trends = ui.read(reads.overview.headline_trends, today).set_index("metric")
HEADLINES = [  # metric, label key, how to read it, help key
    ("pool", "overview.pool", "count", "overview.pool_help"),
    ("new_caregivers", "overview.new_caregivers", "count", "overview.window_help"),
    ("open_requests", "overview.open_requests", "count", None),
    ("signed", "overview.signed", "count", "overview.window_help"),
    ("fill_rate", "overview.fill_rate", "share", "overview.fill_rate_help"),
    ("days_to_first_candidate", "overview.first_candidate", "days", "overview.first_candidate_help"),
    ("days_to_fill", "overview.time_to_fill", "days", "overview.time_to_fill_help"),
]
first_row, second_row = st.columns(4), st.columns(4)
columns = [*first_row, *second_row[:3]]
for col, (name, label, kind, help_key) in zip(columns, HEADLINES, strict=True):
    current, previous = trends.loc[name, "current"], trends.loc[name, "previous"]
    shown = {"count": ui.fmt_int, "share": ui.fmt_pct, "days": ui.fmt_days}[kind](current)
    col.metric(ui.t(label), shown, ui.trend_delta(current, previous, kind=kind),
               delta_color="inverse" if kind == "days" else "normal",
               help=ui.t(help_key, days=reads.overview.TREND_DAYS) if help_key else None)

# Pool hygiene: people to call back so that the pool stays true (listed on the Mentoring page).
to_call_back = ui.read(reads.mentoring.headline, CaregiverFilter(), today)["call_back"]
second_row[3].metric(ui.t("overview.to_call_back"), ui.fmt_int(to_call_back),
                     help=ui.t("overview.to_call_back_help", days=reads.mentoring.HYGIENE_DAYS))

left, right = st.columns(2)
with left:
    growth = ui.labelled(ui.read(reads.overview.pool_growth, since), profession=vocab.PROFESSIONS)
    ui.chart(
        charts.stacked_area(growth, x="month", y="caregivers", color="profession", title=ui.t("chart.pool_growth"),
                            x_title=ui.t("axis.month"), y_title=ui.t("axis.caregivers"),
                            others=ui.t("chart.other_professions")) if len(growth) else None,
        ui.t("empty.pool"),
    )
with right:
    ages = ui.labelled(ui.read(reads.overview.open_requests_by_status_and_age, today), status=vocab.REQUEST_STATUSES)
    ages["age"] = ages.age_bucket.map(lambda code: ui.t(f"age.{code}"))
    ui.chart(
        charts.stacked_bars(ages, label="status", value="requests", color="age", title=ui.t("chart.open_by_age"),
                            value_title=ui.t("axis.requests"),
                            color_order=[ui.t(f"age.{code}") for code, _, _ in reads.overview.AGE_BUCKETS])
        if len(ages) else None,
        ui.t("empty.open_requests"),
    )

left, right = st.columns(2)
with left:
    funnel = ui.labelled(ui.read(reads.overview.match_funnel, None, since), stage=vocab.MATCH_STAGES)
    ui.chart(
        charts.funnel(funnel, label="stage", value="reached", title=ui.t("chart.funnel"))
        if funnel.reached.sum() else None,
        ui.t("empty.funnel"),
    )
    st.caption(ui.t("chart.funnel_hint") + " " + (ui.t("overview.since", date=ui.fmt_date(since)) if since
                                                  else ui.t("overview.all_time")))
with right:
    balance = ui.read(reads.overview.supply_demand)
    balance["label"] = ui.supply_label(balance)
    top = balance.head(12)
    ui.chart(
        charts.paired_bars(top, label="label", values={"demand": ui.t("axis.demand"), "supply": ui.t("axis.supply")},
                           title=ui.t("chart.supply_demand"), value_title=ui.t("axis.people"))
        if len(top) else None,
        ui.t("empty.supply_demand"),
    )
    shortages = int((balance.gap > 0).sum())
    st.caption(ui.t("chart.supply_demand_hint", shortages=shortages))

# What needs attention, one list at a time, counted on its button: only the list picked is made into a table and
# drawn (three tables under the charts were a third of the browser's work on every visit). A row of buttons rather
# than tabs: the new list replaces the old one in place, where an empty tab made the page jump up under the mouse.
at_risk = ui.read(reads.overview.requests_at_risk, today)
late = ui.read(reads.mentoring.week_counts, today)["overdue"]
# Work waiting beyond its stage's or status's threshold, whoever owns it, so that nothing waits unseen.
stuck = ui.read(reads.stuck.stuck_work, today, None, reads.stuck.thresholds())  # settings in the cache key
st.subheader(ui.t("overview.attention"))
counts = {"at_risk": len(at_risk), "overdue": late, "stuck": len(stuck)}
attention = ui.choice_filter("attention", ui.t("overview.attention_list"), list(counts),
                             lambda name: ui.t(f"overview.{name}", n=ui.fmt_int(counts[name])))

if attention == "at_risk":
    st.caption(ui.t("overview.at_risk_help", days=reads.overview.AT_RISK_DAYS))
    if at_risk.empty:
        st.success(ui.t("empty.at_risk", days=reads.overview.AT_RISK_DAYS))
    else:
        at_risk = ui.labelled(at_risk, status=vocab.REQUEST_STATUSES)
        at_risk["link"] = ui.record_links("requests", "request", at_risk.id)
        # The oldest first, as many as a person reads; the download holds them all.
        shown = ui.first_rows(at_risk, filtered=False)
        ui.table(shown, export=at_risk,
                 columns={"link": ui.t("col.open"), "organisation": ui.t("col.organisation"),
                          "age_days": ui.t("col.age_days"), "to_fill": ui.t("col.to_fill"),
                          "owner": ui.t("col.owner"), "status": ui.t("col.status"), "title": ui.t("col.request")},
                 link=ui.link_column(ui.t("col.open")), height=ui.fitted_height(len(shown)))
elif attention == "overdue":
    st.caption(ui.t("overview.overdue_help"))
    # The most recent first, as in a mentor's week: a person reads the first of them, the file holds them all.
    overdue = ui.read(reads.mentoring.week, today, None, None, "overdue", ui.SHOWN)
    if overdue.empty:
        st.success(ui.t("empty.overdue"))
    else:
        engine = ui.engine()
        every = ui.every_row(len(overdue), late, lambda: listings.action_rows(
            reads.mentoring.week(engine, today, None, None, "overdue")), filtered=False)
        ui.table(listings.action_rows(overdue).assign(link=ui.action_links(overdue)), export=every, columns={
            "link": ui.t("col.open"), "due": ui.t("col.due"), "days_late": ui.t("col.days_late"),
            "who": ui.t("col.who"), "owner": ui.t("col.owner"), "action": ui.t("col.action"),
        }, link=ui.link_column(ui.t("col.open")), due=ui.date_column(ui.t("col.due")),
           height=ui.fitted_height(len(overdue)))
else:
    st.caption(ui.t("overview.stuck_help"))
    if len(stuck):
        st.caption(ui.owners_summary(stuck))
    ui.stuck_view(stuck, "overview.stuck", ui.t("empty.stuck"), filtered=False)  # no filter here narrows the list
