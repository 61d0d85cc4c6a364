"""Records a row opens: a caregiver, a request, an organisation; what the team reads and the forms that change it.

Forms are drawn only for a member whose role may make the change; the hyc write functions check it again.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pandas as pd
import streamlit as st

from hyc import audit, caregivers, matches, mentoring, models, organisations, reads, requests, vocab
from hyc.models import PARIS
from hyc.ui import (
    actor,
    codes_label,
    date_column,
    datetime_column,
    engine,
    euro_column,
    facts,
    flash,
    fmt_date,
    fmt_eur,
    labelled,
    lang,
    link_column,
    may_write,
    open_record,
    phone,
    plain,
    read,
    record_links,
    t,
    table,
    today,
    yes_no,
)
from hyc.ui import forms as fm
from hyc.ui.forms import Saved
from hyc.validation import FormInvalid

RECORD_READERS = {"caregiver": reads.records.caregiver_record, "request": reads.records.request_record,
                  "organisation": reads.records.organisation_record}


def _record(name: str, record_id: int | None) -> dict[str, pd.DataFrame] | None:
    """The record named in the URL, read through its reader; says so when it does not exist."""
    if record_id is None:
        return None
    record = read(RECORD_READERS[name], record_id)
    st.divider()
    if record is None:
        st.warning(t("record.not_found"))
    return record


def _record_title(name: str, title: str, also: tuple[str, int, str] | None = None) -> None:
    """A record's title with its close button, and optionally a button opening a related record."""
    head, *buttons = st.columns([4, 1, 1] if also else [5, 1])
    head.subheader(plain(title), anchor=False)
    if also:
        other, other_id, label = also
        if buttons[0].button(label, key=f"open_{other}"):
            open_record(other, other_id)
            st.rerun()
    if buttons[-1].button(t("record.close"), key=f"close_{name}"):
        open_record(name, None)
        st.rerun()


