"""Vocabularies of the domain: codes stored in the database, with their French and English labels.

Codes are stable ASCII identifiers; labels are what people read. Order matters: it is the order
of menus, of charts and, for stages and steps, of the process itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    fr: str
    en: str

    def label(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


class Vocab:
    """An ordered set of terms, looked up by code."""

    def __init__(self, *terms: tuple[str, str, str]) -> None:
        self.terms = tuple(Term(*t) for t in terms)
        self._by_code = {t.code: t for t in self.terms}

    @property
    def codes(self) -> list[str]:
        return [t.code for t in self.terms]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def label(self, code: str | None, lang: str = "fr") -> str:
        """The label of a code; an unknown code shows as itself rather than failing a page."""
        if code is None:
            return ""
        term = self._by_code.get(code)
        return term.label(lang) if term else str(code)

    def labels(self, lang: str = "fr") -> dict[str, str]:
        return {t.code: t.label(lang) for t in self.terms}

    def term(self, code: str) -> Term:
        """The term of a code, to put in a sentence that is said in the reader's language."""
        return self._by_code[code]

    def index(self, code: str) -> int:
        return self.codes.index(code)


PROFESSIONS = Vocab(
    ("medecin", "Médecin", "Physician"),
    ("chirurgien_dentiste", "Chirurgien-dentiste", "Dentist"),
    ("infirmier", "Infirmier(e)", "Nurse"),
    ("masseur_kinesitherapeute", "Masseur-kinésithérapeute", "Physiotherapist"),
    ("sage_femme", "Sage-femme", "Midwife"),
    ("pharmacien", "Pharmacien(ne)", "Pharmacist"),
    ("manipulateur_erm", "Manipulateur(trice) en électroradiologie médicale", "Radiographer"),
    ("ambulancier", "Ambulancier(e)", "Ambulance driver"),
    ("aide_soignant", "Aide-soignant(e)", "Care assistant"),
    ("etudiant_sante", "Étudiant(e) en santé", "Health student"),
    ("autre", "Autre", "Other"),
)

# Who holds a specialty: a doctor, or a student in the field they train in (or their thesis's subject).
SPECIALTY_PROFESSIONS = ("medecin", "etudiant_sante")

# Professions registered in the RPPS (Répertoire partagé des professionnels de santé).
RPPS_PROFESSIONS = frozenset(
    {"medecin", "chirurgien_dentiste", "infirmier", "masseur_kinesitherapeute", "sage_femme", "pharmacien",
     "manipulateur_erm"}
)

# `Code profession` of the Annuaire Santé extract, for the RPPS check.
ANNUAIRE_PROFESSION_CODES = {
    "10": "medecin", "21": "pharmacien", "40": "chirurgien_dentiste", "50": "sage_femme",
    "60": "infirmier", "70": "masseur_kinesitherapeute", "98": "manipulateur_erm",
}

# What a mentor made of an RPPS check: agreeing needs nothing; a disagreement waits for an update or a dismissal.
RPPS_CHECK_STATUSES = Vocab(
    ("conforme", "Conforme", "Agrees"),
    ("a_revoir", "À revoir", "To review"),
    ("acceptee", "Fiche mise à jour", "Record updated"),
    ("ecartee", "Écartée", "Dismissed"),
)

SPECIALTIES = Vocab(
    ("medecine_generale", "Médecine générale", "General practice"),
    ("cardiologie", "Cardiologie", "Cardiology"),
    ("radiologie", "Radiologie", "Radiology"),
    ("psychiatrie", "Psychiatrie", "Psychiatry"),
    ("pediatrie", "Pédiatrie", "Paediatrics"),
    ("anesthesie_reanimation", "Anesthésie-réanimation", "Anaesthesia and intensive care"),
    ("oncologie", "Oncologie", "Oncology"),
    ("dermatologie", "Dermatologie", "Dermatology"),
    ("neurologie", "Neurologie", "Neurology"),
    ("urgences", "Médecine d'urgence", "Emergency medicine"),
    ("gynecologie_obstetrique", "Gynécologie-obstétrique", "Obstetrics and gynaecology"),
    ("endocrinologie", "Endocrinologie-diabétologie", "Endocrinology and diabetes"),
    ("gastro_enterologie", "Gastro-entérologie", "Gastroenterology"),
    ("pneumologie", "Pneumologie", "Pulmonology"),
    ("ophtalmologie", "Ophtalmologie", "Ophthalmology"),
    ("chirurgie_orthopedique", "Chirurgie orthopédique", "Orthopaedic surgery"),
    ("geriatrie", "Gériatrie", "Geriatrics"),
    ("medecine_interne", "Médecine interne", "Internal medicine"),
    ("sante_publique", "Santé publique", "Public health"),
    ("biologie_medicale", "Biologie médicale", "Medical biology"),
)

