"""Interface strings in French (the default) and English: t(key, lang, **values), over catalogs kept per area.

Each area module holds a plain dict, CATALOG, of `"key": ("français", "English")`. Labels of codes (professions,
stages, regions, …) live with their codes in `hyc.vocab`. A sentence the domain says to a person (a refusal, a
warning) is a `Message`: French as a string, with its key and values, so that the interface can say it in the
reader's language.
"""

from __future__ import annotations

from hyc import vocab
from hyc.i18n import (
    admin,
    calls,
    charts,
    console,
    digest,
    documents,
    errors,
    filters,
    forms,
    imports,
    mail,
    matches,
    matching,
    mentoring,
    merge,
    overview,
    pool,
    privacy,
    proposals,
    rates,
    records,
    requests,
    shell,
    tables,
    workshops,
)

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"
_AREAS = (shell, overview, charts, tables, filters, pool, requests, matches, matching, mentoring, rates, records, forms,
          imports, calls, admin, privacy, errors, console, merge, mail,
          proposals, documents, digest, workshops)


def _merged() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for area in _AREAS:
        for key, (fr, en) in area.CATALOG.items():
            if key in catalog:
                raise ValueError(f"{key} is in two catalogs")
            catalog[key] = {"fr": fr, "en": en}
    return catalog


CATALOG = _merged()


def _singular(n: object, lang: str) -> bool:
    """French counts 0 and 1 in the singular ("0 texte modifié"), English only 1 (a Figure counts by its value)."""
    n = getattr(n, "value", n)
    return isinstance(n, int | float) and not isinstance(n, bool) and (n in (0, 1) if lang == "fr" else n == 1)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, with `values` filled in (a Message among them said in `lang` too); an unknown
    key shows as itself. A count `n` that reads in the singular takes the entry `key.one` when there is one."""
    if f"{key}.one" in CATALOG and _singular(values.get("n"), lang):
        key = f"{key}.one"
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if not values:
        return text
    return text.format(**{name: _said(value, lang) for name, value in values.items()})


THIN_SPACE = "\u202f"  # French thousands separator, also before "€"


def figure_text(value: float, lang: str, *, euros: bool = False, digits: int = 0) -> str:
    """A number the way `lang` writes it, the one rule of the app: "2 760 €", "6,5" in French; "€2,760", "6.5" in
    English. Up to `digits` decimals, none written when they are zero; euros show cents only when there are some."""
    if euros and not float(value).is_integer():
        digits = 2
    text = f"{value:,.{digits}f}"
    if digits and not euros:
        text = text.rstrip("0").rstrip(".")
    if lang != "en":
        text = text.replace(",", THIN_SPACE).replace(".", ",")
    if euros:
        return f"€{text}" if lang == "en" else f"{text}{THIN_SPACE}€"
    return text


class Figure(str):
    """A number in a sentence the domain says: French as a str (logs, the command line), and said in the reader's
    language inside a Message ("2 760 €" / "€2,760")."""

    value: float
    euros: bool
    digits: int

    def __new__(cls, value: float, *, euros: bool = False, digits: int = 0) -> Figure:
        figure = super().__new__(cls, figure_text(value, DEFAULT_LANGUAGE, euros=euros, digits=digits))
        figure.value, figure.euros, figure.digits = value, euros, digits
        return figure

    def said(self, lang: str) -> str:
        return figure_text(self.value, lang, euros=self.euros, digits=self.digits)


def _said(value: object, lang: str) -> object:
    """A value of a sentence in `lang`: a Message, a figure or a vocabulary term said in `lang`; a list said as an
    enumeration ("a, b"), a tuple as clauses ("a ; b")."""
    if isinstance(value, Message | Figure):
        return value.said(lang)
    if isinstance(value, vocab.Term):
        return value.label(lang)
    if isinstance(value, list):
        return ", ".join(str(_said(item, lang)) for item in value)
    if isinstance(value, tuple):
        return " ; ".join(str(_said(item, lang)) for item in value)
    return value


class Message(str):
    """A sentence for a person, from the domain: its French text (a str, what logs and the command line show),
    with its catalog key and values, so that the interface can say it in the reader's language."""

    key: str
    values: dict

    def __new__(cls, key: str, **values: object) -> Message:
        message = super().__new__(cls, t(key, DEFAULT_LANGUAGE, **values))
        message.key, message.values = key, values
        return message

    def said(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


def said(text: object, lang: str) -> str:
    """Any sentence for a person in `lang`: a Message translated, any other text as it is."""
    return text.said(lang) if isinstance(text, Message) else str(text)


# The form fields' labels (the keys of the catalogs that name them), for messages that name a field.
FIELD_LABELS = {
    "first_name": "col.first_name", "last_name": "col.last_name", "email": "col.email", "phone": "col.phone",
    "postcode": "col.postcode", "profession": "col.profession", "specialty": "col.specialty",
    "practice_setting": "col.setting", "years_experience": "field.years_experience", "rpps": "field.rpps",
    "availability_days_per_month": "col.availability", "work_mode": "col.work_mode",
    "mission_types": "col.missions_wanted", "digital_appetite": "col.appetite", "ai_trained": "col.ai_trained",
    "expected_day_rate": "field.expected_day_rate", "legal_status": "col.legal_status", "cumul_status": "col.cumul",
    "consent_date": "field.consent_date", "consent_method": "field.consent_method",
    "lawful_basis": "field.lawful_basis", "profile_confirmed_on": "col.confirmed_on", "source": "col.source",
    "mentor_id": "col.mentor", "notes": "col.notes", "name": "field.org_name", "kind": "col.org_kind",
    "makes_health_products": "field.makes_health_products", "city": "col.city", "region": "col.region",
    "website": "col.website", "role": "col.role", "title": "field.title", "description": "field.description",
    "mission_type": "col.mission_type", "professions": "col.professions", "specialties": "col.specialties",
    "headcount": "col.headcount", "start_date": "col.start_date", "expected_days": "field.expected_days",
    "budget_day_rate": "field.budget_day_rate", "priority": "col.priority", "owner_id": "col.owner",
    "occurred_on": "col.date", "occurred_hour": "field.hour", "member_id": "col.member", "duration_min":
    "field.duration", "summary": "col.summary", "outcome": "col.outcome", "next_action": "col.next_action",
    "next_action_due": "col.due", "topics": "col.topics", "agreed_day_rate": "field.agreed_day_rate",
    "agreed_days": "field.agreed_days", "mission_start": "col.mission_start",
    "conflict_checked": "field.conflict_checked", "convention_status": "col.convention",
    "convention_submitted_on": "field.convention_submitted_on", "convention_decided_on": "field.convention_decided_on",
    "stage": "field.next_stage", "reason": "col.exit_reason", "status": "col.status",
    "caregiver_ids": "col.caregivers", "before": "audit.before", "after": "audit.after",
    "caregiver_feedback": "field.caregiver_feedback", "client_feedback": "field.client_feedback",
    "specialties_required": "field.specialties_required", "place_required": "field.place_required",
    "digital_appetites": "field.digital_appetites", "appetite_required": "field.appetite_required",
    "about_ai": "field.about_ai", "ai_required": "field.ai_required",
    "confidential": "field.confidential",
}


def field_label(name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored field's name as people read it ("expected_day_rate" → "Tarif souhaité (€ / jour)")."""
    return t(FIELD_LABELS[name], lang) if name in FIELD_LABELS else name
