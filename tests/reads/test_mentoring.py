"""The Mentoring page's readers and next actions (hyc.reads.mentoring): each figure equals the same figure
computed independently with pandas over the raw tables."""

import pandas as pd
import pytest

from hyc import reads
from hyc.filters import CaregiverFilter
from tests.conftest import TODAY
from tests.reads.conftest import stages_of


def test_everyone_s_overdue_actions(t, demo_engine):
    week = reads.mentoring.week(demo_engine, TODAY)
    got = week[week.part == "overdue"]
    calls, sessions = t["call"], t["mentoring_session"]
    late = lambda df: df[df.next_action.notna() & ~df.next_action_done  # noqa: E731
                         & (df.next_action_due < pd.Timestamp(TODAY))]
    assert len(got) == len(late(calls)) + len(late(sessions))
    assert set(got[got.source == "call"].id) == set(late(calls).id)
    assert (got.days_late > 0).all() and pd.to_datetime(got.due).is_monotonic_decreasing
    # An action not yet due is not late by a negative number of days: it is not late at all.
    assert week[week.part != "overdue"].days_late.isna().all()

def test_mentoring_views(t, demo_engine):
    cg = stages_of(t)
    pool = cg[~cg.archived]
    completion = reads.mentoring.step_completion(demo_engine, CaregiverFilter()).set_index("step")
    steps = t["onboarding_step"]
    steps = steps[steps.caregiver_id.isin(pool.index)]
    for step, part in steps.groupby("step"):
        assert completion.loc[step, "share"] == pytest.approx((part.status == "fait").mean())
    stalled = reads.mentoring.stalled(demo_engine, CaregiverFilter(), TODAY, limit=None)
    since = pool.last_progress_at.fillna(pool.created_at)
    expected = pool[~pool.ready & (since < pd.Timestamp(TODAY) - pd.Timedelta(days=30))]
    assert set(stalled.id) == set(expected.index) and len(stalled) > 10
    assert reads.mentoring.headline(demo_engine, CaregiverFilter(), TODAY)["stalled"] == len(expected)
    first = reads.mentoring.stalled(demo_engine, CaregiverFilter(), TODAY, limit=10)
    assert first.id.tolist() == stalled.id.head(10).tolist()
    ready = reads.mentoring.time_to_ready(demo_engine, CaregiverFilter()).set_index("profession")
    first_call = t["call"].dropna(subset=["caregiver_id"]).groupby("caregiver_id").occurred_at.min()
    ready_at = steps[(steps.step == "pret_mission") & (steps.status == "fait")].set_index("caregiver_id").changed_at
    both = pd.DataFrame({"first": first_call, "ready": ready_at}).dropna()
    both = both[both.ready >= both["first"]]
    both["profession"] = pool.profession.reindex(both.index)
    both["days"] = (both.ready - both["first"]).dt.total_seconds() / 86400
    for profession, part in both.dropna(subset=["profession"]).groupby("profession"):
        assert ready.loc[profession, "median_days"] == pytest.approx(part.days.median())

def test_a_mentor_s_week_of_next_actions(t, demo_engine):
    """Every open next action of mentor 4 in its part of the week (TODAY is Monday 23 November 2026: the week ends
    Sunday 29), the overdue newest first; counted with pandas over the raw tables."""
    got = reads.mentoring.week(demo_engine, TODAY, 4)
    today, sunday = pd.Timestamp(TODAY), pd.Timestamp(TODAY) + pd.Timedelta(days=6)
    open_ = lambda df, who: df[df.next_action.notna() & ~df.next_action_done & (df[who] == 4)]  # noqa: E731
    dues = pd.to_datetime(pd.concat([open_(t["mentoring_session"], "mentor_id").next_action_due,
                                     open_(t["call"], "member_id").next_action_due]))
    expected = {"overdue": int((dues < today).sum()), "today": int((dues == today).sum()),
                "this_week": int(((dues > today) & (dues <= sunday)).sum()), "later": int((dues > sunday).sum())}
    counts = got.part.value_counts().to_dict()
    assert {part: counts.get(part, 0) for part in reads.mentoring.WEEK} == expected
    assert expected["overdue"] and expected["this_week"]
    assert list(got.part) == sorted(got.part, key=list(reads.mentoring.WEEK).index)
    overdue = pd.to_datetime(got[got.part == "overdue"].due)
    assert overdue.is_monotonic_decreasing  # the most recent first


def test_the_caregivers_to_call_back_for_pool_hygiene(t, demo_engine):
    """Not confirmed with the person for a year (or never: counted from their arrival), or no call for a year."""
    got = reads.mentoring.to_call_back(demo_engine, CaregiverFilter(), TODAY, limit=None)
    cg = t["caregiver"].set_index("id")
    cg = cg[~cg.archived]
    year_ago = pd.Timestamp(TODAY) - pd.Timedelta(days=reads.mentoring.HYGIENE_DAYS)
    last_call = t["call"].dropna(subset=["caregiver_id"]).groupby("caregiver_id").occurred_at.max()
    confirmed = pd.to_datetime(cg.profile_confirmed_on).fillna(cg.created_at.dt.normalize())
    called = last_call.reindex(cg.index).fillna(cg.created_at)
    expected = cg.index[(confirmed < year_ago) | (called < year_ago)]
    assert set(got.id) == set(expected) and len(expected) > 0
    assert got.quiet_days.is_monotonic_decreasing
    counts = reads.mentoring.headline(demo_engine, CaregiverFilter(), TODAY)
    assert counts["call_back"] == len(expected) and counts["followed"] == len(cg)


def test_one_caregiver_s_week_and_the_overdue_part_are_the_whole_week_filtered(demo_engine):
    """The record and the Overview read only what they show: the same rows, in the same order, as the week."""
    everyone = reads.mentoring.week(demo_engine, TODAY)
    busiest = int(everyone.caregiver_id.value_counts().index[0])
    theirs = reads.mentoring.week(demo_engine, TODAY, None, busiest)
    expected = everyone[everyone.caregiver_id == busiest].reset_index(drop=True)
    rows = lambda week: list(zip(week.source, week.id, week.part, week.due, strict=True))  # noqa: E731
    assert len(theirs) > 1 and rows(theirs) == rows(expected)
    overdue = reads.mentoring.week(demo_engine, TODAY, None, None, "overdue")
    assert len(overdue) > 1 and rows(overdue) == rows(everyone[everyone.part == "overdue"])


def test_the_week_s_counts_and_its_first_rows_agree_with_the_whole_week(demo_engine):
    everyone = reads.mentoring.week(demo_engine, TODAY)
    counts = reads.mentoring.week_counts(demo_engine, TODAY)
    assert counts == {part: int((everyone.part == part).sum()) for part in reads.mentoring.WEEK}
    assert counts["overdue"] > 5 and reads.mentoring.week_counts(demo_engine, TODAY, 4)["overdue"] < counts["overdue"]
    first = reads.mentoring.week(demo_engine, TODAY, None, None, "overdue", 5)
    overdue = everyone[everyone.part == "overdue"]
    assert list(zip(first.source, first.id, strict=True)) == list(zip(overdue.source, overdue.id, strict=True))[:5]
