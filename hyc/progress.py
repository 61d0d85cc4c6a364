"""Where each caregiver stands on the onboarding track (table caregiver_progress), derived from their steps.

Aggregating 675,000 steps again on every read cost 35 to 90 ms per query at fifty times the demo, several
queries per page; the table is kept instead by every write that changes a step (mentoring.set_step,
caregivers.add), rebuilt whole by the bulk loads (demo, restore) and the upgrade step that created it.
`drift` lists what the table gets wrong: the tests check it stays empty."""

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


def drift(engine: Engine) -> pd.DataFrame:
    """Caregivers whose row says other than their steps (or who have steps and no row, or a row and no steps)."""
    return db.read_df(engine, f"""
        with truth as ({FROM_STEPS} group by caregiver_id)
        select coalesce(t.caregiver_id, p.caregiver_id) as caregiver_id
        from truth t full join caregiver_progress p on p.caregiver_id = t.caregiver_id
        where t.caregiver_id is null or p.caregiver_id is null or t.stage <> p.stage or t.ready <> p.ready
           or t.placed_once <> p.placed_once or t.last_progress_at is distinct from p.last_progress_at
    """)