PRACTICE_SETTINGS = Vocab(
    ("hopital_public", "Hôpital public", "Public hospital"),
    ("clinique_privee", "Clinique privée", "Private clinic"),
    ("liberal", "Libéral", "Private practice"),
    ("remplacant", "Remplaçant(e)", "Locum"),
    ("centre_sante", "Centre de santé", "Health centre"),
    ("interne_etudiant", "Interne / étudiant(e)", "Resident / student"),
)

CAREGIVER_WORK_MODES = Vocab(
    ("distanciel", "À distance", "Remote"),
    ("presentiel", "Sur site", "On site"),
    ("les_deux", "Les deux", "Both"),
)

REQUEST_WORK_MODES = Vocab(
    ("distanciel", "À distance", "Remote"),
    ("presentiel", "Sur site", "On site"),
    ("hybride", "Hybride", "Hybrid"),
)

MISSION_TYPES = Vocab(
    ("conseil", "Mission de conseil", "Advisory mission"),
    ("atelier", "Atelier / brainstorming", "Workshop / brainstorming"),
    ("beta_test", "Bêta-test / test utilisateur", "Beta test / user test"),
    ("entretiens", "Entretiens utilisateurs", "User interviews"),
    ("temps_partiel", "Poste à temps partiel", "Part-time position"),
    ("stage_m2", "Stage M2", "Master's internship"),
    ("these", "Thèse / mémoire", "Thesis / dissertation"),
)

DIGITAL_APPETITES = Vocab(
    ("reticent", "Réticent(e)", "Reluctant"),
    ("prudent", "Prudent(e)", "Cautious"),
    ("a_l_aise", "À l'aise", "Comfortable"),
    # Every profession has them: "médecin-codeur", the doctors' word for it, would mislabel a kiné or a nurse.
    ("expert", "Expert(e) du numérique", "Digital expert"),
)
# The digital appetite each mission type usually wants, a new request's default (none: it does not matter). A
# brainstorming or interviews for future users want people neither hostile nor expert: "prudent" or "à l'aise".
USUAL_APPETITES = {"beta_test": ("a_l_aise", "expert"), "atelier": ("prudent", "a_l_aise"),
                   "entretiens": ("prudent", "a_l_aise"), "temps_partiel": ("a_l_aise", "expert"),
                   "stage_m2": ("a_l_aise", "expert"), "conseil": (), "these": ()}

LEGAL_STATUSES = Vocab(
    ("aucun", "Aucun", "None"),
    ("micro_entreprise", "Micro-entreprise", "Micro-enterprise"),
    ("societe", "Société (SASU, EURL, SELARL)", "Company (SASU, EURL, SELARL)"),
    ("portage", "Portage salarial", "Umbrella company"),
    ("liberal", "Déjà libéral(e)", "Already self-employed"),
)

# The public-hospital employer's authorisation to hold a second activity.
CUMUL_STATUSES = Vocab(
    ("non_concerne", "Non concerné(e)", "Not applicable"),
    ("a_demander", "À demander", "To request"),
    ("demandee", "Demandée", "Requested"),
    ("obtenue", "Obtenue", "Granted"),
    ("refusee", "Refusée", "Refused"),
)

CONSENT_METHODS = Vocab(
    ("formulaire_web", "Formulaire en ligne", "Web form"),
    ("email", "E-mail", "Email"),
    ("oral_appel", "À l'oral, pendant un appel", "Orally, during a call"),
    ("papier", "Formulaire papier", "Paper form"),
)

