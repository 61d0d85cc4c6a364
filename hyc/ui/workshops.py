"""The "Séances" tab of a workshop or interviews request (hyc.workshops): its sessions, a form to add one, and for the
session picked its change and cancellation, "Inviter" with a confirmation naming who gets what (and who, without an
e-mail, does not), and after it, attendance, feedback and the AI briefing.

The confirmation is drawn in place, not in a dialog (a dialog's buttons do nothing under AppTest), as the proposals'
preview is."""

from __future__ import annotations

from datetime import time

import pandas as pd
import streamlit as st

from hyc import models, workshops
from hyc.ui import forms as fm
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import fmt_date, fmt_datetime, plain
from hyc.ui.forms import Saved
from hyc.ui.lang import t
from hyc.ui.proposals import smtp
from hyc.ui.store import may_write, read, utc_now, write
from hyc.ui.widgets import fitted_height, table

CONFIRM = "workshop.confirm"  # the session whose sending waits for its confirmation
CANCELLING = "workshop.cancelling"  # the session whose cancellation waits for its confirmation
YES, NO = "yes", "no"


def has_sessions(r: pd.Series) -> bool:
    """Whether a request holds sessions: a workshop or interviews."""
    return r.mission_type in workshops.MISSIONS


def tab_title(r: pd.Series) -> str:
    """The tab's name, without a count: a name that changed with a new session would close the tab (the record's
    tabs are remembered by their label)."""
    return t("workshop.tab")


def sessions_tab(r: pd.Series) -> None:
    """The request's sessions, the form to add one, and the session picked."""
    request_id = int(r.id)
    rows = read(workshops.sessions, request_id)
    editable = may_write(workshops.AREA)
    if rows.empty:
        st.info(t("workshop.none"))
    else:
        now = utc_now()
        shown = rows.assign(
            when=rows.starts_at.map(fmt_datetime), where=rows.place.fillna(rows.video_link),
            state=[t("workshop.state.cancelled") if not pd.isna(c) else
                   t("workshop.state.past") if workshops.past(s, now) else t("workshop.state.planned")
                   for s, c in zip(rows.starts_at, rows.cancelled_at, strict=True)])
        table(shown, key=f"workshop.sessions.{request_id}", height=fitted_height(len(shown)), columns={
            "when": t("workshop.col.when"), "duration_min": t("field.duration"), "where": t("workshop.col.where"),
            "state": t("workshop.col.state"), "invited": t("workshop.col.invited"),
            "attended": t("workshop.col.attended")})
    if editable:
        with st.expander(t("workshop.add"), icon=":material/add:", expanded=rows.empty):
            _add_form(request_id)
    if rows.empty:
        return
    labels = {int(row.id): _label(row) for row in rows.itertuples()}
    picked = st.selectbox(t("workshop.pick"), list(labels), format_func=labels.get, key=f"workshop.pick.{request_id}")
    if picked is not None:
        _session(int(picked), editable)


def _label(row) -> str:
    where = row.place if isinstance(row.place, str) else row.video_link
    state = f" · {t('workshop.state.cancelled')}" if not pd.isna(row.cancelled_at) else ""
    return f"{fmt_datetime(row.starts_at)} · {row.duration_min} min · {where}{state}"


def _fields(name: str) -> None:
    a, b, c = st.columns(3)
    with a:
        fm.day(name, "day", label=t("workshop.field.day"), required=True)
    with b:
        fm.hour(name, "hour", label=t("workshop.field.hour"), required=True)
    with c:
        fm.number(name, "duration_min", required=True)
    fm.text(name, "place", label=t("workshop.field.place"), help=t("workshop.field.place_help"))
    fm.text(name, "video_link", label=t("workshop.field.video_link"), placeholder="https://")


def _add_form(request_id: int) -> None:
    name = f"workshop_add.{request_id}"
    with fm.form(name):
        _fields(name)

        def save(values: dict) -> Saved:
            write(workshops.add_session, request_id, values)
            return Saved(t("workshop.saved_added"), reset=True)

        fm.submit(name, t("workshop.save_add"), save, icon=":material/event:")


