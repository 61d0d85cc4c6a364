"""Build the three Word templates of hyc.exchange.documents (python-docx), with the Jinja placeholders docxtpl fills.

    .venv/bin/python hyc/exchange/templates/build.py

writes convention.docx, declaration_ordre.docx and lettre_mission.docx beside this file. The .docx files are the
templates the app reads: they may be edited in Word afterwards (keep each {{ placeholder }} and {% tag %} whole, and
a {%p … %} tag alone in its paragraph), or rebuilt from here, which replaces such edits. The values they may use
are those of documents.context(); a name it does not give stops the drafting (StrictUndefined), so a typo is seen
at the first test run (tests/test_documents.py), not in a document sent to the Ordre.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
RED = RGBColor(0xB0, 0x1C, 0x1C)
BANNER = "Projet à relire — ne pas envoyer ni signer en l'état"
FOOTER = ("Projet préparé par Hack Your Care le {{ today }} — à relire et faire valider avant tout envoi ou "
          "signature ; ce document n'est pas un avis juridique.")
REFERENCES = (
    "Code de la santé publique, articles L.1453-3 à L.1453-12 (avantages consentis par les entreprises produisant "
    "ou commercialisant des produits de santé) ;",
    "Décret n° 2020-730 du 15 juin 2020 relatif aux avantages offerts par les personnes fabriquant ou "
    "commercialisant des produits ou des prestations de santé ;",
    "Arrêté du 7 août 2020 fixant les montants à partir desquels une convention est soumise à autorisation "
    "(les seuils appliqués ci-dessus) ;",
    "Code de la santé publique, article L.1453-1 (publicité des conventions et des rémunérations : Transparence "
    "Santé).",
)
THRESHOLDS = ("{{ threshold_hour }} par heure, {{ threshold_half_day }} par demi-journée, {{ threshold_agreement }} "
              "par convention")
START = '{{ start if start else "[date à préciser]" }}'


def _document(title: str):
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.language = title, "Hack Your Care", "fr-FR"
    props.created = props.modified = datetime(2026, 12, 1)
    props.revision, props.last_modified_by = 1, "Hack Your Care"
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    # French spelling and hyphenation in Word, for every style based on Normal.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    normal.element.get_or_add_rPr().append(lang)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    header = section.header.paragraphs[0]
    run = header.add_run(f"{BANNER} · {title}")
    run.bold, run.font.color.rgb, run.font.size = True, RED, Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run(FOOTER).font.size = Pt(8)
    banner = doc.add_paragraph()
    banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = banner.add_run("Projet à relire")
    run.bold, run.font.color.rgb, run.font.size = True, RED, Pt(14)
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = note.add_run("Préparé automatiquement par Hack Your Care à partir des conditions de la proposition le "
                       "{{ today }} : à vérifier, compléter et faire valider avant tout envoi ou signature.")
    run.italic, run.font.size = True, Pt(9)
    return doc


def _p(doc, *parts, style: str | None = None, bold: bool = False):
    """A paragraph of runs: a str, or (text, "b") for bold; every placeholder whole within one run."""
    paragraph = doc.add_paragraph(style=style)
    for part in parts:
        text, fmt = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.bold = bold or "b" in fmt
        if "r" in fmt:
            run.font.color.rgb = RED
    return paragraph


def _tag(doc, tag: str) -> None:
    """A docxtpl paragraph tag ({%p if … %}): alone in its paragraph, which docxtpl removes."""
    doc.add_paragraph(tag)


def _references(doc) -> None:
    doc.add_heading("Références", level=2)
    for line in REFERENCES:
        _p(doc, line, style="List Bullet")


def convention():
    doc = _document("Convention")
    doc.add_heading("Convention", level=0)
    _p(doc, ("entre {{ organisation }} et {{ caregiver }}", "b"))
    _p(doc, "Convention conclue en application des articles L.1453-3 à L.1453-12 du Code de la santé publique "
            "(encadrement des avantages consentis par les entreprises produisant ou commercialisant des produits de "
            "santé), du décret n° 2020-730 du 15 juin 2020 et de l'arrêté du 7 août 2020.")
    doc.add_heading("Entre les soussignés", level=1)
    _p(doc, ("{{ organisation }}", "b"), "{% if organisation_kind %} ({{ organisation_kind }}){% endif %}"
            "{% if organisation_city %}, {{ organisation_city }}{% endif %}, ci-après « l'entreprise »,")
    _p(doc, "et")
    _p(doc, ("{{ caregiver }}", "b"), ", {{ profession }}{% if specialty %} ({{ specialty }}){% endif %}"
            "{% if rpps %}, numéro RPPS {{ rpps }}{% endif %}, ci-après « le bénéficiaire ».")
    doc.add_heading("Article 1 — Objet", level=1)
    _p(doc, "L'entreprise confie au bénéficiaire, qui l'accepte, la mission suivante : « {{ title }} » "
            "({{ mission_type }}{% if work_mode %}, {{ work_mode|lower }}{% endif %}).")
    _p(doc, "Cette mission répond à un besoin réel de l'entreprise (conseil, évaluation ou prestation de services) ; "
            "la rémunération prévue à l'article 3 est raisonnable et proportionnée au service rendu.")
    doc.add_heading("Article 2 — Dates et durée", level=1)
    _p(doc, "La mission débute le ", (START, "b"), " et représente ", ("{{ days }} {{ days_unit }}", "b"),
       " de travail.")
    doc.add_heading("Article 3 — Rémunération", level=1)
    _p(doc, "Le bénéficiaire perçoit ", ("{{ day_rate }}", "b"), " par jour de travail, soit ", ("{{ total }}", "b"),
       " pour l'ensemble de la mission ({{ days }} {{ days_unit }} × {{ day_rate }}).")
    _p(doc, "Aucun autre avantage ne lui est consenti au titre de la présente convention ; des frais (déplacement, "
            "hébergement) feraient l'objet d'un avenant soumis aux mêmes règles.")
    doc.add_heading("Article 4 — Déclaration ou autorisation", level=1)
    _tag(doc, '{%p if regime == "autorisation" %}')
    _p(doc, "Les montants de la présente convention atteignent au moins un des seuils fixés par l'arrêté du 7 août "
            "2020 pour les {{ thresholds_for }} (" + THRESHOLDS + ") : la convention est soumise à ",
       ("l'autorisation préalable", "b"), " de l'instance compétente ({{ ordre }}), qui se prononce dans un délai de "
       "deux mois. La demande est déposée au plus tard deux mois avant le début de la mission"
       "{% if file_by %}, soit le ",
       ("{{ file_by }}", "b"), "{% endif %} ; la mission ne commence pas avant l'autorisation.")
    _p(doc, "Seuils atteints :")
    _tag(doc, "{%p for line in crossed %}")
    _p(doc, "{{ line }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _p(doc, "Les montants de la présente convention restent sous les seuils fixés par l'arrêté du 7 août 2020 pour "
            "les {{ thresholds_for }} (" + THRESHOLDS + ") : la convention est soumise à ", ("déclaration", "b"),
       ". Elle est transmise à l'instance compétente ({{ ordre }}) au moins 8 jours ouvrés avant la première "
       "prestation{% if file_by %}, soit le ", ("{{ file_by }}", "b"), " au plus tard{% endif %}.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if cumul %}")
    _p(doc, "Le bénéficiaire exerçant à l'hôpital public, la convention est subordonnée à l'autorisation de cumul "
            "d'activités délivrée par son employeur (état actuel : {{ cumul_status|lower }}), jointe au dossier "
            "transmis.")
    _tag(doc, "{%p endif %}")
    doc.add_heading("Article 5 — Transparence", level=1)
    _p(doc, "L'existence de la présente convention, son objet, sa date, ses parties et les montants versés (dès "
            "10 €) seront rendus publics sur la base Transparence Santé (www.transparence.sante.gouv.fr), en "
            "application de l'article L.1453-1 du Code de la santé publique. Le bénéficiaire en est informé et "
            "l'accepte.")
    _references(doc)
    doc.add_heading("Signatures", level=1)
    _p(doc, "Fait en deux exemplaires originaux, à ____________________, le ____________________.")
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Pour {{ organisation }}").bold = True
    left.add_paragraph("Nom, qualité et signature")
    right.paragraphs[0].add_run("{{ caregiver }}").bold = True
    right.add_paragraph("Signature")
    return doc


def declaration_ordre():
    doc = _document("Dossier pour l'Ordre")
    doc.add_heading('{% if regime == "autorisation" %}Demande d\'autorisation{% else %}Déclaration{% endif %} '
                    "d'une convention", level=0)
    _p(doc, ("Récapitulatif pour le dossier : {{ organisation }} et {{ caregiver }}", "b"))
    doc.add_heading("Procédure", level=1)
    _tag(doc, '{%p if regime == "autorisation" %}')
    _p(doc, ("Demande d'autorisation", "b"), " : les montants atteignent au moins un des seuils de l'arrêté du 7 août "
       "2020 pour les {{ thresholds_for }}. L'instance compétente ({{ ordre }}) se prononce dans un délai de deux "
       "mois : la demande est déposée au plus tard deux mois (mois calendaires) avant le début de la mission, et la "
       "mission ne commence pas avant l'autorisation.")
    _tag(doc, "{%p else %}")
    _p(doc, ("Déclaration", "b"), " : les montants restent sous les seuils de l'arrêté du 7 août 2020 pour les "
       "{{ thresholds_for }}. La convention doit parvenir à l'instance compétente ({{ ordre }}) au moins 8 jours "
       "ouvrés (jours fériés exclus) avant la première prestation.")
    _tag(doc, "{%p endif %}")
    _p(doc, ("Date limite de dépôt : ", "b"),
       ('{{ file_by if file_by else "à calculer dès que la date de début est connue" }}', "b"))
    _tag(doc, "{%p if late %}")
    _p(doc, ("Attention : cette date est dépassée au {{ today }}.{% if earliest_start %} Déposé aujourd'hui, le "
             "dossier permet un début au plus tôt le {{ earliest_start }}.{% endif %}", "br"))
    _tag(doc, "{%p endif %}")
    doc.add_heading("Éléments de la convention", level=1)
    rows = (
        ("Entreprise", "{{ organisation }}{% if organisation_city %}, {{ organisation_city }}{% endif %}"),
        ("Bénéficiaire", "{{ caregiver }}, {{ profession }}{% if specialty %} ({{ specialty }}){% endif %}"),
        ("Numéro RPPS", '{{ rpps if rpps else "non renseigné" }}'),
        ("Objet", "{{ title }} ({{ mission_type }})"),
        ("Début de la mission", START),
        ("Durée", "{{ days }} {{ days_unit }}"),
        ("Rémunération journalière", "{{ day_rate }}, soit {{ hour_rate }} de l'heure (journée de 8 heures) et "
                                     "{{ half_day_rate }} la demi-journée"),
        ("Montant total", "{{ total }}"),
        ("Seuils applicables ({{ thresholds_for }})", THRESHOLDS),
        ("Régime", '{% if regime == "autorisation" %}Autorisation préalable{% else %}Déclaration{% endif %}'),
        ("Date limite de dépôt", '{{ file_by if file_by else "à calculer" }}'),
        ("Instance compétente", "{{ ordre }}"),
        ("État dans le suivi", "{{ convention_status }}{% if submitted_on %}, envoyé le {{ submitted_on }}"
                               "{% endif %}"),
    )
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        left, right = table.add_row().cells
        left.paragraphs[0].add_run(label).bold = True
        right.paragraphs[0].add_run(value)
    _tag(doc, "{%p if crossed %}")
    _p(doc, ("Seuils atteints :", "b"))
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for line in crossed %}")
    _p(doc, "{{ line }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Pièces à joindre", level=1)
    _p(doc, "Le projet de convention signé par les deux parties (document « Convention »).", style="List Bullet")
    _tag(doc, "{%p if cumul %}")
    _p(doc, "L'autorisation de cumul d'activités de l'employeur (hôpital public) ; état actuel : "
            "{{ cumul_status|lower }}.", style="List Bullet")
    _tag(doc, "{%p endif %}")
    _p(doc, "Tout document utile sur la mission (programme, cahier des charges).", style="List Bullet")
    doc.add_heading("Publicité", level=1)
    _p(doc, "La convention et les montants versés seront publiés sur Transparence Santé "
            "(www.transparence.sante.gouv.fr) ; le bénéficiaire en est informé.")
    _references(doc)
    return doc


def lettre_mission():
    doc = _document("Lettre de mission")
    doc.add_heading("Lettre de mission", level=0)
    _p(doc, "Le {{ today }}")
    _p(doc, "Destinataire : ", ("{{ caregiver }}", "b"), ", {{ profession }}")
    _p(doc, ("Objet : votre mission « {{ title }} » pour {{ organisation }}", "b"))
    _p(doc, "Bonjour {{ first_name }},")
    _p(doc, "Nous avons le plaisir de vous confirmer les conditions de la mission que {{ organisation }} vous confie "
            "par l'intermédiaire de Hack Your Care :")
    _p(doc, "Nature : {{ mission_type }}{% if work_mode %} ({{ work_mode|lower }}){% endif %}", style="List Bullet")
    _p(doc, "Début : " + START, style="List Bullet")
    _p(doc, "Durée : {{ days }} {{ days_unit }} de travail", style="List Bullet")
    _p(doc, "Rémunération : {{ day_rate }} par jour, soit {{ total }} au total", style="List Bullet")
    _tag(doc, "{%p if anti_gift %}")
    _p(doc, "{{ organisation }} fabrique ou commercialise des produits de santé : votre intervention fait l'objet "
            "d'une convention soumise aux règles dites « anti-cadeaux » (articles L.1453-3 à L.1453-12 du Code de la "
            "santé publique). "
            '{% if regime == "autorisation" %}Ses montants atteignant les seuils de l\'arrêté du 7 août 2020, elle '
            "doit être autorisée au préalable par l'instance compétente ({{ ordre }}), qui dispose de deux mois pour "
            "se prononcer{% if file_by %} : la demande doit être déposée au plus tard le {{ file_by }}{% endif %}. "
            "La mission ne peut pas commencer avant cette autorisation.{% else %}Ses montants restant sous les "
            "seuils de l'arrêté du 7 août 2020, elle est déclarée à l'instance compétente ({{ ordre }}) au moins 8 "
            "jours ouvrés avant le début de la mission{% if file_by %}, soit au plus tard le {{ file_by }}"
            "{% endif %}.{% endif %}")
    _p(doc, "La convention et les montants qui vous seront versés seront publiés sur le site public Transparence "
            "Santé (www.transparence.sante.gouv.fr).")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if cumul %}")
    _p(doc, "Exerçant à l'hôpital public, vous devez disposer de l'autorisation de cumul d'activités de votre "
            "employeur avant le début de la mission (état actuel dans notre suivi : {{ cumul_status|lower }}).")
    _tag(doc, "{%p endif %}")
    _p(doc, "Merci de nous confirmer votre accord en répondant à ce message ; nous restons à votre disposition pour "
            "toute question.")
    _p(doc, "Bien cordialement,")
    _p(doc, ("{{ member }}", "b"), ", pour Hack Your Care")
    return doc


BUILDERS = {"convention": convention, "declaration_ordre": declaration_ordre, "lettre_mission": lettre_mission}


def build(folder: Path = HERE) -> list[Path]:
    written = []
    for name, make in BUILDERS.items():
        path = Path(folder) / f"{name}.docx"
        make().save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(path)  # noqa: T201 (a script's own output)
