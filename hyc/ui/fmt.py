"""Values written the way the reader's language writes them: numbers, euros, days, dates and times, in text, in
tables (the grid's formats) and in files; phones, labels of codes, the audit log's changes, and stored text made
inert for markdown.

Every function takes the language from the session (hyc.ui.lang.lang()) unless it is given one (a download is
made outside the session; unit tests name it). French: "1 982", "690 €", "6,9 j", "12 %"; English: "1,982",
"€690", "6.9 d", "12%". Dates are dd/mm/yyyy and times 24-hour hh:mm in both languages (README, "Languages and
formats"); stored times are UTC and shown in Paris time.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pandas as pd

from hyc import i18n, models, validation, vocab
from hyc.ui.lang import lang, t

NBSP = "\u202f"  # French thousands separator (narrow no-break space), also before "€", "%" and "j"


def _language(language: str | None) -> str:
    return language or lang()


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _grouped(text: str, language: str) -> str:
    """Python's "1,982.5" written the language's way: "1 982,5" in French."""
    if language == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def fmt_int(n: float | int | None, language: str | None = None) -> str:
    """A whole number: "1 982" in French, "1,982" in English; none is a dash."""
    if _missing(n):
        return "–"
    return i18n.figure_text(round(n), _language(language))


def fmt_number(x: float | None, digits: int = 1, language: str | None = None) -> str:
    """A number with `digits` decimals: "2,5" in French, "2.5" in English."""
    return "–" if _missing(x) else _grouped(f"{x:,.{digits}f}", _language(language))


def counted(names, counts) -> list[str]:
    """Each name with its count, as a chart's categories say it: 'Médecin (15 164)'."""
    return [f"{name} ({fmt_int(n)})" for name, n in zip(names, counts, strict=True)]


def fmt_eur(amount: float | None, language: str | None = None) -> str:
    """Whole euros: "690 €" in French, "€690" in English."""
    if _missing(amount):
        return "–"
    return i18n.figure_text(round(amount), _language(language), euros=True)


def fmt_pct(share: float | None, language: str | None = None) -> str:
    """A share (0 to 1) as a whole percentage: "12 %" in French, "12%" in English."""
    if _missing(share):
        return "–"
    return f"{share * 100:.0f}%" if _language(language) == "en" else f"{share * 100:.0f}{NBSP}%"


def fmt_date(value: date | datetime | None, language: str | None = None) -> str:
    """dd/mm/yyyy in both languages; stored times are UTC and shown in Paris time."""
    if _missing(value):
        return ""
    if isinstance(value, datetime):
        value = models.to_paris(value)
    return value.strftime("%d/%m/%Y")


def fmt_time(value: datetime | None, language: str | None = None) -> str:
    """hh:mm (24-hour) in Paris of a stored (UTC) time."""
    return "" if _missing(value) else models.to_paris(value).strftime("%H:%M")


def fmt_datetime(value: datetime | None, language: str | None = None) -> str:
    """dd/mm/yyyy hh:mm in Paris of a stored (UTC) time."""
    return "" if _missing(value) else models.to_paris(value).strftime("%d/%m/%Y %H:%M")


DAY_UNIT = {"fr": "j", "en": "d"}


def fmt_days(days: float | None, language: str | None = None) -> str:
    """A duration in days, to a tenth: "6,9 j" in French, "6.9 d" in English."""
    if _missing(days):
        return "–"
    language = _language(language)
    return f"{fmt_number(days, 1, language)}{NBSP}{DAY_UNIT.get(language, 'j')}"


def trend_delta(current, previous, *, kind: str = "count", language: str | None = None) -> str | None:
    """The change against the previous period, written the way the figure is read."""
    if _missing(current) or _missing(previous):
        return None
    language = _language(language)
    diff = current - previous
    if kind == "share":
        return f"{diff * 100:+.0f} pts"
    if kind == "days":
        return f"{_grouped(f'{diff:+,.1f}', language)} {DAY_UNIT.get(language, 'j')}"
    return _grouped(f"{diff:+,.0f}", language)


