"""The Overview page."""

CATALOG = {
    "overview.title": ("Vue d'ensemble", "Overview"),
    "overview.to_call_back": ("Soignants à rappeler", "Caregivers to call back"),
    "overview.to_call_back_help": ("Profil non confirmé ou aucun appel depuis {days} jours : la liste est sur la "
                                   "page Accompagnement.",
                                   "Profile not confirmed or no call for {days} days: the list is on the "
                                   "Mentoring page."),
    "overview.period": ("Période de l'entonnoir et de la croissance (les tuiles comparent toujours 30 jours)",
                        "Period of the funnel and the growth chart (the tiles always compare 30 days)"),
    "overview.period_30": ("30 jours", "30 days"),
    "overview.period_90": ("Trimestre", "Quarter"),
    "overview.period_365": ("Année", "Year"),
    "overview.period_all": ("Depuis le début", "All time"),
    "overview.since": ("Propositions faites depuis le {date}.", "Matches put forward since {date}."),
    "overview.all_time": ("Toutes les propositions, depuis le début.", "Every match, since the start."),
    "overview.caption": ("Santé du pipeline au {date}. Les flèches comparent aux {days} jours précédents.",
                         "Pipeline health on {date}. Arrows compare with the {days} days before."),
    "overview.pool": ("Soignants dans le vivier", "Caregivers in the pool"),
    "overview.pool_help": ("Soignants non archivés, toutes étapes d'accompagnement confondues.",
                           "Caregivers not archived, at any onboarding step."),
    "overview.ready": ("Prêts pour une mission", "Ready for a mission"),
    "overview.open_requests": ("Besoins ouverts", "Open requests"),
    "overview.active_matches": ("Propositions en cours", "Matches in progress"),
    "overview.signed": ("Contrats signés", "Contracts signed"),
    "overview.signed_help": ("Propositions ayant atteint « contrat signé », depuis le début.",
                             "Matches that reached 'contract signed', all time."),
    "overview.new_caregivers": ("Nouveaux soignants", "New caregivers"),
    "overview.window_help": ("Sur les {days} derniers jours.", "Over the last {days} days."),
    "overview.fill_rate": ("Taux de pourvoi", "Fill rate"),
    "overview.fill_rate_help": ("Parmi les besoins arrivés à une issue sur les {days} derniers jours (pourvu, "
                                "annulé ou perdu), part des besoins pourvus.",
                                "Among requests that reached an outcome in the last {days} days (filled, cancelled "
                                "or lost), the share filled."),
    "overview.first_candidate": ("Délai du 1er candidat", "Time to first candidate"),
    "overview.first_candidate_help": ("Médiane des jours entre l'arrivée d'un besoin et sa première proposition, "
                                      "pour les premières propositions des {days} derniers jours.",
                                      "Median days from a request's arrival to its first match, for first matches "
                                      "in the last {days} days."),
    "overview.time_to_fill": ("Délai pour pourvoir", "Time to fill"),
    "overview.time_to_fill_help": ("Médiane des jours entre l'arrivée d'un besoin et le moment où il est pourvu, "
                                   "pour les besoins pourvus sur les {days} derniers jours.",
                                   "Median days from a request's arrival to being filled, for requests filled in "
                                   "the last {days} days."),
    "overview.attention": ("À traiter", "Needs attention"),
    "overview.attention_list": ("Liste affichée", "List shown"),
    "overview.at_risk": ("Besoins à risque ({n})", "Requests at risk ({n})"),
    "overview.at_risk_help": ("Besoins ouverts depuis plus de {days} jours sans aucun candidat encore en lice "
                              "(aucun proposé, ou tous partis : déclinés, refusés, abandonnés).",
                              "Requests open for more than {days} days with no candidate still in the running "
                              "(none put forward, or all gone: declined, rejected, dropped)."),
    "overview.stuck": ("Travail bloqué ({n})", "Stuck work ({n})"),
    "overview.stuck_help": ("Mises en relation et besoins restés dans la même étape ou le même statut au-delà de "
                            "leur seuil en jours (réglages HYC_STUCK_MATCH_DAYS et HYC_STUCK_REQUEST_DAYS), avec "
                            "leur responsable : celui ou celle du besoin. Les plus en retard sur leur seuil d'abord.",
                            "Matches and requests that stayed in one stage or status beyond its threshold in days "
                            "(settings HYC_STUCK_MATCH_DAYS and HYC_STUCK_REQUEST_DAYS), with their owner: the "
                            "request's. Furthest beyond their threshold first."),
    "overview.stuck_by_owner": ("Par responsable : {counts}", "By owner: {counts}"),
    "overview.stuck_by_owner_more": ("Par responsable : {counts} ; {n} chez {owners} autres responsables",
                                     "By owner: {counts}; {n} with {owners} other owners"),
    "empty.stuck": ("Rien n'attend au-delà de son seuil : aucun travail bloqué.",
                    "Nothing has waited beyond its threshold: no stuck work."),
    "overview.overdue": ("Actions en retard ({n})", "Overdue actions ({n})"),
    "overview.overdue_help": ("Prochaines actions dont l'échéance est passée, toutes équipes confondues : les plus "
                              "récentes d'abord.",
                              "Next actions past their due date, whoever owns them: the most recent first."),
    "age.a0_7": ("0 à 7 jours", "0 to 7 days"),
    "age.a8_30": ("8 à 30 jours", "8 to 30 days"),
    "age.a31_90": ("31 à 90 jours", "31 to 90 days"),
    "age.a91": ("Plus de 90 jours", "Over 90 days"),
}
