"""Read side: aggregations in SQL over the store, returned as DataFrames (codes, not labels)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from hyc import db, vocab


def _in(codes: tuple[str, ...] | list[str]) -> str:
    """A SQL list of vocabulary codes (constants of hyc.vocab, never user input)."""
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def _ordered(df: pd.DataFrame, column: str, order: list[str]) -> pd.DataFrame:
    rank = {code: i for i, code in enumerate(order)}
    return df.sort_values(column, key=lambda s: s.map(rank)).reset_index(drop=True)


def headline(engine: Engine) -> dict[str, int]:
    """The figures at the top of the Overview."""
    row = db.read_df(engine, f"""
        select
          (select count(*) from caregiver where not archived) as pool,
          (select count(*) from caregiver c where not archived and exists (
              select 1 from onboarding_step s
              where s.caregiver_id = c.id and s.step = 'pret_mission' and s.status = 'fait')) as ready,
          (select count(*) from request where not archived
              and status in {_in(vocab.OPEN_REQUEST_STATUSES)}) as open_requests,
          (select count(*) from match
              where stage not in {_in((*vocab.MATCH_EXITS, 'terminee'))}) as active_matches,
          (select count(distinct match_id) from match_event where stage = 'contrat_signe') as signed
    """).iloc[0]
    return {k: int(v) for k, v in row.items()}


def pool_by_profession(engine: Engine) -> pd.DataFrame:
    """Caregivers not archived, per profession, largest first."""
    return db.read_df(engine, """
        select profession, count(*) as caregivers
        from caregiver where not archived
        group by profession order by caregivers desc, profession
    """)


def open_requests_by_status(engine: Engine) -> pd.DataFrame:
    """Open requests per status, in the order of the request's life."""
    df = db.read_df(engine, f"""
        select status, count(*) as requests
        from request where not archived and status in {_in(vocab.OPEN_REQUEST_STATUSES)}
        group by status
    """)
    return _ordered(df, "status", list(vocab.OPEN_REQUEST_STATUSES))


def match_funnel(engine: Engine) -> pd.DataFrame:
    """Matches that reached each stage of the path (from stage events), with the conversion from the stage before."""
    df = db.read_df(engine, f"""
        select stage, count(distinct match_id) as reached
        from match_event where stage in {_in(vocab.MATCH_PATH)}
        group by stage
    """)
    df = pd.DataFrame({"stage": list(vocab.MATCH_PATH)}).merge(df, on="stage", how="left").fillna({"reached": 0})
    df["reached"] = df["reached"].astype(int)
    previous = df["reached"].shift(1)
    df["conversion"] = (df["reached"] / previous).where(previous > 0)
    return df
