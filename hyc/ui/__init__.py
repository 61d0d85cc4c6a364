"""The only hyc module that imports Streamlit: the engine, language, cached readers, formatting and shared widgets."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine

from hyc import audit, config, db, i18n, models, privacy, reads, validation, vocab
from hyc.models import PARIS

NBSP = "\u202f"  # French thousands separator (narrow no-break space)


# --- Store -----------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = db.open_store(url)
    privacy.finish_rewrite(engine)  # an erasure whose rewrite was cut short (the machine stopped) ends now
    return engine


def engine() -> Engine:
    """The process's one engine for the configured store; stops the page with a clear message if it cannot open."""
    try:
        return _engine(config.load().db_url)
    except db.StoreError as exc:
        st.error(t("app.store_error", reason=str(exc)))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=512)
def _read(_reader: Callable, name: str, version: int, url: str, args: tuple):
    # Keyed on the reader's qualified name (Streamlit does not hash an argument whose name starts with "_").
    return _reader(_engine(url), *args)


def read(reader: Callable, *args):
    """reader(engine, *args) — a function of hyc.reads (or hyc.search, hyc.privacy) — cached until the next write
    (every write raises the data version)."""
    eng = engine()
    name = f"{reader.__module__}.{reader.__qualname__}"
    return _read(reader, name, db.data_version(eng), config.load().db_url, args)


# --- Language --------------------------------------------------------------------------------------


