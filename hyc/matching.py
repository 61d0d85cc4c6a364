"""Candidates for a request, ranked: every caregiver who could take it gets a score from 0 to 100 made of named
parts, each with its points and a sentence; the compliance friction each would bring; who is left out, counted;
panels of distinct specialties.

The score is computed for every eligible caregiver at once (vectorised pandas): each part gives a fraction of its
weight and a reason code, the points are rounded per part, and the score is the sum of the points shown, so that
anyone can recompute it. Sentences are written only for the rows a person reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from hyc import compliance, db, vocab
from hyc.filters import CAREGIVER_VIEW
from hyc.i18n import Message

# --- Weights: the points each part can give; they add up to 100 -------------------------------------------------
# The profession is a gate (another profession is left out), so the clinical fit left to weigh is the specialty:
# the first thing a client asks for, with availability the most common reason a placement fails.
SPECIALTY = 15
AVAILABILITY = 15
# People say yes to the missions they asked for, where and how they like to work.
MISSION = 10
PLACE = 10
# A beta test with a reluctant user, or a workshop of "médecins-codeurs" for future users, misses its point.
APPETITE = 10
# Someone through the track (status, rate, contract, ethics rules) can sign without weeks of mentoring first.
READINESS = 10
# A rate far above the client's budget ends at "tarif trop élevé".
RATE = 10
# The past says who shows up and does well: missions done, client ratings, requests declined.
HISTORY = 10
# Someone already on two missions has less time: it matters, but less than fit.
LOAD = 5
# Compliance friction that cannot be cleared before the start date (the declaration deadline or the two-month
# authorisation already passed) delays the mission: the rest of the friction is shown as warnings only.
CALENDAR = 5

PARTS = {"specialty": SPECIALTY, "mission": MISSION, "place": PLACE, "availability": AVAILABILITY,
         "appetite": APPETITE, "readiness": READINESS, "rate": RATE, "load": LOAD, "history": HISTORY,
         "calendar": CALENDAR}
assert sum(PARTS.values()) == 100

# How many months a mission of each type usually spans: the days a request expects are spread over them to compare
# with a caregiver's days per month.
TYPICAL_MONTHS = {"conseil": 2, "atelier": 1, "beta_test": 1, "entretiens": 1, "temps_partiel": 6, "stage_m2": 6,
                  "these": 6}
# The digital appetite each mission type usually wants (none: it does not matter). A brainstorming or interviews
# for future users want people neither hostile nor expert: "prudent" or "à l'aise".
WANTED_APPETITES = {"beta_test": ("a_l_aise", "expert"), "atelier": ("prudent", "a_l_aise"),
                    "entretiens": ("prudent", "a_l_aise"), "temps_partiel": ("a_l_aise", "expert"),
                    "stage_m2": ("a_l_aise", "expert"), "conseil": (), "these": ()}
# A rate up to this share above the budget can still be negotiated.
RATE_MARGIN = 0.2
# History: missions done count up to this many; its three pieces share the part's weight so.
DONE_ENOUGH = 2
HISTORY_SHARES = {"done": 0.4, "rating": 0.3, "declines": 0.3}

# Who is left out, in the order a caregiver is counted (each counts once, under the first that applies).
EXCLUSIONS = ("erased", "archived", "other_profession", "declined", "on_request")
# Mission types a panel is for, and the most candidates proposed in one action.
PANEL_MISSIONS = ("atelier", "entretiens")
# Caregivers on the track, in order, up to "ready": readiness is the share of it done.
_TRACK = [code for code in vocab.CAREGIVER_STAGES.codes]
_READY_AT = _TRACK.index("pret_mission")


@dataclass(frozen=True)
class Narrowing:
    """The filters on the ranked list: they narrow what is shown, they leave no one out of the counts."""

    regions: tuple[str, ...] = ()
    remote: bool = False
    ready_only: bool = False
    min_availability: int = 0


@dataclass(frozen=True)
class Part:
    """One part of a score: its name, its points out of its weight, and what it says."""

    name: str
    points: int
    weight: int
    sentence: Message


@dataclass
class Ranking:
    """A request's candidates: `scored` every eligible one, best first; `rows` those the narrowing keeps."""

    request: dict
    scored: pd.DataFrame
    rows: pd.DataFrame
    excluded: dict[str, int]
    appetites: tuple[str, ...]
    today: date


