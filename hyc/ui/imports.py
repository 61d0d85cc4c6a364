"""The Imports page's parts: a spreadsheet import (file, columns, check, import, report) and the RPPS check."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from hyc import annuaire, imports, validation, vocab
from hyc.audit import WriteError
from hyc.ui import forms as fm
from hyc.ui.feedback import REFUSED, attempt, flash
from hyc.ui.fmt import codes_label, fmt_int, labelled, plain
from hyc.ui.lang import lang, say, t
from hyc.ui.shell import act
from hyc.ui.store import may_write, read, write
from hyc.ui.widgets import fitted_height, table
from hyc.validation import FormInvalid

PREVIEW_ROWS = 8


def _sheet(kind: str):
    """The uploaded file read once (kept while the same file stays in the uploader), or None."""
    # A new key after each import: the uploader comes back empty for the next file.
    uploaded = st.file_uploader(t("imports.file"), type=["csv", "txt", "xlsx"], help=t("imports.file_help"),
                                key=f"imports.{kind}.file{st.session_state.get(f'imports.{kind}.round', 0)}")
    if uploaded is None:
        st.info(t(f"imports.empty.{kind}"), icon=":material/upload_file:")
        return None, None
    cached = st.session_state.get(f"imports.{kind}.sheet")
    if cached is None or cached[0] != uploaded.file_id:
        try:
            cached = (uploaded.file_id, imports.read(uploaded.getvalue(), uploaded.name))
        except imports.UnreadableFile as exc:
            st.error(say(exc.message), icon=":material/error:")
            return None, None
        st.session_state[f"imports.{kind}.sheet"] = cached
        st.session_state.pop(f"imports.{kind}.report", None)
    return uploaded, cached[1]


def _mapping(kind: str, file_id: str, sheet: imports.Sheet) -> list[str | None]:
    """One menu per column of the file, set to the field proposed for it (its header weighed against its values),
    the reason in its help; the columns left out because their values do not fit are said below, with those
    values."""
    state = f"imports.{kind}.columns"
    if st.session_state.get(state, (None,))[0] != file_id:
        st.session_state[state] = (file_id, imports.columns(sheet, kind))
    proposed = st.session_state[state][1]
    choices = [None, *imports.HEADERS[kind]]
    fields = []
    grid = st.columns(4)
    for i, column in enumerate(proposed):
        with grid[i % 4]:
            fields.append(st.selectbox(
                column.header or t("imports.untitled", n=i + 1), choices, index=choices.index(column.field),
                format_func=lambda name: t("imports.ignored") if name is None else say(imports.field_label(kind, name)),
                help=say(column.reason), key=f"imports.{kind}.{file_id}.column{i}"))
    for column, chosen in zip(proposed, fields, strict=True):
        if column.doubtful and chosen is None:
            st.warning(plain(t("imports.doubt", header=column.header, reason=say(column.reason))),
                       icon=":material/help:")
    return fields


BASIS_FORM = "imports.basis"


def _typed_basis() -> tuple:
    return tuple(st.session_state.get(fm.key(BASIS_FORM, name)) for name in imports.Basis.FIELDS)


def _basis() -> imports.Basis | None:
    """The lawful basis of the file's people, stated once (their own columns win); None when its date cannot be
    read (said under the date)."""
    if _typed_basis() != st.session_state.get(f"{BASIS_FORM}.refused"):
        fm.refuse(BASIS_FORM, {})  # the messages of a refusal go once what they were about is changed
    st.markdown(f"**{t('imports.basis')}**")
    st.caption(t("imports.basis_help"))
    a, b, c = st.columns(3)
    with a:
        basis = fm.choice(BASIS_FORM, "lawful_basis", vocab.LAWFUL_BASES)
    with b:
        method = fm.choice(BASIS_FORM, "consent_method", vocab.CONSENT_METHODS)
    with c:
        typed = fm.day(BASIS_FORM, "consent_date")
        try:
            day = validation.read_day(typed, "consent_date") if typed and typed.strip() else None
        except validation.InvalidInput as exc:
            st.error(plain(say(exc.message)), icon=":material/error:")  # under the date, as soon as it is typed
            return None
    return imports.Basis(basis or None, method or None, day)


def _preview(kind: str, sheet: imports.Sheet, fields: list[str | None]) -> None:
    shown = [(i, name) for i, name in enumerate(fields) if name]
    rows = [[row[i] if i < len(row) else None for i, _ in shown] for row in sheet.rows[:PREVIEW_ROWS]]
    frame = pd.DataFrame(rows, columns=[name for _, name in shown]).astype("string")
    table(frame, columns={name: say(imports.field_label(kind, name)) for _, name in shown},
          key=f"imports.{kind}.preview")


def _counts(report: imports.Report) -> None:
    counts = report.counts()
    for column, outcome in zip(st.columns(len(imports.OUTCOMES) + 1), (*imports.OUTCOMES, None), strict=True):
        with column:
            if outcome is None:
                st.metric(t("imports.total"), fmt_int(len(report.lines)))
            else:
                st.metric(t(f"imports.count.{outcome}"), fmt_int(counts[outcome]))


def _report(kind: str, report: imports.Report) -> None:
    _counts(report)
    frame = report.frame(lang())
    table(frame, columns={name: t(key) for name, key in imports.REPORT_COLUMNS.items()},
          key=f"imports.{kind}.report_table", height=fitted_height(len(frame), 400))


def import_view(kind: str) -> None:
    """Drop a file, check its columns, see what each row would do, then import it (all or nothing)."""
    uploaded, sheet = _sheet(kind)
    if sheet is None:
        done = st.session_state.get(f"imports.{kind}.done")
        if done:
            st.subheader(t("imports.last_report"))
            _report(kind, done)
        return
    said = t("imports.read", rows=fmt_int(len(sheet.rows)), columns=len(sheet.headers))
    if sheet.encoding:
        said += " " + t("imports.read_text", encoding=sheet.encoding,
                        delimiter=t(f"imports.delimiter.{'tab' if sheet.delimiter == chr(9) else sheet.delimiter}"))
    st.caption(said)
    st.markdown(f"**{t('imports.columns')}**")
    fields = _mapping(kind, uploaded.file_id, sheet)
    problems = imports.mapping_problems(kind, fields)
    if problems:
        st.warning(plain(" ".join(say(p) for p in problems)), icon=":material/warning:")
        return
    st.markdown(f"**{t('imports.preview', n=min(PREVIEW_ROWS, len(sheet.rows)))}**")
    _preview(kind, sheet, fields)
    basis = _basis() if kind == "caregivers" else imports.Basis()
    if basis is None:
        return
    state = f"imports.{kind}.report"
    checked = st.session_state.get(state)
    if checked is None or checked[0] != (uploaded.file_id, tuple(fields), basis):
        if not st.button(t("imports.check"), key=f"imports.{kind}.check", icon=":material/fact_check:"):
            return
        with st.spinner(t("imports.checking", rows=fmt_int(len(sheet.rows)))):
            report = _checked(kind, sheet, fields, uploaded.name, basis)
        if report is None:
            return
        st.session_state[state] = checked = ((uploaded.file_id, tuple(fields), basis), report)
    _report(kind, checked[1])
    _import_button(kind, uploaded, sheet, fields, checked[1], basis)


def _checked(kind: str, sheet: imports.Sheet, fields: list[str | None], filename: str,
             basis: imports.Basis) -> imports.Report | None:
    """What each row would do; None after a refusal, said under the basis's fields or where the button is."""
    fm.refuse(BASIS_FORM, {})
    try:
        return write(imports.run, kind, sheet, fields, filename=filename, write=False, basis=basis)
    except FormInvalid as exc:
        if set(exc.errors) <= set(imports.Basis.FIELDS):
            fm.refuse(BASIS_FORM, exc.errors)
            st.session_state[f"{BASIS_FORM}.refused"] = _typed_basis()
            st.rerun()
        st.error(plain(" ".join(say(m) for m in exc.errors.values())), icon=":material/error:")
    except WriteError as exc:
        st.error(plain(say(exc.message)), icon=":material/error:")
    return None


