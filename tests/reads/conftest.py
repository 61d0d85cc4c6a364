"""What the read tests share: the demo store's tables read without hyc.reads, and pandas versions of the views."""

from datetime import timedelta

import pandas as pd
import pytest

from hyc import db, schema, vocab
from hyc.filters import CaregiverFilter
from tests.conftest import TODAY

END = pd.Timestamp(TODAY + timedelta(days=1))


@pytest.fixture(scope="module")
def t(demo_url):
    """Every table of the demo store as a DataFrame, read without hyc.reads."""
    engine = schema.open_store(demo_url)
    with db.raw(engine) as con:
        frames = {name: con.execute(f'select * from "{name}"').df() for name in db.table_counts(engine)}
    engine.dispose()
    return frames


def frame(demo_engine, name):
    """A whole table, read without hyc.reads."""
    with db.raw(demo_engine) as con:
        return con.execute(f'select * from "{name}"').df()


def stages_of(t) -> pd.DataFrame:
    """Per caregiver: last step done on the track, readiness, last progress (pandas)."""
    steps = t["onboarding_step"]
    rank = {s: i for i, s in enumerate(vocab.ONBOARDING_STEPS.codes)}
    done = steps[(steps.status == "fait") & (steps.step != "formation_ia")].copy()
    done["rank"] = done.step.map(rank)
    last = done.sort_values("rank").groupby("caregiver_id").step.last()
    ready = steps[(steps.step == "pret_mission") & (steps.status == "fait")].caregiver_id
    progress = steps[steps.status != "a_faire"].groupby("caregiver_id").changed_at.max()
    cg = t["caregiver"].set_index("id")
    cg["stage"] = last.reindex(cg.index).fillna(vocab.NO_STAGE)
    cg["ready"] = cg.index.isin(ready)
    cg["last_progress_at"] = progress.reindex(cg.index)
    return cg


def caregiver_filter_pandas(cg: pd.DataFrame, f: CaregiverFilter) -> pd.DataFrame:
    keep = ~cg.archived
    if f.professions:
        keep &= cg.profession.isin(f.professions)
    if f.regions:
        keep &= cg.region.isin(f.regions)
    if f.stages:
        keep &= cg.stage.isin(f.stages)
    if f.work_modes:
        keep &= cg.work_mode.isin([*f.work_modes, "les_deux"])
    if f.min_availability:
        keep &= cg.availability_days_per_month >= f.min_availability
    if f.mentors:
        keep &= cg.mentor_id.isin(f.mentors)
    if f.mission_types:
        keep &= cg.mission_types.fillna("").str.split(",").map(lambda codes: bool(set(codes) & set(f.mission_types)))
    if f.ready_only:
        keep &= cg.ready
    if f.max_rate:
        keep &= cg.expected_day_rate.notna() & (cg.expected_day_rate <= f.max_rate)
    return cg[keep]
