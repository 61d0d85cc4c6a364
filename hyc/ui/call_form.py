"""The call log form: who the call was with, then the call and what it changes, saved in one go.

The choices that shape the form (with whom, a known or a new caregiver, which organisation, contact and
request) sit above it, since a form's own widgets do not redraw the page until it is submitted.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from hyc import calls, caregivers, reads, search, vocab
from hyc.calls import Part
from hyc.ui import actor, fmt_date, lang, may_write, plain, read, say, t, write
from hyc.ui import forms as fm
from hyc.ui.forms import Saved
from hyc.ui.store import now_in_paris, today
from hyc.validation import FormInvalid

NEW = -1  # "a new one" in the organisation, contact and request pickers
NONE = 0  # "none" in the contact and request pickers
CONTACT_FIELDS = ("first_name", "last_name", "role", "email", "phone")
ORGANISATION_FIELDS = ("name", "kind", "makes_health_products", "city", "region", "website", "notes")
REQUEST_FIELDS = ("title", "description", "mission_type", "professions", "specialties", "headcount", "work_mode",
                  "region", "start_date", "expected_days", "budget_day_rate", "priority", "owner_id", "confidential")


def call_log() -> None:
    st.title(t("calls.title"))
    st.caption(t("calls.caption"))
    if not may_write("calls"):
        st.info(t("calls.read_only"), icon=":material/lock:")
        return
    _last_saved()
    with_whom = st.segmented_control(t("calls.with"), ["caregiver", "organisation"], key="call.with",
                                     format_func=lambda x: t(f"calls.with_{x}"), default="caregiver") or "caregiver"
    if with_whom == "caregiver":
        _caregiver_call()
    else:
        _organisation_call()


def _last_saved() -> None:
    """After a save: a link to each record it created or updated, the request first (opened in this tab)."""
    for page, name, record_id, label in st.session_state.get("call.last") or ():
        st.page_link(f"pages/{page}.py", label=t(f"calls.open_{name}", name=plain(label)),
                     icon=":material/arrow_forward:", query_params={name: str(record_id)})


# --- With a caregiver ---------------------------------------------------------------------------------


def _caregiver_call() -> None:
    mode = st.segmented_control(t("calls.caregiver_mode"), ["quick", "new", "known"], key="call.caregiver_mode",
                                format_func=lambda x: t(f"calls.caregiver_{x}"), default="quick") or "quick"
    if mode == "quick":
        _quick_intake()
        return
    row = None
    if mode == "known":
        row = _pick_caregiver()
        if row is None:
            return
    name = f"call_caregiver.{int(row.id) if row is not None else 'new'}"
    prefill = _call_defaults("accueil_soignant" if row is None else "mentorat")
    if row is not None:
        prefill |= {f"caregiver.{k}": v for k, v in fm.from_row(row, caregivers.FIELDS, multi=("mission_types",))
                    .items()}
    with fm.form(name, prefill=prefill, version=int(row.row_version) if row is not None else None):
        _call_fields(name)
        st.subheader(t("calls.profile_new" if row is None else "calls.profile_known"), anchor=False)
        if row is None:
            fm.caregiver_fields(name, "caregiver.")
        else:
            with st.expander(t("calls.profile_update")):
                fm.caregiver_fields(name, "caregiver.")

        def save(values: dict) -> Saved:
            profile = fm.part(values, "caregiver.")
            if row is None:
                part = Part(data=profile)
            else:
                edited = fm.part(fm.changed(name, values), "caregiver.")  # only what the person changed is written
                part = Part(id=int(row.id), data=edited or None, version=fm.loaded_version(name))
            logged = _log(values, caregiver=part)
            return _caregiver_saved(logged, profile)

        fm.submit(name, t("calls.save"), save, icon=":material/call:")
    _offer_existing(name)


def _quick_intake() -> None:
    """A new caregiver in under a minute: who, how to reach them, what they do, where, how they practise, remote or
    on site and the missions they want (what the ranking reads for place and mission), a note, the next action and
    their consent. The call is now, by the person signed in; the rest of the profile is completed later on the
    record, which lists what is still missing."""
    name = "call_quick"
    me = actor()
    on, at = now_in_paris()
    st.caption(t("calls.quick_caption", date=fmt_date(on), time=at.strftime("%H:%M"), member=me.name))
    # The next action falls due in a week unless the person says otherwise (a date is the slowest field to type).
    day = today()
    with fm.form(name, prefill={"caregiver.consent_method": "oral_appel", "caregiver.consent_date": day,
                                "call.next_action_due": day + timedelta(days=7), "intake.consent": False}):
        a, b, c, d = st.columns(4)
        with a:
            fm.text(name, "caregiver.first_name", required=True)
        with b:
            fm.text(name, "caregiver.last_name", required=True)
        with c:
            fm.text(name, "caregiver.phone", help=t("field.phone_help"))
        with d:
            fm.text(name, "caregiver.email", help=t("field.email_help"))
        a, b, c = st.columns([2, 2, 1])
        with a:
            fm.choice(name, "caregiver.profession", vocab.PROFESSIONS, required=True)
        with b:
            fm.choice(name, "caregiver.specialty", vocab.SPECIALTIES, help=t("field.specialty_help"))
        with c:
            fm.text(name, "caregiver.postcode", help=t("field.postcode_help"))
        # What the first minute of a call says of the missions wanted: the ranking reads place and mission from it.
        a, b, c = st.columns([2, 1, 2])
        with a:
            fm.choice(name, "caregiver.practice_setting", vocab.PRACTICE_SETTINGS)
        with b:
            fm.choice(name, "caregiver.work_mode", vocab.CAREGIVER_WORK_MODES)
        with c:
            fm.choices(name, "caregiver.mission_types", vocab.MISSION_TYPES)
        fm.text(name, "call.summary", area=True, label=t("calls.quick_note"))
        fm.follow_up_fields(name, "call.")
        a, b, c = st.columns([2, 1, 1], vertical_alignment="bottom")
        with a:
            fm.tick(name, "intake.consent", label=t("calls.consent_tick"), help=t("calls.consent_help"))
        with b:
            fm.choice(name, "caregiver.consent_method", vocab.CONSENT_METHODS)
        with c:
            fm.day(name, "caregiver.consent_date")

        def save(values: dict) -> Saved:
            profile = fm.part(values, "caregiver.")
            if values.get("intake.consent"):
                profile["lawful_basis"] = "consentement"
            else:
                profile["consent_date"] = None  # not asked, or refused: the profile is not kept beyond the call
            try:
                typed = {k: v for k, v in values.items() if k.startswith("call.")}  # the note and the next action
                if not (typed.get("call.next_action") or "").strip():
                    typed["call.next_action_due"] = None  # the week's default date alone is no action
                logged = _log(_call_defaults("accueil_soignant") | typed, caregiver=Part(data=profile),
                              consent_required=True)
            except FormInvalid as exc:
                if values.get("intake.consent"):
                    raise  # consent given: a wrong date is said under the date
                # Not given: the profile cannot be kept, said under the tick that gives it.
                raise fm.renamed(exc, **{"caregiver.consent_date": "intake.consent"}) from None
            return _caregiver_saved(logged, profile)

        fm.submit(name, t("calls.save"), save, icon=":material/call:")
    _offer_existing(name)


def _caregiver_saved(logged: calls.LoggedCall, profile: dict) -> Saved:
    """The confirmation, and the link to the caregiver's record above the form."""
    label = f"{profile.get('first_name') or ''} {profile.get('last_name') or ''}".strip()
    st.session_state["call.last"] = [("talent_pool", "caregiver", logged.call.caregiver_id, label)]
    return _saved(logged)


