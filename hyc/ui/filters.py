"""Filters that remember themselves and show in the URL, and the sidebar components that return the filter
dataclasses of hyc.filters.

A filter's value lives in session state under "filter.<name>" (Streamlit forgets the state of widgets a page
does not draw, so the widget is seeded from it on every run) and in the URL as ?<name>=…, so that a view can be
shared and survives a move to another page. Every kind of filter goes through `_remembered`.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from hyc import reads, vocab
from hyc.filters import CaregiverFilter, RequestFilter
from hyc.ui.fmt import fmt_eur
from hyc.ui.lang import lang, t
from hyc.ui.search_box import REQUEST_TEXT
from hyc.ui.shell import active_filters, filters_area, note_active
from hyc.ui.store import read


def _remember(name: str) -> None:
    st.session_state[f"filter.{name}"] = st.session_state[f"filter_widget.{name}"]


def _show_in_url(name: str, value) -> None:
    if value in (None, "", [], (), 0):
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)


def _remembered(name: str, draw: Callable, *, default, parse: Callable, valid: Callable = lambda v: v,
                in_url: Callable = lambda v: v, said: Callable | None = None):
    """What every filter does: take its value from the session (or, the first time, from the URL, through
    `parse`), seed its widget with it (made `valid`), `draw` the widget, keep what the person chose for the
    other pages, and write it in the URL (as `in_url` says). A filter that narrows what is shown says how
    (`said(value)`) when it is not at its default, for the page's notice of active filters."""
    state, widget = f"filter.{name}", f"filter_widget.{name}"
    if state not in st.session_state:
        try:
            st.session_state[state] = parse(st.query_params.get_all(name)) if name in st.query_params else default
        except ValueError:
            st.session_state[state] = default
    st.session_state[widget] = valid(st.session_state[state])
    draw(key=widget, on_change=_remember, args=(name,))
    value = valid(st.session_state[widget])
    st.session_state[state] = value
    _show_in_url(name, in_url(value))
    if said is not None and value != valid(default):
        note_active(name, said(value))
    return value


def default_filter(name: str, value) -> None:
    """A filter's value for a session that has none yet, neither chosen nor in the URL (a mentor's own view)."""
    if f"filter.{name}" not in st.session_state and name not in st.query_params:
        st.session_state[f"filter.{name}"] = value


def scope_switch(name: str, mine, mine_label: str, team_label: str) -> None:
    """One click between "mine" (the filter `name` on `mine` alone) and the whole team (the filter cleared); it
    shows where the filter stands, whoever set it."""
    key = f"scope.{name}"
    st.session_state[key] = "mine" if st.session_state.get(f"filter.{name}") == [mine] else "team"

    def switched() -> None:
        st.session_state[f"filter.{name}"] = [mine] if st.session_state.get(key) == "mine" else []

    st.segmented_control(mine_label, ["mine", "team"], format_func={"mine": mine_label, "team": team_label}.get,
                         key=key, on_change=switched, label_visibility="collapsed")


def multi_filter(name: str, label: str, options: list, format_func=str, container=None) -> tuple:
    """A multiselect whose choice is remembered across pages and written in the URL."""
    by_text = {str(o): o for o in options}
    return tuple(_remembered(
        # No "Select all": Streamlit writes it in English, and in a filter "none picked" already means all.
        name, lambda **kw: (container or filters_area()).multiselect(label, options, format_func=format_func,
                                                                  placeholder=t("filter.all"), select_all=False,
                                                                  **kw),
        default=[], parse=lambda values: [by_text[v] for v in values if v in by_text],
        valid=lambda chosen: [v for v in chosen if v in options],
        said=lambda chosen: f"{label} : {', '.join(str(format_func(v)) for v in chosen)}"))


def text_filter(name: str, label: str, container=None, help: str | None = None) -> str:
    return _remembered(name, lambda **kw: (container or filters_area()).text_input(label, help=help, max_chars=100,
                                                                                   **kw),
                       default="", parse=lambda values: values[0][:100], in_url=str.strip,
                       said=lambda value: f"{label} : « {value.strip()} »")


