"""The shell around every page: the page registry and its roles, the sign-in gate, the sidebar menu, flash
confirmations, and the records a URL opens."""

from __future__ import annotations

import threading

import streamlit as st

from hyc import accounts, config, vocab
from hyc.ui import auth
from hyc.ui.digest import digest_switch
from hyc.ui.feedback import REFUSED, attempt, flash, show_flash
from hyc.ui.lang import adopt, lang, language_switch, t
from hyc.ui.search_box import search_box
from hyc.ui.store import member_row, new_run, write
from hyc.ui.widgets import CAME_FROM, PAGE_KEY, start_run

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
    ("pivot", "nav.pivot", ":material/pivot_table_chart:", EVERYONE),
    ("imports", "nav.imports", ":material/upload_file:", WRITERS),
    ("duplicates", "nav.duplicates", ":material/merge:", FOUNDERS),
    ("privacy", "nav.privacy", ":material/shield_person:", FOUNDERS),
    ("audit_log", "nav.audit_log", ":material/history:", FOUNDERS),
    ("team", "nav.team", ":material/badge:", FOUNDERS),
    ("console", "nav.console", ":material/terminal:", FOUNDERS),
)


def pages_for(role: str | None) -> list[tuple[str, str, str]]:
    """The pages a role uses, in menu order; a mentor starts from their caregivers (the Mentoring page)."""
    chosen = [(name, title, icon) for name, title, icon, roles in PAGES if role is None or role in roles]
    if role == "mentor":
        chosen.sort(key=lambda page: page[0] != "mentoring")
    return chosen


# Streamlit tags a select that cannot be emptied with an English "(required)": our labels already end with "*"
# where a value is needed, and a select that holds a stored value is made un-emptiable without being "required".
# The current run's sidebar places: Streamlit runs a session's script on one thread at a time, and page_setup
# sets them again at the start of every run.
_run = threading.local()

# The benchmarks' reference page (HYC_REFERENCE_PAGE=on), in the menu to time a switch to it like any other.
REFERENCE_PAGE = "bench/reference/reference_page.py"

RECORDS_SHOWN = "records_shown"

STYLE = "<style>[data-testid='stWidgetLabelRequired'] { display: none; }</style>"
# A select still open when Escape is pressed (to close its list, as many people do) would lose the value just
# picked: Escape only closes it. Once per page; a person's text never reaches this script.
KEEP_PICKED = """<script>
if (!window.hycKeepPicked) {
  window.hycKeepPicked = true;
  document.addEventListener("keydown", (event) => {
    const select = event.key === "Escape" && event.target.closest?.("[data-testid='stSelectbox']");
    if (select) { event.stopPropagation(); event.preventDefault(); event.target.blur(); }
  }, true);
}
</script>"""


def configure() -> None:
    """First call of every run (app.py, then the page)."""
    new_run()
    st.set_page_config(page_title="Hack Your Care", page_icon=":material/stethoscope:", layout="wide")


