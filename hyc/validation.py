"""Input rules: each check returns the normalised value or raises InvalidInput with a French message."""

from __future__ import annotations

import calendar
import functools
import math
import numbers
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import phonenumbers
from email_validator import EmailNotValidError, validate_email

from hyc import vocab
from hyc.i18n import Figure, Message


class InvalidInput(ValueError):
    """A value a person typed that cannot be saved; `field` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def blank(value) -> bool:
    """No value: None, NA, NaN, NaT or blank text (a stored row read through pandas holds any of them)."""
    if isinstance(value, str):
        return value.strip() == ""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def ascii_digits(text: str) -> str:
    """Decimal digits of any script (full-width １, Arabic-Indic ١) written 0-9; anything else kept as it is, so that
    a superscript ² or a letter is still refused by the check that follows."""
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text)


def _only_digits(code: str) -> bool:
    return code.isascii() and code.isdigit()


def luhn_ok(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the others."""
    if not _only_digits(digits):
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
    code = ascii_digits("".join((value or "").split()))
    if len(code) != 11 or not _only_digits(code):
        raise InvalidInput(field, Message("error.rpps_length"))
    if not luhn_ok(code):
        raise InvalidInput(field, Message("error.rpps_key"))
    return code


@functools.lru_cache(maxsize=1 << 15)
def _normal_email(text: str) -> str | None:
    """`text` as the store keeps an address, or None when it is none (kept: an import reads each address twice)."""
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def email(value: str, field: str = "email") -> str:
    normal = _normal_email((value or "").strip())
    if normal is None:
        raise InvalidInput(field, Message("error.email"))
    return normal


# Overseas départements and collectivities have their own country code, but people write their numbers the
# French way, as ten digits: "0262 21 34 56" is +262 262 21 34 56 (La Réunion). The national plan gives these
# prefixes to them, so a number valid there is read as theirs before being read as a metropolitan one.
# Saint-Pierre-et-Miquelon has a numbering plan of its own: its numbers are written +508 41 23 45 (05 08 … is a
# metropolitan number).
OVERSEAS_REGIONS = ("RE", "YT", "GP", "MQ", "GF", "BL", "MF")


