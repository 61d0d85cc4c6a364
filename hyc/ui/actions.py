"""Next actions (from calls and mentoring sessions) marked done from a list."""

from __future__ import annotations

import pandas as pd

from hyc import mentoring
from hyc.ui import forms as fm
from hyc.ui.fmt import fmt_date
from hyc.ui.forms import Saved
from hyc.ui.lang import t
from hyc.ui.store import write
from hyc.validation import FormInvalid


def close_actions_form(actions: pd.DataFrame) -> None:
    """Mark next actions (from calls and mentoring sessions) as done."""
    entity = {"call": "call", "mentoring": "mentoring_session"}
    labels = {f"{a.source}:{int(a.id)}": f"{fmt_date(a.due)} · {a.action} · {a.who}" for a in actions.itertuples()}
    with fm.form("close_actions"):
        fm.pick_many("close_actions", "done", labels, label=t("form.actions_done"), required=True)

        def save(values: dict) -> Saved:
            done = values.get("done") or []
            if not done:
                raise FormInvalid({"done": t("form.pick_actions")})
            for choice in done:
                source, row_id = choice.split(":")
                write(mentoring.close_action, entity[source], int(row_id))
            return Saved(t("saved.actions", n=len(done)), reset=True)

        fm.submit("close_actions", t("form.close_actions"), save, icon=":material/task_alt:")
