"""hyc.ui.fmt: numbers, euros, days, dates and times in the reader's language, in text and in a table's grid; the
audit log's changes as labels; stored text written into the interface's markdown: inert, a website as a link only
when it is one."""

import json
import re
from datetime import date, datetime

import pytest

from hyc import i18n
from hyc.ui import fmt
from hyc.ui.fmt import Markdown, plain, web_link


def unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize(("typed", "target"), [
    ("https://www.associationfischer.fr", "https://www.associationfischer.fr"),
    ("www.exemple.fr/equipe_medicale?page=2", "https://www.exemple.fr/equipe_medicale?page=2"),
    ("exemple.fr", "https://exemple.fr"),
    ("HTTP://Exemple.fr:8080/a(b)", "HTTP://Exemple.fr:8080/a(b)"),
])
def test_a_website_is_a_link_showing_the_address_as_typed(typed, target):
    link = web_link(f"  {typed} ")
    assert isinstance(link, Markdown)
    text, href = re.fullmatch(r"\[(.*)\]\(<(.*)>\)", link).groups()
    assert unescaped(text) == typed and href == target


@pytest.mark.parametrize("typed", ["pas de site", "javascript:alert(1)", "<b>x</b>.fr", "http://a.fr/<script>",
                                   "https://exemple .fr", "mailto:a@b.fr"])
def test_text_that_is_no_web_address_stays_inert_text(typed):
    shown = web_link(typed)
    assert not isinstance(shown, Markdown) and shown == plain(typed) and unescaped(shown) == typed


# --- Numbers, euros, days, dates and times in the reader's language ------------------------------------------------
# Expected texts are written out by hand, as each language writes them (French: narrow no-break space U+202F
# between thousands and before a unit, decimal comma; English: comma for thousands, decimal point, € first).

NNBSP = "\u202f"


@pytest.mark.parametrize(("language", "count", "euros", "big_euros", "days", "share"), [
    ("fr", f"1{NNBSP}982", f"690{NNBSP}€", f"12{NNBSP}500{NNBSP}€", f"6,9{NNBSP}j", f"38{NNBSP}%"),
    ("en", "1,982", "€690", "€12,500", f"6.9{NNBSP}d", "38%"),
])
def test_numbers_euros_days_and_shares_are_written_the_languages_way(language, count, euros, big_euros, days,
                                                                      share):
    assert fmt.fmt_int(1982, language) == count
    assert fmt.fmt_eur(690, language) == euros
    assert fmt.fmt_eur(12499.6, language) == big_euros  # whole euros, rounded
    assert fmt.fmt_days(6.94, language) == days
    assert fmt.fmt_pct(0.381, language) == share
    for written in (fmt.fmt_int(None, language), fmt.fmt_eur(float("nan"), language), fmt.fmt_days(None, language)):
        assert written == "–"


def test_a_decimal_and_a_change_use_the_languages_separators():
    assert fmt.fmt_number(1234.56, 1, "fr") == f"1{NNBSP}234,6"
    assert fmt.fmt_number(1234.56, 1, "en") == "1,234.6"
    assert fmt.trend_delta(1500, 300, language="fr") == f"+1{NNBSP}200"
    assert fmt.trend_delta(1500, 300, language="en") == "+1,200"
    assert fmt.trend_delta(5.0, 7.5, kind="days", language="fr") == "-2,5 j"
    assert fmt.trend_delta(5.0, 7.5, kind="days", language="en") == "-2.5 d"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_are_dd_mm_yyyy_and_stored_times_shown_in_paris(language):
    assert fmt.fmt_date(date(2026, 12, 7), language) == "07/12/2026"
    # Stored times are naive UTC: 23:30 UTC on 7 December is 00:30 on the 8th in Paris (winter, UTC+1) ...
    late = datetime(2026, 12, 7, 23, 30)
    assert fmt.fmt_date(late, language) == "08/12/2026"
    assert fmt.fmt_time(late, language) == "00:30"
    assert fmt.fmt_datetime(late, language) == "08/12/2026 00:30"
    # ... and 22:15 UTC on 1 July is 00:15 on the 2nd (summer, UTC+2).
    assert fmt.fmt_datetime(datetime(2026, 7, 1, 22, 15), language) == "02/07/2026 00:15"
    assert fmt.fmt_date(None, language) == "" and fmt.fmt_time(None, language) == ""


def test_a_yes_or_no_nobody_gave_is_unknown_not_no():
    for language in ("fr", "en"):
        unknown = fmt.yes_no(None, language)
        assert unknown == i18n.t("common.unknown", language)
        assert unknown not in (i18n.t("common.no", language), i18n.t("common.yes", language))
        assert fmt.yes_no(float("nan"), language) == unknown
        assert fmt.yes_no(False, language) == i18n.t("common.no", language)
        assert fmt.yes_no(True, language) == i18n.t("common.yes", language)
    assert fmt.yes_no(None, "fr") == "Non renseigné" and fmt.yes_no(None, "en") == "Not known"


# --- Table grid formats: printf, so that the browser's locale does not decide ---------------------------------------

def test_a_tables_number_columns_carry_the_interfaces_printf_format():
    from hyc.ui import widgets

    def format_of(column) -> str:
        return column["type_config"]["format"]

    # sprintf-js as Streamlit ships it: "%'c,.0f" groups thousands with the character c, "%,.0f" with a comma.
    assert format_of(widgets.euro_column("Tarif", "fr")) == f"%'{NNBSP},.0f{NNBSP}€"
    assert format_of(widgets.euro_column("Rate", "en")) == "€%,.0f"
    assert format_of(widgets.count_column("Nb", "fr")) == f"%'{NNBSP},.0f"
    assert format_of(widgets.count_column("N", "en")) == "%,.0f"
    for language in ("fr", "en"):
        for column in (widgets.euro_column("x", language), widgets.count_column("x", language),
                       widgets.days_column("x", language)):
            assert column["type_config"]["type"] == "number"
            # None of the named formats, which Intl.NumberFormat writes in the browser's locale.
            assert format_of(column) not in {"euro", "localized", "dollar", "accounting", "compact"}


# --- The audit log: labels and readable changes, not codes and JSON -------------------------------------------------

def test_an_audit_change_is_read_as_labels_dates_and_names_in_either_language():
    stored = json.dumps({"stage": "contactee", "exit_reason": None, "agreed_day_rate": 690.0,
                         "mission_start": "2026-12-07", "owner_id": 4, "ai_trained": True, "row_version": 3})
    french = fmt.audit_changes("match", stored, "fr", names={4: "Sophie Laurent"})
    english = fmt.audit_changes("match", stored, "en", names={4: "Sophie Laurent"})
    assert french == (f"Étape : Contactée ; Motif de sortie : – ; Tarif convenu (€ / jour) : 690{NNBSP}€ ; "
                      "Début de mission : 07/12/2026 ; Responsable : Sophie Laurent ; Formation IA : Oui")
    assert english.startswith("Stage: Contacted; Exit reason: –; ") and "€690" in english
    assert "contactee" not in french + english and "{" not in french + english and "row_version" not in french
    # One name, two meanings: a team member's role is a code, a contact's is free text.
    assert fmt.audit_changes("team_member", json.dumps({"role": "fondateur"}), "en") == "Role: Founder"
    assert fmt.audit_changes("contact", json.dumps({"role": "fondateur"}), "en") == "Role: fondateur"
    assert fmt.audit_changes("call", None, "fr") == ""
