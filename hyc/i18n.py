"""Interface strings in French (the default) and English: t(key, lang, **values).

Labels of codes (professions, stages, regions, …) live with their codes in `hyc.vocab`.
"""

from __future__ import annotations

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"

CATALOG: dict[str, dict[str, str]] = {
    # Shell
    "app.title": {"fr": "Hack Your Care", "en": "Hack Your Care"},
    "app.tagline": {"fr": "Le tableau de bord de l'équipe", "en": "The team's dashboard"},
    "app.language": {"fr": "Langue", "en": "Language"},
    "app.store": {"fr": "Base : {path}", "en": "Store: {path}"},
    "app.store_error": {
        "fr": "La base de données n'est pas disponible : {reason}",
        "en": "The database is not available: {reason}",
    },
    "nav.overview": {"fr": "Vue d'ensemble", "en": "Overview"},
    # Overview
    "overview.title": {"fr": "Vue d'ensemble", "en": "Overview"},
    "overview.caption": {
        "fr": "Santé du pipeline au {date}. Les flèches comparent aux {days} jours précédents.",
        "en": "Pipeline health on {date}. Arrows compare with the {days} days before.",
    },
    "overview.pool": {"fr": "Soignants dans le vivier", "en": "Caregivers in the pool"},
    "overview.pool_help": {
        "fr": "Soignants non archivés, toutes étapes d'accompagnement confondues.",
        "en": "Caregivers not archived, at any onboarding step.",
    },
    "overview.ready": {"fr": "Prêts pour une mission", "en": "Ready for a mission"},
    "overview.open_requests": {"fr": "Besoins ouverts", "en": "Open requests"},
    "overview.active_matches": {"fr": "Propositions en cours", "en": "Matches in progress"},
    "overview.signed": {"fr": "Contrats signés", "en": "Contracts signed"},
    "overview.signed_help": {
        "fr": "Propositions ayant atteint « contrat signé », depuis le début.",
        "en": "Matches that reached 'contract signed', all time.",
    },
    "chart.pool_by_profession": {
        "fr": "Soignants du vivier par profession", "en": "Caregivers in the pool by profession",
    },
    "chart.open_by_status": {"fr": "Besoins ouverts par statut", "en": "Open requests by status"},
    "chart.funnel": {
        "fr": "Entonnoir des propositions : combien atteignent chaque étape",
        "en": "Match funnel: how many reach each stage",
    },
    "chart.funnel_hint": {
        "fr": "Pourcentage : part des propositions de l'étape précédente qui atteignent celle-ci.",
        "en": "Percentage: share of the previous stage's matches that reach this one.",
    },
    "axis.caregivers": {"fr": "Soignants", "en": "Caregivers"},
    "axis.requests": {"fr": "Besoins", "en": "Requests"},
    "axis.matches": {"fr": "Propositions", "en": "Matches"},
    "axis.profession": {"fr": "Profession", "en": "Profession"},
    "axis.status": {"fr": "Statut", "en": "Status"},
    "axis.stage": {"fr": "Étape", "en": "Stage"},
    "empty.pool": {
        "fr": "Le vivier est vide : enregistrez un appel d'accueil ou chargez la démo (`python -m hyc demo`).",
        "en": "The pool is empty: log a welcome call or load the demo (`python -m hyc demo`).",
    },
    "empty.open_requests": {
        "fr": "Aucun besoin ouvert : tous les besoins sont pourvus, terminés ou clos.",
        "en": "No open request: every request is filled, completed or closed.",
    },
    "empty.funnel": {
        "fr": "Aucune proposition pour l'instant : placez des soignants sur un besoin pour voir l'entonnoir.",
        "en": "No match yet: put caregivers on a request to see the funnel.",
    },
}


def _e(fr: str, en: str) -> dict[str, str]:
    return {"fr": fr, "en": en}


