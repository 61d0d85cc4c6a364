"""hyc.ui.widgets.drawn_again: a fragment's tick redraws the rows it drew, and rows are shaped again as soon as
what they come from changes (another frame, another language)."""

from streamlit.testing.v1 import AppTest


def _script():
    import pandas as pd
    import streamlit as st

    from hyc.ui.widgets import drawn_again

    # Two equal frames, two objects: the memo goes by identity, as a fragment's rerun is handed the same frame.
    frames = st.session_state.setdefault("frames", [pd.DataFrame({"id": [1, 2]}), pd.DataFrame({"id": [1, 2]})])
    source = frames[st.session_state.get("which", 0)]
    language = st.session_state.get("language", "fr")
    made = st.session_state.setdefault("made", [])

    def shape():
        made.append((st.session_state.get("which", 0), language))
        return source.assign(label=language)

    st.session_state["shown"] = drawn_again("test", (source, language), shape)


def test_rows_are_shaped_again_only_when_their_source_or_language_changes():
    at = AppTest.from_function(_script).run()
    at.run()
    at.run()
    assert at.session_state["made"] == [(0, "fr")]  # three runs, shaped once
    at.session_state["which"] = 1
    at.run()
    assert at.session_state["made"] == [(0, "fr"), (1, "fr")]  # an equal frame, but another one
    at.session_state["language"] = "en"
    at.run()
    at.run()
    assert at.session_state["made"] == [(0, "fr"), (1, "fr"), (1, "en")]
    assert at.session_state["shown"].label.tolist() == ["en", "en"]
    assert not at.exception
