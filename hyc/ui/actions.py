"""Next actions (from calls and mentoring sessions) as a week: overdue, today, this week, later, each with its
count; the actions ticked are marked done, moved to a new date or handed to someone else, right from the list. An
action that serves a request links to it; one marked done offers to set the one that follows."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from hyc import mentoring, reads
from hyc.ui import forms as fm
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import fmt_int, plain
from hyc.ui.forms import Saved
from hyc.ui.lang import lang, t
from hyc.ui.listings import action_rows
from hyc.ui.store import may_write, new_run, read, today, write
from hyc.ui.widgets import (
    SHOWN,
    action_links,
    date_column,
    drawn_again,
    first_rows,
    fitted_height,
    ids_digest,
    link_column,
    table,
)

ENTITY = {"call": "call", "mentoring": "mentoring_session"}


def next_monday(day: date) -> date:
    return day + timedelta(days=7 - day.weekday())


@st.fragment
def week_view(week: pd.DataFrame, key: str, caregiver_page: str = "talent_pool") -> None:
    """The week of next actions in `week` (reads.mentoring.week rows), by part, with the actions on the ticked; a
    caregiver's record opens on `caregiver_page`. A fragment: a tick, a part picked, a date or a member chosen run
    the week alone again, on the rows the page read; a write (done, moved, handed over, a follow-up saved) runs
    the page again, which reads the week anew."""
    new_run()  # a fragment's run is no page run: the data version is read again (another member may have written)
    _follow_ups(key)
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
    every = drawn_again("week", (week, part, caregiver_page, lang()), lambda: action_rows(rows).assign(
        link=action_links(rows, caregiver_page), request_link=request_links(rows)))
    shown = first_rows(every).reset_index(drop=True)
    rows = rows.head(SHOWN).reset_index(drop=True)
    # Keyed on the rows shown: after a change, the ticks go rather than move to other actions.
    event = table(shown, key=f"{key}.table.{part}.{ids_digest(rows)}", select="multi",
                  height=fitted_height(len(rows)), export=every,
                  columns={"link": t("col.open"), "due": t("col.due"), "action": t("col.action"), "who": t("col.who"),
                           "request": t("col.request"), "request_link": t("week.open_request"), "owner": t("col.owner"),
                           "days_late": t("col.days_late")},
                  link=link_column(t("col.open")), request_link=link_column(t("week.open_request")),
                  due=date_column(t("col.due")))
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
            # Each action marked done then offers to set the one that follows it (see _follow_ups).
            st.session_state[f"{key}.follow"] = [
                {"entity": ENTITY[a.source], "id": int(a.id), "action": a.action, "who": a.who}
                for a in action_rows(ticked).itertuples()]
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


def request_links(actions: pd.DataFrame) -> pd.Series:
    """Each next action that serves a request links to it (none for the others); built column-wise."""
    address = "/requests?request=" + actions.request_id.astype("Int64").astype(str) + f"&lang={lang()}"
    return address.where(actions.request_id.notna())


def _follow_ups(key: str) -> None:
    """After actions were marked done: for each in turn, the next action that follows it (on the same call or
    session, with its owner), or no follow-up."""
    pending = st.session_state.get(f"{key}.follow") or []
    if not pending:
        return
    done = pending[0]
    name = f"{key}.follow.{done['entity']}.{done['id']}"

    def drop() -> None:
        st.session_state[f"{key}.follow"] = st.session_state.get(f"{key}.follow", [])[1:]
        fm.forget(name)

    box = st.container(border=True)
    with box:
        st.markdown("**" + plain(t("week.follow_title", action=done["action"], who=done["who"] or "–")) + "**")
    with box, fm.form(name, prefill={"next_action": None, "next_action_due": next_monday(today())}, border=False):
        fm.follow_up_fields(name)

        def save(values: dict) -> Saved:
            write(mentoring.set_next_action, done["entity"], done["id"], values)
            drop()
            flash(t("week.follow_saved", date=f"{values['next_action_due']:%d/%m/%Y}"))
            # The save runs in the form's callback, whose rerun would be this fragment's alone, over the rows read
            # before the write: the page runs again and reads the week with its new action.
            st.rerun()

        fm.submit(name, t("week.follow_save"), save, icon=":material/event_upcoming:")
    box.button(t("week.follow_skip"), key=f"{name}.skip", on_click=drop, icon=":material/close:")

