"""The search box at the top of every page's sidebar (hyc.search.find_everything): a name, an e-mail, an RPPS, a
phone typed any French way, an organisation, a contact, a request's title; the results grouped by kind, each
opening its record, and a caregiver one click from the shortlist. When a kind has more than the few shown, "see
all" opens its page filtered by the same text: caregivers the talent pool (its text filter is the same search), and
requests, organisations and contacts the Requests page (its text filter looks in the title, the description, the
organisation's and the contact's names; the app has no list of organisations of its own)."""

from __future__ import annotations

import streamlit as st

from hyc import search, vocab
from hyc.ui import shortlist
from hyc.ui.lang import lang, t
from hyc.ui.store import may_write, new_run, read
from hyc.ui.widgets import PAGE_KEY

# Where each kind of record opens: its page and the URL parameter naming it.
OPENS = {"caregiver": ("talent_pool", "caregiver"), "organisation": ("requests", "organisation"),
         "contact": ("requests", "organisation"), "request": ("requests", "request")}
ICONS = {"caregiver": ":material/person:", "organisation": ":material/domain:", "contact": ":material/contact_phone:",
         "request": ":material/work:"}
# The name of the Requests page's text filter (hyc.ui.filters draws it; ?text=… in the URL). Named here because
# the search box's "see all" sets it and cannot import the filters (they draw in the shell, which draws this box).
REQUEST_TEXT = "text"
# Where "see all" of each kind leads: the page, the filter there that takes the text typed, the button's words and
# its icon.
SEE_ALL = {"caregiver": ("talent_pool", "q", "search.all_in_pool", ":material/groups:"),
           "organisation": ("requests", REQUEST_TEXT, "search.all_organisations", ":material/domain:"),
           "contact": ("requests", REQUEST_TEXT, "search.all_contacts", ":material/contact_phone:"),
           "request": ("requests", REQUEST_TEXT, "search.all_requests", ":material/work:")}


# The search box's fragment, by name (an addition to the shortlist runs it again with the shortlist box).
FRAGMENT = "search-box"
SAID = "search.said"  # what an addition to the shortlist from here says, on the box's next run


@st.fragment(key=FRAGMENT)
def search_box() -> None:
    """Drawn in the sidebar by the page shell, above the page's filters. A fragment: typing a search, or adding a
    result to the shortlist, runs this box again (and the page's shortlist box), never the page."""
    new_run()  # a fragment's run is no page run: the data version is read again (another member may have written)
    said = st.session_state.pop(SAID, None)
    if said:
        st.toast(said)
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
                if kind == "caregiver":
                    # The name alone on the link, and under it what they do, in full: the sidebar is too narrow
                    # for one line, and a GP and a cardiologist must not read alike.
                    st.page_link(f"pages/{page}.py", label=row.label, icon=ICONS[kind],
                                 query_params={param: str(int(target))})
                    st.caption(_detail(kind, row))
                else:
                    st.page_link(f"pages/{page}.py", label=_label(kind, row), icon=ICONS[kind],
                                 query_params={param: str(int(target))})
            if right is not None:
                right.button("", key=f"search.add.{int(row.id)}", icon=":material/playlist_add:",
                             help=t("search.to_shortlist"), type="tertiary", on_click=_to_shortlist,
                             args=(int(row.id),))
        if f.total > len(f.rows):
            _see_all(kind, f.total, text.strip())


def _to_shortlist(caregiver_id: int) -> None:
    """A result's "to the shortlist" (a callback): this box runs again, and the page's shortlist box with it; on
    the talent pool, whose heading counts the shortlist, the page."""
    if caregiver_id in shortlist.ids():
        st.session_state[SAID] = t("shortlist.in_already")
        return
    added, _ = shortlist.add([caregiver_id])
    st.session_state[SAID] = t("shortlist.added", n=added) if added else t("shortlist.full", cap=shortlist.CAP, n=1)
    if st.session_state.get(PAGE_KEY) == "talent_pool":
        st.rerun()
    shortlist.rerun_box(FRAGMENT)


def _see_all(kind: str, total: int, text: str) -> None:
    """"See all": the kind's page, filtered by the text typed (the talent pool's text filter is the same search; the
    Requests page's finds the requests, and the requests of the organisations and contacts, that the text names)."""
    page, name, label, icon = SEE_ALL[kind]
    if st.button(t(label, n=total), key=f"search.all.{kind}", icon=icon, type="tertiary"):
        st.session_state[f"filter.{name}"] = text
        if page == "requests":
            # The search finds closed requests too: all of them are shown, not only the open ones.
            st.session_state["filter.open"] = False
        st.switch_page(f"pages/{page}.py")


def _detail(kind: str, row) -> str:
    """What a result says after its name or title: its code in words (a caregiver's profession, then their
    specialty), its detail, whether it is archived."""
    terms = search.CODES.get(kind)
    said = terms.label(row.code, lang()) if terms and row.code else None
    specialty = vocab.SPECIALTIES.label(row.specialty, lang()) if row.specialty in vocab.SPECIALTIES else None
    return " · ".join(filter(None, [said, specialty, row.detail, t("search.archived") if row.archived else None]))


def _label(kind: str, row) -> str:
    """What a result shows on one line: the name or title, then its detail."""
    extra = _detail(kind, row)
    return f"{row.label} — {extra}" if extra else row.label
