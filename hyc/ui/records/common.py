"""What the record screens share: the record a URL names, its title bar, the offer to reload a form filled from
an older copy, and the archive button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import reads
from hyc.ui import forms as fm
from hyc.ui.fmt import plain
from hyc.ui.lang import t
from hyc.ui.shell import act, open_record
from hyc.ui.store import read

RECORD_READERS = {"caregiver": reads.records.caregiver_record, "request": reads.records.request_record,
                  "organisation": reads.records.organisation_record}


def read_record(name: str, record_id: int | None) -> dict[str, pd.DataFrame] | None:
    """The record named in the URL, read through its reader; says so when it does not exist."""
    if record_id is None:
        return None
    record = read(RECORD_READERS[name], record_id)
    st.divider()
    if record is None:
        st.warning(t("record.not_found"))
    return record


def record_title(name: str, title: str, also: tuple[str, int, str] | None = None) -> None:
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


def offer_reload(form_name: str, current_version: int) -> None:
    """Someone saved the record since this form was filled: say so, and offer to start again from it."""
    loaded = fm.loaded_version(form_name)
    if loaded is not None and loaded != current_version:
        st.info(t("form.changed_since"), icon=":material/sync_problem:")
        if st.button(t("form.reload"), key=f"reload.{form_name}", icon=":material/refresh:"):
            fm.forget(form_name)
            st.rerun()


def archive_button(entity: str, row: pd.Series, set_archived, *args) -> None:
    """Archive (hide) or restore a record through `set_archived(engine, actor, *args, archived)`: nothing is ever
    deleted."""
    archived = bool(row.archived)
    st.divider()
    st.caption(t("record.archive_help"))
    label, icon = (t("record.restore"), ":material/unarchive:") if archived else (
        t("record.archive"), ":material/inventory_2:")
    act(label, set_archived, *args, not archived, key=f"archive.{entity}.{int(row.id)}", icon=icon,
        done=t("record.restored" if archived else "record.archived_done"))
