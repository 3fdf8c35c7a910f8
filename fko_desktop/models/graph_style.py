"""How a score graph looks, for the window (pyqtgraph) and the print (reportlab) alike.

One place, so screen and paper show the same graph: the colours (hex strings each toolkit
turns into its own colour type), the score range with its air, the fewest periods the x axis
always has room for, and the outcome colour. No Qt and no reportlab here.
"""

from __future__ import annotations

LINE_COLOUR = "#1f5fa8"
BASELINE_COLOUR = "#8a6d3b"
TARGET_COLOUR = "#2e7d32"
NOT_ASSESSED_COLOUR = "#777777"
#: A period whose due date passed without a status: the today view's "Overskredet" red.
MISSING_COLOUR = "#b3261e"
AXIS_COLOUR = "#333333"
GRID_COLOUR = "#dde3ea"
FAVOURABLE_COLOUR = "#2e7d32"
UNFAVOURABLE_COLOUR = "#b23c17"
NEUTRAL_COLOUR = "#444444"

#: The score axis: 0..4 with a little air above and below (drawn inverted: better is up).
Y_MIN, Y_MAX = -0.4, 4.4

#: The x axis of a goal's målstatus graph always has room for a year's four statuses.
MIN_PERIODS = 4


def outcome_colour(favourable: bool | None) -> str:
    """Green when the goal went as hoped, red when not, neutral while there is no outcome."""
    if favourable is None:
        return NEUTRAL_COLOUR
    return FAVOURABLE_COLOUR if favourable else UNFAVOURABLE_COLOUR


def periods_shown(last_period: int) -> int:
    return max(last_period, MIN_PERIODS)


#: The overview's outcome categories (``Outcome`` values → colour), for the window's bars and
#: the management report alike: greens where the goal went as hoped (darkest for a met
#: progression goal), a pale green for progression short of the target, grey for standing
#: still and red for getting worse, so "better" reads the same on screen and on paper.
OUTCOME_COLOURS: dict[str, str] = {
    "progression_goal_met": "#1b7837",
    "maintenance_goal_met": "#4d9f57",
    "unproblematic": "#93cf8d",
    "progression": "#d3ecc4",
    "no_progression": "#bdbdbd",
    "negative_progression": "#c8442f",
}

#: The change baseline → latest målstatus (-4 … +4, positive = better): reds getting darker
#: the worse, grey for no change, greens getting darker the better.
CHANGE_COLOURS: dict[int, str] = {
    -4: "#8c1d12",
    -3: "#b23c17",
    -2: "#d6604d",
    -1: "#f0a58f",
    0: "#c9c9c9",
    1: "#c2e4b5",
    2: "#86c57f",
    3: "#4d9f57",
    4: "#1b7837",
}
