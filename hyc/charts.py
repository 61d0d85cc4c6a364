"""Plotly figures built from DataFrames: pure functions, labels already in the reader's language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# One accent colour for the brand, a calm palette for categories.
ACCENT = "#0E7C86"
PALETTE = ["#0E7C86", "#F29E4C", "#5B8E7D", "#B5485D", "#4C6EF5", "#8D6A9F", "#E0B04A", "#3D5A80", "#98C1D9",
           "#EE6C4D", "#6C757D"]


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
        separators=", ",  # French: decimal comma, thin space for thousands
        font={"family": "Source Sans Pro, sans-serif"},
    )
    return fig


def horizontal_bars(df: pd.DataFrame, *, label: str, value: str, title: str, value_title: str) -> go.Figure:
    """Bars sorted as given, first at the top: counts per category."""
    fig = go.Figure(go.Bar(
        x=df[value], y=df[label], orientation="h", marker_color=ACCENT, text=df[value], textposition="auto",
        hovertemplate="%{y} : %{x}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=value_title, gridcolor="#eee")
    return _layout(fig, title, height=max(260, 34 * len(df) + 90))


def funnel(df: pd.DataFrame, *, label: str, value: str, title: str) -> go.Figure:
    """Counts along an ordered path, each with the share of the step before."""
    fig = go.Figure(go.Funnel(
        y=df[label], x=df[value], texttemplate="%{value:,d}<br>%{percentPrevious:.0%}", marker={"color": ACCENT},
        hovertemplate="%{y} : %{x}<extra></extra>",
    ))
    return _layout(fig, title, height=420)