def _any_kind_of_number(region: str) -> re.Pattern:
    """What every valid number of `region` matches, whatever its kind (fixed, mobile, VoIP…): a quick test that
    spares the full check for the regions a number cannot belong to."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    kinds = (metadata.fixed_line, metadata.mobile, metadata.toll_free, metadata.premium_rate, metadata.shared_cost,
             metadata.personal_number, metadata.voip, metadata.pager, metadata.uan, metadata.voicemail)
    return re.compile("|".join(f"(?:{kind.national_number_pattern})" for kind in kinds
                               if kind is not None and kind.national_number_pattern))


_REGION_NUMBERS = {region: (phonenumbers.country_code_for_region(region), _any_kind_of_number(region))
                   for region in (*OVERSEAS_REGIONS, "FR")}


def _parsed_phone(text: str) -> phonenumbers.PhoneNumber | None:
    """The valid number a French person means by `text`, metropolitan or overseas; None when there is none."""
    digits = "".join(ch for ch in ascii_digits(text) if ch.isdigit())
    national = not text.startswith("+") and not digits.startswith("00")
    regions = (*OVERSEAS_REGIONS, "FR") if national else ("FR",)
    if national and len(digits) == 10 and digits[0] == "0" and not any(ch.isalpha() for ch in text):
        # Ten digits the French way (the usual case): the same answer as parsing in each region, ten times
        # faster (an import checks thousands).
        for region in regions:
            country_code, pattern = _REGION_NUMBERS[region]
            if pattern.fullmatch(digits[1:]):
                number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(digits[1:]))
                if phonenumbers.is_valid_number(number):
                    return number
        return None
    for region in regions:
        try:
            parsed = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return parsed
    return None


@functools.lru_cache(maxsize=1 << 15)
def _e164(text: str) -> str | None:
    """`text` read as a number and written E.164, or None (kept: an import reads each number twice)."""
    parsed = _parsed_phone(text)
    return None if parsed is None else phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone(value: str, field: str = "phone") -> str:
    """Any French way of writing a number, overseas included, stored E.164 with its own country code."""
    text = (value or "").strip()
    if not any(ch.isdigit() for ch in text):
        raise InvalidInput(field, Message("error.phone_unreadable"))
    number = _e164(text)
    if number is None:
        raise InvalidInput(field, Message("error.phone_invalid"))
    return number


def phone_or_none(value: str) -> str | None:
    """The stored form of a typed number, or None when it is not a whole valid number (a search uses it)."""
    try:
        return phone(value)
    except InvalidInput:
        return None


def phone_display(e164: str | None) -> str:
    """A stored number the French way: 06 12 34 56 78, 0262 21 34 56 overseas, international format abroad (and
    for Saint-Pierre-et-Miquelon, dialled that way from France: +508 41 23 45)."""
    if not isinstance(e164, str) or not e164:  # None, or NaN from a table column
        return ""
    try:
        parsed = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(parsed) in ("FR", *OVERSEAS_REGIONS):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Mainland numbers outside the 08 special rates: what phone_display writes 0X XX XX XX XX, by one regex.
_MAINLAND = r"^\+33([1-79])(\d{2})(\d{2})(\d{2})(\d{2})$"


def phones_display(column: pd.Series) -> pd.Series:
    """phone_display over a column, without a parse per row: mainland numbers (nearly all) by one regex, the
    others (overseas, abroad, 08) one by one; no number is ""."""
    text = column.astype("string")
    mainland = text.str.match(_MAINLAND).fillna(False).astype(bool)
    shown = text.str.replace(_MAINLAND, r"0\1 \2 \3 \4 \5", regex=True).astype(object)
    others = ~mainland & text.notna()
    shown[others] = text[others].map(phone_display)
    return shown.where(text.notna(), "")


def postcode(value: str, field: str = "postcode") -> tuple[str, str, str]:
    """(postcode, département, region) of a French postcode, Corsica and overseas included."""
    code = ascii_digits("".join((value or "").split()))
    if len(code) != 5 or not _only_digits(code):
        raise InvalidInput(field, Message("error.postcode_length"))
    dep = vocab.departement_of_postcode(code)
    if dep is None:
        raise InvalidInput(field, Message("error.postcode_unknown"))
    return code, dep, vocab.DEPARTEMENTS_BY_CODE[dep].region


# --- Text, numbers and dates ----------------------------------------------------------------------------

# Characters nobody types on purpose and that change how text reads: control characters (a NUL byte) and the
# bidirectional overrides and isolates that can make "gpj.exe" show as "exe.jpg". Tabs and line breaks are
# whitespace, kept only where a paragraph is expected.
_INVISIBLE = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                            0x061C, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                            0xFEFF])


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Text as stored: no control or bidi-override character; line breaks only in a paragraph."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").translate(_INVISIBLE)
    return value if multiline else value.replace("\n", " ")


@dataclass(frozen=True)
class Bounds:
    """The range a number must fall in: what its meaning allows, well inside its column's type."""

    low: float
    high: float
    whole: bool = True

    def text(self, value: float) -> str:
        return Figure(float(value), digits=0 if self.whole else 1)


# A day rate above this is a typing slip, not a negotiation (the usual ones are under 3,000 €).
MAX_DAY_RATE = 20_000
# Day rates outside this range are unusual enough to ask the person to look twice (not refused).
USUAL_DAY_RATE = (100, 3000)
DAY_RATE = Bounds(1, MAX_DAY_RATE)

# Every number a person types, by field name: the forms show these bounds and the checks apply them.
NUMBERS: dict[str, Bounds] = {
    "years_experience": Bounds(0, 60),
    "availability_days_per_month": Bounds(0, 31),
    "expected_day_rate": DAY_RATE,
    "budget_day_rate": DAY_RATE,
    "agreed_day_rate": DAY_RATE,
    "headcount": Bounds(1, 100),
    "expected_days": Bounds(0, 400),
    "agreed_days": Bounds(0.5, 400, whole=False),
    "duration_min": Bounds(1, 600),
    "client_rating": Bounds(1, 5),
}

_SPACES = str.maketrans("\u00a0\u202f\u2009", "   ")
_DECIMAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# Spaces only ever group thousands: "1 200,50", never "1 2 3".
_GROUPED = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")


def parse_number(raw: object) -> float | None:
    """A finite number typed the French way ("1 200,50") or the English way ("1200.50"); None otherwise
    ("nan", "inf", "1e400", "12 €", "1 2 3")."""
    if isinstance(raw, bool):
        return None
    try:
        if isinstance(raw, numbers.Real):
            value = float(raw)
        else:
            text = ascii_digits(str(raw).translate(_SPACES).strip())
            if " " in text:
                if not _GROUPED.fullmatch(text):
                    return None
                text = text.replace(" ", "")
            if "," in text and "." in text:  # "1.200,50" or "1,200.50": the last mark is the decimal one
                text = text.replace("." if text.rfind(",") > text.rfind(".") else ",", "")
            if not _DECIMAL.fullmatch(text):
                return None
            value = float(text.replace(",", "."))
    except OverflowError:  # an integer beyond any float
        return None
    return value if math.isfinite(value) else None


