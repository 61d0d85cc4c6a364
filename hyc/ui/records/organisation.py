"""An organisation's record: who it is, its contacts, its requests and the calls with it; the forms that edit it
and its contacts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import organisations, vocab
from hyc.ui import (
    datetime_column,
    facts,
    labelled,
    lang,
    link_column,
    may_write,
    new_request,
    phones,
    record_links,
    t,
    table,
    web_link,
    write,
    yes_no,
)
from hyc.ui import forms as fm
from hyc.ui.duplicates import merged_into
from hyc.ui.forms import Saved
from hyc.ui.records.common import archive_button, offer_reload, read_record, record_title


def organisation_record(organisation_id: int | None) -> None:
    """An organisation: who it is, its contacts, its requests and the calls with it."""
    record = read_record("organisation", organisation_id)
    if record is None:
        return
    o = record["organisation"].iloc[0]
    record_title("organisation", o["name"])
    merged = merged_into(o, "requests", "organisation")
    if not merged and o.archived:
        st.warning(t("record.archived"), icon=":material/inventory_2:")
    facts([(t("col.org_kind"), vocab.ORGANISATION_KINDS.label(o.kind, lang())),
           (t("col.city"), f"{o.city or '–'} ({vocab.REGIONS.label(o.region, lang())})"),
           (t("col.website"), web_link(o.website)), (t("col.health_products"), yes_no(o.makes_health_products))])
    if merged:  # a trace: everything moved to the organisation it was merged into, and nothing is written here
        return
    requests = labelled(record["requests"], mission_type=vocab.MISSION_TYPES, status=vocab.REQUEST_STATUSES)
    requests["link"] = record_links("requests", "request", requests.id)
    contacts = record["contacts"].copy()
    contacts["phone"] = phones(contacts.phone)
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
        if may_write("requests"):
            new_request.button(int(o.id), key=f"new_request.{int(o.id)}")
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
            archive_button("organisation", o, organisations.set_archived, "organisation", int(o.id))


def _organisation_form(o: pd.Series) -> None:
    name = f"organisation_edit.{int(o.id)}"
    offer_reload(name, int(o.row_version))
    fields = ("name", "kind", "makes_health_products", "city", "region", "website", "notes")
    with fm.form(name, prefill=fm.from_row(o, fields), version=int(o.row_version)):
        fm.organisation_fields(name)

        fm.submit(name, t("form.save"),
                  fm.edit_saver(name, organisations.update, int(o.id), t("saved.organisation")))


def _contact_forms(organisation_id: int, contacts: pd.DataFrame) -> None:
    new, edit = st.tabs([t("form.new_contact"), t("form.edit_contact")])
    with new:
        name = f"contact_new.{organisation_id}"
        with fm.form(name):
            fm.contact_fields(name)

            def save(values: dict) -> Saved:
                write(organisations.create_contact, organisation_id, values)
                return Saved(t("saved.contact"), reset=True)

            fm.submit(name, t("form.add_contact"), save, icon=":material/person_add:")
    with edit:
        if contacts.empty:
            st.info(t("empty.contacts"))
            return
        labels = {int(c.id): f"{c.first_name} {c.last_name}" + (f" ({t('record.archived_short')})" if c.archived
                                                               else "") for c in contacts.itertuples()}
        chosen = st.selectbox(t("col.contact"), list(labels), format_func=labels.get, placeholder=t("form.choose"),
                              key=f"contact_pick.{organisation_id}")
        c = contacts[contacts.id == chosen].iloc[0]
        name = f"contact_edit.{int(c.id)}"
        offer_reload(name, int(c.row_version))
        with fm.form(name, prefill=fm.from_row(c, ("first_name", "last_name", "role", "email", "phone")),
                     version=int(c.row_version)):
            fm.contact_fields(name)

            fm.submit(name, t("form.save"),
                      fm.edit_saver(name, organisations.update_contact, int(c.id), t("saved.contact")))
        archive_button("contact", c, organisations.set_archived, "contact", int(c.id))