def number_filter(name: str, label: str, options: list[int], format_func=str, container=None) -> int:
    return _remembered(name, lambda **kw: (container or filters_area()).selectbox(label, options,
                                                                                   format_func=format_func, **kw),
                       default=options[0], parse=lambda values: int(values[0]),
                       valid=lambda value: value if value in options else options[0],
                       said=lambda value: f"{label} : {format_func(value)}")


def toggle_filter(name: str, label: str, default: bool, container=None) -> bool:
    """An on/off filter; the URL carries it only when it differs from the default (?open=0)."""
    return _remembered(name, lambda **kw: (container or filters_area()).toggle(label, **kw), default=default,
                       parse=lambda values: values[0] == "1",
                       in_url=lambda value: None if value == default else ("1" if value else "0"),
                       said=lambda value: f"{label} : {t('common.yes') if value else t('common.no')}")


def choice_filter(name: str, label: str, options: list[str], format_func=str, container=None) -> str:
    """One choice among a few, as a row of buttons; remembered and written in the URL. A segmented control can be
    switched off: it then falls back to the first option rather than to nothing."""
    return _remembered(name, lambda **kw: (container or st).segmented_control(label, options, format_func=format_func,
                                                                               **kw),
                       default=options[0], parse=lambda values: values[0],
                       valid=lambda value: value if value in options else options[0],
                       in_url=lambda value: None if value == options[0] else value)


def vocab_filter(name: str, label: str, terms, container=None) -> tuple:
    """A multi_filter over the codes of a vocabulary, shown by their labels."""
    return multi_filter(name, label, terms.codes, terms.labels(lang()).get, container)


def team_filter(name: str, label: str, roles: tuple[str, ...] = ("fondateur", "mentor"), container=None) -> tuple:
    members = read(reads.admin.team)
    members = members[members.role.isin(roles)]
    names = dict(zip(members.id.astype(int), members.full_name, strict=True))
    return multi_filter(name, label, list(names), names.get, container)


# --- The sidebars of the pages --------------------------------------------------------------------------------
# Each filter of a sidebar draws itself and adds its criteria to `chosen`, the fields of the filter dataclass.


def _vocab_criteria(name: str, field: str, terms, label: str) -> Callable[[dict], None]:
    def draw(chosen: dict) -> None:
        chosen[field] = vocab_filter(name, t(label), terms)
    return draw


def _departements(chosen: dict) -> None:
    regions = chosen.get("regions", ())
    chosen["departements"] = multi_filter(
        "departement", t("filter.departement"),
        [d.code for d in vocab.DEPARTEMENTS if not regions or d.region in regions],
        lambda code: f"{code} – {vocab.DEPARTEMENTS_BY_CODE[code].name}")


def _availability(chosen: dict) -> None:
    chosen["min_availability"] = number_filter(
        "availability", t("filter.availability"), [0, 2, 4, 8],
        lambda n: t("filter.availability_any") if n == 0 else t("filter.availability_min", days=n))


def _max_rate(chosen: dict) -> None:
    chosen["max_rate"] = number_filter(
        "max_rate", t("filter.max_rate"), [0, 400, 600, 800, 1000, 1500],
        lambda n: t("filter.max_rate_any") if n == 0 else t("filter.max_rate_at_most", rate=fmt_eur(n)))


# The most the "missions done" filter asks (a larger number in the URL is brought down to it).
MOST_MISSIONS_DONE = 99


def _missions_done(chosen: dict) -> None:
    """At least N finished matches (0: no filter), typed as a whole number; ?missions_done=N in the URL."""
    label = t("filter.missions_done")
    chosen["min_missions_done"] = _remembered(
        "missions_done", lambda **kw: filters_area().number_input(
            label, min_value=0, max_value=MOST_MISSIONS_DONE, step=1, help=t("filter.missions_done_help"), **kw),
        default=0, parse=lambda values: int(values[0]),
        valid=lambda value: min(max(int(value or 0), 0), MOST_MISSIONS_DONE),
        said=lambda value: t("filter.missions_done_at_least", n=value))


