"""Input rules: the RPPS Luhn key, emails, phones, postcodes, each with its French message."""

import calendar
import random
from datetime import date

import pandas as pd
import phonenumbers
import pytest

from hyc import validation
from hyc.i18n import Message
from hyc.validation import InvalidInput
from tests.conftest import fetch


@pytest.mark.parametrize("digits, ok", [
    ("79927398713", True),   # the classic Luhn example
    ("79927398710", False),
    ("10003456789", False),
    ("0", True),
    ("", False),
    ("12a", False),
])
def test_luhn(digits, ok):
    assert validation.luhn_ok(digits) is ok


def test_luhn_key_completes_any_body():
    for body in ("1000000000", "1012345678", "1099999999"):
        assert validation.luhn_ok(body + validation.luhn_key(body))
        wrong = str((int(validation.luhn_key(body)) + 1) % 10)
        assert not validation.luhn_ok(body + wrong)


def test_rpps_accepts_spaces_and_returns_digits():
    body = "1012345678"
    number = body + validation.luhn_key(body)
    assert validation.rpps(f" {number[:5]} {number[5:]} ") == number


_BODY = "1012345678"
_WRONG_KEY = str((int(validation.luhn_key(_BODY)) + 1) % 10)


@pytest.mark.parametrize("value, message", [
    ("1234", "Le numéro RPPS compte 11 chiffres."),
    ("1012345678A", "Le numéro RPPS compte 11 chiffres."),
    (_BODY + _WRONG_KEY, "Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas."),
])
def test_rpps_refused_with_message(value, message):
    with pytest.raises(InvalidInput, match="RPPS") as caught:
        validation.rpps(value)
    assert caught.value.message == message
    assert caught.value.field == "rpps"


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "+33612345678",
                                   "06.12.34.56.78", "0033612345678"])
def test_phone_any_french_way_is_stored_e164(typed):
    assert validation.phone(typed) == "+33612345678"


def test_phone_shown_french_style():
    assert validation.phone_display("+33612345678") == "06 12 34 56 78"
    # A caregiver without phone: None from the store, NaN from a table column.
    assert validation.phone_display(None) == validation.phone_display(float("nan")) == ""


@pytest.mark.parametrize("typed", ["12", "06 12", "bonjour", "+33 0 00 00 00 00"])
def test_phone_refused(typed):
    with pytest.raises(InvalidInput) as caught:
        validation.phone(typed)
    assert caught.value.message in ("Ce numéro de téléphone n'est pas reconnu.",
                                    "Ce numéro de téléphone n'est pas valide.")


def test_email_normalised_to_lower_case():
    assert validation.email("  Marie.Curie@Example.FR ") == "marie.curie@example.fr"


@pytest.mark.parametrize("typed", ["marie", "marie@", "@example.fr", "marie curie@example.fr"])
def test_email_refused(typed):
    with pytest.raises(InvalidInput, match="Cette adresse e-mail n'est pas valide."):
        validation.email(typed)


def test_postcode_gives_its_region():
    assert validation.postcode("20 090") == ("20090", "2A", "94")


def test_postcode_refused():
    with pytest.raises(InvalidInput, match="Ce code postal français n'existe pas."):
        validation.postcode("99999")


# --- Overseas phones (issue 9): written the French way, stored with their own country code ----------------

# (département or collectivity, typed the way people there write it, stored E.164, shown back)
OVERSEAS = [
    ("La Réunion, fixe", "0262 21 34 56", "+262262213456", "0262 21 34 56"),
    ("La Réunion, mobile", "0692 12 34 56", "+262692123456", "0692 12 34 56"),
    ("Mayotte, fixe", "0269 60 12 34", "+262269601234", "0269 60 12 34"),
    ("Mayotte, mobile", "0639 01 23 45", "+262639012345", "0639 01 23 45"),
    ("Guadeloupe, fixe", "0590 20 12 34", "+590590201234", "0590 20 12 34"),
    ("Guadeloupe, mobile", "0690 00 12 34", "+590690001234", "0690 00 12 34"),
    ("Martinique, fixe", "0596 30 12 34", "+596596301234", "0596 30 12 34"),
    ("Martinique, mobile", "0696 20 12 34", "+596696201234", "0696 20 12 34"),
    ("Guyane, fixe", "0594 10 12 34", "+594594101234", "0594 10 12 34"),
    ("Guyane, mobile", "0694 20 12 34", "+594694201234", "0694 20 12 34"),
]


