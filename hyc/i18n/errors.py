"""What the domain says to a person: refusals of a value or a write, warnings, and the compliance checklist."""

CATALOG = {
    # Values (hyc.validation)
    "error.required": ("Ce champ est obligatoire.", "This field is required."),
    "error.too_long": ("{n} caractères au plus.", "{n} characters at most."),
    "error.pick_one": ("Choisissez une valeur de la liste.", "Pick a value from the list."),
    "error.pick_several": ("Choisissez des valeurs de la liste.", "Pick values from the list."),
    "error.rpps_length": ("Le numéro RPPS compte 11 chiffres.", "An RPPS number has 11 digits."),
    "error.rpps_key": ("Ce numéro RPPS n'est pas valide : sa clé (dernier chiffre) ne correspond pas.",
                       "This RPPS number is not valid: its key (the last digit) does not match."),
    "error.email": ("Cette adresse e-mail n'est pas valide.", "This e-mail address is not valid."),
    "error.phone_unreadable": ("Ce numéro de téléphone n'est pas reconnu.", "This phone number is not recognised."),
    "error.phone_invalid": ("Ce numéro de téléphone n'est pas valide.", "This phone number is not valid."),
    "error.postcode_length": ("Un code postal compte 5 chiffres (en Corse aussi : 20000 à 20620).",
                              "A postcode has 5 digits (in Corsica too: 20000 to 20620)."),
    "error.postcode_unknown": ("Ce code postal français n'existe pas.", "This French postcode does not exist."),
    "error.whole_number": ("Saisissez un nombre entier.", "Type a whole number."),
    "error.whole_number_between": ("Saisissez un nombre entier entre {low} et {high}.",
                                   "Type a whole number between {low} and {high}."),
    "error.number": ("Saisissez un nombre.", "Type a number."),
    "error.number_between": ("Saisissez un nombre entre {low} et {high}.", "Type a number between {low} and {high}."),
    "error.amount": ("Saisissez un montant en euros, par exemple 450 ou 1 200.",
                     "Type an amount in euros, for example 450 or 1 200."),
    "error.ambiguous_thousands": ("Écrivez « {thousands} » pour des milliers d'euros, ou la virgule pour des centimes "
                                  ": « {typed} » peut se lire des deux façons.",
                                  "Write '{thousands}' for thousands of euros, or a decimal comma for cents: "
                                  "'{typed}' can be read both ways."),
    "error.rate_positive": ("Le tarif journalier doit être positif.", "A day rate must be positive."),
    "error.rate_min": ("Un tarif journalier compte au moins {amount}.", "A day rate is at least {amount}."),
    "error.rate_max": ("Un tarif journalier ne dépasse pas {amount} : vérifiez la saisie.",
                       "A day rate does not go beyond {amount}: check what was typed."),
    "error.rate_rounded": ("Les tarifs sont en euros entiers : {typed} € est arrondi à {amount}.",
                           "Rates are in whole euros: {typed} € is rounded to {amount}."),
    "error.rate_unusual": ("Tarif inhabituel ({amount} par jour) : vérifiez-le, la plupart des tarifs sont entre {low} "
                           "et {high}.",
                           "Unusual rate ({amount} a day): check it, most rates are between {low} and {high}."),
    "error.two_sentences": ("{first} {second}", "{first} {second}"),
    "error.date_between": ("Saisissez une date entre le {low} et le {high}.", "Type a date between {low} and {high}."),
    "error.future": ("Cette date est dans le futur.", "This date is in the future."),
    "error.datetime_format": ("Saisissez une date et une heure (jj/mm/aaaa hh:mm).",
                              "Type a date and a time (dd/mm/yyyy hh:mm)."),
    "error.date_format": ("Saisissez une date (jj/mm/aaaa).", "Type a date (dd/mm/yyyy)."),
    "error.date_impossible": ("Le {typed} n'existe pas : ce mois-là a {days} jours. Corrigez le jour ou le mois.",
                              "{typed} does not exist: that month has {days} days. Correct the day or the month."),
    "error.date_no_month": ("« {typed} » : le mois s'écrit de 01 à 12 (jj/mm/aaaa).",
                            "'{typed}': the month is written from 01 to 12 (dd/mm/yyyy)."),
    "error.due_missing": ("Donnez une échéance à cette prochaine action.", "Give this next action a due date."),
    "error.action_missing": ("Décrivez la prochaine action de cette échéance.",
                             "Describe the next action of this due date."),
    "error.due_before": ("L'échéance ne peut pas précéder l'échange.", "The due date cannot come before the exchange."),
    # Writes (hyc.audit)
    "error.permission": ("Votre rôle ({role}) ne permet pas cette modification : rien n'a été enregistré.",
                         "Your role ({role}) does not allow this change: nothing was saved."),
    "error.not_found": ("{what} introuvable : la fiche a peut-être été supprimée ou le lien est faux.",
                        "{what} cannot be found: the record may have been deleted or the link is wrong."),
    "error.this_record": ("Cette fiche", "This record"),
    "error.this_caregiver": ("Ce soignant", "This caregiver"),
    "error.this_organisation": ("Cette organisation", "This organisation"),
    "error.this_request": ("Ce besoin", "This request"),
    "error.this_match": ("Cette proposition", "This match"),
    "error.this_action": ("Cette action", "This action"),
    "error.due_past": ("Choisissez aujourd'hui ou une date à venir.", "Pick today or a date to come."),
    "error.owner_cannot_act": ("Cette personne ne peut pas reprendre d'action (compte inactif ou en lecture "
                               "seule).", "This person cannot take an action on (inactive or read-only account)."),
    "error.this_account": ("Ce compte", "This account"),
    "error.stale": ("Cette fiche a changé depuis que vous l'avez ouverte : {who} l'a modifiée{when}{fields}. Rien n'a "
                    "été écrasé : rechargez la fiche, puis refaites vos modifications.",
                    "This record changed since you opened it: {who} changed it{when}{fields}. Nothing was "
                    "overwritten: reload the record, then make your changes again."),
    "error.stale_someone": ("quelqu'un", "someone"),
    "error.stale_when": (" le {when}", " on {when}"),
    "error.stale_fields": (" ({fields})", " ({fields})"),
    "error.duplicate_key": ("Cette fiche vient d'être enregistrée par quelqu'un d'autre : rien n'a été écrit en "
                            "double. Rechargez la page pour la retrouver.",
                            "This record has just been saved by someone else: nothing was written twice. Reload "
                            "the page to find it."),
    # Caregivers
    "error.duplicate_caregiver": ("{name} est déjà dans le vivier (même {reason}) : ouvrez sa fiche pour la mettre à "
                                  "jour plutôt que de créer un doublon.",
                                  "{name} is already in the pool (same {reason}): open their record to update it "
                                  "rather than create a duplicate."),
    "error.same_email": ("e-mail", "e-mail"),
    "error.same_rpps": ("numéro RPPS", "RPPS number"),
    "error.same_phone": ("téléphone", "phone"),
    "error.consent_future": ("Le consentement ne peut pas être daté du futur.",
                             "Consent cannot be dated in the future."),
    "error.contact_needed": ("Indiquez au moins un e-mail ou un téléphone pour pouvoir recontacter ce soignant.",
                             "Give at least an e-mail or a phone so that this caregiver can be contacted again."),
    "error.specialty_doctors": ("La spécialité ne concerne que les médecins et les étudiant(e)s (leur domaine).",
                                "A specialty is for physicians and students (their field) only."),
    "error.no_rpps": ("Les aides-soignant(e)s et ambulancier(e)s n'ont pas de numéro RPPS.",
                      "Care assistants and ambulance staff have no RPPS number."),
    "error.consent_before_keeping": ("Demandez son accord avant de garder son profil : sans accord daté, rien "
                                     "n'est enregistré.",
                                     "Ask for their consent before keeping their profile: without a dated "
                                     "consent, nothing is saved."),
    "error.basis_needed": ("Indiquez la base légale sur laquelle ce profil est gardé (consentement ou intérêt "
                           "légitime).", "Give the lawful basis this profile is kept on (consent or legitimate "
                           "interest)."),
    "error.consent_method": ("Précisez comment le consentement a été donné.", "Say how consent was given."),
    "error.merged_locked": ("Cette fiche a été fusionnée dans la fiche n° {id} : c'est celle-ci qui se modifie.",
                            "This record was merged into record no. {id}: that one is the one to change."),
    "error.erased_locked": ("Cette personne a été effacée à sa demande : sa fiche ne se modifie ni ne se restaure.",
                            "This person was erased at their request: their record can be neither changed nor "
                            "restored."),
    "error.mentor_unknown": ("Ce mentor n'existe pas.", "This mentor does not exist."),
    # Organisations and requests
    "error.website": ("Saisissez une adresse complète, par exemple https://www.exemple.fr.",
                      "Type a full address, for example https://www.example.com."),
    "error.organisation_exists": ("« {name} » existe déjà : choisissez-la dans la liste.",
                                  "'{name}' already exists: pick it from the list."),
    "error.specialties_doctors": ("Les spécialités ne s'appliquent qu'aux médecins et aux étudiant(e)s : ajoutez "
                                  "« Médecin » ou « Étudiant(e) en santé » aux professions.",
                                  "Specialties only apply to physicians and students: add 'Physician' or 'Health "
                                  "student' to the professions."),
    "error.place_required_region": ("Un lieu impératif demande une région (ou une mission à distance).",
                                    "A required place needs a region (or a remote mission)."),
    "error.appetite_required_none": ("Choisissez l'appétence numérique souhaitée pour la rendre impérative.",
                                     "Pick the digital appetite wanted to make it required."),
    "error.ai_required_not_ai": ("La formation IA ne peut être impérative que pour une mission sur l'IA.",
                                 "AI training can only be required for a mission about AI."),
    "error.convention_needed": ("Ce client fabrique ou vend des produits de santé : la convention est requise.",
                                "This client makes or sells health products: the agreement is required."),
    "error.cumul_needed": ("Médecin hospitalier : le cumul d'activité le concerne (à demander, demandée, obtenue ou "
                           "refusée).",
                           "Hospital doctor: the cumul applies (to request, requested, granted or refused)."),
    "error.organisation_unknown": ("Cette organisation n'existe pas.", "This organisation does not exist."),
    "error.contact_not_of_organisation": ("Ce contact n'appartient pas à cette organisation.",
                                          "This contact does not belong to this organisation."),
    "error.request_moves": ("Un besoin « {status} » ne peut passer qu'à : {allowed}.",
                            "A request '{status}' can only move to: {allowed}."),
    "error.no_other_status": ("aucun autre statut", "no other status"),
    # Matches and compliance
    "error.contract_open": ("Le contrat ne peut pas être signé tant que ces points sont ouverts : {gaps}.",
                            "The contract cannot be signed while these points are open: {gaps}."),
    "error.pick_caregiver": ("Choisissez au moins un soignant.", "Pick at least one caregiver."),
    "error.too_many_candidates": ("{n} soignants choisis : {cap} au plus à la fois. Une proposition se suit une à une "
                                  "; retirez-en de la sélection.",
                                  "{n} caregivers picked: at most {cap} at a time. Each match is followed one by "
                                  "one; remove some from the shortlist."),
    "error.request_closed": ("Ce besoin est « {status} » : rouvrez-le avant d'y proposer des soignants.",
                             "This request is '{status}': reopen it before putting caregivers forward."),
    "error.caregiver_left": ("{name} n'est plus dans le vivier (archivé(e)) : retirez cette personne de la "
                             "sélection ; rien n'a été proposé.",
                             "{name} is no longer in the pool (archived): remove them from the shortlist; nothing "
                             "was proposed."),
    "error.match_moves": ("Une proposition « {stage} » ne peut passer qu'à : {allowed}.",
                          "A match '{stage}' can only move to: {allowed}."),
    "error.no_other_stage": ("aucune autre étape", "no other stage"),
    "error.exit_reason": ("Indiquez la raison de cette sortie.", "Give the reason for this exit."),
    "error.exit_reason_wrong": ("Cette raison ne correspond pas à cette sortie : choisissez-en une de la liste.",
                                "This reason does not fit this exit: pick one from the list."),
    "error.convention_sent": ("Indiquez la date d'envoi de la convention à l'Ordre.",
                              "Give the date the agreement was sent to the Ordre."),
    "error.convention_decided": ("Indiquez la date de la décision de l'Ordre.",
                                 "Give the date of the Ordre's decision."),
    "error.decided_before_sent": ("La décision ne peut pas précéder l'envoi de la convention.",
                                  "The decision cannot come before the agreement was sent."),
    "error.gap_conflict": ("l'absence de conflit d'intérêts n'est pas vérifiée",
                           "the absence of any conflict of interest is not checked"),
    "error.gap_terms": ("le tarif et le nombre de jours convenus manquent (ils décident du régime de la convention)",
                        "the agreed rate and number of days are missing (they decide the agreement's regime)"),
    "error.gap_declaration": ("la convention n'est pas déclarée à l'Ordre",
                              "the agreement is not declared to the Ordre"),
    "error.gap_authorisation": ("la convention n'est pas autorisée par l'Ordre (montants au-dessus des seuils)",
                                "the agreement is not authorised by the Ordre (amounts above the thresholds)"),
    "error.gap_cumul": ("l'autorisation de cumul d'activité de l'hôpital n'est pas obtenue",
                        "the hospital's authorisation for a second activity is not obtained"),
    "error.warn_authorisation": ("Ces montants dépassent les seuils : la convention demande l'autorisation de l'Ordre, "
                                 "une simple déclaration ne suffit pas.",
                                 "These amounts are above the thresholds: the agreement needs the Ordre's "
                                 "authorisation, a declaration is not enough."),
    "error.warn_deadline": ("La déclaration doit parvenir à l'Ordre au plus tard le {date}, huit jours ouvrés avant le "
                            "début de la mission.",
                            "The declaration must reach the Ordre by {date}, eight working days before the mission "
                            "starts."),
    # Mentoring
    "error.steps_first": ("Faites d'abord : {steps}.", "Do these first: {steps}."),
    "error.steps_later_done": ("Des étapes suivantes sont faites ({steps}) : repassez-les d'abord à « à faire » ou "
                               "« en cours ».",
                               "Later steps are done ({steps}): set them back to 'to do' or 'in progress' first."),
    "error.step_unknown": ("Cette étape n'existe pas.", "This step does not exist."),
    "error.session_future": ("Une séance passée ne peut pas être dans le futur.",
                             "A past session cannot be in the future."),
    # Calls
    "error.call_empty": ("Dites ce qui s'est dit ou comment l'appel s'est terminé : un résumé ou une issue.",
                         "Say what was said or how the call ended: a summary or an outcome."),
    "error.call_future": ("Un appel passé ne peut pas être dans le futur.", "A past call cannot be in the future."),
    "error.party_missing": ("Indiquez avec qui a eu lieu l'appel : un soignant ou une organisation.",
                            "Say who the call was with: a caregiver or an organisation."),
    "error.party_both": ("Un appel se note avec un soignant ou avec une organisation, pas les deux.",
                         "A call is logged with a caregiver or with an organisation, not both."),
    "error.welcome_with_caregiver": ("Un appel d'accueil se fait avec un soignant.",
                                     "A welcome call is with a caregiver."),
    "error.qualification_with_organisation": ("Une qualification de besoin se fait avec une organisation.",
                                              "A request qualification is with an organisation."),
    "error.organisation_needed": ("Un contact ou un besoin appartient à une organisation : choisissez-la.",
                                  "A contact or a request belongs to an organisation: pick it."),
    "error.pick_or_fill": ("Choisissez dans la liste ou remplissez la fiche.",
                           "Pick from the list or fill in the record."),
    "error.record_gone": ("Cette fiche n'existe plus : choisissez-en une autre.",
                          "This record no longer exists: pick another."),
    "error.member_unknown": ("Ce membre de l'équipe n'existe pas.", "This team member does not exist."),
    "error.caregiver_gone": ("Ce soignant n'existe plus.", "This caregiver no longer exists."),
    "error.organisation_gone": ("Cette organisation n'existe plus.", "This organisation no longer exists."),
    "error.request_not_of_organisation": ("Ce besoin n'appartient pas à cette organisation.",
                                          "This request does not belong to this organisation."),
    # Accounts
    "error.wrong_sign_in": ("E-mail ou mot de passe incorrect.", "Wrong e-mail or password."),
    "error.identity_not_in_team": (
        "Ce compte n'ouvre pas l'application : son adresse n'est celle d'aucun membre actif de l'équipe. Un·e "
        "fondateur·rice peut vous ajouter (page Équipe) avec cette adresse.",
        "This account does not open the app: its address is no active team member's. A founder can add you "
        "(Team page) with this address."),
    "error.identity_unverified": (
        "Votre fournisseur d'identité n'a pas vérifié cette adresse : vérifiez-la chez lui, puis réessayez.",
        "Your identity provider has not verified this address: verify it there, then try again."),
    "error.password_short": ("Le mot de passe doit compter au moins {n} caractères.",
                             "The password must have at least {n} characters."),
    "error.password_mix": ("Mélangez lettres et chiffres ou signes dans le mot de passe.",
                           "Mix letters with digits or signs in the password."),
    "error.password_demo": ("Ce mot de passe est celui d'un compte de démonstration, écrit dans le README : "
                            "choisissez-en un autre.",
                            "This is a demo account's password, printed in the README: choose another one."),
    "error.account_exists": ("Un compte existe déjà avec cet e-mail.", "An account already exists with this e-mail."),
    "error.own_rights": ("Vous ne pouvez pas retirer vos propres droits de fondateur·rice : demandez-le à un·e autre "
                         "fondateur·rice.",
                         "You cannot remove your own founder rights: ask another founder."),
    "error.address_locked": ("Trop d'essais manqués pour cette adresse : réessayez après {time}, ou demandez à un·e "
                             "fondateur·rice de la débloquer.",
                             "Too many failed attempts for this address: try again after {time}, or ask a founder "
                             "to unlock it."),
    "error.sign_in_busy": ("Trop de tentatives en même temps : réessayez dans un instant.",
                           "Too many attempts at once: try again in a moment."),
    # Personal data
    "error.objected": ("Cette personne s'est opposée au traitement de ses données ou a demandé leur effacement : elle "
                       "ne peut pas être ajoutée de nouveau.",
                       "This person objected to the processing of their data or asked for its erasure: they cannot "
                       "be added again."),
    "error.already_erased": ("Ce soignant a déjà été effacé.", "This caregiver was already erased."),
    "error.rewrite_failed": ("Les données sont effacées des tables, mais le fichier de la base n'a pas pu être réécrit "
                             "(elle était occupée) : des traces peuvent y rester. Relancez « Réécrire le fichier » "
                             "dans un moment.",
                             "The data are erased from the tables, but the store file could not be rewritten (it "
                             "was busy): traces may remain in it. Run 'Rewrite the file' again in a moment."),
    # The store (hyc.db, hyc.demo)
    "error.store_locked": ("La base {path} est verrouillée par {who} (l'application est sans doute lancée) : "
                           "arrêtez-la avant d'écrire avec la ligne de commande.",
                           "The store {path} is locked by {who} (the app is probably running): stop it before "
                           "writing from the command line."),
    "error.import_while_running": ("Tant que l'application tourne, faites-le depuis sa page « Imports » : on y dépose "
                                   "le fichier.",
                                   "While the app runs, do it from its \"Imports\" page: drop the file there."),
    "error.backup_while_running": ("L'application en cours fait elle-même une sauvegarde chaque jour (réglage "
                                   "HYC_BACKUP_HOUR, dossier HYC_BACKUP_DIR), et un·e fondateur·rice peut en lancer "
                                   "une depuis la page Équipe et comptes.",
                                   "The running app makes a backup itself every day (setting HYC_BACKUP_HOUR, folder "
                                   "HYC_BACKUP_DIR), and a founder can make one from the Team page."),
    "error.process": ("le processus {pid}", "process {pid}"),
    "error.another_process": ("un autre processus", "another process"),
    "error.store_too_new": ("La base est en version {found}, plus récente que celle que ce code connaît ({known}) : "
                            "mettez l'application à jour.",
                            "The store is at version {found}, newer than this code knows ({known}): update the "
                            "app."),
    "error.store_rewriting": ("La base est en cours de réécriture : réessayez dans quelques secondes.",
                              "The store is being rewritten: try again in a few seconds."),
    "error.store_too_busy": ("La base est trop occupée pour être réécrite : réessayez dans un moment.",
                             "The store is too busy to be rewritten: try again in a moment."),
    "error.store_still_open": ("La base n'a pas pu être réécrite (elle est encore ouverte ailleurs) : réessayez.",
                               "The store could not be rewritten (it is still open elsewhere): try again."),
    "error.backup_no_manifest": ("{folder} n'est pas une sauvegarde : il n'y a pas de manifest.json.",
                                 "{folder} is not a backup: there is no manifest.json."),
    "error.backup_incomplete": ("La sauvegarde {folder} est incomplète : il manque {tables}.",
                                "Backup {folder} is incomplete: {tables} missing."),
    "error.backup_manifest_unreadable": ("Le manifest.json de {folder} est illisible ou incomplet : sauvegarde "
                                         "refusée.",
                                         "The manifest.json of {folder} is unreadable or incomplete: backup "
                                         "refused."),
    "error.backup_signature": ("La signature du manifest.json de {folder} ne correspond pas à la clé de cette base "
                               "(fichier modifié, ou sauvegarde d'une autre base ou d'avant les signatures) : "
                               "sauvegarde refusée.",
                               "The signature of {folder}'s manifest.json does not match this store's key (an edited "
                               "file, or a backup of another store or from before signatures): backup refused."),
    "error.backup_checksum": ("Le fichier {file} de la sauvegarde {folder} a été modifié ou tronqué depuis la "
                              "sauvegarde (empreinte SHA-256 différente) : sauvegarde refusée.",
                              "File {file} of backup {folder} was changed or truncated since the backup (another "
                              "SHA-256): backup refused."),
    "error.backup_unlisted": ("Le fichier {file} de la sauvegarde {folder} n'est pas dans son manifest : sauvegarde "
                              "refusée.",
                              "File {file} of backup {folder} is not in its manifest: backup refused."),
    "error.backup_unreadable_file": ("Le fichier {file} de la sauvegarde {folder} est illisible : la base est "
                                     "restée vide.",
                                     "File {file} of backup {folder} cannot be read: the store was left empty."),
    "error.restore_not_empty": ("La base contient déjà des données : une sauvegarde ne se restaure que dans une "
                                "base vide (nouveau fichier : HYC_DB=chemin/nouveau.duckdb).",
                                "The store already holds data: a backup is only restored into an empty store "
                                "(a new file: HYC_DB=path/new.duckdb)."),
    "error.restore_counts": ("Restauration annulée, la base est revenue vide : les nombres de lignes diffèrent "
                             "de la sauvegarde ({tables}).",
                             "Restore cancelled, the store is empty again: row counts differ from the backup "
                             "({tables})."),
    "error.store_not_empty": ("La base contient déjà des données : la démo ne se charge que dans une base vide (option "
                              "--reset pour tout effacer d'abord).",
                              "The store already holds data: the demo loads only into an empty store (--reset "
                              "erases everything first)."),
}
