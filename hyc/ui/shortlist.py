"""The shortlist: caregivers collected during a session from the talent pool, a request's ranking and the search,
then put on a request as "suggérée" matches in one action (hyc.matches.add_candidates: one transaction, one audit
event per match). It holds at most as many people as one action may propose."""

from __future__ import annotations

import streamlit as st

from hyc import matches, reads, vocab
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.lang import lang, t
from hyc.ui.store import may_write, read

KEY = "shortlist"
CAP = matches.MAX_AT_ONCE


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


def add_button(picked: list[int], key: str) -> None:
    """A button that adds the caregivers ticked in a table; it says what came in, and what did not fit."""
    if not may_write("matches"):
        return
    if st.button(t("shortlist.add", n=len(picked)), key=key, disabled=not picked, icon=":material/playlist_add:"):
        added, left = add(picked)
        if left:
            st.session_state["shortlist.note"] = t("shortlist.full", cap=CAP, n=left)
        flash(t("shortlist.added", n=added))
        st.rerun()


def box(request: dict | None = None) -> None:
    """The shortlist, with the one action that proposes the people ticked in it: on `request` when given, else on
    an open request picked here."""
    if not may_write("matches"):
        return
    note = st.session_state.pop("shortlist.note", None)
    if note:
        st.warning(note, icon=":material/block:")
    people = read(reads.pool.named, tuple(ids()))
    st.markdown(f"**:material/checklist: {t('shortlist.title')}** · {t('shortlist.count', n=len(people))}")
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
    propose, drop, clear = st.columns([2, 2, 1.4])
    with propose:
        if st.button(t("shortlist.propose"), type="primary", icon=":material/person_add:", key="shortlist.propose",
                     disabled=target is None or not picked):
            _propose(target, picked, people)
    with drop:
        if st.button(t("shortlist.remove"), key="shortlist.remove", disabled=not picked, icon=":material/remove:"):
            remove(picked)
            st.rerun()
    with clear:
        if st.button(t("shortlist.clear"), key="shortlist.clear", icon=":material/delete_sweep:"):
            st.session_state[KEY] = []
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