def _ways_of_writing(national: str, e164: str) -> list[str]:
    """The same number typed as people do: spaced, glued, dotted, dashed, international."""
    digits = national.replace(" ", "")
    return [national, digits, ".".join(national.split()), "-".join(national.split()), e164,
            "00" + e164[1:], e164[:4] + " " + e164[4:]]


@pytest.mark.parametrize(("where", "typed", "e164", "shown"), OVERSEAS, ids=[o[0] for o in OVERSEAS])
def test_an_overseas_phone_is_stored_with_its_own_country_code_however_written(where, typed, e164, shown):
    for written in _ways_of_writing(typed, e164):
        assert validation.phone(written) == e164, written
    assert validation.phone_display(e164) == shown


@pytest.mark.parametrize("typed", ["+508 41 23 45", "+508412345", "00508 41 23 45", "+508 41.23.45"])
def test_a_saint_pierre_et_miquelon_number_is_written_with_its_own_code_and_shown_so(typed):
    """Saint-Pierre-et-Miquelon has a numbering plan of its own: from France its numbers are dialled +508."""
    assert validation.phone(typed) == "+508412345"
    assert validation.phone_display("+508412345") == "+508 41 23 45"


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "01 44 55 66 77", "09 70 12 34 56", "04 95 12 34 56",
                                   "05 08 41 23 45"])  # 05 08…: the south-west, not Saint-Pierre
def test_a_metropolitan_number_stays_a_plus_33_one(typed):
    assert validation.phone(typed).startswith("+33")


# --- Text, numbers, dates (issue 9) ------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("Ma\x00rie", "Marie"),
    ("\u202eexe.gpj", "exe.gpj"),  # right-to-left override
    ("Du\u2066pont\u2069", "Dupont"),  # isolates
    ("Jean\u200fPierre", "JeanPierre"),
    ("ligne 1\r\nligne 2", "ligne 1 ligne 2"),  # a line stays one line
    ("Élodie\tN'Diaye", "Élodie N'Diaye"),
])
def test_control_and_bidi_characters_never_reach_the_store(typed, stored):
    assert validation.clean_text(typed) == stored


def test_a_paragraph_keeps_its_line_breaks_but_loses_its_control_characters():
    assert validation.clean_text("a\x07\r\nb\u202e", multiline=True) == "a\nb"


@pytest.mark.parametrize(("typed", "value"), [
    ("1 200,50", 1200.5), ("1\u202f200,50", 1200.5), ("1\u00a0200", 1200), ("1200,50", 1200.5),
    ("1200.5", 1200.5), ("1.200,50", 1200.5), ("1,200.50", 1200.5), (" 450 ", 450), ("-3", -3), (450, 450),
    (2.5, 2.5),
])
def test_numbers_are_read_the_french_way_and_the_english_way(typed, value):
    assert validation.parse_number(typed) == value


@pytest.mark.parametrize("typed", ["nan", "inf", "-inf", "1e400", "1e3", "12 €", "douze", "1.200.000", "", True,
                                   float("nan"), float("inf")])
def test_what_is_not_a_finite_number_is_not_one(typed):
    assert validation.parse_number(typed) is None


@pytest.mark.parametrize(("typed", "error"), [
    ("1000000000000", "Un tarif journalier ne dépasse pas 20\u202f000\u202f€ : vérifiez la saisie."),
    ("20001", "Un tarif journalier ne dépasse pas 20\u202f000\u202f€ : vérifiez la saisie."),
    ("0", "Le tarif journalier doit être positif."),
    ("nan", "Saisissez un montant en euros, par exemple 450 ou 1 200."),
    ("inf", "Saisissez un montant en euros, par exemple 450 ou 1 200."),
    ("1e400", "Saisissez un montant en euros, par exemple 450 ou 1 200."),
])
def test_a_day_rate_out_of_its_meaning_is_refused(typed, error):
    form = validation.Form({"expected_day_rate": typed})
    assert form.day_rate("expected_day_rate") is None
    assert form.errors == {"expected_day_rate": error}


