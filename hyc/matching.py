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
from hyc.i18n import Figure, Message

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
# A rate up to this share above the budget can still be negotiated.
RATE_MARGIN = 0.2
# History: missions done count up to this many; its three pieces share the part's weight so. Reliability counts
# what predicts a no-show: requests left without an answer, and withdrawals after being retained (a plain "no,
# thank you" predicts nothing); two of them take all its points.
DONE_ENOUGH = 2
HISTORY_SHARES = {"done": 0.4, "rating": 0.3, "reliability": 0.3}
LAPSES_ENOUGH = 2
# Workshop sessions (hyc.workshops): one attended counts as this share of a mission done, towards DONE_ENOUGH; one
# missed after being invited is a lapse, like a request left unanswered.
SESSION_WEIGHT = 0.5
# A mission about AI: the digital part weighs the appetite and the AI training half and half.
AI_SHARE = 0.5

# Who is left out, in the order a caregiver is counted (each counts once, under the first that applies): the
# request's musts among them.
EXCLUSIONS = ("erased", "archived", "other_profession", "specialty", "place", "appetite", "ai", "declined",
              "on_request")
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
    verdict: compliance.Verdict | None = None  # the request's own anti-gift verdict


# --- Reading ----------------------------------------------------------------------------------------------------

# Why a caregiver `c` is left out of request `r` (null: eligible); `here` is their match on it, if any. A must
# leaves out whoever misses it (an unknown value misses it too): the specialties named (for those who hold one),
# the place (remote work for a remote mission, else the region, on site when the mission is), the digital
# appetite, the AI training.
_EXCLUDED = f"""case when c.erased_at is not null then 'erased' when c.archived then 'archived'
    when coalesce(r.professions, '') <> ''
         and not list_contains(string_split(r.professions, ','), c.profession) then 'other_profession'
    when coalesce(r.specialties_required, true) and coalesce(r.specialties, '') <> ''
         and c.profession in ({", ".join(f"'{p}'" for p in vocab.SPECIALTY_PROFESSIONS)})
         and not coalesce(list_contains(string_split(r.specialties, ','), c.specialty), false) then 'specialty'
    when r.place_required and (
         case when r.work_mode = 'distanciel' then coalesce(c.work_mode, '') not in ('distanciel', 'les_deux')
              else r.region is not null and (c.region is distinct from r.region
                                             or (r.work_mode = 'presentiel' and c.work_mode = 'distanciel')) end)
         then 'place'
    when r.appetite_required and coalesce(r.digital_appetites, '') <> ''
         and not coalesce(list_contains(string_split(r.digital_appetites, ','), c.digital_appetite), false)
         then 'appetite'
    when r.about_ai and r.ai_required and not c.ai_trained then 'ai'
    when here.stage in ('declinee_soignant', 'refusee_client') then 'declined'
    when here.stage is not null then 'on_request' end"""


_HERE = "left join match here on here.request_id = r.id and here.caregiver_id = c.id"


