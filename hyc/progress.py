"""What is derived from the history and kept up to date on write rather than computed again on every read.

- Where each caregiver stands on the onboarding track (table caregiver_progress), from their steps. Aggregating
  675,000 steps on every read cost 35 to 90 ms per query at fifty times the demo, several queries per page.
- When each match event ended (match_event.left_at: the match's next event), for the time spent in each stage.
  Sorting 594,000 events by match on every read of the Matches page cost 165 to 200 ms.

Both are kept by every write that changes them (mentoring.set_step and caregivers.add; matches.move: a new
match's first event has no end yet; mentoring.reconcile_first_missions for the caregivers it moves), rebuilt whole
by the bulk loads (demo, restore) and the upgrade steps that created them. `drift` and `span_drift` list what they
get wrong: the tests check both stay empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from hyc import db, vocab

_TRACK = "[" + ", ".join(f"'{c}'" for c in vocab.ONBOARDING_STEPS.codes) + "]"  # a SQL list of codes

# One row per caregiver with steps: the furthest step done (the optional AI training aside), whether they are
# ready for a mission or have done a first one, and when a step last moved.
FROM_STEPS = f"""
    select caregiver_id,
           coalesce(arg_max(step, list_position({_TRACK}, step))
                        filter (where status = 'fait' and step <> 'formation_ia'), '{vocab.NO_STAGE}') as stage,
           bool_or(step = 'pret_mission' and status = 'fait') as ready,
           bool_or(step = 'premiere_mission' and status = 'fait') as placed_once,
           max(changed_at) filter (where status <> 'a_faire') as last_progress_at
    from onboarding_step"""


def refresh(execute: Callable[[str, Any], Any], caregiver_id: int | None = None) -> None:
    """Bring the table up to date, for one caregiver or for all, inside the caller's transaction: `execute` is a
    SQLAlchemy connection's exec_driver_sql or a DuckDB connection's execute."""
    if caregiver_id is None:
        execute("delete from caregiver_progress", ())
        execute(f"insert into caregiver_progress by name {FROM_STEPS} group by caregiver_id", ())
    else:
        execute(f"insert or replace into caregiver_progress by name {FROM_STEPS} where caregiver_id = ? "
                "group by caregiver_id", (caregiver_id,))


def refresh_some(execute: Callable[[str, Any], Any], caregivers: str, params: tuple = ()) -> None:
    """Bring the table up to date for the caregivers a subquery lists (`caregivers`, with its `params`), inside the
    caller's transaction: a write that moves a step of many caregivers at once (mentoring.reconcile_first_missions).
    Each listed caregiver has steps (the write just moved one)."""
    execute(f"insert or replace into caregiver_progress by name {FROM_STEPS} where caregiver_id in ({caregivers}) "
            "group by caregiver_id", params)


# Each event's end: the match's next event (none for its current stage).
SPANS = """select id, lead(occurred_at) over (partition by match_id order by occurred_at, id) as left_at
           from match_event"""


def refresh_spans(execute: Callable[[str, Any], Any], match_id: int | None = None) -> None:
    """Bring match_event.left_at up to date, for one match or for all, inside the caller's transaction."""
    where, params = ("", ()) if match_id is None else (" where match_id = ?", (match_id,))
    execute(f"update match_event set left_at = s.left_at from ({SPANS}{where}) s "
            "where s.id = match_event.id and match_event.left_at is distinct from s.left_at", params)


def span_drift(engine: Engine) -> pd.DataFrame:
    """Events whose left_at is not their match's next event."""
    return db.read_df(engine, f"""
        select e.id, e.match_id from match_event e join ({SPANS}) s on s.id = e.id
        where e.left_at is distinct from s.left_at""")


def drift(engine: Engine) -> pd.DataFrame:
    """Caregivers whose row says other than their steps (or who have steps and no row, or a row and no steps)."""
    return db.read_df(engine, f"""
        with truth as ({FROM_STEPS} group by caregiver_id)
        select coalesce(t.caregiver_id, p.caregiver_id) as caregiver_id
        from truth t full join caregiver_progress p on p.caregiver_id = t.caregiver_id
        where t.caregiver_id is null or p.caregiver_id is null or t.stage <> p.stage or t.ready <> p.ready
           or t.placed_once <> p.placed_once or t.last_progress_at is distinct from p.last_progress_at
    """)
