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
    "mentoring.late": ("En retard", "Overdue"),
    "mentoring.due": ("À faire", "Due"),
}
