"""Charts (hyc.charts): what a chart draws adds up to its data, and no two parts share a colour."""

import pandas as pd
import plotly.graph_objects as go

from hyc import charts


def test_stacked_bars_beyond_the_palette_sum_the_smallest_parts_and_never_repeat_a_colour():
    parts = [f"part {i}" for i in range(len(charts.PALETTE) + 3)]
    df = pd.DataFrame([{"label": label, "part": part, "n": (i + 1) * (2 if label == "A" else 1)}
                       for label in ("A", "B") for i, part in enumerate(parts)])
    fig = charts.stacked_bars(df, label="label", value="n", color="part", title="t", value_title="v",
                              others="Autres")
    names = [trace.name for trace in fig.data]
    colours = [trace.marker.color for trace in fig.data]
    assert len(names) == len(charts.PALETTE) and names[-1] == "Autres"
    assert len(set(colours)) == len(colours)
    # The largest parts keep their own bar; the total per label is unchanged.
    assert names[:-1] == parts[-(len(charts.PALETTE) - 1):]
    for label in ("A", "B"):
        drawn = sum(float(list(t.x)[list(t.y).index(label)]) for t in fig.data if label in list(t.y))
        assert drawn == df[df.label == label].n.sum()


def _every_chart() -> dict:
    """Each chart of hyc.charts, drawn from a small frame of the shape its pages give it."""
    months = pd.date_range("2025-01-01", periods=14, freq="MS")
    growth = pd.DataFrame([(m, p, 10 * i + j) for i, m in enumerate(months) for j, p in enumerate("ABCDEFGH")],
                          columns=["month", "profession", "caregivers"])
    bars = pd.DataFrame({"label": ["a", "b", "c"], "n": [3, 2, 1], "share": [0.5, float("nan"), 1.0],
                         "d": [1.5, 2.0, 3.0]})
    return {
        "horizontal_bars": charts.horizontal_bars(bars, label="label", value="n", title="t", value_title="v"),
        "funnel": charts.funnel(bars, label="label", value="n", title="t"),
        "stacked_area": charts.stacked_area(growth, x="month", y="caregivers", color="profession", title="t",
                                            x_title="x", y_title="y", others="Autres"),
        "stacked_bars": charts.stacked_bars(bars.assign(part=["p", "q", "p"]), label="label", value="n",
                                            color="part", title="t", value_title="v"),
        "paired_bars": charts.paired_bars(bars, label="label", values={"n": "N", "d": "D"}, title="t",
                                          value_title="v"),
        "share_bars": charts.share_bars(bars, label="label", share="share", title="t", value_title="v"),
        "rate_boxes": charts.rate_boxes(pd.DataFrame({"label": ["a", "b"], "n": [4, 1], "q1": [400.0, 600.0],
                                                      "median": [450.0, 600.0], "q3": [500.0, 600.0],
                                                      "min": [350.0, 600.0], "max": [700.0, 600.0]}),
                                        label="label", title="t", value_title="v", hover="%{customdata[1]}"),
        "region_map": charts.region_map(pd.DataFrame({"region": ["11", "84"], "label": ["IDF", "ARA"], "n": [9, 4]}),
                                        region="region", label="label", value="n", title="t"),
    }


def test_every_chart_is_a_figure_plotly_itself_accepts():
    # Charts are built without plotly's validation (for speed): plotly validates them here, so that a misspelt
    # property fails a test rather than being dropped silently by the browser.
    built = _every_chart()
    assert set(built) == {name for name in dir(charts) if callable(getattr(charts, name)) and not name.startswith("_")
                          and name not in {"in_language"} and getattr(charts, name).__module__ == charts.__name__}
    for name, fig in built.items():
        checked = go.Figure(fig.to_dict())  # raises on any property plotly does not know
        assert checked.layout.title.text == "t", name
        assert len(checked.data) == len(fig.data) >= 1, name


def test_stacked_area_draws_each_months_total_in_its_bands():
    growth = _every_chart()["stacked_area"]
    months = pd.date_range("2025-01-01", periods=14, freq="MS")
    expected = {m: sum(10 * i + j for j in range(8)) for i, m in enumerate(months)}
    drawn: dict = {}
    for trace in growth.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            drawn[pd.Timestamp(x)] = drawn.get(pd.Timestamp(x), 0) + y
    assert drawn == expected
    assert [t.name for t in growth.data][-1] == "Autres" and len(growth.data) == 7  # six bands and the rest


def test_the_left_margin_fits_the_longest_category_label_without_plotly_measuring_them():
    short = pd.DataFrame({"label": ["Nouvelle", "Qualifiée"], "n": [3, 4]})
    long = pd.DataFrame({"label": ["Nouvelle", "Manipulateur(trice) en électroradiologie médicale"], "n": [3, 4]})
    margins = {}
    for name, df in (("short", short), ("long", long)):
        fig = charts.horizontal_bars(df, label="label", value="n", title="t", value_title="v")
        assert fig.layout.yaxis.automargin is False
        margins[name] = fig.layout.margin.l
    # At least 6 px a character for the longest label (Chromium draws "Médecin – Endocrinologie-diabétologie",
    # 37 characters, 196 px wide in the 12 px tick font: 5.3 px a character), and wider for a longer label.
    assert margins["short"] >= 6 * len("Qualifiée") and margins["long"] >= 6 * len(long.label[1])
    assert margins["long"] > margins["short"]
