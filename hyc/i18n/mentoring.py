"""The mentoring page."""

CATALOG = {
    "mentoring.title": ("Accompagnement", "Mentoring"),
    "mentoring.followed": ("Soignants suivis", "Caregivers followed"),
    "mentoring.stalled": ("Bloqués", "Stalled"),
    "mentoring.stalled_help": ("Pas encore prêts pour une mission et sans progrès depuis {days} jours.",
                               "Not yet ready for a mission and no progress for {days} days."),
    "mentoring.overdue": ("Actions en retard", "Overdue actions"),
    "mentoring.tab_mine": ("Mes soignants", "My caregivers"),
    "mentoring.tab_progress": ("Progression", "Progress"),
    "mentoring.tab_stalled": ("Bloqués ({n})", "Stalled ({n})"),
    "mentoring.tab_actions": ("Prochaines actions ({n})", "Next actions ({n})"),
    "mentoring.pick_mentor": ("Choisissez un seul mentor dans les filtres pour voir ses soignants.",
                              "Pick a single mentor in the filters to see their caregivers."),
    # "Première mission faite" follows the matches (hyc.mentoring.FOLLOWS_MATCHES): shown, never ticked by hand.
    "mentoring.step_follows_matches": ("Suit les propositions terminées", "Follows the completed matches"),
    "error.step_follows_matches": ("Cette étape suit les propositions : elle est faite dès qu'une proposition du "
                                   "soignant est terminée, et ne se coche pas à la main.",
                                   "This step follows the matches: it is done as soon as one of the caregiver's "
                                   "matches is completed, and is not ticked by hand."),
    "mentoring.late": ("En retard", "Overdue"),
    "mentoring.due": ("À faire", "Due"),
    # The week of next actions.
    "week.title": ("Prochaines actions", "Next actions"),
    "week.overdue": ("En retard ({n})", "Overdue ({n})"),
    "week.today": ("Aujourd'hui ({n})", "Today ({n})"),
    "week.this_week": ("Cette semaine ({n})", "This week ({n})"),
    "week.later": ("Plus tard ({n})", "Later ({n})"),
    "week.empty_overdue": ("Rien en retard.", "Nothing overdue."),
    "week.empty_today": ("Rien pour aujourd'hui.", "Nothing for today."),
    "week.empty_this_week": ("Rien d'autre cette semaine.", "Nothing else this week."),
    "week.empty_later": ("Rien de prévu plus tard.", "Nothing planned later."),
    "week.pick_hint": ("Cochez des actions pour les marquer faites, les reporter ou les confier.",
                       "Tick actions to mark them done, move them or hand them over."),
    "week.ticked": ("{n} actions cochées.", "{n} actions ticked."),
    "week.ticked.one": ("{n} action cochée.", "{n} action ticked."),
    "week.done": ("Marquer fait", "Mark done"),
    "week.move_to": ("Reporter au", "Move to"),
    "week.move": ("Reporter", "Move"),
    "week.hand_to": ("Confier à", "Hand to"),
    "week.hand": ("Confier", "Hand over"),
    "mentoring.tab_stuck": ("Travail bloqué ({n})", "Stuck work ({n})"),
    "mentoring.stuck_of": ("Mises en relation et besoins dont {name} est responsable, restés dans leur étape ou "
                           "leur statut au-delà du seuil.",
                           "Matches and requests owned by {name} that stayed in their stage or status beyond the "
                           "threshold."),
    "mentoring.stuck_all": ("Mises en relation et besoins de toute l'équipe restés au-delà du seuil de leur étape "
                            "ou de leur statut.",
                            "The whole team's matches and requests that stayed beyond their stage's or status's "
                            "threshold."),
    "mentoring.tab_call_back": ("À rappeler ({n})", "To call back ({n})"),
    "mentoring.call_back_hint": ("Profil pas confirmé avec la personne, ou aucun appel, depuis {days} jours : un "
                                 "appel garde le vivier juste.",
                                 "Profile not confirmed with the person, or no call, for {days} days: a call keeps "
                                 "the pool true."),
    "mentoring.scope_mine": ("Mes soignants", "My caregivers"),
    "mentoring.scope_team": ("Toute l'équipe", "The whole team"),
}