def request_of(engine: Engine, request_id: int) -> dict | None:
    df = db.read_df(engine, """
        select r.* replace (coalesce(r.specialties_required, true) as specialties_required,
                            coalesce(r.place_required, false) as place_required,
                            coalesce(r.appetite_required, false) as appetite_required,
                            coalesce(r.about_ai, false) as about_ai, coalesce(r.ai_required, false) as ai_required),
               o.name as organisation, o.makes_health_products
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
    return db.read_arrow_df(engine, f"""
        with {CAREGIVER_VIEW},
        retained as (select distinct match_id from match_event where stage = 'retenue'),
        past as (
            select m.caregiver_id,
                   count(*) filter (where m.stage = 'terminee') as missions_done,
                   count(*) filter (where m.stage in ('contrat_signe', 'en_mission')) as missions_running,
                   count(*) filter (where m.exit_reason = 'sans_reponse') as unanswered,
                   count(*) filter (where m.stage = 'declinee_soignant' and k.match_id is not null) as withdrawals,
                   avg(m.client_rating) as rating
            from match m left join retained k on k.match_id = m.id group by m.caregiver_id
        ),
        sessions as (  -- attendance noted after workshop sessions that took place, not cancelled (hyc.workshops)
            select m.caregiver_id, count(*) filter (where a.attended) as sessions_attended,
                   count(*) filter (where not a.attended) as sessions_missed
            from workshop_attendance a join workshop_session s on s.id = a.session_id and s.cancelled_at is null
            join match m on m.id = a.match_id group by m.caregiver_id
        )
        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.profession, c.specialty,
               c.practice_setting, c.region, c.departement, c.work_mode, c.mission_types, c.digital_appetite,
               c.availability_days_per_month as availability, c.expected_day_rate, c.cumul_status, c.ready, c.stage,
               c.ai_trained, coalesce(p.missions_done, 0) as missions_done,
               coalesce(p.missions_running, 0) as missions_running, coalesce(p.unanswered, 0) as unanswered,
               coalesce(p.withdrawals, 0) as withdrawals, p.rating,
               coalesce(w.sessions_attended, 0) as sessions_attended, coalesce(w.sessions_missed, 0) as sessions_missed
        from c cross join (select * from request where id = ?) r {_HERE}
        left join past p on p.caregiver_id = c.id left join sessions w on w.caregiver_id = c.id
        where {_EXCLUDED} is null
        order by name, c.id
    """, [request_id])


# --- Scoring: each part gives a fraction of its weight and a reason code, for every row at once ------------------

def _codes(value) -> list[str]:
    return [code for code in (value or "").split(",") if code] if isinstance(value, str) else []


def _fit(conditions: list, outcomes: list[tuple[float | np.ndarray, str]], default: tuple[float, str]):
    """The first outcome whose condition holds, row by row: (fractions, reason codes). The reasons come as a
    categorical (a few names, an integer per row): tens of thousands of strings per part cost more than the score."""
    fractions = np.select(conditions, [np.broadcast_to(f, len(conditions[0])) for f, _ in outcomes], default[0])
    return fractions.astype(float), _reasons(conditions, [code for _, code in outcomes], default[1])


def _reasons(conditions: list, codes: list[str], default: str) -> pd.Categorical:
    names = list(dict.fromkeys([*codes, default]))
    picked = np.select(conditions, [names.index(code) for code in codes], names.index(default))
    return pd.Categorical.from_codes(picked, categories=names)


def _position(values: pd.Series, order: list[str]) -> np.ndarray:
    """Each value's place in `order` (NaN when not in it), by a hash lookup rather than a map over strings."""
    found = pd.Index(order).get_indexer(values).astype(float)
    return np.where(found < 0, np.nan, found)


def _specialty(c: pd.DataFrame, r: dict):
    """A doctor's specialty, or a student's field, among those asked; an unknown one is a weak point, never full
    points. Professions that hold no specialty are not judged on it."""
    asked = _codes(r.get("specialties"))
    holds = c.profession.isin(vocab.SPECIALTY_PROFESSIONS).to_numpy()
    return _fit([np.full(len(c), not asked), ~holds, c.specialty.isin(asked).to_numpy(), c.specialty.isna().to_numpy()],
                [(1.0, "none_asked"), (1.0, "not_applicable"), (1.0, "asked"), (0.3, "unknown")], (0.0, "other"))


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
    position = _position(c.digital_appetite, order)
    distance = np.min([np.abs(position - order.index(w)) for w in wanted], axis=0)
    return _fit([np.isnan(position), distance == 0, distance == 1],
                [(0.3, "unknown"), (1.0, "wanted"), (0.5, "close")], (0.0, "far"))


def _digital(c: pd.DataFrame, r: dict, wanted: tuple[str, ...]):
    """The appetite part; for a mission about AI, half of it is the AI training."""
    fraction, reason = _appetite(c, wanted)
    if not r.get("about_ai"):
        return fraction, reason
    trained = c.ai_trained.fillna(False).to_numpy(dtype=bool)
    return (1 - AI_SHARE) * fraction + AI_SHARE * trained, reason


def _readiness(c: pd.DataFrame):
    done = np.nan_to_num(_position(c.stage, _TRACK), nan=0.0)
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


def _sessions(c: pd.DataFrame, column: str) -> np.ndarray:
    """Workshop sessions attended or missed (eligible() reads them; a pool built by hand may not say: none)."""
    return c[column].to_numpy(dtype=float) if column in c else np.zeros(len(c))


def _lapses(c: pd.DataFrame) -> np.ndarray:
    """What predicts a no-show: requests left without an answer, withdrawals after being retained, workshop sessions
    missed."""
    return (c.unanswered + c.withdrawals).to_numpy(dtype=float) + _sessions(c, "sessions_missed")


def _history(c: pd.DataFrame):
    # Missions done, a workshop session attended counting as SESSION_WEIGHT of one.
    done = np.minimum(c.missions_done.to_numpy(dtype=float) + SESSION_WEIGHT * _sessions(c, "sessions_attended"),
                      DONE_ENOUGH) / DONE_ENOUGH
    rating = c.rating.astype(float)
    # No rating yet counts as an average one: a newcomer is not a bad performer.
    rated = ((rating - 1) / 4).fillna(0.5).to_numpy()
    reliable = np.clip(1 - _lapses(c) / LAPSES_ENOUGH, 0, 1)
    fraction = (HISTORY_SHARES["done"] * done + HISTORY_SHARES["rating"] * rated
                + HISTORY_SHARES["reliability"] * reliable)
    unrated = rating.isna().to_numpy()
    return fraction, _reasons([unrated], ["unrated"], "rated")


def regimes(c: pd.DataFrame, r: dict) -> np.ndarray:
    """The anti-gift regime each candidate's agreement would fall under, at their expected rate (the budget when
    they gave none) over the request's days; "" when the organisation makes no health product."""
    if not r.get("makes_health_products"):
        return np.full(len(c), "")
    authorisation = compliance.needs_authorisation(_weighed_rate(c, r).to_numpy(), expected_days(r),
                                                   student=(c.profession == "etudiant_sante").to_numpy())
    return np.where(authorisation, "autorisation", "declaration")


def _weighed_rate(c: pd.DataFrame | pd.Series, r: dict):
    """The day rate a candidate's agreement is weighed at: their expected rate, else the budget, else nothing."""
    budget = r.get("budget_day_rate")
    fallback = 0.0 if budget is None or pd.isna(budget) else float(budget)
    if isinstance(c, pd.Series):
        return fallback if pd.isna(c.expected_day_rate) else float(c.expected_day_rate)
    return c.expected_day_rate.astype(float).fillna(fallback)


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
            "availability": _availability(c, r), "appetite": _digital(c, r, appetites), "readiness": _readiness(c),
            "rate": _rate(c, r), "load": _load(c), "history": _history(c), "calendar": _calendar(c, r, today)}
    out = c.copy()
    for name, (fraction, reason) in fits.items():
        out[f"pts_{name}"] = np.rint(np.clip(fraction, 0, 1) * PARTS[name]).astype(int)
        out[f"why_{name}"] = reason
    out["score"] = out[[f"pts_{name}" for name in PARTS]].sum(axis=1)
    out["regime"] = regimes(c, r)
    out["late"] = out.why_calendar == "too_late"
    # What a row says of compliance is only what differs from the request's own verdict (a student's thresholds, a
    # rate that crosses a threshold the budget does not): the rest is said once, about the request.
    verdict = request_verdict(r, today)
    out["own_regime"] = np.where(out.regime != (verdict.regime or "") if verdict else False, out.regime, "")
    out["lapses"] = _lapses(c)
    # The cumul a match would hold (hyc.compliance, one rule with the matches), when still to obtain.
    cumul = compliance.cumul_state(c.profession.to_numpy(dtype=object), c.practice_setting.to_numpy(dtype=object),
                                   c.cumul_status.to_numpy(dtype=object))
    out["cumul"] = np.where(np.isin(cumul, ["non_concerne", "obtenue"]), "", cumul)
    # Equal scores: the one who never went silent first, then the one ready, then by name (eligible() reads them
    # by name: a stable sort on numbers keeps that order, where sorting the names here cost a third of the score).
    order = np.lexsort((~out.ready.to_numpy(dtype=bool), out.lapses.to_numpy(), -out.score.to_numpy()))
    return out.take(order).reset_index(drop=True)


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


