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
    "rates.hint": ("{shown} tarifs convenus. Un stage M2 se paie en gratification, pas en honoraires.",
                   "{shown} agreed rates. An M2 internship pays a stipend, not fees."),
    "rates.hint.one": ("{shown} tarif convenu. Un stage M2 se paie en gratification, pas en honoraires.",
                       "{shown} agreed rate. An M2 internship pays a stipend, not fees."),
    "rates.few": ("{n} tarifs convenus : pas une référence", "{n} agreed rates: not a reference"),
    "rates.few.one": ("{n} tarif convenu : pas une référence", "{n} agreed rate: not a reference"),
    "rates.reference_wider": ("Référence : toute la profession pour ce type de mission",
                              "Reference: the whole profession for this mission type"),
    "rates.reference_wider_why": ("Ces filtres ne comptent que {n} tarifs convenus : voici les tarifs convenus de la "
                                  "profession entière, sans filtre de spécialité.",
                                  "These filters count only {n} agreed rates: here are the agreed rates of the whole "
                                  "profession, with no specialty filter."),
    "rates.reference_wider_why.one": ("Ces filtres ne comptent que {n} tarif convenu : voici les tarifs convenus de "
                                      "la profession entière, sans filtre de spécialité.",
                                      "These filters count only {n} agreed rate: here are the agreed rates of the "
                                      "whole profession, with no specialty filter."),
    "rates.reference_expected": ("Référence : les tarifs souhaités du vivier", "Reference: the rates the pool expects"),
    "rates.reference_expected_why": ("Ces filtres ne comptent que {n} tarifs convenus, trop peu pour conseiller : "
                                     "voici les tarifs que les soignants du vivier disent souhaiter.",
                                     "These filters count only {n} agreed rates, too few to advise from: here are "
                                     "the rates the pool's caregivers say they expect."),
    "rates.reference_expected_why.one": ("Ces filtres ne comptent que {n} tarif convenu, trop peu pour conseiller : "
                                         "voici les tarifs que les soignants du vivier disent souhaiter.",
                                         "These filters count only {n} agreed rate, too few to advise from: here "
                                         "are the rates the pool's caregivers say they expect."),
    "col.reference": ("Fiabilité", "Reliability"),
}