# "1.200" or "1,200" as an amount: a thousand in one country, one euro twenty in another. Asked, not guessed.
_AMBIGUOUS_THOUSANDS = re.compile(r"\d{1,3}[.,]\d{3}")


def euros(amount: float) -> str:
    """Whole euros: "1 200 €" (said "€1,200" in English)."""
    return Figure(float(round(amount)), euros=True)


# No record of the company's work predates this day; plans (a start, a due date) reach at most this far ahead.
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10


def latest_date(today: date | None = None) -> date:
    today = today or date.today()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def fr_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


_FRENCH_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")


def read_day(text: str, field: str = "") -> date:
    """A date as typed, the French way (31/08/2027, 1/9/2027, 01.09.2027) or ISO: a date that does not exist
    (31/02) is refused, never moved to another day."""
    typed = str(text).strip()
    found = _FRENCH_DAY.match(typed)
    if found is None:
        try:
            return date.fromisoformat(typed)
        except ValueError:
            raise InvalidInput(field, Message("error.date_format")) from None
    day, month, year = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        raise InvalidInput(field, Message("error.date_no_month", typed=typed))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InvalidInput(field, Message("error.date_impossible", typed=typed, days=last))
    return date(year, month, day)


REQUIRED = Message("error.required")
# A paragraph's length; a line's is set per field.
PARAGRAPH = 5000


