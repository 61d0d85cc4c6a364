"""The day's digest: the e-mail each member receives in the morning, its box on the landing page, its switch."""

CATALOG = {
    # The e-mail
    "digest.subject": ("Votre journée du {day} : {n} points", "Your day, {day}: {n} items"),
    "digest.subject.one": ("Votre journée du {day} : 1 point", "Your day, {day}: 1 item"),
    "digest.hello": ("Bonjour {name},", "Hello {name},"),
    "digest.intro": ("Voici ce qui vous attend aujourd'hui, {day}.", "Here is what is yours today, {day}."),
    "digest.kind.overdue": ("Actions en retard ({n})", "Overdue actions ({n})"),
    "digest.kind.today": ("Actions du jour ({n})", "Today's actions ({n})"),
    "digest.kind.filings": ("L'Ordre à saisir dans les 5 jours ouvrés ({n})",
                            "The Ordre to ask within 5 working days ({n})"),
    "digest.kind.stuck": ("Travail bloqué ({n})", "Stuck work ({n})"),
    "digest.kind.at_risk": ("Besoins à risque ({n})", "Requests at risk ({n})"),
    "digest.who_request": ("{who} · « {title} »", "{who} · “{title}”"),
    "digest.line.overdue": ("{due}, {n} j de retard : {action} — {who}", "{due}, {n} d late: {action} — {who}"),
    "digest.line.overdue.one": ("{due}, 1 j de retard : {action} — {who}", "{due}, 1 d late: {action} — {who}"),
    "digest.line.today": ("{action} — {who}", "{action} — {who}"),
    "digest.line.declaration": (
        "Déclaration à l'Ordre au plus tard le {date} — {caregiver}, « {title} » ({organisation}), début le {start}",
        "Declaration to the Ordre by {date} — {caregiver}, “{title}” ({organisation}), starting {start}"),
    "digest.line.declaration_late": (
        "Déclaration à l'Ordre : la date limite du {date} est passée — {caregiver}, « {title} » ({organisation}), "
        "début le {start}",
        "Declaration to the Ordre: the {date} deadline has passed — {caregiver}, “{title}” ({organisation}), "
        "starting {start}"),
    "digest.line.autorisation": (
        "Autorisation à demander à l'Ordre au plus tard le {date} — {caregiver}, « {title} » ({organisation}), "
        "début le {start}",
        "Authorisation to request from the Ordre by {date} — {caregiver}, “{title}” ({organisation}), "
        "starting {start}"),
    "digest.line.autorisation_late": (
        "Autorisation de l'Ordre : la date limite du {date} est passée — {caregiver}, « {title} » ({organisation}), "
        "début le {start}",
        "Authorisation from the Ordre: the {date} deadline has passed — {caregiver}, “{title}” ({organisation}), "
        "starting {start}"),
    "digest.line.stuck": ("{what} : {state} depuis {n} j (seuil {limit} j) — « {title} » ({organisation})",
                          "{what}: {state} for {n} d (threshold {limit} d) — “{title}” ({organisation})"),
    "digest.line.at_risk": ("« {title} » ({organisation}) : ouvert depuis {n} j sans candidat en lice, "
                            "{places} place(s) à pourvoir",
                            "“{title}” ({organisation}): open for {n} d with no candidate in the running, "
                            "{places} place(s) to fill"),
    "digest.more": ("… et {n} de plus, dans l'application.", "… and {n} more, in the app."),
    "digest.in_the_app": ("Tout est aussi sur votre page d'accueil dans l'application, chaque ligne menant à sa fiche.",
                          "It is all on your landing page in the app too, each line opening its record."),
    "digest.turn_off": ("Pour ne plus recevoir ce résumé : « {toggle} », en bas du menu de l'application.",
                        "To stop receiving it: “{toggle}”, at the bottom of the app's menu."),
    # The landing page and the switch
    "digest.title": ("Votre journée", "Your day"),
    "digest.box": ("Votre journée · {n} points", "Your day · {n} items"),
    "digest.box.one": ("Votre journée · 1 point", "Your day · 1 item"),
    "digest.empty": ("Votre journée : rien ne vous attend aujourd'hui (ni action en retard ou du jour, ni dossier pour "
                     "l'Ordre, ni travail bloqué, ni besoin à risque).",
                     "Your day: nothing waits for you today (no overdue or due action, no file for the Ordre, no "
                     "stuck work, no request at risk)."),
    "digest.more_in_app": ("… et {n} de plus : la liste complète est dans {where}.",
                           "… and {n} more: the whole list is in {where}."),
    "digest.where.overdue": ("les prochaines actions (Mentorat)", "the next actions (Mentoring)"),
    "digest.where.today": ("les prochaines actions (Mentorat)", "the next actions (Mentoring)"),
    "digest.where.filings": ("les fiches des besoins", "the requests' records"),
    "digest.where.stuck": ("le travail bloqué (Vue d'ensemble)", "stuck work (Overview)"),
    "digest.where.at_risk": ("les besoins à risque (Vue d'ensemble)", "requests at risk (Overview)"),
    "digest.mailed": ("Envoyé aussi à {email} chaque matin à partir de {hour} h, quand il y a quelque chose à dire.",
                      "Also e-mailed to {email} every morning from {hour}:00, when there is something to say."),
    "digest.not_mailed": ("Vous ne le recevez pas par e-mail (« {toggle} », en bas du menu).",
                          "You do not receive it by e-mail (“{toggle}”, at the bottom of the menu)."),
    "digest.server_off": ("Ce serveur n'envoie pas de résumé par e-mail (HYC_DIGEST_HOUR=off).",
                          "This server sends no digest by e-mail (HYC_DIGEST_HOUR=off)."),
    "digest.toggle": ("Résumé du jour par e-mail", "Daily digest by e-mail"),
    "digest.toggle_help": ("Chaque matin, ce qui est à vous aujourd'hui : actions en retard et du jour, l'Ordre à "
                           "saisir, travail bloqué, besoins à risque. Rien n'est envoyé un jour sans rien à dire.",
                           "Every morning, what is yours today: overdue and due actions, the Ordre to ask, stuck "
                           "work, requests at risk. Nothing is sent on a day with nothing to say."),
    "digest.turned_on": ("Résumé du jour par e-mail : activé.", "Daily digest by e-mail: on."),
    "digest.turned_off": ("Résumé du jour par e-mail : désactivé.", "Daily digest by e-mail: off."),
}