def _session(session_id: int, editable: bool) -> None:
    s = read(workshops.session_row, session_id)
    if s is None:
        return
    concerned = read(workshops.people, session_id)
    now = utc_now()
    cancelled = not pd.isna(s["cancelled_at"])
    participants = concerned[concerned.participant]
    if cancelled:
        st.warning(t("workshop.cancelled_on", day=fmt_date(s["cancelled_at"])), icon=":material/event_busy:")
    if participants.empty:
        st.caption(t("workshop.no_participants"))
    else:
        st.caption(plain(t("workshop.participants", n=len(participants), names=list(participants.name))))
    if editable:
        _sending(s, concerned, now)
    if not cancelled and (editable or workshops.past(s["starts_at"], now)):
        _attendance(s, concerned, now, editable)
    if editable and not cancelled:
        with st.expander(t("workshop.change"), icon=":material/edit_calendar:"):
            st.caption(t("workshop.change_help"))
            _change_form(s)
            _cancel(s)


def _change_form(s: dict) -> None:
    session_id = int(s["id"])
    name = f"workshop_change.{session_id}"
    local = models.to_paris(pd.Timestamp(s["starts_at"]).to_pydatetime())
    prefill = {"day": local.date(), "hour": time(local.hour, local.minute), "duration_min": int(s["duration_min"]),
               "place": fm.widget_value(s["place"]), "video_link": fm.widget_value(s["video_link"])}
    with fm.form(name, prefill=fm.from_row(pd.Series(prefill), list(prefill)), version=int(s["row_version"])):
        _fields(name)

        def save(values: dict) -> Saved:
            row = write(workshops.change_session, session_id, values, expected_version=fm.loaded_version(name))
            return Saved(t("workshop.saved_changed"), version=row.row_version)

        fm.submit(name, t("workshop.save_change"), save)


def _cancel(s: dict) -> None:
    session_id = int(s["id"])
    if st.session_state.get(CANCELLING) != session_id:
        if st.button(t("workshop.cancel"), key=f"workshop.cancel.{session_id}", icon=":material/event_busy:"):
            st.session_state[CANCELLING] = session_id
            st.rerun()
        return
    st.warning(t("workshop.cancel_confirm", when=fmt_datetime(s["starts_at"])), icon=":material/warning:")
    yes, no = st.columns(2)
    if no.button(t("workshop.cancel_no"), key=f"workshop.cancel_no.{session_id}"):
        st.session_state.pop(CANCELLING, None)
        st.rerun()
    if yes.button(t("workshop.cancel_yes"), key=f"workshop.cancel_yes.{session_id}", type="primary"):
        done = attempt(workshops.cancel_session, session_id, expected_version=int(s["row_version"]))
        if done is not REFUSED:
            st.session_state.pop(CANCELLING, None)
            flash(t("workshop.cancelled"))
            st.rerun()


def _sending(s: dict, concerned: pd.DataFrame, now) -> None:
    """What "Inviter" (or "Envoyer", after a change or a cancellation) would send, and its confirmation."""
    session_id = int(s["id"])
    planned = workshops.plan_of(s, concerned, now)
    st.markdown(f"**{t('workshop.send_title')}**")
    if planned.started:
        st.caption(t("workshop.started"))
        return
    if planned.skipped:
        st.warning(plain(t("workshop.skipped_title")) + "\n\n"
                   + "\n".join(f"- {plain(r.name)} ({t(f'workshop.kind.{r.kind}')})" for r in planned.skipped),
                   icon=":material/phone_forwarded:")
    if not planned.recipients:
        st.success(t("workshop.up_to_date"), icon=":material/event_available:")
        return
    first_time = all(r.kind == "invite" for r in planned.recipients)
    label = t("workshop.invite" if first_time else "workshop.send_updates", n=len(planned.recipients))
    if st.session_state.get(CONFIRM) != session_id:
        if st.button(label, key=f"workshop.invite.{session_id}", icon=":material/forward_to_inbox:", type="primary"):
            st.session_state[CONFIRM] = session_id
            st.rerun()
        return
    server = smtp()
    with st.container(border=True, key=f"workshop-confirm-{session_id}"):
        st.markdown(f"**{t('workshop.confirm_title')}**")
        st.markdown("\n".join(
            f"- {plain(t('workshop.recipient', name=r.name, email=r.email, kind=t(f'workshop.kind.{r.kind}')))}"
            for r in planned.recipients))
        if server is None:
            st.warning(t("workshop.not_configured"), icon=":material/mail_lock:")
        go, back = st.columns(2)
        if back.button(t("workshop.dont_send"), key=f"workshop.dont_send.{session_id}", icon=":material/close:"):
            st.session_state.pop(CONFIRM, None)
            st.rerun()
        if go.button(t("workshop.confirm", n=len(planned.recipients)), key=f"workshop.confirm.{session_id}",
                     type="primary", icon=":material/send:", disabled=server is None):
            with st.spinner(t("workshop.sending")):
                outcome = attempt(workshops.invite, session_id, smtp=server)
            if outcome is REFUSED:
                return
            st.session_state.pop(CONFIRM, None)
            said = [t("workshop.sent", n=len(outcome.sent), names=list(outcome.sent))] if outcome.sent else []
            said += [t("workshop.failed", name=name, why=why) for name, why in outcome.failed]
            said += [t("workshop.skipped", names=list(outcome.skipped))] if outcome.skipped else []
            flash(" ".join(said))
            st.rerun()