def caregiver_record(caregiver_id: int | None) -> None:
    """A caregiver's record: profile, onboarding steps with dates, calls, matches and missions, mentoring."""
    record = _record("caregiver", caregiver_id)
    if record is None:
        return
    p = record["profile"].iloc[0]
    _record_title("caregiver", f"{p.first_name} {p.last_name}")
    st.caption(t("record.caregiver_caption", stage=vocab.CAREGIVER_STAGES.label(p.stage, lang()),
                 since=fmt_date(p.created_at)))
    if p.archived:
        st.warning(t("record.archived"), icon=":material/inventory_2:")
    a, b, c, d = st.columns(4)
    with a:
        facts([(t("col.profession"), vocab.PROFESSIONS.label(p.profession, lang())),
               (t("col.specialty"), vocab.SPECIALTIES.label(p.specialty, lang()) or "–"),
               (t("col.setting"), vocab.PRACTICE_SETTINGS.label(p.practice_setting, lang())),
               (t("col.experience"), t("record.years", n=p.years_experience)),
               ("RPPS", p.rpps)])
    with b:
        facts([(t("col.email"), p.email), (t("col.phone"), phone(p.phone)),
               (t("col.postcode"), p.postcode),
               (t("col.region"), f"{vocab.REGIONS.label(p.region, lang())} ({p.departement})")])
    with c:
        facts([(t("col.availability"), t("record.days_per_month", n=p.availability_days_per_month)),
               (t("col.work_mode"), vocab.CAREGIVER_WORK_MODES.label(p.work_mode, lang())),
               (t("col.missions_wanted"), codes_label(p.mission_types, vocab.MISSION_TYPES)),
               (t("col.appetite"), vocab.DIGITAL_APPETITES.label(p.digital_appetite, lang())),
               (t("col.ai_trained"), yes_no(p.ai_trained)),
               (t("col.expected_rate"), fmt_eur(p.expected_day_rate))])
    with d:
        facts([(t("col.legal_status"), vocab.LEGAL_STATUSES.label(p.legal_status, lang())),
               (t("col.cumul"), vocab.CUMUL_STATUSES.label(p.cumul_status, lang())),
               (t("col.consent"),
                f"{fmt_date(p.consent_date)} – {vocab.CONSENT_METHODS.label(p.consent_method, lang())}"),
               (t("col.confirmed_on"), fmt_date(p.profile_confirmed_on)),
               (t("col.source"), vocab.SOURCES.label(p.source, lang())),
               (t("col.mentor"), p.mentor)])
    steps = labelled(record["steps"], step=vocab.ONBOARDING_STEPS, status=vocab.ONBOARDING_STEP_STATUSES)
    calls = labelled(record["calls"], kind=vocab.CALL_KINDS, outcome=vocab.CALL_OUTCOMES)
    matches = labelled(record["matches"], mission_type=vocab.MISSION_TYPES, stage=vocab.MATCH_STAGES,
                       exit_reason=vocab.EXIT_REASONS)
    sessions = record["sessions"].copy()
    sessions["topics"] = sessions.topics.map(lambda codes: codes_label(codes, vocab.MENTORING_TOPICS))
    editable = may_write("caregivers")
    tabs = st.tabs([t("record.tab_steps"), t("record.tab_calls", n=len(calls)),
                    t("record.tab_matches", n=len(matches)), t("record.tab_mentoring", n=len(sessions)),
                    *([t("record.tab_edit")] if editable else [])])
    with tabs[0]:
        table(steps, columns={"step": t("col.step"), "status": t("col.status"), "changed_at": t("col.date")},
              changed_at=datetime_column(t("col.date")))
        if may_write("mentoring"):
            _steps_form(int(p.id), record["steps"])
    with tabs[1]:
        table(calls, columns={"occurred_at": t("col.date"), "kind": t("col.kind"), "member": t("col.member"),
                              "summary": t("col.summary"), "outcome": t("col.outcome"),
                              "next_action": t("col.next_action"), "next_action_due": t("col.due")},
              occurred_at=datetime_column(t("col.date")), next_action_due=date_column(t("col.due")))
    with tabs[2]:
        matches["link"] = record_links("requests", "request", matches.request_id)
        table(matches, columns={"link": t("col.open"), "request": t("col.request"),
                                "organisation": t("col.organisation"), "mission_type": t("col.mission_type"),
                                "stage": t("col.stage"), "exit_reason": t("col.exit_reason"),
                                "agreed_day_rate": t("col.agreed_rate"), "agreed_days": t("col.days"),
                                "mission_start": t("col.mission_start")},
              link=link_column(t("col.open")), agreed_day_rate=euro_column(t("col.agreed_rate")),
              mission_start=date_column(t("col.mission_start")))
    with tabs[3]:
        table(sessions, columns={"occurred_at": t("col.date"), "mentor": t("col.mentor"), "topics": t("col.topics"),
                                 "notes": t("col.notes"), "next_action": t("col.next_action"),
                                 "next_action_due": t("col.due")},
              occurred_at=datetime_column(t("col.date")), next_action_due=date_column(t("col.due")))
        if may_write("mentoring"):
            _session_form(int(p.id))
    if editable:
        with tabs[4]:
            _caregiver_form(p)
            _archive_button("caregiver", p, lambda archived: caregivers.set_archived(
                engine(), actor(), int(p.id), archived))