CATALOG.update({
    "nav.talent_pool": _e("Vivier", "Talent pool"),
    "nav.requests": _e("Besoins", "Requests"),
    "nav.matches": _e("Propositions", "Matches"),
    "nav.mentoring": _e("Accompagnement", "Mentoring"),
    "nav.rates": _e("Tarifs", "Rates"),
    # Overview
    "overview.new_caregivers": _e("Nouveaux soignants", "New caregivers"),
    "overview.window_help": _e("Sur les {days} derniers jours.", "Over the last {days} days."),
    "overview.fill_rate": _e("Taux de pourvoi", "Fill rate"),
    "overview.fill_rate_help": _e(
        "Parmi les besoins arrivés à une issue sur les {days} derniers jours (pourvu, annulé ou perdu), part des "
        "besoins pourvus.",
        "Among requests that reached an outcome in the last {days} days (filled, cancelled or lost), the share "
        "filled."),
    "overview.first_candidate": _e("Délai du 1er candidat", "Time to first candidate"),
    "overview.first_candidate_help": _e(
        "Médiane des jours entre l'arrivée d'un besoin et sa première proposition, pour les premières propositions "
        "des {days} derniers jours.",
        "Median days from a request's arrival to its first match, for first matches in the last {days} days."),
    "overview.time_to_fill": _e("Délai pour pourvoir", "Time to fill"),
    "overview.time_to_fill_help": _e(
        "Médiane des jours entre l'arrivée d'un besoin et le moment où il est pourvu, pour les besoins pourvus sur "
        "les {days} derniers jours.",
        "Median days from a request's arrival to being filled, for requests filled in the last {days} days."),
    "overview.at_risk": _e("Besoins à risque", "Requests at risk"),
    "overview.at_risk_help": _e("Besoins ouverts depuis plus de {days} jours sans aucun candidat encore en lice "
                                "(aucun proposé, ou tous partis : déclinés, refusés, abandonnés).",
                                "Requests open for more than {days} days with no candidate still in the running "
                                "(none put forward, or all gone: declined, rejected, dropped)."),
    "overview.overdue": _e("Prochaines actions en retard", "Overdue next actions"),
    "chart.pool_growth": _e("Croissance du vivier par profession (fin de mois)",
                            "Pool growth by profession (end of month)"),
    "chart.other_professions": _e("Autres professions", "Other professions"),
    "chart.open_by_age": _e("Besoins ouverts par statut et par ancienneté", "Open requests by status and age"),
    "chart.supply_demand": _e("Offre et demande par profil (pénuries en haut)",
                              "Supply and demand by profile (shortages first)"),
    "chart.supply_demand_hint": _e(
        "Demande : effectif encore à pourvoir dans les besoins ouverts (un panel multi-spécialités se répartit "
        "entre ses spécialités). Offre : soignants prêts pour une mission. {shortages} profils en pénurie.",
        "Demand: headcount still to fill in open requests (a multi-specialty panel is spread over its "
        "specialties). Supply: caregivers ready for a mission. {shortages} profiles short."),
    "age.a0_7": _e("0 à 7 jours", "0 to 7 days"),
    "age.a8_30": _e("8 à 30 jours", "8 to 30 days"),
    "age.a31_90": _e("31 à 90 jours", "31 to 90 days"),
    "age.a91": _e("Plus de 90 jours", "Over 90 days"),
    # Axes
    "axis.month": _e("Mois", "Month"),
    "axis.demand": _e("Places à pourvoir", "Places to fill"),
    "axis.supply": _e("Soignants prêts", "Ready caregivers"),
    "axis.people": _e("Personnes", "People"),
    "axis.conversion": _e("Part arrivée au contrat signé", "Share that reached a signed contract"),
    "axis.days": _e("Jours (médiane)", "Days (median)"),
    "axis.share_done": _e("Part des soignants", "Share of caregivers"),
    "axis.day_rate": _e("Tarif journalier convenu", "Agreed day rate"),
    # Filters
    "filter.title": _e("Filtres", "Filters"),
    "filter.all": _e("Tous", "All"),
    "filter.text": _e("Recherche", "Search"),
    "filter.text_help": _e("Nom, e-mail, téléphone, code postal ou RPPS.", "Name, email, phone, postcode or RPPS."),
    "filter.profession": _e("Profession", "Profession"),
    "filter.specialty": _e("Spécialité", "Specialty"),
    "filter.region": _e("Région", "Region"),
    "filter.departement": _e("Département", "Département"),
    "filter.setting": _e("Mode d'exercice", "Practice setting"),
    "filter.availability": _e("Disponibilité", "Availability"),
    "filter.availability_any": _e("Toutes", "Any"),
    "filter.availability_min": _e("Au moins {days} j / mois", "At least {days} days / month"),
    "filter.work_mode": _e("À distance / sur site", "Remote / on site"),
    "filter.appetite": _e("Appétence numérique", "Appetite for digital tools"),
    "filter.stage": _e("Étape d'accompagnement", "Onboarding stage"),
    "filter.mentor": _e("Mentor", "Mentor"),
    "filter.only_open": _e("Besoins ouverts seulement", "Open requests only"),
    "filter.status": _e("Statut", "Status"),
    "filter.org_kind": _e("Type d'organisation", "Organisation kind"),
    "filter.mission_type": _e("Type de mission", "Mission type"),
    "filter.owner": _e("Responsable", "Owner"),
    # Tables
    "table.capped": _e("Affichage des {shown} premiers sur {total} : affinez les filtres pour voir les autres.",
                       "Showing the first {shown} of {total}: refine the filters to see the others."),
    "col.open": _e("Fiche", "Record"),
    "col.open_text": _e("Ouvrir", "Open"),
    "col.first_name": _e("Prénom", "First name"),
    "col.last_name": _e("Nom", "Last name"),
    "col.profession": _e("Profession", "Profession"),
    "col.professions": _e("Professions", "Professions"),
    "col.specialty": _e("Spécialité", "Specialty"),
    "col.specialties": _e("Spécialités", "Specialties"),
    "col.region": _e("Région", "Region"),
    "col.departement": _e("Département", "Département"),
    "col.postcode": _e("Code postal", "Postcode"),
    "col.setting": _e("Mode d'exercice", "Practice setting"),
    "col.experience": _e("Expérience", "Experience"),
    "col.availability": _e("Disponibilité (j/mois)", "Availability (days/month)"),
    "col.work_mode": _e("Distance / site", "Remote / on site"),
    "col.appetite": _e("Appétence numérique", "Digital appetite"),
    "col.ai_trained": _e("Formation IA", "AI training"),
    "col.expected_rate": _e("Tarif souhaité", "Expected rate"),
    "col.missions_wanted": _e("Missions souhaitées", "Missions wanted"),
    "col.legal_status": _e("Statut juridique", "Legal status"),
    "col.cumul": _e("Autorisation de cumul", "Second-activity authorisation"),
    "col.consent": _e("Consentement", "Consent"),
    "col.confirmed_on": _e("Profil confirmé le", "Profile confirmed on"),
    "col.source": _e("Source", "Source"),
    "col.stage": _e("Étape", "Stage"),
    "col.mentor": _e("Mentor", "Mentor"),
    "col.phone": _e("Téléphone", "Phone"),
    "col.email": _e("E-mail", "Email"),
    "col.caregiver": _e("Soignant", "Caregiver"),
    "col.caregivers": _e("Soignants", "Caregivers"),
    "col.request": _e("Besoin", "Request"),
    "col.organisation": _e("Organisation", "Organisation"),
    "col.org_kind": _e("Type", "Kind"),
    "col.mission_type": _e("Type de mission", "Mission type"),
    "col.status": _e("Statut", "Status"),
    "col.state": _e("État", "State"),
    "col.age_days": _e("Âge (j)", "Age (days)"),
    "col.filled": _e("Pourvus / demandés", "Filled / asked"),
    "col.sourcing": _e("En approche", "Sourcing"),
    "col.with_client": _e("Chez le client", "With client"),
    "col.exited": _e("Sortis", "Exited"),
    "col.priority": _e("Priorité", "Priority"),
    "col.owner": _e("Responsable", "Owner"),
    "col.headcount": _e("Effectif", "Headcount"),
    "col.start_date": _e("Début", "Start"),
    "col.days": _e("Jours", "Days"),
    "col.budget": _e("Budget / jour", "Budget / day"),
    "col.contact": _e("Contact", "Contact"),
    "col.health_products": _e("Produits de santé", "Health products"),
    "col.city": _e("Ville", "City"),
    "col.website": _e("Site web", "Website"),
    "col.role": _e("Fonction", "Role"),
    "col.created": _e("Créé le", "Created"),
    "col.updated": _e("Dernier changement", "Last change"),
    "col.date": _e("Date", "Date"),
    "col.due": _e("Échéance", "Due"),
    "col.days_late": _e("Jours de retard", "Days late"),
    "col.action": _e("Action", "Action"),
    "col.who": _e("Avec", "With"),
    "col.kind": _e("Type", "Kind"),
    "col.member": _e("Membre de l'équipe", "Team member"),
    "col.summary": _e("Résumé", "Summary"),
    "col.outcome": _e("Issue", "Outcome"),
    "col.next_action": _e("Prochaine action", "Next action"),
    "col.notes": _e("Notes", "Notes"),
    "col.topics": _e("Sujets", "Topics"),
    "col.step": _e("Étape", "Step"),
    "col.exit_reason": _e("Motif de sortie", "Exit reason"),
    "col.agreed_rate": _e("Tarif convenu", "Agreed rate"),
    "col.mission_start": _e("Début de mission", "Mission start"),
    "col.convention": _e("Convention", "Agreement"),
    "col.last_progress": _e("Dernier progrès", "Last progress"),
    "col.idle_days": _e("Jours sans progrès", "Days without progress"),
    "col.n": _e("Nombre", "Count"),
    "col.q1": _e("1er quartile", "1st quartile"),
    "col.median": _e("Médiane", "Median"),
    "col.q3": _e("3e quartile", "3rd quartile"),
    "col.min": _e("Min", "Min"),
    "col.max": _e("Max", "Max"),
    "common.yes": _e("Oui", "Yes"),
    "common.no": _e("Non", "No"),
    # Empty states
    "empty.pool_filtered": _e("Aucun soignant ne correspond à ces filtres : retirez-en un pour élargir.",
                              "No caregiver matches these filters: remove one to widen the search."),
    "empty.no_doctor": _e("Aucun médecin parmi ces soignants : les spécialités ne concernent que les médecins.",
                          "No doctor among these caregivers: specialties apply to doctors only."),
    "empty.requests_filtered": _e("Aucun besoin ne correspond à ces filtres : retirez-en un pour élargir.",
                                  "No request matches these filters: remove one to widen the search."),
    "empty.request_matches": _e("Aucun soignant n'est encore proposé sur ce besoin.",
                                "No caregiver has been put on this request yet."),
    "empty.at_risk": _e("Aucun besoin ouvert depuis plus de {days} jours sans candidat.",
                        "No request open for more than {days} days without a candidate."),
    "empty.overdue": _e("Aucune prochaine action en retard.", "No overdue next action."),
    "empty.next_actions": _e("Aucune prochaine action due dans les 7 jours.", "No next action due in the next 7 days."),
    "empty.supply_demand": _e("Aucun besoin ouvert : rien à comparer au vivier.",
                              "No open request: nothing to compare with the pool."),
    "empty.active_matches": _e("Aucune proposition en cours avec ces filtres.",
                               "No match in progress with these filters."),
    "empty.exits": _e("Aucune proposition sortie du parcours avec ces filtres.",
                      "No match has left the path with these filters."),
    "empty.stalled": _e("Personne n'est bloqué : tous les soignants ont avancé dans les {days} derniers jours.",
                        "Nobody is stalled: every caregiver moved on in the last {days} days."),
    "empty.time_to_ready": _e("Aucun soignant n'est encore prêt pour une mission avec ces filtres.",
                              "No caregiver is ready for a mission yet with these filters."),
    "empty.rates": _e("Aucun tarif convenu avec ces filtres : les tarifs apparaissent quand un soignant est retenu.",
                      "No agreed rate with these filters: rates appear once a caregiver is selected."),
    # Talent pool
    "pool.title": _e("Vivier de soignants", "Talent pool"),
    "pool.count": _e("Soignants correspondant aux filtres : {n}.", "Caregivers matching the filters: {n}."),
    "pool.tab_list": _e("Liste", "List"),
    "pool.tab_breakdown": _e("Répartition", "Breakdown"),
    "pool.pick_hint": _e("Cliquez sur la case d'une ligne pour ouvrir la fiche du soignant.",
                         "Tick a row to open the caregiver's record."),
    "pool.top_departements": _e("Départements les mieux pourvus", "Départements with the most caregivers"),
    "chart.pool_by_specialty": _e("Médecins du vivier par spécialité", "Doctors in the pool by specialty"),
    "chart.pool_by_region": _e("Soignants par région (outre-mer sous la ligne)",
                               "Caregivers by region (overseas below the line)"),
    # Records
    "record.close": _e("Fermer la fiche", "Close record"),
    "record.not_found": _e("Cette fiche n'existe pas (ou plus) : vérifiez le lien.",
                           "This record does not exist (any more): check the link."),
    "record.caregiver_caption": _e("Dernière étape franchie : {stage} · dans le vivier depuis le {since}",
                                   "Last step done: {stage} · in the pool since {since}"),
    "record.years": _e("{n} ans", "{n} years"),
    "record.days_per_month": _e("{n} j / mois", "{n} days / month"),
    "record.tab_steps": _e("Accompagnement", "Onboarding"),
    "record.tab_calls": _e("Appels ({n})", "Calls ({n})"),
    "record.tab_matches": _e("Propositions et missions ({n})", "Matches and missions ({n})"),
    "record.tab_mentoring": _e("Mentorat ({n})", "Mentoring ({n})"),
    "record.tab_history": _e("Historique", "History"),
    "record.tab_contacts": _e("Contacts ({n})", "Contacts ({n})"),
    "record.tab_requests": _e("Besoins ({n})", "Requests ({n})"),
    "record.see_organisation": _e("Voir l'organisation", "See organisation"),
    "record.request_caption": _e("{organisation} · {status} · reçu le {since}",
                                 "{organisation} · {status} · received on {since}"),
    # Requests
    "requests.title": _e("Besoins", "Requests"),
    "requests.count": _e("{n} besoins correspondent aux filtres.", "{n} requests match the filters."),
    "requests.pick_hint": _e("Cliquez sur la case d'une ligne pour ouvrir le besoin et ses propositions.",
                             "Tick a row to open the request and its matches."),
    # Matches
    "matches.title": _e("Propositions", "Matches"),
    "matches.board": _e("Pipeline : propositions en cours par étape", "Pipeline: matches in progress by stage"),
    "matches.board_help": _e("Propositions ni terminées ni sorties, à leur étape actuelle.",
                             "Matches neither completed nor exited, at their current stage."),
    "chart.active_by_stage": _e("Propositions en cours par étape et type de mission",
                                "Matches in progress by stage and mission type"),
    "chart.conversion_mission": _e("Conversion par type de mission (nombre de propositions)",
                                   "Conversion by mission type (number of matches)"),
    "chart.conversion_org": _e("Conversion par type d'organisation (nombre de propositions)",
                               "Conversion by organisation kind (number of matches)"),
    "matches.conversion_hint": _e("Conversion : part des propositions arrivées au contrat signé.",
                                  "Conversion: share of matches that reached a signed contract."),
    "chart.stage_days": _e("Jours passés dans chaque étape (médiane)", "Days spent in each stage (median)"),
    "matches.durations_hint": _e("Temps entre l'entrée dans l'étape et l'événement suivant ; les propositions "
                                 "encore dans l'étape ne comptent pas.",
                                 "Time from entering the stage to the next event; matches still in the stage do "
                                 "not count."),
    "chart.exits": _e("Sorties du parcours et leurs motifs", "Exits from the path and their reasons"),
    # Mentoring
    "mentoring.title": _e("Accompagnement", "Mentoring"),
    "mentoring.followed": _e("Soignants suivis", "Caregivers followed"),
    "mentoring.stalled": _e("Bloqués", "Stalled"),
    "mentoring.stalled_help": _e("Pas encore prêts pour une mission et sans progrès depuis {days} jours.",
                                 "Not yet ready for a mission and no progress for {days} days."),
    "mentoring.overdue": _e("Actions en retard", "Overdue actions"),
    "mentoring.tab_mine": _e("Mes soignants", "My caregivers"),
    "mentoring.tab_progress": _e("Progression", "Progress"),
    "mentoring.tab_stalled": _e("Bloqués ({n})", "Stalled ({n})"),
    "mentoring.tab_actions": _e("Prochaines actions ({n})", "Next actions ({n})"),
    "mentoring.pick_mentor": _e("Choisissez un seul mentor dans les filtres pour voir ses soignants.",
                                "Pick a single mentor in the filters to see their caregivers."),
    "mentoring.late": _e("En retard", "Overdue"),
    "mentoring.due": _e("À faire", "Due"),
    "chart.step_completion": _e("Part des soignants ayant franchi chaque étape",
                                "Share of caregivers who did each step"),
    "chart.caregivers_per_stage": _e("Soignants par dernière étape franchie", "Caregivers by last step done"),
    "chart.time_to_ready": _e("Jours du premier appel à « prêt(e) pour une mission » (médiane, par profession)",
                              "Days from first call to 'ready for a mission' (median, by profession)"),
    # Rates
    "rates.title": _e("Tarifs journaliers", "Day rates"),
    "rates.caption": _e("Tarifs convenus sur les propositions retenues : la référence pour conseiller un soignant "
                        "sur ce qu'il peut demander.",
                        "Rates agreed on selected matches: the benchmark to advise a caregiver on what to ask."),
    "rates.by": _e("Regrouper par", "Group by"),
    "rates.by_profession": _e("Profession", "Profession"),
    "rates.by_specialty": _e("Spécialité", "Specialty"),
    "rates.by_mission_type": _e("Type de mission", "Mission type"),
    "chart.rates_profession": _e("Tarifs convenus par profession (boîte : 1er au 3e quartile, trait : médiane)",
                                 "Agreed rates by profession (box: 1st to 3rd quartile, line: median)"),
    "chart.rates_specialty": _e("Tarifs convenus par spécialité (boîte : 1er au 3e quartile, trait : médiane)",
                                "Agreed rates by specialty (box: 1st to 3rd quartile, line: median)"),
    "chart.rates_mission_type": _e("Tarifs convenus par type de mission (boîte : 1er au 3e quartile, trait : médiane)",
                                   "Agreed rates by mission type (box: 1st to 3rd quartile, line: median)"),
    "rates.hint": _e("{n} tarifs convenus. Un stage M2 se paie en gratification, pas en honoraires.",
                     "{n} agreed rates. An M2 internship pays a stipend, not fees."),
})