LAWFUL_BASES = Vocab(
    ("consentement", "Consentement", "Consent"),
    ("interet_legitime", "Intérêt légitime", "Legitimate interest"),
)

SOURCES = Vocab(
    ("bouche_a_oreille", "Bouche-à-oreille", "Word of mouth"),
    ("linkedin", "LinkedIn", "LinkedIn"),
    ("evenement", "Événement / congrès", "Event / conference"),
    ("site_web", "Site web", "Website"),
    ("partenaire", "Partenaire", "Partner"),
    ("reseau_pro", "Réseau professionnel (URPS, Ordre…)", "Professional network"),
    ("presse", "Presse", "Press"),
)

ORGANISATION_KINDS = Vocab(
    ("startup", "Start-up", "Start-up"),
    ("pme", "PME", "SME"),
    ("grand_groupe", "Grand groupe", "Large company"),
    ("medtech", "Medtech / dispositif médical", "Medtech / medical device"),
    ("data_ia", "Data & IA", "Data & AI"),
    ("assurance", "Assurance / mutuelle", "Insurer / mutual"),
    ("labo_universitaire", "Laboratoire universitaire", "University lab"),
    ("ecole_ingenieurs", "École d'ingénieurs", "Engineering school"),
    ("etablissement_sante", "Établissement de santé", "Healthcare facility"),
    ("autre", "Autre", "Other"),
)

PRIORITIES = Vocab(
    ("basse", "Basse", "Low"),
    ("normale", "Normale", "Normal"),
    ("haute", "Haute", "High"),
    ("urgente", "Urgente", "Urgent"),
)
DEFAULT_PRIORITY = "normale"  # what a new request gets when nobody says otherwise

REQUEST_STATUSES = Vocab(
    ("nouvelle", "Nouvelle", "New"),
    ("qualifiee", "Qualifiée", "Qualified"),
    ("en_recherche", "En recherche", "Sourcing"),
    ("candidats_proposes", "Candidats proposés", "Candidates proposed"),
    ("pourvue", "Pourvue", "Filled"),
    ("en_cours", "En cours", "In progress"),
    ("terminee", "Terminée", "Completed"),
    ("annulee", "Annulée", "Cancelled"),
    ("perdue", "Perdue", "Lost"),
)
OPEN_REQUEST_STATUSES = ("nouvelle", "qualifiee", "en_recherche", "candidats_proposes")
CLOSED_REQUEST_EXITS = ("annulee", "perdue")
REQUEST_MOVES: dict[str, tuple[str, ...]] = {
    "nouvelle": ("qualifiee", "annulee", "perdue"),
    "qualifiee": ("en_recherche", "annulee", "perdue"),
    "en_recherche": ("candidats_proposes", "annulee", "perdue"),
    "candidats_proposes": ("pourvue", "en_recherche", "annulee", "perdue"),
    "pourvue": ("en_cours", "annulee"),
    "en_cours": ("terminee",),
    "terminee": (),
    "annulee": (),
    "perdue": (),
}

MATCH_STAGES = Vocab(
    ("suggeree", "Suggérée", "Suggested"),
    ("contactee", "Contactée", "Contacted"),
    ("interessee", "Intéressée", "Interested"),
    ("proposee_client", "Proposée au client", "Proposed to client"),
    ("entretien", "Entretien", "Interview"),
    ("retenue", "Retenue", "Selected"),
    ("contrat_signe", "Contrat signé", "Contract signed"),
    ("en_mission", "En mission", "On mission"),
    ("terminee", "Terminée", "Completed"),
    ("declinee_soignant", "Déclinée par le soignant", "Declined by caregiver"),
    ("refusee_client", "Refusée par le client", "Rejected by client"),
    ("abandonnee", "Abandonnée", "Dropped"),
)
# The path a match follows when all goes well, in order; the funnel is drawn along it.
MATCH_PATH = ("suggeree", "contactee", "interessee", "proposee_client", "entretien", "retenue", "contrat_signe",
              "en_mission", "terminee")
