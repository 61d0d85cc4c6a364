"""Ranking candidates for a request: the parts of a score and their sentences, compliance friction, who is left
out, panels, the shortlist."""

CATALOG = {
    # The parts of a score.
    "rank.part.specialty": ("Spécialité", "Specialty"),
    "rank.part.mission": ("Mission souhaitée", "Mission wanted"),
    "rank.part.place": ("Lieu", "Place"),
    "rank.part.availability": ("Disponibilité", "Availability"),
    "rank.part.appetite": ("Appétence numérique", "Digital appetite"),
    "rank.part.readiness": ("Parcours", "Onboarding"),
    "rank.part.rate": ("Tarif", "Rate"),
    "rank.part.load": ("Charge", "Load"),
    "rank.part.history": ("Historique", "History"),
    "rank.part.calendar": ("Délai de conformité", "Compliance lead time"),
    "rank.specialty.none_asked": ("{profession} demandé(e) ; aucune spécialité exigée.",
                                  "{profession} asked for; no specialty required."),
    "rank.specialty.not_applicable": ("{profession} demandé(e) ; les spécialités demandées concernent les médecins "
                                      "et les étudiant(e)s.",
                                      "{profession} asked for; the specialties asked concern physicians and "
                                      "students."),
    "rank.specialty.unknown": ("Spécialité ou domaine non renseigné : rien ne dit qu'il ou elle a celle demandée.",
                               "Specialty or field not given: nothing says they have the one asked for."),
    "rank.specialty.asked": ("Spécialité demandée : {specialty}.", "Specialty asked for: {specialty}."),
    "rank.specialty.other": ("Spécialité {specialty}, pas parmi celles demandées.",
                             "Specialty {specialty}, not among those asked for."),
    "rank.mission.wanted": ("Souhaite ce type de mission ({mission}).", "Wants this kind of mission ({mission})."),
    "rank.mission.unknown": ("N'a pas dit quelles missions l'intéressent.",
                             "Has not said which missions they want."),
    "rank.mission.other": ("Ne cite pas ce type de mission ({mission}) parmi ses souhaits.",
                           "Does not list this kind of mission ({mission}) among their wishes."),
    "rank.place.remote_fit": ("Travaille {mode} : peut le faire à distance.", "Works {mode}: can do it remotely."),
    "rank.mode.distanciel": ("à distance", "remotely"),
    "rank.mode.presentiel": ("sur place", "on site"),
    "rank.mode.les_deux": ("à distance ou sur place", "remotely or on site"),
    "rank.place.mode_unknown": ("Mode de travail non renseigné.", "Way of working not given."),
    "rank.place.onsite_only": ("Préfère le travail sur site, la mission est à distance.",
                               "Prefers working on site; the mission is remote."),
    "rank.place.no_region": ("La mission ne demande pas de région.", "The mission asks for no region."),
    "rank.place.region_unknown": ("Région non renseignée.", "Region not given."),
    "rank.place.same_region": ("Dans la région de la mission ({region}).", "In the mission's region ({region})."),
    "rank.place.remote_only": ("Dans la région ({region}), mais ne travaille qu'à distance.",
                               "In the region ({region}), but works remotely only."),
    "rank.place.other_region": ("Hors de la région de la mission ({region}).",
                                "Outside the mission's region ({region})."),
    "rank.place.far_remote_only": ("Hors de la région ({region}) et ne travaille qu'à distance.",
                                   "Outside the region ({region}) and works remotely only."),
    "rank.availability.unknown": ("Disponibilité non renseignée ; il en faut {need} j / mois.",
                                  "Availability not given; {need} d / month needed."),
    "rank.availability.enough": ("{have} j / mois disponibles pour {need} j / mois demandés.",
                                 "{have} d / month available for {need} d / month needed."),
    "rank.availability.short": ("Seulement {have} j / mois disponibles pour {need} j / mois demandés.",
                                "Only {have} d / month available for {need} d / month needed."),
    "rank.appetite.no_need": ("Cette mission ne demande pas d'appétence numérique particulière.",
                              "This mission needs no particular digital appetite."),
    "rank.appetite.unknown": ("Appétence numérique non renseignée (souhaitée : {wanted}).",
                              "Digital appetite not given (wanted: {wanted})."),
    "rank.appetite.wanted": ("{appetite} : ce que la mission demande.", "{appetite}: what the mission needs."),
    "rank.appetite.close": ("{appetite} : proche de ce que la mission demande ({wanted}).",
                            "{appetite}: close to what the mission needs ({wanted})."),
    "rank.appetite.far": ("{appetite} : loin de ce que la mission demande ({wanted}).",
                          "{appetite}: far from what the mission needs ({wanted})."),
    "rank.readiness.ready": ("Prêt(e) pour une mission.", "Ready for a mission."),
    "rank.readiness.not_started": ("Aucune étape du parcours faite.", "No onboarding step done yet."),
    "rank.readiness.on_track": ("Pas encore prêt(e) : dernière étape faite « {stage} ».",
                                "Not ready yet: last step done \"{stage}\"."),
    "rank.rate.no_budget": ("Pas de budget fixé : le tarif ne départage pas.",
                            "No budget set: the rate does not count."),
    "rank.rate.unknown": ("Tarif souhaité non renseigné (budget {budget}).",
                          "Expected rate not given (budget {budget})."),
    "rank.rate.within": ("Tarif souhaité {rate}, dans le budget de {budget}.",
                         "Expected rate {rate}, within the {budget} budget."),
    "rank.rate.slightly_above": ("Tarif souhaité {rate}, un peu au-dessus du budget de {budget} : négociable.",
                                 "Expected rate {rate}, a little above the {budget} budget: negotiable."),
    "rank.rate.above": ("Tarif souhaité {rate}, bien au-dessus du budget de {budget}.",
                        "Expected rate {rate}, well above the {budget} budget."),
    "rank.load.free": ("Aucune mission en cours.", "No mission under way."),
    "rank.load.one": ("Une mission déjà en cours.", "One mission already under way."),
    "rank.load.busy": ("{n} missions déjà en cours.", "{n} missions already under way."),
    "rank.history.said": ("{done}, {rating} ; {reliability}.", "{done}, {rating}; {reliability}."),
    "rank.history.done": ("{n} missions terminées", "{n} missions completed"),
    "rank.history.done.one": ("{n} mission terminée", "{n} mission completed"),
    "rank.history.done.none": ("Aucune mission terminée", "No mission completed"),
    "rank.history.rating": ("note client moyenne {rating} / 5", "average client rating {rating} / 5"),
    "rank.history.unrated": ("pas encore de note client", "no client rating yet"),
    "rank.history.reliable": ("jamais resté(e) sans réponse ni retiré(e) après avoir été retenu(e)",
                              "never left a request unanswered nor withdrew once selected"),
    "rank.history.lapses": ("{lapses}", "{lapses}"),
    "rank.history.unanswered": ("{n} besoins laissés sans réponse", "{n} requests left unanswered"),
    "rank.history.unanswered.one": ("{n} besoin laissé sans réponse", "{n} request left unanswered"),
    "rank.history.withdrawals": ("{n} retraits après avoir été retenu(e)", "{n} withdrawals once selected"),
    "rank.history.withdrawals.one": ("{n} retrait après avoir été retenu(e)", "{n} withdrawal once selected"),
    "rank.appetite.with_ai": ("{appetite} Mission sur l'IA : {ai}", "{appetite} A mission about AI: {ai}"),
    "rank.ai.trained": ("formé(e) à l'IA.", "trained in AI."),
    "rank.ai.untrained": ("pas de formation IA connue.", "no known AI training."),
    "rank.calendar.no_step": ("Aucune démarche auprès de l'Ordre ne retarde le début.",
                              "No filing with the Ordre delays the start."),
    "rank.calendar.in_time": ("{regime} possible à temps : au plus tard le {date} pour un début le {start}.",
                              "{regime} still possible in time: by {date} for a start on {start}."),
    "rank.calendar.too_late": ("{regime} impossible à temps pour un début le {start} (il fallait saisir l'Ordre "
                               "avant le {date}).",
                               "{regime} cannot be done in time for a start on {start} (the Ordre had to be asked "
                               "by {date})."),
    "rank.regime.declaration": ("Déclaration à l'Ordre", "Declaration to the Ordre"),
    "rank.regime.autorisation": ("Autorisation de l'Ordre (2 mois)", "Authorisation by the Ordre (2 months)"),
    # Compliance friction, beside the score.
    "rank.warn.declaration_dated": ("Convention à déclarer à l'Ordre avant le {date}.",
                                    "Agreement to declare to the Ordre by {date}."),
    "rank.warn.declaration_dated_student": ("Convention à déclarer (seuils étudiants) avant le {date}.",
                                            "Agreement to declare (student thresholds) by {date}."),
    "rank.warn.declaration_late": ("Déclaration impossible à temps : délai dépassé depuis le {date} pour un début "
                                   "le {start}.",
                                   "Declaration too late: the deadline was {date} for a start on {start}."),
    "rank.warn.declaration_late_student": ("Déclaration (seuils étudiants) impossible à temps : délai dépassé "
                                           "depuis le {date}.",
                                           "Declaration (student thresholds) too late: the deadline was {date}."),
    "rank.warn.declaration_undated": ("Convention à déclarer à l'Ordre (date de début inconnue).",
                                      "Agreement to declare to the Ordre (start date unknown)."),
    "rank.warn.declaration_undated_student": ("Convention à déclarer (seuils étudiants ; date de début inconnue).",
                                              "Agreement to declare (student thresholds; start date unknown)."),
    "rank.warn.autorisation_dated": ("Au-dessus des seuils (tarif ou montant total) : autorisation de l'Ordre (2 mois) "
                                     "à demander avant le {date}.",
                                     "Over the thresholds (rate or total): the Ordre's authorisation (2 months) must "
                                     "be asked by {date}."),
    "rank.warn.autorisation_dated_student": ("Au-dessus des seuils étudiants : autorisation de l'Ordre (2 mois) à "
                                             "demander avant le {date}.",
                                             "Over the student thresholds: the Ordre's authorisation (2 months) "
                                             "must be asked by {date}."),
    "rank.warn.autorisation_late": ("Au-dessus des seuils (tarif ou montant total) : l'autorisation (2 mois) ne peut "
                                    "plus arriver avant le début le {start}.",
                                    "Over the thresholds (rate or total): the authorisation (2 months) cannot arrive "
                                    "before the start on {start}."),
    "rank.warn.autorisation_late_student": ("Au-dessus des seuils étudiants : l'autorisation (2 mois) ne peut plus "
                                            "arriver avant le début le {start}.",
                                            "Over the student thresholds: the authorisation (2 months) cannot "
                                            "arrive before the start on {start}."),
    "rank.warn.autorisation_undated": ("Au-dessus des seuils (tarif ou montant total) : autorisation de l'Ordre "
                                       "(2 mois) à demander.",
                                       "Over the thresholds (rate or total): the Ordre's authorisation (2 months) is "
                                       "needed."),
    "rank.warn.autorisation_undated_student": ("Au-dessus des seuils étudiants : autorisation de l'Ordre (2 mois) "
                                               "à demander.",
                                               "Over the student thresholds: the Ordre's authorisation (2 months) "
                                               "is needed."),
    "rank.warn.cumul_a_demander": ("Médecin hospitalier : autorisation de cumul à obtenir de l'employeur.",
                                   "Hospital doctor: the employer's cumul authorisation is still to obtain."),
    "rank.warn.cumul_demandee": ("Médecin hospitalier : autorisation de cumul demandée, pas encore obtenue.",
                                 "Hospital doctor: cumul authorisation requested, not granted yet."),
    "rank.warn.cumul_refusee": ("Médecin hospitalier : autorisation de cumul refusée par l'employeur.",
                                "Hospital doctor: the employer refused the cumul authorisation."),
    # Short marks in the table's "Conformité" column.
    "rank.mark.declaration": ("Déclaration", "Declaration"),
    "rank.mark.autorisation": ("Autorisation 2 mois", "2-month authorisation"),
    "rank.mark.late": ("hors délai", "too late"),
    "rank.mark.cumul": ("cumul à obtenir", "cumul to obtain"),
    # Who is left out.
    "rank.excluded.erased": ("{n} effacés ou opposés", "{n} erased or objecting"),
    "rank.excluded.erased.one": ("{n} effacé(e) ou opposé(e)", "{n} erased or objecting"),
    "rank.excluded.archived": ("{n} archivés", "{n} archived"),
    "rank.excluded.archived.one": ("{n} archivé(e)", "{n} archived"),
    "rank.excluded.other_profession": ("{n} d'une autre profession", "{n} of another profession"),
    "rank.excluded.specialty": ("{n} sans la spécialité demandée (impérative)",
                                "{n} without the specialty asked for (required)"),
    "rank.excluded.place": ("{n} hors du lieu demandé (impératif)", "{n} outside the place asked for (required)"),
    "rank.excluded.appetite": ("{n} d'une autre appétence numérique (impérative)",
                               "{n} of another digital appetite (required)"),
    "rank.excluded.ai": ("{n} sans formation IA (impérative)", "{n} without AI training (required)"),
    "rank.excluded.declined": ("{n} ayant décliné ce besoin ou refusés pour lui",
                               "{n} who declined this request or were refused for it"),
    "rank.excluded.declined.one": ("{n} ayant décliné ce besoin ou refusé(e) pour lui",
                                   "{n} who declined this request or was refused for it"),
    "rank.excluded.on_request": ("{n} déjà sur ce besoin", "{n} already on this request"),
    # The ranking tab.
    "rank.count": ("{shown} soignants éligibles, les mieux classés d'abord.",
                   "{shown} eligible caregivers, best first."),
    "rank.count.one": ("{shown} soignant(e) éligible.", "{shown} eligible caregiver."),
    "rank.narrowed": ("{shown} sur {n} gardés par les filtres ci-dessus (région, distance, prêts, disponibilité).",
                      "{shown} of {n} kept by the filters above (region, remote, ready, availability)."),
    "rank.top": ("Les {shown} premiers sont affichés : affinez avec les filtres pour voir au-delà.",
                 "The first {shown} are shown: narrow with the filters to see further."),
    "rank.left_out": ("Écartés : {list}.", "Left out: {list}."),
    "rank.nobody": ("Aucun soignant éligible avec ces filtres. Élargissez la région, décochez « prêts seulement » "
                    "ou baissez la disponibilité minimale.",
                    "No eligible caregiver with these filters. Widen the region, untick \"ready only\" or lower "
                    "the minimum availability."),
    "rank.request_closed": ("Ce besoin n'est plus ouvert : plus de candidats à proposer.",
                            "This request is no longer open: no more candidates to propose."),
    "rank.filter_region": ("Région", "Region"),
    "rank.filter_remote": ("À distance possible", "Can work remotely"),
    # Short, to fit its column; the "nobody" message above calls it so.
    "rank.filter_ready": ("Prêts seulement", "Ready only"),
    "rank.filter_availability": ("Disponibilité minimale (j / mois)", "Minimum availability (d / month)"),
    "rank.appetites": ("Appétence numérique souhaitée", "Digital appetite wanted"),
    "rank.appetites_help": ("Proposée selon le type de mission ; changez-la si le client demande autre chose "
                            "(« pas technophiles mais pas hostiles » : prudent(e), à l'aise).",
                            "Suggested by the mission type; change it when the client asks otherwise."),
    "rank.pick_hint": ("Cochez des lignes pour voir le détail du score et les ajouter à la sélection.",
                       "Tick rows to see the score's detail and add them to the shortlist."),
    "rank.detail": ("Pourquoi {name} a {score} / 100", "Why {name} scores {score} / 100"),
    "rank.detail_total": ("Total : {score} / 100 (somme des points ci-dessus).",
                          "Total: {score} / 100 (the sum of the points above)."),
    "rank.view_panel": ("Panel de spécialités", "Panel of specialties"),
    "col.score": ("Score", "Score"),
    "col.weak_points": ("Points faibles", "Weak points"),
    "col.compliance": ("Conformité", "Compliance"),
    "col.missions_done": ("Missions faites", "Missions done"),
    "col.points": ("Points", "Points"),
    "col.part": ("Critère", "Criterion"),
    "col.why": ("Pourquoi", "Why"),
    "col.panel_group": ("Spécialité / profession", "Specialty / profession"),
    # Panels.
    "panel.intro": ("Panel proposé : {n} soignants de spécialités aussi variées que le vivier le permet (celles "
                    "demandées d'abord), puis de régions et de modes d'exercice différents.",
                    "Proposed panel: {n} caregivers of specialties as varied as the pool allows, then of different "
                    "regions and practice settings."),
    "panel.distinct": ("{n} spécialités ou professions distinctes.", "{n} distinct specialties or professions."),
    "panel.distinct.one": ("Une seule spécialité ou profession.", "A single specialty or profession."),
    "panel.short": ("Seulement {n} place(s) pourvue(s) sur {size} : la liste (après ses filtres) n'a pas assez de "
                    "soignants éligibles.",
                    "Only {n} of {size} seats filled: the list (after its filters) has too few eligible "
                    "caregivers."),
    "panel.uncovered.seats": ("{specialty} : pas de place, le panel compte moins de sièges que de spécialités "
                              "demandées.",
                              "{specialty}: no seat left; the panel has fewer seats than specialties asked."),
    "panel.uncovered.filters": ("{specialty} : des soignants éligibles existent, mais les filtres de la liste les "
                                "écartent.",
                                "{specialty}: eligible caregivers exist, but the list's filters leave them out."),
    "panel.uncovered.none": ("{specialty} : aucun soignant éligible de cette spécialité dans le vivier.",
                             "{specialty}: no eligible caregiver of this specialty in the pool."),
    "panel.swap": ("Remplacer", "Replace"),
    "panel.swap_who": ("Membre à remplacer par le suivant de sa spécialité", "Member to replace with the next of "
                       "their specialty"),
    "panel.swapped": ("{out} remplacé(e) par {by}.", "{out} replaced by {by}."),
    "panel.no_swap": ("Plus personne de cette spécialité après {name} dans la liste.",
                      "No one of this specialty left after {name} in the list."),
    # The shortlist.
    "shortlist.title": ("Sélection", "Shortlist"),
    "shortlist.count": ("{n} soignants dans la sélection", "{n} caregivers in the shortlist"),
    "shortlist.count.one": ("{n} soignant(e) dans la sélection", "{n} caregiver in the shortlist"),
    "shortlist.empty": ("La sélection est vide : cochez des soignants dans le classement, le vivier ou la recherche, "
                        "puis « Ajouter à la sélection ».",
                        "The shortlist is empty: tick caregivers in the ranking, the pool or the search, then "
                        "\"Add to shortlist\"."),
    "shortlist.add": ("Ajouter à la sélection ({n})", "Add to shortlist ({n})"),
    "shortlist.added": ("{n} soignant(s) ajouté(s) à la sélection.", "{n} caregiver(s) added to the shortlist."),
    "shortlist.full": ("La sélection est limitée à {cap} soignants : {n} n'y sont pas entrés. Proposez ou retirez "
                       "d'abord ceux qui y sont.",
                       "The shortlist holds at most {cap} caregivers: {n} did not fit. Propose or remove those in "
                       "it first."),
    "shortlist.full.one": ("La sélection est limitée à {cap} soignants : {n} n'y est pas entré(e). Proposez ou "
                           "retirez d'abord ceux qui y sont.",
                           "The shortlist holds at most {cap} caregivers: {n} did not fit. Propose or remove those "
                           "in it first."),
    "shortlist.picked": ("Soignants à proposer", "Caregivers to propose"),
    "shortlist.propose": ("Proposer sur ce besoin", "Propose on this request"),
    "shortlist.propose_on": ("Besoin", "Request"),
    "shortlist.proposed": ("{n} proposition(s) « suggérée » créée(s) sur « {request} ».",
                           "{n} \"suggested\" match(es) created on \"{request}\"."),
    "shortlist.remove": ("Retirer de la sélection", "Remove from shortlist"),
    "shortlist.clear": ("Vider la sélection", "Clear the shortlist"),
    "shortlist.already": ("Déjà sur ce besoin, donc pas ajouté(s) une seconde fois : {names}.",
                          "Already on this request, so not added twice: {names}."),
    "shortlist.in_already": ("Déjà dans la sélection.", "Already in the shortlist."),
    "shortlist.archived": ("archivé(e) : à retirer avant de proposer", "archived: remove before proposing"),
    "shortlist.no_request": ("Aucun besoin ouvert à qui proposer.", "No open request to propose to."),
    # The request's own anti-gift verdict, said once above its candidates.
    "verdict.no_rate": ("Client fabricant de produits de santé : convention à préparer. Sans budget, le régime "
                        "n'est pas connu : déclaration au plus tard le {by_declaration}, ou autorisation (2 mois) "
                        "au plus tard le {by_autorisation}.",
                        "A health-products client: an agreement to prepare. With no budget the regime is unknown: "
                        "a declaration by {by_declaration}, or an authorisation (2 months) by {by_autorisation}."),
    "verdict.no_rate_undated": ("Client fabricant de produits de santé : convention à préparer ; sans budget ni "
                                "date de début, ni le régime ni la date limite ne sont connus.",
                                "A health-products client: an agreement to prepare; with no budget nor start date, "
                                "neither the regime nor the deadline is known."),
    "verdict.declaration.professional": ("Convention à déclarer à l'Ordre : {rate} par jour, {total} en tout, sous "
                                         "les seuils (200 € de l'heure, 800 € par demi-journée, 2 000 € par "
                                         "convention).",
                                         "An agreement to declare to the Ordre: {rate} a day, {total} in all, under "
                                         "the thresholds (€200 an hour, €800 a half-day, €2,000 an agreement)."),
    "verdict.declaration.student": ("Convention à déclarer à l'Ordre : {rate} par jour, {total} en tout, sous les "
                                    "seuils étudiants (80 € de l'heure, 320 € par demi-journée, 800 € par "
                                    "convention).",
                                    "An agreement to declare to the Ordre: {rate} a day, {total} in all, under the "
                                    "student thresholds (€80 an hour, €320 a half-day, €800 an agreement)."),
    "verdict.autorisation.professional": ("Autorisation de l'Ordre nécessaire : {crossed}.",
                                          "The Ordre's authorisation is needed: {crossed}."),
    "verdict.autorisation.student": ("Autorisation de l'Ordre nécessaire (seuils étudiants) : {crossed}.",
                                     "The Ordre's authorisation is needed (student thresholds): {crossed}."),
    "verdict.crossed.agreement": ("{rate} × {n} jours = {amount} ≥ {limit} par convention",
                                  "{rate} × {n} days = {amount} ≥ {limit} an agreement"),
    "verdict.crossed.hour": ("{rate} / 8 h = {amount} ≥ {limit} de l'heure",
                             "{rate} / 8 h = {amount} ≥ {limit} an hour"),
    "verdict.crossed.half_day": ("{rate} / 2 = {amount} ≥ {limit} par demi-journée",
                                 "{rate} / 2 = {amount} ≥ {limit} a half-day"),
    "verdict.undated": ("Sans date de début, la date limite pour saisir l'Ordre n'est pas connue.",
                        "With no start date, the deadline to ask the Ordre is not known."),
    "verdict.file_by.declaration": ("À déclarer au plus tard le {date} (8 jours ouvrés avant le début le {start}).",
                                    "To declare by {date} (8 working days before the start on {start})."),
    "verdict.file_by.autorisation": ("À demander au plus tard le {date} (2 mois avant le début le {start}).",
                                     "To ask by {date} (2 months before the start on {start})."),
    "verdict.late.declaration": ("Hors délai : la déclaration devait parvenir à l'Ordre au plus tard le {date} pour "
                                 "un début le {start}.",
                                 "Too late: the declaration had to reach the Ordre by {date} for a start on {start}."),
    "verdict.late.autorisation": ("Hors délai : l'autorisation devait être demandée au plus tard le {date} pour un "
                                  "début le {start}.",
                                  "Too late: the authorisation had to be asked by {date} for a start on {start}."),
    "verdict.way.days": ("au plus {n} jours à {rate}", "at most {n} days at {rate}"),
    "verdict.way.days.one": ("au plus {n} jour à {rate}", "at most {n} day at {rate}"),
    "verdict.way.rate": ("au plus {rate} par jour sur {n} jours", "at most {rate} a day over {n} days"),
    "verdict.way.rate.one": ("au plus {rate} par jour sur {n} jour", "at most {rate} a day over {n} day"),
    "verdict.way.declare_in_time": ("Pour rester sous les seuils et déclarer à temps (au plus tard le {date}) : "
                                    "{ways}.",
                                    "To stay under the thresholds and declare in time (by {date}): {ways}."),
    "verdict.way.declare_late": ("Sous les seuils ({ways}), une déclaration serait elle aussi hors délai (il "
                                 "fallait déclarer au plus tard le {date}).",
                                 "Under the thresholds ({ways}), a declaration would be too late as well (it was "
                                 "due by {date})."),
    "verdict.later_start.autorisation": ("Une autorisation demandée aujourd'hui permet un début au plus tôt le "
                                         "{date}.",
                                         "An authorisation asked today allows a start on {date} at the earliest."),
    "verdict.later_start.declaration": ("Une déclaration faite aujourd'hui permet un début au plus tôt le {date}.",
                                        "A declaration made today allows a start on {date} at the earliest."),
}
