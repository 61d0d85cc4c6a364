"""Call log: note a call during or right after it; an intake creates or updates the caregiver or the request."""

from hyc import ui
from hyc.ui.call_form import call_log

ui.page_setup("call_log")
call_log()
