"""Proposals by e-mail in the interface (hyc.exchange.proposals): "Envoyer la proposition" from the shortlist or a
request's matches opens a preview of each message in place, then sends; the last sending's result stays on the
request (who got it, who did not and why, whom to call instead); the answers in one click. (The templates are
edited on the Team page: hyc.ui.mail_templates.)

The preview is drawn in place, not in a dialog: it stays beside the people picked, and it can be tested without
a browser (a dialog's buttons do nothing under AppTest)."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from hyc import audit, reads, vocab
from hyc.exchange import mail, proposals
from hyc.i18n import Message
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import phone, plain
from hyc.ui.lang import lang, say, t
from hyc.ui.store import actor, may_write, read
from hyc.validation import FormInvalid

OPEN = "proposal.open"  # the preview open: {"key", "request_id", "ids"}
RESULT = "proposal.result"  # the last sending's outcome, by request id


def smtp() -> mail.Smtp | None:
    """The team's mail server (the password from Streamlit's secrets, `[smtp] password`, when there is one, else
    HYC_SMTP_PASSWORD); None while none is configured."""
    secret = None
    if st.secrets.load_if_toml_exists() and "smtp" in st.secrets:
        secret = st.secrets["smtp"].get("password")
    try:
        return mail.settings(secret)
    except mail.NotConfigured:
        return None


def send_button(key: str, request_id: int | None, ids: list[int], *, disabled: bool = False) -> None:
    """"Envoyer la proposition": opens the preview of the messages to the people `ids` on the request, here."""
    if not may_write("matches"):
        return
    too_many = len(ids) > proposals.MAX_AT_ONCE
    if st.button(t("proposals.send"), key=f"{key}.send", icon=":material/forward_to_inbox:",
                 help=t("proposals.send_help"), disabled=disabled or request_id is None or not ids):
        st.session_state[OPEN] = {"key": key, "request_id": int(request_id), "ids": [int(i) for i in ids]}
    if too_many and request_id is not None:
        st.warning(say(proposals.TooMany(len(ids)).message), icon=":material/block:")


def preview(key: str, title: str, *, on_sent: Callable[[list[int]], None] | None = None) -> None:
    """The messages opened by the send button of `key`, each as its person will read it, with those skipped, and
    the button that sends them. `on_sent` gets the caregivers written to (the shortlist lets them go)."""
    opened = st.session_state.get(OPEN)
    if not opened or opened["key"] != key:
        return
    request_id, ids = opened["request_id"], opened["ids"]
    with st.container(border=True, key=f"proposal-preview-{key.replace('.', '-')}"):
        st.markdown(f"**:material/forward_to_inbox: {plain(t('proposals.title', request=title))}**")
        try:
            plan = read(proposals.prepare, request_id, tuple(ids), (actor().name if actor() else ""))
        except audit.WriteError as exc:
            st.error(plain(say(exc.message)), icon=":material/block:")
            _close_button(key)
            return
        except FormInvalid as exc:
            st.error(plain(" ".join(say(m) for m in exc.errors.values())), icon=":material/block:")
            _close_button(key)
            return
        _skipped(plan.skipped)
        server = smtp()
        if server is None:
            st.warning(t("proposals.not_configured"), icon=":material/mail_lock:")
        if not plan.drafts:
            st.info(t("proposals.nothing_to_send"))
        else:
            st.caption(t("proposals.preview_caption", n=len(plan.drafts)))
        for i, draft in enumerate(plan.drafts):
            with st.expander(f"{draft.name} · {vocab.CAREGIVER_LANGS.label(draft.lang, lang())}", expanded=i == 0):
                st.caption(plain(t("proposals.to", name=draft.name, to=draft.to,
                                   language=vocab.CAREGIVER_LANGS.label(draft.lang, lang()))))
                st.markdown(f"**{plain(t('proposals.subject', subject=draft.subject))}**")
                st.text(draft.text)
        go, close = st.columns([1, 1])
        with go:
            clicked = st.button(t("proposals.confirm", n=len(plan.drafts)), type="primary", key=f"{key}.confirm",
                                icon=":material/send:", disabled=server is None or not plan.drafts)
        with close:
            _close_button(key)
        if clicked:
            before = _request_version(request_id)
            with st.spinner(t("proposals.sending")):
                outcome = attempt(proposals.send, request_id, ids, smtp=server)
            if outcome is REFUSED:
                return
            _moved_on(outcome.moved, request_id, before)
            st.session_state.pop(OPEN, None)
            st.session_state.setdefault(RESULT, {})[request_id] = outcome
            if on_sent is not None:
                on_sent([d.caregiver_id for d in (*outcome.sent, *(d for d, _ in outcome.unrecorded))])
            if outcome.sent:
                flash(t("proposals.sent", n=len(outcome.sent), names=[d.name for d in outcome.sent]))
            st.rerun()  # the whole page: the request's matches moved


def _request_version(request_id: int) -> int | None:
    record = read(reads.records.request_record, request_id)
    return None if record is None else int(record["request"].iloc[0].row_version)


def _moved_on(moved, request_id: int, request_before: int | None) -> None:
    """This session's own sending or answer moved matches (and maybe the request's status, which follows them):
    their terms forms and the request's edit form, filled before, still hold the records as they are."""
    from hyc.ui import forms as fm  # here: hyc.ui.forms imports the package hyc.ui, which imports this module

    for match_id, before, after in moved:
        if before is not None:
            fm.moved_on(f"match_terms.{match_id}", before, after)
    if request_before is not None:
        fm.moved_on(f"request_edit.{request_id}", request_before, _request_version(request_id))