def request_record(request_id: int | None) -> None:
    """A request: what is asked, its matches by stage and its status history."""
    record = _record("request", request_id)
    if record is None:
        return
    r = record["request"].iloc[0]
    _record_title("request", r.title, also=("organisation", int(r.organisation_id), t("record.see_organisation")))
    st.caption(t("record.request_caption", organisation=plain(r.organisation),
                 status=vocab.REQUEST_STATUSES.label(r.status, lang()), since=fmt_date(r.created_at)))
    if r.archived:
        st.warning(t("record.archived"), icon=":material/inventory_2:")
    a, b, c = st.columns(3)
    with a:
        facts([(t("col.mission_type"), vocab.MISSION_TYPES.label(r.mission_type, lang())),
               (t("col.professions"), codes_label(r.professions, vocab.PROFESSIONS)),
               (t("col.specialties"), codes_label(r.specialties, vocab.SPECIALTIES)),
               (t("col.headcount"), r.headcount)])
    with b:
        facts([(t("col.work_mode"), vocab.REQUEST_WORK_MODES.label(r.work_mode, lang())),
               (t("col.region"), vocab.REGIONS.label(r.region, lang())),
               (t("col.start_date"), fmt_date(r.start_date)),
               (t("col.days"), r.expected_days), (t("col.budget"), fmt_eur(r.budget_day_rate))])
    with c:
        facts([(t("col.priority"), vocab.PRIORITIES.label(r.priority, lang())), (t("col.owner"), r.owner),
               (t("col.contact"), f"{r.contact} ({r.contact_role})" if r.contact else None),
               (t("col.health_products"), yes_no(r.makes_health_products))])
    if isinstance(r.description, str):
        st.markdown(plain(r.description))
    matches = labelled(record["matches"], profession=vocab.PROFESSIONS, specialty=vocab.SPECIALTIES,
                       stage=vocab.MATCH_STAGES, exit_reason=vocab.EXIT_REASONS,
                       convention_status=vocab.CONVENTION_STATUSES)
    history = labelled(record["history"], status=vocab.REQUEST_STATUSES)
    editable = may_write("requests")
    tab_matches, tab_history, *edit_tabs = st.tabs([
        t("record.tab_matches", n=len(matches)), t("record.tab_history"),
        *([t("record.tab_candidates"), t("record.tab_edit")] if editable else [])])
    with tab_matches:
        if matches.empty:
            st.info(t("empty.request_matches"))
        else:
            matches["link"] = record_links("talent_pool", "caregiver", matches.caregiver_id)
            table(matches, columns={"link": t("col.open"), "caregiver": t("col.caregiver"),
                                    "profession": t("col.profession"), "specialty": t("col.specialty"),
                                    "stage": t("col.stage"), "exit_reason": t("col.exit_reason"),
                                    "agreed_day_rate": t("col.agreed_rate"), "agreed_days": t("col.days"),
                                    "convention_status": t("col.convention"), "updated_at": t("col.updated")},
                  link=link_column(t("col.open")), agreed_day_rate=euro_column(t("col.agreed_rate")),
                  updated_at=datetime_column(t("col.updated")))
        if may_write("matches") and not record["matches"].empty:
            _match_forms(r, record["matches"])
    with tab_history:
        table(history, columns={"occurred_at": t("col.date"), "status": t("col.status"), "author": t("col.member")},
              occurred_at=datetime_column(t("col.date")))
    if editable:
        with edit_tabs[0]:
            _candidates_form(r)
        with edit_tabs[1]:
            _status_form(r)
            _request_form(r)
            _archive_button("request", r, lambda archived: requests.set_archived(
                engine(), actor(), int(r.id), archived))


def organisation_record(organisation_id: int | None) -> None:
    """An organisation: who it is, its contacts, its requests and the calls with it."""
    record = _record("organisation", organisation_id)
    if record is None:
        return
    o = record["organisation"].iloc[0]
    _record_title("organisation", o["name"])
    if o.archived:
        st.warning(t("record.archived"), icon=":material/inventory_2:")
    facts([(t("col.org_kind"), vocab.ORGANISATION_KINDS.label(o.kind, lang())),
           (t("col.city"), f"{o.city or '–'} ({vocab.REGIONS.label(o.region, lang())})"),
           (t("col.website"), o.website), (t("col.health_products"), yes_no(o.makes_health_products))])
    requests = labelled(record["requests"], mission_type=vocab.MISSION_TYPES, status=vocab.REQUEST_STATUSES)
    requests["link"] = record_links("requests", "request", requests.id)
    contacts = record["contacts"].copy()
    contacts["phone"] = contacts.phone.map(phone)
    active = contacts[~contacts.archived]
    calls = labelled(record["calls"], kind=vocab.CALL_KINDS, outcome=vocab.CALL_OUTCOMES)
    editable = may_write("organisations")
    tabs = st.tabs([t("record.tab_contacts", n=len(active)), t("record.tab_requests", n=len(requests)),
                    t("record.tab_calls", n=len(calls)), *([t("record.tab_edit")] if editable else [])])
    with tabs[0]:
        table(active, columns={"first_name": t("col.first_name"), "last_name": t("col.last_name"),
                               "role": t("col.role"), "email": t("col.email"), "phone": t("col.phone")})
        if editable:
            _contact_forms(int(o.id), record["contacts"])
    with tabs[1]:
        table(requests, columns={"link": t("col.open"), "title": t("col.request"),
                                 "mission_type": t("col.mission_type"), "status": t("col.status"),
                                 "headcount": t("col.headcount"), "created_at": t("col.created")},
              link=link_column(t("col.open")), created_at=datetime_column(t("col.created")))
    with tabs[2]:
        table(calls, columns={"occurred_at": t("col.date"), "kind": t("col.kind"), "member": t("col.member"),
                              "contact": t("col.contact"), "summary": t("col.summary"), "outcome": t("col.outcome")},
              occurred_at=datetime_column(t("col.date")))
    if editable:
        with tabs[3]:
            _organisation_form(o)
            _archive_button("organisation", o, lambda archived: organisations.set_archived(
                engine(), actor(), "organisation", int(o.id), archived))




