"""What the record screens share: the record a URL names, its title bar, the offer to reload a form filled from
an older copy, and the archive button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hyc import reads
from hyc.ui import forms as fm
from hyc.ui.fmt import plain
from hyc.ui.lang import t
from hyc.ui.shell import act, newly_opened, open_record, record_id
from hyc.ui.store import read
from hyc.ui.widgets import back_to_list

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


# Scrolls the page to a record's title bar, below the sticky header. Records are drawn under the page's lists: one
# opened from the search box or a link would otherwise open out of sight, the list still on screen. The rest of
# the page arrives after the title: while it grows, for three seconds or until the person scrolls, clicks or types,
# the title is brought back to the top (the first scroll may have stopped at the page's end as it was then).
BRING_INTO_VIEW = """<script>(() => {{
  const title = document.querySelector(".st-key-{key}");
  const content = document.querySelector("[data-testid='stMainBlockContainer']");
  if (!title || !content) return;
  title.style.scrollMarginTop = "4rem";
  const bring = () => title.isConnected && title.scrollIntoView({{block: "start"}});
  const watch = new ResizeObserver(bring);
  const stop = () => watch.disconnect();
  watch.observe(content);
  for (const what of ["wheel", "touchmove", "keydown", "mousedown"]) {{
    window.addEventListener(what, stop, {{once: true, capture: true}});
  }}
  setTimeout(stop, 3000);
  bring();
}})();</script>"""


def record_title(name: str, title: str, also: tuple[str, int, str] | None = None) -> None:
    """A record's title with its close button, and optionally a button opening a related record; brought into view
    when it was opened from elsewhere."""
    key = f"record_title_{name}"
    bar = st.container(key=key)
    with bar:
        back_to_list()
    head, *buttons = bar.columns([4, 1, 1] if also else [5, 1])
    head.subheader(plain(title), anchor=False)
    if also:
        other, other_id, label = also
        if buttons[0].button(label, key=f"open_{other}"):
            open_record(other, other_id)
            st.rerun()
    if buttons[-1].button(t("record.close"), key=f"close_{name}"):
        open_record(name, None)
        st.rerun()
    record = record_id(name)
    if newly_opened(name, record):
        # Written in the address again: a link to the page one is on (the search box's, used from that page) opens
        # the record without putting it in the browser's address (Streamlit), and the next click would close it.
        open_record(name, record)
        bar.html(BRING_INTO_VIEW.format(key=key), unsafe_allow_javascript=True)


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
