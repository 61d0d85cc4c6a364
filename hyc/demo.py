"""Deterministic, realistic demo data at any scale: the shared fixture of tests, CLI, browser tests and benchmarks.

Two years of history end on `today`: caregivers join, follow their onboarding track, organisations
post requests, matches move through their stages and calls are logged, each event after the one it
follows. Same scale, seed and `today`, same rows.

Generation works on times counted in days from the start of the history (floats), converted to
timestamps at the end, and loads each table in one bulk insert: no ORM object per row.
"""

from __future__ import annotations

import json
import math
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from faker.providers.person.fr_FR import Provider as FrenchNames
from sqlalchemy import Engine

from hyc import accounts, compliance, db, matches, mentoring, models, organisations, progress, vocab
from hyc.i18n import Message

HISTORY_DAYS = 730
NEVER = math.inf


@dataclass(frozen=True)
class DemoSize:
    caregivers: int
    organisations: int
    requests: int
    matches: int
    calls: int
    mentors: int

    @classmethod
    def at(cls, scale: float) -> DemoSize:
        """Scale 1 is about the size of the company's store after two years."""
        return cls(
            caregivers=max(20, round(1500 * scale)),
            organisations=max(5, round(150 * scale)),
            requests=max(10, round(350 * scale)),
            matches=max(40, round(3000 * scale)),
            calls=max(60, round(5000 * scale)),
            mentors=max(3, round(4 * scale)),
        )


# --- Shapes of the pool and of demand ------------------------------------------------------------

PROFESSION_MIX = {
    "medecin": 42, "infirmier": 18, "chirurgien_dentiste": 7, "pharmacien": 7, "masseur_kinesitherapeute": 7,
    "sage_femme": 5, "etudiant_sante": 6, "manipulateur_erm": 3, "aide_soignant": 2, "ambulancier": 1.5,
    "autre": 1.5,
}
SPECIALTY_MIX = {
    "medecine_generale": 38, "cardiologie": 6, "radiologie": 5, "psychiatrie": 6, "pediatrie": 5,
    "anesthesie_reanimation": 5, "oncologie": 4, "dermatologie": 3, "neurologie": 3, "urgences": 6,
    "gynecologie_obstetrique": 3, "endocrinologie": 3, "gastro_enterologie": 2, "pneumologie": 2,
    "ophtalmologie": 2, "chirurgie_orthopedique": 2, "geriatrie": 2, "medecine_interne": 1, "sante_publique": 1,
    "biologie_medicale": 1,
}
PRACTICE_MIX = {
    "medecin": {"hopital_public": 35, "liberal": 30, "clinique_privee": 12, "remplacant": 8, "centre_sante": 7,
                "interne_etudiant": 8},
    "chirurgien_dentiste": {"liberal": 80, "centre_sante": 12, "hopital_public": 8},
    "masseur_kinesitherapeute": {"liberal": 75, "clinique_privee": 12, "hopital_public": 13},
    "etudiant_sante": {"interne_etudiant": 100},
    "default": {"hopital_public": 50, "clinique_privee": 20, "liberal": 20, "centre_sante": 10},
}
# Expected day rates (euros) before individual variation.
BASE_DAY_RATE = {
    "medecin": 750, "chirurgien_dentiste": 650, "pharmacien": 520, "sage_femme": 420, "infirmier": 380,
    "masseur_kinesitherapeute": 400, "manipulateur_erm": 340, "ambulancier": 250, "aide_soignant": 220,
    "etudiant_sante": 150, "autre": 350,
}
# How a mission type moves the day rate, and what it usually asks for.
MISSION_RATE_FACTOR = {"conseil": 1.1, "atelier": 1.0, "beta_test": 0.6, "entretiens": 0.7, "temps_partiel": 0.85,
                       "stage_m2": None, "these": None}
STUDENT_DAY_RATE = {"stage_m2": 35, "these": 150}  # internship gratification; paid study work
MISSION_MIX = {"conseil": 25, "atelier": 15, "beta_test": 15, "entretiens": 15, "temps_partiel": 10, "stage_m2": 10,
               "these": 10}
HEADCOUNT = {"conseil": (1, 2), "atelier": (5, 10), "beta_test": (5, 12), "entretiens": (4, 10),
             "temps_partiel": (1, 1), "stage_m2": (1, 1), "these": (1, 1)}
EXPECTED_DAYS = {"conseil": (2, 10), "atelier": (1, 1), "beta_test": (1, 3), "entretiens": (1, 1),
                 "temps_partiel": (40, 80), "stage_m2": (110, 120), "these": (10, 20)}
MISSION_CALENDAR_DAYS = {"conseil": (15, 60), "atelier": (1, 1), "beta_test": (7, 21), "entretiens": (1, 3),
                         "temps_partiel": (90, 180), "stage_m2": (170, 180), "these": (60, 120)}
DEMAND_MIX = {"medecin": 60, "infirmier": 13, "pharmacien": 7, "chirurgien_dentiste": 4, "sage_femme": 4,
              "masseur_kinesitherapeute": 5, "manipulateur_erm": 3, "aide_soignant": 2, "ambulancier": 2}
ORG_KIND_MIX = {"startup": 35, "pme": 10, "grand_groupe": 8, "medtech": 15, "data_ia": 10, "assurance": 6,
                "labo_universitaire": 6, "ecole_ingenieurs": 4, "etablissement_sante": 4, "autre": 2}
MAKES_HEALTH_PRODUCTS = {"medtech": 1.0, "grand_groupe": 0.7, "startup": 0.45, "pme": 0.4, "data_ia": 0.25}
# Probability of moving on from each stage of the match path, and the mean days it takes.
MATCH_NEXT = {"suggeree": 0.85, "contactee": 0.7, "interessee": 0.82, "proposee_client": 0.72, "entretien": 0.6,
              "retenue": 0.92, "contrat_signe": 0.97, "en_mission": 0.97}
MATCH_GAP_DAYS = {"suggeree": 2, "contactee": 4, "interessee": 3, "proposee_client": 6, "entretien": 5,
                  "retenue": 6, "contrat_signe": 8}
MATCH_EXIT_AT = {"suggeree": "abandonnee", "contactee": "declinee_soignant", "interessee": "declinee_soignant",
                 "proposee_client": "refusee_client", "entretien": "refusee_client", "retenue": "declinee_soignant",
                 "contrat_signe": "abandonnee", "en_mission": "abandonnee"}

# Reasons for leaving that belong to the match itself (the request's own fate is applied afterwards).
NATURAL_EXIT_REASONS = {exit_: tuple(r for r in reasons if not r.startswith("besoin_"))
                        for exit_, reasons in vocab.EXIT_REASONS_BY_EXIT.items()}

CITIES = (("Paris", "11"), ("Lyon", "84"), ("Marseille", "93"), ("Lille", "32"), ("Bordeaux", "75"),
          ("Toulouse", "76"), ("Nantes", "52"), ("Montpellier", "76"), ("Strasbourg", "44"), ("Rennes", "53"),
          ("Grenoble", "84"), ("Nice", "93"), ("Rouen", "28"), ("Dijon", "27"), ("Tours", "24"))
CITY_WEIGHTS = (40, 10, 6, 6, 6, 6, 5, 5, 4, 4, 3, 2, 1, 1, 1)
EMAIL_DOMAINS = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr", "hotmail.fr", "wanadoo.fr",
                 "yahoo.fr", "icloud.com", "protonmail.com")
# Mobile prefixes that French numbering allocates (06 and 073 to 079).
MOBILE_PREFIXES = ("60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75", "76", "77", "78", "79")