def wanted_appetites(r: dict) -> tuple[str, ...]:
    """The digital appetites a request wants (its own field; none: no need)."""
    return tuple(_codes(r.get("digital_appetites")))


def request_verdict(r: dict, today: date) -> compliance.Verdict | None:
    """The request's own anti-gift verdict, for its budget and days (student thresholds when it asks for students
    only)."""
    def positive(value) -> float | None:
        return None if value is None or pd.isna(value) or value <= 0 else float(value)

    return compliance.verdict(makes_health_products=bool(r.get("makes_health_products")),
                              day_rate=positive(r.get("budget_day_rate")), days=positive(r.get("expected_days")),
                              start=_start(r), today=today, student=_codes(r.get("professions")) == ["etudiant_sante"])


def rank(engine: Engine, request_id: int, today: date, appetites: tuple[str, ...] | None = None,
         narrowing: Narrowing = Narrowing()) -> Ranking | None:
    """Every caregiver who could take a request, scored, best first, with who is left out and why."""
    r = request_of(engine, request_id)
    if r is None:
        return None
    wanted = wanted_appetites(r) if appetites is None else tuple(appetites)
    scored = score(eligible(engine, request_id), r, today, wanted)
    return narrowed(Ranking(r, scored, scored, exclusions(engine, request_id), wanted, today,
                            request_verdict(r, today)), narrowing)


