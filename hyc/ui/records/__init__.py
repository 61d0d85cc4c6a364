"""The records a row opens, one file each: a caregiver, a request, an organisation. Forms are drawn only for a
member whose role may make the change; the hyc write functions check it again."""

from hyc.ui.records.caregiver import caregiver_record
from hyc.ui.records.organisation import organisation_record
from hyc.ui.records.request import request_record

__all__ = ["caregiver_record", "organisation_record", "request_record"]
