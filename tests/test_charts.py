"""Charts (hyc.charts): what a chart draws adds up to its data, and no two parts share a colour."""

import pandas as pd

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
