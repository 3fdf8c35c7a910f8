"""Demo data: fill an empty unit file with a realistic, plainly fictitious unit.

``build_demo`` gives staff, children and adults with orders, goals, plans, sub-goals, years of
daily journal notes, quarterly goal statuses, follow-ups, diary notes and use-of-force records,
all in Danish and all invented. The same arguments always give the same content (the audit
trail's build timestamp aside), so screenshots, tests and benchmarks can rely on it.
"""

from __future__ import annotations

import datetime as dt

from fko_desktop.demo.summary import DemoSummary
from fko_desktop.errors import FkoError
from fko_desktop.models.limits import check_date
from fko_desktop.storage.unitfile import UnitFile

MAX_CITIZENS = 500
MAX_YEARS = 10
#: The invented citizens are born 6 to 64 years before ``today``, and the builder draws CPR
#: serials for birth years 1900–2057 only (it would search for ever outside them): so
#: ``today`` must lie within 1964–2063; these bounds keep a margin.
DEMO_FIRST_TODAY = dt.date(1970, 1, 1)
DEMO_LAST_TODAY = dt.date(2060, 12, 31)


def build_demo(
    unit: UnitFile,
    *,
    citizens: int = 12,
    years: int = 2,
    seed: int = 1,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill ``unit`` (which must hold no citizens yet) with demo data; one transaction.

    ``citizens`` (1–500) citizens, about half children and half adults, with up to ``years``
    (1–10) years of history before ``today`` (default: the real today). Deterministic: the
    same ``citizens``, ``years``, ``seed`` and ``today`` always give the same content.
    """
    for name, value in (("citizens", citizens), ("years", years), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise FkoError(f"»{name}« skal være et helt tal.", field=name)
    if not 1 <= citizens <= MAX_CITIZENS:
        raise FkoError(
            f"Antallet af borgere skal være fra 1 til {MAX_CITIZENS} (fik {citizens}).",
            field="citizens",
        )
    if not 1 <= years <= MAX_YEARS:
        raise FkoError(f"Antallet af år skal være fra 1 til {MAX_YEARS} (fik {years}).", field="years")
    if today is None:
        today = dt.date.today()
    elif isinstance(today, dt.datetime) or not isinstance(today, dt.date):
        raise FkoError("»today« skal være en dato.", field="today")
    # Before any date arithmetic: years of history before 0001-01-01 cannot be built.
    check_date(today, "today")
    if not DEMO_FIRST_TODAY <= today <= DEMO_LAST_TODAY:
        raise FkoError(
            f"Demodata kan kun ende mellem {DEMO_FIRST_TODAY.year} og {DEMO_LAST_TODAY.year} "
            f"(fik {today.isoformat()}).",
            field="today",
        )

    from fko_desktop.demo.builder import build  # the heavy part; imported only when used

    return build(unit, citizens=citizens, years=years, seed=seed, today=today)


__all__ = ["DemoSummary", "build_demo", "DEMO_FIRST_TODAY", "DEMO_LAST_TODAY", "MAX_CITIZENS", "MAX_YEARS"]
