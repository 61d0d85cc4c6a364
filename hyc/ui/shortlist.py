"""The shortlist: caregivers collected during a session from the talent pool, a request's ranking and the search,
then put on a request as "suggérée" matches in one action (hyc.matches.add_candidates: one transaction, one audit
event per match). It holds at most as many people as one action may propose."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from hyc import matches, reads, vocab
from hyc.ui import proposals
from hyc.ui.feedback import REFUSED, attempt, flash, show_flash
from hyc.ui.lang import lang, t
from hyc.ui.store import may_write, new_run, read

KEY = "shortlist"
CAP = matches.MAX_AT_ONCE
# The shortlist box's fragment, by name: a click elsewhere (a table's add button, the search box) runs it again.
BOX = "shortlist-box"


def ids() -> list[int]:
    return list(st.session_state.get(KEY, []))


def add(new: list[int]) -> tuple[int, int]:
    """Add caregivers (those already in it are kept once); returns how many came in and how many did not fit."""
    current = ids()
    fresh = [i for i in dict.fromkeys(int(i) for i in new) if i not in current]
    room = max(0, CAP - len(current))
    st.session_state[KEY] = current + fresh[:room]
    return len(fresh[:room]), len(fresh) - len(fresh[:room])


def remove(gone: list[int]) -> None:
    st.session_state[KEY] = [i for i in ids() if i not in set(gone)]


def add_button(picked: list[int], key: str, *, box_only: bool = False) -> None:
    """A button that adds the caregivers ticked in a table; it says what came in, and what did not fit. With
    `box_only` (a table inside a fragment, beside the shortlist box), the click runs the shortlist box alone again,
    not the page nor the table's own fragment: adding to the shortlist changes nothing else."""
    if not may_write("matches"):
        return
    label, icon = t("shortlist.add", n=len(picked)), ":material/playlist_add:"
    if box_only:
        st.button(label, key=key, disabled=not picked, icon=icon, on_click=_add_then_box, args=(list(picked),))
        return
    if st.button(label, key=key, disabled=not picked, icon=icon):
        _add_and_say(picked)
        st.rerun()


def _add_and_say(picked: list[int]) -> None:
    added, left = add(picked)
    if left:
        st.session_state["shortlist.note"] = t("shortlist.full", cap=CAP, n=left)
    flash(t("shortlist.added", n=added))


def _add_then_box(picked: list[int]) -> None:
    """The add button's callback (it runs before any part of the page)."""
    _add_and_say(picked)
    rerun_box()


def rerun_box(*also: str) -> None:
    """From a widget's callback: the shortlist box runs again, alone (with the fragments named in `also`), when the
    page shows one; without a box, the widget's own part runs again, as after any click."""
    try:
        st.rerun([*also, BOX])
    except StreamlitAPIException:  # no shortlist box drawn on this page
        return


@st.fragment(key=BOX)
def box(request: dict | None = None) -> None:
    """The shortlist, with the one action that proposes the people ticked in it: on `request` when given, else on
    an open request picked here. A fragment: a tick in it, a removal, an addition from a table beside it run this
    box alone again; a proposal (a write: the request's matches change) runs the whole page again."""
    if not may_write("matches"):
        return
    new_run()  # a fragment's run is no page run: the data version is read again (another member may have written)
    show_flash()  # an addition, said when the box alone runs again (a page's run says it before, in the shell)
    note = st.session_state.pop("shortlist.note", None)
    if note:
        st.warning(note, icon=":material/block:")
    people = read(reads.pool.named, tuple(ids()))
    st.markdown(f"**:material/checklist: {t('shortlist.title')}** · {t('shortlist.count', n=len(people))}")
    # The last proposal sent from here (those written to have left the shortlist): whom to call instead.
    sent_on = request["id"] if request else st.session_state.get("shortlist.request")
    if sent_on is not None:
        proposals.result(int(sent_on), "shortlist")
    if people.empty:
        st.caption(t("shortlist.empty"))
        return
    labels = {int(p.id): " · ".join(filter(None, [
        p.name, vocab.PROFESSIONS.label(p.profession, lang()),
        vocab.SPECIALTIES.label(p.specialty, lang()) if isinstance(p.specialty, str) else None,
        t("shortlist.departement", code=p.departement) if isinstance(p.departement, str) and p.departement else None,
        t("shortlist.archived") if p.archived else None]))
        for p in people.itertuples()}  # at most CAP rows
    # Everyone is ticked but the archived, who cannot be proposed.
    ticked = [int(p.id) for p in people.itertuples() if not p.archived]
    picked = st.multiselect(t("shortlist.picked"), list(labels), default=ticked, format_func=labels.get,
                            select_all=False,
                            key=f"shortlist.picked.{request['id'] if request else 'any'}.{len(labels)}")
    target = request
    if target is None:
        open_requests = read(reads.requests.open_titles)
        if open_requests.empty:
            st.info(t("shortlist.no_request"))
            return
        titles = dict(zip(open_requests.id.astype(int), open_requests.label, strict=True))
        chosen = st.selectbox(t("shortlist.propose_on"), list(titles), format_func=titles.get, index=None,
                              placeholder=t("form.type_to_search"), key="shortlist.request")
        target = None if chosen is None else {"id": chosen, "title": titles[chosen]}
    # Without a request of its own (the talent pool), the box sits under a heading that counts the shortlist: a
    # removal runs the page again; on a request's ranking, the box alone.
    whole_page = request is None
    propose, send, drop, clear = st.columns([2, 2, 2, 1.4])
    with propose:
        if st.button(t("shortlist.propose"), type="primary", icon=":material/person_add:", key="shortlist.propose",
                     disabled=target is None or not picked):
            _propose(target, picked, people)
    with send:  # proposed and written to at once: the preview opens below (hyc.ui.proposals)
        proposals.send_button("shortlist", target["id"] if target else None, picked)
    with drop:
        st.button(t("shortlist.remove"), key="shortlist.remove", disabled=not picked, icon=":material/remove:",
                  on_click=_changed, args=(lambda: remove(picked), whole_page))
    with clear:
        st.button(t("shortlist.clear"), key="shortlist.clear", icon=":material/delete_sweep:",
                  on_click=_changed, args=(lambda: st.session_state.__setitem__(KEY, []), whole_page))
    if target is not None:
        proposals.preview("shortlist", target["title"], on_sent=remove)


def _changed(change, whole_page: bool) -> None:
    """A removal's callback: the box runs again (its fragment's own rerun), or the whole page when it counts the
    shortlist elsewhere."""
    change()
    if whole_page:
        st.rerun()


def _propose(request: dict, picked: list[int], names) -> None:
    """Propose the people ticked; those already on the request are named, not passed over in silence."""
    created = attempt(matches.add_candidates, int(request["id"]), picked)
    if created is REFUSED:
        return
    remove(picked)
    placed = {m.caregiver_id for m in created}
    already = [name for i, name in zip(names.id, names.name, strict=True) if i in picked and i not in placed]
    # Said as the page's confirmation: after a proposal the record may show another tab than this one.
    flash(" ".join(filter(None, [t("shortlist.proposed", n=len(created), request=request["title"]) if created else "",
                                 t("shortlist.already", names=already) if already else ""])))
    st.rerun()
