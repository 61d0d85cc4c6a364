"""Team and accounts (fondateur·rices): who may sign in, with which role; add, change, deactivate, unlock."""

from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from hyc import accounts, backups, config, reads, ui, vocab
from hyc.models import PARIS
from hyc.ui import act, fmt_date, fmt_time, forms, read, t, table, write
from hyc.ui.fmt import fmt_number
from hyc.ui.forms import Saved
from hyc.ui.mail_templates import templates_editor

ui.page_setup("team")
st.title(t("team.title"))
st.caption(t("team.caption"))

team = read(reads.admin.team_accounts)
shown = team.assign(role=team.role.map(vocab.ROLES.labels(ui.lang())).fillna(team.role),
                    active=team.active.map(ui.yes_no), locked_until=team.locked_until.map(fmt_date))
table(shown, columns={"full_name": t("team.name"), "email": t("col.email"), "role": t("team.role"),
                      "active": t("team.active"), "failed_logins": t("team.failed"),
                      "locked_until": t("team.locked_until")})

new, edit = st.tabs([t("team.add"), t("team.edit")])
with new:
    with forms.form("account_new"):
        a, b = st.columns(2)
        with a:
            forms.text("account_new", "full_name", label=t("team.name"), required=True)
            forms.choice("account_new", "role", vocab.ROLES, label=t("team.role"), required=True)
        with b:
            forms.text("account_new", "email", required=True)
            forms.text("account_new", "password", label=t("team.password"), required=True,
                       help=t("team.password_help", n=accounts.MIN_PASSWORD), kind="password")

        def create(values: dict) -> Saved:
            member = write(accounts.create, values)
            return Saved(t("team.created", name=member.full_name), reset=True)

        forms.submit("account_new", t("team.add"), create, icon=":material/person_add:")

with edit:
    names = dict(zip(team.id.astype(int), team.full_name + " <" + team.email + ">", strict=True))
    chosen = st.selectbox(t("team.which"), list(names), format_func=names.get, key="team.pick",
                          placeholder=t("form.choose"))
    row = team[team.id == chosen].iloc[0]
    name = f"account_edit.{chosen}"
    with forms.form(name, prefill=forms.from_row(row, ("full_name", "email", "role", "active")) | {"password": None}):
        a, b = st.columns(2)
        with a:
            forms.text(name, "full_name", label=t("team.name"), required=True)
            forms.choice(name, "role", vocab.ROLES, label=t("team.role"), required=True)
            forms.tick(name, "active", label=t("team.active_label"))
        with b:
            forms.text(name, "email", required=True)
            forms.text(name, "password", label=t("team.new_password"), kind="password",
                       help=t("team.password_help", n=accounts.MIN_PASSWORD))

        def update(values: dict) -> Saved:
            member = write(accounts.update, int(chosen), forms.changed(name, values))
            # Emptied and filled again from the account: a typed password does not stay in the session.
            return Saved(t("team.updated", name=member.full_name), reset=True)

        forms.submit(name, t("form.save"), update)
    if pd.notna(row.locked_until):
        st.warning(t("team.locked", when=fmt_time(row.locked_until)), icon=":material/lock:")
        act(t("team.unlock"), accounts.unlock, int(chosen), key="team.unlock", icon=":material/lock_open:",
            done=t("team.unlocked", name=row.full_name))

# The wording of the proposals sent by e-mail, in each language (hyc.exchange.proposals).
templates_editor()

# Backups: the app makes one a day by itself (DuckDB's lock keeps a cron job off the file while it runs); a
# founder can make one now, before a risky change.
st.subheader(t("team.backups"))
settings = config.load()
done = backups.made_in(Path(settings.backup_dir))
if done:
    last = done[0]
    st.caption(t("team.backup_last", when=f"{backups.created_at(last):%d/%m/%Y %H:%M}",
                 size=fmt_number(last.size_bytes / 1e6, 1), rows=ui.fmt_int(sum(last.counts.values())),
                 n=len(done), folder=str(last.folder.parent)))
else:
    st.info(t("team.backup_none", folder=settings.backup_dir))
st.caption(t("team.backup_schedule", hour=settings.backup_hour, keep=settings.backup_keep)
           if settings.backup_hour is not None else t("team.backup_schedule_off"))
act(t("team.backup_now"), backups.make, Path(settings.backup_dir), datetime.now(PARIS).replace(tzinfo=None),
    key="team.backup", icon=":material/backup:", working=t("team.backup_working"), done=t("team.backup_done"))
