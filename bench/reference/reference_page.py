"""The reference page of the benchmarks: Streamlit's own floor for a page of this app's shape, with no data
access — four plotly bar charts and a 1,000-row table. Every page is timed against it in the same run."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Référence")
rng = np.random.default_rng(1)
left, right = st.columns(2)
for n in range(4):
    labels = [f"Catégorie {i}" for i in range(12)]
    fig = go.Figure(go.Bar(x=rng.integers(10, 500, 12), y=labels, orientation="h"))
    fig.update_layout(title=f"Graphique {n + 1}", height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    (left if n % 2 == 0 else right).plotly_chart(fig, width="stretch", config={"displaylogo": False})
rows = pd.DataFrame({
    "nom": [f"Nom {i}" for i in range(1000)], "prenom": [f"Prénom {i}" for i in range(1000)],
    "profession": rng.choice(["Médecin", "Infirmier(e)", "Kinésithérapeute", "Pharmacien(ne)"], 1000),
    "region": rng.choice(["Île-de-France", "Occitanie", "Bretagne", "Grand Est"], 1000),
    "tarif": rng.integers(300, 1200, 1000), "missions": rng.integers(0, 12, 1000),
})
st.dataframe(rows, hide_index=True, height=420)