def _close_button(key: str) -> None:
    if st.button(t("proposals.cancel"), key=f"{key}.close", icon=":material/close:"):
        st.session_state.pop(OPEN, None)
        try:
            st.rerun(scope="fragment")  # the shortlist box alone, when the preview is in it
        except StreamlitAPIException:
            st.rerun()


def _skipped(skipped: tuple[proposals.Skipped, ...]) -> None:
    """Who gets no e-mail, by name, why, and the phone to call instead where calling them is allowed."""
    if not skipped:
        return
    lines = []
    for person in skipped:
        instead = (t("proposals.call_instead", phone=phone(person.phone)) if person.phone
                   else t("proposals.no_phone") if _may_call(person) else "")
        why = say(person.reason) + (f" · {instead}" if instead else "")
        lines.append(f"- {plain(t('proposals.skipped', name=person.name, why=why))}")
    st.warning(f"**{t('proposals.skipped_title')}**\n\n" + "\n".join(lines), icon=":material/phone_forwarded:")


def _may_call(person: proposals.Skipped) -> bool:
    return isinstance(person.reason, Message) and person.reason.key in ("proposals.skip.archived",
                                                                        "proposals.skip.no_email")


def result(request_id: int, place: str) -> None:
    """What the last sending on this request did, until dismissed: sent, not sent (why), not recorded, skipped
    (with the phones to call). `place` tells apart the places of one page that show it (the shortlist, the
    matches)."""
    outcome = st.session_state.get(RESULT, {}).get(int(request_id))
    if outcome is None:
        return
    with st.container(border=True, key=f"proposal-result-{place}-{int(request_id)}"):
        st.markdown(f"**:material/outgoing_mail: {plain(t('proposals.result_title', request=outcome.title))}**")
        if outcome.sent:
            st.success(plain(t("proposals.sent", n=len(outcome.sent), names=[d.name for d in outcome.sent])),
                       icon=":material/mark_email_read:")
        for draft, why in outcome.failed:
            st.error(plain(t("proposals.failed", name=draft.name, why=say(why))), icon=":material/error:")
        for draft, why in outcome.unrecorded:
            st.warning(plain(t("proposals.unrecorded", name=draft.name, why=say(why))), icon=":material/warning:")
        _skipped(outcome.skipped)
        if st.button(t("proposals.dismiss"), key=f"proposal.dismiss.{place}.{int(request_id)}",
                     icon=":material/close:"):
            st.session_state.get(RESULT, {}).pop(int(request_id), None)
            st.rerun()


