"""Input rules: the RPPS Luhn key, emails, phones, postcodes, each with its French message."""

import pytest

from hyc import validation
from hyc.validation import InvalidInput


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