def test_a_day_rate_keeps_its_euros_and_says_when_it_rounds_the_cents():
    form = validation.Form({"a": "1 200", "b": "1200,50", "c": "1 200,49", "d": "20 000"})
    assert [form.day_rate(name) for name in "abcd"] == [1200, 1201, 1200, 20000]
    assert form.errors == {}
    assert form.warnings["b"] == "Les tarifs sont en euros entiers : 1\u202f200,50 € est arrondi à 1\u202f201\u202f€."
    assert "arrondi à 1\u202f200\u202f€" in form.warnings["c"] and "a" not in form.warnings
    assert form.warnings["d"].startswith("Tarif inhabituel")


@pytest.mark.parametrize("typed", ["nan", "inf", "1e400", "1000000000000", "12,5"])
def test_a_whole_number_that_is_not_one_is_refused_not_crashed_on(typed):
    form = validation.Form({"years_experience": typed})
    assert form.integer("years_experience") is None
    assert form.errors["years_experience"] in ("Saisissez un nombre entier.",
                                               "Saisissez un nombre entier entre 0 et 60.")


def test_every_bound_fits_its_integer_column():
    """The store's INTEGER columns hold up to 2^31 - 1: every bound of NUMBERS stays far inside."""
    assert all(0 <= bounds.low <= bounds.high < 2**31 - 1 for bounds in validation.NUMBERS.values())


@pytest.mark.parametrize(("typed", "ok"), [
    ("1800-01-01", False), ("1999-12-31", False), ("2000-01-01", True), ("2026-11-20", True), ("2099-01-01", False),
])
def test_dates_have_a_plausible_range(typed, ok):
    form = validation.Form({"start_date": typed})
    assert (form.date("start_date") is not None) is ok
    if not ok:
        assert form.errors["start_date"].startswith("Saisissez une date entre le 01/01/2000 et le ")


def test_a_full_width_rpps_is_the_same_rpps():
    body = "1012345678"
    number = body + validation.luhn_key(body)
    assert validation.rpps("".join(chr(0xFF10 + int(d)) for d in number)) == number


@pytest.mark.parametrize("typed", ["٢٠٠٩٠", "２０ ０９０"])  # Arabic-Indic, full-width
def test_a_postcode_in_other_digits_is_read_as_ascii(typed):
    assert validation.postcode(typed)[0] == "20090"


@pytest.mark.parametrize(("rule", "typed"), [(validation.rpps, "1083707970²"), (validation.postcode, "9740¹"),
                                             (validation.rpps, "10837O79701")])
def test_what_only_looks_like_a_digit_is_refused_with_the_field_message(rule, typed):
    with pytest.raises(InvalidInput):
        rule(typed)


@pytest.mark.parametrize(("typed", "error"), [
    ("0,4", "Un tarif journalier compte au moins 1\u202f€."),
    ("0,99", "Un tarif journalier compte au moins 1\u202f€."),
    ("1.200", "Écrivez « 1 200 » pour des milliers d'euros, ou la virgule pour des centimes : « 1.200 » peut se "
              "lire des deux façons."),
    ("1,200", "Écrivez « 1 200 » pour des milliers d'euros, ou la virgule pour des centimes : « 1,200 » peut se "
              "lire des deux façons."),
])
def test_a_day_rate_that_cannot_be_meant_is_refused_not_rounded_to_nothing(typed, error):
    form = validation.Form({"rate": typed})
    assert form.day_rate("rate") is None
    assert form.errors == {"rate": error}


