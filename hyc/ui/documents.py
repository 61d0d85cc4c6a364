"""A match's "Documents" part, under its forms on the request's record: one download button per document (the
convention and the Ordre's filing under the anti-gift rules, the mission letter), and the documents generated, each
"à jour" or "périmé" against the match's current terms (hyc.exchange.documents says what is stored and why).

A click does two things at once: the file is drafted in Streamlit's download thread from the current terms (the
button's `data`, called only then), and the generation is recorded by the click's callback, through `write`, before
the page is drawn again, so that the list below shows it at once. Both read the same current terms."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from hyc import audit, i18n
from hyc.exchange import documents
from hyc.ui.fmt import fmt_date, fmt_datetime, fmt_eur, plain
from hyc.ui.lang import lang, say, t
from hyc.ui.store import actor, engine, read, today, write


def _known(value) -> bool:
    return value is not None and not pd.isna(value) and value > 0


def _error_key(match_id: int) -> str:
    return f"documents.error.{match_id}"


def _recorded(match_id: int, kind: str) -> None:
    """The download button's callback: the generation recorded (its refusal said under the buttons)."""
    if actor() is None:  # signed out meanwhile: the page's gate says so
        return
    try:
        write(documents.record, match_id, kind)
    except audit.WriteError as exc:
        st.session_state[_error_key(match_id)] = say(exc.message)


def documents_part(r: pd.Series, m: pd.Series) -> None:
    """The documents of one match (`m`) of the request `r`, for a member who may write matches."""
    match_id = int(m.id)
    st.markdown(f"**{t('documents.title')}**")
    if not (_known(m.agreed_day_rate) and _known(m.agreed_days)):
        st.caption(t("documents.no_terms"))
        return
    st.caption(t("documents.caption"))
    # The download thread has no session: who drafts, the engine and the day are taken now.
    eng, member, day = engine(), actor(), today()
    buttons = st.container(horizontal=True, gap="small")
    for kind in documents.kinds_for(bool(r.makes_health_products)):
        buttons.download_button(
            t(f"documents.kind.{kind}"), key=f"document.{match_id}.{kind}",
            data=partial(documents.draft, eng, match_id, kind, today=day, by=member.name if member else ""),
            file_name=documents.file_name(kind, match_id, day), mime=documents.MIME, icon=":material/description:",
            on_click=_recorded, args=(match_id, kind), help=t(f"documents.help.{kind}"))
    if not r.makes_health_products:
        st.caption(t("documents.no_anti_gift"))
    refused = st.session_state.pop(_error_key(match_id), None)
    if refused:
        st.error(plain(refused), icon=":material/error:")
    _generated(match_id)


def _generated(match_id: int) -> None:
    """The documents generated for the match, the latest first, each up to date or not."""
    rows = read(documents.generated, match_id)
    if rows.empty:
        st.caption(t("documents.none_yet"))
        return
    st.markdown(f"*{t('documents.generated_title')}*")
    lines = []
    for d in rows.itertuples():
        terms = t("documents.terms", rate=fmt_eur(d.agreed_day_rate),
                  days=i18n.figure_text(float(d.agreed_days), lang(), digits=2),
                  start=fmt_date(d.mission_start) or "–")
        line = t("documents.line", kind=t(f"documents.kind.{d.kind}"), when=fmt_datetime(d.generated_at),
                 who=d.member if isinstance(d.member, str) else t("documents.someone"), terms=terms)
        state = (f":green-badge[{t('documents.current')}]" if d.current
                 else f":orange-badge[{t('documents.stale')}]")
        lines.append(f"- {state} {plain(line)}")
    st.markdown("\n".join(lines))
    if not rows.current.all():
        st.caption(t("documents.stale_note"))
