"""A request's record: what is asked, its matches by stage and its status history; the forms that put caregivers on
it, move its status and each match, and keep the agreed terms with the compliance checklist."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st

from hyc import compliance, matches, reads, requests, vocab
from hyc.ui import (
    codes_label,
    datetime_column,
    euro_column,
    facts,
    fmt_date,
    fmt_eur,
    labelled,
    lang,
    link_column,
    may_write,
    plain,
    read,
    record_links,
    say,
    t,
    table,
    write,
    yes_no,
)
from hyc.ui import forms as fm
from hyc.ui.documents import documents_part
from hyc.ui.forms import Saved
from hyc.ui.proposals import from_matches
from hyc.ui.records.common import archive_button, offer_reload, read_record, record_title
from hyc.ui.records.ranking import ranking_tab, verdict_box
from hyc.ui.workshops import has_sessions, sessions_tab, tab_title


def request_record(request_id: int | None) -> None:
    """A request: what is asked, its matches by stage and its status history."""
    record = read_record("request", request_id)
    if record is None:
        return
    r = record["request"].iloc[0]
    record_title("request", r.title, also=("organisation", int(r.organisation_id), t("record.see_organisation")))
    st.caption(t("record.request_caption", organisation=plain(r.organisation),
                 status=vocab.REQUEST_STATUSES.label(r.status, lang()), since=fmt_date(r.created_at)))
    if r.archived:
        st.warning(t("record.archived"), icon=":material/inventory_2:")
    a, b, c = st.columns(3)
    with a:
        facts([(t("col.mission_type"), vocab.MISSION_TYPES.label(r.mission_type, lang())),
               (t("col.professions"), codes_label(r.professions, vocab.PROFESSIONS)),
               (t("col.specialties"), _criterion(codes_label(r.specialties, vocab.SPECIALTIES),
                                                 r.specialties_required, isinstance(r.specialties, str))),
               (t("field.digital_appetites"), _criterion(codes_label(r.digital_appetites, vocab.DIGITAL_APPETITES),
                                                         r.appetite_required, isinstance(r.digital_appetites, str))
                if isinstance(r.digital_appetites, str) and r.digital_appetites else t("record.no_appetite")),
               (t("field.about_ai"), yes_no(r.about_ai) + (f" · {t('field.ai_required').lower()}"
                                                           if r.about_ai and r.ai_required else "")),
               (t("col.headcount"), r.headcount)])
    with b:
        facts([(t("col.work_mode"), vocab.REQUEST_WORK_MODES.label(r.work_mode, lang())),
               (t("col.region"), vocab.REGIONS.label(r.region, lang())
                + (f" · {t('field.place_required').lower()}" if r.place_required else "")),
               (t("col.start_date"), fmt_date(r.start_date)),
               (t("col.days"), r.expected_days), (t("col.budget"), fmt_eur(r.budget_day_rate))])
    with c:
        facts([(t("col.priority"), vocab.PRIORITIES.label(r.priority, lang())), (t("col.owner"), r.owner),
               (t("col.contact"), f"{r.contact} ({r.contact_role})" if r.contact else None),
               (t("col.health_products"), yes_no(r.makes_health_products)),
               (t("field.confidential"), yes_no(r.confidential))])
    verdict_box(r)
    if isinstance(r.description, str):
        st.markdown(plain(r.description))
    matches = labelled(record["matches"], profession=vocab.PROFESSIONS, specialty=vocab.SPECIALTIES,
                       stage=vocab.MATCH_STAGES, exit_reason=vocab.EXIT_REASONS,
                       convention_status=vocab.CONVENTION_STATUSES, cumul_status=vocab.CUMUL_STATUSES)
    history = labelled(record["history"], status=vocab.REQUEST_STATUSES)
    editable = may_write("requests")
    # The tabs run lazily: the ranking (every eligible caregiver scored) runs only once its tab is open.
    workshop = has_sessions(r)  # a workshop or interviews: its sessions in a tab of their own (hyc.ui.workshops)
    tab_matches, tab_history, *more_tabs = st.tabs([
        t("record.tab_matches", n=len(matches)), t("record.tab_history"), *([tab_title(r)] if workshop else []),
        *([t("record.tab_candidates"), t("record.tab_edit")] if editable else [])],
        key=f"request_tabs.{int(r.id)}", on_change="rerun")
    edit_tabs = more_tabs[1:] if workshop else more_tabs
    if workshop and more_tabs[0].open:
        with more_tabs[0]:
            sessions_tab(r)
    with tab_matches:
        if matches.empty:
            st.info(t("empty.request_matches"))
        else:
            matches["link"] = record_links("talent_pool", "caregiver", matches.caregiver_id)
            table(matches, columns={"link": t("col.open"), "caregiver": t("col.caregiver"),
                                    "profession": t("col.profession"), "specialty": t("col.specialty"),
                                    "stage": t("col.stage"), "exit_reason": t("col.exit_reason"),
                                    "agreed_day_rate": t("col.agreed_rate"), "agreed_days": t("col.days"),
                                    "convention_status": t("col.convention"), "cumul_status": t("col.cumul"),
                                    "updated_at": t("col.updated")},
                  link=link_column(t("col.open")), agreed_day_rate=euro_column(t("col.agreed_rate")),
                  updated_at=datetime_column(t("col.updated")))
        if may_write("matches") and not record["matches"].empty:
            from_matches(r, record["matches"])  # write to those suggested, record the answers (proposals by e-mail)
            _match_forms(r, record["matches"])
    with tab_history:
        table(history, columns={"occurred_at": t("col.date"), "status": t("col.status"), "author": t("col.member")},
              occurred_at=datetime_column(t("col.date")))
    if editable:
        if edit_tabs[0].open:
            with edit_tabs[0]:
                ranking_tab(r)
        with edit_tabs[1]:
            _status_form(r)
            _request_form(r)
            archive_button("request", r, requests.set_archived, int(r.id))


def _criterion(label: str, required: object, named: bool) -> str:
    """"Cardiologie · impératif", "Cardiologie · de préférence"; nothing added when nothing is named."""
    if not named:
        return label
    return f"{label} · {t('record.must') if required is None or bool(required) else t('record.preferred')}"


def _request_form(r: pd.Series) -> None:
    name = f"request_edit.{int(r.id)}"
    offer_reload(name, int(r.row_version))
    contacts = read(reads.records.contacts_of, int(r.organisation_id))
    names = dict(zip(contacts.id.astype(int), contacts.first_name + " " + contacts.last_name, strict=True))
    st.markdown(f"**{t('form.request_title')}**")
    fields = ("title", "description", "mission_type", "professions", "specialties", "specialties_required",
              "place_required", "digital_appetites", "appetite_required", "about_ai", "ai_required", "headcount",
              "work_mode", "region", "start_date", "expected_days", "budget_day_rate", "priority", "owner_id",
              "confidential", "contact_id")
    with fm.form(name, prefill=fm.from_row(r, fields, multi=("professions", "specialties", "digital_appetites")),
                 version=int(r.row_version)):
        fm.request_fields(name)
        fm.choice(name, "contact_id", options=list(names), format_func=names.get, label=t("col.contact"))

        fm.submit(name, t("form.save"), fm.edit_saver(name, requests.update, int(r.id), t("saved.request")))


def _status_form(r: pd.Series) -> None:
    allowed = vocab.REQUEST_MOVES.get(r.status, ())
    if not allowed:
        st.info(t("form.status_final", status=vocab.REQUEST_STATUSES.label(r.status, lang())))
        return
    name = f"request_status.{int(r.id)}"
    version = int(r.row_version)
    with fm.form(name):
        fm.choice(name, "status", options=list(allowed), label=t("form.move_request"), required=True,
                  format_func=vocab.REQUEST_STATUSES.labels(lang()).get)

        def save(values: dict) -> Saved:
            write(requests.move, int(r.id), values["status"], expected_version=version)
            return Saved(t("saved.status", status=vocab.REQUEST_STATUSES.label(values["status"], lang())), reset=True)

        fm.submit(name, t("form.change_status"), save, icon=":material/arrow_forward:")


def _match_forms(r: pd.Series, rows: pd.DataFrame) -> None:
    """Pick one match, then move it along its stages and keep its terms and compliance checklist."""
    st.markdown(f"**{t('form.match_title')}**")
    labels = {int(m.id): f"{m.caregiver} · {vocab.MATCH_STAGES.label(m.stage, lang())}" for m in rows.itertuples()}
    # The labels carry each match's stage. When a move changes them, Streamlit's picker showed the old label, then
    # fell back to the first match (the next move went to someone else): it is a new picker whenever they change,
    # opened on the match picked before.
    options, picked = list(labels), f"match_picked.{int(r.id)}"
    kept = st.session_state.get(picked)
    chosen = st.selectbox(t("form.which_match"), options, index=options.index(kept) if kept in labels else 0,
                          format_func=labels.get, key=f"match_pick.{int(r.id)}.{zlib.crc32(repr(labels).encode())}")
    st.session_state[picked] = chosen
    m = rows[rows.id == chosen].iloc[0]
    left, right = st.columns(2)
    with left:
        _stage_form(r, m)
    with right:
        _terms_form(r, m)
    documents_part(r, m)


def _stage_form(r: pd.Series, m: pd.Series) -> None:
    allowed = vocab.MATCH_MOVES.get(m.stage, ())
    if not allowed:
        st.info(t("form.match_final", stage=vocab.MATCH_STAGES.label(m.stage, lang())))
        return
    name = f"match_stage.{int(m.id)}"
    version = int(m.row_version)
    exits = [reason for stage in allowed if stage in vocab.MATCH_EXITS for reason in vocab.EXIT_REASONS_BY_EXIT[stage]]
    with fm.form(name):
        fm.choice(name, "stage", options=list(allowed), required=True,
                  format_func=vocab.MATCH_STAGES.labels(lang()).get)
        if exits:
            fm.choice(name, "reason", options=list(dict.fromkeys(exits)), help=t("form.reason_help"),
                      format_func=vocab.EXIT_REASONS.labels(lang()).get)

        def save(values: dict) -> Saved:
            match = write(matches.move, int(m.id), values["stage"], reason=values.get("reason"),
                                 expected_version=version)
            # A move writes the stage alone, and may move the request's status after it: the terms form beside it
            # and the request's edit form are still the match and the request as they are.
            fm.moved_on(f"match_terms.{int(m.id)}", version, match.row_version)
            after = read(reads.records.request_record, int(r.id))["request"].iloc[0]  # the next run's read
            fm.moved_on(f"request_edit.{int(r.id)}", int(r.row_version), int(after.row_version))
            return Saved(t("saved.stage", stage=vocab.MATCH_STAGES.label(match.stage, lang())), reset=True)

        fm.submit(name, t("form.move"), save, icon=":material/arrow_forward:")


def _filing_date(needs: compliance.Checklist, m: pd.Series, r: pd.Series) -> None:
    """The date by which the Ordre must be asked, from the mission start (else the request's start), working days
    and French public holidays counted; once the agreement is declared or authorised, nothing to say."""
    if not needs.convention_regime or m.convention_status in ("declaree", "autorisee", "refusee"):
        return
    start = fm.widget_value(m.mission_start) or fm.widget_value(r.start_date)
    if not start:
        return
    by = compliance.latest_filing(needs.convention_regime, pd.Timestamp(start).date())
    st.info(t(f"form.file_by.{needs.convention_regime}", date=fmt_date(by), start=fmt_date(start)),
            icon=":material/event:")


# Convention states that record what a person did, offered beside the one still to do.
DONE_CONVENTION = [code for code in vocab.CONVENTION_STATUSES.codes if code not in compliance.PENDING_CONVENTION]


def _terms_form(r: pd.Series, m: pd.Series) -> None:
    """Agreed terms and the compliance checklist, with what is still open before the contract can be signed."""
    name = f"match_terms.{int(m.id)}"
    terms = {k: fm.widget_value(m.get(k)) for k in matches.TERMS}
    needs = compliance.checklist(makes_health_products=bool(r.makes_health_products), profession=m.profession,
                                 practice_setting=fm.widget_value(m.practice_setting),
                                 agreed_day_rate=terms["agreed_day_rate"], agreed_days=terms["agreed_days"])
    gaps = compliance.gaps(needs, conflict_checked=bool(terms["conflict_checked"]),
                           agreed_day_rate=terms["agreed_day_rate"], agreed_days=terms["agreed_days"],
                           convention_status=terms["convention_status"], cumul_status=terms["cumul_status"])
    _filing_date(needs, m, r)
    if gaps:
        st.warning(t("form.gaps") + "\n" + "\n".join(f"- {say(gap)}" for gap in gaps), icon=":material/checklist:")
    else:
        st.success(t("form.no_gaps"), icon=":material/verified:")
    offer_reload(name, int(m.row_version))
    with fm.form(name, prefill=fm.from_row(m, matches.TERMS), version=int(m.row_version)):
        a, b, c = st.columns(3)
        with a:
            fm.number(name, "agreed_day_rate")
        with b:
            fm.number(name, "agreed_days")
        with c:
            fm.day(name, "mission_start")
        fm.tick(name, "conflict_checked")
        if needs.convention:
            a, b, c = st.columns(3)
            with a:
                # What is still to do is what the terms give; the rest records what was done.
                to_do = compliance.convention_state(True, terms["agreed_day_rate"], terms["agreed_days"], None,
                                                    student=m.profession == "etudiant_sante")
                options = list(dict.fromkeys([terms["convention_status"], to_do, *DONE_CONVENTION]))
                fm.choice(name, "convention_status", options=[o for o in options if o],
                          format_func=vocab.CONVENTION_STATUSES.labels(lang()).get, help=t("field.convention_help"),
                          required=True)
            with b:
                fm.day(name, "convention_submitted_on")
            with c:
                fm.day(name, "convention_decided_on")
        if needs.cumul:
            fm.choice(name, "cumul_status", options=list(compliance.CUMUL_RECORDED),
                      format_func=vocab.CUMUL_STATUSES.labels(lang()).get, help=t("field.cumul_match_help"),
                      required=True)

        # A field not drawn for this match, or not touched, is not written.
        fm.submit(name, t("form.save"), fm.edit_saver(name, matches.update_terms, int(m.id), t("saved.terms")))