# --- Reading ----------------------------------------------------------------------------------------------------

# Why a caregiver `c` is left out of request `r` (null: eligible); `here` is their match on it, if any.
_EXCLUDED = """case when c.erased_at is not null then 'erased' when c.archived then 'archived'
                     when coalesce(r.professions, '') <> ''
                          and not list_contains(string_split(r.professions, ','), c.profession) then 'other_profession'
                     when here.stage in ('declinee_soignant', 'refusee_client') then 'declined'
                     when here.stage is not null then 'on_request' end"""


_HERE = "left join match here on here.request_id = r.id and here.caregiver_id = c.id"


def request_of(engine: Engine, request_id: int) -> dict | None:
    df = db.read_df(engine, """
        select r.*, o.name as organisation, o.makes_health_products
        from request r join organisation o on o.id = r.organisation_id where r.id = ?
    """, [request_id])
    return None if df.empty else df.iloc[0].to_dict()


def exclusions(engine: Engine, request_id: int) -> dict[str, int]:
    """How many caregivers are left out of a request, for each reason."""
    df = db.read_df(engine, f"""
        select {_EXCLUDED} as why, count(*) as n
        from caregiver c cross join (select * from request where id = ?) r {_HERE}
        group by why
    """, [request_id])
    counts = dict(zip(df.why, df.n, strict=True))
    return {why: int(counts.get(why, 0)) for why in EXCLUSIONS}


def eligible(engine: Engine, request_id: int) -> pd.DataFrame:
    """The caregivers who could take a request, with what the score weighs."""
    return db.read_df(engine, f"""
        with {CAREGIVER_VIEW},
        past as (
            select caregiver_id,
                   count(*) filter (where stage = 'terminee') as missions_done,
                   count(*) filter (where stage in ('contrat_signe', 'en_mission')) as missions_running,
                   count(*) filter (where stage = 'declinee_soignant') as declines,
                   avg(client_rating) as rating
            from match group by caregiver_id
        )
        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.profession, c.specialty,
               c.practice_setting, c.region, c.departement, c.work_mode, c.mission_types, c.digital_appetite,
               c.availability_days_per_month as availability, c.expected_day_rate, c.cumul_status, c.ready, c.stage,
               coalesce(p.missions_done, 0) as missions_done, coalesce(p.missions_running, 0) as missions_running,
               coalesce(p.declines, 0) as declines, p.rating
        from c cross join (select * from request where id = ?) r {_HERE}
        left join past p on p.caregiver_id = c.id
        where {_EXCLUDED} is null
    """, [request_id])


# --- Scoring: each part gives a fraction of its weight and a reason code, for every row at once ------------------

def _codes(value) -> list[str]:
    return [code for code in (value or "").split(",") if code] if isinstance(value, str) else []


def _fit(conditions: list, outcomes: list[tuple[float | np.ndarray, str]], default: tuple[float, str]):
    """The first outcome whose condition holds, row by row: (fractions, reason codes)."""
    fractions = np.select(conditions, [np.broadcast_to(f, len(conditions[0])) for f, _ in outcomes], default[0])
    reasons = np.select(conditions, [code for _, code in outcomes], default[1])
    return fractions.astype(float), reasons


def _specialty(c: pd.DataFrame, r: dict):
    asked = _codes(r.get("specialties"))
    n = len(c)
    return _fit([np.full(n, not asked), (c.profession != "medecin").to_numpy(), c.specialty.isin(asked).to_numpy()],
                [(1.0, "none_asked"), (1.0, "not_doctor"), (1.0, "asked")], (0.0, "other"))


def _mission(c: pd.DataFrame, r: dict):
    wanted = c.mission_types.fillna("")
    # Codes are comma-separated: framed by commas, a code is found whole, never as a part of another.
    wants = ("," + wanted + ",").str.contains(f",{r['mission_type']},", regex=False).to_numpy(dtype=bool)
    return _fit([wants, (wanted == "").to_numpy()], [(1.0, "wanted"), (0.5, "unknown")], (0.0, "other"))