def narrowed(ranking: Ranking, narrowing: Narrowing) -> Ranking:
    """The same ranking with the list's filters applied (cheap: the page caches the ranking, then narrows it)."""
    return replace(ranking, rows=narrow(ranking.scored, narrowing))


# --- What a score says ------------------------------------------------------------------------------------------

def _term(terms: vocab.Vocab, code) -> object:
    return terms.term(code) if isinstance(code, str) and code in terms else "—"


def _mode(code) -> object:
    """A way of working as a sentence says it ("à distance ou sur place", not the menu's "Les deux")."""
    return Message(f"rank.mode.{code}") if isinstance(code, str) and code in vocab.CAREGIVER_WORK_MODES else "—"


def _counted(key: str, n: int) -> Message:
    """"aucune mission terminée", "1 mission terminée", "3 missions terminées": a count said as French says it."""
    return Message(f"{key}.none") if n == 0 else Message(key, n=n)


def _history_sentence(row: pd.Series) -> Message:
    rating = (Message("rank.history.rating", rating=_number(row.rating)) if not pd.isna(row.rating)
              else Message("rank.history.unrated"))
    attended, missed = int(row.get("sessions_attended", 0)), int(row.get("sessions_missed", 0))
    lapses = [_counted("rank.history.unanswered", int(row.unanswered)) if row.unanswered else None,
              _counted("rank.history.withdrawals", int(row.withdrawals)) if row.withdrawals else None,
              _counted("rank.history.sessions_missed", missed) if missed else None]
    lapses = [lapse for lapse in lapses if lapse]
    done = _counted("rank.history.done", int(row.missions_done))
    if attended:
        done = Message("rank.history.done_and_sessions", done=done,
                       sessions=_counted("rank.history.sessions_attended", attended))
    return Message("rank.history.said", done=done, rating=rating,
                   reliability=Message("rank.history.lapses", lapses=lapses) if lapses
                   else Message("rank.history.reliable"))


