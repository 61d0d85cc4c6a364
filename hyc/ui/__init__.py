"""The only hyc package that imports Streamlit, split by job; pages use it as `ui`:

- store: the engine, readers cached until the next write (`read`), who acts, today, and `write`, the one way a
  page writes;
- lang: the language and t();
- shell: the page registry, the sign-in gate and the sidebar, flash confirmations, records opened by URL;
- fmt: values written the French way; widgets: charts, tables, column formats, record links;
- filters: filters remembered across pages and in the URL, and the caregiver and request sidebars;
- auth (sign-in, passwords or the team's identity provider), forms (forms that keep what was typed), records/
  (one file per record), call_form, new_request (a request in a minute), opening (the reads warmed at start).
"""

from hyc.ui.feedback import flash
from hyc.ui.filters import (
    active_filters_notice,
    caregiver_filter,
    choice_filter,
    default_filter,
    multi_filter,
    number_filter,
    request_filter,
    scope_switch,
    team_filter,
    text_filter,
    toggle_filter,
    vocab_filter,
)
from hyc.ui.fmt import (
    NBSP,
    codes_label,
    counted,
    fmt_date,
    fmt_days,
    fmt_eur,
    fmt_int,
    fmt_pct,
    fmt_time,
    given,
    labelled,
    phone,
    phones,
    plain,
    supply_label,
    text_changes,
    trend_delta,
    web_link,
    yes_no,
)
from hyc.ui.lang import lang, language_switch, say, t
from hyc.ui.shell import (
    PAGES,
    REFERENCE_PAGE,
    act,
    configure,
    filters_area,
    open_record,
    open_ticked,
    page_setup,
    pages_for,
    record_id,
)
from hyc.ui.store import actor, engine, forget_reads, may_write, read, today, write
from hyc.ui.stuck import owners_summary, stuck_view
from hyc.ui.widgets import (
    SHOWN,
    action_links,
    chart,
    date_column,
    datetime_column,
    euro_column,
    every_row,
    facts,
    first_rows,
    fitted_height,
    ids_digest,
    in_paris_time,
    lazy_tabs,
    link_column,
    record_links,
    table,
)

__all__ = [
    "NBSP", "SHOWN", "PAGES", "REFERENCE_PAGE", "act", "action_links", "active_filters_notice", "actor",
    "caregiver_filter", "chart", "choice_filter", "codes_label", "configure", "counted", "date_column",
    "datetime_column", "default_filter", "engine", "euro_column", "every_row", "facts", "first_rows", "fitted_height",
    "filters_area", "flash", "fmt_date", "fmt_days", "fmt_eur", "fmt_int", "fmt_pct", "fmt_time", "forget_reads",
    "given", "ids_digest", "in_paris_time", "labelled", "lazy_tabs", "lang", "language_switch", "link_column",
    "may_write", "multi_filter", "number_filter", "open_record", "open_ticked", "owners_summary", "page_setup",
    "pages_for", "phone", "phones", "plain", "read", "record_id", "record_links", "request_filter", "say",
    "scope_switch", "stuck_view", "supply_label", "t", "table", "team_filter", "text_changes", "text_filter", "today",
    "toggle_filter", "trend_delta", "vocab_filter", "web_link", "write", "yes_no",
]