def _offer_existing(form_name: str) -> None:
    """After a refused creation of someone already in the pool: log the call on their record instead."""
    existing = fm.duplicate_of(form_name)
    if existing:
        st.button(t("calls.use_existing"), on_click=_switch_to_existing, args=(form_name, existing),
                  icon=":material/person_search:")


def _pick_caregiver() -> pd.Series | None:
    typed = st.text_input(t("calls.search"), key="call.search", placeholder=t("calls.search_placeholder"))
    found = read(search.find_caregivers, typed) if typed.strip() else pd.DataFrame()
    if found.empty:
        st.info(t("calls.search_hint") if not typed.strip() else t("calls.search_none"))
        return None
    labels = {int(c.id): " · ".join(filter(None, [c["name"], vocab.PROFESSIONS.label(c.profession, lang()),
                                                  c.postcode if isinstance(c.postcode, str) else None,
                                                  c.email if isinstance(c.email, str) else None]))
              for _, c in found.iterrows()}
    if st.session_state.get("call.caregiver_pick") not in labels:
        st.session_state["call.caregiver_pick"] = next(iter(labels))
    chosen = st.selectbox(t("col.caregiver"), list(labels), format_func=labels.get, key="call.caregiver_pick",
                          placeholder=t("form.type_to_search"))
    rows = read(reads.records.caregiver_row, chosen)
    return rows.iloc[0] if not rows.empty else None