def page_setup(name: str) -> None:
    """First call of every page: the sign-in gate and the role check, then the sidebar.

    Streamlit may run a page file without app.py (DESIGN.md §5), so each page checks the session itself
    and draws the sidebar menu (Streamlit's own menu is off: it would list raw file names then)."""
    configure()
    start_run()
    st.session_state[PAGE_KEY] = name
    if (st.session_state.get(CAME_FROM) or (None, name))[1] != name:  # gone elsewhere: no way back to offer
        st.session_state.pop(CAME_FROM)
    # The records this run shows, against those the last run showed: a record newly opened is brought into view.
    _run.records_before, _run.ticked = st.session_state.get(RECORDS_SHOWN, []), None
    st.session_state[RECORDS_SHOWN] = []
    st.html(STYLE)
    st.html(KEEP_PICKED, unsafe_allow_javascript=True)
    lang()
    member = auth.signed_in()
    if member is None:
        auth.sign_in_page()
        st.stop()
    adopt(member_row(member.id)["lang"])
    first = pages_for(member.role)[0][0]
    if st.session_state.pop(auth.LANDING, False) and name == "overview" and first != name:
        st.switch_page(f"pages/{first}.py")  # signed in from the home page: start from the role's own page
    with st.sidebar:
        st.markdown(f"### :material/stethoscope: {t('app.title')}")
        auth.demo_mark()
        search_box()
        # The page's filters come here, near the top, before the menu (a page draws them after this call).
        _run.filters, _run.active = st.container(), []
        st.divider()
        for page, title, icon in pages_for(member.role):
            st.page_link(f"pages/{page}.py", label=t(title), icon=icon)
        if config.load().reference_page:
            st.page_link(REFERENCE_PAGE, label="Référence", icon=":material/speed:")
        st.divider()
        auth.signed_in_box(member)
    language_switch(remember=lambda code: write(accounts.set_language, code))
    digest_switch()  # the member's own choice of the day's digest by e-mail (hyc.digest)
    show_flash()
    roles = next(roles for page, _, _, roles in PAGES if page == name)
    if member.role not in roles:
        allowed = ", ".join(vocab.ROLES.label(role, lang()) for role in roles)
        st.error(t("auth.forbidden", role=vocab.ROLES.label(member.role, lang()), allowed=allowed),
                 icon=":material/lock:")
        st.page_link(f"pages/{first}.py", label=t("auth.forbidden_go", page=t(pages_for(member.role)[0][1])),
                     icon=":material/arrow_forward:")
        st.stop()


def note_active(name: str, said: str) -> None:
    """A filter narrowing this run's page, and how (for the notice of active filters)."""
    _run.active = [*getattr(_run, "active", []), (name, said)]


def active_filters() -> list[tuple[str, str]]:
    return list(getattr(_run, "active", []))


def filters_area():
    """Where a page draws its filters: the sidebar, under the search box and above the menu."""
    return getattr(_run, "filters", None) or st.sidebar


def act(label: str, func, *args, done: str, key: str, icon: str | None = None, working: str | None = None,
        **kwargs) -> None:
    """A button that writes through `write` (with `working` said while it runs): a refusal shows beside it, a
    success is confirmed once the page is drawn again."""
    if not st.button(label, key=key, icon=icon):
        return
    with st.spinner(working or ""):
        result = attempt(func, *args, **kwargs)
    if result is REFUSED:
        return
    flash(done)
    st.rerun()


def record_id(name: str) -> int | None:
    """The id of the record named in the URL (?caregiver=12), if any."""
    try:
        return int(st.query_params[name]) if name in st.query_params else None
    except ValueError:
        return None


def open_ticked(name: str, ticked: list[int], table_key: str, *, multi: bool = False) -> None:
    """Open the record of the one row ticked in a table, when the ticks change: a record opened another way since
    (a search result, a link) is not taken over by a tick left from before. From a table of `multi` ticks, the
    record opens where it is, without moving the page: whoever ticks one row may tick more."""
    memory = f"ticked.{table_key}"
    previous = st.session_state.get(memory)
    st.session_state[memory] = ticked
    if len(ticked) == 1 and ticked != previous:
        open_record(name, ticked[0])
        if multi:
            _run.ticked = (name, ticked[0])


def newly_opened(name: str, record: int | None) -> bool:
    """Whether this run opens the record from elsewhere (the search box, a link, the URL, a list of one tick),
    rather than keeping it open (a tab, a save) or opening it by a tick in a list of several ticks."""
    here = [st.session_state.get(PAGE_KEY), name, record]
    st.session_state.setdefault(RECORDS_SHOWN, []).append(here)
    return here not in getattr(_run, "records_before", []) and getattr(_run, "ticked", None) != (name, record)


def open_record(name: str, record: int | None) -> None:
    if record is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = str(record)