# --- Table grid formats --------------------------------------------------------------------------------------------
# st.dataframe draws its cells in the browser: its named formats ("euro", "localized") follow the browser's locale,
# so a French interface in an English browser wrote "€690" and "1,500". Its printf formats (sprintf-js, as
# Streamlit 1.67 ships it) write the same in every browser: "%,d" groups thousands with a comma, and a pad
# character given as "'c" before the comma ("%'c,d") groups them with c instead. The cell keeps its number, so the
# column still sorts as numbers. printf cannot write a decimal comma: the grid shows whole numbers.
GRID_FORMATS = {
    "fr": {"count": f"%'{NBSP},.0f", "euro": f"%'{NBSP},.0f{NBSP}€", "days": f"%'{NBSP},.0f{NBSP}j"},
    "en": {"count": "%,.0f", "euro": "€%,.0f", "days": "%,.0f d"},
}


def grid_format(kind: str, language: str | None = None) -> str:
    """The printf format of a table's number column ("count", "euro" or "days") in the reader's language."""
    return GRID_FORMATS.get(_language(language), GRID_FORMATS["fr"])[kind]


def phone(e164: str | None) -> str:
    return validation.phone_display(e164)


def phones(column: pd.Series) -> pd.Series:
    """A column of stored numbers, each as `phone` writes it (one regex for the mainland ones)."""
    return validation.phones_display(column)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def given(value, render) -> str:
    """render(value), or a dash when there is no value (never "<NA>" or "None" in a sentence)."""
    return "–" if validation.blank(value) else render(value)


def plain(text) -> str:
    """Stored text made inert for st.markdown: every markdown or HTML character is escaped; no value is a dash."""
    if validation.blank(text):
        return "–"
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


class Markdown(str):
    """Text already made safe for st.markdown (a link built here): shown as it is, not escaped again."""


# A web address as people type it: a scheme or not, a host with a dot, a path without spaces or angle brackets.
_WEB_ADDRESS = re.compile(r"(https?://)?[\w-]+(\.[\w-]+)+(:\d+)?([/?#][^\s<>]*)?", re.IGNORECASE)


def web_link(address) -> str:
    """A website as a link showing its address as typed (escaped, a markdown autolink would show the escapes);
    text that is no web address stays inert text."""
    typed = "" if validation.blank(address) else str(address).strip()
    if not _WEB_ADDRESS.fullmatch(typed):
        return plain(address)
    target = typed if re.match(r"https?://", typed, re.IGNORECASE) else f"https://{typed}"
    return Markdown(f"[{plain(typed)}](<{target}>)")


def codes_label(codes: str | None, terms, language: str | None = None) -> str:
    """'conseil,atelier' → 'Mission de conseil, Atelier / brainstorming'; none given (None, NaN, "") → "–"."""
    if not isinstance(codes, str) or not codes:
        return "–"
    language = _language(language)
    return ", ".join(terms.label(c, language) for c in codes.split(","))


def yes_no(value, language: str | None = None) -> str:
    """Yes or no; a value nobody gave (None, NA) is said as unknown, not as "no"."""
    language = _language(language)
    if _missing(value):
        return i18n.t("common.unknown", language)
    return i18n.t("common.yes" if bool(value) else "common.no", language)


def supply_label(df: pd.DataFrame) -> list[str]:
    """'Médecin – Cardiologie', or the profession alone when no specialty is asked."""
    return [
        vocab.PROFESSIONS.label(p, lang()) + (f" – {vocab.SPECIALTIES.label(s, lang())}" if isinstance(s, str) else "")
        for p, s in zip(df.profession, df.specialty, strict=True)
    ]


def labelled(df: pd.DataFrame, language: str | None = None, **vocabs) -> pd.DataFrame:
    """A copy with each named code column replaced by its labels in the reader's language (or `language`: a
    download is made outside the session), one lookup per column, not per row; an empty code shows empty."""
    out = df.copy()
    language = _language(language)
    for column, terms in vocabs.items():
        out[column] = out[column].map(terms.labels(language)).fillna(out[column]).where(out[column].notna(), "")
    return out


def text_changes(changes) -> pd.DataFrame:
    """Free texts an erasure changes (hyc.privacy.TextChange), as a table: which record, which field, what."""
    return pd.DataFrame({
        "record": [f"{t(f'entity.{c.table}')} n° {c.row_id}" for c in changes],
        "field": [i18n.field_label(c.column, lang()) for c in changes],
        "found": [", ".join(c.found) for c in changes],
    })


# --- The audit log's changes ----------------------------------------------------------------------------------------
_EUROS = {"expected_day_rate", "budget_day_rate", "agreed_day_rate"}
# Fields the forms do not name (hyc.i18n.FIELD_LABELS), with the key that does.
_AUDIT_FIELDS = {
    "exit_reason": "col.exit_reason", "step": "col.step", "stage": "col.stage", "departement": "col.departement",
    "archived": "audit.field.archived", "next_action_done": "audit.field.next_action_done",
    "lang": "audit.field.lang", "full_name": "audit.field.full_name", "active": "audit.field.active",
    "organisation_id": "col.organisation", "contact_id": "col.contact", "caregiver_id": "col.caregiver",
    "request_id": "col.request", "next_action_owner_id": "col.owner", "occurred_at": "col.date",
    "table": "entity.table", "rows": "audit.field.rows", "format": "audit.field.format", "sql": "audit.field.sql",
    "file": "audit.field.file", "texts": "audit.field.texts", "refused": "audit.field.refused",
    "failed": "audit.field.failed", "seconds": "audit.field.seconds",
    "first_id": "merge.col_first", "second_id": "merge.col_second",
}
# Fields holding a team member's id, shown by name.
_MEMBER_FIELDS = {"mentor_id", "owner_id", "member_id", "next_action_owner_id", "author_id"}
# Fields the log leaves out: the record's own number is in its column; a secret never shows.
_AUDIT_HIDDEN = {"id", "row_version", "password_hash"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def audit_field(name: str, language: str | None = None) -> str:
    """A stored field's name as people read it in the audit log."""
    language = _language(language)
    if name in _AUDIT_FIELDS:
        return i18n.t(_AUDIT_FIELDS[name], language)
    if name in i18n.FIELD_LABELS:
        return i18n.field_label(name, language)
    if f"entity.{name}" in i18n.CATALOG:  # a count per table (demo data, imports)
        return i18n.t(f"entity.{name}", language)
    return name


def _coded(entity: str, name: str, value: str, language: str) -> str | None:
    """The label of a stored code (or codes), None when the field holds no code."""
    terms = vocab.COLUMN_CODES.get(entity, {}).get(name)  # a stored field of the entity's table (hyc.vocab)
    if name == "reason" and f"action.{value}" in i18n.CATALOG:  # an erasure or an objection
        return i18n.t(f"action.{value}", language)
    if terms is not None:
        return terms.label(value, language)
    if name in vocab.COLUMN_CODE_LISTS.get(entity, {}):
        return codes_label(value, vocab.COLUMN_CODE_LISTS[entity][name], language)
    if name == "lang" and value in i18n.LANGUAGES:
        return i18n.LANGUAGES[value]
    if _ISO_TIME.fullmatch(value):
        return fmt_datetime(datetime.fromisoformat(value), language)
    if _ISO_DATE.fullmatch(value):
        return fmt_date(date.fromisoformat(value), language)
    return None


def audit_value(entity: str, name: str, value, language: str | None = None,
                names: dict[int, str] | None = None) -> str:
    """A stored value as people read it: a code as its label, a date dd/mm/yyyy, a stored (UTC) time in Paris, a
    yes or no, an amount in euros, a team member by name (`names`), no value as a dash."""
    language = _language(language)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return yes_no(value, language)
    if isinstance(value, str):
        coded = _coded(entity, name, value, language)
        return value if coded is None else coded
    if name.endswith("_id") and isinstance(value, int):
        return (names or {}).get(value) if name in _MEMBER_FIELDS and value in (names or {}) else f"n° {value}"
    if isinstance(value, int | float):
        if name in _EUROS:
            return fmt_eur(value, language)
        return fmt_int(value, language) if float(value).is_integer() else fmt_number(value, 2, language)
    if isinstance(value, list):
        return ", ".join(audit_value(entity, name, v, language, names) for v in value)
    return json.dumps(value, ensure_ascii=False)


def audit_changes(entity: str, stored: str | None, language: str | None = None,
                  names: dict[int, str] | None = None) -> str:
    """An audit event's stored before or after (JSON of field → value) as one readable line: "Étape : Contactée ;
    Motif de sortie : –" in French, "Stage: Contacted; Exit reason: –" in English; nothing stored is empty."""
    if _missing(stored) or stored == "":
        return ""
    language = _language(language)
    try:
        fields = json.loads(stored)
    except ValueError:
        return str(stored)
    if not isinstance(fields, dict):
        return audit_value(entity, "", fields, language, names)
    colon, joint = (": ", "; ") if language == "en" else (" : ", " ; ")
    return joint.join(f"{audit_field(name, language)}{colon}{audit_value(entity, name, value, language, names)}"
                      for name, value in fields.items() if name not in _AUDIT_HIDDEN)
