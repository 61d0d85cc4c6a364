"""A caregiver's record: profile, onboarding steps with dates, calls, matches and missions, mentoring; the forms
that edit the profile, move the steps and log a session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import caregivers, i18n, mentoring, reads, vocab
from hyc.ui import (
    codes_label,
    date_column,
    datetime_column,
    euro_column,
    facts,
    fmt_date,
    fmt_eur,
    fmt_int,
    given,
    labelled,
    lang,
    lazy_tabs,
    link_column,
    may_write,
    phone,
    plain,
    read,
    record_links,
    t,
    table,
    write,
    yes_no,
)
from hyc.ui import forms as fm
from hyc.ui.actions import ENTITY, week_view
from hyc.ui.duplicates import merged_into
from hyc.ui.fmt import Markdown
from hyc.ui.forms import Saved
from hyc.ui.records.common import archive_button, offer_reload, read_record, record_title
from hyc.ui.store import actor, now_in_paris, today
from hyc.validation import FormInvalid, blank


def caregiver_record(caregiver_id: int | None) -> None:
    """A caregiver's record: profile, onboarding steps with dates, calls, matches and missions, mentoring."""
    record = read_record("caregiver", caregiver_id)
    if record is None:
        return
    p = record["profile"].iloc[0]
    record_title("caregiver", f"{p.first_name} {p.last_name}")
    st.caption(t("record.caregiver_caption", stage=vocab.CAREGIVER_STAGES.label(p.stage, lang()),
                 since=fmt_date(p.created_at)))
    merged = merged_into(p, "talent_pool", "caregiver")
    if not merged and p.archived:
        st.warning(t("record.archived"), icon=":material/inventory_2:")
    _profile(p)
    if merged:  # a trace: everything moved to the record it was merged into, and nothing is written here
        return
    steps = labelled(record["steps"], step=vocab.ONBOARDING_STEPS, status=vocab.ONBOARDING_STEP_STATUSES)
    calls = labelled(record["calls"], kind=vocab.CALL_KINDS, outcome=vocab.CALL_OUTCOMES)
    matches = labelled(record["matches"], mission_type=vocab.MISSION_TYPES, stage=vocab.MATCH_STAGES,
                       exit_reason=vocab.EXIT_REASONS)
    sessions = record["sessions"].copy()
    sessions["topics"] = sessions.topics.map(lambda codes: codes_label(codes, vocab.MENTORING_TOPICS))
    editable = may_write("caregivers")
    actions = read(reads.mentoring.week, today(), None, int(p.id))
    # Only the open tab runs (its tables, its form): a record opened during a call shows its steps at once, and each
    # other tab on its click. The open tab is remembered by name, so that a count changing in its label keeps it open.
    tabs = lazy_tabs({
        "steps": t("record.tab_steps"), "calls": t("record.tab_calls", n=len(calls)),
        "matches": t("record.tab_matches", n=len(matches)), "mentoring": t("record.tab_mentoring", n=len(sessions)),
        "actions": t("record.tab_actions", n=len(actions)), **({"edit": t("record.tab_edit")} if editable else {}),
    }, f"caregiver_tabs.{int(p.id)}")
    if tabs["steps"].open:
        with tabs["steps"]:
            table(steps, columns={"step": t("col.step"), "status": t("col.status"), "changed_at": t("col.date")},
                  changed_at=datetime_column(t("col.date")))
            if may_write("mentoring"):
                _steps_form(int(p.id), record["steps"])
    if tabs["calls"].open:
        with tabs["calls"]:
            table(calls, columns={"occurred_at": t("col.date"), "kind": t("col.kind"), "member": t("col.member"),
                                  "summary": t("col.summary"), "outcome": t("col.outcome"),
                                  "next_action": t("col.next_action"), "next_action_due": t("col.due")},
                  occurred_at=datetime_column(t("col.date")), next_action_due=date_column(t("col.due")))
    if tabs["matches"].open:
        with tabs["matches"]:
            matches["link"] = record_links("requests", "request", matches.request_id)
            table(matches, columns={"link": t("col.open"), "request": t("col.request"),
                                    "organisation": t("col.organisation"), "mission_type": t("col.mission_type"),
                                    "stage": t("col.stage"), "exit_reason": t("col.exit_reason"),
                                    "agreed_day_rate": t("col.agreed_rate"), "agreed_days": t("col.days"),
                                    "mission_start": t("col.mission_start")},
                  link=link_column(t("col.open")), agreed_day_rate=euro_column(t("col.agreed_rate")),
                  mission_start=date_column(t("col.mission_start")))
    if tabs["mentoring"].open:
        with tabs["mentoring"]:
            table(sessions, columns={"occurred_at": t("col.date"), "mentor": t("col.mentor"),
                                     "topics": t("col.topics"), "notes": t("col.notes"),
                                     "next_action": t("col.next_action"), "next_action_due": t("col.due")},
                  occurred_at=datetime_column(t("col.date")), next_action_due=date_column(t("col.due")))
            if may_write("mentoring"):
                _session_form(int(p.id), actions, record["steps"])
    if tabs["actions"].open:
        with tabs["actions"]:
            # The same week as on the Mentoring page, this caregiver's part of it: done, moved, handed over here too.
            week_view(actions, f"caregiver_week.{int(p.id)}")
    if editable and tabs["edit"].open:
        with tabs["edit"]:
            _caregiver_form(p)
            archive_button("caregiver", p, caregivers.set_archived, int(p.id))