STARTUP_HEADS = ("Medi", "Kardio", "Neuro", "Derma", "Onco", "Pedia", "Sano", "Vita", "Cura", "Pulmo", "Gluco",
                 "Ortho", "Psy", "Nutri", "Bio", "Thera", "Clini", "Doc", "Soin", "Hemo")
STARTUP_TAILS = ("Lens", "Sense", "Link", "Flow", "Track", "Care", "Mind", "Pulse", "Scan", "Path", "Lab", "Up",
                 "Sight", "Wave", "Data", "Nova", "Fit", "Bot", "Hub", "Gen")
PRODUCTS = ("télésurveillance", "aide au diagnostic", "dossier patient", "prévention cardiovasculaire",
            "suivi du diabète", "santé mentale", "imagerie assistée par IA", "rééducation connectée",
            "parcours de soins en oncologie", "observance médicamenteuse", "téléconsultation", "triage aux urgences")
CONTACT_ROLES = ("CEO", "Directeur·rice médical·e", "Product manager", "Responsable R&D", "Responsable partenariats",
                 "Chef·fe de projet innovation", "UX researcher")
TEAM = (("Claire", "Dubois", "fondateur"), ("Julien", "Moreau", "fondateur"), ("Léa", "Fontaine", "lecteur"))
MENTOR_NAMES = (("Sophie", "Laurent"), ("Thomas", "Girard"), ("Inès", "Benali"), ("Marc", "Lefèvre"),
                ("Nadia", "Haddad"), ("Pierre", "Roux"))