def _switch_to_existing(form_name: str, existing_id: int) -> None:
    """The caregiver was already in the pool: carry what was typed over to a call on their record."""
    typed = fm.values(form_name)
    stored = read(reads.records.caregiver_row, existing_id).iloc[0]
    target = f"call_caregiver.{existing_id}"
    fm.forget(target)
    defaults = {f"caregiver.{k}": v for k, v in fm.from_row(stored, caregivers.FIELDS, multi=("mission_types",))
                .items()}
    kept = {k: v for k, v in typed.items() if v not in (None, "", [])}
    fm.fill(target, defaults | kept, version=int(stored.row_version), initial=defaults)
    st.session_state["call.caregiver_mode"] = "known"
    st.session_state["call.search"] = f"{stored.first_name} {stored.last_name}"
    st.session_state["call.caregiver_pick"] = existing_id
    fm.forget(form_name)


# --- With an organisation -----------------------------------------------------------------------------


def _organisation_call() -> None:
    orgs = read(reads.records.organisation_choices)
    org_labels = {NEW: t("calls.new_organisation")} | dict(zip(orgs.id.astype(int), orgs["name"], strict=True))
    org_id = st.selectbox(t("col.organisation"), list(org_labels), format_func=org_labels.get, key="call.org_pick",
                          placeholder=t("form.type_to_search"))
    contacts = read(reads.records.contacts_of, org_id) if org_id != NEW else pd.DataFrame(columns=["id"])
    open_requests = read(reads.records.requests_of, org_id) if org_id != NEW else pd.DataFrame(columns=["id"])
    a, b = st.columns(2)
    contact_labels = {NONE: t("calls.no_contact"), NEW: t("calls.new_contact")} | {
        int(c.id): f"{c.first_name} {c.last_name}" for c in contacts.itertuples()}
    request_labels = {NONE: t("calls.no_request"), NEW: t("calls.new_request")} | {
        int(r.id): r.title for r in open_requests.itertuples()}
    contact_id = a.selectbox(t("col.contact"), list(contact_labels), format_func=contact_labels.get,
                             key=f"call.contact_pick.{org_id}", index=1 if org_id == NEW else 0)
    request_id = b.selectbox(t("col.request"), list(request_labels), format_func=request_labels.get,
                             key=f"call.request_pick.{org_id}", index=1 if org_id == NEW else 0)
    org_row = read(reads.records.organisation_record, org_id)["organisation"].iloc[0] if org_id != NEW else None
    contact_row = contacts[contacts.id == contact_id].iloc[0] if contact_id > 0 else None
    request_row = open_requests[open_requests.id == request_id].iloc[0] if request_id > 0 else None

    name = f"call_org.{org_id}.{contact_id}.{request_id}"
    prefill = _call_defaults("qualification_besoin") | {"request.priority": vocab.DEFAULT_PRIORITY}
    for prefix, row, fields, multi in (("organisation.", org_row, ORGANISATION_FIELDS, ()),
                                       ("contact.", contact_row, CONTACT_FIELDS, ()),
                                       ("request.", request_row, REQUEST_FIELDS, ("professions", "specialties"))):
        if row is not None:
            prefill |= {prefix + k: v for k, v in fm.from_row(row, fields, multi=multi).items()}
    # The versions the form is filled from, so that a save made on an older copy is refused, not applied.
    versions = {prefix: int(row.row_version) for prefix, row in (
        ("organisation.", org_row), ("contact.", contact_row), ("request.", request_row)) if row is not None}
    with fm.form(name, prefill=prefill, version=versions):
        _call_fields(name)
        _section(t("calls.organisation_section"), org_row is None,
                 lambda: fm.organisation_fields(name, "organisation."))
        if contact_id != NONE:
            _section(t("calls.contact_section"), contact_row is None, lambda: fm.contact_fields(name, "contact."))
        if request_id != NONE:
            _section(t("calls.request_section"), request_row is None, lambda: fm.request_fields(name, "request."))

        def save(values: dict) -> Saved:
            edited = fm.changed(name, values)

            def part(prefix: str, row: pd.Series | None, picked: int) -> Part | None:
                if picked == NONE:
                    return None
                if row is None:
                    return Part(data=fm.part(values, prefix))
                return Part(id=int(row.id), data=fm.part(edited, prefix) or None,  # only what was changed
                            version=(fm.loaded_version(name) or {}).get(prefix))

            logged = _log(values, organisation=part("organisation.", org_row, org_id),
                          contact=part("contact.", contact_row, contact_id),
                          request=part("request.", request_row, request_id))
            org_name = fm.part(values, "organisation.").get("name") or ""
            request_title = fm.part(values, "request.").get("title") or ""
            st.session_state["call.last"] = [
                *([("requests", "request", logged.call.request_id, request_title)] if logged.call.request_id else []),
                ("requests", "organisation", logged.call.organisation_id, org_name)]
            return _saved(logged)

        fm.submit(name, t("calls.save"), save, icon=":material/call:")