CAREGIVER_FILTERS: dict[str, Callable[[dict], None]] = {
    "q": lambda chosen: chosen.update(text=text_filter("q", t("filter.text"), help=t("filter.text_help")).strip()),
    "profession": _vocab_criteria("profession", "professions", vocab.PROFESSIONS, "filter.profession"),
    "specialty": _vocab_criteria("specialty", "specialties", vocab.SPECIALTIES, "filter.specialty"),
    "region": _vocab_criteria("region", "regions", vocab.REGIONS, "filter.region"),
    "departement": _departements,  # after the regions: it lists the départements of those picked
    "setting": _vocab_criteria("setting", "settings", vocab.PRACTICE_SETTINGS, "filter.setting"),
    "availability": _availability,
    "mode": _vocab_criteria("mode", "work_modes", vocab.CAREGIVER_WORK_MODES, "filter.work_mode"),
    "appetite": _vocab_criteria("appetite", "appetites", vocab.DIGITAL_APPETITES, "filter.appetite"),
    "missions": _vocab_criteria("missions", "mission_types", vocab.MISSION_TYPES, "filter.missions_wanted"),
    "ready": lambda chosen: chosen.update(ready_only=toggle_filter("ready", t("filter.ready"), default=False)),
    "max_rate": _max_rate,
    "missions_done": _missions_done,
    "stage": _vocab_criteria("stage", "stages", vocab.CAREGIVER_STAGES, "filter.stage"),
    "mentor": lambda chosen: chosen.update(mentors=team_filter("mentor", t("filter.mentor"),
                                                               roles=("mentor", "fondateur"))),
}


def _statuses(chosen: dict) -> None:
    only_open = chosen.pop("only_open", False)
    statuses = multi_filter("status", t("filter.status"),
                            list(vocab.OPEN_REQUEST_STATUSES) if only_open else vocab.REQUEST_STATUSES.codes,
                            vocab.REQUEST_STATUSES.labels(lang()).get)
    # With "open requests only" on and no status picked, the open statuses are kept.
    chosen["statuses"] = statuses or (vocab.OPEN_REQUEST_STATUSES if only_open else ())


REQUEST_FILTERS: dict[str, Callable[[dict], None]] = {
    REQUEST_TEXT: lambda chosen: chosen.update(text=text_filter(REQUEST_TEXT, t("filter.request_text"),
                                                                help=t("filter.request_text_help")).strip()),
    "open": lambda chosen: chosen.update(only_open=toggle_filter("open", t("filter.only_open"), default=True)),
    "status": _statuses,  # after "open": it lists the open statuses only when the toggle is on
    "org_kind": _vocab_criteria("org_kind", "org_kinds", vocab.ORGANISATION_KINDS, "filter.org_kind"),
    "mission": _vocab_criteria("mission", "mission_types", vocab.MISSION_TYPES, "filter.mission_type"),
    "profession": _vocab_criteria("profession", "professions", vocab.PROFESSIONS, "filter.profession"),
    "specialty": _vocab_criteria("specialty", "specialties", vocab.SPECIALTIES, "filter.specialty"),
    "owner": lambda chosen: chosen.update(owners=team_filter("owner", t("filter.owner"))),
}


def _sidebar(filters: dict[str, Callable[[dict], None]], names: tuple[str, ...]) -> dict:
    chosen: dict = {}
    with filters_area():
        st.subheader(t("filter.title"))
        for name in names or filters:
            filters[name](chosen)
    chosen.pop("only_open", None)
    active_filters_notice()
    return chosen


def active_filters_notice() -> None:
    """Under the page's title: which filters narrow it (those carried from another page included), and one click
    to clear them all, so that "no data" is never the product of a filter set elsewhere."""
    active = active_filters()
    if not active:
        return
    text, button = st.columns([5, 1.3], vertical_alignment="center")
    with text:
        st.caption(f":material/filter_alt: {t('filter.active')} " + " · ".join(said for _, said in active))
    with button:
        if st.button(t("filter.clear_all"), key="filters.clear_all", icon=":material/filter_alt_off:",
                     type="tertiary"):
            for name, _ in active:
                st.session_state.pop(f"filter.{name}", None)
                st.query_params.pop(name, None)
            st.rerun()


def caregiver_filter(*names: str) -> CaregiverFilter:
    """The talent pool's filters (or only those named, in that order), in the sidebar, as a CaregiverFilter."""
    return CaregiverFilter(**_sidebar(CAREGIVER_FILTERS, names))


def request_filter(*names: str) -> RequestFilter:
    """The requests' filters (or only those named, in that order), in the sidebar, as a RequestFilter."""
    return RequestFilter(**_sidebar(REQUEST_FILTERS, names))