def _place(c: pd.DataFrame, r: dict):
    """Remote fit for a remote mission; else the region (a request with no region takes anyone), with an unknown way
    of working read as "could come on site"."""
    mode = c.work_mode
    remote = mode.isin(["distanciel", "les_deux"]).to_numpy()
    onsite_or_unknown = (mode.isin(["presentiel", "les_deux"]) | mode.isna()).to_numpy()
    if r.get("work_mode") == "distanciel":
        return _fit([remote, mode.isna().to_numpy()], [(1.0, "remote_fit"), (0.5, "mode_unknown")],
                    (0.2, "onsite_only"))
    asked = r.get("region")
    near = (c.region == asked).to_numpy() if asked else np.ones(len(c), bool)
    unplaced = c.region.isna().to_numpy() if asked else np.zeros(len(c), bool)
    here = "same_region" if asked else "no_region"
    if r.get("work_mode") == "presentiel":
        return _fit([unplaced, near & onsite_or_unknown, near, onsite_or_unknown],
                    [(0.5, "region_unknown"), (1.0, here), (0.5, "remote_only"), (0.2, "other_region")],
                    (0.0, "far_remote_only"))
    # Hybrid (or not said): the region first, else someone who can work remotely.
    return _fit([unplaced, near, remote], [(0.5, "region_unknown"), (1.0, here), (0.6, "remote_fit")],
                (0.0, "other_region"))


def days_per_month(r: dict) -> float:
    """What a request asks of a caregiver's month: its expected days over the usual length of its mission type."""
    return max(0.5, expected_days(r) / TYPICAL_MONTHS.get(r["mission_type"], 1))


def expected_days(r: dict) -> float:
    """The days a request expects; one when it does not say (none, or 0): the least a mission can be."""
    days = r.get("expected_days")
    return float(days) if days is not None and not pd.isna(days) and days > 0 else 1.0


def _availability(c: pd.DataFrame, r: dict):
    need = days_per_month(r)
    have = c.availability.astype(float)
    share = np.clip(have.fillna(0).to_numpy() / need, 0, 1)
    return _fit([have.isna().to_numpy(), share >= 1], [(0.3, "unknown"), (1.0, "enough")], (share, "short"))


def _appetite(c: pd.DataFrame, wanted: tuple[str, ...]):
    if not wanted:
        return _fit([np.ones(len(c), bool)], [(1.0, "no_need")], (1.0, "no_need"))
    order = vocab.DIGITAL_APPETITES.codes
    position = c.digital_appetite.map({code: i for i, code in enumerate(order)})
    distance = np.min([np.abs(position.to_numpy(dtype=float) - order.index(w)) for w in wanted], axis=0)
    return _fit([position.isna().to_numpy(), distance == 0, distance == 1],
                [(0.3, "unknown"), (1.0, "wanted"), (0.5, "close")], (0.0, "far"))


def _readiness(c: pd.DataFrame):
    done = c.stage.map({code: i for i, code in enumerate(_TRACK)}).fillna(0).to_numpy(dtype=float)
    # A first mission done counts as ready, whatever the step said.
    ready = c.ready.to_numpy(dtype=bool) | (done >= _READY_AT)
    return _fit([ready, done == 0], [(1.0, "ready"), (0.0, "not_started")],
                (np.clip(done / _READY_AT, 0, 1), "on_track"))


def _rate(c: pd.DataFrame, r: dict):
    budget = r.get("budget_day_rate")
    expected = c.expected_day_rate.astype(float)
    if budget is None or pd.isna(budget):
        return _fit([np.ones(len(c), bool)], [(1.0, "no_budget")], (1.0, "no_budget"))
    return _fit([expected.isna().to_numpy(), (expected <= budget).to_numpy(),
                 (expected <= budget * (1 + RATE_MARGIN)).to_numpy()],
                [(0.5, "unknown"), (1.0, "within"), (0.5, "slightly_above")], (0.0, "above"))


def _load(c: pd.DataFrame):
    running = c.missions_running.to_numpy()
    return _fit([running == 0, running == 1], [(1.0, "free"), (0.5, "one")], (0.0, "busy"))