# --- Forms on the records -----------------------------------------------------------------------------


def _offer_reload(form_name: str, current_version: int) -> None:
    """Someone saved the record since this form was filled: say so, and offer to start again from it."""
    loaded = fm.loaded_version(form_name)
    if loaded is not None and loaded != current_version:
        st.info(t("form.changed_since"), icon=":material/sync_problem:")
        if st.button(t("form.reload"), key=f"reload.{form_name}", icon=":material/refresh:"):
            fm.forget(form_name)
            st.rerun()


def _archive_button(entity: str, row: pd.Series, write) -> None:
    """Archive (hide) or restore a record: nothing is ever deleted."""
    archived = bool(row.archived)
    st.divider()
    st.caption(t("record.archive_help"))
    label, icon = (t("record.restore"), ":material/unarchive:") if archived else (
        t("record.archive"), ":material/inventory_2:")
    if st.button(label, key=f"archive.{entity}.{int(row.id)}", icon=icon):
        try:
            write(not archived)
        except audit.WriteError as exc:
            st.error(plain(str(exc)))
        else:
            flash(t("record.restored" if archived else "record.archived_done"))
            st.rerun()


def _caregiver_form(p: pd.Series) -> None:
    name = f"caregiver_edit.{int(p.id)}"
    _offer_reload(name, int(p.row_version))
    with fm.form(name, prefill=fm.from_row(p, caregivers.FIELDS, multi=("mission_types",)),
                 version=int(p.row_version)):
        fm.caregiver_fields(name)

        def save(values: dict) -> Saved:
            changes = fm.changed(name, values)
            if not changes:
                return Saved(t("saved.nothing"))
            caregiver, warnings = caregivers.update(engine(), actor(), int(p.id), changes,
                                                    expected_version=fm.loaded_version(name), today=today())
            return Saved(t("saved.caregiver"), warnings, version=caregiver.row_version)

        fm.submit(name, t("form.save"), save)


def _steps_form(caregiver_id: int, steps: pd.DataFrame) -> None:
    """Every step's status at once; only the steps changed here are written, so no one else's move is undone."""
    name = f"steps.{caregiver_id}"
    current = dict(zip(steps.step, steps.status, strict=True))
    version = hash(tuple(sorted(current.items())))
    _offer_reload(name, version)
    st.markdown(f"**{t('form.steps_title')}**")
    with fm.form(name, prefill=current, version=version):
        columns = st.columns(3)
        for i, step in enumerate(vocab.ONBOARDING_STEPS.codes):
            with columns[i % 3]:
                fm.choice(name, step, vocab.ONBOARDING_STEP_STATUSES, label=vocab.ONBOARDING_STEPS.label(step, lang()),
                          unset=False)

        def save(values: dict) -> Saved:
            moved = fm.changed(name, values)
            if not moved:
                return Saved(t("saved.nothing"))
            mentoring.move_steps(engine(), actor(), caregiver_id, moved)
            after = current | moved
            return Saved(t("saved.steps", n=len(moved)), version=hash(tuple(sorted(after.items()))))

        fm.submit(name, t("form.save_steps"), save)


