"""The matches page."""

CATALOG = {
    "matches.title": ("Propositions", "Matches"),
    "matches.board": ("Pipeline : propositions en cours par étape", "Pipeline: matches in progress by stage"),
    "matches.board_help": ("Propositions ni terminées ni sorties, à leur étape actuelle.",
                           "Matches neither completed nor exited, at their current stage."),
    "matches.conversion_hint": ("Conversion : part des propositions arrivées au contrat signé.",
                                "Conversion: share of matches that reached a signed contract."),
    "matches.durations_hint": ("Temps entre l'entrée dans l'étape et l'événement suivant ; les propositions encore "
                               "dans l'étape ne comptent pas.",
                               "Time from entering the stage to the next event; matches still in the stage do not "
                               "count."),
}
