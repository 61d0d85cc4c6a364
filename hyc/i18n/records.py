"""The records a row opens."""

CATALOG = {
    "record.close": ("Fermer la fiche", "Close record"),
    "record.not_found": ("Cette fiche n'existe pas (ou plus) : vérifiez le lien.",
                         "This record does not exist (any more): check the link."),
    "record.caregiver_caption": ("Dernière étape franchie : {stage} · dans le vivier depuis le {since}",
                                 "Last step done: {stage} · in the pool since {since}"),
    "record.years": ("{n} ans", "{n} years"),
    "record.days_per_month": ("{n} j / mois", "{n} days / month"),
    "record.tab_steps": ("Accompagnement", "Onboarding"),
    "record.tab_calls": ("Appels ({n})", "Calls ({n})"),
    "record.tab_matches": ("Propositions et missions ({n})", "Matches and missions ({n})"),
    "record.tab_mentoring": ("Mentorat ({n})", "Mentoring ({n})"),
    "record.tab_history": ("Historique", "History"),
    "record.tab_contacts": ("Contacts ({n})", "Contacts ({n})"),
    "record.tab_requests": ("Besoins ({n})", "Requests ({n})"),
    "record.see_organisation": ("Voir l'organisation", "See organisation"),
    "record.request_caption": ("{organisation} · {status} · reçu le {since}",
                               "{organisation} · {status} · received on {since}"),
    "record.tab_edit": ("Modifier", "Edit"),
    "record.tab_actions": ("Prochaines actions ({n})", "Next actions ({n})"),
    "record.back": ("Retour : {page}", "Back: {page}"),
    "record.tab_candidates": ("Candidats classés", "Ranked candidates"),
    "record.missing": ("Profil à compléter (onglet « Modifier ») : {fields}.",
                       "Profile to complete (\"Edit\" tab): {fields}."),
    "record.archived": ("Fiche archivée : elle n'apparaît plus dans les listes ni dans les chiffres. Restaurez-la "
                        "pour la remettre en service.",
                        "Archived record: no longer in lists or figures. Restore it to bring it back."),
    "record.archived_short": ("archivé", "archived"),
    "record.archive_help": ("Archiver retire la fiche des listes et des chiffres sans rien effacer ; elle se "
                            "restaure à tout moment.",
                            "Archiving hides the record from lists and figures without deleting anything; it can "
                            "be restored at any time."),
    "record.archive": ("Archiver", "Archive"),
    "record.restore": ("Restaurer", "Restore"),
    "record.archived_done": ("Fiche archivée.", "Record archived."),
    "record.restored": ("Fiche restaurée.", "Record restored."),
}
