"""Plotly figures built from DataFrames: pure functions, labels already in the reader's language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# One accent colour for the brand, a calm palette for categories.
ACCENT = "#0E7C86"
PALETTE = ["#0E7C86", "#F29E4C", "#5B8E7D", "#B5485D", "#4C6EF5", "#8D6A9F", "#E0B04A", "#3D5A80", "#98C1D9",
           "#EE6C4D", "#6C757D"]


# Plotly's decimal then thousands separators, per interface language: "57,8 j" and "1 500" in French.
SEPARATORS = {"fr": ",\u00a0", "en": ".,"}


EURO_SUFFIX = "\u202f€"  # an axis of euros: "600 €" in French, "€600" in English (in_language)


def in_language(fig: go.Figure, lang: str) -> go.Figure:
    """The figure's numbers written the way the reader's language writes them: separators, and euros before the
    figure in English."""
    fig.update_layout(separators=SEPARATORS.get(lang, SEPARATORS["fr"]))
    # Ticks of four digits grouped too ("1 000 €", "€1,000"), as every other number of the interface.
    fig.update_xaxes(separatethousands=True)
    fig.update_yaxes(separatethousands=True)
    if lang == "en":
        for axis in ("xaxis", "yaxis"):
            if fig.layout[axis].ticksuffix == EURO_SUFFIX:
                fig.layout[axis].update(ticksuffix="", tickprefix="€")
    return fig


# Category labels along the left axis: plotly can measure each one in the browser to widen the margin to the longest
# (automargin), but that measuring was a fifth of the Overview's drawing in Chromium (80 ms for its four charts).
# The margin is set here instead, from each label's width estimated per character in the app's 12 px tick font
# (Source Sans, which Streamlit's theme gives the charts): for every label of hyc.vocab, in both languages, between
# 2 % under and 24 % over Chromium's own width, then a tenth and 16 px to spare. A browser test checks that no label
# is cut.
NARROW, SLIM, WIDE = set("ilj'.,:;!|()-– "), set("ftr"), set("mwMW")


def _label_width(text: str) -> float:
    """The estimated width in pixels of a tick label."""
    return sum(10.5 if c in WIDE else 8.0 if c.isupper() else 3.6 if c in NARROW else 4.6 if c in SLIM
               else 6.8 if c.isdigit() else 6.1 for c in text)


def _left_margin(labels: list) -> int:
    return round(1.1 * max((_label_width(str(label)) for label in labels), default=0) + 16)


# The height of the band the mode bar takes at the top of a figure, which the title stays under.
TITLE_DROP = 32

# A chart's width on a screen 1,280 pixels wide, the narrowest the team works on, in half the page or across it:
# a legend's rows are counted for it (a wider screen fits more names a row, leaving some room under the legend,
# never a legend over the axis).
HALF_PAGE, FULL_PAGE = 420, 840


def _figure(traces: list[dict], title: str, height: int, margin: dict | None = None,
            labels: list | None = None, **layout) -> go.Figure:
    """A figure from plain specs, without plotly's property-by-property validation: building figures the usual way
    took a third of a warm Overview run. tests/test_charts.py validates every chart's output instead. `labels`: the
    categories along the left axis, which the left margin is made wide enough for."""
    if labels is not None:
        margin = {"l": _left_margin(labels)} | (margin or {})
        # Drawn as given: a month ("2026-05") or a code ("75") would otherwise make plotly read the axis as dates
        # or numbers, and write ticks other than the labels the margin was made for.
        layout["yaxis"] = {**layout.get("yaxis", {}), "automargin": False, "type": "category"}
    return go.Figure({"data": traces, "layout": {
        # The title under the band of plotly's mode bar (and Streamlit's own buttons), which appear over the top
        # right corner on hover: at the top, a half-page chart's title ran under them at 1,280 px.
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16},
                  "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": TITLE_DROP}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": TITLE_DROP + 40, "b": 10} | (margin or {}),
        "plot_bgcolor": "white",
        "separators": ", ",  # French: decimal comma, thin space for thousands
        **layout,
    }}, _validate=False)


def horizontal_bars(df: pd.DataFrame, *, label: str, value: str, title: str, value_title: str) -> go.Figure:
    """Bars sorted as given, first at the top: counts per category."""
    return _figure(
        # Each bar's figure formatted by plotly, so that it follows the reader's separators ("2,4", "1 500");
        # given as raw text, it was written "2.4" in French.
        [{"type": "bar", "x": df[value].tolist(), "y": df[label].tolist(), "orientation": "h",
          "marker": {"color": ACCENT}, "texttemplate": "%{x:,.1~f}", "textposition": "auto",
          "hovertemplate": "%{y} : %{x:,.1~f}<extra></extra>"}],
        title, max(260, 34 * len(df) + 90), labels=df[label].tolist(),
        yaxis={"autorange": "reversed", "title": {}}, xaxis={"title": {"text": value_title}, "gridcolor": "#eee"},
    )


def funnel(df: pd.DataFrame, *, label: str, value: str, title: str) -> go.Figure:
    """Counts along an ordered path, each with the share of the step before."""
    return _figure(
        [{"type": "funnel", "y": df[label].tolist(), "x": df[value].tolist(),
          "texttemplate": "%{value:,d}<br>%{percentPrevious:.0%}", "marker": {"color": ACCENT},
          "hovertemplate": "%{y} : %{x}<extra></extra>"}],
        title, 420, labels=df[label].tolist(),
    )


def stacked_area(df: pd.DataFrame, *, x: str, y: str, color: str, title: str, x_title: str,
                 y_title: str, max_bands: int = 6, others: str = "…") -> go.Figure:
    """One filled band per category, stacked: how a total grows and what it is made of.
    Beyond `max_bands`, the smallest categories are summed in one band named `others`."""
    last = df[df[x] == df[x].max()].sort_values(y, ascending=False)
    keep = list(last[color].head(max_bands))
    if len(last) > max_bands:
        df = df.assign(**{color: df[color].where(df[color].isin(keep), others)})
        df = df.groupby([x, color], as_index=False, sort=False)[y].sum()
        keep.append(others)
    bands = dict(tuple(df.groupby(color, sort=False)))
    traces = [{
        "type": "scatter", "x": bands[name][x].tolist(), "y": bands[name][y].tolist(), "name": name,
        "stackgroup": "one", "mode": "lines", "line": {"width": 0.5, "color": PALETTE[i % len(PALETTE)]},
        "hovertemplate": f"{name} : %{{y:,d}}<extra></extra>", "xhoverformat": "%m/%Y",
    } for i, name in enumerate(keep) if name in bands]
    # Months as numbers (plotly would write English month names), one tick a month up to a year, then spaced.
    months = df[x].nunique()
    return _figure(
        traces, title, 460, margin={"b": 110},
        xaxis={"title": {"text": x_title}, "gridcolor": "#eee", "tickformat": "%m/%Y",
               "dtick": f"M{max(1, -(-months // 12))}"},
        yaxis={"title": {"text": y_title}, "gridcolor": "#eee"},
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0, "font": {"size": 11}},
        hovermode="x unified",
    )


def stacked_bars(df: pd.DataFrame, *, label: str, value: str, color: str, title: str, value_title: str,
                 color_order: list[str] | None = None, others: str = "…", width: int = HALF_PAGE) -> go.Figure:
    """Horizontal bars per category, split by a second category (first label at the top). Beyond the palette's
    colours, the smallest parts are summed in one named `others`: two parts never share a colour. `width`: the
    figure's (HALF_PAGE or FULL_PAGE), for its legend."""
    parts = [p for p in (color_order or list(dict.fromkeys(df[color]))) if p in set(df[color])]
    if len(parts) > len(PALETTE):
        sizes = df.groupby(color)[value].sum()
        kept = set(sizes.loc[parts].nlargest(len(PALETTE) - 1).index)
        df = df.assign(**{color: df[color].where(df[color].isin(kept), others)})
        df = df.groupby([label, color], as_index=False, sort=False)[value].sum()
        parts = [p for p in parts if p in kept] + [others]
    groups = dict(tuple(df.groupby(color, sort=False)))
    traces = [{
        "type": "bar", "x": groups[name][value].tolist(), "y": groups[name][label].tolist(), "name": name,
        "orientation": "h", "marker": {"color": PALETTE[i % len(PALETTE)]},
        "hovertemplate": f"%{{y}} – {name} : %{{x}}<extra></extra>",
    } for i, name in enumerate(parts)]
    # The legend sits at the foot of the figure, in a margin tall enough for its rows: placed under the plot by a
    # fraction of its height, a short plot had it over the axis title, and too short a margin made the legend
    # scroll, hiding names. plotly lines its names up in columns as wide as the longest (with its colour, 40 px),
    # from the plot's left edge to the figure's right one.
    column = max((_label_width(str(p)) for p in parts), default=0) + 40
    per_row = max(1, int((width - _left_margin(df[label].tolist())) // column))
    legend_rows = -(-len(parts) // per_row)
    return _figure(
        traces, title, max(320, 40 * df[label].nunique() + 150 + 22 * legend_rows),
        margin={"b": 60 + 22 * legend_rows}, labels=df[label].tolist(),
        barmode="stack", legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        yaxis={"autorange": "reversed", "title": {}, "categoryorder": "array",
               "categoryarray": list(dict.fromkeys(df[label]))},
        xaxis={"title": {"text": value_title}, "gridcolor": "#eee"},
    )


def paired_bars(df: pd.DataFrame, *, label: str, values: dict[str, str], title: str, value_title: str) -> go.Figure:
    """Two or more measures side by side per category (first label at the top)."""
    traces = [{
        "type": "bar", "x": df[column].tolist(), "y": df[label].tolist(), "name": name, "orientation": "h",
        "marker": {"color": PALETTE[i % len(PALETTE)]},
        "hovertemplate": f"%{{y}} – {name} : %{{x:,.0f}}<extra></extra>",
    } for i, (column, name) in enumerate(values.items())]
    return _figure(
        traces, title, max(320, 44 * len(df) + 170), margin={"b": 90}, labels=df[label].tolist(),
        barmode="group", legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0},
        yaxis={"autorange": "reversed", "title": {}}, xaxis={"title": {"text": value_title}, "gridcolor": "#eee"},
    )


def share_bars(df: pd.DataFrame, *, label: str, share: str, title: str, value_title: str) -> go.Figure:
    """Shares (0 to 1) per category, as percentages."""
    top = float(df[share].max()) if len(df) and pd.notna(df[share].max()) else 1.0
    return _figure(
        [{"type": "bar", "x": df[share].tolist(), "y": df[label].tolist(), "orientation": "h",
          "marker": {"color": ACCENT}, "texttemplate": "%{x:.0%}", "textposition": "outside",
          "hovertemplate": "%{y} : %{x:.0%}<extra></extra>",
          "cliponaxis": False}],  # a share near 100 % writes its label past the axis' end, in the right margin
        title, max(260, 34 * len(df) + 90), margin={"r": 45}, labels=df[label].tolist(),
        yaxis={"autorange": "reversed", "title": {}},
        xaxis={"title": {"text": value_title}, "tickformat": ".0%", "range": [0, min(1.0, top * 1.25) or 1.0],
               "gridcolor": "#eee"},
    )


def rate_boxes(df: pd.DataFrame, *, label: str, title: str, value_title: str, hover: str) -> go.Figure:
    """The spread of day rates per category, one row of `df` each (n, q1, median, q3, min, max, as the table beside
    it): box from first to third quartile, line at the median, whiskers from the lowest to the highest rate.
    Drawn from these figures, not from every rate (tens of thousands at scale 50) for the browser to sort.
    plotly's own labels on a box are English jargon ("lower fence") that no setting translates: each row's hover
    is `hover` instead (customdata: q1, median, q3, min, max, n), on an unseen point that the whole row reaches."""
    stats = ["q1", "median", "q3", "min", "max", "n"]
    traces = [{
        "type": "box", "y": [row[label]], "name": row[label], "orientation": "h",
        "q1": [row["q1"]], "median": [row["median"]], "q3": [row["q3"]],
        "lowerfence": [row["min"]], "upperfence": [row["max"]],
        "marker": {"color": PALETTE[i % len(PALETTE)]}, "hoverinfo": "skip",
    } for i, row in enumerate(df.to_dict("records"))]
    traces.append({
        "type": "scatter", "x": df["median"].tolist(), "y": df[label].tolist(), "mode": "markers",
        "marker": {"opacity": 0, "color": ACCENT}, "showlegend": False, "name": "",
        "customdata": df[stats].astype(float).values.tolist(), "hovertemplate": hover,
    })
    return _figure(
        traces, title, max(300, 40 * len(df) + 100), labels=df[label].tolist(), showlegend=False, hovermode="y",
        yaxis={"autorange": "reversed"},
        xaxis={"title": {"text": value_title}, "ticksuffix": EURO_SUFFIX, "gridcolor": "#eee"},
    )


# Approximate centres of the regions (longitude, latitude): enough to place each region on a sketch map
# with no map tiles or outline files. Overseas regions sit in a strip under the mainland.
REGION_POSITIONS = {
    "84": (4.6, 45.5), "27": (4.8, 47.3), "53": (-2.9, 48.2), "24": (1.7, 47.5), "94": (9.1, 42.1),
    "44": (5.7, 48.7), "32": (2.8, 50.0), "11": (2.5, 48.7), "28": (0.1, 49.1), "75": (0.2, 45.3),
    "76": (2.2, 43.7), "52": (-0.8, 47.4), "93": (6.1, 43.9),
    "01": (-4.0, 41.6), "02": (-2.5, 41.6), "03": (-1.0, 41.6), "04": (0.5, 41.6), "06": (2.0, 41.6),
}


def region_map(df: pd.DataFrame, *, region: str, label: str, value: str, title: str) -> go.Figure:
    """Bubbles on a sketch of France, one per region, sized by the count."""
    rows = df[df[region].isin(REGION_POSITIONS)]
    xs = [REGION_POSITIONS[r][0] for r in rows[region]]
    ys = [REGION_POSITIONS[r][1] for r in rows[region]]
    top = max(rows[value].max(), 1) if len(rows) else 1
    return _figure(
        # Counts formatted by plotly, with the reader's thousands separator ("13 392").
        [{"type": "scatter", "x": xs, "y": ys, "mode": "markers+text", "texttemplate": "%{customdata[1]:,d}",
          "textposition": "middle center", "textfont": {"color": "white", "size": 11},
          "marker": {"size": [14 + 50 * (v / top) ** 0.5 for v in rows[value]], "color": ACCENT, "opacity": 0.85},
          "customdata": list(zip(rows[label].tolist(), rows[value].tolist(), strict=True)),
          "hovertemplate": "%{customdata[0]} : %{customdata[1]:,d}<extra></extra>"},
         {"type": "scatter", "x": xs, "y": [y - 0.55 for y in ys], "mode": "text", "text": rows[label].tolist(),
          "textfont": {"size": 10, "color": "#555"}, "hoverinfo": "skip"}],
        title, 520, showlegend=False,
        shapes=[{"type": "line", "x0": -5, "x1": 3, "y0": 42.35, "y1": 42.35,
                 "line": {"color": "#ccc", "dash": "dot"}}],
        xaxis={"visible": False, "range": [-5.5, 10]},
        # One degree of latitude is about 1.45 degrees of longitude at French latitudes.
        yaxis={"visible": False, "range": [40.8, 51.2], "scaleanchor": "x", "scaleratio": 1.45},
    )
