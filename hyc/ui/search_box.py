"""The search box at the top of every page's sidebar (hyc.search.find_everything): a name, an e-mail, an RPPS, a
phone typed any French way, an organisation, a contact, a request's title; the results grouped by kind, each
opening its record, and a caregiver one click from the shortlist."""

from __future__ import annotations

import streamlit as st

from hyc import search
from hyc.ui import shortlist
from hyc.ui.lang import lang, t
from hyc.ui.store import may_write, read

# Where each kind of record opens: its page and the URL parameter naming it.
OPENS = {"caregiver": ("talent_pool", "caregiver"), "organisation": ("requests", "organisation"),
         "contact": ("requests", "organisation"), "request": ("requests", "request")}
ICONS = {"caregiver": ":material/person:", "organisation": ":material/domain:", "contact": ":material/contact_phone:",
         "request": ":material/work:"}



def search_box() -> None:
    """Drawn in the sidebar by the page shell, above the page's filters."""
    text = st.text_input(t("search.label"), key="search.q", placeholder=t("search.placeholder"), max_chars=100,
                         help=t("search.help"), icon=":material/search:")
    if not text.strip():
        return
    found = read(search.find_everything, text.strip())
    if not any(f.total for f in found.values()):
        st.caption(t("search.nothing"))
        return
    adds = may_write("matches")
    for kind, f in found.items():
        if not f.total:
            continue
        st.caption(f"**{t(f'search.kind.{kind}')}** · "
                   + (t("search.first", shown=len(f.rows), n=f.total) if f.total > len(f.rows) else str(f.total)))
        page, param = OPENS[kind]
        for row in f.rows.itertuples():
            target = row.organisation_id if kind == "contact" else row.id
            # An archived caregiver cannot be proposed: no way to the shortlist.
            left, right = st.columns([6, 1], vertical_alignment="center") if (
                kind == "caregiver" and adds and not row.archived) else (st.container(), None)
            with left:
                st.page_link(f"pages/{page}.py", label=_label(kind, row), icon=ICONS[kind],
                             query_params={param: str(int(target))})
            if right is not None and right.button("", key=f"search.add.{int(row.id)}", icon=":material/playlist_add:",
                                                  help=t("search.to_shortlist"), type="tertiary"):
                if int(row.id) in shortlist.ids():
                    st.toast(t("shortlist.in_already"))
                else:
                    added, _ = shortlist.add([int(row.id)])
                    st.toast(t("shortlist.added", n=added) if added else t("shortlist.full", cap=shortlist.CAP, n=1))
        if kind == "caregiver" and f.total > len(f.rows) and st.button(
                t("search.all_in_pool", n=f.total), key="search.all", icon=":material/groups:", type="tertiary"):
            # The talent pool's text filter is the same search: it shows them all.
            st.session_state["filter.q"] = text.strip()
            st.switch_page("pages/talent_pool.py")


def _label(kind: str, row) -> str:
    """What a result shows: the name or title, then its code said in words and its detail."""
    terms = search.CODES.get(kind)
    said = terms.label(row.code, lang()) if terms and row.code else None
    extra = " · ".join(filter(None, [said, row.detail, t("search.archived") if row.archived else None]))
    return f"{row.label} — {extra}" if extra else row.label
