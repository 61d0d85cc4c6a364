"""The requests page."""

CATALOG = {
    "requests.title": ("Besoins", "Requests"),
    "new_request.open": ("Nouveau besoin", "New request"),
    "new_request.title": ("Nouveau besoin", "New request"),
    "new_request.pick_organisation": (
        "Choisissez l'organisation (tapez les premières lettres de son nom). Une organisation encore inconnue se crée "
        "avec l'appel : « Noter un appel » → « Une organisation ».",
        "Choose the organisation (type the first letters of its name). An organisation not yet known is created with "
        "the call: 'Log a call' → 'An organisation'."),
    "new_request.save": ("Créer le besoin et voir les candidats", "Create the request and see the candidates"),
    "new_request.created": ("Besoin créé : voici ses candidats classés.", "Request created: here are its ranked "
                            "candidates."),
    "requests.count": ("{n} besoins correspondent aux filtres.", "{n} requests match the filters."),
    "requests.pick_hint": ("Cliquez sur la case d'une ligne pour ouvrir le besoin et ses propositions.",
                           "Tick a row to open the request and its matches."),
    # What a request asks, each criterion a must or a preference.
    "field.specialties_required": ("Spécialités impératives", "Specialties required"),
    "field.specialties_required_help": ("Coché : seuls les médecins (et étudiant(e)s) d'une spécialité demandée sont "
                                        "classés. Décoché : « de préférence », la spécialité pèse dans le score.",
                                        "Ticked: only physicians (and students) of a specialty asked for are ranked. "
                                        "Unticked: \"preferably\", the specialty weighs in the score."),
    "field.place_required": ("Lieu impératif", "Place required"),
    "field.place_required_help": ("Coché : une mission à distance ne classe que ceux qui travaillent à distance ; "
                                  "sur site ou hybride, que ceux de la région (et, sur site, pas seulement à "
                                  "distance).",
                                  "Ticked: a remote mission ranks only those who work remotely; on site or hybrid, "
                                  "only those of the region (and, on site, not remote only)."),
    "field.digital_appetites": ("Appétence numérique souhaitée", "Digital appetite wanted"),
    "field.digital_appetites_help": ("Proposée selon le type de mission (aucune pour une mission de conseil) ; "
                                     "videz-la si elle ne compte pas.",
                                     "Suggested by the mission type (none for an advisory mission); empty it when "
                                     "it does not matter."),
    "field.appetite_required": ("Appétence impérative", "Appetite required"),
    "field.about_ai": ("Mission sur l'IA", "Mission about AI"),
    "field.about_ai_help": ("La formation IA compte alors pour moitié dans la part « appétence numérique ».",
                            "AI training then counts for half of the digital appetite part."),
    "field.ai_required": ("Formation IA impérative", "AI training required"),
    "record.criteria": ("Critères", "Criteria"),
    "record.must": ("impératif", "required"),
    "record.preferred": ("de préférence", "preferably"),
    "record.no_appetite": ("aucune appétence particulière", "no particular appetite"),
    "record.verdict": ("Convention anti-cadeaux", "Anti-gift agreement"),
    "field.cumul_match_help": ("L'autorisation de cumul est celle du médecin : elle s'inscrit sur sa fiche et vaut "
                               "pour toutes ses propositions en cours.",
                               "The cumul authorisation is the doctor's own: it is written on their record and "
                               "holds for all their matches under way."),
}