# Field name → catalog key of its label (the last part of a prefixed name: "caregiver.email" → email).
FIELD_LABELS = {
    "first_name": "col.first_name", "last_name": "col.last_name", "email": "col.email", "phone": "col.phone",
    "postcode": "col.postcode", "profession": "col.profession", "specialty": "col.specialty",
    "practice_setting": "col.setting", "years_experience": "field.years_experience", "rpps": "field.rpps",
    "availability_days_per_month": "col.availability", "work_mode": "col.work_mode",
    "mission_types": "col.missions_wanted", "digital_appetite": "col.appetite", "ai_trained": "col.ai_trained",
    "expected_day_rate": "field.expected_day_rate", "legal_status": "col.legal_status", "cumul_status": "col.cumul",
    "consent_date": "field.consent_date", "consent_method": "field.consent_method",
    "lawful_basis": "field.lawful_basis", "profile_confirmed_on": "col.confirmed_on", "source": "col.source",
    "mentor_id": "col.mentor", "notes": "col.notes", "name": "field.org_name", "kind": "col.org_kind",
    "makes_health_products": "field.makes_health_products", "city": "col.city", "region": "col.region",
    "website": "col.website", "role": "col.role", "title": "field.title", "description": "field.description",
    "mission_type": "col.mission_type", "professions": "col.professions", "specialties": "col.specialties",
    "headcount": "col.headcount", "start_date": "col.start_date", "expected_days": "field.expected_days",
    "budget_day_rate": "field.budget_day_rate", "priority": "col.priority", "owner_id": "col.owner",
    "occurred_on": "col.date", "occurred_hour": "field.hour", "member_id": "col.member", "duration_min":
    "field.duration", "summary": "col.summary", "outcome": "col.outcome", "next_action": "col.next_action",
    "next_action_due": "col.due", "topics": "col.topics", "agreed_day_rate": "field.agreed_day_rate",
    "agreed_days": "field.agreed_days", "mission_start": "col.mission_start",
    "conflict_checked": "field.conflict_checked", "convention_status": "col.convention",
    "convention_submitted_on": "field.convention_submitted_on", "convention_decided_on": "field.convention_decided_on",
    "stage": "field.next_stage", "reason": "col.exit_reason", "status": "col.status",
    "caregiver_ids": "col.caregivers", "before": "audit.before", "after": "audit.after",
    "caregiver_feedback": "field.caregiver_feedback", "client_feedback": "field.client_feedback",
}


