"""Writes from a button outside a form, and their confirmations: a refusal said where the button is, a success
flashed once the page is drawn again. Beside `write`, so that any part of the interface (the shortlist, the
search box) can use them without importing the page shell."""

from __future__ import annotations

import streamlit as st

from hyc import audit
from hyc.ui.fmt import plain
from hyc.ui.lang import say
from hyc.ui.store import write
from hyc.validation import FormInvalid

REFUSED = object()


def attempt(func, *args, **kwargs):
    """write(func, …) for a button outside a form: a refusal (a domain error, or fields that cannot be saved) is
    said where the button is, and REFUSED returned."""
    try:
        return write(func, *args, **kwargs)
    except audit.WriteError as exc:
        st.error(plain(say(exc.message)), icon=":material/error:")
    except FormInvalid as exc:
        st.error(plain(" ".join(say(m) for m in exc.errors.values())), icon=":material/error:")
    return REFUSED


def flash(message: str) -> None:
    """A confirmation to show once the page is drawn again (after st.rerun)."""
    st.session_state["flash"] = message


def show_flash() -> None:
    """The confirmation flashed by the last run, as a toast."""
    message = st.session_state.pop("flash", None)
    if message:
        st.toast(plain(message), icon=":material/check_circle:")
