"""The rates page."""

CATALOG = {
    "rates.title": ("Tarifs journaliers", "Day rates"),
    "rates.caption": ("{shown} tarifs des contrats signés : contrat signé, en mission ou terminée. La référence pour "
                      "conseiller un soignant sur ce qu'il peut demander, à côté de ce qu'attend le vivier.",
                      "{shown} rates of signed contracts: contract signed, on mission or completed. The benchmark to "
                      "advise a caregiver on what to ask, beside what the pool expects."),
    "rates.caption.one": ("{shown} tarif des contrats signés : contrat signé, en mission ou terminée. La référence "
                          "pour conseiller un soignant sur ce qu'il peut demander, à côté de ce qu'attend le vivier.",
                          "{shown} rate of signed contracts: contract signed, on mission or completed. The benchmark "
                          "to advise a caregiver on what to ask, beside what the pool expects."),
    "rates.by": ("Regrouper par", "Group by"),
    "rates.by_profession": ("Profession", "Profession"),
    "rates.by_specialty": ("Spécialité", "Specialty"),
    "rates.by_mission_type": ("Type de mission", "Mission type"),
    "rates.hint": ("Un stage M2 se paie en gratification, pas en honoraires.",
                   "An M2 internship pays a stipend, not fees."),
    "rates.empty": ("Aucun tarif de contrat signé avec ces filtres : un tarif compte ici une fois son contrat signé.",
                    "No signed contract's rate with these filters: a rate counts here once its contract is signed."),
    "rates.few": ("{n} tarifs convenus : pas une référence", "{n} agreed rates: not a reference"),
    "rates.few.one": ("{n} tarif convenu : pas une référence", "{n} agreed rate: not a reference"),
    "rates.reference_wider": ("Référence : toute la profession pour ce type de mission",
                              "Reference: the whole profession for this mission type"),
    "rates.reference_wider_why": ("Ces filtres ne comptent que {n} tarifs de contrats signés : voici ceux de la "
                                  "profession entière, sans filtre de spécialité.",
                                  "These filters count only {n} rates of signed contracts: here are those of the "
                                  "whole profession, with no specialty filter."),
    "rates.reference_wider_why.one": ("Ces filtres ne comptent que {n} tarif de contrat signé : voici ceux de la "
                                      "profession entière, sans filtre de spécialité.",
                                      "These filters count only {n} rate of a signed contract: here are those of the "
                                      "whole profession, with no specialty filter."),
    "rates.reference_expected": ("Référence : les tarifs souhaités du vivier", "Reference: the rates the pool expects"),
    "rates.reference_expected_why": ("Ces filtres ne comptent que {n} tarifs de contrats signés, trop peu pour "
                                     "conseiller : voici les tarifs que les soignants du vivier disent souhaiter.",
                                     "These filters count only {n} rates of signed contracts, too few to advise "
                                     "from: here are the rates the pool's caregivers say they expect."),
    "rates.reference_expected_why.one": ("Ces filtres ne comptent que {n} tarif de contrat signé, trop peu pour "
                                         "conseiller : voici les tarifs que les soignants du vivier disent souhaiter.",
                                         "These filters count only {n} rate of a signed contract, too few to advise "
                                         "from: here are the rates the pool's caregivers say they expect."),
    "rates.show_declined": ("Montrer les offres déclinées pour tarif insuffisant",
                            "Show the offers declined as too low"),
    "rates.declined_title": ("Offres déclinées pour tarif insuffisant : ce qui était trop bas",
                             "Offers declined as too low: what was too low"),
    "rates.declined_caption": ("{shown} propositions déclinées par le soignant pour « tarif insuffisant », avec le "
                               "tarif proposé. Elles ne comptent pas dans les tarifs des contrats signés.",
                               "{shown} matches the caregiver declined as \"rate too low\", with the rate offered. "
                               "They do not count among the rates of signed contracts."),
    "rates.declined_caption.one": ("{shown} proposition déclinée par le soignant pour « tarif insuffisant », avec "
                                   "le tarif proposé. Elle ne compte pas dans les tarifs des contrats signés.",
                                   "{shown} match the caregiver declined as \"rate too low\", with the rate offered. "
                                   "It does not count among the rates of signed contracts."),
    "rates.declined_empty": ("Aucune offre déclinée pour tarif insuffisant, avec un tarif saisi, pour ces filtres.",
                             "No offer declined as too low, with a rate typed, for these filters."),
    "rates.declined_axis": ("Tarif journalier proposé puis décliné", "Day rate offered, then declined"),
    # customdata: q1, median, q3, min, max, n (hyc.charts.rate_boxes); numbers with the reader's separators.
    "rates.declined_hover": ("<b>%{y}</b><br>Médiane : %{customdata[1]:,.0f} €<br>"
                             "1er au 3e quartile : %{customdata[0]:,.0f} à %{customdata[2]:,.0f} €<br>"
                             "Min et max : %{customdata[3]:,.0f} et %{customdata[4]:,.0f} €<br>"
                             "%{customdata[5]:,.0f} offres déclinées<extra></extra>",
                             "<b>%{y}</b><br>Median: €%{customdata[1]:,.0f}<br>"
                             "1st to 3rd quartile: €%{customdata[0]:,.0f} to €%{customdata[2]:,.0f}<br>"
                             "Min and max: €%{customdata[3]:,.0f} and €%{customdata[4]:,.0f}<br>"
                             "%{customdata[5]:,.0f} declined offers<extra></extra>"),
    "rates.declined_chart_profession": ("Tarifs déclinés comme insuffisants par profession (boîte : 1er au 3e "
                                        "quartile, trait : médiane, extrémités : min et max)",
                                        "Rates declined as too low by profession (box: 1st to 3rd quartile, line: "
                                        "median, whiskers: min and max)"),
    "rates.declined_chart_specialty": ("Tarifs déclinés comme insuffisants par spécialité (boîte : 1er au 3e "
                                       "quartile, trait : médiane, extrémités : min et max)",
                                       "Rates declined as too low by specialty (box: 1st to 3rd quartile, line: "
                                       "median, whiskers: min and max)"),
    "rates.declined_chart_mission_type": ("Tarifs déclinés comme insuffisants par type de mission (boîte : 1er au "
                                          "3e quartile, trait : médiane, extrémités : min et max)",
                                          "Rates declined as too low by mission type (box: 1st to 3rd quartile, "
                                          "line: median, whiskers: min and max)"),
    "col.reference": ("Fiabilité", "Reliability"),
    "col.expected_median": ("Attendu par le vivier (médiane)", "Expected by the pool (median)"),
    "col.expected_n": ("Soignants du vivier ayant donné un tarif", "Pool caregivers who gave a rate"),
}
