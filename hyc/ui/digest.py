"""The day's digest in the interface (hyc.digest): the box "Votre journée" at the top of a member's landing page (the
Overview, or a mentor's Mentoring page), each line opening its record in this tab; and the switch, under the
language's in the sidebar, with which each member turns the e-mail off or on."""

from __future__ import annotations

import streamlit as st

from hyc import config, digest
from hyc.ui.feedback import REFUSED, attempt
from hyc.ui.fmt import plain
from hyc.ui.lang import lang, t
from hyc.ui.store import actor, member_row, read, today

SWITCH = "digest.wanted"
# A list of the box shows so many lines; the rest is one click away, in the page's own lists.
SHOWN_PER_KIND = 5
# Where each kind of record opens.
RECORD_PAGES = {"request": ("requests", "request"), "organisation": ("requests", "organisation")}


def digest_box(landing: bool, caregiver_page: str = "talent_pool") -> None:
    """The signed-in member's day, on their landing page only (`landing`): nothing else is drawn elsewhere."""
    member = actor()
    if not landing or member is None:
        return
    d = read(digest.of_member, member.id, today())
    if d is None:
        return
    if d.empty:
        st.caption(f":material/wb_sunny: {t('digest.empty')}")
        return
    language = lang()
    with st.expander(t("digest.box", n=d.count()), expanded=True, icon=":material/today:"):
        for kind in digest.KINDS:
            said = digest.lines(d, kind, language)
            if not said:
                continue
            st.markdown(f"**{t(f'digest.kind.{kind}', n=len(said))}**")
            for line in said[:SHOWN_PER_KIND]:
                page, param = RECORD_PAGES.get(line.record, (caregiver_page, "caregiver"))
                st.page_link(f"pages/{page}.py", label=plain(line.text), icon=":material/chevron_right:",
                             query_params={param: str(line.record_id)})
            if len(said) > SHOWN_PER_KIND:
                st.caption(t("digest.more_in_app", n=len(said) - SHOWN_PER_KIND, where=t(f"digest.where.{kind}")))
        _mail_note(d)


def _mail_note(d: digest.Digest) -> None:
    hour = config.load().digest_hour
    if hour is None:
        st.caption(t("digest.server_off"))
    elif not d.wanted:
        st.caption(t("digest.not_mailed", toggle=t("digest.toggle")))
    elif d.email:
        st.caption(plain(t("digest.mailed", email=d.email, hour=hour)))


def _switched() -> None:
    wanted = bool(st.session_state.get(SWITCH))
    if attempt(digest.set_wanted, wanted) is not REFUSED:  # a refusal is said where the switch is
        st.toast(t("digest.turned_on" if wanted else "digest.turned_off"), icon=":material/mail:")


def digest_switch() -> None:
    """The member's own choice of the e-mail, in the sidebar under the language (it always shows what is stored)."""
    member = actor()
    if member is None:
        return
    row = member_row(member.id) or {}
    st.session_state[SWITCH] = bool(row.get("daily_digest", True))
    st.sidebar.toggle(t("digest.toggle"), key=SWITCH, help=t("digest.toggle_help"), on_change=_switched)
