"""Tables as files: CSV the way the reader's Excel opens it (UTF-8 with BOM; in French semicolons and a decimal
comma, in English commas and a decimal point; dd/mm/yyyy in both) and Excel (.xlsx), with every cell that a
spreadsheet could run as a formula neutralised, and each download recorded as an audit event with its row count.

A cell is neutralised when its text starts with "=", "+", "-", "@", a tab or a carriage return (OWASP, CSV
injection): it is written with a leading apostrophe, so that Excel and LibreOffice show it as text and never
evaluate it, whatever the reader does with the file afterwards.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import xlsxwriter
from sqlalchemy import Engine

from hyc import audit
from hyc.audit import Actor

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if df[c].dtype == object or isinstance(df[c].dtype, pd.StringDtype)]


def neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """A copy in which no text cell starts like a formula; numbers, dates and other cells are left as they are."""
    out = df.copy()
    for column in _text_columns(out):
        values = out[column]
        risky = values.astype("string").str.startswith(FORMULA_START).fillna(False).astype(bool)
        if risky.any():  # a number in a text column (-5) stays a number: only text is neutralised
            risky[risky] = values[risky].map(lambda v: isinstance(v, str))
            out[column] = values.astype(object).where(~risky, "'" + values.where(risky, "").astype(str))
    return out


def _is_dates(values: pd.Series) -> bool:
    """A column of days, not of times: stored dates read as midnight UTC (then shown in Paris time, 01:00 or
    02:00, which a file must not write as a time), or Python dates."""
    known = values.dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        if getattr(values.dt, "tz", None) is not None:
            known = known.dt.tz_convert("UTC")
        return bool(len(known)) and bool((known == known.dt.normalize()).all())
    return bool(len(known)) and all(isinstance(v, date) and not isinstance(v, datetime) for v in known)


def _plain_times(df: pd.DataFrame, *, as_text: bool) -> pd.DataFrame:
    """Times in Paris without a zone (Excel has none), or as dd/mm/yyyy text (with the hour when there is one);
    dates as days, without an hour."""
    out = df.copy()
    for column in out.columns:
        values = out[column]
        timed = pd.api.types.is_datetime64_any_dtype(values)
        if not timed and not (values.dtype == object and _is_dates(values)):
            continue
        if _is_dates(values):  # the stored day itself, never shifted to Paris
            if timed and getattr(values.dt, "tz", None) is not None:
                values = values.dt.tz_convert("UTC").dt.tz_localize(None)
            values = pd.to_datetime(values).dt.normalize()
            out[column] = values.dt.strftime("%d/%m/%Y") if as_text else values
            continue
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_convert("Europe/Paris").dt.tz_localize(None)
        if as_text:
            with_hour = bool((values.dropna() != values.dropna().dt.normalize()).any())
            values = values.dt.strftime("%d/%m/%Y %H:%M" if with_hour else "%d/%m/%Y")
        out[column] = values
    return out


# How a spreadsheet of the reader's language reads a CSV: French Excel wants semicolons and a decimal comma.
CSV_STYLE = {"fr": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}


def csv_bytes(df: pd.DataFrame, lang: str = "fr") -> bytes:
    """UTF-8 with a byte-order mark, in the reader's language's style (French: semicolons and decimal commas), so
    that their Excel opens it with accents and columns right. Dates dd/mm/yyyy in both."""
    shown = neutralised(_plain_times(df, as_text=True))
    return shown.to_csv(index=False, lineterminator="\r\n", **CSV_STYLE.get(lang, CSV_STYLE["fr"])).encode(
        "utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "Export") -> bytes:
    """One sheet; text stays text (neutralised, and never read as a formula, a link or a number), numbers numbers
    and dates dates. Written a column at a time by xlsxwriter: through pandas' cell objects and openpyxl, the
    whole talent pool at scale 50 (75,000 rows) took 20 s, this way 6 s."""
    shown = neutralised(_plain_times(df, as_text=False))
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False, "default_date_format": "dd/mm/yyyy"}) as book:
        page = book.add_worksheet(sheet[:31])
        page.write_row(0, 0, [str(name) for name in shown.columns])
        with_hour = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        for number, name in enumerate(shown.columns):
            values = shown[name]
            timed = pd.api.types.is_datetime64_any_dtype(values) and bool(
                (values.dropna() != values.dropna().dt.normalize()).any())
            page.write_column(1, number, values.astype(object).where(values.notna(), None).tolist(),
                              with_hour if timed else None)
    return buffer.getvalue()


def export(engine: Engine, actor: Actor, df: pd.DataFrame, fmt: str, what: str, lang: str = "fr") -> bytes:
    """The file of `df` in `fmt` ("csv" or "xlsx"; a CSV in `lang`'s style), recorded as a download of `what` (the
    page and table) with its row count. Anyone signed in may download what they may see."""
    data = csv_bytes(df, lang) if fmt == "csv" else xlsx_bytes(df)
    with audit.transaction(engine, actor, "exports") as session:
        audit.log(session, actor, "download", "table", None, None, {"table": what, "rows": len(df), "format": fmt})
    return data
