"""The pages the window stacks in its centre, each filling itself from core calls.

- ``record``: a goal's or a sub-goal's page (heading, facts, graph, the journal panel).
- ``info``: a citizen's or an order's facts.
- ``follow_ups``: a citizen's follow-ups, planned and held, and when the next is owed.
- ``plan``: a plan's sections, contexts (or an adult's FFB themes), goals and sub-goals.

The today page is :class:`fko_desktop.ui.today_view.TodayView`. The window decides which page
shows and when; a page only knows how to show one record.
"""

from fko_desktop.ui.pages.follow_ups import FollowUpsPage
from fko_desktop.ui.pages.info import InfoPage
from fko_desktop.ui.pages.plan import PlanPage
from fko_desktop.ui.pages.record import GoalPage, RecordPage, SubGoalPage

__all__ = ["FollowUpsPage", "GoalPage", "InfoPage", "PlanPage", "RecordPage", "SubGoalPage"]
