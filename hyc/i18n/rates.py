"""The rates page."""

CATALOG = {
    "rates.title": ("Tarifs journaliers", "Day rates"),
    "rates.caption": ("Tarifs convenus sur les propositions retenues : la référence pour conseiller un soignant "
                      "sur ce qu'il peut demander.",
                      "Rates agreed on selected matches: the benchmark to advise a caregiver on what to ask."),
    "rates.by": ("Regrouper par", "Group by"),
    "rates.by_profession": ("Profession", "Profession"),
    "rates.by_specialty": ("Spécialité", "Specialty"),
    "rates.by_mission_type": ("Type de mission", "Mission type"),
    "rates.hint": ("{n} tarifs convenus. Un stage M2 se paie en gratification, pas en honoraires.",
                   "{n} agreed rates. An M2 internship pays a stipend, not fees."),
}
