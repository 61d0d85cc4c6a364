"""The SQL console (founders) and its refusals."""

CATALOG = {
    "nav.console": ("Console SQL", "SQL console"),
    "console.title": ("Console SQL", "SQL console"),
    "console.caption": ("Une seule requête de lecture (SELECT, avec WITH si besoin) sur les tables de la base. "
                        "Le résultat est limité à {rows} lignes affichées (le total est donné) et la requête à "
                        "{seconds} s ; chaque requête est notée au journal. La base range des codes "
                        "(`masseur_kinesitherapeute`, région `76`) : pour écrire les valeurs en clair, lisez les "
                        "vues `caregiver_fr`, `request_fr`, `match_fr`… (`where profession = "
                        "'Masseur-kinésithérapeute' and region = 'Occitanie'`), décrites avec les codes sous "
                        "« Tables et colonnes ».",
                        "One read-only query (SELECT, with WITH if needed) over the store's tables. The result "
                        "shows at most {rows} rows (the total is given) and the query may take {seconds} s; every "
                        "query is recorded in the audit log. The store holds codes (`masseur_kinesitherapeute`, "
                        "region `76`): to write values in words, read the views `caregiver_en`, `request_en`, "
                        "`match_en`… (`where profession = 'Physiotherapist' and region = 'Occitanie'`), described "
                        "with the codes under \"Tables and columns\"."),
    "console.sql": ("Requête", "Query"),
    "console.run": ("Exécuter", "Run"),
    "console.result": ("{total} ligne(s) en {seconds} s.", "{total} row(s) in {seconds} s."),
    "console.capped": ("{total} lignes : les {shown} premières sont affichées et téléchargeables.",
                       "{total} rows: the first {shown} are shown and downloadable."),
    "console.schema": ("Tables et colonnes", "Tables and columns"),
    "console.empty": ("Écrivez une requête SELECT.", "Write a SELECT query."),
    "console.unreadable": ("Requête illisible : vérifiez la syntaxe (guillemets, parenthèses, virgules).",
                           "Unreadable query: check the syntax (quotes, brackets, commas)."),
    "console.one_statement": ("Une seule requête à la fois : retirez le point-virgule et ce qui suit.",
                              "One query at a time: remove the semicolon and what follows."),
    "console.read_only": ("Refusé : la console ne fait que lire (SELECT), « {what} » n'est pas permis et rien "
                          "n'a été changé.",
                          "Refused: the console only reads (SELECT); \"{what}\" is not allowed and nothing was "
                          "changed."),
    "console.function": ("Refusé : la fonction « {name} » n'est pas permise dans la console (elle pourrait lire "
                         "un fichier ou la configuration).",
                         "Refused: the function \"{name}\" is not allowed in the console (it could read a file or "
                         "the configuration)."),
    "console.table": ("Refusé : « {name} » n'est pas une table de la base (voir la liste des tables).",
                      "Refused: \"{name}\" is not a table of the store (see the list of tables)."),
    "console.too_slow": ("Requête arrêtée après {seconds} s (limite : {limit} s) : filtrez davantage ou agrégez "
                         "(GROUP BY).",
                         "Query stopped after {seconds} s (limit: {limit} s): filter more or aggregate (GROUP BY)."),
    # How a query that ran can end without a result: short sentences of ours, never DuckDB's English.
    "console.memory": ("Requête arrêtée : elle demandait plus de mémoire que la console n'en accorde. Filtrez, "
                       "agrégez ou évitez les très grandes valeurs (repeat, range…).",
                       "Query stopped: it needed more memory than the console allows. Filter, aggregate or avoid "
                       "very large values (repeat, range…)."),
    "console.too_big": ("Résultat trop volumineux pour être affiché : choisissez moins de colonnes, des valeurs "
                        "plus courtes ou moins de lignes (LIMIT).",
                        "Result too large to show: pick fewer columns, shorter values or fewer rows (LIMIT)."),
    "console.unknown_column": ("Colonne « {name} » inconnue : vérifiez son nom sous « Tables et colonnes » (un texte "
                               "s'écrit entre apostrophes : 'Occitanie').",
                               "Unknown column \"{name}\": check its name under \"Tables and columns\" (text goes "
                               "between single quotes: 'Occitanie')."),
    "console.unknown_alias": ("« {name} » n'est ni une table ni un alias de la requête : vérifiez le préfixe de la "
                              "colonne.",
                              "\"{name}\" is neither a table nor an alias of the query: check the column's prefix."),
    "console.unknown_function": ("Fonction « {name} » inconnue : vérifiez son nom.",
                                 "Unknown function \"{name}\": check its name."),
    "console.group_by": ("« {name} » doit figurer dans le GROUP BY ou dans une agrégation (count, sum, max…).",
                         "\"{name}\" must be in the GROUP BY or inside an aggregate (count, sum, max…)."),
    "console.ambiguous": ("« {name} » est une colonne de plusieurs tables de la requête : précisez laquelle "
                          "(c.{name}).",
                          "\"{name}\" is a column of several tables of the query: say which (c.{name})."),
    "console.argument_types": ("La fonction « {name} » ne s'applique pas à ces types de valeurs : changez de "
                               "colonne ou convertissez (CAST).",
                               "The function \"{name}\" does not apply to these kinds of values: use another "
                               "column or convert (CAST)."),
    "console.union_columns": ("Les parties d'un UNION doivent avoir le même nombre de colonnes.",
                              "The parts of a UNION must have the same number of columns."),
    "console.division_by_zero": ("Division par zéro : écrivez le diviseur NULLIF(x, 0).",
                                 "Division by zero: write the divisor NULLIF(x, 0)."),
    "console.scalar_subquery": ("Une sous-requête utilisée comme valeur rend plusieurs lignes : ajoutez une "
                                "agrégation ou LIMIT 1.",
                                "A subquery used as a value gives several rows: add an aggregate or LIMIT 1."),
    "console.conversion": ("Une valeur ne se convertit pas dans le type demandé (un texte en nombre ou en date) : "
                           "TRY_CAST donne NULL à la place.",
                           "A value does not convert to the type asked (text to a number or a date): TRY_CAST "
                           "gives NULL instead."),
    "console.out_of_range": ("Un nombre dépasse ce que son type peut tenir : convertissez en BIGINT ou DOUBLE.",
                             "A number exceeds what its type holds: convert to BIGINT or DOUBLE."),
    "console.names": ("Un nom de la requête ne correspond à rien : vérifiez tables, colonnes et alias sous « Tables "
                      "et colonnes ».",
                      "A name in the query matches nothing: check tables, columns and aliases under \"Tables and "
                      "columns\"."),
    "console.invalid_input": ("Une fonction a reçu une valeur qu'elle ne sait pas traiter (format de date, "
                              "expression régulière…) : vérifiez ses arguments.",
                              "A function got a value it cannot handle (date format, regular expression…): check "
                              "its arguments."),
    "console.failed": ("La base n'a pas pu exécuter la requête : vérifiez les noms, les types et les fonctions "
                       "employés.",
                       "The store could not run the query: check the names, types and functions used."),
    "console.saved": ("Questions enregistrées", "Saved questions"),
    "console.open_saved": ("Ouvrir une question enregistrée", "Open a saved question"),
    "console.none_saved": ("Aucune question enregistrée : écrivez une requête, puis donnez-lui un nom.",
                           "No saved question: write a query, then give it a name."),
    "console.examples": ("Exemples de questions", "Example questions"),
    "console.open_example": ("Ouvrir un exemple", "Open an example"),
    "console.example.kines_occitanie": ("Kinés d'Occitanie ayant fait une mission (au moins une proposition à "
                                        "l'étape « Terminée »), dans le vivier",
                                        "Physiotherapists in Occitanie who did a mission (at least one match at "
                                        "stage \"Completed\"), in the pool"),
    "console.example.pool": ("Soignants du vivier par profession et région",
                             "Caregivers in the pool by profession and region"),
    "console.example.open_requests": ("Besoins ouverts par statut et priorité",
                                      "Open requests by status and priority"),
    "console.labelled": ("En clair : `{name}_fr` (codes remplacés par leurs libellés français) ou `{name}_en` "
                         "(anglais), mêmes colonnes.",
                         "In words: `{name}_en` (codes replaced by their English labels) or `{name}_fr` (French), "
                         "same columns."),
    "console.codes": ("codes : {codes}", "codes: {codes}"),
    "console.code_list": ("plusieurs codes séparés par des virgules ; dans les vues en clair, leurs libellés "
                          "séparés par « , » : {codes}",
                          "several codes separated by commas; in the views in words, their labels separated by "
                          "\", \": {codes}"),
    "console.label_table": ("Chaque code avec ses libellés, pour une jointure : `label` (vocabulary, code, fr, en), "
                            "par exemple `join label l on l.vocabulary = 'professions' and l.code = c.profession`.",
                            "Every code with its labels, to join on: `label` (vocabulary, code, fr, en), for "
                            "example `join label l on l.vocabulary = 'professions' and l.code = c.profession`."),
    "console.name": ("Nom de la question", "Name of the question"),
    "console.save": ("Enregistrer pour l'équipe", "Save for the team"),
    "console.saved_done": ("Question « {name} » enregistrée.", "Question \"{name}\" saved."),
    "console.name_needed": ("Donnez un nom à la question (120 caractères au plus).",
                            "Give the question a name (120 characters at most)."),
    "console.pivot_unknown": ("Cette analyse ne peut pas être enregistrée : choisissez une mesure et ses dimensions.",
                              "This analysis cannot be saved: pick a measure and its dimensions."),
    "pivot.saved": ("Analyses enregistrées", "Saved analyses"),
    "pivot.open_saved": ("Ouvrir une analyse enregistrée", "Open a saved analysis"),
    "pivot.name": ("Nom de l'analyse", "Name of the analysis"),
    "pivot.save": ("Enregistrer pour l'équipe", "Save for the team"),
    "pivot.saved_done": ("Analyse « {name} » enregistrée.", "Analysis \"{name}\" saved."),
    "console.name_taken": ("Une question porte déjà ce nom : choisissez-en un autre.",
                           "A question already has this name: pick another one."),
    "console.by": ("Par {author}, le {date}", "By {author}, on {date}"),
    "action.query": ("Requête", "Query"),
    # The pivot (everyone).
    "nav.pivot": ("Analyse", "Analysis"),
    "pivot.title": ("Analyse croisée", "Pivot"),
    "pivot.caption": ("Une mesure par une ou deux dimensions, avec les filtres du vivier (à gauche) sur les "
                      "soignants concernés. Le tableau se télécharge en CSV ou Excel.",
                      "One measure by one or two dimensions, with the talent pool's filters (left) on the "
                      "caregivers concerned. The table downloads as CSV or Excel."),
    "pivot.measure": ("Mesure", "Measure"),
    "pivot.by": ("Par", "By"),
    "pivot.then_by": ("Puis par", "Then by"),
    "pivot.nothing": ("— (une seule dimension)", "— (one dimension)"),
    "pivot.unset": ("(non renseigné)", "(not set)"),
    "pivot.others": ("Autres", "Others"),
    "pivot.empty": ("Rien à compter avec ces filtres : élargissez-les.", "Nothing to count with these filters: "
                    "widen them."),
    "pivot.unfiltered": ("Les besoins ne concernent pas un soignant : les filtres du vivier ne s'y appliquent pas.",
                         "Requests concern no single caregiver: the pool's filters do not apply to them."),
    "pivot.total": ("Total : {n}.", "Total: {n}."),
    "pivot.median_note": ("Médiane des tarifs convenus (€ / jour) des propositions qui en ont un.",
                          "Median agreed day rate (€ / day) of the matches that have one."),
    "pivot.m.caregivers": ("Soignants", "Caregivers"),
    "pivot.m.requests": ("Besoins", "Requests"),
    "pivot.m.matches": ("Propositions", "Matches"),
    "pivot.m.match_caregivers": ("Soignants distincts (propositions)", "Distinct caregivers (matches)"),
    "pivot.distinct_note": ("Chaque soignant compte une fois par case, mais peut compter dans plusieurs : la somme "
                            "des cases n'est pas un nombre de personnes.",
                            "Each caregiver counts once per cell but may count in several: the cells do not add up "
                            "to a number of people."),
    "pivot.m.signed": ("Contrats signés", "Contracts signed"),
    "pivot.m.median_rate": ("Tarif médian des contrats signés (€)", "Median rate of signed contracts (€)"),
    "pivot.d.profession": ("Profession", "Profession"),
    "pivot.d.specialty": ("Spécialité", "Specialty"),
    "pivot.d.region": ("Région", "Region"),
    "pivot.d.departement": ("Département", "Département"),
    "pivot.d.practice_setting": ("Mode d'exercice", "Practice setting"),
    "pivot.d.stage": ("Étape d'accompagnement", "Onboarding stage"),
    "pivot.d.mission_type": ("Type de mission", "Mission type"),
    "pivot.d.org_kind": ("Type d'organisation", "Organisation kind"),
    "pivot.d.request_status": ("Statut du besoin", "Request status"),
    "pivot.d.match_stage": ("Étape de la proposition", "Match stage"),
    "pivot.d.month": ("Mois", "Month"),
    # The schema browser: each table, and the columns that have no form label.
    "schema.team_member": ("les comptes de l'équipe (sans les mots de passe)", "the team's accounts (no passwords)"),
    "schema.caregiver": ("les soignants du vivier, leur profil et leur consentement",
                         "the caregivers in the pool, their profile and consent"),
    "schema.organisation": ("les organisations qui expriment des besoins", "the organisations that ask"),
    "schema.contact": ("les contacts des organisations", "the organisations' contacts"),
    "schema.request": ("les besoins, leur statut et leur responsable", "the requests, their status and owner"),
    "schema.request_event": ("chaque changement de statut d'un besoin", "each status change of a request"),
    "schema.match": ("les propositions : un soignant sur un besoin, ses conditions et sa conformité",
                     "the matches: a caregiver on a request, terms and compliance"),
    "schema.match_event": ("chaque changement d'étape d'une proposition (entonnoir, durées)",
                           "each stage change of a match (funnel, durations)"),
    "schema.onboarding_step": ("où en est chaque soignant sur chaque étape d'accompagnement",
                               "where each caregiver stands on each onboarding step"),
    "schema.mentoring_session": ("les séances de mentorat", "the mentoring sessions"),
    "schema.call": ("le journal des appels", "the call log"),
    "schema.saved_question": ("les questions enregistrées de cette console", "this console's saved questions"),
    "schema.rpps_check": ("la dernière vérification de chaque RPPS dans l'Annuaire Santé, et la décision prise",
                          "each RPPS's last check against the Annuaire Santé, and the decision taken"),
    "schema.audit_event": ("le journal des modifications : qui, quand, quoi, avant et après",
                           "the audit log: who, when, what, before and after"),
    "column.id": ("identifiant de la ligne", "row identifier"),
    "column.action": ("ce qui a été fait (création, modification…)", "what was done (create, update…)"),
    "column.active": ("compte actif (vrai/faux)", "account active (true/false)"),
    "column.actor_id": ("qui (team_member.id ; vide : l'application)", "who (team_member.id; empty: the app)"),
    "column.archived": ("archivé (vrai/faux)", "archived (true/false)"),
    "column.author_id": ("auteur (team_member.id)", "author (team_member.id)"),
    "column.body": ("la requête enregistrée", "the saved query"),
    "column.caregiver_id": ("le soignant (caregiver.id)", "the caregiver (caregiver.id)"),
    "column.changed_at": ("date du dernier changement (UTC)", "last change (UTC)"),
    "column.client_rating": ("note du client, de 1 à 5", "client's rating, 1 to 5"),
    "column.contact_id": ("le contact (contact.id)", "the contact (contact.id)"),
    "column.created_at": ("date de création (UTC)", "created (UTC)"),
    "column.departement": ("département (déduit du code postal)", "département (from the postcode)"),
    "column.entity": ("le type de fiche concerné", "the kind of record"),
    "column.entity_id": ("l'identifiant de la fiche concernée", "the record's identifier"),
    "column.erased_at": ("date d'effacement à la demande de la personne (UTC)", "erased at the person's request "
                         "(UTC)"),
    "column.exit_reason": ("raison de la sortie d'une proposition", "why a match left"),
    "column.full_name": ("prénom et nom", "full name"),
    "column.lang": ("langue choisie (fr, en)", "language chosen (fr, en)"),
    "column.match_id": ("la proposition (match.id)", "the match (match.id)"),
    "column.next_action_done": ("prochaine action faite (vrai/faux)", "next action done (true/false)"),
    "column.next_action_owner_id": ("à qui revient la prochaine action (team_member.id)",
                                    "who owns the next action (team_member.id)"),
    "column.occurred_at": ("quand (UTC)", "when (UTC)"),
    "column.name_key": ("le nom tel que deux fiches le comparent (sans accents ni forme juridique)",
                        "the name as two records compare it (no accents, no legal form)"),
    "column.panel": ("le panel choisi pour un atelier ou des entretiens (caregiver.id séparés par des virgules)",
                     "the panel chosen for a workshop or interviews (caregiver.id, comma-separated)"),
    "column.left_at": ("quand la proposition a quitté cette étape (UTC ; vide : elle y est encore)",
                       "when the match left this stage (UTC; empty: it is still there)"),
    "column.organisation_id": ("l'organisation (organisation.id)", "the organisation (organisation.id)"),
    "column.request_id": ("le besoin (request.id)", "the request (request.id)"),
    "column.checked_on": ("date de la vérification dans l'annuaire", "date of the directory check"),
    "column.found": ("RPPS trouvé dans l'annuaire (vrai/faux)", "RPPS found in the directory (true/false)"),
    "column.modes": ("modes d'exercice déclarés (libéral, salarié…)", "declared modes of practice"),
    "column.profession_agrees": ("une ligne de l'annuaire a notre profession", "a directory line has our profession"),
    "column.specialty_agrees": ("une ligne de l'annuaire a notre spécialité (vide : rien à comparer)",
                                "a directory line has our specialty (empty: nothing to compare)"),
    "column.decided_by": ("qui a tranché le désaccord (team_member.id)", "who decided (team_member.id)"),
    "column.decided_at": ("quand le désaccord a été tranché (UTC)", "when it was decided (UTC)"),
    "column.row_version": ("version de la ligne (augmente à chaque modification)", "row version (rises at each "
                           "change)"),
    "column.status_changed_at": ("date du dernier changement de statut (UTC)", "last status change (UTC)"),
    "column.step": ("l'étape d'accompagnement", "the onboarding step"),
    "column.updated_at": ("date de la dernière modification (UTC)", "last update (UTC)"),
}