MATCH_EXITS = ("declinee_soignant", "refusee_client", "abandonnee")
# Stages at which a caregiver is counted as placed on the request.
MATCH_PLACED = ("retenue", "contrat_signe", "en_mission", "terminee")


def _match_moves() -> dict[str, tuple[str, ...]]:
    moves: dict[str, tuple[str, ...]] = {}
    for i, stage in enumerate(MATCH_PATH):
        nxt = MATCH_PATH[i + 1: i + 2]
        if stage in ("en_mission", "terminee"):
            exits: tuple[str, ...] = ("abandonnee",) if stage == "en_mission" else ()
        elif MATCH_PATH.index(stage) >= MATCH_PATH.index("proposee_client"):
            exits = ("declinee_soignant", "refusee_client", "abandonnee")
        else:
            exits = ("declinee_soignant", "abandonnee")
        moves[stage] = nxt + exits
    for stage in MATCH_EXITS:
        moves[stage] = ()
    return moves


MATCH_MOVES = _match_moves()

EXIT_REASONS = Vocab(
    ("indisponible", "Pas disponible", "Not available"),
    ("tarif_insuffisant", "Tarif insuffisant", "Rate too low"),
    ("pas_interesse", "Sujet sans intérêt pour le soignant", "Topic of no interest"),
    ("conflit_interets", "Conflit d'intérêts", "Conflict of interest"),
    ("profil_inadapte", "Profil inadapté", "Profile not a fit"),
    ("tarif_trop_eleve", "Tarif trop élevé pour le client", "Rate too high for client"),
    ("autre_candidat", "Autre candidat retenu", "Another candidate chosen"),
    ("sans_reponse", "Sans réponse", "No answer"),
    ("besoin_annule", "Besoin annulé", "Request cancelled"),
    ("besoin_pourvu", "Besoin pourvu par d'autres candidats", "Request filled by others"),
    ("cumul_refuse", "Cumul d'activité refusé", "Second activity refused"),
)
# Which reasons fit which exit.
EXIT_REASONS_BY_EXIT = {
    "declinee_soignant": ("indisponible", "tarif_insuffisant", "pas_interesse", "conflit_interets", "cumul_refuse"),
    "refusee_client": ("profil_inadapte", "tarif_trop_eleve", "autre_candidat"),
    "abandonnee": ("sans_reponse", "besoin_annule", "besoin_pourvu"),
}

# Agreement under the anti-gift rules (CSP L.1453-3 and following).
CONVENTION_STATUSES = Vocab(
    ("non_requise", "Non requise", "Not required"),
    ("a_preparer", "À préparer", "To prepare"),
    ("a_declarer", "À déclarer", "To declare"),
    ("declaree", "Déclarée", "Declared"),
    ("autorisation_a_demander", "Autorisation à demander", "Authorisation to request"),
    ("autorisation_demandee", "Autorisation demandée", "Authorisation requested"),
    ("autorisee", "Autorisée", "Authorised"),
    ("refusee", "Refusée", "Refused"),
)

ONBOARDING_STEPS = Vocab(
    ("appel_accueil", "Appel d'accueil", "Welcome call"),
    ("profil_complet", "Profil complet", "Profile complete"),
    ("statut_juridique", "Statut juridique choisi", "Legal status chosen"),
    ("tarif_defini", "Tarif défini", "Day rate set"),
    ("contrat_type_relu", "Contrat type relu", "Model contract reviewed"),
    ("regles_deontologiques", "Règles déontologiques et anti-cadeaux comprises",
     "Ethics and anti-gift rules understood"),
    ("formation_ia", "Formation IA (optionnelle)", "AI training (optional)"),
    ("pret_mission", "Prêt(e) pour une mission", "Ready for a mission"),
    ("premiere_mission", "Première mission faite", "First mission done"),
)
OPTIONAL_ONBOARDING_STEPS = frozenset({"formation_ia"})
# Where a caregiver stands: the last step of the track done (the optional AI training aside).
NO_STAGE = "aucune"
CAREGIVER_STAGES = Vocab(
    (NO_STAGE, "Aucune étape faite", "No step done"),
    *((t.code, t.fr, t.en) for t in ONBOARDING_STEPS if t.code not in OPTIONAL_ONBOARDING_STEPS),
)
ONBOARDING_STEP_STATUSES = Vocab(
    ("a_faire", "À faire", "To do"),
    ("en_cours", "En cours", "In progress"),
    ("fait", "Fait", "Done"),
)