def parts(row: pd.Series, ranking: Ranking) -> list[Part]:
    """The parts of one candidate's score, each with its sentence: their points add up to the score."""
    r = ranking.request
    values = {
        "specialty": {"specialty": _term(vocab.SPECIALTIES, row.specialty),
                      "profession": _term(vocab.PROFESSIONS, row.profession)},
        "mission": {"mission": _term(vocab.MISSION_TYPES, r["mission_type"])},
        "place": {"region": _term(vocab.REGIONS, row.region), "mode": _mode(row.work_mode)},
        "availability": {"have": _number(row.availability), "need": _number(days_per_month(r))},
        "appetite": {"appetite": _term(vocab.DIGITAL_APPETITES, row.digital_appetite),
                     "wanted": [_term(vocab.DIGITAL_APPETITES, code) for code in ranking.appetites]},
        "readiness": {"stage": _term(vocab.CAREGIVER_STAGES, row.stage)},
        "rate": {"rate": compliance.euros(row.expected_day_rate), "budget": compliance.euros(r.get("budget_day_rate"))},
        "load": {"n": int(row.missions_running)},
        "calendar": _calendar_values(row, r),
    }
    said = {name: Message(f"rank.{name}.{row[f'why_{name}']}", **values[name]) for name in values}
    said["history"] = _history_sentence(row)
    if r.get("about_ai"):
        said["appetite"] = Message("rank.appetite.with_ai", appetite=said["appetite"],
                                   ai=Message("rank.ai.trained" if row.ai_trained else "rank.ai.untrained"))
    return [Part(name, int(row[f"pts_{name}"]), weight, said[name]) for name, weight in PARTS.items()]


