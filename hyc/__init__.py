"""Hack Your Care: the domain behind the team's operations dashboard (no Streamlit here)."""