MENTORING_TOPICS = Vocab(
    ("statut_juridique", "Statut juridique", "Legal status"),
    ("requalification", "Risque de requalification en salariat", "Risk of requalification as employment"),
    ("tarif", "Tarif journalier", "Day rate"),
    ("contrat", "Contrat", "Contract"),
    ("anti_cadeaux", "Règles anti-cadeaux", "Anti-gift rules"),
    ("transparence_sante", "Publication sur Transparence Santé", "Transparence Santé listing"),
    ("cumul", "Cumul d'activité", "Second activity"),
    ("formation_ia", "Formation IA", "AI training"),
)

CALL_KINDS = Vocab(
    ("accueil_soignant", "Accueil soignant", "Caregiver welcome"),
    ("qualification_besoin", "Qualification d'un besoin", "Request qualification"),
    ("suivi_mission", "Suivi de mission", "Mission follow-up"),
    ("mentorat", "Mentorat", "Mentoring"),
    ("autre", "Autre", "Other"),
    # A proposal sent by e-mail (hyc.exchange.proposals): in the log with the calls, never picked in the call form.
    ("proposition_email", "Proposition envoyée par e-mail", "Proposal sent by e-mail"),
)
# The kinds of the call log that are written, not spoken: they reach nobody (pool hygiene counts calls only).
WRITTEN_CALL_KINDS = ("proposition_email",)

# The language a caregiver reads their e-mails in (none known: French).
CAREGIVER_LANGS = Vocab(
    ("fr", "Français", "French"),
    ("en", "Anglais", "English"),
)

CALL_OUTCOMES = Vocab(
    ("positif", "Positif", "Positive"),
    ("a_relancer", "À relancer", "Follow up"),
    ("sans_suite", "Sans suite", "No further action"),
    ("message_laisse", "Message laissé", "Left a message"),
)

ROLES = Vocab(
    ("fondateur", "Fondateur·rice", "Founder"),
    ("mentor", "Mentor", "Mentor"),
    ("lecteur", "Lecteur·rice", "Reader"),
)