def _import_button(kind: str, uploaded, sheet: imports.Sheet, fields: list[str | None],
                   report: imports.Report, basis: imports.Basis) -> None:
    """Import what the check said: only when no row is refused, or when the person asks for the rest."""
    partial = False
    if report.rejected:
        st.warning(t("imports.rejected", n=report.rejected), icon=":material/warning:")
        partial = st.checkbox(t("imports.partial"), key=f"imports.{kind}.partial")
        if not partial:
            return
    if not st.button(report.said(lang(), done=False), type="primary", key=f"imports.{kind}.go",
                     icon=":material/upload:"):
        return
    with st.spinner(t("imports.importing")):
        done = attempt(imports.run, kind, sheet, fields, filename=uploaded.name, write=True, partial=partial,
                       basis=basis)
    if done is REFUSED:
        return
    flash(done.said(lang()) if done.wrote_rows else t("imports.nothing_written"))
    st.session_state[f"imports.{kind}.done"] = done
    for key in (f"imports.{kind}.report", f"imports.{kind}.sheet", f"imports.{kind}.columns"):
        st.session_state.pop(key, None)
    st.session_state[f"imports.{kind}.round"] = st.session_state.get(f"imports.{kind}.round", 0) + 1
    st.rerun()


# --- The RPPS check ---------------------------------------------------------------------------------------------