def _profile(p: pd.Series) -> None:
    """Who they are, how to reach them, what they want, where they stand; the team's notes; what is still missing."""
    a, b, c, d = st.columns(4)
    with a:
        facts([(t("col.profession"), vocab.PROFESSIONS.label(p.profession, lang())),
               (t("col.specialty"), vocab.SPECIALTIES.label(p.specialty, lang()) or "–"),
               (t("col.setting"), vocab.PRACTICE_SETTINGS.label(p.practice_setting, lang())),
               (t("col.experience"), given(p.years_experience, lambda n: t("record.years", n=fmt_int(n)))),
               ("RPPS", p.rpps)])
    with b:
        facts([(t("col.email"), p.email), (t("col.phone"), phone(p.phone)),
               (t("col.postcode"), p.postcode),
               (t("col.region"), given(p.region, lambda region: f"{vocab.REGIONS.label(region, lang())} "
                                                                 f"({p.departement})"))])
    with c:
        facts([(t("col.availability"), given(p.availability_days_per_month,
                                             lambda n: t("record.days_per_month", n=fmt_int(n)))),
               (t("col.work_mode"), vocab.CAREGIVER_WORK_MODES.label(p.work_mode, lang())),
               (t("col.missions_wanted"), codes_label(p.mission_types, vocab.MISSION_TYPES)),
               (t("col.appetite"), vocab.DIGITAL_APPETITES.label(p.digital_appetite, lang())),
               (t("col.ai_trained"), yes_no(p.ai_trained)),
               (t("col.expected_rate"), fmt_eur(p.expected_day_rate))])
    with d:
        facts([(t("col.legal_status"), vocab.LEGAL_STATUSES.label(p.legal_status, lang())),
               (t("col.cumul"), vocab.CUMUL_STATUSES.label(p.cumul_status, lang())),
               (t("col.consent"), given(p.consent_date, lambda on: f"{fmt_date(on)} – "
                                        f"{vocab.CONSENT_METHODS.label(p.consent_method, lang())}")),
               (t("col.confirmed_on"), fmt_date(p.profile_confirmed_on)),
               (t("col.source"), vocab.SOURCES.label(p.source, lang())),
               (t("col.mentor"), p.mentor)])
    if not blank(p.notes):
        # The team's notes on this person, read during a call without opening the edit form; line breaks kept.
        facts([(t("col.notes"), Markdown(plain(p.notes).replace("\n", "  \n")))])
    gaps = caregivers.missing(p)
    if gaps and not p.archived:
        st.info(t("record.missing", fields=", ".join(i18n.field_label(name, lang()) for name in gaps)),
                icon=":material/checklist:")


def _caregiver_form(p: pd.Series) -> None:
    name = f"caregiver_edit.{int(p.id)}"
    offer_reload(name, int(p.row_version))
    with fm.form(name, prefill=fm.from_row(p, caregivers.FIELDS, multi=("mission_types",)),
                 version=int(p.row_version)):
        fm.caregiver_fields(name)

        fm.submit(name, t("form.save"), fm.edit_saver(name, caregivers.update, int(p.id), t("saved.caregiver")))


def _steps_form(caregiver_id: int, steps: pd.DataFrame) -> None:
    """Every step's status at once; only the steps changed here are written, so no one else's move is undone."""
    name = f"steps.{caregiver_id}"
    current = dict(zip(steps.step, steps.status, strict=True))
    version = hash(tuple(sorted(current.items())))
    offer_reload(name, version)
    st.markdown(f"**{t('form.steps_title')}**")
    with fm.form(name, prefill=current, version=version):
        columns = st.columns(3)
        for i, step in enumerate(vocab.ONBOARDING_STEPS.codes):
            with columns[i % 3]:
                if step in mentoring.FOLLOWS_MATCHES:  # follows the finished matches: shown, never ticked by hand
                    st.text_input(vocab.ONBOARDING_STEPS.label(step, lang()), disabled=True,
                                  value=vocab.ONBOARDING_STEP_STATUSES.label(current.get(step, "a_faire"), lang()),
                                  key=f"{name}.{step}.shown")
                    st.caption(t("mentoring.step_follows_matches"))
                    continue
                fm.choice(name, step, vocab.ONBOARDING_STEP_STATUSES, label=vocab.ONBOARDING_STEPS.label(step, lang()),
                          unset=False)

        def save(values: dict) -> Saved:
            moved = fm.changed(name, values)
            if not moved:
                return Saved(t("saved.nothing"))
            write(mentoring.move_steps, caregiver_id, moved)
            after = current | moved
            return Saved(t("saved.steps", n=len(moved)), version=hash(tuple(sorted(after.items()))))

        fm.submit(name, t("form.save_steps"), save)