def _weighted(rng: np.random.Generator, mix: dict, n: int) -> np.ndarray:
    keys = list(mix)
    w = np.array([mix[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=w / w.sum())]


def _ascii(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in flat.lower() if ch.isalnum() or ch == "-")


def _email_local(first: str, last: str) -> str:
    return f"{_ascii(first)}.{_ascii(last.replace(' ', ''))}"


def _unique_emails(locals_: list[str], domains: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for local, domain in zip(locals_, domains, strict=True):
        address = f"{local}@{domain}"
        n = seen.get(address, 0)
        seen[address] = n + 1
        out.append(address if n == 0 else f"{local}{n + 1}@{domain}")
    return out


def _unique_ints(rng: np.random.Generator, high: int, n: int) -> np.ndarray:
    return rng.choice(high, size=n, replace=False)


def _mobiles(rng: np.random.Generator, n: int) -> list[str]:
    prefixes = np.array(MOBILE_PREFIXES)[rng.integers(0, len(MOBILE_PREFIXES), n)]
    tails = _unique_ints(rng, 10**7, n)
    return [f"+33{p[0]}{p[1]}{t:07d}" for p, t in zip(prefixes, tails, strict=True)]


def _rpps_numbers(rng: np.random.Generator, n: int) -> list[str]:
    """Eleven digits starting with 10, the last one the Luhn key of the first ten (vectorised)."""
    bodies = 10**9 + _unique_ints(rng, 10**8, n)  # "10" followed by eight digits
    digits = (bodies[:, None] // 10 ** np.arange(9, -1, -1)) % 10  # left to right
    doubled = digits[:, -1::-2] * 2  # from the right, every other digit starting with the last one
    total = (doubled - 9 * (doubled > 9)).sum(axis=1) + digits[:, -2::-2].sum(axis=1)
    keys = (10 - total % 10) % 10
    return [f"{b}{k}" for b, k in zip(bodies, keys, strict=True)]


def _postcode(rng: random.Random, dep: str) -> str:
    if dep == "75":
        return f"750{rng.randint(1, 20):02d}"
    if dep == "2A":
        return f"20{rng.randint(0, 19) * 10:03d}"
    if dep == "2B":
        return f"20{rng.randint(20, 62) * 10:03d}"
    if len(dep) == 3:
        return f"{dep}{rng.randint(0, 9) * 10:02d}"
    return f"{dep}{rng.randint(0, 99) * 10:03d}"


class _Gen:
    """One generation run: the random sources, the clock and the rows built so far."""

    def __init__(self, scale: float, seed: int, today: date) -> None:
        self.size = DemoSize.at(scale)
        self.np = np.random.default_rng(seed)
        self.py = random.Random(seed)
        self.start = datetime.combine(today - timedelta(days=HISTORY_DAYS), datetime.min.time())
        self.now = float(HISTORY_DAYS)
        self.tables: dict[str, pd.DataFrame] = {}

    # Time helpers: offsets in days since the start of the history.
    def ts(self, offsets) -> pd.Series:
        return pd.Series(pd.Timestamp(self.start) + pd.to_timedelta(pd.Series(offsets, dtype="float64"), unit="D"))

    def day(self, offsets) -> pd.Series:
        return self.ts(offsets).dt.floor("D")

    def exp(self, mean: float) -> float:
        return self.py.expovariate(1 / mean)

    def work(self, day: float) -> float:
        """The same moment moved into office hours (UTC) on a weekday, never earlier than `day`."""
        whole = math.floor(day)
        weekday = (self.start.weekday() + whole) % 7
        if weekday >= 5:
            whole += 7 - weekday
        return max(whole + self.py.uniform(7.5, 17.0) / 24, day)


def generate(scale: float = 1.0, seed: int = 1, today: date | None = None) -> dict[str, pd.DataFrame]:
    """All demo rows, table by table, keyed from 1; nothing is written."""
    g = _Gen(scale, seed, today or date.today())
    _team(g)
    _caregivers(g)
    _onboarding(g)
    _organisations(g)
    _requests_and_matches(g)
    _calls_and_mentoring(g)
    _finish_onboarding_and_profiles(g)
    return g.tables


def _team(g: _Gen) -> None:
    people = list(TEAM)
    for i in range(g.size.mentors):
        first, last = MENTOR_NAMES[i % len(MENTOR_NAMES)]
        suffix = "" if i < len(MENTOR_NAMES) else f" {i // len(MENTOR_NAMES) + 1}"
        people.append((first, last + suffix, "mentor"))
    g.team = pd.DataFrame({
        "id": range(1, len(people) + 1),
        "email": [f"{_email_local(first, last)}@hackyourcare.fr" for first, last, _ in people],
        "full_name": [f"{first} {last}" for first, last, _ in people],
        "role": [r for _, _, r in people],
        "password_hash": None,
        "active": True,
        "created_at": g.ts([0.0] * len(people)),
    })
    g.tables["team_member"] = g.team
    g.mentor_ids = g.team.loc[g.team.role == "mentor", "id"].to_numpy()
    g.owner_ids = g.team.loc[g.team.role != "lecteur", "id"].to_numpy()


def _caregivers(g: _Gen) -> None:
    n, rng, py = g.size.caregivers, g.np, g.py
    # Joining grows over time: density rising linearly across the two years.
    joined = np.sort(HISTORY_DAYS * np.sqrt(rng.random(n)) - 1e-6)
    profession = _weighted(rng, PROFESSION_MIX, n)
    woman = rng.random(n) < np.where(np.isin(profession, ["infirmier", "sage_femme", "aide_soignant"]), 0.85, 0.55)
    first = np.where(
        woman,
        np.array(FrenchNames.first_names_female, dtype=object)[rng.integers(0, len(FrenchNames.first_names_female), n)],
        np.array(FrenchNames.first_names_male, dtype=object)[rng.integers(0, len(FrenchNames.first_names_male), n)],
    )
    last = np.array(FrenchNames.last_names, dtype=object)[rng.integers(0, len(FrenchNames.last_names), n)]
    domains = np.array(EMAIL_DOMAINS, dtype=object)[rng.integers(0, len(EMAIL_DOMAINS), n)]
    emails = _unique_emails(list(map(_email_local, first, last)), list(domains))
    specialty = np.where(profession == "medecin", _weighted(rng, SPECIALTY_MIX, n), None)
    practice = np.empty(n, dtype=object)
    for prof in np.unique(profession):
        idx = np.flatnonzero(profession == prof)
        practice[idx] = _weighted(rng, PRACTICE_MIX.get(prof, PRACTICE_MIX["default"]), len(idx))
    student = profession == "etudiant_sante"
    years = np.where(student, 0, np.clip(np.round(rng.gamma(2.2, 6.0, n)), 1, 40)).astype(int)
    has_rpps = np.isin(profession, list(vocab.RPPS_PROFESSIONS)) | (student & (rng.random(n) < 0.4))
    rpps_pool = _rpps_numbers(rng, n)
    rpps = [r if has else None for r, has in zip(rpps_pool, has_rpps, strict=True)]
    weights = np.array([d.population_k for d in vocab.DEPARTEMENTS], dtype=float)
    deps = [vocab.DEPARTEMENTS[i] for i in rng.choice(len(weights), size=n, p=weights / weights.sum())]
    appetite = _weighted(rng, {"reticent": 10, "prudent": 35, "a_l_aise": 40, "expert": 15}, n)
    ai_trained = rng.random(n) < np.where(appetite == "expert", 0.6, np.where(appetite == "a_l_aise", 0.25, 0.05))
    base_rate = np.array([BASE_DAY_RATE[p] for p in profession], dtype=float)
    base_rate *= np.where((profession == "medecin") & (specialty != "medecine_generale"), 1.15, 1.0)
    rate = np.round(base_rate * rng.lognormal(0, 0.22, n) / 10) * 10
    mission_codes = vocab.MISSION_TYPES.codes
    wanted = []
    for s in student:
        pool = ["stage_m2", "these", "beta_test", "entretiens"] if s else mission_codes[:5]
        wanted.append(",".join(sorted(py.sample(pool, py.randint(1, 3)), key=mission_codes.index)))
    mentors = g.mentor_ids[rng.integers(0, len(g.mentor_ids), n)]
    consent_method = _weighted(rng, {"formulaire_web": 55, "oral_appel": 25, "email": 15, "papier": 5}, n)
    g.cg = pd.DataFrame({
        "id": np.arange(1, n + 1),
        "first_name": first,
        "last_name": last,
        "email": emails,
        "phone": _mobiles(rng, n),
        "postcode": [_postcode(py, d.code) for d in deps],
        "departement": [d.code for d in deps],
        "region": [d.region for d in deps],
        "profession": profession,
        "specialty": specialty,
        "practice_setting": practice,
        "years_experience": years,
        "rpps": rpps,
        "availability_days_per_month": np.array([1, 2, 3, 4, 5, 8, 10])[
            rng.choice(7, n, p=[0.12, 0.25, 0.2, 0.18, 0.12, 0.08, 0.05])],
        "work_mode": _weighted(rng, {"distanciel": 40, "presentiel": 15, "les_deux": 45}, n),
        "mission_types": wanted,
        "digital_appetite": appetite,
        "ai_trained": ai_trained,
        "expected_day_rate": rate.astype(int),
        "legal_status": None,
        "cumul_status": np.where(
            (profession == "medecin") & (practice == "hopital_public"),
            _weighted(rng, {"a_demander": 40, "demandee": 20, "obtenue": 40}, n), "non_concerne"),
        "consent_method": consent_method,
        "lawful_basis": "consentement",
        "source": _weighted(rng, {"bouche_a_oreille": 30, "linkedin": 25, "evenement": 12, "site_web": 15,
                                  "partenaire": 8, "reseau_pro": 8, "presse": 2}, n),
        "mentor_id": mentors,
        "notes": None,
        "archived": rng.random(n) < 0.02,
        "joined": joined,
    })


def _onboarding(g: _Gen) -> None:
    """Each caregiver walks the track until they stall or the present is reached."""
    steps = vocab.ONBOARDING_STEPS.codes
    ready_at = np.full(len(g.cg), NEVER)
    done_steps: dict[int, list[tuple[str, float]]] = {}
    py = g.py
    for i, (cid, joined, ai) in enumerate(zip(g.cg.id, g.cg.joined, g.cg.ai_trained, strict=True)):
        t = g.work(joined)
        stalled = False
        done: list[tuple[str, float]] = []
        for step in steps:
            if step == "premiere_mission":
                break  # set from the matches, once they exist
            if step == "formation_ia" and not ai:
                continue
            if step != "appel_accueil":
                if stalled or py.random() > 0.92:
                    stalled = True
                    break
                t = g.work(t + 1 + g.exp(9))
            if t >= g.now:
                break
            done.append((step, t))
        done_steps[int(cid)] = done
        for step, at in done:
            if step == "pret_mission":
                ready_at[i] = at
    g.cg["ready_at"] = ready_at
    g.onboarding_done = done_steps


def _organisations(g: _Gen) -> None:
    n, rng, py = g.size.organisations, g.np, g.py
    kinds = _weighted(rng, ORG_KIND_MIX, n)
    city_idx = rng.choice(len(CITIES), size=n, p=np.array(CITY_WEIGHTS) / sum(CITY_WEIGHTS))
    names, seen = [], set()
    for kind, ci in zip(kinds, city_idx, strict=True):
        city = CITIES[ci][0]
        for attempt in range(50):
            name = _org_name(py, kind, city)
            if attempt > 10:
                name = f"{name} {city}"
            if name not in seen:
                break
        else:
            name = f"{name} ({len(seen)})"
        seen.add(name)
        names.append(name)
    makes = np.array([py.random() < MAKES_HEALTH_PRODUCTS.get(k, 0.0) for k in kinds])
    created = np.sort(rng.uniform(0, HISTORY_DAYS - 20, n))
    g.org = pd.DataFrame({
        "id": np.arange(1, n + 1),
        "name": names,
        "kind": kinds,
        "makes_health_products": makes,
        "city": [CITIES[i][0] for i in city_idx],
        "region": [CITIES[i][1] for i in city_idx],
        "website": [f"https://www.{_ascii(nm.replace(' ', ''))[:30]}.fr" for nm in names],
        "notes": None,
        "archived": False,
        "created": created,
    })
    # Contacts: one to four per organisation.
    per_org = rng.integers(1, 5, n)
    org_ids = np.repeat(g.org.id.to_numpy(), per_org)
    m = len(org_ids)
    first = np.where(
        rng.random(m) < 0.5,
        np.array(FrenchNames.first_names_female, dtype=object)[rng.integers(0, len(FrenchNames.first_names_female), m)],
        np.array(FrenchNames.first_names_male, dtype=object)[rng.integers(0, len(FrenchNames.first_names_male), m)],
    )
    last = np.array(FrenchNames.last_names, dtype=object)[rng.integers(0, len(FrenchNames.last_names), m)]
    sites = g.org.set_index("id").website.str.removeprefix("https://www.")
    g.contact = pd.DataFrame({
        "id": np.arange(1, m + 1),
        "organisation_id": org_ids,
        "first_name": first,
        "last_name": last,
        "role": np.array(CONTACT_ROLES, dtype=object)[rng.integers(0, len(CONTACT_ROLES), m)],
        "email": _unique_emails(list(map(_email_local, first, last)),
                                list(sites.loc[org_ids])),
        "phone": _mobiles(rng, m),
        "archived": False,
    })
    created_by_org = g.org.set_index("id").created
    g.contact["created"] = created_by_org.loc[org_ids].to_numpy()


def _org_name(py: random.Random, kind: str, city: str) -> str:
    last = py.choice(FrenchNames.last_names)
    if kind in ("startup", "data_ia", "medtech"):
        return py.choice(STARTUP_HEADS) + py.choice(STARTUP_TAILS) + (" Medical" if kind == "medtech" else "")
    if kind == "grand_groupe":
        return py.choice(("Laboratoires ", "Groupe ", "Pharma ")) + last
    if kind == "pme":
        return f"{last} {py.choice(('Santé', 'Médical', 'Conseil', 'Solutions'))}"
    if kind == "assurance":
        return f"{py.choice(('Mutuelle', 'Assurances', 'Prévoyance'))} {last}"
    if kind == "labo_universitaire":
        return f"Laboratoire {py.choice(('LIS', 'LIRIS', 'CRIStAL', 'LaTIM', 'TIMC', 'IRIT'))} – {city}"
    if kind == "ecole_ingenieurs":
        return f"École d'ingénieurs {py.choice(('Polytech', 'ESIEE', 'ENSIMAG', 'ISEN', 'EPF'))} {city}"
    if kind == "etablissement_sante":
        return py.choice((f"CHU de {city}", f"Clinique Saint-{py.choice(FrenchNames.first_names_male)}",
                          f"Centre hospitalier de {city}"))
    return f"Association {last}"


def _requests_and_matches(g: _Gen) -> None:
    """Requests with their status path, the matches on them with their stages, and how each request ends: the
    random draws happen in this order."""
    req_rows = _request_rows(g)
    for r in req_rows:
        _search_path(g, r)
    _spread_matches(g, req_rows)
    people = _MatchLookups.of(g)
    match_rows, event_rows = [], []
    for r in req_rows:
        chosen, paths = _match_paths(g, r)
        _apply_fill_and_cancel(g, r, paths)
        for ci, path in zip(chosen, paths, strict=True):
            path = [(s, t, why) for s, t, why in path if t < g.now]
            if path:
                mid = len(match_rows) + 1
                match_rows.append(_match_row(g, people, r, mid, int(ci), path))
                event_rows += [(mid, s, t, r["owner_id"], why if s in vocab.MATCH_EXITS else None)
                               for s, t, why in path]
        _close_request(g, r, paths)
    g.requests = req_rows
    g.matches = pd.DataFrame(match_rows)
    g.match_events = pd.DataFrame(event_rows, columns=["match_id", "stage", "t", "author_id", "reason"])
    _compliance_from_facts(g)


def _compliance_from_facts(g: _Gen) -> None:
    """The caregivers' cumul records and the matches' compliance states agree, as the app keeps them
    (hyc.compliance derives both): a public-hospital doctor who signed a contract holds the authorisation; a match
    before its contract reads the organisation, its terms and the doctor's record."""
    m = g.matches
    if not len(m):
        return
    signed = m.id.isin(g.match_events.match_id[g.match_events.stage == "contrat_signe"])
    hospital = compliance.cumul_applies(g.cg.profession, g.cg.practice_setting)
    g.cg.loc[hospital & g.cg.id.isin(m.caregiver_id[signed]), "cumul_status"] = "obtenue"
    person = g.cg.set_index("id").loc[m.caregiver_id]
    makes = m.request_id.map({r["id"]: r["organisation_id"] for r in g.requests}).map(
        g.org.set_index("id").makes_health_products)
    before = ~m.stage.isin(matches.SIGNED_STAGES)
    cumul = compliance.cumul_state(person.profession.to_numpy(), person.practice_setting.to_numpy(),
                                   person.cumul_status.to_numpy())
    convention = compliance.convention_state(
        makes.to_numpy(dtype=bool), m.agreed_day_rate.astype("float64").to_numpy(),
        m.agreed_days.astype("float64").to_numpy(), m.convention_status.to_numpy(),
        student=(person.profession == "etudiant_sante").to_numpy())
    m["cumul_status"] = np.where(before, cumul, m.cumul_status)
    m["convention_status"] = np.where(before, convention, m.convention_status)


def _request_rows(g: _Gen) -> list[dict]:
    """The requests, more of them lately, each from an organisation (start-ups, medtechs and data companies ask
    most), with what it asks, its headcount, days and budget, and the caregivers who could take it."""
    n, rng, py = g.size.requests, g.np, g.py
    kind_weight = g.org.kind.map({"startup": 3, "medtech": 2.5, "data_ia": 2, "grand_groupe": 2}).fillna(1.0)
    org_pick = rng.choice(len(g.org), size=n, p=(kind_weight / kind_weight.sum()).to_numpy())
    orgs = g.org.iloc[org_pick].to_dict("records")
    org_created = g.org.created.to_numpy()[org_pick]
    # Requests come after their organisation joined, more of them lately.
    created = org_created + (HISTORY_DAYS - org_created) * np.sqrt(rng.random(n))
    created = np.minimum(created, HISTORY_DAYS - 0.01)
    mission = _weighted(rng, MISSION_MIX, n)
    contacts_by_org = g.contact.groupby("organisation_id").id.apply(list).to_dict()
    # Caregivers available to each request, by profession (and specialty for doctors), in joining order.
    cg = g.cg[~g.cg.archived]
    by_prof = {p: (grp.joined.to_numpy(), grp.index.to_numpy()) for p, grp in cg.groupby("profession", sort=True)}
    doctors = cg[cg.profession == "medecin"]
    by_spec = {s: (grp.joined.to_numpy(), grp.index.to_numpy()) for s, grp in doctors.groupby("specialty", sort=True)}
    rows = []
    for i in range(n):
        m, org = mission[i], orgs[i]
        professions, specialties = _wanted(g, m)
        lo, hi = HEADCOUNT[m]
        headcount = py.randint(lo, hi)
        lo, hi = EXPECTED_DAYS[m]
        days = py.randint(lo, hi)
        factor = MISSION_RATE_FACTOR[m]
        budget = (STUDENT_DAY_RATE[m] if factor is None
                  else round(BASE_DAY_RATE[professions[0]] * factor * py.uniform(0.85, 1.3) / 50) * 50)
        rows.append({
            "id": i + 1,
            "organisation_id": int(org["id"]),
            "contact_id": py.choice(contacts_by_org.get(int(org["id"]), [None])),
            "title": _request_title(py, m, professions, specialties, headcount),
            "description": _request_description(py, m, org["name"]),
            "mission_type": m,
            "professions": ",".join(professions),
            "specialties": ",".join(specialties) or None,
            "digital_appetites": ",".join(vocab.USUAL_APPETITES[m]) or None,
            # A data & AI company's requests are about AI.
            "about_ai": org["kind"] == "data_ia",
            "headcount": headcount,
            "work_mode": py.choice(("distanciel", "distanciel", "hybride", "presentiel")),
            "region": org["region"],
            "expected_days": days,
            "budget_day_rate": budget,
            "priority": py.choices(vocab.PRIORITIES.codes, weights=(15, 55, 22, 8))[0],
            "owner_id": int(py.choice(list(g.owner_ids))),
            "archived": False,
            "created": created[i],
            "student": professions == ["etudiant_sante"],
            "pool": _candidate_pool(professions, specialties, by_prof, by_spec),
        })
    return rows


def _wanted(g: _Gen, mission: str) -> tuple[list[str], list[str]]:
    """What a request asks: students for an internship or a thesis; a panel of specialists for many workshops;
    else one profession, sometimes a specialty."""
    if mission in ("stage_m2", "these"):
        return ["etudiant_sante"], []
    if mission == "atelier" and g.py.random() < 0.6:
        spec_codes = [s for s in vocab.SPECIALTIES.codes if s != "medecine_generale"]
        return ["medecin"], sorted(g.py.sample(spec_codes, g.py.randint(3, 6)), key=vocab.SPECIALTIES.index)
    professions = [_weighted(g.np, DEMAND_MIX, 1)[0]]
    if professions == ["medecin"] and g.py.random() < 0.5:
        return professions, [g.py.choice(list(SPECIALTY_MIX))]
    return professions, []


def _search_path(g: _Gen, r: dict) -> None:
    """A request's statuses up to the search for candidates; some are cancelled or lost along the way, and some
    recent ones have no candidate yet (requests at risk)."""
    t0 = min(g.work(r["created"]), g.now - 0.01)
    r["events"] = [("nouvelle", t0)]
    t = g.work(t0 + g.exp(3))
    if t < g.now:
        r["events"].append(("qualifiee", t))
        t = g.work(t + g.exp(2))
        if t < g.now:
            r["events"].append(("en_recherche", t))
    r["search_start"] = t if r["events"][-1][0] == "en_recherche" else NEVER
    r["cancel_at"] = g.work(t0 + 5 + g.exp(40)) if g.py.random() < 0.12 else NEVER
    r["start"] = t0 + g.py.uniform(20, 75)


def _spread_matches(g: _Gen, req_rows: list[dict]) -> None:
    """The size's matches spread over the searching requests, more on those that ask for more people."""
    eligible = [r for r in req_rows if r["search_start"] < g.now and g.py.random() > 0.06]
    weights = np.array([r["headcount"] * 2 + 3 for r in eligible], dtype=float)
    counts = g.np.multinomial(g.size.matches, weights / weights.sum()) if eligible else []
    for r, k in zip(eligible, counts, strict=False):
        r["n_matches"] = int(k)


def _match_paths(g: _Gen, r: dict) -> tuple[list, list]:
    """The caregivers put on a request (among those who had joined a month into its search), and the stages each
    match would go through if nothing else happened on the request."""
    k = r.get("n_matches", 0)
    available = _joined_before(r["pool"], r["search_start"] + 30) if k else []
    k = min(k, len(available))
    chosen = available[g.np.choice(len(available), size=k, replace=False)] if k else []
    joined, ready_at = g.cg.joined.to_numpy(), g.cg.ready_at.to_numpy()
    paths = []
    for j, ci in enumerate(chosen):
        # A caregiver who joined after the search began is suggested once in the pool.
        suggested = g.work(max(r["search_start"] + g.exp(3) + j * 0.3, joined[ci] + 0.5))
        paths.append(_match_path(g, r, suggested, ready_at[ci]))
    return chosen, paths


@dataclass(frozen=True)
class _MatchLookups:
    """What a match row reads of its caregiver and organisation, looked up once for all (by row position)."""

    caregiver_ids: np.ndarray
    expected_rates: np.ndarray
    hospital_doctors: np.ndarray
    makes_health_products: dict

    @classmethod
    def of(cls, g: _Gen) -> _MatchLookups:
        return cls(g.cg.id.to_numpy(), g.cg.expected_day_rate.to_numpy(),
                   ((g.cg.profession == "medecin") & (g.cg.practice_setting == "hopital_public")).to_numpy(),
                   g.org.set_index("id").makes_health_products.to_dict())


def _match_row(g: _Gen, people: _MatchLookups, r: dict, mid: int, ci: int, path: list) -> dict:
    """One match as stored: its stage, and once placed its agreed terms and compliance as the story went."""
    reached = [s for s, _, _ in path]
    stage, last_t, reason = path[-1]
    placed = any(s in vocab.MATCH_PLACED for s in reached)
    rate = days = None
    if placed:
        factor = MISSION_RATE_FACTOR[r["mission_type"]]
        rate = (STUDENT_DAY_RATE[r["mission_type"]] if factor is None
                else int(round(people.expected_rates[ci] * factor * g.py.uniform(0.9, 1.12) / 10) * 10))
        days = float(r["expected_days"])
    makes = people.makes_health_products[r["organisation_id"]]
    convention, submitted, decided = _convention(g, r, path, rate, days) if makes and placed else (
        "non_requise", None, None)
    cumul = "non_concerne"
    if people.hospital_doctors[ci] and placed:
        cumul = "obtenue" if "contrat_signe" in reached else "demandee"
    ended = stage == "terminee"
    return {
        "id": mid,
        "request_id": r["id"],
        "caregiver_id": int(people.caregiver_ids[ci]),
        "stage": stage,
        "exit_reason": reason if stage in vocab.MATCH_EXITS else None,
        "agreed_day_rate": rate,
        "agreed_days": days,
        "conflict_checked": "proposee_client" in reached,
        "convention_status": convention,
        "convention_submitted_on": submitted,
        "convention_decided_on": decided,
        "cumul_status": cumul,
        "mission_start": next((t for s, t, _ in path if s == "en_mission"), None),
        "caregiver_feedback": g.py.choice(FEEDBACK_CAREGIVER) if ended else None,
        "client_feedback": g.py.choice(FEEDBACK_CLIENT) if ended else None,
        "client_rating": g.py.choices((3, 4, 5), weights=(15, 45, 40))[0] if ended else None,
        "created": path[0][1],
        "updated": last_t,
    }


def _convention(g: _Gen, r: dict, path: list, rate: float, days: float) -> tuple[str, float | None, float | None]:
    """The agreement of a placed match with a health-products company: declared a few days after the caregiver
    was retained, or its authorisation asked (and given by the time of a signed contract)."""
    regime = compliance.convention_regime(rate, days, student=r["student"])
    submitted = next(t for s, t, _ in path if s == "retenue") + g.py.uniform(1, 4)
    signed = any(s == "contrat_signe" for s, _, _ in path)
    decided = None
    if regime == "declaration":
        convention = "declaree" if signed or submitted < g.now else "a_declarer"
    else:
        decided = submitted + g.py.uniform(10, 45)
        convention = "autorisee" if signed else "autorisation_demandee"
        if not signed:
            decided = None
    if submitted >= g.now:
        convention, submitted = ("a_declarer" if regime == "declaration" else "autorisation_demandee"), None
    return convention, submitted, decided


def _candidate_pool(professions, specialties, by_prof, by_spec) -> list[tuple[np.ndarray, np.ndarray]]:
    """Groups of caregivers who fit a request, each as (joining times in order, row positions)."""
    if specialties:
        return [by_spec[s] for s in specialties if s in by_spec]
    return [by_prof[p] for p in professions if p in by_prof]


def _joined_before(pool: list[tuple[np.ndarray, np.ndarray]], cutoff: float) -> np.ndarray:
    """Row positions of the pool's caregivers who had joined by `cutoff`."""
    parts = [idx[: np.searchsorted(joined, cutoff)] for joined, idx in pool]
    return np.concatenate(parts) if parts else np.array([], dtype=int)


def _match_path(g: _Gen, r: dict, suggested: float, ready_at: float) -> list[tuple[str, float, str | None]]:
    """The stages one match would go through if nothing else happened on its request."""
    py = g.py
    path: list[tuple[str, float, str | None]] = [("suggeree", suggested, None)]
    t = suggested
    for stage, nxt in zip(vocab.MATCH_PATH, vocab.MATCH_PATH[1:], strict=False):
        if py.random() > MATCH_NEXT[stage]:
            exit_stage = MATCH_EXIT_AT[stage]
            t = g.work(t + 1 + g.exp(4))
            path.append((exit_stage, t, py.choice(NATURAL_EXIT_REASONS[exit_stage])))
            return path
        if nxt == "contrat_signe":
            # Mentoring makes a caregiver ready before a first contract; some never get there in time.
            if ready_at - t > 60:
                t = g.work(t + 1 + g.exp(5))
                path.append(("declinee_soignant", t, "indisponible"))
                return path
            t = max(t, ready_at)
        if nxt == "en_mission":
            t = g.work(max(t + 1 + g.exp(5), r["start"]))
        elif nxt == "terminee":
            lo, hi = MISSION_CALENDAR_DAYS[r["mission_type"]]
            t = t + py.uniform(lo, hi)
        else:
            t = g.work(t + 0.2 + g.exp(MATCH_GAP_DAYS[stage]))
        path.append((nxt, t, None))
    return path


def _apply_fill_and_cancel(g: _Gen, r: dict, paths: list) -> None:
    """Once the headcount is selected, the client turns the others down; a cancelled request drops them all."""
    retained = sorted(t for p in paths for s, t, _ in p if s == "retenue")
    fill_at = retained[r["headcount"] - 1] if len(retained) >= r["headcount"] else NEVER
    if fill_at == NEVER and r["search_start"] < NEVER:
        # Requests do not stay open forever: after two to four months the client settles for the
        # candidates selected so far, or the request is lost.
        give_up = g.work(r["search_start"] + g.py.uniform(60, 120))
        if retained and retained[-1] < give_up:
            fill_at = retained[-1] + 0.5
        else:
            r["cancel_at"] = min(r["cancel_at"], give_up)
    r["fill_at"] = fill_at
    if fill_at < r["cancel_at"]:
        r["cancel_at"] = NEVER  # a filled request is not cancelled in this story
    for p in paths:
        retained_at = next((t for s, t, _ in p if s == "retenue"), NEVER)
        if retained_at <= fill_at:
            cut, stage, reason = r["cancel_at"], "abandonnee", "besoin_annule"
        elif r["cancel_at"] <= fill_at:
            cut, stage, reason = r["cancel_at"], "abandonnee", "besoin_annule"
        else:
            cut, stage, reason = fill_at, "abandonnee", "besoin_pourvu"
            if any(s == "proposee_client" and t < cut for s, t, _ in p):
                stage, reason = "refusee_client", "autre_candidat"
        if p[-1][1] < cut:
            continue  # this match had ended before
        keep = [e for e in p if e[1] < cut]
        if keep and keep[-1][0] not in ("en_mission", "terminee"):
            p[:] = keep + [(stage, g.work(cut + 0.05), reason)]


def _close_request(g: _Gen, r: dict, paths: list) -> None:
    """The request's later statuses, read from what its matches did."""
    events = r["events"]
    def first(stage: str) -> float:
        return min((t for p in paths for s, t, _ in p if s == stage), default=NEVER)

    proposed, mission = first("proposee_client"), first("en_mission")
    events += _proposal_events(paths, r["fill_at"])
    if r["fill_at"] < NEVER:
        filled = max(r["fill_at"], proposed) + 0.01
        events.append(("pourvue", filled))
        if mission < NEVER:
            started = max(mission, filled + 0.01)
            events.append(("en_cours", started))
            ends = [t for p in paths for s, t, _ in p if s == "terminee"]
            active = [p for p in paths if any(s == "en_mission" for s, _, _ in p)]
            if len(ends) == len(active) and ends:
                events.append(("terminee", max(*ends, started) + 0.01))
    if r["cancel_at"] < NEVER:
        events[:] = [e for e in events if e[1] < r["cancel_at"]]
        events.append(("perdue" if g.py.random() < 0.4 else "annulee", r["cancel_at"]))
    events.sort(key=lambda e: e[1])
    r["events"] = [e for e in events if e[1] < g.now]


def _proposal_events(paths: list, until: float) -> list[tuple[str, float]]:
    """"Candidats proposés" while a candidate proposed to the client is still in the running, "en recherche"
    again when the last of them leaves: the rule hyc.requests.follow_matches keeps (until the request is filled)."""
    changes = []
    for p in paths:
        proposed = next((t for s, t, _ in p if s == "proposee_client"), None)
        if proposed is None:
            continue
        changes.append((proposed, 1))
        left = next((t for s, t, _ in p if s in vocab.MATCH_EXITS), None)
        if left is not None:
            changes.append((left, -1))
    events, active = [], 0
    for t, step in sorted(changes):
        if t >= until:
            break
        active += step
        if step == 1 and active == 1:
            events.append(("candidats_proposes", t))
        elif active == 0:
            events.append(("en_recherche", t))
    return events


def _request_title(py: random.Random, mission: str, professions: list[str], specialties: list[str], n: int) -> str:
    who = vocab.PROFESSIONS.label(professions[0]).lower()
    product = py.choice(PRODUCTS)
    if specialties and len(specialties) > 1:
        who = "médecins de spécialités différentes"
    elif specialties:
        who = f"médecin en {vocab.SPECIALTIES.label(specialties[0]).lower()}"
    return {
        "conseil": f"Conseil médical : {product} ({who})",
        "atelier": f"Atelier d'idéation de {n} participants – {product}",
        "beta_test": f"Bêta-test d'une application de {product}",
        "entretiens": f"Entretiens utilisateurs ({who}) – {product}",
        "temps_partiel": "Assistant(e) du directeur médical à temps partiel, à distance",
        "stage_m2": f"Stage M2 : {product}",
        "these": f"Thèse d'exercice sur la {product}",
    }[mission]


def _request_description(py: random.Random, mission: str, org: str) -> str:
    deliverable = py.choice(DELIVERABLES)
    return f"{org} cherche un regard de terrain pour son projet de {py.choice(PRODUCTS)}. Livrable : {deliverable}."


DELIVERABLES = ("un compte rendu écrit", "une restitution orale", "des retours sur maquettes", "un protocole de test")
FEEDBACK_CAREGIVER = ("Mission intéressante, équipe à l'écoute.", "Cadre clair, paiement rapide.",
                      "Un peu plus de préparation aurait aidé.", "Très enrichissant, à refaire.")
FEEDBACK_CLIENT = ("Retours précis et directement utilisables.", "Excellente connaissance du terrain.",
                   "Disponibilité parfois limitée.", "A su vulgariser pour l'équipe produit.")
CALL_SUMMARIES = {
    "accueil_soignant": ("Présentation de Hack Your Care et du parcours d'accompagnement.",
                         "Premier échange : motivations, disponibilités, types de missions souhaités."),
    "qualification_besoin": ("Qualification du besoin : profils, calendrier et budget.",
                             "Point sur le périmètre de la mission et les livrables attendus."),
    "suivi_mission": ("Point d'étape sur la mission en cours.", "Retour sur le déroulé de la mission."),
    "mentorat": ("Échange sur le statut juridique et la facturation.", "Conseils sur le tarif journalier.",
                 "Relecture du contrat type.", "Explication des règles anti-cadeaux et de Transparence Santé."),
    "autre": ("Présentation d'une mission susceptible d'intéresser le soignant.",
              "Relance au sujet d'une proposition de mission."),
}
NEXT_ACTIONS = ("Envoyer le contrat type", "Rappeler pour confirmer les disponibilités", "Envoyer la grille de tarifs",
                "Transmettre le profil au client", "Relancer pour les pièces du dossier", "Planifier l'atelier")


# A call: (time, team member, caregiver, organisation, contact, request, kind).
Call = tuple


def _calls_and_mentoring(g: _Gen) -> None:
    """The calls of two years, then the mentoring sessions: the random draws happen in this order."""
    mentor_of = dict(zip(g.cg.id, g.cg.mentor_id, strict=True))
    request_by_id = {r["id"]: r for r in g.requests}
    calls = _welcome_calls(g, mentor_of) + _qualification_calls(g)
    follow_ups, contacts = _match_calls(g, request_by_id)
    calls = [c for c in calls + follow_ups if c[0] < g.now]
    calls += contacts[: max(g.size.calls - len(calls), 0)]
    sessions = _mentoring_sessions(g, mentor_of)
    calls += _mentoring_calls(g, mentor_of, g.size.calls - len(calls))
    calls.sort(key=lambda c: c[0])
    _build_calls(g, calls)
    _build_sessions(g, sessions)


def _welcome_calls(g: _Gen, mentor_of: dict) -> list[Call]:
    """A welcome call when each caregiver's track began, by their mentor."""
    return [(t, mentor_of[cid], cid, None, None, None, "accueil_soignant")
            for cid, done in g.onboarding_done.items() for step, t in done if step == "appel_accueil"]


def _qualification_calls(g: _Gen) -> list[Call]:
    """A qualification call when each request was qualified, by its owner with its contact."""
    calls = []
    for r in g.requests:
        qualified = next((t for s, t in r["events"] if s == "qualifiee"), None)
        if qualified is not None:
            calls.append((qualified, r["owner_id"], None, r["organisation_id"], r["contact_id"], r["id"],
                          "qualification_besoin"))
    return calls


def _match_calls(g: _Gen, request_by_id: dict) -> tuple[list[Call], list[Call]]:
    """A follow-up call a few days into each mission; and a call when each match was contacted (kept as far as
    the size allows)."""
    if not len(g.matches):
        return [], []
    events = g.match_events.merge(g.matches[["id", "request_id", "caregiver_id"]], left_on="match_id", right_on="id")
    follow_ups = []
    for row in events[events.stage == "en_mission"].itertuples():
        r = request_by_id[row.request_id]
        follow_ups.append((g.work(row.t + g.py.uniform(3, 10)), r["owner_id"], row.caregiver_id, r["organisation_id"],
                           None, r["id"], "suivi_mission"))
    contacts = [(row.t, request_by_id[row.request_id]["owner_id"], row.caregiver_id, None, None, row.request_id,
                 "autre") for row in events[events.stage == "contactee"].itertuples()]
    return follow_ups, contacts


# Mentoring sessions happen at the steps mentors help with, on these topics.
MENTORED_TOPICS = {"statut_juridique": "statut_juridique,requalification", "tarif_defini": "tarif",
                   "contrat_type_relu": "contrat,requalification",
                   "regles_deontologiques": "anti_cadeaux,transparence_sante", "formation_ia": "formation_ia"}


def _mentoring_sessions(g: _Gen, mentor_of: dict) -> list[tuple]:
    """Most of the steps mentors help with come with a session just before: (caregiver, mentor, time, topics)."""
    return [(cid, mentor_of[cid], t - 0.01, MENTORED_TOPICS[step])
            for cid, done in g.onboarding_done.items() for step, t in done
            if step in MENTORED_TOPICS and g.py.random() < 0.7]


def _mentoring_calls(g: _Gen, mentor_of: dict, room: int) -> list[Call]:
    """Mentoring calls with caregivers at random since they joined, until the size's count of calls."""
    calls: list[Call] = []
    ids = sorted(g.onboarding_done)
    while len(calls) < room and ids:
        cid = g.py.choice(ids)
        t = g.work(g.py.uniform(float(g.cg.joined.iat[cid - 1]), g.now))
        if t < g.now:
            calls.append((t, mentor_of[cid], cid, None, None, None, "mentorat"))
    return calls


def _next_action(g: _Gen, t: float) -> tuple[str | None, float, bool]:
    py = g.py
    if py.random() > 0.35:
        return None, NEVER, False
    due = math.floor(t) + py.randint(2, 14)
    done = due < g.now - 2 and py.random() < 0.93
    return py.choice(NEXT_ACTIONS), due, done


def _build_calls(g: _Gen, calls: list[tuple]) -> None:
    py = g.py
    rows = []
    for i, (t, member, cid, oid, contact, rid, kind) in enumerate(calls, start=1):
        action, due, done = _next_action(g, t)
        outcome = "a_relancer" if action else py.choices(("positif", "sans_suite", "message_laisse"), (70, 15, 15))[0]
        rows.append((i, t, int(member), cid, oid, contact, rid, kind, py.choice((5, 10, 15, 20, 30, 45)),
                     py.choice(CALL_SUMMARIES[kind]), outcome, action, due, done))
    g.calls = pd.DataFrame(rows, columns=["id", "t", "member_id", "caregiver_id", "organisation_id", "contact_id",
                                          "request_id", "kind", "duration_min", "summary", "outcome", "next_action",
                                          "due", "next_action_done"])


def _build_sessions(g: _Gen, sessions: list[tuple]) -> None:
    rows = []
    sessions.sort(key=lambda s: s[2])
    for i, (cid, mentor, t, topics) in enumerate(sessions, start=1):
        action, due, done = _next_action(g, t)
        rows.append((i, cid, int(mentor), t, topics, "Points abordés : " + topics.replace(",", ", ").replace("_", " "),
                     action, due, done))
    g.sessions = pd.DataFrame(rows, columns=["id", "caregiver_id", "mentor_id", "t", "topics", "notes", "next_action",
                                             "due", "next_action_done"])


def _finish_onboarding_and_profiles(g: _Gen) -> None:
    """Onboarding rows (with the first mission taken from the matches), then the profile fields that follow."""
    py = g.py
    first_mission = {}
    if len(g.matches):
        # One rule with the app: a first mission is done once a match is finished.
        em = g.match_events[g.match_events.stage == "terminee"].merge(
            g.matches[["id", "caregiver_id"]], left_on="match_id", right_on="id")
        first_mission = em.groupby("caregiver_id").t.min().to_dict()
    steps = vocab.ONBOARDING_STEPS.codes
    cg_ids, step_col, status_col, at_col = [], [], [], []
    legal, confirmed = [], []
    last_call = g.calls[g.calls.caregiver_id.notna()].groupby("caregiver_id").t.max().to_dict()
    for row in g.cg.itertuples():
        done = dict(g.onboarding_done[row.id])
        if row.id in first_mission:
            done["premiere_mission"] = first_mission[row.id]
        next_started = False
        for step in steps:
            cg_ids.append(row.id)
            step_col.append(step)
            if step in done:
                status_col.append("fait")
                at_col.append(done[step])
            # The draw is made for every step (the rest of the data stays the same), but "première mission faite"
            # is never under way: it follows the finished matches, done or not.
            elif (not next_started and step not in vocab.OPTIONAL_ONBOARDING_STEPS and py.random() < 0.5
                  and step not in mentoring.FOLLOWS_MATCHES):
                next_started = True
                status_col.append("en_cours")
                at_col.append(max(done.values()) + 1 if done else row.joined)
            else:
                next_started = True if step not in vocab.OPTIONAL_ONBOARDING_STEPS else next_started
                status_col.append("a_faire")
                at_col.append(math.nan)
        if "statut_juridique" in done:
            legal.append("liberal" if row.practice_setting == "liberal" else
                         py.choices(("micro_entreprise", "societe", "portage"), (60, 20, 20))[0])
        else:
            legal.append("liberal" if row.practice_setting == "liberal" else "aucun")
        # The profile was last confirmed on the latest call (or on joining); some of those are old.
        confirmed.append(last_call.get(row.id, row.joined))
    at_arr = np.array(at_col, dtype=float)
    at_arr = np.where(at_arr >= g.now, g.now - 0.01, at_arr)
    g.tables["caregiver"] = pd.DataFrame({
        **{c: g.cg[c] for c in ("id", "first_name", "last_name", "email", "phone", "postcode", "departement",
                                "region", "profession", "specialty", "practice_setting", "years_experience", "rpps",
                                "availability_days_per_month", "work_mode", "mission_types", "digital_appetite",
                                "ai_trained", "expected_day_rate")},
        "legal_status": legal,
        "cumul_status": g.cg.cumul_status,
        "consent_date": g.day(g.cg.joined),
        "consent_method": g.cg.consent_method,
        "lawful_basis": g.cg.lawful_basis,
        "profile_confirmed_on": g.day(confirmed),
        "source": g.cg.source,
        "mentor_id": g.cg.mentor_id,
        "notes": None,
        "archived": g.cg.archived,
        "created_at": g.ts(g.cg.joined),
        "updated_at": g.ts(confirmed),
        "row_version": 1,
    })
    g.tables["onboarding_step"] = pd.DataFrame({
        "id": np.arange(1, len(cg_ids) + 1),
        "caregiver_id": cg_ids,
        "step": step_col,
        "status": status_col,
        "changed_at": g.ts(at_arr),
    })
    _frames_from_the_rest(g)


def _nullable_int(values) -> pd.Series:
    return pd.Series(values, dtype="Int64")


def _frames_from_the_rest(g: _Gen) -> None:
    t = g.tables
    t["organisation"] = pd.DataFrame({
        **{c: g.org[c] for c in ("id", "name", "kind", "makes_health_products", "city", "region", "website",
                                 "notes", "archived")},
        "name_key": [organisations.name_key(name) for name in g.org["name"]],
        "created_at": g.ts(g.org.created), "updated_at": g.ts(g.org.created), "row_version": 1,
    })
    t["contact"] = pd.DataFrame({
        **{c: g.contact[c] for c in ("id", "organisation_id", "first_name", "last_name", "role", "email", "phone",
                                     "archived")},
        "created_at": g.ts(g.contact.created), "updated_at": g.ts(g.contact.created), "row_version": 1,
    })
    reqs = g.requests
    last_event = [r["events"][-1] for r in reqs]
    t["request"] = pd.DataFrame({
        **{c: [r[c] for r in reqs] for c in ("id", "organisation_id", "title", "description", "mission_type",
                                             "professions", "specialties", "headcount", "work_mode", "region",
                                             "expected_days", "budget_day_rate", "priority", "owner_id", "archived",
                                             "digital_appetites", "about_ai")},
        # The specialties named are a must, no other criterion is, and no panel is kept yet: a new request's
        # defaults.
        "specialties_required": True, "place_required": False, "appetite_required": False, "ai_required": False,
        "panel": None,
        "contact_id": _nullable_int([r["contact_id"] for r in reqs]),
        "start_date": g.day([r["start"] for r in reqs]),
        "status": [e[0] for e in last_event],
        "status_changed_at": g.ts([e[1] for e in last_event]),
        "created_at": g.ts([r["events"][0][1] for r in reqs]),
        "updated_at": g.ts([e[1] for e in last_event]),
        "row_version": 1,
    })
    events = [(r["id"], s, at, r["owner_id"]) for r in reqs for s, at in r["events"]]
    t["request_event"] = pd.DataFrame({
        "id": np.arange(1, len(events) + 1),
        "request_id": [e[0] for e in events],
        "status": [e[1] for e in events],
        "occurred_at": g.ts([e[2] for e in events]),
        "author_id": [e[3] for e in events],
    })
    m = g.matches
    if len(m):
        t["match"] = pd.DataFrame({
            **{c: m[c] for c in ("id", "request_id", "caregiver_id", "stage", "exit_reason", "conflict_checked",
                                 "convention_status", "cumul_status", "caregiver_feedback", "client_feedback")},
            "agreed_day_rate": _nullable_int(m.agreed_day_rate),
            "agreed_days": m.agreed_days.astype("float64"),
            "convention_submitted_on": g.day(m.convention_submitted_on.astype("float64")),
            "convention_decided_on": g.day(m.convention_decided_on.astype("float64")),
            "mission_start": g.day(m.mission_start.astype("float64")),
            "client_rating": _nullable_int(m.client_rating),
            "created_at": g.ts(m.created), "updated_at": g.ts(m.updated), "row_version": 1,
        })
        ev = g.match_events.sort_values(["t", "match_id"], kind="stable").reset_index(drop=True)
        t["match_event"] = pd.DataFrame({
            "id": np.arange(1, len(ev) + 1), "match_id": ev.match_id, "stage": ev.stage,
            "occurred_at": g.ts(ev.t), "author_id": ev.author_id, "reason": ev.reason,
        })
    c = g.calls
    t["call"] = pd.DataFrame({
        "id": c.id, "occurred_at": g.ts(c.t), "member_id": c.member_id,
        "caregiver_id": _nullable_int(c.caregiver_id), "organisation_id": _nullable_int(c.organisation_id),
        "contact_id": _nullable_int(c.contact_id), "request_id": _nullable_int(c.request_id),
        "kind": c.kind, "duration_min": c.duration_min, "summary": c.summary, "outcome": c.outcome,
        "next_action": c.next_action, "next_action_due": g.day(c.due.replace(NEVER, np.nan)),
        "next_action_done": c.next_action_done,
    })
    s = g.sessions
    t["mentoring_session"] = pd.DataFrame({
        "id": s.id, "caregiver_id": s.caregiver_id, "mentor_id": s.mentor_id, "occurred_at": g.ts(s.t),
        "topics": s.topics, "notes": s.notes, "next_action": s.next_action,
        "next_action_due": g.day(s.due.replace(NEVER, np.nan)), "next_action_done": s.next_action_done,
    })


# --- Loading ---------------------------------------------------------------------------------------


class StoreNotEmpty(db.StoreError):
    def __init__(self) -> None:
        super().__init__(Message("error.store_not_empty"))


LOAD_ORDER = [m.__tablename__ for m in models.DOMAIN_TABLES if m is not models.AuditEvent]


def load(engine: Engine, frames: dict[str, pd.DataFrame], *, reset: bool = False) -> dict[str, int]:
    """Bulk-insert generated frames into the store in one transaction, with one audit event."""
    counts = {name: len(frames[name]) for name in LOAD_ORDER if name in frames}
    with db.raw(engine) as con:
        def run(sql: str, params: list | None = None) -> list:
            # duckdb 2.0 wants every result fetched before the next statement on the connection.
            return con.execute(sql, params or []).fetchall()

        run("begin transaction")
        try:
            if reset:
                for name in [*LOAD_ORDER, "audit_event"]:
                    run(f'delete from "{name}"')
            elif any(run(f'select count(*) from "{n}"')[0][0] for n in LOAD_ORDER):
                raise StoreNotEmpty()
            for name in LOAD_ORDER:
                frame = frames.get(name)
                if frame is None or frame.empty:
                    continue
                con.register("demo_frame", frame)
                columns = ", ".join(f'"{c}"' for c in frame.columns)
                run(f'insert into "{name}" ({columns}) select {columns} from demo_frame')
                con.unregister("demo_frame")
                db.move_sequence_past(con, name, int(frame["id"].max()))  # keys were given by the generator
            progress.refresh(run)
            progress.refresh_spans(run)
            run("insert into audit_event (id, occurred_at, actor_id, action, entity, entity_id, before, after) "
                "values (nextval('audit_event_id_seq'), ?, null, ?, 'store', null, null, ?)",
                [models.utcnow(), db.DEMO_LOAD, json.dumps(counts)])
            run("commit")
        except BaseException:
            run("rollback")
            raise
    return counts


def build(engine: Engine, *, scale: float = 1.0, seed: int = 1, today: date | None = None,
          reset: bool = False) -> dict[str, int]:
    """Generate and load: what `python -m hyc demo` does; the demo team gets the README's passwords
    (hashed after generation: a hash has a random salt, and the data itself stays the same for a seed)."""
    counts = load(engine, generate(scale, seed, today), reset=reset)
    accounts.set_demo_passwords(engine)
    return counts