def lang() -> str:
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state["lang"] = asked if asked in i18n.LANGUAGES else config.load().lang
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def language_switch() -> None:
    """Sidebar choice of language, remembered in the session and in the URL."""
    current = lang()
    choice = st.sidebar.segmented_control(
        t("app.language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, default=current,
        key="lang_choice",
    )
    if choice and choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()


# The pages, in menu order: file name under pages/ (also the page's URL), title key, icon, roles that use it.
EVERYONE = ("fondateur", "mentor", "lecteur")
WRITERS = ("fondateur", "mentor")
FOUNDERS = ("fondateur",)
PAGES = (
    ("overview", "nav.overview", ":material/monitoring:", EVERYONE),
    ("mentoring", "nav.mentoring", ":material/school:", EVERYONE),
    ("call_log", "nav.call_log", ":material/call:", WRITERS),
    ("talent_pool", "nav.talent_pool", ":material/groups:", EVERYONE),
    ("requests", "nav.requests", ":material/work:", EVERYONE),
    ("matches", "nav.matches", ":material/handshake:", EVERYONE),
    ("rates", "nav.rates", ":material/euro:", EVERYONE),
    ("privacy", "nav.privacy", ":material/shield_person:", FOUNDERS),
    ("audit_log", "nav.audit_log", ":material/history:", FOUNDERS),
    ("team", "nav.team", ":material/badge:", FOUNDERS),
)


def pages_for(role: str | None) -> list[tuple[str, str, str]]:
    """The pages a role uses, in menu order; a mentor starts from their caregivers (the Mentoring page)."""
    chosen = [(name, title, icon) for name, title, icon, roles in PAGES if role is None or role in roles]
    if role == "mentor":
        chosen.sort(key=lambda page: page[0] != "mentoring")
    return chosen


# Streamlit tags a select that cannot be emptied with an English "(required)": our labels already end with "*"
# where a value is needed, and a select that holds a stored value is made un-emptiable without being "required".
STYLE = "<style>[data-testid='stWidgetLabelRequired'] { display: none; }</style>"


def configure() -> None:
    st.set_page_config(page_title="Hack Your Care", page_icon=":material/stethoscope:", layout="wide")


def page_setup(name: str) -> None:
    """First call of every page: the sign-in gate and the role check, then the sidebar.

    Streamlit may run a page file without app.py (DESIGN.md §5), so each page checks the session itself
    and draws the sidebar menu (Streamlit's own menu is off: it would list raw file names then)."""
    configure()
    st.html(STYLE)
    lang()
    member = auth.signed_in()
    if member is None:
        auth.sign_in_page()
        st.stop()
    first = pages_for(member.role)[0][0]
    if st.session_state.pop(auth.LANDING, False) and name == "overview" and first != name:
        st.switch_page(f"pages/{first}.py")  # signed in from the home page: start from the role's own page
    with st.sidebar:
        st.markdown(f"### :material/stethoscope: {t('app.title')}")
        st.caption(t("app.tagline"))
        for page, title, icon in pages_for(member.role):
            st.page_link(f"pages/{page}.py", label=t(title), icon=icon)
        st.divider()
        auth.signed_in_box(member)
    language_switch()
    _show_flash()
    roles = next(roles for page, _, _, roles in PAGES if page == name)
    if member.role not in roles:
        allowed = ", ".join(vocab.ROLES.label(role, lang()) for role in roles)
        st.error(t("auth.forbidden", role=vocab.ROLES.label(member.role, lang()), allowed=allowed),
                 icon=":material/lock:")
        st.page_link(f"pages/{first}.py", label=t("auth.forbidden_go", page=t(pages_for(member.role)[0][1])),
                     icon=":material/arrow_forward:")
        st.stop()


def flash(message: str) -> None:
    """A confirmation to show once the page is drawn again (after st.rerun)."""
    st.session_state["flash"] = message


def _show_flash() -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.toast(plain(message), icon=":material/check_circle:")


def actor() -> audit.Actor | None:
    """The signed-in team member acting in this session."""
    return auth.current()


def may_write(area: str) -> bool:
    """Whether the acting member's role may change this area (forms are only drawn when it may)."""
    member = actor()
    return member is not None and area in audit.ROLE_AREAS.get(member.role, frozenset())


# --- Formatting (French conventions) ---------------------------------------------------------------


def fmt_int(n: float | int | None) -> str:
    if n is None or pd.isna(n):
        return "–"
    return f"{int(round(n)):,}".replace(",", NBSP)


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


def today() -> date:
    """Today in Paris; a session may pin another day (tests and demos looking at a fixed history)."""
    return st.session_state.get("today") or datetime.now(PARIS).date()


# --- Shared widgets --------------------------------------------------------------------------------


def chart(fig: go.Figure | None, empty_message: str) -> None:
    """A chart, or a sentence saying why there is none."""
    if fig is None:
        st.info(empty_message)
    else:
        st.plotly_chart(fig, width="stretch", config={"displaylogo": False})


def labelled(df: pd.DataFrame, **vocabs) -> pd.DataFrame:
    """A copy with each named code column replaced by its labels in the reader's language."""
    out = df.copy()
    for column, terms in vocabs.items():
        out[column] = out[column].map(
            lambda code, terms=terms: terms.label(code, lang()) if isinstance(code, str) and code else "")
    return out


def table(df: pd.DataFrame, *, columns: dict[str, str], key: str | None = None, select: bool = False,
          height: int | str = "auto", **column_config):
    """A read-only table showing `columns` (name → header); with `select`, one row can be picked."""
    config = {name: st.column_config.Column(header) for name, header in columns.items()}
    config.update(column_config)
    return st.dataframe(
        in_paris_time(df), column_order=list(columns), column_config=config, hide_index=True, key=key,
        height=height, on_select="rerun" if select else "ignore", selection_mode="single-row", placeholder="–",
    )


def in_paris_time(df: pd.DataFrame) -> pd.DataFrame:
    """Stored times are naive UTC: shown in Paris time. (Dates stored at midnight keep their day: Paris is ahead.)"""
    naive = [c for c in df.columns if pd.api.types.is_datetime64_dtype(df[c]) and df[c].dt.tz is None]
    if not naive:
        return df
    out = df.copy()
    for column in naive:
        out[column] = out[column].dt.tz_localize("UTC").dt.tz_convert(PARIS)
    return out


def selected_row(event, df: pd.DataFrame) -> pd.Series | None:
    rows = event.selection.rows if event is not None else []
    return df.iloc[rows[0]] if rows and rows[0] < len(df) else None


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


# --- Filters that remember themselves and show in the URL ------------------------------------------
# A filter's value lives in session state under "filter.<name>" (Streamlit forgets the state of widgets a
# page does not draw, so the widget is seeded from it on every run) and in the URL as ?<name>=…, so that
# a view can be shared and survives a move to another page.


def _remember(name: str) -> None:
    st.session_state[f"filter.{name}"] = st.session_state[f"filter_widget.{name}"]


def _show_in_url(name: str, value) -> None:
    if value in (None, "", [], (), 0):
        if name in st.query_params:
            del st.query_params[name]
    else:
        st.query_params[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)


def _initial(name: str, parse, default):
    state = f"filter.{name}"
    if state not in st.session_state:
        try:
            st.session_state[state] = parse(st.query_params.get_all(name)) if name in st.query_params else default
        except ValueError:
            st.session_state[state] = default
    return st.session_state[state]


def multi_filter(name: str, label: str, options: list, format_func=str, container=None) -> tuple:
    """A multiselect whose choice is remembered across pages and written in the URL."""
    by_text = {str(o): o for o in options}
    chosen = _initial(name, lambda values: [by_text[v] for v in values if v in by_text], [])
    st.session_state[f"filter_widget.{name}"] = [v for v in chosen if v in options]
    (container or st.sidebar).multiselect(label, options, format_func=format_func, key=f"filter_widget.{name}",
                                          on_change=_remember, args=(name,), placeholder=t("filter.all"))
    value = st.session_state[f"filter_widget.{name}"]
    st.session_state[f"filter.{name}"] = value
    _show_in_url(name, value)
    return tuple(value)


def text_filter(name: str, label: str, container=None, help: str | None = None) -> str:
    value = _initial(name, lambda values: values[0], "")
    st.session_state[f"filter_widget.{name}"] = value
    (container or st.sidebar).text_input(label, key=f"filter_widget.{name}", on_change=_remember, args=(name,),
                                         help=help)
    value = st.session_state[f"filter_widget.{name}"]
    st.session_state[f"filter.{name}"] = value
    _show_in_url(name, value.strip())
    return value


def number_filter(name: str, label: str, options: list[int], format_func=str, container=None) -> int:
    value = _initial(name, lambda values: int(values[0]), options[0])
    st.session_state[f"filter_widget.{name}"] = value if value in options else options[0]
    (container or st.sidebar).selectbox(label, options, format_func=format_func, key=f"filter_widget.{name}",
                                        on_change=_remember, args=(name,))
    value = st.session_state[f"filter_widget.{name}"]
    st.session_state[f"filter.{name}"] = value
    _show_in_url(name, value)
    return value


def vocab_filter(name: str, label: str, terms, container=None) -> tuple:
    """A multi_filter over the codes of a vocabulary, shown by their labels."""
    return multi_filter(name, label, terms.codes, lambda code: terms.label(code, lang()), container)


def team_filter(name: str, label: str, roles: tuple[str, ...] = ("fondateur", "mentor"), container=None) -> tuple:
    members = read(reads.admin.team)
    members = members[members.role.isin(roles)]
    names = dict(zip(members.id.astype(int), members.full_name, strict=True))
    return multi_filter(name, label, list(names), names.get, container)


def record_id(name: str) -> int | None:
    """The id of the record named in the URL (?caregiver=12), if any."""
    try:
        return int(st.query_params[name]) if name in st.query_params else None
    except ValueError:
        return None


def open_record(name: str, record: int | None) -> None:
    if record is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = str(record)


def fmt_days(days: float | None) -> str:
    return "–" if days is None or pd.isna(days) else f"{days:.1f}{NBSP}j".replace(".", ",")


def date_column(header: str):
    return st.column_config.DateColumn(header, format="DD/MM/YYYY")


def datetime_column(header: str):
    return st.column_config.DatetimeColumn(header, format="DD/MM/YYYY HH:mm")


def euro_column(header: str):
    return st.column_config.NumberColumn(header, format="%d €")


def link_column(header: str):
    return st.column_config.LinkColumn(header, display_text=t("col.open_text"))


def record_links(page: str, name: str, ids) -> list[str]:
    """Links that open a record on its page, keeping the language."""
    return [f"/{page}?{name}={int(i)}&lang={lang()}" for i in ids]


def action_links(actions: pd.DataFrame) -> list[str]:
    """Each next action links to the caregiver it concerns, or else to the organisation."""
    out = []
    for row in actions.itertuples():
        if pd.notna(row.caregiver_id):
            out.append(record_links("talent_pool", "caregiver", [row.caregiver_id])[0])
        elif pd.notna(row.organisation_id):
            out.append(record_links("requests", "organisation", [row.organisation_id])[0])
        else:
            out.append(None)
    return out


def supply_label(df: pd.DataFrame) -> list[str]:
    """'Médecin – Cardiologie', or the profession alone when no specialty is asked."""
    return [
        vocab.PROFESSIONS.label(p, lang()) + (f" – {vocab.SPECIALTIES.label(s, lang())}" if isinstance(s, str) else "")
        for p, s in zip(df.profession, df.specialty, strict=True)
    ]


def phone(e164: str | None) -> str:
    return validation.phone_display(e164)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text) -> str:
    """Stored text made inert for st.markdown: every markdown or HTML character is escaped."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return "–"
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def facts(pairs: list[tuple[str, object]]) -> None:
    """Label and value lines, values shown as plain text."""
    st.markdown("  \n".join(f"**{label}** : {plain(value)}" for label, value in pairs))


def text_changes(changes) -> pd.DataFrame:
    """Free texts an erasure changes (hyc.privacy.TextChange), as a table: which record, which field, what."""
    return pd.DataFrame({
        "record": [f"{t(f'entity.{c.table}')} n° {c.row_id}" for c in changes],
        "field": [i18n.field_label(c.column, lang()) for c in changes],
        "found": [", ".join(c.found) for c in changes],
    })


def codes_label(codes: str | None, terms) -> str:
    """'conseil,atelier' → 'Mission de conseil, Atelier / brainstorming'."""
    if not codes:
        return "–"
    return ", ".join(terms.label(c, lang()) for c in codes.split(","))


def yes_no(value) -> str:
    return t("common.yes") if bool(value) else t("common.no")


def toggle_filter(name: str, label: str, default: bool, container=None) -> bool:
    """An on/off filter; the URL carries it only when it differs from the default (?open=0)."""
    value = _initial(name, lambda values: values[0] == "1", default)
    st.session_state[f"filter_widget.{name}"] = value
    (container or st.sidebar).toggle(label, key=f"filter_widget.{name}", on_change=_remember, args=(name,))
    value = st.session_state[f"filter_widget.{name}"]
    st.session_state[f"filter.{name}"] = value
    if value == default:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = "1" if value else "0"
    return value


def choice_filter(name: str, label: str, options: list[str], format_func=str, container=None) -> str:
    """One choice among a few, as a row of buttons; remembered and written in the URL."""
    value = _initial(name, lambda values: values[0] if values[0] in options else options[0], options[0])
    st.session_state[f"filter_widget.{name}"] = value if value in options else options[0]
    (container or st).segmented_control(label, options, format_func=format_func, key=f"filter_widget.{name}",
                                        on_change=_remember, args=(name,))
    # A segmented control can be switched off: fall back to the first option rather than to nothing.
    value = st.session_state[f"filter_widget.{name}"] or options[0]
    st.session_state[f"filter.{name}"] = value
    _show_in_url(name, None if value == options[0] else value)
    return value


from hyc.ui import auth  # noqa: E402  (auth draws with the helpers above)
