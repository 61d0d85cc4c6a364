"""The shell: the app's name, the menu, sign-in and the words every page uses."""

CATALOG = {
    "app.title": ("Hack Your Care", "Hack Your Care"),
    "app.tagline": ("Le tableau de bord de l'équipe", "The team's dashboard"),
    "app.language": ("Langue", "Language"),
    "app.store": ("Base : {path}", "Store: {path}"),
    "app.store_error": ("La base de données n'est pas disponible : {reason}",
                        "The database is not available: {reason}"),
    "nav.overview": ("Vue d'ensemble", "Overview"),
    "nav.talent_pool": ("Vivier", "Talent pool"),
    "nav.requests": ("Besoins", "Requests"),
    "nav.matches": ("Propositions", "Matches"),
    "nav.mentoring": ("Accompagnement", "Mentoring"),
    "nav.rates": ("Tarifs", "Rates"),
    "table.capped_download": ("Affichage des {shown} premiers sur {total} : affinez les filtres pour voir les "
                              "autres, ou téléchargez-les tous sous le tableau.",
                              "Showing the first {shown} of {total}: refine the filters to see the others, or "
                              "download them all below the table."),
    "table.capped_download_all": ("Affichage des {shown} premiers sur {total} : téléchargez-les tous sous le "
                                  "tableau.",
                                  "Showing the first {shown} of {total}: download them all below the table."),
    "common.yes": ("Oui", "Yes"),
    # A label and its value in a line of facts: French puts a space before the colon, English none.
    "common.fact": ("**{label}** : {value}", "**{label}**: {value}"),
    "common.no": ("Non", "No"),
    # A yes-or-no nobody gave (AI training not asked yet): not a "no".
    "common.unknown": ("Non renseigné", "Not known"),
    "app.member": ("Vous êtes", "You are"),
    "app.no_team": ("Aucun membre de l'équipe dans cette base : rien ne peut y être écrit.",
                    "No team member in this store: nothing can be written."),
    "nav.call_log": ("Noter un appel", "Log a call"),
    "nav.privacy": ("Données personnelles", "Personal data"),
    "nav.audit_log": ("Journal des modifications", "Audit log"),
    "nav.team": ("Équipe et comptes", "Team and accounts"),
    "auth.title": ("Connexion", "Sign in"),
    "auth.caption": ("Hack Your Care · réservé à l'équipe. Les données des soignants sont personnelles : ne "
                     "partagez pas votre mot de passe.",
                     "Hack Your Care · team only. Caregivers' data is personal: do not share your password."),
    "auth.email": ("E-mail", "Email"),
    "auth.password": ("Mot de passe", "Password"),
    "auth.submit": ("Se connecter", "Sign in"),
    "auth.with_identity": ("Se connecter avec le compte de l'équipe", "Sign in with the team's account"),
    "auth.or_password": ("ou avec un mot de passe :", "or with a password:"),
    "auth.identity_refused": ("Compte présenté : {email}", "Account presented: {email}"),
    "auth.other_identity": ("Utiliser un autre compte", "Use another account"),
    "auth.no_account": ("Aucun compte dans cette base : créez le premier (il sera fondateur·rice) avec « python -m "
                        "hyc users add ».",
                        "No account in this store: create the first one (a founder) with 'python -m hyc users add'."),
    "auth.expired": ("Session terminée après {hours} h sans activité : reconnectez-vous.",
                     "Session ended after {hours} h without activity: sign in again."),
    "auth.deactivated": ("Ce compte n'est plus actif.", "This account is no longer active."),
    "auth.ended": ("Votre session a été fermée (déconnexion ailleurs, nouveau mot de passe ou compte désactivé) : "
                   "reconnectez-vous.",
                   "Your session was ended (signed out elsewhere, new password or account deactivated): sign in "
                   "again."),
    "auth.expired_save": ("Session terminée : rien n'a été enregistré. Reconnectez-vous ; ce que vous avez saisi "
                          "est perdu avec la session.",
                          "Session ended: nothing was saved. Sign in again."),
    "auth.unavailable": ("La connexion est momentanément impossible : réessayez dans un instant.",
                         "Signing in is not possible right now: try again in a moment."),
    "auth.signed_out": ("Vous êtes déconnecté·e.", "You are signed out."),
    "auth.welcome": ("Bonjour {name} !", "Hello {name}!"),
    "auth.signed_in_as": ("Connecté·e", "Signed in"),
    "auth.sign_out": ("Se déconnecter", "Sign out"),
    "auth.forbidden": ("Cette page est réservée aux rôles : {allowed}. Votre rôle ({role}) ne l'ouvre pas ; "
                       "demandez à un·e fondateur·rice si vous en avez besoin.",
                       "This page is for these roles only: {allowed}. Your role ({role}) does not open it; ask a "
                       "founder if you need it."),
    "auth.forbidden_go": ("Aller à « {page} »", "Go to '{page}'"),
    "auth.wait": ("Trop d'essais manqués depuis ce navigateur : patientez {seconds} s avant de réessayer.",
                  "Too many failed attempts from this browser: wait {seconds} s before trying again."),
    # The search box of every page.
    "search.label": ("Rechercher", "Search"),
    "search.placeholder": ("Nom, e-mail, téléphone, RPPS, organisation, besoin…",
                           "Name, e-mail, phone, RPPS, organisation, request…"),
    "search.help": ("Quelques lettres d'un nom (accents, majuscules et ligatures ignorés : « coeur » trouve « Cœur »), "
                    "un e-mail, un RPPS, un téléphone écrit comme on veut (06 12 34 56 78, +33 6…, 0692…), une "
                    "organisation, un contact ou le titre d'un besoin.",
                    "A few letters of a name (accents, case and ligatures ignored: \"coeur\" finds \"Cœur\"), an "
                    "e-mail, an RPPS, a phone written any French way, an organisation, a contact or a request's "
                    "title."),
    "search.nothing": ("Rien trouvé : vérifiez l'orthographe, ou tapez moins de lettres.",
                       "Nothing found: check the spelling, or type fewer letters."),
    "search.kind.caregiver": ("Soignants", "Caregivers"),
    "search.kind.organisation": ("Organisations", "Organisations"),
    "search.kind.contact": ("Contacts", "Contacts"),
    "search.kind.request": ("Besoins", "Requests"),
    "search.first": ("les {shown} premiers sur {n}", "the first {shown} of {n}"),
    "search.all_in_pool": ("Voir les {n} dans le vivier", "See all {n} in the talent pool"),
    "search.all_requests": ("Voir les besoins ({n} et ceux qui le disent dans leur description)",
                            "See the requests ({n}, and those whose description says it)"),
    "search.all_organisations": ("Voir leurs besoins", "See their requests"),
    "search.all_contacts": ("Voir leurs besoins", "See their requests"),
    "search.archived": ("archivé", "archived"),
    "search.to_shortlist": ("Ajouter à la sélection", "Add to the shortlist"),
    "app.demo": ("Démo", "Demo"),
    "app.demo_help": ("Base de démonstration : soignants, organisations et comptes inventés, mots de passe écrits "
                      "dans le README. Pas pour les données de l'équipe (make serve, voir le README).",
                      "Demo store: invented caregivers, organisations and accounts, passwords printed in the README. "
                      "Not for the team's data (make serve, see the README)."),
}
