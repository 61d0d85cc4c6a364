"""Chart titles and axes."""

CATALOG = {
    "chart.pool_by_profession": ("Soignants du vivier par profession", "Caregivers in the pool by profession"),
    "chart.open_by_status": ("Besoins ouverts par statut", "Open requests by status"),
    "chart.funnel": ("Entonnoir des propositions : combien atteignent chaque étape",
                     "Match funnel: how many reach each stage"),
    "chart.funnel_hint": ("Pourcentage : part des propositions de l'étape précédente qui atteignent celle-ci.",
                          "Percentage: share of the previous stage's matches that reach this one."),
    "axis.caregivers": ("Soignants", "Caregivers"),
    "axis.requests": ("Besoins", "Requests"),
    "axis.matches": ("Propositions", "Matches"),
    "axis.profession": ("Profession", "Profession"),
    "axis.status": ("Statut", "Status"),
    "axis.stage": ("Étape", "Stage"),
    "chart.pool_growth": ("Croissance du vivier par profession (fin de mois)",
                          "Pool growth by profession (end of month)"),
    "chart.other_professions": ("Autres professions", "Other professions"),
    "chart.open_by_age": ("Besoins ouverts par statut et par ancienneté", "Open requests by status and age"),
    "chart.supply_demand": ("Offre et demande par profil (pénuries en haut)",
                            "Supply and demand by profile (shortages first)"),
    "chart.supply_demand_hint": ("Demande : effectif encore à pourvoir dans les besoins ouverts (un panel "
                                 "multi-spécialités se répartit entre ses spécialités). Offre : soignants prêts "
                                 "pour une mission. {shortages} profils en pénurie.",
                                 "Demand: headcount still to fill in open requests (a multi-specialty panel is "
                                 "spread over its specialties). Supply: caregivers ready for a mission. "
                                 "{shortages} profiles short."),
    "axis.month": ("Mois", "Month"),
    "axis.demand": ("Places à pourvoir", "Places to fill"),
    "axis.supply": ("Soignants prêts", "Ready caregivers"),
    "axis.people": ("Personnes", "People"),
    "axis.conversion": ("Part arrivée au contrat signé", "Share that reached a signed contract"),
    "axis.days": ("Jours (médiane)", "Days (median)"),
    "axis.share_done": ("Part des soignants", "Share of caregivers"),
    "axis.day_rate": ("Tarif journalier convenu", "Agreed day rate"),
    "chart.pool_by_specialty": ("Médecins du vivier par spécialité", "Doctors in the pool by specialty"),
    "chart.pool_by_region": ("Soignants par région (outre-mer sous la ligne)",
                             "Caregivers by region (overseas below the line)"),
    "chart.active_by_stage": ("Propositions en cours par étape et type de mission",
                              "Matches in progress by stage and mission type"),
    "chart.conversion_mission": ("Conversion par type de mission (nombre de propositions)",
                                 "Conversion by mission type (number of matches)"),
    "chart.conversion_org": ("Conversion par type d'organisation (nombre de propositions)",
                             "Conversion by organisation kind (number of matches)"),
    "chart.stage_days": ("Jours passés dans chaque étape (médiane)", "Days spent in each stage (median)"),
    "chart.exits": ("Sorties du parcours et leurs motifs", "Exits from the path and their reasons"),
    "chart.step_completion": ("Part des soignants ayant franchi chaque étape", "Share of caregivers who did each step"),
    "chart.caregivers_per_stage": ("Soignants par dernière étape franchie", "Caregivers by last step done"),
    "chart.time_to_ready": ("Jours du premier appel à « prêt(e) pour une mission » (médiane, par profession)",
                            "Days from first call to 'ready for a mission' (median, by profession)"),
    # customdata: q1, median, q3, min, max, n (hyc.charts.rate_boxes); numbers with the reader's separators.
    "chart.rates_hover": ("<b>%{y}</b><br>Médiane : %{customdata[1]:,.0f} €<br>"
                          "1er au 3e quartile : %{customdata[0]:,.0f} à %{customdata[2]:,.0f} €<br>"
                          "Min et max : %{customdata[3]:,.0f} et %{customdata[4]:,.0f} €<br>"
                          "%{customdata[5]:,.0f} tarifs convenus<extra></extra>",
                          "<b>%{y}</b><br>Median: €%{customdata[1]:,.0f}<br>"  # euros first, as English writes them
                          "1st to 3rd quartile: €%{customdata[0]:,.0f} to €%{customdata[2]:,.0f}<br>"
                          "Min and max: €%{customdata[3]:,.0f} and €%{customdata[4]:,.0f}<br>"
                          "%{customdata[5]:,.0f} agreed rates<extra></extra>"),
    "chart.rates_profession": ("Tarifs convenus par profession (boîte : 1er au 3e quartile, trait : médiane, "
                               "extrémités : min et max)",
                               "Agreed rates by profession (box: 1st to 3rd quartile, line: median, "
                               "whiskers: min and max)"),
    "chart.rates_specialty": ("Tarifs convenus par spécialité (boîte : 1er au 3e quartile, trait : médiane, "
                              "extrémités : min et max)",
                              "Agreed rates by specialty (box: 1st to 3rd quartile, line: median, "
                              "whiskers: min and max)"),
    "chart.rates_mission_type": ("Tarifs convenus par type de mission (boîte : 1er au 3e quartile, trait : médiane, "
                                 "extrémités : min et max)",
                                 "Agreed rates by mission type (box: 1st to 3rd quartile, line: median, "
                                 "whiskers: min and max)"),
}
