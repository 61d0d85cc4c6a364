"""Next actions (from calls and mentoring sessions) as a week: overdue, today, this week, later, each with its
count; the actions ticked are marked done, moved to a new date or handed to someone else, right from the list."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from hyc import mentoring, reads
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import fmt_int
from hyc.ui.lang import t
from hyc.ui.listings import action_rows
from hyc.ui.store import may_write, read, today
from hyc.ui.widgets import SHOWN, action_links, date_column, first_rows, fitted_height, ids_digest, link_column, table

ENTITY = {"call": "call", "mentoring": "mentoring_session"}


def next_monday(day: date) -> date:
    return day + timedelta(days=7 - day.weekday())


def week_view(week: pd.DataFrame, key: str, caregiver_page: str = "talent_pool") -> None:
    """The week of next actions in `week` (reads.mentoring.week rows), by part, with the actions on the ticked; a
    caregiver's record opens on `caregiver_page`."""
    counts = week.part.value_counts()
    parts = list(reads.mentoring.WEEK)
    said = {part: t(f"week.{part}", n=fmt_int(counts.get(part, 0))) for part in parts}
    state = f"{key}.part"
    if st.session_state.get(state) not in parts:
        st.session_state[state] = next((part for part in parts if counts.get(part, 0)), "today")
    part = st.segmented_control(t("week.title"), parts, format_func=said.get, key=state) or parts[0]
    rows = week[week.part == part]
    if rows.empty:
        st.success(t(f"week.empty_{part}"))
        return
    every = action_rows(rows).assign(link=action_links(rows, caregiver_page))
    shown = first_rows(every).reset_index(drop=True)
    rows = rows.head(SHOWN).reset_index(drop=True)
    # Keyed on the rows shown: after a change, the ticks go rather than move to other actions.
    event = table(shown, key=f"{key}.table.{part}.{ids_digest(rows)}", select="multi",
                  height=fitted_height(len(rows)), export=every,
                  columns={"link": t("col.open"), "due": t("col.due"), "action": t("col.action"), "who": t("col.who"),
                           "owner": t("col.owner"), "days_late": t("col.days_late")},
                  link=link_column(t("col.open")), due=date_column(t("col.due")))
    ticked = rows.iloc[[i for i in event.selection.rows if i < len(rows)]]
    if may_write("calls") or may_write("mentoring"):
        _act_on(ticked, key)


def _act_on(ticked: pd.DataFrame, key: str) -> None:
    """Done, move, hand over: each on the actions ticked, each written with its audit event."""
    targets = [(ENTITY[a.source], int(a.id)) for a in ticked.itertuples()]
    n = len(targets)
    st.caption(t("week.pick_hint") if not n else t("week.ticked", n=n))
    done, move, hand = st.columns([1.2, 2, 2], vertical_alignment="bottom")
    with done:
        if st.button(t("week.done"), key=f"{key}.done", disabled=not n, icon=":material/task_alt:"):
            _apply(targets, lambda entity, row: attempt(mentoring.close_action, entity, row), t("saved.actions", n=n))
    with move:
        new_due = st.date_input(t("week.move_to"), value=next_monday(today()), min_value=today(),
                                format="DD/MM/YYYY", key=f"{key}.due")
        if st.button(t("week.move"), key=f"{key}.move", disabled=not n, icon=":material/event_repeat:"):
            _apply(targets, lambda entity, row: attempt(mentoring.update_action, entity, row, {"due": new_due}),
                   t("saved.actions_moved", n=n, date=f"{new_due:%d/%m/%Y}"))
    with hand:
        team = read(reads.admin.team)
        team = team[team.role.isin(["fondateur", "mentor"])]
        names = dict(zip(team.id.astype(int), team.full_name, strict=True))
        owner = st.selectbox(t("week.hand_to"), list(names), format_func=names.get, key=f"{key}.owner")
        if st.button(t("week.hand"), key=f"{key}.hand", disabled=not n or owner is None, icon=":material/forward:"):
            _apply(targets, lambda entity, row: attempt(mentoring.update_action, entity, row, {"owner_id": owner}),
                   t("saved.actions_handed", n=n, name=names.get(owner, "")))


def _apply(targets: list[tuple[str, int]], change, done: str) -> None:
    """One write per action ticked; the first refusal stops and says why, what was written before it stays."""
    for entity, row in targets:
        if change(entity, row) is REFUSED:
            return
    flash(done)
    st.rerun()
