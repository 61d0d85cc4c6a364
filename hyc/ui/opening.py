"""The reads the pages open with, at their default filters, computed when the server starts (serve.py) so that the
first visitor after a restart meets warm pages: at fifty times the demo, a cold Overview spends seconds in DuckDB.

Each page's defaults live in the page; tests/pages/test_opening.py runs every page at them after `warm` and
fails if one sends a query, so this list cannot drift from what the pages read."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import Engine

from hyc import annuaire, db, digest, i18n, merge, privacy, reads, vocab
from hyc.exchange import proposals
from hyc.filters import CaregiverFilter, RateFilter, RequestFilter
from hyc.models import PARIS
from hyc.ui import listings, store

_log = logging.getLogger(__name__)

def opening_reads(engine: Engine, today: date) -> list[tuple[Callable, tuple]]:
    """(reader, arguments) of every page's first run for a founder, a mentor's landing on their own caregivers,
    and the talent pool in each language; the Overview first, the page most people land on."""
    team = reads.admin.team(engine)
    stuck = reads.stuck.thresholds()
    since = reads.overview.period_start(next(iter(reads.overview.PERIODS)), today)
    everyone, open_requests = CaregiverFilter(), RequestFilter(statuses=vocab.OPEN_REQUEST_STATUSES)
    wanted = [
        (reads.admin.team, ()), (db.holds_demo, ()),
        # Overview
        (reads.overview.headline_trends, (today,)), (reads.mentoring.headline, (everyone, today)),
        (reads.overview.pool_growth, (since,)), (reads.overview.open_requests_by_status_and_age, (today,)),
        (reads.overview.match_funnel, (None, since)), (reads.overview.supply_demand, ()),
        (reads.overview.requests_at_risk, (today,)), (reads.mentoring.week_counts, (today,)),
        (reads.stuck.stuck_work, (today, None, stuck)),
        # Requests, Matches
        (reads.requests.request_count, (open_requests,)), (reads.requests.requests, (open_requests, today)),
        (reads.matches.active_matches_by_stage, (RequestFilter(),)),
        (reads.matches.conversion_by, (RequestFilter(), "mission_type")),
        (reads.matches.conversion_by, (RequestFilter(), "org_kind")),
        (reads.matches.stage_durations, (RequestFilter(),)), (reads.matches.exits, (RequestFilter(),)),
        # Talent pool, Mentoring, Rates, Analysis
        (reads.pool.caregiver_count, (everyone,)), (reads.pool.named, ((),)),
        *((listings.pool_list, (everyone, next(iter(reads.pool.ORDERS)), lang)) for lang in i18n.LANGUAGES),
        (reads.mentoring.week_counts, (today, None)), (reads.mentoring.step_completion, (everyone,)),
        (reads.mentoring.caregivers_per_stage, (everyone,)), (reads.mentoring.time_to_ready, (everyone,)),
        (reads.rates.rate_summary_with_expected, (RateFilter(), next(iter(reads.rates.RATE_DIMENSIONS)))),
        (reads.admin.saved_questions, ()), (reads.pivot.pivot, ("caregivers", ("profession",), everyone)),
        # Team, Audit log, Personal data, Imports
        (reads.admin.team_accounts, ()), (proposals.templates, ()),
        (reads.admin.audit_events, ((), (), today - timedelta(days=reads.admin.AUDIT_PERIODS[0] - 1), today)),
        (privacy.rewrite_pending, ()), (reads.admin.review_list, (today, privacy.retention_years())),
        (reads.admin.objection_count, ()), (annuaire.to_review, ()),
        # Possible duplicates
        (merge.caregiver_pairs, ()), (merge.organisation_pairs, ()), (merge.contact_pairs, ()),
        *((merge.set_apart_pairs, (entity,)) for entity in ("caregiver", "organisation", "contact")),
    ]
    # Each member's day, on the page they land on (hyc.ui.digest).
    wanted += [(digest.of_member, (int(member), today)) for member in team.id]
    for mentor in team.id[team.role == "mentor"]:  # a mentor lands on their own caregivers
        theirs = CaregiverFilter(mentors=(int(mentor),))
        wanted += [(reads.mentoring.headline, (theirs, today)), (reads.mentoring.week_counts, (today, int(mentor))),
                   (reads.stuck.stuck_work, (today, int(mentor), stuck)), (reads.pool.caregivers, (theirs, "name")),
                   (reads.pool.caregiver_count, (theirs,))]
    return wanted


def warm(today: date) -> int:
    """Compute the pages' opening reads at the store's current version; returns how many ran."""
    return store.warm(opening_reads(store.engine(), today))


class Warming(threading.Thread):
    """The opening reads computed in the background from the server's start: it serves visitors meanwhile (a page
    asking for a read under way waits for it rather than running it again). `done` once they are all ready."""

    def __init__(self) -> None:
        super().__init__(name="hyc-warm", daemon=True)
        self.done = threading.Event()

    def run(self) -> None:
        started = time.monotonic()
        try:
            count = warm(datetime.now(PARIS).date())
            _log.info("%d opening reads computed in %.1f s", count, time.monotonic() - started)
            self.done.set()
        except BaseException:  # st.stop included: the store could not open; the pages will say so
            _log.warning("the opening reads could not be computed", exc_info=True)