def now_in_paris() -> tuple:
    """Today's date and the current time (to five minutes) in Paris, to prefill a log entry."""
    local = datetime.now(PARIS)
    return today(), local.time().replace(minute=local.minute - local.minute % 5, second=0, microsecond=0)


def _session_form(caregiver_id: int) -> None:
    name = f"session.{caregiver_id}"
    on, at = now_in_paris()
    st.markdown(f"**{t('form.session_title')}**")
    with fm.form(name, prefill={"occurred_on": on, "occurred_hour": at, "mentor_id": actor().id}):
        a, b, c = st.columns(3)
        with a:
            fm.day(name, "occurred_on", required=True)
        with b:
            fm.hour(name, "occurred_hour")
        with c:
            fm.member(name, "mentor_id", required=True)
        fm.choices(name, "topics", vocab.MENTORING_TOPICS, required=True)
        fm.text(name, "notes", area=True)
        fm.follow_up_fields(name)

        def save(values: dict) -> Saved:
            data = values | {"caregiver_id": caregiver_id,
                             "occurred_at": fm.stored_time(values["occurred_on"], values["occurred_hour"])}
            try:
                mentoring.log_session(engine(), actor(), data, now=models.utcnow())
            except FormInvalid as exc:
                raise fm.renamed(exc, occurred_at="occurred_on") from None
            return Saved(t("saved.session"), reset=True)

        fm.submit(name, t("form.log_session"), save)


def _request_form(r: pd.Series) -> None:
    name = f"request_edit.{int(r.id)}"
    _offer_reload(name, int(r.row_version))
    contacts = read(reads.records.contacts_of, int(r.organisation_id))
    names = dict(zip(contacts.id.astype(int), contacts.first_name + " " + contacts.last_name, strict=True))
    st.markdown(f"**{t('form.request_title')}**")
    fields = ("title", "description", "mission_type", "professions", "specialties", "headcount", "work_mode",
              "region", "start_date", "expected_days", "budget_day_rate", "priority", "owner_id", "contact_id")
    with fm.form(name, prefill=fm.from_row(r, fields, multi=("professions", "specialties")),
                 version=int(r.row_version)):
        fm.request_fields(name)
        fm.choice(name, "contact_id", options=list(names), format_func=names.get, label=t("col.contact"))

        def save(values: dict) -> Saved:
            changes = fm.changed(name, values)
            if not changes:
                return Saved(t("saved.nothing"))
            request, warnings = requests.update(engine(), actor(), int(r.id), changes,
                                                expected_version=fm.loaded_version(name))
            return Saved(t("saved.request"), warnings, version=request.row_version)

        fm.submit(name, t("form.save"), save)


def _status_form(r: pd.Series) -> None:
    allowed = vocab.REQUEST_MOVES.get(r.status, ())
    if not allowed:
        st.info(t("form.status_final", status=vocab.REQUEST_STATUSES.label(r.status, lang())))
        return
    name = f"request_status.{int(r.id)}"
    version = int(r.row_version)
    with fm.form(name):
        fm.choice(name, "status", options=list(allowed), label=t("form.move_request"), required=True,
                  format_func=lambda code: vocab.REQUEST_STATUSES.label(code, lang()))

        def save(values: dict) -> Saved:
            requests.move(engine(), actor(), int(r.id), values["status"], expected_version=version)
            return Saved(t("saved.status", status=vocab.REQUEST_STATUSES.label(values["status"], lang())), reset=True)

        fm.submit(name, t("form.change_status"), save, icon=":material/arrow_forward:")


