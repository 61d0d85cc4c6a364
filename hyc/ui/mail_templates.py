"""The team's wording of the proposals sent by e-mail (hyc.exchange.proposals), on the Team page: one template per
language, its fields listed with what each stands for, a field unknown or a lone brace refused under its box, back to
the app's default in one click."""

from __future__ import annotations

import streamlit as st

from hyc import vocab
from hyc.exchange import proposals
from hyc.ui import forms as fm
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import fmt_datetime
from hyc.ui.forms import Saved
from hyc.ui.lang import lang, t
from hyc.ui.store import may_write, read, write


def templates_editor() -> None:
    """The proposal's template in each language, as the team wants it worded; a field unknown or a lone brace is
    refused under its box; back to the app's default in one click."""
    if not may_write("team"):
        return
    st.subheader(t("proposals.templates"))
    st.caption(t("proposals.templates_caption"))
    half = (len(proposals.FIELDS) + 1) // 2
    for column, names in zip(st.columns(2), (proposals.FIELDS[:half], proposals.FIELDS[half:]), strict=True):
        column.markdown("\n".join(f"- `{{{name}}}` {t(f'proposals.field.{name}')}" for name in names))
    chosen = st.segmented_control(t("proposals.template_lang"), list(proposals.LANGS), default="fr",
                                  format_func=lambda code: vocab.CAREGIVER_LANGS.label(code, lang()),
                                  key="template.lang") or "fr"
    current = read(proposals.templates)[chosen]
    if current.stored:
        st.caption(t("proposals.template_stored", when=fmt_datetime(current.updated_at), who=current.author or "–"))
    else:
        st.caption(t("proposals.template_default"))
    name = f"mail_template.{chosen}"
    with fm.form(name, prefill={"subject": current.subject, "content": current.content}, version=current.version):
        fm.text(name, "subject", label=t("proposals.template_subject"), required=True)
        fm.text(name, "content", label=t("proposals.template_content"), required=True, area=True, height=420)

        def save(values: dict) -> Saved:
            saved = write(proposals.save_template, {"lang": chosen, **values}, expected_version=fm.loaded_version(name))
            return Saved(t("proposals.template_saved", language=vocab.CAREGIVER_LANGS.label(chosen, lang())),
                         version=saved.version)

        fm.submit(name, t("form.save"), save)
    if current.stored and st.button(t("proposals.template_reset"), key=f"template.reset.{chosen}",
                                    icon=":material/restart_alt:"):
        if attempt(proposals.reset_template, chosen) is not REFUSED:
            fm.forget(name)
            flash(t("proposals.template_was_reset", language=vocab.CAREGIVER_LANGS.label(chosen, lang())))
            st.rerun()
