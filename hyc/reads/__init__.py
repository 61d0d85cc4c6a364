"""The read side: aggregations in SQL over the store, one module per area, each returning DataFrames of codes.

Pages read through `hyc.ui.read(reader, *args)`, passing the reader function itself, cached until the next write.
"""

from hyc.reads import admin, matches, mentoring, overview, pivot, pool, rates, records, requests, stuck

__all__ = ["admin", "matches", "mentoring", "overview", "pivot", "pool", "rates", "records", "requests", "stuck"]