def _run_check(uploaded) -> None:
    """The uploaded extract written to a temporary file (DuckDB streams it from there), then checked."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(uploaded.name).name
        with path.open("wb") as out:
            for chunk in iter(lambda: uploaded.read(1 << 24), b""):
                out.write(chunk)
        with st.spinner(t("annuaire.checking")):
            done = attempt(annuaire.check, path)
    if done is not REFUSED:
        flash(t("annuaire.done", lines=fmt_int(done.lines), adeli=fmt_int(done.adeli_lines),
                checked=fmt_int(done.checked), found=fmt_int(done.found), missing=fmt_int(done.not_found),
                review=fmt_int(done.to_review)))
        st.rerun()


def annuaire_view() -> None:
    """The founders' upload of the extract, and the disagreements a mentor updates or dismisses."""
    if may_write("team"):
        st.caption(t("annuaire.caption"))
        uploaded = st.file_uploader(t("annuaire.file"), type=["txt", "csv", "zip"], key="annuaire.file")
        if uploaded is not None and st.button(t("annuaire.run"), key="annuaire.run", icon=":material/verified:"):
            _run_check(uploaded)
    review = read(annuaire.to_review)
    st.subheader(t("annuaire.review", n=len(review)))
    if review.empty:
        st.info(t("annuaire.review_empty"), icon=":material/verified:")
        return
    shown = labelled(review, profession=vocab.PROFESSIONS, specialty=vocab.SPECIALTIES).assign(
        professions=review.professions.map({codes: codes_label(codes, vocab.PROFESSIONS)
                                            for codes in review.professions.dropna().unique()}),
        why=_why(review))
    event = table(shown, columns={
        "caregiver": t("col.caregiver"), "why": t("annuaire.why"), "profession": t("annuaire.ours_profession"),
        "specialty": t("annuaire.ours_specialty"), "professions": t("annuaire.their_professions"),
        "specialties": t("annuaire.their_specialties"), "modes": t("annuaire.modes"), "rpps": t("field.rpps"),
        "mentor": t("col.mentor"), "checked_on": t("annuaire.checked_on")}, key="annuaire.review", select=True,
        checked_on=st.column_config.DateColumn(t("annuaire.checked_on"), format="DD/MM/YYYY"))
    picked = event.selection.rows if event else []
    if not picked:
        st.caption(t("annuaire.pick"))
        return
    row = review.iloc[picked[0]].to_dict()
    changes = annuaire.proposed_changes(row)
    if changes and may_write("caregivers"):
        terms = {"profession": vocab.PROFESSIONS, "specialty": vocab.SPECIALTIES}
        said = ", ".join(f"{t('col.' + name)} → {terms[name].label(code, lang()) if code else '–'}"
                         for name, code in changes.items())
        st.markdown(plain(t("annuaire.proposal", name=row["caregiver"], changes=said)))
        act(t("annuaire.accept"), annuaire.decide, int(row["caregiver_id"]), True, key="annuaire.accept",
            icon=":material/done:", done=t("annuaire.accepted", name=row["caregiver"]))
    if may_write("caregivers"):
        act(t("annuaire.dismiss"), annuaire.decide, int(row["caregiver_id"]), False, key="annuaire.dismiss",
            icon=":material/close:", done=t("annuaire.dismissed", name=row["caregiver"]))


def _why(review: pd.DataFrame) -> pd.Series:
    """Why a check waits for a mentor, in a word: RPPS unknown, profession differs, specialty differs."""
    why = pd.Series(t("annuaire.why_specialty"), index=review.index)
    why = why.mask(review.profession_agrees.eq(False), t("annuaire.why_profession"))
    return why.mask(~review.found.astype(bool), t("annuaire.why_unknown"))