def _section(title: str, new: bool, draw) -> None:
    """A part of the call: open when it is new, folded when it only points at a known row."""
    if new:
        st.subheader(title, anchor=False)
        draw()
    else:
        with st.expander(title + " · " + t("calls.update_if_needed")):
            draw()


# --- Shared -------------------------------------------------------------------------------------------


def _call_defaults(kind: str) -> dict:
    on, at = now_in_paris()
    return {"call.occurred_at": on, "call.occurred_hour": at, "call.member_id": actor().id, "call.kind": kind}


def _call_fields(name: str) -> None:
    st.subheader(t("calls.call_section"), anchor=False)
    a, b, c, d = st.columns(4)
    with a:
        fm.day(name, "call.occurred_at", label=t("col.date"), required=True)
    with b:
        fm.hour(name, "call.occurred_hour")
    with c:
        fm.member(name, "call.member_id", required=True)
    with d:
        # A proposal sent by e-mail is logged when it goes (hyc.exchange.proposals), not picked here.
        fm.choice(name, "call.kind", options=[c for c in vocab.CALL_KINDS.codes if c not in vocab.WRITTEN_CALL_KINDS],
                  format_func=vocab.CALL_KINDS.labels(lang()).get, required=True)
    a, b = st.columns([1, 3])
    with a:
        fm.number(name, "call.duration_min")
        fm.choice(name, "call.outcome", vocab.CALL_OUTCOMES)
    with b:
        fm.text(name, "call.summary", area=True)
    fm.follow_up_fields(name, "call.")
    fm.message(name, "call.party")  # who the call was with is chosen above the form: its message shows here


def _log(values: dict, **parts) -> calls.LoggedCall:
    call = fm.part(values, "call.")
    call["occurred_at"] = fm.stored_time(call.pop("occurred_at"), call.pop("occurred_hour"), "call.occurred_at")
    try:
        return write(calls.log_call, call, **parts)
    except FormInvalid as exc:
        raise fm.renamed(exc, **{"caregiver.id": "call.party", "organisation.id": "call.party",
                                 "contact.id": "call.party", "request.id": "call.party"}) from None


def _saved(logged: calls.LoggedCall) -> Saved:
    what = [t(f"calls.created_{name}") for name in logged.created] + [t(f"calls.updated_{name}")
                                                                       for name in logged.updated]
    done = ", ".join(what)
    message = t("calls.saved") + (f" {done[:1].upper()}{done[1:]}." if done else "")  # a sentence begins upper case
    if logged.warnings:
        message += " " + " ".join(say(warning) for warning in logged.warnings.values())
    return Saved(message, reset=True)
