"""Mentoring: onboarding completion, who is stalled, time to readiness, next actions, a mentor's caregivers."""

import streamlit as st

from hyc import charts, reads, ui, vocab
from hyc.filters import CaregiverFilter
from hyc.ui import listings, records
from hyc.ui.actions import week_view
from hyc.ui.digest import digest_box

ui.page_setup("mentoring")
lang = ui.lang()
today = ui.today()

st.title(ui.t("mentoring.title"))

# A mentor lands on their own caregivers (figures, lists and week); the whole team is one click away.
me = ui.actor()
# The member's own day (hyc.digest), when this is the page they land on (a mentor's).
digest_box(ui.pages_for(me.role)[0][0] == "mentoring", caregiver_page="mentoring")
if me.role == "mentor":
    ui.default_filter("mentor", [me.id])
    ui.scope_switch("mentor", me.id, ui.t("mentoring.scope_mine"), ui.t("mentoring.scope_team"))

criteria = ui.caregiver_filter("mentor", "profession")
mentors, professions = criteria.mentors, criteria.professions
counts = ui.read(reads.mentoring.headline, criteria, today)
owner = mentors[0] if len(mentors) == 1 else None
week_counts = ui.read(reads.mentoring.week_counts, today, owner)

a, b, c = st.columns(3)
a.metric(ui.t("mentoring.followed"), ui.fmt_int(counts["followed"]))
b.metric(ui.t("mentoring.stalled"), ui.fmt_int(counts["stalled"]),
         help=ui.t("mentoring.stalled_help", days=reads.mentoring.STALLED_DAYS))
c.metric(ui.t("mentoring.overdue"), ui.fmt_int(week_counts["overdue"]))

# Anyone sees one mentor's caregivers by picking them in the filter.
mine_of = mentors[0] if len(mentors) == 1 else (me.id if me.role == "mentor" else None)
# Stuck work follows the scope: one person's (picked in the filter, or "Mes soignants") or the whole team's.
stuck_of = mentors[0] if len(mentors) == 1 else None
stuck = ui.read(reads.stuck.stuck_work, today, stuck_of, reads.stuck.thresholds())
titles = {"progress": ui.t("mentoring.tab_progress"),
          "stalled": ui.t("mentoring.tab_stalled", n=ui.fmt_int(counts["stalled"])),
          "actions": ui.t("mentoring.tab_actions",
                          n=ui.fmt_int(week_counts["overdue"] + week_counts["today"] + week_counts["this_week"])),
          "mine": ui.t("mentoring.tab_mine"), "stuck": ui.t("mentoring.tab_stuck", n=ui.fmt_int(len(stuck))),
          "call_back": ui.t("mentoring.tab_call_back", n=ui.fmt_int(counts["call_back"]))}
order = ["mine", "progress", "stalled", "actions", "stuck", "call_back"] if me.role == "mentor" else \
    ["progress", "stalled", "actions", "mine", "stuck", "call_back"]
# Only the open tab reads its lists and draws its charts (at fifty times the demo, drawing them all cost more than
# the rest of the page).
tabs = ui.lazy_tabs({name: titles[name] for name in order}, "mentoring.tabs")
engine = ui.engine()


def caregiver_list(rows, total: int, reader_args: tuple, columns: dict, **config) -> None:
    """A list of caregivers opening on this page: the first rows shown, all `total` downloaded (read again on the
    click with `reader_args`, the reader and its arguments, and no limit)."""
    reader, *args = reader_args
    every = ui.every_row(len(rows), total, lambda: listings.caregiver_rows(reader(engine, *args, limit=None), lang))
    shown = listings.caregiver_rows(rows, lang)
    shown["link"] = ui.record_links("mentoring", "caregiver", rows.id)
    ui.table(shown, columns={"link": ui.t("col.open"), **columns}, height=420, export=every,
             link=ui.link_column(ui.t("col.open")), **config)


if tabs["mine"].open:
    with tabs["mine"]:
        if mine_of is None:
            st.info(ui.t("mentoring.pick_mentor"))
        else:
            mine_criteria = CaregiverFilter(mentors=(mine_of,), professions=professions)
            people = ui.read(reads.pool.caregivers, mine_criteria, "name")
            caregiver_list(people, ui.read(reads.pool.caregiver_count, mine_criteria),
                           (reads.pool.caregivers, mine_criteria, "name"), {
                "last_name": ui.t("col.last_name"), "first_name": ui.t("col.first_name"),
                "profession": ui.t("col.profession"), "specialty": ui.t("col.specialty"),
                "stage": ui.t("col.stage"), "phone": ui.t("col.phone")})