# --- On a request's matches -------------------------------------------------------------------------------------


def from_matches(r: pd.Series, rows: pd.DataFrame) -> None:
    """On a request's matches: write to the people suggested (or remind those contacted), and record the answers
    of those contacted."""
    if not may_write("matches"):
        return
    request_id = int(r.id)
    result(request_id, "matches")
    writable = rows[rows.stage.isin(proposals.SENDABLE_STAGES)]
    if not writable.empty and r.status in vocab.OPEN_REQUEST_STATUSES:  # a closed request takes no one new
        st.markdown(f"**{t('proposals.from_matches')}**")
        labels = {int(m.caregiver_id): f"{m.caregiver} · {vocab.MATCH_STAGES.label(m.stage, lang())}"
                  for m in writable.itertuples()}
        suggested = [int(m.caregiver_id) for m in writable.itertuples() if m.stage == "suggeree"]
        picked = st.multiselect(t("proposals.recipients"), list(labels), default=suggested[:proposals.MAX_AT_ONCE],
                                format_func=labels.get, select_all=False, placeholder=t("form.choose"),
                                # A new picker when the stages change (after a sending): those suggested then.
                                key=f"proposal.recipients.{request_id}.{zlib.crc32(repr(labels).encode())}")
        key = f"matches.{request_id}"
        send_button(key, request_id, picked)
        preview(key, r.title)
    answers(rows)


def answers(rows: pd.DataFrame) -> None:
    """The people contacted, each with "Intéressé(e)" (one click) and "Décline" with its reason."""
    contacted = rows[rows.stage == "contactee"]
    if contacted.empty or not may_write("matches"):
        return
    st.markdown(f"**{t('proposals.answers_title')}**")
    st.caption(t("proposals.answers_caption"))
    reasons = list(vocab.EXIT_REASONS_BY_EXIT["declinee_soignant"])
    for m in contacted.itertuples():
        match_id = int(m.id)
        with st.container(key=f"answer-row-{match_id}", horizontal=True, vertical_alignment="bottom"):
            who = [m.caregiver, vocab.PROFESSIONS.label(m.profession, lang()),
                   vocab.SPECIALTIES.label(m.specialty, lang()) if isinstance(m.specialty, str) else None]
            st.markdown(" · ".join(plain(part) for part in who if part), width="stretch")
            if st.button(t("proposals.interested"), key=f"answer.yes.{match_id}", icon=":material/thumb_up:"):
                _answer(m, "interessee", None)
            reason = st.selectbox(t("proposals.decline_reason"), reasons, index=None, key=f"answer.reason.{match_id}",
                                  format_func=vocab.EXIT_REASONS.labels(lang()).get, placeholder=t("form.choose"),
                                  width=260)
            if st.button(t("proposals.declines"), key=f"answer.no.{match_id}", icon=":material/thumb_down:"):
                _answer(m, "declinee_soignant", reason)


def _answer(m, stage: str, reason: str | None) -> None:
    """One answer recorded: the match moves (hyc.matches.move), said once the page is drawn again."""
    request_before = _request_version(int(m.request_id))
    moved = attempt(proposals.answer, int(m.id), stage, reason=reason, expected_version=int(m.row_version))
    if moved is REFUSED:
        return
    _moved_on([(int(m.id), int(m.row_version), moved.row_version)], int(m.request_id), request_before)
    flash(t("proposals.answered_interested", name=m.caregiver) if stage == "interessee"
          else t("proposals.answered_declined", name=m.caregiver, reason=vocab.EXIT_REASONS.label(reason, lang())))
    st.rerun()
