"""The FKO cycle's deadlines (DOMAIN.md, "Deadlines the product should know").

Each rule's number lives in exactly one named constant here, so a municipality with other
local rules means one edit, and every screen and report agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType

from fko_desktop.models.schedule import DUE_SOON_DAYS, DeadlineState, add_months

#: The order reaches the unit at the latest this many days after the meeting.
ORDER_DUE_DAYS = 14
#: Goals sent back as not SMART: the caseworker reformulates them within this many days.
REFORMULATION_DAYS = 14
#: The status report and graphs reach the authority at least this many days before follow-up.
STATUS_REPORT_DAYS_BEFORE = 14
#: The follow-up meeting is called at least this many weeks ahead.
INVITATION_WEEKS = 6
#: Regular follow-up interval per area (children every half year, adults at least yearly).
#: Read-only so no caller can change the rule for everyone by accident.
FOLLOW_UP_MONTHS: Mapping[str, int] = MappingProxyType({"children": 6, "adults": 12})
#: The first follow-up after a new measure starts, in both areas.
NEW_MEASURE_FOLLOW_UP_MONTHS = 3
#: A use of force reaches the authority within this many working days (Monday–Friday; public
#: holidays are not counted out, so the date shown is never later than the rule's).
USE_OF_FORCE_REPORT_WORKING_DAYS = 3


def order_due(meeting_date: date) -> date:
    """Last day the order may arrive at the unit."""
    return meeting_date + timedelta(days=ORDER_DUE_DAYS)


def reformulation_due(returned_date: date) -> date:
    """Last day for the caseworker to reformulate goals the unit sent back."""
    return returned_date + timedelta(days=REFORMULATION_DAYS)


def status_report_due(follow_up_date: date) -> date:
    """Last day the unit may send the status report for a follow-up meeting."""
    return follow_up_date - timedelta(days=STATUS_REPORT_DAYS_BEFORE)


def invitation_due(follow_up_date: date) -> date:
    """Last day the authority may send the invitation to a follow-up meeting."""
    return follow_up_date - timedelta(weeks=INVITATION_WEEKS)


def next_follow_up(area: str, *, measure_start: date, last_follow_up: date | None = None) -> date:
    """When the next follow-up is due.

    The first follow-up comes three months after the measure starts; after that every six
    months for children and every twelve for adults, counted from the last follow-up (the
    meeting that actually took place, not the one planned).
    """
    if area not in FOLLOW_UP_MONTHS:
        raise ValueError(f"unknown area {area!r}; expected one of {sorted(FOLLOW_UP_MONTHS)}")
    if last_follow_up is None:
        return add_months(measure_start, NEW_MEASURE_FOLLOW_UP_MONTHS)
    return add_months(last_follow_up, FOLLOW_UP_MONTHS[area])


def use_of_force_report_due(occurred_on: date) -> date:
    """The last day an incident of use of force may be reported to the authority."""
    due, left = occurred_on, USE_OF_FORCE_REPORT_WORKING_DAYS
    while left:
        due += timedelta(days=1)
        if due.weekday() < 5:
            left -= 1
    return due


def deadline_state(
    due: date, today: date, *, done: bool = False, soon_days: int = DUE_SOON_DAYS
) -> DeadlineState:
    """DONE if done; else OVERDUE after *due*, DUE within *soon_days* of it, else UPCOMING."""
    if soon_days < 0:
        raise ValueError(f"soon_days must not be negative, got {soon_days}")
    if done:
        return DeadlineState.DONE
    if due < today:
        return DeadlineState.OVERDUE
    if due <= today + timedelta(days=soon_days):
        return DeadlineState.DUE
    return DeadlineState.UPCOMING


def order_is_late(meeting_date: date, received_date: date) -> bool:
    """Did the order arrive after its deadline? (Arriving on the last day is on time.)"""
    return received_date > order_due(meeting_date)


def invitation_is_late(invitation_date: date, follow_up_date: date) -> bool:
    """Was the follow-up invitation sent less than six weeks before the meeting?"""
    return invitation_date > invitation_due(follow_up_date)


def status_report_is_late(sent_date: date, follow_up_date: date) -> bool:
    """Was the status report sent less than 14 days before the follow-up meeting?"""
    return sent_date > status_report_due(follow_up_date)