if tabs["progress"].open:
    with tabs["progress"]:
        left, right = st.columns(2)
        with left:
            completion = ui.labelled(ui.read(reads.mentoring.step_completion, criteria), step=vocab.ONBOARDING_STEPS)
            ui.chart(charts.share_bars(completion, label="step", share="share", title=ui.t("chart.step_completion"),
                                       value_title=ui.t("axis.share_done")) if len(completion) else None,
                     ui.t("empty.pool_filtered"))
        with right:
            per_stage = ui.labelled(ui.read(reads.mentoring.caregivers_per_stage, criteria),
                                    stage=vocab.CAREGIVER_STAGES)
            ui.chart(charts.horizontal_bars(per_stage, label="stage", value="caregivers",
                                            title=ui.t("chart.caregivers_per_stage"),
                                            value_title=ui.t("axis.caregivers")) if len(per_stage) else None,
                     ui.t("empty.pool_filtered"))
        ready = ui.labelled(ui.read(reads.mentoring.time_to_ready, criteria), profession=vocab.PROFESSIONS)
        ready["days"] = ready.median_days.round(1)
        ready["label"] = ui.counted(ready.profession, ready.caregivers)
        ui.chart(charts.horizontal_bars(ready, label="label", value="days", title=ui.t("chart.time_to_ready"),
                                        value_title=ui.t("axis.days")) if len(ready) else None,
                 ui.t("empty.time_to_ready"))

if tabs["stalled"].open:
    with tabs["stalled"]:
        if not counts["stalled"]:
            st.success(ui.t("empty.stalled", days=reads.mentoring.STALLED_DAYS))
        else:
            caregiver_list(ui.read(reads.mentoring.stalled, criteria, today), counts["stalled"],
                           (reads.mentoring.stalled, criteria, today), {
                               "last_name": ui.t("col.last_name"), "first_name": ui.t("col.first_name"),
                               "profession": ui.t("col.profession"), "stage": ui.t("col.stage"),
                               "mentor": ui.t("col.mentor"), "last_progress_at": ui.t("col.last_progress"),
                               "idle_days": ui.t("col.idle_days")},
                           last_progress_at=ui.date_column(ui.t("col.last_progress")))

if tabs["actions"].open:
    with tabs["actions"]:
        week_view(ui.read(reads.mentoring.week, today, owner), "mentoring.week", caregiver_page="mentoring")

if tabs["stuck"].open:
    with tabs["stuck"]:
        if stuck_of is None:
            st.caption(ui.t("mentoring.stuck_all"))
        else:
            st.caption(ui.t("mentoring.stuck_of", name=ui.read(reads.admin.team).set_index("id").full_name[stuck_of]))
        ui.stuck_view(stuck, "mentoring.stuck", ui.t("empty.stuck"))

if tabs["call_back"].open:
    with tabs["call_back"]:
        if not counts["call_back"]:
            st.success(ui.t("empty.call_back", days=reads.mentoring.HYGIENE_DAYS))
        else:
            st.caption(ui.t("mentoring.call_back_hint", days=reads.mentoring.HYGIENE_DAYS))
            caregiver_list(ui.read(reads.mentoring.to_call_back, criteria, today), counts["call_back"],
                           (reads.mentoring.to_call_back, criteria, today), {
                               "last_name": ui.t("col.last_name"), "first_name": ui.t("col.first_name"),
                               "profession": ui.t("col.profession"), "phone": ui.t("col.phone"),
                               "profile_confirmed_on": ui.t("col.confirmed_on"), "last_call": ui.t("col.last_call"),
                               "quiet_days": ui.t("col.quiet_days"), "mentor": ui.t("col.mentor")},
                           profile_confirmed_on=ui.date_column(ui.t("col.confirmed_on")),
                           last_call=ui.date_column(ui.t("col.last_call")))

# A caregiver opened from this page opens here, under the lists: closing the record brings the mentor back to them.
records.caregiver_record(ui.record_id("caregiver"))