def _candidates_form(r: pd.Series) -> None:
    """Put caregivers on the request: those of the professions asked, ready first."""
    if r.status not in vocab.OPEN_REQUEST_STATUSES:
        st.info(t("form.request_closed"))
        return
    pool = read(reads.matches.candidates, int(r.id))
    if pool.empty:
        st.info(t("empty.candidates"))
        return
    labels = {int(c.id): " · ".join(filter(None, [
        c.name, vocab.PROFESSIONS.label(c.profession, lang()),
        vocab.SPECIALTIES.label(c.specialty, lang()) if isinstance(c.specialty, str) else None,
        vocab.REGIONS.label(c.region, lang()) if isinstance(c.region, str) else None,
        t("form.ready") if c.ready else None])) for c in pool.itertuples()}
    name = f"candidates.{int(r.id)}"
    with fm.form(name):
        fm.pick_many(name, "caregiver_ids", labels, label=t("form.candidates"), required=True)

        def save(values: dict) -> Saved:
            created = matches.add_candidates(engine(), actor(), int(r.id), values["caregiver_ids"] or [])
            return Saved(t("saved.candidates", n=len(created)), reset=True)

        fm.submit(name, t("form.add_candidates"), save, icon=":material/person_add:")


def _match_forms(r: pd.Series, rows: pd.DataFrame) -> None:
    """Pick one match, then move it along its stages and keep its terms and compliance checklist."""
    st.markdown(f"**{t('form.match_title')}**")
    labels = {int(m.id): f"{m.caregiver} · {vocab.MATCH_STAGES.label(m.stage, lang())}" for m in rows.itertuples()}
    chosen = st.selectbox(t("form.which_match"), list(labels), format_func=labels.get, key=f"match_pick.{int(r.id)}")
    m = rows[rows.id == chosen].iloc[0]
    left, right = st.columns(2)
    with left:
        _stage_form(m)
    with right:
        _terms_form(r, m)


def _stage_form(m: pd.Series) -> None:
    allowed = vocab.MATCH_MOVES.get(m.stage, ())
    if not allowed:
        st.info(t("form.match_final", stage=vocab.MATCH_STAGES.label(m.stage, lang())))
        return
    name = f"match_stage.{int(m.id)}"
    version = int(m.row_version)
    exits = [reason for stage in allowed if stage in vocab.MATCH_EXITS for reason in vocab.EXIT_REASONS_BY_EXIT[stage]]
    with fm.form(name):
        fm.choice(name, "stage", options=list(allowed), required=True,
                  format_func=lambda code: vocab.MATCH_STAGES.label(code, lang()))
        if exits:
            fm.choice(name, "reason", options=list(dict.fromkeys(exits)), help=t("form.reason_help"),
                      format_func=lambda code: vocab.EXIT_REASONS.label(code, lang()))

        def save(values: dict) -> Saved:
            match = matches.move(engine(), actor(), int(m.id), values["stage"], reason=values.get("reason"),
                                 expected_version=version)
            return Saved(t("saved.stage", stage=vocab.MATCH_STAGES.label(match.stage, lang())), reset=True)

        fm.submit(name, t("form.move"), save, icon=":material/arrow_forward:")


def _terms_form(r: pd.Series, m: pd.Series) -> None:
    """Agreed terms and the compliance checklist, with what is still open before the contract can be signed."""
    name = f"match_terms.{int(m.id)}"
    stored = SimpleNamespace(**{k: fm.widget_value(m.get(k)) for k in (*matches.TERMS, "profession",
                                                                           "practice_setting")})
    gaps = matches.compliance_gaps(stored, stored, SimpleNamespace(makes_health_products=bool(r.makes_health_products)))
    if gaps:
        st.warning(t("form.gaps") + "\n" + "\n".join(f"- {gap}" for gap in gaps), icon=":material/checklist:")
    else:
        st.success(t("form.no_gaps"), icon=":material/verified:")
    _offer_reload(name, int(m.row_version))
    with fm.form(name, prefill=fm.from_row(m, matches.TERMS), version=int(m.row_version)):
        a, b, c = st.columns(3)
        with a:
            fm.number(name, "agreed_day_rate")
        with b:
            fm.number(name, "agreed_days")
        with c:
            fm.day(name, "mission_start")
        fm.tick(name, "conflict_checked")
        if r.makes_health_products:
            a, b, c = st.columns(3)
            with a:
                fm.choice(name, "convention_status", vocab.CONVENTION_STATUSES, help=t("field.convention_help"),
                          required=True)
            with b:
                fm.day(name, "convention_submitted_on")
            with c:
                fm.day(name, "convention_decided_on")
        if m.profession == "medecin" and m.practice_setting == "hopital_public":
            fm.choice(name, "cumul_status", vocab.CUMUL_STATUSES, help=t("field.cumul_help"), required=True)

        def save(values: dict) -> Saved:
            changes = fm.changed(name, values)  # a field not drawn for this match, or not touched, is not written
            if not changes:
                return Saved(t("saved.nothing"))
            match, warnings = matches.update_terms(engine(), actor(), int(m.id), changes,
                                                   expected_version=fm.loaded_version(name))
            return Saved(t("saved.terms"), warnings, version=match.row_version)

        fm.submit(name, t("form.save"), save)


