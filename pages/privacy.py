"""Personal data (fondateur·rices): the review list, a person's export, erasure and the objection list."""

import streamlit as st

from hyc import privacy, reads, search, ui, vocab
from hyc.audit import WriteError
from hyc.ui import act, flash, fmt_date, fmt_int, lang, plain, read, t, table, today, write

ui.page_setup("privacy")
st.title(t("privacy.title"))
st.caption(t("privacy.caption"))


def rewrite_button(key: str) -> None:
    act(t("privacy.rewrite"), privacy.rewrite, key=key, icon=":material/cleaning_services:",
        working=t("privacy.erasing"), done=t("privacy.rewritten"))


if read(privacy.rewrite_pending):
    st.error(t("privacy.pending"), icon=":material/report:")
    rewrite_button("privacy.rewrite_pending")
years = privacy.retention_years()
review = read(reads.admin.review_list, today(), years)

a, b = st.columns(2)
a.metric(t("privacy.to_review"), fmt_int(len(review)), help=t("privacy.to_review_help", years=years))
b.metric(t("privacy.objections"), fmt_int(read(reads.admin.objection_count)), help=t("privacy.objections_help"))

review_tab, person_tab = st.tabs([t("privacy.tab_review", years=years), t("privacy.tab_person")])

with review_tab:
    if review.empty:
        st.info(t("privacy.review_empty", years=years))
    else:
        review = ui.labelled(review, profession=vocab.PROFESSIONS)
        table(review, columns={"last_name": t("col.last_name"), "first_name": t("col.first_name"),
                               "profession": t("col.profession"), "last_contact_at": t("privacy.last_contact"),
                               "days_since": t("privacy.days_since")})
        st.caption(t("privacy.review_hint"))

with person_tab:
    typed = st.text_input(t("calls.search"), key="privacy.search", placeholder=t("calls.search_placeholder"))
    found = read(search.find_caregivers, typed, search.FOUND_LIMIT, True) if typed.strip() else None
    if found is None:
        st.info(t("calls.search_hint"))
    elif found.empty:
        st.info(t("privacy.none_found"))
    else:
        labels = {int(c.id): f"{c.name} · {vocab.PROFESSIONS.label(c.profession, lang())}"
                  + (f" ({t('record.archived_short')})" if c.archived else "") for c in found.itertuples()}
        chosen = st.selectbox(t("col.caregiver"), list(labels), format_func=labels.get, key="privacy.pick",
                              placeholder=t("form.type_to_search"))
        person = read(reads.records.caregiver_row, chosen).iloc[0]
        st.markdown(" · ".join(t("common.fact", label=label, value=value or "–") for label, value in (
            (t("field.consent_date"), fmt_date(person.consent_date)),
            (t("field.consent_method"), vocab.CONSENT_METHODS.label(person.consent_method, lang())),
            (t("field.lawful_basis"), vocab.LAWFUL_BASES.label(person.lawful_basis, lang())))))

        st.subheader(t("privacy.export_title"), anchor=False)
        st.caption(t("privacy.export_help"))
        if st.button(t("privacy.prepare_export"), icon=":material/folder_zip:", key="privacy.prepare"):
            st.session_state["privacy.export"] = (chosen, write(privacy.export, chosen))
        prepared = st.session_state.get("privacy.export")
        if prepared and prepared[0] == chosen:
            st.download_button(t("privacy.download"), prepared[1], file_name=f"donnees-soignant-{chosen}.zip",
                               mime="application/zip", icon=":material/download:")

        st.subheader(t("privacy.erase_title"), anchor=False)
        st.warning(t("privacy.erase_help"), icon=":material/warning:")
        plan = read(privacy.erasure_plan, chosen)
        st.markdown(f"**{t('privacy.plan_title')}**")
        st.caption(t("privacy.plan_some", n=len(plan)) if plan else t("privacy.plan_none"))
        if plan:
            table(ui.text_changes(plan), columns={"record": t("privacy.plan_record"), "field": t("privacy.plan_field"),
                                                  "found": t("privacy.plan_found")})
        with st.form(f"erase.{chosen}"):
            reason = st.radio(t("privacy.reason"), list(privacy.REASONS), horizontal=True,
                              format_func=lambda code: t(f"privacy.reason_{code}"))
            typed = st.text_input(t("privacy.confirm", name=plain(f"{person.first_name} {person.last_name}")),
                                  key="privacy.confirm")
            if st.form_submit_button(t("privacy.erase"), type="primary", icon=":material/delete_forever:"):
                if typed.strip() != f"{person.first_name} {person.last_name}":
                    st.error(t("privacy.confirm_mismatch"))
                else:
                    try:
                        with st.spinner(t("privacy.erasing")):
                            changed = write(privacy.erase, chosen, reason=reason)
                    except WriteError as exc:
                        st.error(plain(ui.say(exc.message)))
                    else:
                        st.session_state.pop("privacy.export", None)
                        st.session_state["privacy.changed"] = ui.text_changes(changed)
                        flash(t("privacy.erased", n=len(changed)))
                        st.rerun()
                    finally:
                        # No cached read keeps the erased values in memory, even when the erasure was committed
                        # and the file's rewrite after it failed.
                        ui.forget_reads()

    changed_texts = st.session_state.get("privacy.changed")
    if changed_texts is not None and len(changed_texts):
        with st.expander(t("privacy.changed_title"), expanded=True):
            table(changed_texts, columns={"record": t("privacy.plan_record"), "field": t("privacy.plan_field"),
                                          "found": t("privacy.plan_found")})

    with st.expander(t("privacy.rewrite_title")):
        st.caption(t("privacy.rewrite_help"))
        rewrite_button("privacy.rewrite")
