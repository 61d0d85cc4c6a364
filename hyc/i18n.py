"""Interface strings in French (the default) and English: t(key, lang, **values).

Labels of codes (professions, stages, regions, …) live with their codes in `hyc.vocab`.
"""

from __future__ import annotations

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"

CATALOG: dict[str, dict[str, str]] = {
    # Shell
    "app.title": {"fr": "Hack Your Care", "en": "Hack Your Care"},
    "app.tagline": {"fr": "Le tableau de bord de l'équipe", "en": "The team's dashboard"},
    "app.language": {"fr": "Langue", "en": "Language"},
    "app.store": {"fr": "Base : {path}", "en": "Store: {path}"},
    "app.store_error": {
        "fr": "La base de données n'est pas disponible : {reason}",
        "en": "The database is not available: {reason}",
    },
    "nav.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    # Overview
    "overview.title": {"fr": "Vue d'ensemble", "en": "Overview"},
    "overview.caption": {
        "fr": "Santé du pipeline au {date} : vivier, besoins ouverts et propositions.",
        "en": "Pipeline health on {date}: talent pool, open requests and matches.",
    },
    "overview.pool": {"fr": "Soignants dans le vivier", "en": "Caregivers in the pool"},
    "overview.pool_help": {
        "fr": "Soignants non archivés, toutes étapes d'accompagnement confondues.",
        "en": "Caregivers not archived, at any onboarding step.",
    },
    "overview.ready": {"fr": "Prêts pour une mission", "en": "Ready for a mission"},
    "overview.open_requests": {"fr": "Besoins ouverts", "en": "Open requests"},
    "overview.active_matches": {"fr": "Propositions en cours", "en": "Matches in progress"},
    "overview.signed": {"fr": "Contrats signés", "en": "Contracts signed"},
    "overview.signed_help": {
        "fr": "Propositions ayant atteint « contrat signé », depuis le début.",
        "en": "Matches that reached 'contract signed', all time.",
    },
    "chart.pool_by_profession": {
        "fr": "Soignants du vivier par profession", "en": "Caregivers in the pool by profession",
    },
    "chart.open_by_status": {"fr": "Besoins ouverts par statut", "en": "Open requests by status"},
    "chart.funnel": {
        "fr": "Entonnoir des propositions : combien atteignent chaque étape",
        "en": "Match funnel: how many reach each stage",
    },
    "chart.funnel_hint": {
        "fr": "Pourcentage : part des propositions de l'étape précédente qui atteignent celle-ci.",
        "en": "Percentage: share of the previous stage's matches that reach this one.",
    },
    "axis.caregivers": {"fr": "Soignants", "en": "Caregivers"},
    "axis.requests": {"fr": "Besoins", "en": "Requests"},
    "axis.matches": {"fr": "Propositions", "en": "Matches"},
    "axis.profession": {"fr": "Profession", "en": "Profession"},
    "axis.status": {"fr": "Statut", "en": "Status"},
    "axis.stage": {"fr": "Étape", "en": "Stage"},
    "empty.pool": {
        "fr": "Le vivier est vide : enregistrez un appel d'accueil ou chargez la démo (`python -m hyc demo`).",
        "en": "The pool is empty: log a welcome call or load the demo (`python -m hyc demo`).",
    },
    "empty.open_requests": {
        "fr": "Aucun besoin ouvert : tous les besoins sont pourvus, terminés ou clos.",
        "en": "No open request: every request is filled, completed or closed.",
    },
    "empty.funnel": {
        "fr": "Aucune proposition pour l'instant : placez des soignants sur un besoin pour voir l'entonnoir.",
        "en": "No match yet: put caregivers on a request to see the funnel.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, with `values` filled in; an unknown key shows as itself."""
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
