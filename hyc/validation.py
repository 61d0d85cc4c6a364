"""Input rules: each check returns the normalised value or raises InvalidInput with a French message."""

from __future__ import annotations

import numbers
from datetime import date, datetime

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
    if not isinstance(e164, str) or not e164:  # None, or NaN from a table column
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
    if len(code) != 5 or not code.isdigit():
        raise InvalidInput(field, "Un code postal compte 5 chiffres (en Corse aussi : 20000 à 20620).")
    dep = vocab.departement_of_postcode(code)
    if dep is None:
        raise InvalidInput(field, "Ce code postal français n'existe pas.")
    return code, dep, vocab.DEPARTEMENTS_BY_CODE[dep].region


# Day rates outside this range are unusual enough to ask the person to look twice (not refused).
USUAL_DAY_RATE = (100, 3000)

REQUIRED = "Ce champ est obligatoire."


class Form:
    """Checks the values of one form, field by field, collecting every message before refusing.

    Each method returns the clean value (or None when the field is empty and optional) and records a
    message for the field when the value cannot be saved; `finish()` raises them all at once.
    """

    def __init__(self, data: dict) -> None:
        self.data = data
        self.errors: dict[str, str] = {}
        self.warnings: dict[str, str] = {}

    def _raw(self, field: str):
        value = self.data.get(field)
        if isinstance(value, str):
            value = value.strip()
        return None if value in ("", None, [], ()) else value

    def _missing(self, field: str, required: bool) -> bool:
        if self._raw(field) is None:
            if required:
                self.errors[field] = REQUIRED
            return True
        return False

    def text(self, field: str, *, required: bool = False, max_length: int = 200) -> str | None:
        if self._missing(field, required):
            return None
        value = str(self._raw(field))
        if len(value) > max_length:
            self.errors[field] = f"{max_length} caractères au plus."
            return None
        return value

    def code(self, field: str, terms, *, required: bool = False) -> str | None:
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if value not in terms:
            self.errors[field] = "Choisissez une valeur de la liste."
            return None
        return value

    def codes(self, field: str, terms, *, required: bool = False) -> str | None:
        """A list of codes, stored comma-separated in the vocabulary's order."""
        if self._missing(field, required):
            return None
        values = list(self._raw(field))
        if any(v not in terms for v in values):
            self.errors[field] = "Choisissez des valeurs de la liste."
            return None
        return ",".join(sorted(set(values), key=terms.index))

    def integer(self, field: str, low: int, high: int, *, required: bool = False) -> int | None:
        if self._missing(field, required):
            return None
        try:
            value = float(self._raw(field))
        except (TypeError, ValueError):
            self.errors[field] = "Saisissez un nombre."
            return None
        if value != int(value) or not low <= value <= high:
            self.errors[field] = f"Saisissez un nombre entier entre {low} et {high}."
            return None
        return int(value)

    def reference(self, field: str, *, required: bool = False) -> int | None:
        """The id of a row picked from a list (a mentor, an organisation…)."""
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            self.errors[field] = "Choisissez une valeur de la liste."
            return None
        return int(value)

    def _decimal(self, field: str, required: bool, unreadable: str) -> float | None:
        """A number typed the French way (a comma) or the English way; None when empty or unreadable."""
        if self._missing(field, required):
            return None
        try:
            return float(str(self._raw(field)).replace(",", "."))
        except ValueError:
            self.errors[field] = unreadable
            return None

    def number(self, field: str, low: float, high: float, *, required: bool = False) -> float | None:
        value = self._decimal(field, required, "Saisissez un nombre.")
        if value is None:
            return None
        if not low <= value <= high:
            low_text, high_text = (f"{n:g}".replace(".", ",") for n in (low, high))
            self.errors[field] = f"Saisissez un nombre entre {low_text} et {high_text}."
            return None
        return value

    def day_rate(self, field: str, *, required: bool = False) -> int | None:
        value = self._decimal(field, required, "Saisissez un montant en euros.")
        if value is None:
            return None
        if value <= 0:
            self.errors[field] = "Le tarif journalier doit être positif."
            return None
        low, high = USUAL_DAY_RATE
        if not low <= value <= high:
            amount, top = (f"{n:,.0f}".replace(",", "\u202f") for n in (value, high))
            self.warnings[field] = (f"Tarif inhabituel ({amount} € par jour) : vérifiez-le, la plupart des tarifs "
                                    f"sont entre {low} et {top} €.")
        return round(value)

    def checked(self, field: str, rule) -> str | None:
        """A value checked by one of this module's rules (email, phone, rpps, postcode)."""
        if self._missing(field, False):
            return None
        try:
            return rule(str(self._raw(field)), field)
        except InvalidInput as exc:
            self.errors[field] = exc.message
            return None

    def past(self, field: str, now, *, required: bool = False, message: str = "Cette date est dans le futur."):
        """A date or time that cannot be in the future (a call that happened, a consent given)."""
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if isinstance(now, datetime) and not isinstance(value, datetime):
            try:
                value = datetime.fromisoformat(str(value))
            except ValueError:
                self.errors[field] = "Saisissez une date et une heure (jj/mm/aaaa hh:mm)."
                return None
        elif not isinstance(now, datetime):
            value = self.date(field)
            if value is None:
                return None
        if value > now:
            self.errors[field] = message
            return None
        return value

    def date(self, field: str, *, required: bool = False):
        """A calendar date (a date object from a date widget, or an ISO string)."""
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.errors[field] = "Saisissez une date (jj/mm/aaaa)."
            return None

    def follow_up(self, action_field: str, due_field: str, *, after=None) -> tuple[str | None, object]:
        """A next action and its due date: an action needs a date, a date needs an action."""
        action = self.text(action_field, max_length=300)
        due = self.date(due_field)
        if action and due is None and due_field not in self.errors:
            self.errors[due_field] = "Donnez une échéance à cette prochaine action."
        if due is not None and not action:
            self.errors[action_field] = "Décrivez la prochaine action de cette échéance."
        if due is not None and after is not None and due < after:
            self.errors[due_field] = "L'échéance ne peut pas précéder l'échange."
        return action, due

    def boolean(self, field: str) -> bool:
        return bool(self.data.get(field))

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def finish(self) -> None:
        if self.errors:
            raise FormInvalid(self.errors)


class FormInvalid(ValueError):
    """One or more fields that cannot be saved, each with its message (field → message)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors
