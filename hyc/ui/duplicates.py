"""The possible duplicates of one kind (caregivers, organisations or contacts): the pairs, the two records of the
pair chosen side by side with a choice per differing field, and the merge, confirmed before it is written."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from hyc import merge, reads
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import Markdown, audit_field, audit_value, fmt_date, phone, plain
from hyc.ui.lang import lang, t
from hyc.ui.store import read
from hyc.ui.widgets import fitted_height, record_links, table

# Where each kind of record opens: its page, its URL parameter and the field holding the id to open (a contact
# opens on its organisation's record).
RECORD_PAGES = {"caregiver": ("talent_pool", "caregiver", "id"), "organisation": ("requests", "organisation", "id"),
                "contact": ("requests", "organisation", "organisation_id")}
# A value shown in a choice: long texts (notes) cut here.
SHOWN_CHARS = 160
# Each kind's tab, in order, and the session's record of the tab to show open.
TABS = {"caregiver": "merge.tab_caregivers", "organisation": "merge.tab_organisations", "contact": "merge.tab_contacts"}
OPEN_TAB = "merge.open_tab"
# What an organisation's merge left to do among its contacts, said once on the contacts' tab.
LEFT_TWICE = "merge.left_twice"


def _reasons(codes: str) -> str:
    return ", ".join(t(f"merge.reason.{code}") for code in codes.split(","))


def _sides(pairs: pd.DataFrame, side: str) -> list[str]:
    """One side of each pair as the list names it: "name (n° id)", said archived when it is."""
    archived = f" ({t('merge.archived_mark')})"
    return [t("merge.record_label", name=name, id=int(row_id)) + (archived if gone else "")
            for name, row_id, gone in zip(pairs[f"{side}_name"], pairs[f"{side}_id"], pairs[f"{side}_archived"],
                                          strict=True)]


def tabs(found: dict[str, pd.DataFrame]) -> None:
    """A tab per kind of record (TABS order), each with its pairs. A write changes a tab's count, and Streamlit
    opens the first tab of tabs it has not seen: the one written on (or the one it left work in) is opened."""
    labels = {entity: t(TABS[entity], n=len(found[entity])) for entity in TABS}
    opened = labels[st.session_state.get(OPEN_TAB, "caregiver")]
    for tab, entity in zip(st.tabs(list(labels.values()), default=opened), TABS, strict=True):
        with tab:
            pairs_section(entity, found[entity])


def _written_on(entity: str) -> None:
    """After a write on a pair: the list starts again from no pair, the tab stays open."""
    st.session_state[f"merge.done.{entity}"] = True
    st.session_state[OPEN_TAB] = entity


def pairs_section(entity: str, pairs: pd.DataFrame) -> None:
    """The pairs of one kind, the one picked compared, merged on confirmation; what an empty list means."""
    apart = read(merge.set_apart_pairs, entity)
    left = st.session_state.pop(LEFT_TWICE, None) if entity == "contact" else None
    if left:
        st.info(left, icon=":material/group:")
    if pairs.empty:
        # The pairs set apart still look alike: the sentence says they are left aside, not that there are none.
        st.info(t(f"merge.empty_{entity}") + (t("merge.empty_apart", n=len(apart)) if len(apart) else ""),
                icon=":material/check_circle:")
    else:
        _pairs(entity, pairs)
    _set_apart_section(entity, apart)


def _pairs(entity: str, pairs: pd.DataFrame) -> None:
    shown = pd.DataFrame({"first": _sides(pairs, "a"), "second": _sides(pairs, "b"),
                          "reasons": pairs.reasons.map({codes: _reasons(codes) for codes in pairs.reasons.unique()})})
    table(shown, columns={"first": t("merge.col_first"), "second": t("merge.col_second"),
                          "reasons": t("merge.col_reasons")}, height=fitted_height(len(shown), 320))
    labels = {f"{int(row.a_id)}-{int(row.b_id)}": t("merge.pair_label", first=first, second=second,
                                                     reasons=reasons)
              for row, first, second, reasons in zip(pairs.itertuples(), shown["first"], shown["second"],
                                                     shown["reasons"], strict=True)}
    if st.session_state.pop(f"merge.done.{entity}", False):  # just merged: the list starts again from no pair
        st.session_state[f"merge.pick.{entity}"] = None
    chosen = st.selectbox(t("merge.pick"), list(labels), format_func=labels.get, index=None,
                          key=f"merge.pick.{entity}", placeholder=t("merge.pick_placeholder"))
    if chosen is None:
        st.caption(t("merge.pick_hint"))
        return
    first, second = (int(part) for part in chosen.split("-"))
    row = pairs[(pairs.a_id == first) & (pairs.b_id == second)].iloc[0]
    # The live record is kept by default when the other is archived; otherwise the older one.
    suggested = second if row.a_archived and not row.b_archived else first
    compare(entity, first, second, suggested)


def compare(entity: str, first: int, second: int, suggested: int) -> None:
    """Both records side by side: which one is kept, the value kept for each field that differs, what moves, and
    the merge with its confirmation."""
    data = read(merge.pair, entity, first, second)
    if data is None:
        st.warning(t("merge.gone"))
        return
    records = data["records"]
    names = {i: _name(entity, records[i]) for i in (first, second)}
    kept_id = st.radio(t("merge.keep"), [first, second], index=[first, second].index(suggested), horizontal=True,
                       format_func=lambda i: plain(names[i]), key=f"merge.kept.{entity}.{first}.{second}",
                       help=t("merge.keep_help"))
    merged_id = second if kept_id == first else first
    kept, merged = records[kept_id], records[merged_id]
    left, right = st.columns(2)
    for column, row_id, title in ((left, kept_id, "merge.kept_side"), (right, merged_id, "merge.merged_side")):
        with column, st.container(border=True):
            _summary(entity, row_id, records[row_id], data["related"][row_id], title, names[row_id])
    choices = _choices(entity, kept_id, merged_id, kept, merged)
    moves = [t(label, n=count) for label, count in data["related"][merged_id].items() if count]
    st.caption(t("merge.moves", what=", ".join(moves)) if moves else t("merge.moves_none"))
    _merge_button(entity, kept_id, merged_id, names, choices,
                  {kept_id: kept["row_version"], merged_id: merged["row_version"]})
    if st.button(t("merge.set_apart"), key=f"merge.apart.{entity}", icon=":material/call_split:",
                 help=t("merge.set_apart_help")):
        if attempt(merge.set_apart, entity, first, second) is not REFUSED:
            _written_on(entity)
            flash(t("merge.set_apart_done", first=names[first], second=names[second]))
            st.rerun()


def _set_apart_section(entity: str, apart: pd.DataFrame) -> None:
    """The pairs said not to be one (merge.set_apart_pairs), each can be listed again (a mistake undone)."""
    if apart.empty:
        return
    with st.expander(t("merge.apart_title", n=len(apart))):
        labels = {f"{int(row.first_id)}-{int(row.second_id)}": t(
            "merge.apart_label", first=t("merge.record_label", name=row.first_name, id=int(row.first_id)),
            second=t("merge.record_label", name=row.second_name, id=int(row.second_id)),
            who=row.decided_by or "–", date=fmt_date(row.decided_at)) for row in apart.itertuples()}
        chosen = st.selectbox(t("merge.apart_pick"), list(labels), format_func=labels.get,
                              key=f"merge.apart_pick.{entity}")
        if st.button(t("merge.bring_back"), key=f"merge.bring_back.{entity}", icon=":material/undo:"):
            first, second = (int(part) for part in chosen.split("-"))
            if attempt(merge.bring_back, entity, first, second) is not REFUSED:
                st.session_state[OPEN_TAB] = entity
                flash(t("merge.brought_back"))
                st.rerun()


def _name(entity: str, values: dict) -> str:
    name = f"{values['first_name']} {values['last_name']}" if entity in merge.PEOPLE else values["name"]
    return t("merge.record_label", name=name, id=values["id"])


def _summary(entity: str, row_id: int, values: dict, related: dict, title: str, name: str) -> None:
    page, parameter, field = RECORD_PAGES[entity]
    link = record_links(page, parameter, [values[field]]).iloc[0]
    st.markdown(f"**{plain(t(title, name=name))}**")
    facts = [t("merge.created", date=fmt_date(datetime.fromisoformat(values["created_at"])))]
    if values.get("archived"):
        facts.append(t("merge.archived_mark"))
    facts += [t(label, n=count) for label, count in related.items()]
    st.caption(plain(" · ".join(facts)))
    st.markdown(Markdown(f"[{plain(t('merge.open'))}]({link})"))


def _shown(entity: str, name: str, value, members: dict[int, str]) -> str:
    """A stored value as the comparison shows it: labels for codes, French dates, names for team members."""
    if name == "phone" and value:
        text = phone(value)
    else:
        text = audit_value(entity, name, value, lang(), members)
    text = " ".join(str(text).split())
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _choices(entity: str, kept_id: int, merged_id: int, kept: dict, merged: dict) -> dict[str, str]:
    """A radio per differing field (the kept record's value first), defaulting to merge.default_choices; the
    identical values listed apart."""
    members = dict(zip(*(read(reads.admin.team)[c] for c in ("id", "full_name")), strict=True))
    fields = merge.differing(entity, kept, merged)
    defaults = merge.default_choices(entity, kept, merged)
    st.markdown(f"**{t('merge.choices')}**")
    if not fields:
        st.caption(t("merge.no_difference"))
    else:
        st.caption(t("merge.choices_help"))
    choices = {}
    for name in fields:
        values = {merge.KEPT: kept.get(name), merge.MERGED: merged.get(name)}
        said = {side: _shown(entity, name, value, members) for side, value in values.items()}
        said[merge.BOTH] = t("merge.both")
        options = list(merge.options(name))
        label, choice = st.columns([1, 4], vertical_alignment="center")
        label.markdown(f"**{plain(audit_field(name, lang()))}**")
        choices[name] = choice.radio(audit_field(name, lang()), options, index=options.index(defaults[name]),
                                     horizontal=True, format_func=lambda side, said=said: plain(said[side]),
                                     key=f"merge.choice.{entity}.{kept_id}.{merged_id}.{name}",
                                     label_visibility="collapsed")
    same = [name for name in merge.FIELDS[entity] if name not in fields]
    if same:
        with st.expander(t("merge.same_values", n=len(same))):
            st.markdown("  \n".join(
                t("common.fact", label=plain(audit_field(name, lang())),
                  value=plain(_shown(entity, name, kept.get(name), members))) for name in same))
    return choices


def _merge_button(entity: str, kept_id: int, merged_id: int, names: dict[int, str], choices: dict[str, str],
                  versions: dict[int, int]) -> None:
    """"Fusionner", then a confirmation naming both records; the merge is written on "Confirmer la fusion"."""
    asked = f"merge.confirm.{entity}"
    if st.button(t("merge.submit"), key=f"merge.submit.{entity}", icon=":material/merge:"):
        st.session_state[asked] = (kept_id, merged_id)
    if st.session_state.get(asked) != (kept_id, merged_id):
        return
    st.warning(plain(t("merge.confirm", kept=names[kept_id], merged=names[merged_id])), icon=":material/warning:")
    yes, no = st.columns([1, 4])
    if no.button(t("merge.cancel"), key=f"merge.cancel.{entity}"):
        st.session_state.pop(asked, None)
        st.rerun()
    if not yes.button(t("merge.confirm_button"), key=f"merge.confirmed.{entity}", type="primary"):
        return
    # The pairs of contacts each organisation already had are not the merge's doing.
    known = _contact_pairs_of(kept_id, merged_id) if entity == "organisation" else set()
    with st.spinner(t("merge.working")):
        survivor = attempt(merge.merge, entity, kept_id, merged_id, choices, expected_versions=versions)
    if survivor is REFUSED:
        st.session_state.pop(asked, None)
        return
    st.session_state.pop(asked, None)
    _written_on(entity)
    name = _name(entity, survivor.model_dump())
    flash(t("merge.done", name=name))
    if entity == "organisation":  # people both organisations knew are now twice on the survivor: shown next
        twice = len(_contact_pairs_of(survivor.id) - known)
        if twice:
            st.session_state[OPEN_TAB] = "contact"
            st.session_state[LEFT_TWICE] = t("merge.contacts_twice", n=twice, name=name)
    st.rerun()


def _contact_pairs_of(*organisation_ids: int) -> set[tuple[int, int]]:
    pairs = read(merge.contact_pairs)
    mine = pairs[pairs.organisation_id.isin(organisation_ids)]
    return set(zip(mine.a_id.astype(int), mine.b_id.astype(int), strict=True))


def merged_into(row: pd.Series, page: str, parameter: str) -> bool:
    """On a record's screen: when it was merged into another, says so with a link to that one; whether it was."""
    target = row.get("merged_into_id")
    if target is None or pd.isna(target):
        return False
    link = record_links(page, parameter, [int(target)]).iloc[0]
    said = t("merge.merged_into", link=f"[{plain(t('merge.record_number', id=int(target)))}]({link})")
    st.warning(Markdown(said), icon=":material/merge:")
    return True