def _history(c: pd.DataFrame):
    done = np.minimum(c.missions_done.to_numpy(dtype=float), DONE_ENOUGH) / DONE_ENOUGH
    rating = c.rating.astype(float)
    # No rating yet counts as an average one: a newcomer is not a bad performer.
    rated = ((rating - 1) / 4).fillna(0.5).to_numpy()
    declines = np.clip(1 - c.declines.to_numpy(dtype=float) / 2, 0, 1)
    fraction = (HISTORY_SHARES["done"] * done + HISTORY_SHARES["rating"] * rated
                + HISTORY_SHARES["declines"] * declines)
    return fraction, np.where(rating.isna().to_numpy(), "unrated", "rated")


def regimes(c: pd.DataFrame, r: dict) -> np.ndarray:
    """The anti-gift regime each candidate's agreement would fall under, at their expected rate (the budget when
    they gave none) over the request's days; "" when the organisation makes no health product."""
    if not r.get("makes_health_products"):
        return np.full(len(c), "")
    rate = c.expected_day_rate.astype(float).fillna(float(r["budget_day_rate"] or 0)
                                                    if not pd.isna(r.get("budget_day_rate")) else 0.0)
    authorisation = compliance.needs_authorisation(rate.to_numpy(), expected_days(r),
                                                   student=(c.profession == "etudiant_sante").to_numpy())
    return np.where(authorisation, "autorisation", "declaration")


def _start(r: dict) -> date | None:
    start = r.get("start_date")
    return None if start is None or pd.isna(start) else pd.Timestamp(start).date()


def in_time(regime: str, r: dict, today: date) -> bool:
    """Whether the Ordre can still be asked in time for the request's start date under this regime."""
    start = _start(r)
    return start is None or today <= compliance.latest_filing(regime, start)


def _calendar(c: pd.DataFrame, r: dict, today: date):
    regime = regimes(c, r)
    if not r.get("makes_health_products") or _start(r) is None:
        return _fit([np.ones(len(c), bool)], [(1.0, "no_step")], (1.0, "no_step"))
    late = np.array([not in_time(kind, r, today) for kind in ("declaration", "autorisation")])
    too_late = np.where(regime == "autorisation", late[1], late[0])
    return _fit([too_late], [(0.0, "too_late")], (1.0, "in_time"))


def score(c: pd.DataFrame, r: dict, today: date, appetites: tuple[str, ...]) -> pd.DataFrame:
    """The candidates with their points per part (`pts_<part>`), reason codes (`why_<part>`), their score and
    compliance friction (`regime`, `late`, `cumul`), best first."""
    c = c.reset_index(drop=True)
    fits = {"specialty": _specialty(c, r), "mission": _mission(c, r), "place": _place(c, r),
            "availability": _availability(c, r), "appetite": _appetite(c, appetites), "readiness": _readiness(c),
            "rate": _rate(c, r), "load": _load(c), "history": _history(c), "calendar": _calendar(c, r, today)}
    out = c.copy()
    for name, (fraction, reason) in fits.items():
        out[f"pts_{name}"] = np.rint(np.clip(fraction, 0, 1) * PARTS[name]).astype(int)
        out[f"why_{name}"] = reason
    out["score"] = out[[f"pts_{name}" for name in PARTS]].sum(axis=1)
    out["regime"] = regimes(c, r)
    out["late"] = out.why_calendar == "too_late"
    needs_cumul = compliance.cumul_applies(c.profession, c.practice_setting) & (c.cumul_status != "obtenue")
    # A status other than "asked" or "refused" (none, or "not concerned" on a public-hospital doctor) means to ask.
    asked = np.where(c.cumul_status.isin(["demandee", "refusee"]), c.cumul_status, "a_demander")
    out["cumul"] = np.where(needs_cumul, asked, "")
    return out.sort_values(["score", "ready", "name", "id"], ascending=[False, False, True, True],
                           kind="stable").reset_index(drop=True)


def narrow(scored: pd.DataFrame, n: Narrowing) -> pd.DataFrame:
    keep = np.ones(len(scored), bool)
    if n.regions:
        keep &= scored.region.isin(n.regions).to_numpy()
    if n.remote:
        keep &= scored.work_mode.isin(["distanciel", "les_deux"]).to_numpy()
    if n.ready_only:
        keep &= scored.ready.to_numpy(dtype=bool)
    if n.min_availability:
        keep &= (scored.availability.fillna(0) >= n.min_availability).to_numpy()
    return scored[keep].reset_index(drop=True)


