"""A request in a minute: "Nouveau besoin", the short form a person fills while the client is on the phone (from
the Requests page, or an organisation's record with the organisation already chosen). It lands on the new
request's ranked candidates; the rest of a request (description, digital appetite, priority…) is on its record."""

from __future__ import annotations

import streamlit as st

from hyc import reads, requests, vocab
from hyc.ui import forms as fm
from hyc.ui.feedback import flash
from hyc.ui.forms import Saved
from hyc.ui.lang import t
from hyc.ui.shell import open_record
from hyc.ui.store import actor, read, write

FORM = "request_quick"
ORGANISATION = f"{FORM}.organisation"
CREATED = f"{FORM}.created"  # the id of the request just created: the dialog closes on it


def button(organisation_id: int | None = None, key: str = "new_request") -> None:
    """ "Nouveau besoin", opening the short form (for writers only: readers do not see it)."""
    if st.button(t("new_request.open"), icon=":material/add_circle:", key=key, type="primary"):
        st.session_state[ORGANISATION] = organisation_id
        st.session_state.pop(CREATED, None)
        st.dialog(t("new_request.title"), width="large")(_form)()


def _form() -> None:
    orgs = read(reads.records.organisation_choices)
    names = dict(zip(orgs.id.astype(int), orgs["name"], strict=True))
    if st.session_state.get(ORGANISATION) not in names:
        st.session_state[ORGANISATION] = None
    organisation_id = st.selectbox(t("col.organisation") + " *", list(names), format_func=names.get,
                                   key=ORGANISATION, placeholder=t("form.type_to_search"))
    if organisation_id is None:
        st.caption(t("new_request.pick_organisation"))
        return
    contacts = read(reads.records.contacts_of, organisation_id)
    who = dict(zip(contacts.id.astype(int), contacts.first_name + " " + contacts.last_name, strict=True))
    me = actor()
    name = f"{FORM}.{organisation_id}"  # another organisation, another contact list: a form of its own
    with fm.form(name, prefill={"owner_id": me.id if me.role in ("fondateur", "mentor") else None}):
        fm.text(name, "title", required=True)
        a, b, c = st.columns(3)
        with a:
            fm.choice(name, "contact_id", options=list(who), format_func=who.get, label=t("col.contact"))
            fm.choice(name, "mission_type", vocab.MISSION_TYPES, required=True)
            fm.number(name, "headcount", required=True)
        with b:
            fm.choices(name, "professions", vocab.PROFESSIONS, required=True)
            fm.choices(name, "specialties", vocab.SPECIALTIES)
            st.session_state.setdefault(fm.key(name, "specialties_required"), True)
            fm.tick(name, "specialties_required", help=t("field.specialties_required_help"))
        with c:
            fm.choice(name, "work_mode", vocab.REQUEST_WORK_MODES)
            fm.choice(name, "region", vocab.REGIONS)
            fm.tick(name, "place_required", help=t("field.place_required_help"))
            # Asked here too: a proposal sent from the ranking this request lands on must not name the client.
            fm.tick(name, "confidential", help=t("field.confidential_help"))
        a, b, c, d = st.columns(4)
        with a:
            fm.day(name, "start_date")
        with b:
            fm.number(name, "expected_days")
        with c:
            fm.number(name, "budget_day_rate")
        with d:
            fm.member(name, "owner_id")

        def save(values: dict) -> Saved:
            request, warnings = write(requests.create, values | {"organisation_id": organisation_id})
            land_on_ranking(int(request.id))
            st.session_state[CREATED] = int(request.id)
            return Saved(t("saved.request"), warnings, reset=True)

        fm.submit(name, t("new_request.save"), save, icon=":material/add_circle:")
    if st.session_state.get(CREATED):
        st.rerun()  # the dialog closes; the page opens the new request


def land_on_ranking(request_id: int) -> None:
    """The Requests page's next run shows this request's record on its ranked candidates."""
    open_record("organisation", None)
    open_record("request", request_id)
    st.session_state[f"request_tabs.{request_id}"] = t("record.tab_candidates")
    flash(t("new_request.created"))