def _session_form(caregiver_id: int, actions: pd.DataFrame, steps: pd.DataFrame) -> None:
    """Log a session; with it, close the open next action that led to it, tick the onboarding steps it covered, and
    name the request its own next action serves. One save, each write with its audit event."""
    name = f"session.{caregiver_id}"
    on, at = now_in_paris()
    state = st.session_state
    # The caregiver's open next actions (the week's order: the latest overdue first); the one that led to this session
    # is offered first: the latest already due, if any.
    open_actions = {f"{ENTITY[a.source]}:{int(a.id)}": t(
        "session.action_label", due=fmt_date(a.due) if not blank(a.due) else t("session.no_due"), action=a.action)
        for a in actions.itertuples()}
    action_texts = {f"{ENTITY[a.source]}:{int(a.id)}": a.action for a in actions.itertuples()}
    due = actions[actions.part.isin(["overdue", "today"])]
    led = f"{ENTITY[due.source.iloc[0]]}:{int(due.id.iloc[0])}" if len(due) else fm.EMPTY
    done = set(steps.step[steps.status == "fait"])
    to_tick = {code: vocab.ONBOARDING_STEPS.label(code, lang()) for code in vocab.ONBOARDING_STEPS.codes
               if code not in done and code not in mentoring.FOLLOWS_MATCHES}
    requests = read(reads.mentoring.request_choices, caregiver_id)
    request_labels = {int(r.id): f"{r.title} · {r.organisation}" for r in requests.itertuples()}
    # A choice made on an earlier run that is no longer offered (closed, done, gone meanwhile) is let go.
    for field, offered in (("closes", open_actions), ("request_id", request_labels)):
        if state.get(fm.key(name, field)) not in (None, fm.EMPTY, *offered):
            state[fm.key(name, field)] = fm.EMPTY
    if isinstance(state.get(fm.key(name, "steps")), list):
        state[fm.key(name, "steps")] = [s for s in state[fm.key(name, "steps")] if s in to_tick]
    st.markdown(f"**{t('form.session_title')}**")
    with fm.form(name, prefill={"occurred_on": on, "occurred_hour": at, "mentor_id": actor().id, "closes": led}):
        a, b, c = st.columns(3)
        with a:
            fm.day(name, "occurred_on", required=True)
        with b:
            fm.hour(name, "occurred_hour")
        with c:
            fm.member(name, "mentor_id", required=True)
        fm.choices(name, "topics", vocab.MENTORING_TOPICS, required=True)
        fm.text(name, "notes", area=True)
        a, b = st.columns(2)
        with a:
            fm.choice(name, "closes", options=list(open_actions), format_func=open_actions.get,
                      label=t("session.closes"), help=t("session.closes_help"))
        with b:
            fm.pick_many(name, "steps", to_tick, label=t("session.steps"), placeholder=t("form.choose"))
        fm.follow_up_fields(name)
        fm.choice(name, "request_id", options=list(request_labels), format_func=request_labels.get,
                  label=t("session.request"), help=t("session.request_help"))

        def save(values: dict) -> Saved:
            closes, covered = values.get("closes") or None, list(values.get("steps") or [])
            data = {k: v for k, v in values.items() if k not in ("closes", "steps")} | {
                "caregiver_id": caregiver_id, "request_id": values.get("request_id") or None,
                "occurred_at": fm.stored_time(values["occurred_on"], values["occurred_hour"], "occurred_on")}
            entity, _, row_id = (closes or "").partition(":")
            try:
                write(mentoring.log_session, data, closes=(entity, int(row_id)) if closes else None, steps=covered)
            except FormInvalid as exc:
                raise fm.renamed(exc, occurred_at="occurred_on") from None
            said = t("saved.session_closed", action=action_texts[closes]) if closes else t("saved.session")
            if covered:
                said += " " + t("saved.session_steps", n=len(covered))
            return Saved(said, reset=True)

        fm.submit(name, t("form.log_session"), save)