def wanted_appetites(mission_type: str) -> tuple[str, ...]:
    return WANTED_APPETITES.get(mission_type, ())


def rank(engine: Engine, request_id: int, today: date, appetites: tuple[str, ...] | None = None,
         narrowing: Narrowing = Narrowing()) -> Ranking | None:
    """Every caregiver who could take a request, scored, best first, with who is left out and why."""
    r = request_of(engine, request_id)
    if r is None:
        return None
    wanted = wanted_appetites(r["mission_type"]) if appetites is None else tuple(appetites)
    scored = score(eligible(engine, request_id), r, today, wanted)
    return narrowed(Ranking(r, scored, scored, exclusions(engine, request_id), wanted, today), narrowing)


def narrowed(ranking: Ranking, narrowing: Narrowing) -> Ranking:
    """The same ranking with the list's filters applied (cheap: the page caches the ranking, then narrows it)."""
    return replace(ranking, rows=narrow(ranking.scored, narrowing))


# --- What a score says ------------------------------------------------------------------------------------------

def _term(terms: vocab.Vocab, code) -> object:
    return terms.term(code) if isinstance(code, str) and code in terms else "—"


def parts(row: pd.Series, ranking: Ranking) -> list[Part]:
    """The parts of one candidate's score, each with its sentence: their points add up to the score."""
    r = ranking.request
    values = {
        "specialty": {"specialty": _term(vocab.SPECIALTIES, row.specialty),
                      "profession": _term(vocab.PROFESSIONS, row.profession)},
        "mission": {"mission": _term(vocab.MISSION_TYPES, r["mission_type"])},
        "place": {"region": _term(vocab.REGIONS, row.region), "mode": _term(vocab.CAREGIVER_WORK_MODES,
                                                                            row.work_mode)},
        "availability": {"have": _number(row.availability), "need": _number(days_per_month(r))},
        "appetite": {"appetite": _term(vocab.DIGITAL_APPETITES, row.digital_appetite),
                     "wanted": [_term(vocab.DIGITAL_APPETITES, code) for code in ranking.appetites]},
        "readiness": {"stage": _term(vocab.CAREGIVER_STAGES, row.stage)},
        "rate": {"rate": _euros(row.expected_day_rate), "budget": _euros(r.get("budget_day_rate"))},
        "load": {"n": int(row.missions_running)},
        "history": {"n": int(row.missions_done), "rating": _number(row.rating), "declines": int(row.declines)},
        "calendar": _calendar_values(row, r),
    }
    return [Part(name, int(row[f"pts_{name}"]), weight, Message(f"rank.{name}.{row[f'why_{name}']}", **values[name]))
            for name, weight in PARTS.items()]


