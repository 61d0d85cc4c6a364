"""Input rules: each check returns the normalised value or raises InvalidInput with a French message."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from hyc import vocab


class InvalidInput(ValueError):
    """A value a person typed that cannot be saved; `field` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def luhn_ok(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the others."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_key(digits: str) -> str:
    """The check digit that makes `digits + key` pass the Luhn test."""
    return next(str(k) for k in range(10) if luhn_ok(digits + str(k)))


def rpps(value: str, field: str = "rpps") -> str:
    code = (value or "").strip().replace(" ", "")
    if len(code) != 11 or not code.isdigit():
        raise InvalidInput(field, "Le numéro RPPS compte 11 chiffres.")
    if not luhn_ok(code):
        raise InvalidInput(field, "Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas.")
    return code


def email(value: str, field: str = "email") -> str:
    try:
        checked = validate_email((value or "").strip(), check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(field, "Cette adresse e-mail n'est pas valide.") from None
    return checked.normalized.lower()


def phone(value: str, field: str = "phone") -> str:
    """Any French way of writing a number, stored E.164 (+33…)."""
    try:
        parsed = phonenumbers.parse((value or "").strip(), "FR")
    except phonenumbers.NumberParseException:
        raise InvalidInput(field, "Ce numéro de téléphone n'est pas reconnu.") from None
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidInput(field, "Ce numéro de téléphone n'est pas valide.")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str | None) -> str:
    """A stored number the French way: 06 12 34 56 78 (international format abroad)."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    if parsed.country_code == 33:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def postcode(value: str, field: str = "postcode") -> tuple[str, str, str]:
    """(postcode, département, region) of a French postcode, Corsica and overseas included."""
    code = (value or "").strip().replace(" ", "")
    dep = vocab.departement_of_postcode(code)
    if dep is None:
        raise InvalidInput(field, "Ce code postal français n'existe pas.")
    return code, dep, vocab.DEPARTEMENTS_BY_CODE[dep].region