def test_a_day_rate_both_rounded_and_unusual_says_both():
    form = validation.Form({"rate": "45,50"})
    assert form.day_rate("rate") == 46
    assert "arrondi à 46\u202f€" in form.warnings["rate"] and "Tarif inhabituel" in form.warnings["rate"]


@pytest.mark.parametrize("typed", ["1 2 3", "12 34", "1 2000", 10**400])
def test_spaces_only_group_thousands_and_nothing_overflows(typed):
    assert validation.parse_number(typed) is None


def test_a_column_of_phones_is_shown_as_each_alone_would_be(demo_engine):
    """phones_display (one regex for mainland numbers) agrees with phone_display number by number: every demo
    phone, overseas, abroad, the 08 special rates, 09, none."""
    stored = [p for (p,) in fetch(demo_engine, "select phone from caregiver union all select phone from contact")]
    column = pd.Series([*stored, "+33800123456", "+33812345678", "+33912345678", "+262262213456", "+508412345",
                        "+41223456789", "+33123456789", None, float("nan")])
    assert validation.phones_display(column).tolist() == [validation.phone_display(p) for p in column]
    assert len(stored) > 100


@pytest.mark.parametrize(("typed", "expected"), [
    ("31/08/2027", date(2027, 8, 31)), ("1/9/2027", date(2027, 9, 1)), (" 01.09.2027 ", date(2027, 9, 1)),
    ("29/02/2028", date(2028, 2, 29)), ("2027-08-31", date(2027, 8, 31)), ("31-12-2026", date(2026, 12, 31))])
def test_a_date_typed_the_french_way_is_read_as_written(typed, expected):
    assert validation.read_day(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "30/02/2028", "29/02/2027", "31/04/2027", "31/06/2027",
                                   "31/09/2027", "31/11/2027", "00/01/2027"])
def test_a_day_that_does_not_exist_is_refused_never_moved(typed):
    """Every month of 30 days, February with and without its 29th: refused with the month's own count of days."""
    day, month, year = (int(part) for part in typed.split("/"))
    days = calendar.monthrange(year, month)[1]
    with pytest.raises(validation.InvalidInput) as refused:
        validation.read_day(typed, "start_date")
    assert refused.value.field == "start_date"
    assert refused.value.message == Message("error.date_impossible", typed=typed, days=days)


@pytest.mark.parametrize(("typed", "key"), [("12/13/2027", "error.date_no_month"), ("demain", "error.date_format"),
                                            ("31/08/27", "error.date_format")])
def test_a_date_that_cannot_be_read_says_how_to_write_it(typed, key):
    with pytest.raises(validation.InvalidInput) as refused:
        validation.read_day(typed)
    assert refused.value.message.key == key


def test_a_form_date_out_of_range_says_the_range_and_an_impossible_one_its_days():
    form = validation.Form({"start_date": "31/02/2027", "other": "01/01/1990"})
    assert form.date("start_date") is None and form.date("other") is None
    assert form.errors["start_date"] == Message("error.date_impossible", typed="31/02/2027", days=28)
    assert form.errors["other"].key == "error.date_between"


def test_ten_digits_read_quickly_give_the_same_number_as_parsing_in_each_region():
    """The quick reading of ten French digits (an import reads thousands) against phonenumbers' own parse in each
    region, overseas first: the same number, or none, for metropolitan and overseas prefixes alike."""
    def parsed_in_each_region(text: str):
        for region in (*validation.OVERSEAS_REGIONS, "FR"):
            number = phonenumbers.parse(text, region)
            if phonenumbers.is_valid_number(number):
                return number
        return None

    rng = random.Random(7)
    prefixes = ["0262", "0269", "0590", "0594", "0596", "0639", "0690", "0692", "0694", "0696", "0976", "0709",
                "01", "02", "03", "04", "05", "06", "07", "08", "09"]
    numbers = [p + "".join(rng.choice("0123456789") for _ in range(10 - len(p))) for p in prefixes * 100]
    assert [validation._parsed_phone(n) for n in numbers] == [parsed_in_each_region(n) for n in numbers]
    assert sum(validation._parsed_phone(n) is not None for n in numbers) > 500  # valid ones among them
