"""Mentoring: onboarding completion, who is stalled, time to readiness, next actions, a mentor's caregivers."""

import streamlit as st

from hyc import charts, reads, ui, vocab
from hyc.filters import CaregiverFilter
from hyc.ui import records
from hyc.ui.actions import week_view

ui.page_setup("mentoring")
lang = ui.lang()
today = ui.today()

st.title(ui.t("mentoring.title"))

# A mentor lands on their own caregivers (figures, lists and week); the whole team is one click away.
me = ui.actor()
if me.role == "mentor":
    ui.default_filter("mentor", [me.id])
    ui.scope_switch("mentor", me.id, ui.t("mentoring.scope_mine"), ui.t("mentoring.scope_team"))

criteria = ui.caregiver_filter("mentor", "profession")
mentors, professions = criteria.mentors, criteria.professions
stalled = ui.read(reads.mentoring.stalled, criteria, today)
actions = ui.read(reads.mentoring.week, today, mentors[0] if len(mentors) == 1 else None)
followed = ui.read(reads.pool.caregiver_count, criteria)

a, b, c = st.columns(3)
a.metric(ui.t("mentoring.followed"), ui.fmt_int(followed))
b.metric(ui.t("mentoring.stalled"), ui.fmt_int(len(stalled)),
         help=ui.t("mentoring.stalled_help", days=reads.mentoring.STALLED_DAYS))
c.metric(ui.t("mentoring.overdue"), ui.fmt_int(int((actions.part == "overdue").sum())))

# Anyone sees one mentor's caregivers by picking them in the filter.
mine_of = mentors[0] if len(mentors) == 1 else (me.id if me.role == "mentor" else None)
quiet = ui.read(reads.mentoring.to_call_back, criteria, today)
# Stuck work follows the scope: one person's (picked in the filter, or "Mes soignants") or the whole team's.
stuck_of = mentors[0] if len(mentors) == 1 else None
stuck = ui.read(reads.stuck.stuck_work, today, stuck_of, reads.stuck.thresholds())
titles = [ui.t("mentoring.tab_progress"), ui.t("mentoring.tab_stalled", n=len(stalled)),
          ui.t("mentoring.tab_actions", n=int(actions.part.isin(["overdue", "today", "this_week"]).sum())),
          ui.t("mentoring.tab_mine"), ui.t("mentoring.tab_stuck", n=len(stuck)),
          ui.t("mentoring.tab_call_back", n=len(quiet))]
if me.role == "mentor":
    mine, overview_tab, stalled_tab, actions_tab, stuck_tab, call_back_tab = st.tabs([titles[3], *titles[:3],
                                                                                      *titles[4:]])
else:
    overview_tab, stalled_tab, actions_tab, mine, stuck_tab, call_back_tab = st.tabs(titles)

with mine:
    if mine_of is None:
        st.info(ui.t("mentoring.pick_mentor"))
    else:
        mine_criteria = CaregiverFilter(mentors=(mine_of,), professions=professions)
        people = ui.labelled(ui.read(reads.pool.caregivers, mine_criteria), profession=vocab.PROFESSIONS,
                             specialty=vocab.SPECIALTIES, stage=vocab.CAREGIVER_STAGES)
        people["link"] = ui.record_links("mentoring", "caregiver", people.id)
        people["phone"] = ui.phones(people.phone)
        ui.table(people, columns={"link": ui.t("col.open"), "last_name": ui.t("col.last_name"),
                                  "first_name": ui.t("col.first_name"), "profession": ui.t("col.profession"),
                                  "specialty": ui.t("col.specialty"), "stage": ui.t("col.stage"),
                                  "phone": ui.t("col.phone")},
                 link=ui.link_column(ui.t("col.open")), height=420)