# Regions since 2016 (INSEE codes): 13 metropolitan, then the 5 overseas.
REGIONS = Vocab(
    ("84", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes"),
    ("27", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté"),
    ("53", "Bretagne", "Brittany"),
    ("24", "Centre-Val de Loire", "Centre-Val de Loire"),
    ("94", "Corse", "Corsica"),
    ("44", "Grand Est", "Grand Est"),
    ("32", "Hauts-de-France", "Hauts-de-France"),
    ("11", "Île-de-France", "Île-de-France"),
    ("28", "Normandie", "Normandy"),
    ("75", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine"),
    ("76", "Occitanie", "Occitanie"),
    ("52", "Pays de la Loire", "Pays de la Loire"),
    ("93", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur"),
    ("01", "Guadeloupe", "Guadeloupe"),
    ("02", "Martinique", "Martinique"),
    ("03", "Guyane", "French Guiana"),
    ("04", "La Réunion", "Réunion"),
    ("06", "Mayotte", "Mayotte"),
)


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    region: str  # INSEE region code
    population_k: int  # rounded population in thousands (INSEE 2021), used to weight demo data


DEPARTEMENTS: tuple[Departement, ...] = tuple(Departement(*d) for d in (
    ("01", "Ain", "84", 660), ("02", "Aisne", "32", 530), ("03", "Allier", "84", 335),
    ("04", "Alpes-de-Haute-Provence", "93", 165), ("05", "Hautes-Alpes", "93", 141),
    ("06", "Alpes-Maritimes", "93", 1100), ("07", "Ardèche", "84", 330), ("08", "Ardennes", "44", 270),
    ("09", "Ariège", "76", 155), ("10", "Aube", "44", 310), ("11", "Aude", "76", 375),
    ("12", "Aveyron", "76", 280), ("13", "Bouches-du-Rhône", "93", 2050), ("14", "Calvados", "28", 700),
    ("15", "Cantal", "84", 144), ("16", "Charente", "75", 350), ("17", "Charente-Maritime", "75", 655),
    ("18", "Cher", "24", 300), ("19", "Corrèze", "75", 240), ("2A", "Corse-du-Sud", "94", 160),
    ("2B", "Haute-Corse", "94", 185), ("21", "Côte-d'Or", "27", 535), ("22", "Côtes-d'Armor", "53", 600),
    ("23", "Creuse", "75", 115), ("24", "Dordogne", "75", 415), ("25", "Doubs", "27", 545),
    ("26", "Drôme", "84", 520), ("27", "Eure", "28", 600), ("28", "Eure-et-Loir", "24", 430),
    ("29", "Finistère", "53", 915), ("30", "Gard", "76", 750), ("31", "Haute-Garonne", "76", 1420),
    ("32", "Gers", "76", 190), ("33", "Gironde", "75", 1650), ("34", "Hérault", "76", 1200),
    ("35", "Ille-et-Vilaine", "53", 1100), ("36", "Indre", "24", 218), ("37", "Indre-et-Loire", "24", 610),
    ("38", "Isère", "84", 1280), ("39", "Jura", "27", 258), ("40", "Landes", "75", 415),
    ("41", "Loir-et-Cher", "24", 328), ("42", "Loire", "84", 765), ("43", "Haute-Loire", "84", 228),
    ("44", "Loire-Atlantique", "52", 1450), ("45", "Loiret", "24", 680), ("46", "Lot", "76", 175),
    ("47", "Lot-et-Garonne", "75", 330), ("48", "Lozère", "76", 76), ("49", "Maine-et-Loire", "52", 820),
    ("50", "Manche", "28", 495), ("51", "Marne", "44", 565), ("52", "Haute-Marne", "44", 172),
    ("53", "Mayenne", "52", 307), ("54", "Meurthe-et-Moselle", "44", 730), ("55", "Meuse", "44", 183),
    ("56", "Morbihan", "53", 760), ("57", "Moselle", "44", 1050), ("58", "Nièvre", "27", 202),
    ("59", "Nord", "32", 2610), ("60", "Oise", "32", 830), ("61", "Orne", "28", 280),
    ("62", "Pas-de-Calais", "32", 1460), ("63", "Puy-de-Dôme", "84", 665), ("64", "Pyrénées-Atlantiques", "75", 690),
    ("65", "Hautes-Pyrénées", "76", 230), ("66", "Pyrénées-Orientales", "76", 480), ("67", "Bas-Rhin", "44", 1150),
    ("68", "Haut-Rhin", "44", 770), ("69", "Rhône", "84", 1890), ("70", "Haute-Saône", "27", 235),
    ("71", "Saône-et-Loire", "27", 550), ("72", "Sarthe", "52", 565), ("73", "Savoie", "84", 440),
    ("74", "Haute-Savoie", "84", 840), ("75", "Paris", "11", 2130), ("76", "Seine-Maritime", "28", 1250),
    ("77", "Seine-et-Marne", "11", 1430), ("78", "Yvelines", "11", 1450), ("79", "Deux-Sèvres", "75", 375),
    ("80", "Somme", "32", 570), ("81", "Tarn", "76", 390), ("82", "Tarn-et-Garonne", "76", 262),
    ("83", "Var", "93", 1090), ("84", "Vaucluse", "93", 562), ("85", "Vendée", "52", 690),
    ("86", "Vienne", "75", 440), ("87", "Haute-Vienne", "75", 372), ("88", "Vosges", "44", 360),
    ("89", "Yonne", "27", 335), ("90", "Territoire de Belfort", "27", 140), ("91", "Essonne", "11", 1310),
    ("92", "Hauts-de-Seine", "11", 1630), ("93", "Seine-Saint-Denis", "11", 1660), ("94", "Val-de-Marne", "11", 1410),
    ("95", "Val-d'Oise", "11", 1250),
    ("971", "Guadeloupe", "01", 385), ("972", "Martinique", "02", 360), ("973", "Guyane", "03", 285),
    ("974", "La Réunion", "04", 870), ("976", "Mayotte", "06", 300),
))
DEPARTEMENTS_BY_CODE = {d.code: d for d in DEPARTEMENTS}

# Corsican postcodes: 200xx and 201xx are Corse-du-Sud, 202xx to 206xx Haute-Corse.
_CORSICA_SOUTH_BELOW = 20200
_CORSICA_LAST = 20699


def departement_of_postcode(postcode: str) -> str | None:
    """The département code of a French postcode, or None when it is not one."""
    code = (postcode or "").strip().replace(" ", "")
    if len(code) != 5 or not (code.isascii() and code.isdigit()):
        return None
    if code.startswith("97"):
        dep = code[:3]
    elif code.startswith("20"):
        if int(code) > _CORSICA_LAST:
            return None
        dep = "2A" if int(code) < _CORSICA_SOUTH_BELOW else "2B"
    else:
        dep = code[:2]
    return dep if dep in DEPARTEMENTS_BY_CODE else None


def region_of_postcode(postcode: str) -> str | None:
    """The region code of a French postcode, or None when it is not one."""
    dep = departement_of_postcode(postcode)
    return DEPARTEMENTS_BY_CODE[dep].region if dep else None


def departements_of_region(region: str) -> list[Departement]:
    return [d for d in DEPARTEMENTS if d.region == region]


# --- The store's coded columns ----------------------------------------------------------------------------------
# The store holds codes (`masseur_kinesitherapeute`, region `76`); people read words. Each column holding a code of a
# vocabulary, table by table (the console's labelled views, the audit log, the imports read them here);
# COLUMN_CODE_LISTS hold several, comma-separated.
DEPARTEMENT_NAMES = Vocab(*((d.code, d.name, d.name) for d in DEPARTEMENTS))
COLUMN_CODES: dict[str, dict[str, Vocab]] = {
    "team_member": {"role": ROLES},
    "caregiver": {
        "departement": DEPARTEMENT_NAMES, "region": REGIONS, "profession": PROFESSIONS,
        "specialty": SPECIALTIES, "practice_setting": PRACTICE_SETTINGS,
        "work_mode": CAREGIVER_WORK_MODES, "digital_appetite": DIGITAL_APPETITES,
        "legal_status": LEGAL_STATUSES, "cumul_status": CUMUL_STATUSES,
        "consent_method": CONSENT_METHODS, "lawful_basis": LAWFUL_BASES, "source": SOURCES,
        "lang": CAREGIVER_LANGS},
    "organisation": {"kind": ORGANISATION_KINDS, "region": REGIONS},
    "request": {"mission_type": MISSION_TYPES, "work_mode": REQUEST_WORK_MODES, "region": REGIONS,
                "priority": PRIORITIES, "status": REQUEST_STATUSES},
    "request_event": {"status": REQUEST_STATUSES},
    "match": {"stage": MATCH_STAGES, "exit_reason": EXIT_REASONS,
              "convention_status": CONVENTION_STATUSES, "cumul_status": CUMUL_STATUSES},
    "match_event": {"stage": MATCH_STAGES, "reason": EXIT_REASONS},
    "onboarding_step": {"step": ONBOARDING_STEPS, "status": ONBOARDING_STEP_STATUSES},
    "call": {"kind": CALL_KINDS, "outcome": CALL_OUTCOMES},
    "rpps_check": {"status": RPPS_CHECK_STATUSES},
}
COLUMN_CODE_LISTS: dict[str, dict[str, Vocab]] = {
    "caregiver": {"mission_types": MISSION_TYPES},
    "request": {"professions": PROFESSIONS, "specialties": SPECIALTIES,
                "digital_appetites": DIGITAL_APPETITES},
    "mentoring_session": {"topics": MENTORING_TOPICS},
    "rpps_check": {"professions": PROFESSIONS},
}
