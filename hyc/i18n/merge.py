"""Possible duplicates and their merge."""

CATALOG = {
    "nav.duplicates": ("Doublons possibles", "Possible duplicates"),
    "merge.title": ("Doublons possibles", "Possible duplicates"),
    "merge.caption": ("Des fiches qui semblent désigner la même personne ou la même organisation. Comparez-les, "
                      "choisissez ce que la fiche gardée retient, puis fusionnez : tout ce qui est rattaché à l'autre "
                      "fiche (appels, propositions, mentorat, contacts, besoins) passe sur la fiche gardée, et "
                      "l'autre est archivée avec un renvoi.",
                      "Records that seem to be the same person or the same organisation. Compare them, choose what "
                      "the kept record keeps, then merge: everything attached to the other record (calls, matches, "
                      "mentoring, contacts, requests) moves to the kept one, and the other is archived with a "
                      "pointer."),
    "merge.tab_caregivers": ("Soignants ({n})", "Caregivers ({n})"),
    "merge.tab_organisations": ("Organisations ({n})", "Organisations ({n})"),
    "merge.tab_contacts": ("Contacts ({n})", "Contacts ({n})"),
    "merge.empty_contact": ("Aucun doublon probable parmi les contacts : aucune organisation ne connaît deux fois la "
                            "même personne (même nom, dans un sens ou dans l'autre, ou même e-mail).",
                            "No likely duplicate among contacts: no organisation knows the same person twice (same "
                            "name, either way round, or same e-mail)."),
    "merge.empty_caregiver": ("Aucun doublon probable parmi les soignants : personne ne partage un nom et un "
                              "département avec un autre, et aucun téléphone ni RPPS n'a été mis de côté.",
                              "No likely duplicate among caregivers: nobody shares a name and a département with "
                              "someone else, and no phone or RPPS was set aside."),
    "merge.empty_organisation": ("Aucun doublon probable parmi les organisations : aucun nom n'en répète un autre "
                                 "(casse, accents, forme juridique et ponctuation mis à part).",
                                 "No likely duplicate among organisations: no name repeats another (case, accents, "
                                 "legal form and punctuation aside)."),
    "merge.reason.phone": ("Téléphone mis de côté", "Phone set aside"),
    "merge.reason.rpps": ("RPPS mis de côté", "RPPS set aside"),
    "merge.reason.name_departement": ("Même nom, même département", "Same name, same département"),
    "merge.reason.set_aside": ("Mise de côté (nom proche)", "Set aside (close name)"),
    "merge.reason.similar_name": ("Même nom, forme juridique à part", "Same name, legal form aside"),
    "merge.contacts_twice": ("La fusion de {name} a réuni {n} paires de contacts qui semblent désigner la même "
                             "personne : comparez-les ci-dessous.",
                             "Merging {name} brought together {n} pairs of contacts that seem to be the same person: "
                             "compare them below."),
    "merge.contacts_twice.one": ("La fusion de {name} a réuni deux contacts qui semblent désigner la même personne : "
                                 "comparez-les ci-dessous.",
                                 "Merging {name} brought together two contacts that seem to be the same person: "
                                 "compare them below."),
    "merge.reason.email": ("Même e-mail", "Same e-mail"),
    "merge.reason.same_name": ("Même nom, même organisation", "Same name, same organisation"),
    "merge.col_first": ("Première fiche", "First record"),
    "merge.col_second": ("Seconde fiche", "Second record"),
    "merge.col_reasons": ("Pourquoi", "Why"),
    "merge.pick": ("Paire à comparer", "Pair to compare"),
    "merge.pick_placeholder": ("Choisissez une paire", "Choose a pair"),
    "merge.pick_hint": ("Choisissez une paire pour comparer les deux fiches côte à côte.",
                        "Choose a pair to compare both records side by side."),
    "merge.pair_label": ("{first} ↔ {second} · {reasons}", "{first} ↔ {second} · {reasons}"),
    "merge.record_label": ("{name} (n° {id})", "{name} (no. {id})"),
    "merge.archived_mark": ("archivée", "archived"),
    "merge.gone": ("L'une des deux fiches n'existe plus.", "One of the two records no longer exists."),
    "merge.keep": ("Fiche gardée", "Record kept"),
    "merge.keep_help": ("La fiche gardée garde son numéro ; l'autre est archivée et renvoie vers elle.",
                        "The kept record keeps its number; the other is archived and points to it."),
    "merge.kept_side": ("Fiche gardée : {name}", "Kept: {name}"),
    "merge.merged_side": ("Fiche fusionnée : {name}", "Merged: {name}"),
    "merge.created": ("Créée le {date}", "Created on {date}"),
    "merge.open": ("Ouvrir la fiche", "Open the record"),
    "merge.related_calls": ("{n} appels", "{n} calls"),
    "merge.related_calls.one": ("{n} appel", "{n} call"),
    "merge.related_matches": ("{n} propositions", "{n} matches"),
    "merge.related_matches.one": ("{n} proposition", "{n} match"),
    "merge.related_sessions": ("{n} séances de mentorat", "{n} mentoring sessions"),
    "merge.related_sessions.one": ("{n} séance de mentorat", "{n} mentoring session"),
    "merge.related_contacts": ("{n} contacts", "{n} contacts"),
    "merge.related_contacts.one": ("{n} contact", "{n} contact"),
    "merge.related_requests": ("{n} besoins", "{n} requests"),
    "merge.related_requests.one": ("{n} besoin", "{n} request"),
    "merge.choices": ("Valeurs qui diffèrent", "Values that differ"),
    "merge.choices_help": ("Pour chaque champ, choisissez la valeur que garde la fiche gardée. Par défaut, la sienne, "
                           "sauf quand elle est vide et l'autre remplie.",
                           "For each field, choose the value the kept record keeps. By default its own, unless it is "
                           "empty and the other's is filled."),
    "merge.no_difference": ("Les deux fiches ont les mêmes valeurs.", "Both records hold the same values."),
    "merge.same_values": ("Valeurs identiques ({n})", "Identical values ({n})"),
    "merge.both": ("Les deux, l'une après l'autre", "Both, one after the other"),
    "merge.moves": ("Passeront sur la fiche gardée : {what}.", "Will move to the kept record: {what}."),
    "merge.moves_none": ("Rien n'est rattaché à la fiche fusionnée.", "Nothing is attached to the merged record."),
    "merge.submit": ("Fusionner", "Merge"),
    "merge.confirm": ("Fusionner « {merged} » dans « {kept} » ? Tout ce qui est rattaché à « {merged} » passera sur "
                      "« {kept} », et « {merged} » sera archivée. La fusion ne se défait pas d'un clic (le journal "
                      "garde les deux fiches telles qu'elles étaient).",
                      "Merge '{merged}' into '{kept}'? Everything attached to '{merged}' will move to '{kept}', and "
                      "'{merged}' will be archived. A merge cannot be undone with a click (the audit log keeps both "
                      "records as they were)."),
    "merge.confirm_button": ("Confirmer la fusion", "Confirm the merge"),
    "merge.cancel": ("Annuler", "Cancel"),
    "merge.working": ("Fusion en cours…", "Merging…"),
    "merge.done": ("Fiches fusionnées : « {name} » est la fiche gardée.", "Records merged: '{name}' is the one kept."),
    "merge.merged_into": ("Cette fiche a été fusionnée dans {link} : c'est là que tout se trouve désormais.",
                          "This record was merged into {link}: that is where everything is now."),
    "merge.record_number": ("la fiche n° {id}", "record no. {id}"),
    "action.merge": ("Fusion", "Merge"),
    "action.set_apart": ("Paire écartée des doublons", "Pair set apart from the duplicates"),
    "action.bring_back": ("Paire remise dans les doublons", "Pair listed again as duplicates"),
    "merge.set_apart": ("Ce ne sont pas les mêmes", "Not the same"),
    "merge.set_apart_help": ("Deux fiches différentes qui se ressemblent (des homonymes) : la paire ne sera plus "
                             "proposée. Cela se défait dans « Paires écartées », en bas de la liste.",
                             "Two different records that look alike (namesakes): the pair will not be listed again. "
                             "This can be undone under 'Pairs set apart', below the list."),
    "merge.set_apart_done": ("« {first} » et « {second} » ne seront plus proposées comme doublons.",
                             "'{first}' and '{second}' will no longer be listed as duplicates."),
    "merge.apart_title": ("Paires écartées ({n})", "Pairs set apart ({n})"),
    "merge.empty_apart": (" Les {n} paires écartées comme différentes sont listées plus bas.",
                          " The {n} pairs set apart as different are listed below."),
    "merge.empty_apart.one": (" La paire écartée comme différente est listée plus bas.",
                              " The pair set apart as different is listed below."),
    "merge.apart_label": ("{first} ↔ {second} · écartée par {who} le {date}",
                          "{first} ↔ {second} · set apart by {who} on {date}"),
    "merge.apart_pick": ("Paire à remettre dans la liste", "Pair to list again"),
    "merge.bring_back": ("Remettre dans la liste", "List again"),
    "merge.brought_back": ("La paire est de nouveau proposée, tant que les deux fiches se ressemblent.",
                           "The pair is listed again, as long as both records look alike."),
    "error.merge_same": ("Une fiche ne se fusionne pas avec elle-même.", "A record cannot be merged with itself."),
    "error.already_merged": ("« {name} » a déjà été fusionnée dans une autre fiche.",
                             "'{name}' was already merged into another record."),
    "error.merge_stale": ("« {name} » a été modifiée depuis l'ouverture de la comparaison : rien n'a été fusionné. "
                          "Relisez les deux fiches, puis fusionnez à nouveau.",
                          "'{name}' was changed since the comparison was opened: nothing was merged. Read both "
                          "records again, then merge again."),
    "error.contact_merged": ("Ce contact a été fusionné dans un autre (doublon) : choisissez la personne à nouveau "
                             "dans la liste.",
                             "This contact was merged into another (a duplicate): choose the person again from the "
                             "list."),
    "error.merge_other_organisation": ("Deux contacts se fusionnent seulement s'ils sont de la même organisation : "
                                       "fusionnez d'abord les organisations.",
                                       "Two contacts are merged only when they belong to the same organisation: "
                                       "merge the organisations first."),
    "error.merge_choice": ("Ce choix n'existe pas pour ce champ.", "This choice does not exist for this field."),
}
