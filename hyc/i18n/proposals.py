"""Proposals by e-mail (hyc.exchange.proposals, hyc.ui.proposals): the preview, the send, the answers, the team's
templates and what each placeholder stands for."""

CATALOG = {
    # The fields it adds to a caregiver and a request.
    "field.caregiver_lang": ("Langue des e-mails", "E-mail language"),
    "field.caregiver_lang_help": ("Langue des propositions envoyées par e-mail ; non renseignée : français.",
                                  "Language of the proposals sent by e-mail; not known: French."),
    "field.confidential": ("Client confidentiel", "Confidential client"),
    "field.confidential_help": ("Les propositions envoyées par e-mail ne nomment pas l'organisation : elles disent "
                                "seulement ce qu'elle fait.",
                                "Proposals sent by e-mail do not name the organisation: they only say what it does."),
    # The audit log and the console.
    "entity.mail_template": ("Modèle d'e-mail", "E-mail template"),
    "action.send": ("Proposition envoyée par e-mail", "Proposal sent by e-mail"),
    "action.reset": ("Retour au modèle par défaut", "Back to the default template"),
    "schema.mail_template": ("les modèles d'e-mail de l'équipe (proposition), par langue ; aucun : celui de l'app",
                             "the team's e-mail templates (proposal), per language; none: the app's own"),
    "column.subject": ("objet de l'e-mail, avec ses champs entre accolades", "the e-mail's subject, with its fields "
                       "in braces"),
    "column.content": ("texte de l'e-mail, avec ses champs entre accolades", "the e-mail's text, with its fields in "
                       "braces"),
    # Sending.
    "proposals.send": ("Envoyer la proposition", "Send the proposal"),
    "proposals.send_help": ("Un e-mail à chaque personne cochée, dans sa langue, à partir du modèle de l'équipe : "
                            "un aperçu de chaque message s'affiche avant l'envoi.",
                            "One e-mail to each person ticked, in their language, from the team's template: a "
                            "preview of each message is shown before sending."),
    "proposals.title": ("Proposition par e-mail · {request}", "Proposal by e-mail · {request}"),
    "proposals.preview_caption": ("{n} messages prêts : relisez-les, puis envoyez. Chaque envoi fait passer la "
                                  "proposition à « Contactée » et s'inscrit au journal des appels.",
                                  "{n} messages ready: read them, then send. Each one sent moves the match to "
                                  "\"Contacted\" and goes in the call log."),
    "proposals.preview_caption.one": ("1 message prêt : relisez-le, puis envoyez. L'envoi fait passer la proposition "
                                      "à « Contactée » et s'inscrit au journal des appels.",
                                      "1 message ready: read it, then send. Sending it moves the match to "
                                      "\"Contacted\" and puts it in the call log."),
    "proposals.to": ("À : {name} <{to}> · {language}", "To: {name} <{to}> · {language}"),
    "proposals.subject": ("Objet : {subject}", "Subject: {subject}"),
    "proposals.confirm": ("Envoyer {n} e-mails", "Send {n} e-mails"),
    "proposals.confirm.one": ("Envoyer 1 e-mail", "Send 1 e-mail"),
    "proposals.cancel": ("Fermer sans envoyer", "Close without sending"),
    "proposals.nothing_to_send": ("Aucun message à envoyer : personne parmi les personnes choisies ne peut recevoir "
                                  "cette proposition par e-mail.",
                                  "No message to send: none of the people picked can receive this proposal by "
                                  "e-mail."),
    "proposals.not_configured": ("Les e-mails ne partent pas d'ici : aucun serveur d'envoi n'est configuré "
                                 "(HYC_SMTP_HOST, voir le README). Appelez plutôt.",
                                 "E-mails do not go from here: no mail server is configured (HYC_SMTP_HOST, see the "
                                 "README). Call instead."),
    "proposals.too_many": ("{n} personnes choisies : une proposition part à {cap} personnes au plus à la fois. "
                           "Retirez-en {extra}.",
                           "{n} people picked: a proposal goes to {cap} people at most at once. Take {extra} off."),
    "proposals.pick_someone": ("Choisissez au moins une personne à qui écrire.", "Pick at least one person to write "
                               "to."),
    "proposals.sending": ("Envoi en cours…", "Sending…"),
    # What became of it.
    "proposals.result_title": ("Dernier envoi · {request}", "Last sending · {request}"),
    "proposals.sent": ("{n} propositions envoyées : {names}.", "{n} proposals sent: {names}."),
    "proposals.sent.one": ("1 proposition envoyée : {names}.", "1 proposal sent: {names}."),
    "proposals.failed": ("Non envoyée à {name} : {why}", "Not sent to {name}: {why}"),
    "proposals.unrecorded": ("Envoyée à {name}, mais non inscrite ({why}) : notez l'appel à la main.",
                             "Sent to {name}, but not recorded ({why}): log it by hand."),
    "proposals.skipped_title": ("Pas d'e-mail pour ces personnes", "No e-mail for these people"),
    "proposals.skipped": ("{name} : {why}", "{name}: {why}"),
    "proposals.call_instead": ("à appeler : {phone}", "to call: {phone}"),
    "proposals.no_phone": ("pas de téléphone non plus", "no phone either"),
    "proposals.dismiss": ("Masquer", "Dismiss"),
    "proposals.skip.objection": ("sur la liste d'opposition : ne pas la contacter",
                                 "on the objection list: do not contact"),
    "proposals.skip.erased": ("données effacées à sa demande", "data erased at their request"),
    "proposals.skip.archived": ("archivé(e), hors du vivier", "archived, out of the pool"),
    "proposals.skip.no_email": ("pas d'adresse e-mail", "no e-mail address"),
    "proposals.skip.stage": ("déjà « {stage} » sur ce besoin", "already \"{stage}\" on this request"),
    "proposals.skip.gone": ("fiche introuvable", "record not found"),
    # Answers.
    "proposals.answers_title": ("Réponses aux propositions", "Answers to the proposals"),
    "proposals.answers_caption": ("Les personnes contactées : leur réponse s'enregistre en un clic (la proposition "
                                  "passe à « Intéressée » ou « Déclinée par le soignant »).",
                                  "The people contacted: their answer is recorded in one click (the match moves to "
                                  "\"Interested\" or \"Declined by caregiver\")."),
    "proposals.interested": ("Intéressé(e)", "Interested"),
    "proposals.declines": ("Décline", "Declines"),
    "proposals.decline_reason": ("Motif du refus", "Reason"),
    "proposals.answered_interested": ("{name} est intéressé(e) : proposition « Intéressée ».",
                                      "{name} is interested: match \"Interested\"."),
    "proposals.answered_declined": ("{name} décline ({reason}) : proposition « Déclinée par le soignant ».",
                                    "{name} declines ({reason}): match \"Declined by caregiver\"."),
    # The request's matches: whom to write to.
    "proposals.from_matches": ("Écrire aux personnes suggérées", "Write to the people suggested"),
    "proposals.recipients": ("Destinataires", "Recipients"),
    # Templates (Team page).
    "proposals.templates": ("Modèles d'e-mail de proposition", "Proposal e-mail templates"),
    # Said without values: the braces as typed.
    "proposals.templates_caption": (
        "Le texte que reçoivent les soignants, dans leur langue. Les champs entre accolades sont remplis pour "
        "chaque personne ; pour une accolade seule, écrivez {{ ou }}.",
        "The text caregivers receive, in their language. The fields in braces are filled for each person; for a "
        "plain brace, write {{ or }}."),
    "proposals.template_lang": ("Langue du modèle", "Template language"),
    "proposals.template_subject": ("Objet", "Subject"),
    "proposals.template_content": ("Texte", "Text"),
    "proposals.template_default": ("Modèle par défaut de l'application : aucun modèle enregistré pour cette langue.",
                                   "The app's default template: none saved for this language."),
    "proposals.template_stored": ("Modèle de l'équipe, modifié le {when} par {who}.",
                                  "The team's template, changed on {when} by {who}."),
    "proposals.template_saved": ("Modèle enregistré ({language}).", "Template saved ({language})."),
    "proposals.template_reset": ("Revenir au modèle par défaut", "Back to the default template"),
    "proposals.template_was_reset": ("Modèle par défaut rétabli ({language}).", "Default template back ({language})."),
    "proposals.error.unknown_field": ("Champ inconnu : {names}. Les champs possibles : {known}.",
                                      "Unknown field: {names}. The possible fields: {known}."),
    # Said without values: the braces as typed.
    "proposals.error.braces": ("Accolade seule ou mal fermée : écrivez un champ entre accolades comme {prenom}, "
                               "ou {{ et }} pour une accolade.",
                               "A lone or unclosed brace: write a field in braces such as {prenom}, or {{ and }} "
                               "for a brace."),
    "proposals.error.field_form": ("Un champ s'écrit seul entre accolades, sans « . », « [ », « ! » ni « : » : "
                                   "{names}.",
                                   "A field is written alone in braces, without \".\", \"[\", \"!\" or \":\": "
                                   "{names}."),
    # What each field stands for.
    "proposals.field.prenom": ("le prénom du soignant", "the caregiver's first name"),
    "proposals.field.nom": ("son nom", "their last name"),
    "proposals.field.mission": ("le titre du besoin", "the request's title"),
    "proposals.field.type": ("le type de mission", "the mission type"),
    "proposals.field.client": ("le nom du client (ou « une organisation qui préfère rester confidentielle »)",
                               "the client's name (or \"an organisation that prefers to remain confidential\")"),
    "proposals.field.activite": ("ce que fait le client (son type : start-up, medtech…)",
                                 "what the client does (its kind: start-up, medtech…)"),
    "proposals.field.dates": ("le début de la mission", "the mission's start"),
    "proposals.field.jours": ("le nombre de jours", "the number of days"),
    "proposals.field.tarif": ("le tarif journalier (convenu, sinon le budget)",
                              "the day rate (agreed, else the budget)"),
    "proposals.field.lieu": ("à distance ou sur site, et la région", "remote or on site, and the region"),
    "proposals.field.description": ("la description du besoin", "the request's description"),
    "proposals.field.signature": ("le nom de la personne de l'équipe qui envoie", "the name of the team member who "
                                  "sends it"),
    # The values the fields take, in the caregiver's language.
    "proposals.value.confidential_client": ("une organisation qui préfère rester confidentielle à ce stade",
                                            "an organisation that prefers to remain confidential at this stage"),
    "proposals.value.client_masked": ("notre client", "our client"),
    "proposals.value.person_masked": ("[nom masqué]", "[name withheld]"),
    "proposals.value.details_masked": ("[coordonnées masquées]", "[contact details withheld]"),
    "proposals.value.from": ("à partir du {date}", "from {date}"),
    "proposals.value.to_agree": ("à convenir ensemble", "to be agreed together"),
    "proposals.value.days": ("{n} jours", "{n} days"),
    "proposals.value.days.one": ("{n} jour", "{n} day"),
    "proposals.value.days_unknown": ("à préciser", "to be specified"),
    "proposals.value.rate": ("{rate} par jour", "{rate} a day"),
    "proposals.value.budget": ("jusqu'à {rate} par jour", "up to {rate} a day"),
    "proposals.value.rate_unknown": ("à discuter ensemble", "to be discussed together"),
    "proposals.value.remote": ("à distance", "remote"),
    "proposals.value.on_site": ("sur site", "on site"),
    "proposals.value.on_site_in": ("sur site ({region})", "on site ({region})"),
    "proposals.value.hybrid": ("en partie à distance, en partie sur site", "partly remote, partly on site"),
    "proposals.value.hybrid_in": ("en partie à distance, en partie sur site ({region})",
                                  "partly remote, partly on site ({region})"),
    "proposals.value.place_unknown": ("à préciser", "to be specified"),
}