with overview_tab:
    left, right = st.columns(2)
    with left:
        completion = ui.labelled(ui.read(reads.mentoring.step_completion, criteria), step=vocab.ONBOARDING_STEPS)
        ui.chart(charts.share_bars(completion, label="step", share="share", title=ui.t("chart.step_completion"),
                                   value_title=ui.t("axis.share_done")) if len(completion) else None,
                 ui.t("empty.pool_filtered"))
    with right:
        per_stage = ui.labelled(ui.read(reads.mentoring.caregivers_per_stage, criteria), stage=vocab.CAREGIVER_STAGES)
        ui.chart(charts.horizontal_bars(per_stage, label="stage", value="caregivers",
                                        title=ui.t("chart.caregivers_per_stage"), value_title=ui.t("axis.caregivers"))
                 if len(per_stage) else None, ui.t("empty.pool_filtered"))
    ready = ui.labelled(ui.read(reads.mentoring.time_to_ready, criteria), profession=vocab.PROFESSIONS)
    ready["days"] = ready.median_days.round(1)
    ready["label"] = [f"{p} ({n})" for p, n in zip(ready.profession, ready.caregivers, strict=True)]
    ui.chart(charts.horizontal_bars(ready, label="label", value="days", title=ui.t("chart.time_to_ready"),
                                    value_title=ui.t("axis.days")) if len(ready) else None,
             ui.t("empty.time_to_ready"))

with stalled_tab:
    if stalled.empty:
        st.success(ui.t("empty.stalled", days=reads.mentoring.STALLED_DAYS))
    else:
        shown = ui.labelled(stalled.head(reads.common.TABLE_ROW_LIMIT), profession=vocab.PROFESSIONS,
                            stage=vocab.CAREGIVER_STAGES)
        shown["link"] = ui.record_links("mentoring", "caregiver", shown.id)
        ui.table(shown, columns={"link": ui.t("col.open"), "last_name": ui.t("col.last_name"),
                                 "first_name": ui.t("col.first_name"), "profession": ui.t("col.profession"),
                                 "stage": ui.t("col.stage"), "mentor": ui.t("col.mentor"),
                                 "last_progress_at": ui.t("col.last_progress"), "idle_days": ui.t("col.idle_days")},
                 link=ui.link_column(ui.t("col.open")), last_progress_at=ui.date_column(ui.t("col.last_progress")),
                 height=420)

with actions_tab:
    week_view(actions, "mentoring.week", caregiver_page="mentoring")

with stuck_tab:
    if stuck_of is None:
        st.caption(ui.t("mentoring.stuck_all"))
    else:
        st.caption(ui.t("mentoring.stuck_of", name=ui.read(reads.admin.team).set_index("id").full_name[stuck_of]))
    ui.stuck_view(stuck, "mentoring.stuck", ui.t("empty.stuck"))

with call_back_tab:
    if quiet.empty:
        st.success(ui.t("empty.call_back", days=reads.mentoring.HYGIENE_DAYS))
    else:
        st.caption(ui.t("mentoring.call_back_hint", days=reads.mentoring.HYGIENE_DAYS))
        shown = ui.labelled(quiet.head(reads.common.TABLE_ROW_LIMIT), profession=vocab.PROFESSIONS)
        shown["link"] = ui.record_links("mentoring", "caregiver", shown.id)
        shown["phone"] = ui.phones(shown.phone)
        ui.table(shown, columns={"link": ui.t("col.open"), "last_name": ui.t("col.last_name"),
                                 "first_name": ui.t("col.first_name"), "profession": ui.t("col.profession"),
                                 "phone": ui.t("col.phone"), "profile_confirmed_on": ui.t("col.confirmed_on"),
                                 "last_call": ui.t("col.last_call"), "quiet_days": ui.t("col.quiet_days"),
                                 "mentor": ui.t("col.mentor")},
                 link=ui.link_column(ui.t("col.open")), profile_confirmed_on=ui.date_column(ui.t("col.confirmed_on")),
                 last_call=ui.date_column(ui.t("col.last_call")), height=420)

# A caregiver opened from this page opens here, under the lists: closing the record brings the mentor back to them.
records.caregiver_record(ui.record_id("caregiver"))