class Form:
    """Checks the values of one form, field by field, collecting every message before refusing.

    Each method returns the clean value (or None when the field is empty and optional) and records a
    message for the field when the value cannot be saved; `finish()` raises them all at once.
    """

    def __init__(self, data: dict) -> None:
        self.data = data
        self.errors: dict[str, str] = {}
        self.warnings: dict[str, str] = {}

    def _raw(self, field: str, *, multiline: bool = False):
        value = self.data.get(field)
        if isinstance(value, str):
            value = clean_text(value, multiline=multiline).strip()
        return None if value in ("", None, [], ()) else value

    def _missing(self, field: str, required: bool) -> bool:
        if self._raw(field) is None:
            if required:
                self.errors[field] = REQUIRED
            return True
        return False

    def text(self, field: str, *, required: bool = False, max_length: int = 200) -> str | None:
        """A line of text, or a paragraph when `max_length` is a paragraph's."""
        if self._missing(field, required):
            return None
        value = str(self._raw(field, multiline=max_length >= PARAGRAPH))
        if len(value) > max_length:
            self.errors[field] = Message("error.too_long", n=max_length)
            return None
        return value

    def code(self, field: str, terms, *, required: bool = False) -> str | None:
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if value not in terms:
            self.errors[field] = Message("error.pick_one")
            return None
        return value

    def codes(self, field: str, terms, *, required: bool = False) -> str | None:
        """A list of codes (or the stored comma-separated form), stored comma-separated in the vocabulary's order."""
        if self._missing(field, required):
            return None
        raw = self._raw(field)
        values = raw.split(",") if isinstance(raw, str) else list(raw)
        if any(v not in terms for v in values):
            self.errors[field] = Message("error.pick_several")
            return None
        return ",".join(sorted(set(values), key=terms.index))

    def reference(self, field: str, *, required: bool = False) -> int | None:
        """The id of a row picked from a list (a mentor, an organisation…)."""
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            self.errors[field] = Message("error.pick_one")
            return None
        return int(value)

    def _number(self, field: str, required: bool, unreadable: str) -> float | None:
        """A finite number, or None (empty, or unreadable: then the field says so)."""
        if self._missing(field, required):
            return None
        value = parse_number(self._raw(field))
        if value is None:
            self.errors[field] = unreadable
        return value

    def integer(self, field: str, *, required: bool = False) -> int | None:
        """A whole number within the field's bounds (NUMBERS)."""
        bounds = NUMBERS[field]
        value = self._number(field, required, Message("error.whole_number"))
        if value is None:
            return None
        if not value.is_integer() or not bounds.low <= value <= bounds.high:
            self.errors[field] = Message("error.whole_number_between", low=bounds.text(bounds.low),
                                         high=bounds.text(bounds.high))
            return None
        return int(value)

    def number(self, field: str, *, required: bool = False) -> float | None:
        """A number, decimals allowed, within the field's bounds (NUMBERS)."""
        bounds = NUMBERS[field]
        value = self._number(field, required, Message("error.number"))
        if value is None:
            return None
        if not bounds.low <= value <= bounds.high:
            self.errors[field] = Message("error.number_between", low=bounds.text(bounds.low),
                                         high=bounds.text(bounds.high))
            return None
        return value

    def day_rate(self, field: str, *, required: bool = False) -> int | None:
        """A day rate in whole euros: refused below 1 € or above MAX_DAY_RATE, and when "1.200" could be a thousand
        or one euro twenty; rounded (and said so) when typed with cents; a warning when unusual."""
        raw = self._raw(field)
        if isinstance(raw, str) and _AMBIGUOUS_THOUSANDS.fullmatch(raw):
            self.errors[field] = Message("error.ambiguous_thousands", thousands=f"{raw[:-4]} {raw[-3:]}", typed=raw)
            return None
        value = self._number(field, required, Message("error.amount"))
        if value is None:
            return None
        if value <= 0:
            self.errors[field] = Message("error.rate_positive")
            return None
        if value < DAY_RATE.low:
            self.errors[field] = Message("error.rate_min", amount=euros(DAY_RATE.low))
            return None
        if value > MAX_DAY_RATE:
            self.errors[field] = Message("error.rate_max", amount=euros(MAX_DAY_RATE))
            return None
        rounded = math.floor(value + 0.5)
        low, high = USUAL_DAY_RATE
        said = []
        if rounded != value:
            typed = f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")
            said.append(Message("error.rate_rounded", typed=typed, amount=euros(rounded)))
        if not low <= rounded <= high:
            said.append(Message("error.rate_unusual", amount=euros(rounded), low=low, high=euros(high)))
        if said:
            self.warnings[field] = said[0] if len(said) == 1 else Message("error.two_sentences", first=said[0],
                                                                          second=said[1])
        return rounded

    def checked(self, field: str, rule) -> str | None:
        """A value checked by one of this module's rules (email, phone, rpps, postcode)."""
        if self._missing(field, False):
            return None
        try:
            return rule(str(self._raw(field)), field)
        except InvalidInput as exc:
            self.errors[field] = exc.message
            return None

    def _in_range(self, field: str, day: date, latest: date) -> bool:
        if EARLIEST_DATE <= day <= latest:
            return True
        self.errors[field] = Message("error.date_between", low=fr_date(EARLIEST_DATE), high=fr_date(latest))
        return False

    def past(self, field: str, now, *, required: bool = False, message: str = Message("error.future")):
        """A date or time that cannot be in the future (a call that happened, a consent given)."""
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if isinstance(now, datetime) and not isinstance(value, datetime):
            try:
                value = datetime.fromisoformat(str(value))
            except ValueError:
                self.errors[field] = Message("error.datetime_format")
                return None
        elif not isinstance(now, datetime):
            value = self.date(field)
            if value is None:
                return None
        if value > now:
            self.errors[field] = message
            return None
        day = value.date() if isinstance(value, datetime) else value
        if not self._in_range(field, day, latest_date()):
            return None
        return value

    def date(self, field: str, *, required: bool = False):
        """A calendar date (a date object, or text typed the French way or ISO), within the plausible range."""
        if self._missing(field, required):
            return None
        value = self._raw(field)
        if isinstance(value, datetime):
            value = value.date()
        elif not isinstance(value, date):
            try:
                value = read_day(value, field)
            except InvalidInput as exc:
                self.errors[field] = exc.message
                return None
        return value if self._in_range(field, value, latest_date()) else None

    def follow_up(self, action_field: str, due_field: str, *, after=None) -> tuple[str | None, object]:
        """A next action and its due date: an action needs a date, a date needs an action."""
        action = self.text(action_field, max_length=300)
        due = self.date(due_field)
        if action and due is None and due_field not in self.errors:
            self.errors[due_field] = Message("error.due_missing")
        if due is not None and not action:
            self.errors[action_field] = Message("error.action_missing")
        if due is not None and after is not None and due < after:
            self.errors[due_field] = Message("error.due_before")
        return action, due

    def boolean(self, field: str) -> bool:
        return bool(self.data.get(field))

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def finish(self) -> None:
        if self.errors:
            raise FormInvalid(self.errors)


def only_changes(clean: Callable[[dict], tuple[dict, dict]], stored: dict, changes: dict,
                 derived: dict[str, tuple[str, ...]] | None = None) -> tuple[dict, dict]:
    """Check the fields a person changed against the record as stored, and keep only what they changed.

    Rules across fields see the whole record (a specialty needs a doctor); a field the person did not touch is
    never written, so a default can never replace a stored value. `derived` names the fields a change also
    sets (a postcode sets the département and the region)."""
    values, warnings = clean(stored | changes)
    written = set(changes)
    for name in changes:
        written.update((derived or {}).get(name, ()))
    return ({name: value for name, value in values.items() if name in written},
            {name: text for name, text in warnings.items() if name in changes})


class FormInvalid(ValueError):
    """One or more fields that cannot be saved, each with its message (field → message)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors
