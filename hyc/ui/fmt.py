"""Values written the French way (or the reader's language): numbers, euros, dates, days, phones, labels of
codes, and stored text made inert for markdown."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from hyc import i18n, models, validation, vocab
from hyc.ui.lang import lang, t

NBSP = "\u202f"  # French thousands separator (narrow no-break space)


def fmt_int(n: float | int | None) -> str:
    if n is None or pd.isna(n):
        return "–"
    return f"{int(round(n)):,}".replace(",", NBSP)


def counted(names, counts) -> list[str]:
    """Each name with its count, as a chart's categories say it: 'Médecin (15 164)'."""
    return [f"{name} ({fmt_int(n)})" for name, n in zip(names, counts, strict=True)]


def fmt_eur(amount: float | None) -> str:
    return "–" if amount is None or pd.isna(amount) else f"{fmt_int(amount)}{NBSP}€"


def fmt_pct(share: float | None) -> str:
    return "–" if share is None or pd.isna(share) else f"{share * 100:.0f}{NBSP}%"


def fmt_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy; stored times are UTC and shown in Paris time."""
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, datetime):
        value = models.to_paris(value)
    return value.strftime("%d/%m/%Y")


def fmt_time(value: datetime | None) -> str:
    """hh:mm in Paris of a stored (UTC) time."""
    return "" if value is None or pd.isna(value) else models.to_paris(value).strftime("%H:%M")


def fmt_days(days: float | None) -> str:
    return "–" if days is None or pd.isna(days) else f"{days:.1f}{NBSP}j".replace(".", ",")


def trend_delta(current, previous, *, kind: str = "count") -> str | None:
    """The change against the previous period, written the way the figure is read."""
    if current is None or previous is None or pd.isna(current) or pd.isna(previous):
        return None
    diff = current - previous
    if kind == "share":
        return f"{diff * 100:+.0f} pts"
    if kind == "days":
        return f"{diff:+.1f} j".replace(".", ",")
    return f"{diff:+,.0f}".replace(",", NBSP)


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
    language = language or lang()
    return ", ".join(terms.label(c, language) for c in codes.split(","))


def yes_no(value) -> str:
    return t("common.yes") if bool(value) else t("common.no")


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
    language = language or lang()
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