def _organisation_form(o: pd.Series) -> None:
    name = f"organisation_edit.{int(o.id)}"
    _offer_reload(name, int(o.row_version))
    fields = ("name", "kind", "makes_health_products", "city", "region", "website", "notes")
    with fm.form(name, prefill=fm.from_row(o, fields), version=int(o.row_version)):
        fm.organisation_fields(name)

        def save(values: dict) -> Saved:
            changes = fm.changed(name, values)
            if not changes:
                return Saved(t("saved.nothing"))
            org = organisations.update(engine(), actor(), int(o.id), changes, expected_version=fm.loaded_version(name))
            return Saved(t("saved.organisation"), version=org.row_version)

        fm.submit(name, t("form.save"), save)


def _contact_forms(organisation_id: int, contacts: pd.DataFrame) -> None:
    new, edit = st.tabs([t("form.new_contact"), t("form.edit_contact")])
    with new:
        name = f"contact_new.{organisation_id}"
        with fm.form(name):
            fm.contact_fields(name)

            def save(values: dict) -> Saved:
                organisations.create_contact(engine(), actor(), organisation_id, values)
                return Saved(t("saved.contact"), reset=True)

            fm.submit(name, t("form.add_contact"), save, icon=":material/person_add:")
    with edit:
        if contacts.empty:
            st.info(t("empty.contacts"))
            return
        labels = {int(c.id): f"{c.first_name} {c.last_name}" + (f" ({t('record.archived_short')})" if c.archived
                                                               else "") for c in contacts.itertuples()}
        chosen = st.selectbox(t("col.contact"), list(labels), format_func=labels.get,
                              key=f"contact_pick.{organisation_id}")
        c = contacts[contacts.id == chosen].iloc[0]
        name = f"contact_edit.{int(c.id)}"
        _offer_reload(name, int(c.row_version))
        with fm.form(name, prefill=fm.from_row(c, ("first_name", "last_name", "role", "email", "phone")),
                     version=int(c.row_version)):
            fm.contact_fields(name)

            def save_contact(values: dict) -> Saved:
                changes = fm.changed(name, values)
                if not changes:
                    return Saved(t("saved.nothing"))
                contact = organisations.update_contact(engine(), actor(), int(c.id), changes,
                                                       expected_version=fm.loaded_version(name))
                return Saved(t("saved.contact"), version=contact.row_version)

            fm.submit(name, t("form.save"), save_contact)
        _archive_button("contact", c, lambda archived: organisations.set_archived(
            engine(), actor(), "contact", int(c.id), archived))


def close_actions_form(actions: pd.DataFrame) -> None:
    """Mark next actions (from calls and mentoring sessions) as done."""
    entity = {"call": "call", "mentoring": "mentoring_session"}
    labels = {f"{a.source}:{int(a.id)}": f"{fmt_date(a.due)} · {a.action} · {a.who}" for a in actions.itertuples()}
    with fm.form("close_actions"):
        fm.pick_many("close_actions", "done", labels, label=t("form.actions_done"), required=True)

        def save(values: dict) -> Saved:
            done = values.get("done") or []
            if not done:
                raise FormInvalid({"done": t("form.pick_actions")})
            for choice in done:
                source, row_id = choice.split(":")
                mentoring.close_action(engine(), actor(), entity[source], int(row_id), today=today())
            return Saved(t("saved.actions", n=len(done)), reset=True)

        fm.submit("close_actions", t("form.close_actions"), save, icon=":material/task_alt:")
