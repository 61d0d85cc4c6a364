"""Talent pool: find the right people in seconds, see how the pool is made, open a caregiver's record."""

import streamlit as st

from hyc import charts, reads, ui, vocab
from hyc.ui import listings, records, shortlist

ui.page_setup("talent_pool")
lang = ui.lang()

st.title(ui.t("pool.title"))

criteria = ui.caregiver_filter()
total = ui.read(reads.pool.caregiver_count, criteria)
st.caption(ui.t("pool.count", n=ui.fmt_int(total)))

# Only the open tab runs: a filter change on the list does not also count and chart the breakdown.
tabs = ui.lazy_tabs({"list": ui.t("pool.tab_list"), "breakdown": ui.t("pool.tab_breakdown")}, "pool.tabs")

if tabs["list"].open:
    with tabs["list"]:
        order = ui.choice_filter("order", ui.t("pool.order"), list(reads.pool.ORDERS),
                                 lambda o: ui.t(f"pool.order_{o}"))
        shown = ui.read(listings.pool_list, criteria, order, lang)
        if shown.empty:
            st.info(ui.t("empty.pool_filtered"))
        else:
            engine = ui.engine()
            every = ui.every_row(len(shown), total, lambda: listings.pool_list(engine, criteria, order, lang,
                                                                              limit=None))
            # What a caller needs first: who, what they do, how they take to digital tools, where they stand, their
            # rate and track record, what they want; then where they are and how to reach them.
            # Keyed on the rows shown: a new filter or sort clears the ticks instead of moving them to other people.
            columns = {
                "last_name": ui.t("col.last_name"), "first_name": ui.t("col.first_name"),
                "profession": ui.t("col.profession"), "specialty": ui.t("col.specialty"),
                "digital_appetite": ui.t("col.appetite"), "stage": ui.t("col.stage"),
                "expected_day_rate": ui.t("col.expected_rate"), "missions_done": ui.t("col.missions_done"),
                "mission_types": ui.t("col.missions_wanted"), "region": ui.t("col.region"),
                "availability_days_per_month": ui.t("col.availability"), "work_mode": ui.t("col.work_mode"),
                "phone": ui.t("col.phone"), "email": ui.t("col.email"), "departement": ui.t("col.departement"),
                "practice_setting": ui.t("col.setting"), "mentor": ui.t("col.mentor"),
            }
            event = ui.table(shown, key=f"pool_table.{ui.ids_digest(shown)}", select="multi", height=420,
                             columns=columns, export=every, expected_day_rate=ui.euro_column(ui.t("col.expected_rate")))
            ticked = [int(shown.id.iloc[i]) for i in event.selection.rows if i < len(shown)]
            ui.open_ticked("caregiver", ticked, "pool_table", multi=True)
            writer = ui.may_write("matches")
            st.caption(ui.t("pool.pick_hint" if writer else "pool.pick_hint_read"))
            shortlist.add_button(ticked, key="pool.add")
        if ui.may_write("matches"):
            with st.expander(ui.t("shortlist.count", n=len(shortlist.ids())), icon=":material/checklist:"):
                shortlist.box()

if tabs["breakdown"].open:
    with tabs["breakdown"]:
        counts = reads.pool.caregiver_counts
        by_profession = ui.labelled(ui.read(counts, criteria, "profession"), profession=vocab.PROFESSIONS)
        by_specialty = ui.labelled(ui.read(counts, criteria, "specialty"), specialty=vocab.SPECIALTIES)
        by_region = ui.read(counts, criteria, "region")
        by_region["label"] = by_region.region.map(lambda code: vocab.REGIONS.label(code, lang))
        left, right = st.columns(2)
        with left:
            ui.chart(charts.horizontal_bars(by_profession, label="profession", value="caregivers",
                                            title=ui.t("chart.pool_by_profession"), value_title=ui.t("axis.caregivers"))
                     if len(by_profession) else None, ui.t("empty.pool_filtered"))
            ui.chart(charts.horizontal_bars(by_specialty, label="specialty", value="caregivers",
                                            title=ui.t("chart.pool_by_specialty"), value_title=ui.t("axis.caregivers"))
                     if len(by_specialty) else None, ui.t("empty.no_doctor"))
        with right:
            ui.chart(charts.region_map(by_region, region="region", label="label", value="caregivers",
                                       title=ui.t("chart.pool_by_region")) if len(by_region) else None,
                     ui.t("empty.pool_filtered"))
            by_dep = ui.read(counts, criteria, "departement").head(15)
            by_dep["name"] = by_dep.departement.map(lambda c: f"{c} – {vocab.DEPARTEMENTS_BY_CODE[c].name}")
            st.markdown(f"**{ui.t('pool.top_departements')}**")
            ui.table(by_dep, columns={"name": ui.t("col.departement"), "caregivers": ui.t("col.caregivers")})

records.caregiver_record(ui.record_id("caregiver"))