def _number(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{float(value):.1f}".replace(".", ",").removesuffix(",0")


def _euros(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,} €".replace(",", "\u202f")


def _calendar_values(row: pd.Series, r: dict) -> dict:
    start = _start(r)
    if not row.regime or start is None:
        return {}
    return {"regime": Message(f"rank.regime.{row.regime}"),
            "date": f"{compliance.latest_filing(row.regime, start):%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"}


def warnings(row: pd.Series, r: dict) -> list[Message]:
    """The compliance friction this candidate would bring: the anti-gift regime (and whether the Ordre can still be
    asked in time), and a public-hospital doctor's cumul authorisation still to obtain."""
    said = []
    if row.regime:
        values = _calendar_values(row, r) or {"regime": Message(f"rank.regime.{row.regime}")}
        key = "late" if row.late else ("dated" if "date" in values else "undated")
        student = "_student" if row.profession == "etudiant_sante" else ""
        said.append(Message(f"rank.warn.{row.regime}_{key}{student}", **values))
    if row.cumul:
        said.append(Message(f"rank.warn.cumul_{row.cumul}"))
    return said


def weak_parts(rows: pd.DataFrame) -> pd.Series:
    """Per row, the parts that gave less than half their weight, as comma-separated part names (in PARTS order)."""
    weak = pd.Series("", index=rows.index)
    for name, weight in PARTS.items():
        below = rows[f"pts_{name}"] < weight / 2
        weak = weak.where(~below, weak + np.where(weak == "", "", ",") + name)
    return weak


def exclusion_sentences(excluded: dict[str, int]) -> list[Message]:
    return [Message(f"rank.excluded.{why}", n=n) for why, n in excluded.items() if n]


# --- Panels -----------------------------------------------------------------------------------------------------

# Within this many points of the best of a specialty, a new region or practice setting wins the seat.
TIE_MARGIN = 3


def panel_applies(r: dict) -> bool:
    return int(r.get("headcount") or 1) > 1 and r["mission_type"] in PANEL_MISSIONS


def group_of(rows: pd.DataFrame) -> pd.Series:
    """What a panel spreads over: a doctor's specialty, else the profession."""
    return rows.specialty.where(rows.specialty.notna() & (rows.profession == "medecin"), rows.profession)


@dataclass
class Panel:
    """A proposed panel (`members`: candidate ids, in the order they took a seat) and the specialties asked that it
    could not cover, each with why: "seats" (fewer seats than specialties), "filters" (eligible people exist but
    the list's filters leave them out), "none" (no eligible caregiver of it)."""

    members: list[int]
    uncovered: dict[str, str] = field(default_factory=dict)


def _diverse_pick(candidates: pd.DataFrame, regions: set, settings: set) -> int:
    """The best of `candidates` (best first), or one within TIE_MARGIN of it from a new region, else a new setting."""
    best = candidates.score.iloc[0]
    close = candidates[candidates.score >= best - TIE_MARGIN]
    fresh = (~close.region.isin(regions)).astype(int) * 2 + (~close.practice_setting.isin(settings)).astype(int)
    return int(close.id.iloc[int(np.argmax(fresh.to_numpy()))])


def panel(ranking: Ranking, size: int | None = None) -> Panel:
    """The best set of `size` (the request's headcount) candidates covering as many distinct specialties as the
    list allows. When the request names specialties, its seats go to them: one per specialty asked, then more of
    them; only when they run out do other specialties come in. Each round takes the specialties in the order of
    their best candidate's score, one seat each, then the next best; ties go to new regions and practice
    settings."""
    rows = ranking.rows
    size = size or int(ranking.request.get("headcount") or 1)
    groups = group_of(rows)
    members: list[int] = []
    regions: set = set()
    settings: set = set()

    def seat(candidates: pd.DataFrame) -> None:
        chosen = _diverse_pick(candidates, regions, settings)
        member = rows[rows.id == chosen].iloc[0]
        members.append(chosen)
        regions.add(member.region)
        settings.add(member.practice_setting)

    def spread(among: pd.Series) -> None:
        """Seats for the rows `among` keeps: one per specialty not seated yet (rows are best first), then more."""
        seated = set(groups[rows.id.isin(members)])
        for group in dict.fromkeys(groups[among]):
            if len(members) < size and group not in seated:
                seat(rows[groups == group])
        while len(members) < size and (free := rows[among & ~rows.id.isin(members)]).size:
            seat(free)

    asked = _codes(ranking.request.get("specialties"))
    if asked:
        spread(groups.isin(asked))
    spread(pd.Series(True, index=rows.index))
    covered = set(groups[rows.id.isin(members)])
    eligible_groups = set(group_of(ranking.scored))
    uncovered = {}
    for specialty in asked:
        if specialty in covered:
            continue
        uncovered[specialty] = ("seats" if specialty in set(groups) else
                                "filters" if specialty in eligible_groups else "none")
    return Panel(members, uncovered)


def swap(ranking: Ranking, members: list[int], leaving: int) -> list[int] | None:
    """The panel with `leaving` replaced by the next best candidate of the same specialty (below them in the list)
    who is not on it yet; None when there is no one left."""
    rows = ranking.rows
    groups = group_of(rows)
    position = rows.index[rows.id == leaving]
    if not len(position):
        return None
    after = rows.index > position[0]
    same = groups == groups.iloc[position[0]]
    nxt = rows[after & same & ~rows.id.isin(members)]
    if nxt.empty:
        return None
    return [int(nxt.id.iloc[0]) if member == leaving else member for member in members]