def field_label(name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored field's name as people read it ("expected_day_rate" → "Tarif souhaité (€ / jour)")."""
    return t(FIELD_LABELS[name], lang) if name in FIELD_LABELS else name


def _singular(n: object, lang: str) -> bool:
    """French counts 0 and 1 in the singular ("0 texte modifié"), English only 1."""
    return isinstance(n, int) and (n in (0, 1) if lang == "fr" else n == 1)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, with `values` filled in; an unknown key shows as itself. A count `n` that
    reads in the singular takes the entry `key.one` when there is one."""
    if f"{key}.one" in CATALOG and _singular(values.get("n"), lang):
        key = f"{key}.one"
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


# Writing: the acting member, forms, records' edit tabs and the call log.
CATALOG.update({
    "app.member": _e("Vous êtes", "You are"),
    "app.no_team": _e("Aucun membre de l'équipe dans cette base : rien ne peut y être écrit.",
                      "No team member in this store: nothing can be written."),
    "nav.call_log": _e("Noter un appel", "Log a call"),
    # Forms
    "form.choose": _e("Choisir…", "Choose…"),
    "form.unset": _e("— (non renseigné)", "— (not set)"),
    "form.range": _e("Un nombre entre {low} et {high}.", "A number between {low} and {high}."),
    "form.range_whole": _e("Un nombre entier entre {low} et {high}.", "A whole number between {low} and {high}."),
    "form.range_rate": _e("En euros par jour, jusqu'à {high} (1 200 ou 1 200,50 : les centimes sont arrondis).",
                          "In euros per day, up to {high} (1 200 or 1 200,50: cents are rounded)."),
    "form.unexpected": _e("Une erreur inattendue a empêché l'enregistrement : rien n'a été enregistré et vos saisies "
                          "sont conservées. Réessayez ; si elle revient, signalez-la à l'équipe technique.",
                          "An unexpected error prevented the save: nothing was saved and what you typed is kept. "
                          "Try again; if it comes back, tell the technical team."),
    "form.type_to_search": _e("Tapez un nom pour chercher…", "Type a name to search…"),
    "form.fix_n": _e("{n} champs sont à corriger : chaque message est sous son champ. Rien n'a été enregistré.",
                     "{n} fields need fixing: each message is under its field. Nothing was saved."),
    "form.duplicate_field": _e("Déjà utilisé par un soignant du vivier.", "Already used by a caregiver in the pool."),
    "form.changed_since": _e("Quelqu'un a enregistré cette fiche depuis que vous avez ouvert ce formulaire. Vos "
                             "saisies sont gardées ; rechargez pour repartir de la fiche à jour.",
                             "Someone saved this record since you opened this form. What you typed is kept; "
                             "reload to start again from the current record."),
    "form.reload": _e("Recharger depuis la fiche", "Reload from the record"),
    "form.save": _e("Enregistrer", "Save"),
    "form.move": _e("Faire avancer", "Move"),
    "form.change_status": _e("Changer le statut", "Change status"),
    "form.steps_title": _e("Faire avancer l'accompagnement", "Move onboarding steps"),
    "form.save_steps": _e("Enregistrer les étapes", "Save steps"),
    "form.session_title": _e("Noter une séance de mentorat", "Log a mentoring session"),
    "form.log_session": _e("Noter la séance", "Log session"),
    "form.request_title": _e("Modifier le besoin", "Edit request"),
    "form.move_request": _e("Nouveau statut", "New status"),
    "form.status_final": _e("Ce besoin est « {status} » : son statut ne change plus.",
                            "This request is '{status}': its status no longer changes."),
    "form.request_closed": _e("Ce besoin n'est plus ouvert : rouvrez-le (statut « En recherche ») pour y proposer "
                              "des soignants.", "This request is no longer open: reopen it to add caregivers."),
    "form.candidates": _e("Soignants à proposer (de la profession demandée, prêts d'abord)",
                          "Caregivers to put forward (of the profession asked, ready ones first)"),
    "form.add_candidates": _e("Proposer ces soignants", "Put these caregivers forward"),
    "form.ready": _e("prêt(e)", "ready"),
    "form.match_title": _e("Faire avancer une proposition", "Move a match"),
    "form.which_match": _e("Proposition", "Match"),
    "form.match_final": _e("Cette proposition est « {stage} » : elle n'avance plus.",
                           "This match is '{stage}': it no longer moves."),
    "form.reason_help": _e("Obligatoire pour une sortie (déclinée, refusée, abandonnée).",
                           "Required for an exit (declined, rejected, dropped)."),
    "form.gaps": _e("Avant de signer le contrat :", "Before the contract can be signed:"),
    "form.no_gaps": _e("Conformité complète : le contrat peut être signé.",
                       "Compliance complete: the contract can be signed."),
    "form.new_contact": _e("Ajouter un contact", "Add a contact"),
    "form.actions_done": _e("Actions faites", "Actions done"),
    "form.pick_actions": _e("Choisissez au moins une action.", "Pick at least one action."),
    "form.close_actions": _e("Marquer comme faites", "Mark as done"),
    "saved.actions": _e("{n} action(s) marquée(s) comme faite(s).", "{n} action(s) marked as done."),
    "form.edit_contact": _e("Modifier un contact", "Edit a contact"),
    "form.add_contact": _e("Ajouter le contact", "Add contact"),
    # Field labels and help
    "field.years_experience": _e("Années d'expérience", "Years of experience"),
    "field.rpps": _e("Numéro RPPS", "RPPS number"),
    "field.rpps_help": _e("11 chiffres, sur la carte CPS ou l'Annuaire santé. Pas de RPPS pour les aides-soignant(e)s "
                          "et ambulancier(e)s.", "11 digits, on the CPS card or the Annuaire santé."),
    "field.email_help": _e("Enregistrée en minuscules.", "Stored in lower case."),
    "field.phone_help": _e("Toute écriture française : 06 12 34 56 78, +33 6…, 0033 6…",
                           "Any French way of writing it: 06 12 34 56 78, +33 6…"),
    "field.postcode_help": _e("5 chiffres ; Corse (20…) et outre-mer (97…) compris.",
                              "5 digits; Corsica (20…) and overseas (97…) included."),
    "field.specialty_help": _e("Pour les médecins seulement.", "For doctors only."),
    "field.cumul_help": _e("Un médecin d'hôpital public doit obtenir l'autorisation de cumul de son employeur.",
                           "A public-hospital doctor needs their employer's authorisation for a second activity."),
    "field.expected_day_rate": _e("Tarif souhaité (€ / jour)", "Expected rate (€ / day)"),
    "field.consent_date": _e("Consentement donné le", "Consent given on"),
    "field.consent_method": _e("Consentement donné par", "Consent given by"),
    "field.lawful_basis": _e("Base légale", "Lawful basis"),
    "field.org_name": _e("Nom de l'organisation", "Organisation name"),
    "field.makes_health_products": _e("Fabrique ou vend des produits de santé", "Makes or sells health products"),
    "field.health_products_help": _e("Déclenche les règles anti-cadeaux : convention déclarée ou autorisée par "
                                     "l'Ordre.", "Triggers the anti-gift rules: agreement declared to or "
                                     "authorised by the Ordre."),
    "field.title": _e("Intitulé du besoin", "Request title"),
    "field.description": _e("Description", "Description"),
    "field.expected_days": _e("Jours prévus", "Expected days"),
    "field.budget_day_rate": _e("Budget (€ / jour)", "Budget (€ / day)"),
    "field.hour": _e("Heure", "Time"),
    "field.duration": _e("Durée (min)", "Duration (min)"),
    "field.agreed_day_rate": _e("Tarif convenu (€ / jour)", "Agreed rate (€ / day)"),
    "field.agreed_days": _e("Jours convenus", "Agreed days"),
    "field.conflict_checked": _e("Absence de conflit d'intérêts vérifiée", "No conflict of interest (checked)"),
    "field.convention_help": _e("Sous les seuils : déclaration à l'Ordre, 8 jours ouvrés avant ; au-dessus : "
                                "autorisation préalable.", "Below the thresholds: declared to the Ordre 8 working "
                                "days ahead; above: prior authorisation."),
    "field.convention_submitted_on": _e("Convention envoyée le", "Agreement sent on"),
    "field.convention_decided_on": _e("Décision de l'Ordre le", "Ordre's decision on"),
    "field.next_stage": _e("Étape suivante", "Next stage"),
    # Records
    "record.tab_edit": _e("Modifier", "Edit"),
    "record.tab_candidates": _e("Proposer des soignants", "Put caregivers forward"),
    "record.archived": _e("Fiche archivée : elle n'apparaît plus dans les listes ni dans les chiffres. "
                          "Restaurez-la pour la remettre en service.",
                          "Archived record: no longer in lists or figures. Restore it to bring it back."),
    "record.archived_short": _e("archivé", "archived"),
    "record.archive_help": _e("Archiver retire la fiche des listes et des chiffres sans rien effacer ; elle se "
                              "restaure à tout moment.", "Archiving hides the record from lists and figures "
                              "without deleting anything; it can be restored at any time."),
    "record.archive": _e("Archiver", "Archive"),
    "record.restore": _e("Restaurer", "Restore"),
    "record.archived_done": _e("Fiche archivée.", "Record archived."),
    "record.restored": _e("Fiche restaurée.", "Record restored."),
    "empty.candidates": _e("Aucun soignant du vivier de la profession demandée n'est libre pour ce besoin.",
                           "No caregiver of the profession asked is left for this request."),
    "empty.contacts": _e("Aucun contact : ajoutez-en un.", "No contact yet: add one."),
    # Confirmations
    "saved.caregiver": _e("Fiche du soignant enregistrée.", "Caregiver saved."),
    "saved.organisation": _e("Organisation enregistrée.", "Organisation saved."),
    "saved.contact": _e("Contact enregistré.", "Contact saved."),
    "saved.request": _e("Besoin enregistré.", "Request saved."),
    "saved.status": _e("Besoin passé à « {status} ».", "Request moved to '{status}'."),
    "saved.candidates": _e("{n} soignant(s) proposé(s) sur ce besoin.", "{n} caregiver(s) put forward."),
    "saved.stage": _e("Proposition passée à « {stage} ».", "Match moved to '{stage}'."),
    "saved.terms": _e("Conditions et conformité enregistrées.", "Terms and compliance saved."),
    "saved.steps": _e("{n} étape(s) mise(s) à jour.", "{n} step(s) updated."),
    "saved.nothing": _e("Rien n'a changé : rien à enregistrer.", "Nothing changed: nothing to save."),
    "saved.session": _e("Séance de mentorat notée.", "Mentoring session logged."),
    # Call log
    "calls.title": _e("Noter un appel", "Log a call"),
    "calls.caption": _e("Pendant ou juste après l'appel. Un appel d'accueil crée ou met à jour la fiche du soignant ; "
                        "une qualification crée ou met à jour l'organisation, le contact et le besoin, dans le "
                        "même enregistrement.",
                        "During or right after the call. A welcome call creates or updates the caregiver; a "
                        "qualification creates or updates the organisation, contact and request, in one save."),
    "calls.read_only": _e("Votre rôle permet de consulter, pas de noter des appels.",
                          "Your role can read, not log calls."),
    "calls.with": _e("Appel avec", "Call with"),
    "calls.with_caregiver": _e("Un soignant", "A caregiver"),
    "calls.with_organisation": _e("Une organisation", "An organisation"),
    "calls.caregiver_mode": _e("Soignant", "Caregiver"),
    "calls.caregiver_new": _e("Nouveau (accueil)", "New (intake)"),
    "calls.caregiver_known": _e("Déjà dans le vivier", "Already in the pool"),
    "calls.search": _e("Chercher un soignant", "Find a caregiver"),
    "calls.search_placeholder": _e("Nom, e-mail, téléphone ou RPPS", "Name, email, phone or RPPS"),
    "calls.search_hint": _e("Tapez un nom, un e-mail, un téléphone ou un RPPS pour retrouver le soignant.",
                            "Type a name, email, phone or RPPS to find the caregiver."),
    "calls.search_none": _e("Personne ne correspond : vérifiez l'orthographe, ou notez un nouveau soignant.",
                            "No one matches: check the spelling, or log a new caregiver."),
    "calls.call_section": _e("L'appel", "The call"),
    "calls.profile_new": _e("Profil du nouveau soignant", "New caregiver's profile"),
    "calls.profile_known": _e("Profil", "Profile"),
    "calls.profile_update": _e("Mettre à jour le profil (facultatif)", "Update the profile (optional)"),
    "calls.use_existing": _e("Noter cet appel sur sa fiche, avec ce que vous avez saisi",
                             "Log this call on their record, with what you typed"),
    "calls.new_organisation": _e("➕ Nouvelle organisation", "➕ New organisation"),
    "calls.new_contact": _e("➕ Nouveau contact", "➕ New contact"),
    "calls.new_request": _e("➕ Nouveau besoin", "➕ New request"),
    "calls.no_contact": _e("Aucun contact précis", "No specific contact"),
    "calls.no_request": _e("Aucun besoin précis", "No specific request"),
    "calls.organisation_section": _e("Organisation", "Organisation"),
    "calls.contact_section": _e("Contact", "Contact"),
    "calls.request_section": _e("Besoin", "Request"),
    "calls.update_if_needed": _e("à mettre à jour si besoin", "update if needed"),
    "calls.save": _e("Enregistrer l'appel", "Save call"),
    "calls.saved": _e("Appel enregistré.", "Call saved."),
    "calls.created_caregiver": _e("soignant créé", "caregiver created"),
    "calls.created_organisation": _e("organisation créée", "organisation created"),
    "calls.created_contact": _e("contact créé", "contact created"),
    "calls.created_request": _e("besoin créé", "request created"),
    "calls.updated_caregiver": _e("profil mis à jour", "profile updated"),
    "calls.updated_organisation": _e("organisation mise à jour", "organisation updated"),
    "calls.updated_contact": _e("contact mis à jour", "contact updated"),
    "calls.updated_request": _e("besoin mis à jour", "request updated"),
    "calls.open_record": _e("Ouvrir la fiche : {name}", "Open the record: {name}"),
})


# Sign-in, roles, team accounts, audit log and personal data.
CATALOG.update({
    "nav.privacy": _e("Données personnelles", "Personal data"),
    "nav.audit_log": _e("Journal des modifications", "Audit log"),
    "nav.team": _e("Équipe et comptes", "Team and accounts"),
    "auth.title": _e("Connexion", "Sign in"),
    "auth.caption": _e("Hack Your Care · réservé à l'équipe. Les données des soignants sont personnelles : "
                       "ne partagez pas votre mot de passe.",
                       "Hack Your Care · team only. Caregivers' data is personal: do not share your password."),
    "auth.email": _e("E-mail", "Email"),
    "auth.password": _e("Mot de passe", "Password"),
    "auth.submit": _e("Se connecter", "Sign in"),
    "auth.no_account": _e("Aucun compte dans cette base : créez le premier (il sera fondateur·rice) avec "
                          "« python -m hyc users add ».",
                          "No account in this store: create the first one (a founder) with "
                          "'python -m hyc users add'."),
    "auth.expired": _e("Session terminée après {hours} h sans activité : reconnectez-vous.",
                       "Session ended after {hours} h without activity: sign in again."),
    "auth.deactivated": _e("Ce compte n'est plus actif.", "This account is no longer active."),
    "auth.ended": _e("Votre session a été fermée (déconnexion ailleurs, nouveau mot de passe ou compte désactivé) : "
                     "reconnectez-vous.", "Your session was ended (signed out elsewhere, new password or account "
                     "deactivated): sign in again."),
    "auth.expired_save": _e("Session terminée : rien n'a été enregistré. Reconnectez-vous ; ce que vous avez saisi "
                            "est perdu avec la session.", "Session ended: nothing was saved. Sign in again."),
    "auth.unavailable": _e("La connexion est momentanément impossible : réessayez dans un instant.",
                           "Signing in is not possible right now: try again in a moment."),
    "auth.signed_out": _e("Vous êtes déconnecté·e.", "You are signed out."),
    "auth.welcome": _e("Bonjour {name} !", "Hello {name}!"),
    "auth.signed_in_as": _e("Connecté·e", "Signed in"),
    "auth.sign_out": _e("Se déconnecter", "Sign out"),
    "auth.forbidden": _e("Cette page est réservée aux rôles : {allowed}. Votre rôle ({role}) ne l'ouvre pas ; "
                         "demandez à un·e fondateur·rice si vous en avez besoin.",
                         "This page is for these roles only: {allowed}. Your role ({role}) does not open it; "
                         "ask a founder if you need it."),
    "auth.forbidden_go": _e("Aller à « {page} »", "Go to '{page}'"),
    "auth.wait": _e("Trop d'essais manqués depuis ce navigateur : patientez {seconds} s avant de réessayer.",
                    "Too many failed attempts from this browser: wait {seconds} s before trying again."),
})

CATALOG.update({
    # Team and accounts
    "team.title": _e("Équipe et comptes", "Team and accounts"),
    "team.caption": _e("Qui peut se connecter, avec quel rôle. Un compte ne se supprime pas : il se désactive, "
                       "et le journal garde ce qu'il a fait.", "Who can sign in, with which role. An account is "
                       "never deleted: it is deactivated, and the audit log keeps what it did."),
    "team.name": _e("Prénom et nom", "Full name"),
    "team.role": _e("Rôle", "Role"),
    "team.active": _e("Actif", "Active"),
    "team.active_label": _e("Compte actif (peut se connecter)", "Active account (can sign in)"),
    "team.failed": _e("Essais manqués", "Failed attempts"),
    "team.locked_until": _e("Verrouillé jusqu'au", "Locked until"),
    "team.add": _e("Ajouter un compte", "Add an account"),
    "team.edit": _e("Modifier un compte", "Edit an account"),
    "team.which": _e("Compte", "Account"),
    "team.password": _e("Mot de passe", "Password"),
    "team.new_password": _e("Nouveau mot de passe (laisser vide pour le garder)",
                            "New password (leave empty to keep it)"),
    "team.password_help": _e("{n} caractères au moins, lettres et chiffres ou signes. Transmettez-le de vive voix.",
                             "At least {n} characters, letters and digits or signs. Hand it over in person."),
    "team.created": _e("Compte créé pour {name}.", "Account created for {name}."),
    "team.updated": _e("Compte de {name} enregistré.", "{name}'s account saved."),
    "team.locked": _e("Compte verrouillé jusqu'à {when} après des essais manqués.",
                      "Account locked until {when} after failed attempts."),
    "team.unlock": _e("Déverrouiller", "Unlock"),
    "team.unlocked": _e("Compte de {name} déverrouillé.", "{name}'s account unlocked."),
    # Audit log
    "audit.title": _e("Journal des modifications", "Audit log"),
    "audit.member": _e("Membre", "Member"),
    "audit.entity": _e("Fiche", "Record"),
    "audit.entity_id": _e("N°", "No."),
    "audit.action": _e("Action", "Action"),
    "audit.before": _e("Avant", "Before"),
    "field.caregiver_feedback": _e("Retour du soignant", "Caregiver's feedback"),
    "field.client_feedback": _e("Retour du client", "Client's feedback"),
    "audit.after": _e("Après", "After"),
    "audit.period": _e("Période", "Period"),
    "audit.last_days": _e("{n} derniers jours", "Last {n} days"),
    "audit.caption": _e("Modifications du {start} au {end} : {n}.", "Changes from {start} to {end}: {n}."),
    "audit.empty": _e("Aucune modification sur cette période avec ces filtres : élargissez la période ou retirez "
                      "un filtre.", "No change in this period with these filters: widen the period or remove "
                      "a filter."),
    "audit.capped": _e("Les {n} plus récentes sont affichées : resserrez les filtres pour voir les autres.",
                       "The {n} most recent are shown: narrow the filters to see the others."),
    "entity.caregiver": _e("Soignant", "Caregiver"),
    "entity.organisation": _e("Organisation", "Organisation"),
    "entity.contact": _e("Contact", "Contact"),
    "entity.request": _e("Besoin", "Request"),
    "entity.match": _e("Proposition", "Match"),
    "entity.onboarding_step": _e("Étape d'accompagnement", "Onboarding step"),
    "entity.mentoring_session": _e("Séance de mentorat", "Mentoring session"),
    "entity.call": _e("Appel", "Call"),
    "entity.team_member": _e("Compte", "Account"),
    "entity.store": _e("Base", "Store"),
    "entity.audit_event": _e("Journal des modifications", "Audit log"),
    "action.create": _e("Création", "Created"),
    "action.update": _e("Modification", "Updated"),
    "action.archive": _e("Archivage", "Archived"),
    "action.restore": _e("Restauration", "Restored"),
    "action.move": _e("Changement d'étape", "Moved"),
    "action.export": _e("Export RGPD", "GDPR export"),
    "action.effacement": _e("Effacement", "Erasure"),
    "action.opposition": _e("Opposition", "Objection"),
    "action.sign_in": _e("Connexion", "Sign-in"),
    "action.sign_in_failed": _e("Connexion refusée", "Sign-in refused"),
    "action.password": _e("Mot de passe changé", "Password changed"),
    "action.unlock": _e("Déverrouillage", "Unlocked"),
    "action.demo.load": _e("Données de démonstration", "Demo data"),
    # Personal data
    "privacy.title": _e("Données personnelles", "Personal data"),
    "privacy.caption": _e("Répondre à une personne qui demande ce que nous gardons d'elle, ou à être oubliée ; "
                          "revoir qui n'a plus de contact avec nous.",
                          "Answer a person who asks what we keep about them, or to be forgotten; review who is "
                          "no longer in touch."),
    "privacy.to_review": _e("À revoir", "To review"),
    "privacy.to_review_help": _e("Soignants sans contact depuis {years} ans (référence CNIL pour les prospects) : "
                                 "à recontacter pour confirmer, ou à effacer.",
                                 "Caregivers with no contact for {years} years: contact them again, or erase."),
    "privacy.objections": _e("Liste d'opposition", "Objection list"),
    "privacy.objections_help": _e("Personnes opposées ou effacées : elles ne peuvent pas être recréées.",
                                  "People who objected or were erased: they cannot be created again."),
    "privacy.tab_review": _e("Sans contact depuis {years} ans", "No contact for {years} years"),
    "privacy.tab_person": _e("Export et effacement", "Export and erasure"),
    "privacy.review_empty": _e("Personne n'est sans contact depuis {years} ans : rien à revoir.",
                               "No one has been out of touch for {years} years: nothing to review."),
    "privacy.review_hint": _e("Recontactez la personne pour confirmer son profil, ou effacez-la dans l'onglet "
                              "« Export et effacement ».", "Contact the person to confirm the profile, or erase "
                              "them in the 'Export and erasure' tab."),
    "privacy.last_contact": _e("Dernier contact", "Last contact"),
    "privacy.days_since": _e("Jours depuis", "Days since"),
    "privacy.none_found": _e("Personne ne correspond (les personnes effacées n'apparaissent plus).",
                             "No one matches (erased people no longer appear)."),
    "privacy.export_title": _e("Droit d'accès : tout ce que nous gardons", "Right of access: everything we keep"),
    "privacy.export_help": _e("Un zip avec un fichier JSON et un CSV par table : profil, étapes, appels, séances, "
                              "propositions et le journal qui les concerne.",
                              "A zip with a JSON file and one CSV per table: profile, steps, calls, sessions, "
                              "matches and the audit log about them."),
    "privacy.prepare_export": _e("Préparer l'export", "Prepare the export"),
    "privacy.download": _e("Télécharger le zip", "Download the zip"),
    "privacy.erase_title": _e("Droit à l'effacement", "Right to erasure"),
    "privacy.erase_help": _e("Irréversible : noms, coordonnées, RPPS, code postal, notes et textes libres sont "
                             "effacés, dans le journal aussi, et le fichier de la base est réécrit. Restent la "
                             "profession, la région, les dates et les tarifs, pour les statistiques. La personne "
                             "entre dans la liste d'opposition.",
                             "Irreversible: names, contact details, RPPS, postcode, notes and free text are erased, "
                             "in the audit log too, and the store file is rewritten. Profession, region, dates and "
                             "rates stay for statistics. The person joins the objection list."),
    "privacy.reason": _e("Motif", "Reason"),
    "privacy.reason_effacement": _e("Demande d'effacement", "Erasure request"),
    "privacy.reason_opposition": _e("Opposition au traitement", "Objection to processing"),
    "privacy.confirm": _e("Pour confirmer, tapez le nom affiché : {name}", "To confirm, type the name shown: {name}"),
    "privacy.confirm_mismatch": _e("Le nom tapé ne correspond pas : rien n'a été effacé.",
                                   "The name typed does not match: nothing was erased."),
    "privacy.erase": _e("Effacer définitivement", "Erase for good"),
    "privacy.erasing": _e("Effacement et réécriture de la base…", "Erasing and rewriting the store…"),
    "privacy.rewrite_title": _e("Réécrire le fichier de la base", "Rewrite the store file"),
    "privacy.rewrite_help": _e("Chaque effacement réécrit le fichier pour que les valeurs effacées n'y survivent "
                               "pas. Si une réécriture a échoué (base occupée), relancez-la ici.",
                               "Each erasure rewrites the file so that erased values do not survive in it. If a "
                               "rewrite failed (store busy), run it again here."),
    "privacy.rewrite": _e("Réécrire maintenant", "Rewrite now"),
    "privacy.rewritten": _e("Fichier de la base réécrit.", "Store file rewritten."),
    "privacy.erased.one": _e("Personne effacée ; {n} texte d'une autre fiche modifié ; le fichier de la base a été "
                             "réécrit.", "Person erased; {n} text of another record changed; the store file was "
                             "rewritten."),
    "privacy.erased": _e("Personne effacée ; {n} textes d'autres fiches modifiés ; le fichier de la base a été "
                         "réécrit.", "Person erased; {n} texts of other records changed; the store file was "
                         "rewritten."),
    "privacy.plan_title": _e("Ailleurs dans la base", "Elsewhere in the store"),
    "privacy.plan_some.one": _e("1 texte d'une autre fiche nomme cette personne (nom, e-mail, téléphone ou RPPS) : "
                                "l'effacement y remplacera ces mots par « [effacé] ».",
                                "1 text of another record names this person (name, e-mail, phone or RPPS): erasure "
                                "will replace those words with '[effacé]'."),
    "privacy.plan_some": _e("{n} textes d'autres fiches nomment cette personne (nom, e-mail, téléphone ou RPPS) : "
                            "l'effacement y remplacera ces mots par « [effacé] ».",
                            "{n} texts of other records name this person (name, e-mail, phone or RPPS): erasure "
                            "will replace those words with '[effacé]'."),
    "privacy.plan_none": _e("Aucun texte d'une autre fiche ne nomme cette personne : seules sa fiche et ses propres "
                            "échanges seront effacés.",
                            "No text of another record names this person: only their record and their own "
                            "exchanges will be erased."),
    "privacy.plan_record": _e("Fiche", "Record"),
    "privacy.plan_field": _e("Champ", "Field"),
    "privacy.plan_found": _e("Trouvé", "Found"),
    "privacy.changed_title": _e("Textes modifiés par le dernier effacement", "Texts changed by the last erasure"),
    "privacy.pending": _e("Un effacement n'est pas encore inscrit dans le fichier de la base (la réécriture a été "
                          "interrompue ou n'a pas pu se faire) : des valeurs effacées peuvent encore s'y lire. "
                          "Réécrivez le fichier maintenant.",
                          "An erasure is not yet written into the store file (the rewrite was cut short or could "
                          "not run): erased values may still be read in it. Rewrite the file now."),
})