def _number(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return Figure(round(float(value), 1), digits=1)


def _calendar_values(row: pd.Series, r: dict) -> dict:
    start = _start(r)
    if not row.regime or start is None:
        return {}
    return {"regime": Message(f"rank.regime.{row.regime}"),
            "date": f"{compliance.latest_filing(row.regime, start):%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"}


def warnings(row: pd.Series, r: dict) -> list[Message]:
    """The compliance friction this candidate would bring beyond the request's own verdict: a regime of their own
    (a student's thresholds, their rate crossing a threshold the budget does not) and whether the Ordre can still
    be asked in time for it, and a public-hospital doctor's cumul authorisation still to obtain."""
    said = []
    if row.own_regime:
        values = _calendar_values(row, r) or {"regime": Message(f"rank.regime.{row.regime}")}
        key = "late" if row.late else ("dated" if "date" in values else "undated")
        student = row.profession == "etudiant_sante"
        if row.regime == "autorisation":  # which threshold, with its figures
            values["crossed"] = compliance.crossing_sentences(_weighed_rate(row, r), expected_days(r),
                                                              student=student)
        said.append(Message(f"rank.warn.{row.regime}_{key}{'_student' if student else ''}", **values))
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
    """A proposed panel (`members`: candidate ids, in the order they took a seat); the specialties asked that it
    could not cover, each with why: "seats" (fewer seats than specialties), "filters" (eligible people exist but
    the list's filters leave them out), "none" (no eligible caregiver of it); and the specialties that hold more
    than one seat, each with why: "asked" (the request's specialties are a must, and fewer than its seats),
    "filters" (the list's filters leave the other specialties out), "pool" (too few specialties among the
    eligible)."""

    members: list[int]
    uncovered: dict[str, str] = field(default_factory=dict)
    shared: dict[str, str] = field(default_factory=dict)


def _diverse_pick(candidates: pd.DataFrame, regions: set, settings: set) -> int:
    """The best of `candidates` (best first), or one within TIE_MARGIN of it from a new region, else a new setting."""
    best = candidates.score.iloc[0]
    close = candidates[candidates.score >= best - TIE_MARGIN]
    fresh = (~close.region.isin(regions)).astype(int) * 2 + (~close.practice_setting.isin(settings)).astype(int)
    return int(close.id.iloc[int(np.argmax(fresh.to_numpy()))])


def panel(ranking: Ranking, size: int | None = None) -> Panel:
    """The best set of `size` (the request's headcount) candidates, spread over as many specialties as the list
    allows: each named specialty gets one seat first, then the seats go round the specialties (named or not) in
    the order of their best candidate's score, one each per round, so that no specialty takes a second seat while
    another in the list has none. Ties within TIE_MARGIN go to new regions and practice settings."""
    rows = ranking.rows
    size = size or int(ranking.request.get("headcount") or 1)
    groups = group_of(rows)
    asked = _codes(ranking.request.get("specialties"))
    # Rows are best first: the order in which each group first appears is the order of its best candidate.
    order = {group: i for i, group in enumerate(dict.fromkeys(groups))}
    members: list[int] = []
    seats: dict[str, int] = {}
    regions: set = set()
    settings: set = set()
    while len(members) < size:
        free = ~rows.id.isin(members).to_numpy()
        if not free.any():
            break
        # The group to seat next: the fewest seats so far; among groups still without one, the named first.
        group = min(set(groups[free]), key=lambda g: (seats.get(g, 0), seats.get(g, 0) == 0 and g not in asked,
                                                     order[g]))
        chosen = _diverse_pick(rows[free & (groups == group).to_numpy()], regions, settings)
        member = rows[rows.id == chosen].iloc[0]
        members.append(chosen)
        seats[group] = seats.get(group, 0) + 1
        regions.add(member.region)
        settings.add(member.practice_setting)
    return notes(ranking, members)


def notes(ranking: Ranking, members: list[int]) -> Panel:
    """A panel's members with what it says: the specialties asked it leaves uncovered, those sharing seats."""
    groups = group_of(ranking.rows)
    seats = coverage(ranking, members)
    return Panel(members, _uncovered(ranking, groups, set(seats), _codes(ranking.request.get("specialties"))),
                 _shared(ranking, groups, seats))


def _uncovered(ranking: Ranking, groups: pd.Series, covered: set, asked: list[str]) -> dict[str, str]:
    eligible_groups = set(group_of(ranking.scored))
    return {specialty: ("seats" if specialty in set(groups) else "filters" if specialty in eligible_groups
                        else "none")
            for specialty in asked if specialty not in covered}


def _shared(ranking: Ranking, groups: pd.Series, seats: dict[str, int]) -> dict[str, str]:
    """The specialties holding several seats, and why the panel could not spread further."""
    r = ranking.request
    must = bool(r.get("specialties_required", True)) and bool(_codes(r.get("specialties")))
    why = ("asked" if must else "filters" if group_of(ranking.scored).nunique() > groups.nunique() else "pool")
    return {group: why for group, n in seats.items() if n > 1}


def coverage(ranking: Ranking, members: list[int]) -> dict[str, int]:
    """Seats per specialty (or profession) of a panel, in seat order."""
    rows = ranking.scored.set_index("id").loc[members].reset_index()
    return dict(group_of(rows).value_counts(sort=False))


def swap(ranking: Ranking, members: list[int], leaving: int, coming: int) -> tuple[list[int], dict[str, int]]:
    """The panel with `leaving` replaced by `coming` (anyone eligible, of any specialty), in the same seat, and what
    the change does to its coverage: seats gained (+1) or lost (-1) per specialty."""
    if leaving not in members or coming in members or not (ranking.scored.id == coming).any():
        raise ValueError("a swap takes a member out and someone eligible off the panel in")
    after = [coming if member == leaving else member for member in members]
    before_seats, after_seats = coverage(ranking, members), coverage(ranking, after)
    changed = {group: after_seats.get(group, 0) - before_seats.get(group, 0)
               for group in dict.fromkeys([*before_seats, *after_seats])}
    return after, {group: n for group, n in changed.items() if n}


def kept_panel(ranking: Ranking) -> list[int] | None:
    """The panel kept with the request, as far as its members are still eligible (None when none is kept)."""
    kept = [int(i) for i in _codes(ranking.request.get("panel"))]
    still = [i for i in kept if (ranking.scored.id == i).any()]
    return still or None