def _attended_code(value) -> str:
    return fm.EMPTY if value is None or pd.isna(value) else (YES if bool(value) else NO)


def _attendance(s: dict, concerned: pd.DataFrame, now, editable: bool) -> None:
    """Per participant (and anyone noted before): came or not, feedback, AI briefing; the first two once the session
    has started."""
    session_id = int(s["id"])
    started = workshops.past(s["starts_at"], now)
    people = concerned[concerned.participant | concerned.attended.notna() | concerned.ai_briefing]
    if people.empty:
        return
    st.markdown(f"**{t('workshop.attendance')}**")
    if not editable:  # readers see what was noted
        table(people.assign(came=[t(f"workshop.attended.{_attended_code(v)}") if _attended_code(v) != fm.EMPTY
                                  else "" for v in people.attended]),
              key=f"workshop.attendance.{session_id}", height=fitted_height(len(people)),
              columns={"name": t("col.caregiver"), "came": t("workshop.attended"), "feedback": t("workshop.feedback"),
                       "ai_briefing": t("workshop.ai_briefing")})
        return
    st.caption(t("workshop.attendance_help"))
    name = f"workshop_attendance.{session_id}"
    prefill = {}
    for p in people.itertuples():
        mid = int(p.match_id)
        prefill |= {f"attended.{mid}": _attended_code(p.attended), f"feedback.{mid}": fm.widget_value(p.feedback),
                    f"ai_briefing.{mid}": bool(p.ai_briefing)}
    with fm.form(name, prefill=prefill, version=int(s["row_version"])):
        for p in people.itertuples():
            mid = int(p.match_id)
            said = [p.name] + ([t("workshop.not_participant_now")] if not p.participant else []) + (
                [t("workshop.ai_trained")] if p.ai_trained else [])
            st.markdown(f"**{plain(' · '.join(said))}**")
            a, b, c = st.columns([1, 2, 1]) if started else (None, None, st.container())
            if started:
                with a:
                    fm.choice(name, f"attended.{mid}", options=[YES, NO], label=t("workshop.attended"),
                              format_func=lambda code: t(f"workshop.attended.{code}"), unset=True)
                with b:
                    fm.text(name, f"feedback.{mid}", label=t("workshop.feedback"))
            with c:
                fm.tick(name, f"ai_briefing.{mid}", label=t("workshop.ai_briefing"))

        def save(values: dict) -> Saved:
            marks = {}
            for p in people.itertuples():
                mid = int(p.match_id)
                code = values.get(f"attended.{mid}", _attended_code(p.attended))
                marks[mid] = workshops.Mark(
                    attended=None if code in (fm.EMPTY, None) else code == YES,
                    feedback=values.get(f"feedback.{mid}", fm.widget_value(p.feedback)),
                    ai_briefing=bool(values.get(f"ai_briefing.{mid}")))
            write(workshops.record_attendance, session_id, marks)
            return Saved(t("workshop.saved_attendance"), version=int(s["row_version"]))

        fm.submit(name, t("workshop.save_attendance"), save)
