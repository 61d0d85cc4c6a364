"""The documents drafted from a match (hyc.exchange.documents): the request record's "Documents" part, its refusals,
the audit log's words and the SQL console's description of the table. The documents themselves are in French: their
words are in the templates (hyc/exchange/templates/)."""

CATALOG = {
    "documents.title": ("Documents", "Documents"),
    "documents.caption": (
        "Projets à relire, en français, rédigés à partir des conditions actuelles de la proposition (tarif, jours, "
        "début, régime) ; chaque génération est notée ci-dessous et au journal.",
        "Drafts to review, in French, written from the match's current terms (rate, days, start, regime); each "
        "generation is listed below and in the audit log."),
    "documents.no_terms": (
        "Les documents se rédigent une fois le tarif journalier convenu et le nombre de jours enregistrés.",
        "The documents can be drafted once the agreed day rate and the number of days are saved."),
    "documents.kind.convention": ("Convention", "Agreement"),
    "documents.kind.declaration_ordre": ("Dossier pour l'Ordre", "Ordre filing summary"),
    "documents.kind.lettre_mission": ("Lettre de mission", "Mission letter"),
    "documents.help.convention": (
        "Le projet de convention entre l'organisation et le soignant (règles anti-cadeaux), au format Word.",
        "The draft agreement between the organisation and the caregiver (anti-gift rules), as a Word file."),
    "documents.help.declaration_ordre": (
        "Le récapitulatif pour la déclaration ou la demande d'autorisation à l'Ordre, avec sa date limite.",
        "The summary for the declaration or the authorisation request to the Ordre, with its deadline."),
    "documents.help.lettre_mission": ("La lettre de mission du soignant, au format Word.",
                                      "The caregiver's mission letter, as a Word file."),
    "documents.no_anti_gift": (
        "L'organisation ne fabrique ni ne vend de produits de santé : ni convention anti-cadeaux ni dossier pour "
        "l'Ordre.",
        "The organisation neither makes nor sells health products: no anti-gift agreement, no Ordre filing."),
    "documents.generated_title": ("Documents générés", "Documents generated"),
    "documents.none_yet": ("Aucun document généré pour cette proposition.", "No document generated for this match."),
    "documents.line": ("{kind} · {when} · {who} · {terms}", "{kind} · {when} · {who} · {terms}"),
    "documents.terms": ("{rate} × {days} j, début {start}", "{rate} × {days} d, start {start}"),
    "documents.current": ("à jour", "up to date"),
    "documents.stale": ("périmé", "out of date"),
    "documents.stale_note": (
        "Un document « périmé » a été rédigé avec d'autres conditions que celles d'aujourd'hui : téléchargez-le à "
        "nouveau.",
        "An \"out of date\" document was drafted from other terms than today's: download it again."),
    "documents.someone": ("—", "—"),
    "documents.error.no_terms": (
        "Pas de document sans tarif journalier convenu ni nombre de jours : enregistrez-les d'abord.",
        "No document without an agreed day rate and a number of days: save them first."),
    "documents.error.not_applicable": (
        "Ce document ne concerne que les organisations qui fabriquent ou vendent des produits de santé.",
        "This document only concerns organisations that make or sell health products."),
    # The audit log.
    "action.document": ("Document généré", "Document generated"),
    "entity.document": ("Document", "Document"),
    # The SQL console's description of the table and its columns.
    "schema.match_document": (
        "les documents générés pour une proposition (lequel, quand, par qui, sur quelles conditions ; pas le fichier)",
        "the documents generated for a match (which, when, by whom, from which terms; not the file)"),
    "column.generated_at": ("moment de la génération (UTC)", "when it was generated (UTC)"),
    "column.regime": ("régime anti-cadeaux des conditions : declaration, autorisation, vide si non concerné",
                      "anti-gift regime of the terms: declaration, autorisation, empty when not concerned"),
    "column.terms_fingerprint": ("empreinte SHA-256 des conditions utilisées (pour dire si le document est périmé)",
                                 "SHA-256 fingerprint of the terms used (to tell whether the document is out of date)"),
}
