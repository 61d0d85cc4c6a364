"""Spreadsheet imports and their report."""

CATALOG = {
    "import.unreadable": ("Ce fichier ne se lit pas comme un tableau : enregistrez-le en CSV ou en Excel (.xlsx).",
                          "This file does not read as a table: save it as CSV or Excel (.xlsx)."),
    "import.no_header": ("La première ligne du fichier est vide : elle doit donner le nom des colonnes.",
                         "The file's first line is empty: it must name the columns."),
    "import.full_name": ("Prénom et nom (une colonne)", "First and last name (one column)"),
    "import.contact_field": ("Contact : {field}", "Contact: {field}"),
    "import.twice": ("« {field} » est choisi pour deux colonnes.", "\"{field}\" is chosen for two columns."),
    "import.needs": ("Aucune colonne pour « {field} ».", "No column for \"{field}\"."),
    "import.needs_names": ("Aucune colonne pour le prénom et le nom.", "No column for the first and last name."),
    "import.needs_contact": ("Aucune colonne pour l'e-mail ou le téléphone.", "No column for the email or phone."),
    "import.mapping": ("Correspondance des colonnes à revoir : {problems}.",
                       "Column mapping to check: {problems}."),
    "import.why.header": ("titre reconnu", "title recognised"),
    "import.why.word": ("le titre contient « {word} »", "the title contains \"{word}\""),
    "import.why.chosen": ("votre choix", "your choice"),
    "import.why.skipped": ("laissée de côté à votre demande", "left out at your request"),
    "import.why.unknown": ("titre non reconnu : colonne laissée de côté", "title not recognised: column left out"),
    "import.why.doubt": ("le titre fait penser à « {field} », mais {bad} valeurs sur {total} n'en sont pas "
                         "(par exemple {examples}) : colonne laissée de côté ; {elsewhere}",
                         "the title suggests \"{field}\", but {bad} values out of {total} are not one (for "
                         "example {examples}): column left out; {elsewhere}"),
    "import.why.elsewhere": ("ses valeurs iraient à {fields}", "its values would fit {fields}"),
    "import.why.nowhere": ("aucun autre champ ne leur convient", "no other field fits them"),
    "import.no_such_column": ("Le fichier n'a pas de colonne « {header} » ; ses colonnes : {headers}.",
                              "The file has no column \"{header}\"; its columns: {headers}."),
    "import.no_such_field": ("Aucun champ ne s'appelle « {name} » ; les champs : {fields}.",
                             "No field is called \"{name}\"; the fields: {fields}."),
    "import.map_form": ("« {text} » : écrivez --map \"En-tête=champ\".", "\"{text}\": write --map \"Header=field\"."),
    "import.basis_needed": ("Indiquez la base légale des personnes du fichier : le consentement (avec son mode et sa "
                            "date) ou l'intérêt légitime ; ou donnez-la ligne par ligne dans une colonne « Base "
                            "légale ».",
                            "Give the lawful basis of the file's people: consent (with its method and date) or "
                            "legitimate interest; or give it row by row in a \"Lawful basis\" column."),
    "import.bad_date": ("« {value} » n'est pas une date (jj/mm/aaaa) ou n'existe pas",
                        "\"{value}\" is not a date (dd/mm/yyyy) or does not exist"),
    "import.bad_yes_no": ("« {value} » : attendu oui ou non", "\"{value}\": yes or no expected"),
    "import.unknown_code": ("« {value} » n'est pas dans la liste des valeurs de « {field} »",
                            "\"{value}\" is not among the values of \"{field}\""),
    "import.reason": ("{field} : {problem}", "{field}: {problem}"),
    "import.conflict": ("{field} : « {kept} » gardé, « {ignored} » du fichier non repris",
                        "{field}: \"{kept}\" kept, \"{ignored}\" from the file not taken"),
    "import.same_as": ("{name} (même {what})", "{name} (same {what})"),
    "import.two_records": ("correspond à deux fiches différentes : {records} ; corrigez le fichier ou fusionnez-les",
                           "matches two different records: {records}; fix the file or merge them"),
    "import.merged_row": ("réunie avec la ligne {row} du fichier", "merged with row {row} of the file"),
    "import.merged_record": ("fiche n° {id} déjà dans la base", "record no. {id} already in the store"),
    "import.merged_by": ("{where} (même {how})", "{where} (same {how})"),
    "import.filled": ("complétée : {fields}", "filled in: {fields}"),
    "import.nothing_new": ("rien de nouveau", "nothing new"),
    "import.contact_added": ("contact ajouté : {name}", "contact added: {name}"),
    "import.contact_filled": ("contact {name} complété : {fields}", "contact {name} filled in: {fields}"),
    "import.contact_known": ("contact {name} déjà connu", "contact {name} already known"),
    "import.col.row": ("Ligne", "Row"),
    "import.col.outcome": ("Résultat", "Outcome"),
    "import.col.name": ("Nom", "Name"),
    "import.col.record": ("Fiche n°", "Record no."),
    "import.col.details": ("Détail", "Details"),
    "import.outcome.creee": ("Créée", "Created"),
    "import.outcome.fusionnee": ("Fusionnée", "Merged"),
    "import.outcome.refusee": ("Refusée", "Rejected"),
    "import.outcome.vide": ("Ligne vide", "Blank line"),
    "annuaire.no_member": ("Cette archive ne contient pas le fichier {name} de l'Annuaire Santé.",
                           "This archive does not hold the Annuaire Santé file {name}."),
    "annuaire.not_extract": ("Ce fichier n'est pas l'extrait PS_LibreAcces_Personne_activite de l'Annuaire Santé : "
                             "colonnes absentes : {columns}.",
                             "This file is not the Annuaire Santé extract PS_LibreAcces_Personne_activite: columns "
                             "missing: {columns}."),
    "annuaire.already_decided": ("Ce désaccord a déjà été traité (ou la vérification a été refaite) : rechargez la "
                                 "page.", "This disagreement was already handled (or the check was run again): "
                                 "reload the page."),
    "annuaire.nothing_to_accept": ("L'annuaire ne dit rien que la fiche puisse reprendre (RPPS inconnu, ou spécialité "
                                   "hors de notre liste) : écartez le désaccord ou corrigez la fiche.",
                                   "The directory says nothing the record can take (unknown RPPS, or a specialty "
                                   "outside our list): dismiss the disagreement or correct the record."),
    "nav.imports": ("Imports", "Imports"),
    "imports.title": ("Imports", "Imports"),
    "imports.caption": ("Déposez un tableur (CSV ou Excel) : les colonnes sont reconnues d'après leur titre, vous les "
                        "corrigez si besoin, puis chaque ligne est vérifiée avant que rien ne soit enregistré.",
                        "Drop a spreadsheet (CSV or Excel): columns are recognised by their title, you correct them "
                        "if needed, then every row is checked before anything is saved."),
    "imports.tab.caregivers": ("Soignants", "Caregivers"),
    "imports.tab.organisations": ("Organisations et contacts", "Organisations and contacts"),
    "imports.tab.annuaire": ("Annuaire santé (RPPS)", "Health directory (RPPS)"),
    "imports.file": ("Fichier CSV ou Excel", "CSV or Excel file"),
    "imports.file_help": ("CSV avec n'importe quel séparateur (; , tabulation |), en UTF-8 ou Windows-1252 ; ou Excel "
                          ".xlsx (première feuille). La première ligne donne le titre des colonnes.",
                          "CSV with any separator (; , tab |), UTF-8 or Windows-1252; or Excel .xlsx (first sheet). "
                          "The first line names the columns."),
    "imports.empty.caregivers": ("Déposez un fichier de soignants : une ligne par personne, avec au moins prénom, "
                                 "nom, profession et un e-mail ou un téléphone.",
                                 "Drop a file of caregivers: one row per person, with at least first and last name, "
                                 "profession and an email or phone."),
    "imports.empty.organisations": ("Déposez un fichier d'organisations : une ligne par contact (ou par organisation), "
                                    "avec au moins le nom et le type de l'organisation.",
                                    "Drop a file of organisations: one row per contact (or per organisation), with at "
                                    "least the organisation's name and kind."),
    "imports.read": ("{rows} lignes sous l'en-tête, {columns} colonnes.", "{rows} rows under the header, {columns} "
                     "columns."),
    "imports.read_text": ("Encodage {encoding}, séparateur {delimiter}.", "Encoding {encoding}, separator "
                          "{delimiter}."),
    "imports.delimiter.;": ("point-virgule", "semicolon"),
    "imports.delimiter.,": ("virgule", "comma"),
    "imports.delimiter.tab": ("tabulation", "tab"),
    "imports.delimiter.|": ("barre verticale", "pipe"),
    "imports.columns": ("Colonnes du fichier → champs de la base", "File columns → store fields"),
    "imports.untitled": ("Colonne {n} (sans titre)", "Column {n} (untitled)"),
    "imports.ignored": ("— ne pas importer —", "— do not import —"),
    "imports.doubt": ("Colonne « {header} » : {reason}. Pour l'importer quand même, choisissez son champ dans sa "
                      "liste ci-dessus.", "Column \"{header}\": {reason}. To import it anyway, pick its field in its "
                      "list above."),
    "imports.basis": ("Base légale des personnes créées", "Lawful basis of the people created"),
    "imports.basis_help": ("Dites une fois pour tout le fichier sur quelle base ces personnes sont gardées : leur "
                           "consentement (comment et quand il a été recueilli) ou l'intérêt légitime. Une colonne "
                           "« Base légale » du fichier l'emporte, ligne par ligne.",
                           "Say once for the whole file on what basis these people are kept: their consent (how and "
                           "when it was given) or legitimate interest. A \"Lawful basis\" column of the file wins, "
                           "row by row."),
    "imports.preview": ("Aperçu des {n} premières lignes", "Preview of the first {n} rows"),
    "imports.check": ("Vérifier chaque ligne", "Check every row"),
    "imports.checking": ("Vérification de {rows} lignes…", "Checking {rows} rows…"),
    "imports.count.creee": ("Créées", "Created"),
    "imports.count.fusionnee": ("Fusionnées", "Merged"),
    "imports.count.refusee": ("Refusées", "Rejected"),
    "imports.count.vide": ("Lignes vides", "Blank lines"),
    "imports.total": ("Lignes du fichier", "Rows in the file"),
    "imports.rejected": ("{n} ligne(s) refusée(s) : rien n'est enregistré tant qu'il y en a. Corrigez le fichier et "
                         "déposez-le de nouveau (le rapport se télécharge sous le tableau), ou importez seulement les "
                         "autres lignes.",
                         "{n} row(s) rejected: nothing is saved while there are any. Fix the file and drop it again "
                         "(the report downloads under the table), or import the other rows only."),
    "imports.partial": ("Importer quand même les lignes acceptées (les refusées restent dans le rapport)",
                        "Import the accepted rows anyway (the rejected ones stay in the report)"),
    "imports.go": ("Importer : {created}, {merged}", "Import: {created}, {merged}"),
    "imports.n_new": ("{n} créations", "{n} new"),
    "imports.n_new.one": ("{n} création", "{n} new"),
    "imports.n_merged": ("{n} fusions", "{n} merged"),
    "imports.n_merged.one": ("{n} fusion", "{n} merged"),
    "imports.importing": ("Import en cours…", "Importing…"),
    "imports.done": ("Import enregistré : {created}, {merged}.", "Import saved: {created}, {merged}."),
    "imports.n_created": ("{n} fiches créées", "{n} records created"),
    "imports.n_created.one": ("{n} fiche créée", "{n} record created"),
    "imports.n_filled": ("{n} complétées", "{n} filled in"),
    "imports.n_filled.one": ("{n} complétée", "{n} filled in"),
    "imports.nothing_written": ("Rien n'a été enregistré : aucune ligne acceptée.",
                                "Nothing was saved: no row was accepted."),
    "imports.last_report": ("Rapport du dernier import", "Report of the last import"),
    "annuaire.caption": ("Téléchargez l'extrait « PS_LibreAcces » sur annuaire.sante.fr (le .zip ou le fichier "
                         "Personne_activite qu'il contient) et déposez-le ici : chaque RPPS du vivier y est cherché.",
                         "Download the \"PS_LibreAcces\" extract from annuaire.sante.fr (the .zip or its "
                         "Personne_activite file) and drop it here: every RPPS of the pool is looked up."),
    "annuaire.file": ("Extrait de l'Annuaire Santé", "Annuaire Santé extract"),
    "annuaire.run": ("Vérifier les RPPS", "Check the RPPS"),
    "annuaire.checking": ("Lecture de l'annuaire et comparaison…", "Reading the directory and comparing…"),
    "annuaire.done": ("{lines} lignes lues ({adeli} ADELI ignorées) : {checked} RPPS vérifiés, {found} trouvés, "
                      "{missing} absents ; {review} désaccords à revoir.",
                      "{lines} lines read ({adeli} ADELI ignored): {checked} RPPS checked, {found} found, {missing} "
                      "missing; {review} disagreements to review."),
    "annuaire.review": ("Désaccords à revoir ({n})", "Disagreements to review ({n})"),
    "annuaire.review_empty": ("Aucun désaccord en attente : chaque RPPS vérifié concorde, ou a été traité.",
                              "No disagreement waiting: every RPPS checked agrees, or was handled."),
    "annuaire.why": ("Désaccord", "Disagreement"),
    "annuaire.why_unknown": ("RPPS inconnu de l'annuaire", "RPPS unknown to the directory"),
    "annuaire.why_profession": ("Profession différente", "Profession differs"),
    "annuaire.why_specialty": ("Spécialité différente", "Specialty differs"),
    "annuaire.ours_profession": ("Profession (fiche)", "Profession (record)"),
    "annuaire.ours_specialty": ("Spécialité (fiche)", "Specialty (record)"),
    "annuaire.their_professions": ("Profession (annuaire)", "Profession (directory)"),
    "annuaire.their_specialties": ("Savoir-faire (annuaire)", "Specialty (directory)"),
    "annuaire.modes": ("Mode d'exercice (annuaire)", "Practice (directory)"),
    "annuaire.checked_on": ("Vérifié le", "Checked on"),
    "annuaire.pick": ("Cochez une ligne pour mettre la fiche à jour d'après l'annuaire, ou écarter le désaccord.",
                      "Tick a row to update the record from the directory, or dismiss the disagreement."),
    "annuaire.proposal": ("Mettre à jour la fiche de {name} d'après l'annuaire : {changes}.",
                          "Update {name}'s record from the directory: {changes}."),
    "annuaire.accept": ("Mettre la fiche à jour", "Update the record"),
    "annuaire.accepted": ("Fiche de {name} mise à jour d'après l'annuaire.", "{name}'s record updated from the "
                          "directory."),
    "annuaire.dismiss": ("Écarter ce désaccord", "Dismiss this disagreement"),
    "annuaire.dismissed": ("Désaccord écarté pour {name}.", "Disagreement dismissed for {name}."),
}
