"""The personal-data page."""

CATALOG = {
    "privacy.title": ("Données personnelles", "Personal data"),
    "privacy.caption": ("Répondre à une personne qui demande ce que nous gardons d'elle, ou à être oubliée ; "
                        "revoir qui n'a plus de contact avec nous.",
                        "Answer a person who asks what we keep about them, or to be forgotten; review who is no "
                        "longer in touch."),
    "privacy.to_review": ("À revoir", "To review"),
    "privacy.to_review_help": ("Soignants sans contact depuis {years} ans (référence CNIL pour les prospects) : à "
                               "recontacter pour confirmer, ou à effacer.",
                               "Caregivers with no contact for {years} years: contact them again, or erase."),
    "privacy.objections": ("Liste d'opposition", "Objection list"),
    "privacy.objections_help": ("Personnes opposées ou effacées : elles ne peuvent pas être recréées.",
                                "People who objected or were erased: they cannot be created again."),
    "privacy.tab_review": ("Sans contact depuis {years} ans", "No contact for {years} years"),
    "privacy.tab_person": ("Export et effacement", "Export and erasure"),
    "privacy.review_empty": ("Personne n'est sans contact depuis {years} ans : rien à revoir.",
                             "No one has been out of touch for {years} years: nothing to review."),
    "privacy.review_hint": ("Recontactez la personne pour confirmer son profil, ou effacez-la dans l'onglet « "
                            "Export et effacement ».",
                            "Contact the person to confirm the profile, or erase them in the 'Export and erasure' "
                            "tab."),
    "privacy.last_contact": ("Dernier contact", "Last contact"),
    "privacy.days_since": ("Jours depuis", "Days since"),
    "privacy.none_found": ("Personne ne correspond (les personnes effacées n'apparaissent plus).",
                           "No one matches (erased people no longer appear)."),
    "privacy.export_title": ("Droit d'accès : tout ce que nous gardons", "Right of access: everything we keep"),
    "privacy.export_help": ("Un zip avec un fichier JSON et un CSV par table : profil, étapes, appels, séances, "
                            "propositions et le journal qui les concerne.",
                            "A zip with a JSON file and one CSV per table: profile, steps, calls, sessions, "
                            "matches and the audit log about them."),
    "privacy.prepare_export": ("Préparer l'export", "Prepare the export"),
    "privacy.download": ("Télécharger le zip", "Download the zip"),
    "privacy.erase_title": ("Droit à l'effacement", "Right to erasure"),
    "privacy.erase_help": ("Irréversible : noms, coordonnées, RPPS, code postal, notes et textes libres sont "
                           "effacés, dans le journal aussi, et le fichier de la base est réécrit. Restent la "
                           "profession, la région, les dates et les tarifs, pour les statistiques. La personne "
                           "entre dans la liste d'opposition.",
                           "Irreversible: names, contact details, RPPS, postcode, notes and free text are erased, "
                           "in the audit log too, and the store file is rewritten. Profession, region, dates and "
                           "rates stay for statistics. The person joins the objection list."),
    "privacy.reason": ("Motif", "Reason"),
    "privacy.reason_effacement": ("Demande d'effacement", "Erasure request"),
    "privacy.reason_opposition": ("Opposition au traitement", "Objection to processing"),
    "privacy.confirm": ("Pour confirmer, tapez le nom affiché : {name}", "To confirm, type the name shown: {name}"),
    "privacy.confirm_mismatch": ("Le nom tapé ne correspond pas : rien n'a été effacé.",
                                 "The name typed does not match: nothing was erased."),
    "privacy.erase": ("Effacer définitivement", "Erase for good"),
    "privacy.erasing": ("Effacement et réécriture de la base…", "Erasing and rewriting the store…"),
    "privacy.rewrite_title": ("Réécrire le fichier de la base", "Rewrite the store file"),
    "privacy.rewrite_help": ("Chaque effacement réécrit le fichier pour que les valeurs effacées n'y survivent "
                             "pas. Si une réécriture a échoué (base occupée), relancez-la ici.",
                             "Each erasure rewrites the file so that erased values do not survive in it. If a "
                             "rewrite failed (store busy), run it again here."),
    "privacy.rewrite": ("Réécrire maintenant", "Rewrite now"),
    "privacy.rewritten": ("Fichier de la base réécrit.", "Store file rewritten."),
    "privacy.erased.one": ("Personne effacée ; {n} texte d'une autre fiche modifié ; le fichier de la base a été "
                           "réécrit.",
                           "Person erased; {n} text of another record changed; the store file was rewritten."),
    "privacy.erased": ("Personne effacée ; {n} textes d'autres fiches modifiés ; le fichier de la base a été réécrit.",
                       "Person erased; {n} texts of other records changed; the store file was rewritten."),
    "privacy.plan_title": ("Ailleurs dans la base", "Elsewhere in the store"),
    "privacy.plan_some.one": ("1 texte d'une autre fiche nomme cette personne (nom, e-mail, téléphone ou RPPS) : "
                              "l'effacement y remplacera ces mots par « [effacé] ».",
                              "1 text of another record names this person (name, e-mail, phone or RPPS): erasure "
                              "will replace those words with '[effacé]'."),
    "privacy.plan_some": ("{n} textes d'autres fiches nomment cette personne (nom, e-mail, téléphone ou RPPS) : "
                          "l'effacement y remplacera ces mots par « [effacé] ».",
                          "{n} texts of other records name this person (name, e-mail, phone or RPPS): erasure will "
                          "replace those words with '[effacé]'."),
    "privacy.plan_none": ("Aucun texte d'une autre fiche ne nomme cette personne : seules sa fiche et ses propres "
                          "échanges seront effacés.",
                          "No text of another record names this person: only their record and their own exchanges "
                          "will be erased."),
    "privacy.plan_record": ("Fiche", "Record"),
    "privacy.plan_field": ("Champ", "Field"),
    "privacy.plan_found": ("Trouvé", "Found"),
    "privacy.changed_title": ("Textes modifiés par le dernier effacement", "Texts changed by the last erasure"),
    "privacy.pending": ("Un effacement n'est pas encore inscrit dans le fichier de la base (la réécriture a été "
                        "interrompue ou n'a pas pu se faire) : des valeurs effacées peuvent encore s'y lire. "
                        "Réécrivez le fichier maintenant.",
                        "An erasure is not yet written into the store file (the rewrite was cut short or could not "
                        "run): erased values may still be read in it. Rewrite the file now."),
}
