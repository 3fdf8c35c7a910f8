"""The demo generator behind ``fko_desktop.demo.build_demo``.

How it works, per citizen:

1. A *timeline* of plain dates: the first order's meeting, intake, the follow-up meetings
   (``deadlines.next_follow_up``), yearly revised orders, maybe an end.
2. *Tracks*: one per goal theme the citizen works on, each with a latent function level over
   time (a noisy curve from the starting level toward a floor, with setbacks). Each order gets
   one intervention goal per track; a goal's baseline is the track's level when it starts, so
   revised goals continue where the last ones ended.
3. The small entities (citizen, contacts, orders, goals, sub-goals, plan, follow-ups, use of
   force) go through the ORM, so the session hooks audit them. Their content is final when
   they are added, so no flush ever edits a row.
4. The big tables (journal and diary notes, goal statuses, follow-up assessments) are written
   in bulk. Journal and diary notes go straight to the driver with pre-converted values (the
   same text the ``UTCDateTime``/``ScoreType`` columns would write), which is what keeps 250,000
   notes plus their FTS5 index under a minute.

Determinism: one ``random.Random`` per citizen, seeded from the master generator; timestamps
come from dates only; everything is iterated in list order.

The parts: ``clock`` (dates and times), ``codes`` (catalog codes), ``tracks`` (the latent
levels), ``writer`` (the bulk rows), and one citizen's story in ``story`` (timeline, profile,
plan, use of force), ``goals`` (orders, goals, sub-goals), ``followups`` and ``notes`` (journal,
goal statuses, diary); this module runs the build.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fko_desktop.demo import texts
from fko_desktop.demo.clock import DAY, local_time
from fko_desktop.demo.codes import Codes
from fko_desktop.demo.logins import DEMO_PASSWORD
from fko_desktop.demo.story import _CitizenBuilder
from fko_desktop.demo.summary import DemoSummary
from fko_desktop.demo.writer import _Stats, _Writer
from fko_desktop.errors import FkoError
from fko_desktop.models import Actor, Citizen, StaffMember, Unit, passwords
from fko_desktop.models.cpr import birth_date, parse_cpr
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.history import record_event
from fko_desktop.models.schedule import add_months
from fko_desktop.storage.sql import page_cache
from fko_desktop.storage.unitfile import UnitFile

ACTOR = Actor(None, "FKO Desktop (demodata)", system=True)
NOT_EMPTY = "Demodata kan kun lægges i en tom enhedsfil."
#: Page cache for the build (KiB): the search index thrashes a small default cache.
BUILD_CACHE_KIB = 200_000


# --- the build ------------------------------------------------------------------------------


def build(unit: UnitFile, *, citizens: int, years: int, seed: int, today: dt.date) -> DemoSummary:
    codes = Codes()
    with unit.write(ACTOR) as session:
        if session.scalar(select(func.count()).select_from(Citizen)):
            raise FkoError(NOT_EMPTY)
        with page_cache(session, BUILD_CACHE_KIB):
            builder = _Builder(session, codes, citizens=citizens, years=years, seed=seed, today=today)
            stats = builder.run()
    return DemoSummary(
        citizens=stats.citizens,
        children=stats.children,
        adults=stats.adults,
        ended_citizens=stats.ended,
        staff=stats.staff,
        orders=stats.orders,
        goals=stats.goals,
        sub_goals=stats.sub_goals,
        journal_notes=stats.journal_notes,
        diary_notes=stats.diary_notes,
        goal_statuses=stats.goal_statuses,
        follow_ups=stats.follow_ups,
        follow_up_assessments=stats.follow_up_assessments,
        use_of_force=stats.use_of_force,
        edited_notes=stats.edited,
        withdrawn_notes=stats.withdrawn,
        aarhus_assessments=stats.aarhus_assessments,
        aarhus_factor_scores=stats.aarhus_factor_scores,
    )


class _Builder:
    def __init__(
        self,
        session: Session,
        codes: Codes,
        *,
        citizens: int,
        years: int,
        seed: int,
        today: dt.date,
    ) -> None:
        self.session = session
        self.codes = codes
        self.n_citizens = citizens
        self.years = years
        self.today = today
        self.rng = random.Random(seed)
        self.window_start = add_months(today, -12 * years)
        self.last_day = today - DAY
        self.stats = _Stats()
        self.writer = _Writer(session)
        self.used_names: set[str] = set()
        self.used_cprs: set[str] = set()
        self.staff: list[StaffMember] = []

    # -- helpers ----------------------------------------------------------------------------

    def _name(self, rng: random.Random, gender: str, *, young: bool = False) -> tuple[str, str]:
        pool: Sequence[str] = texts.BOY_NAMES if gender == "m" else texts.GIRL_NAMES
        if young:
            pool = pool[:20]
        for _ in range(200):
            first = rng.choice(pool)
            surname = rng.choice(texts.SURNAME_FIRST) + rng.choice(texts.SURNAME_LAST)
            full = f"{first} {surname}"
            if full not in self.used_names:
                self.used_names.add(full)
                return first, surname
        return first, surname  # more people than names: a repeat is harmless

    def _cpr(self, rng: random.Random, born: dt.date, gender: str) -> str:
        while True:
            century = rng.choice((4, 5, 6, 7, 8, 9)) if born.year >= 2000 else rng.randint(0, 3)
            last = rng.choice((1, 3, 5, 7, 9) if gender == "m" else (0, 2, 4, 6, 8))
            serial = f"{century}{rng.randint(0, 99):02d}{last}"
            cpr = parse_cpr(f"{born:%d%m%y}-{serial}")
            if cpr not in self.used_cprs and birth_date(cpr) == born:
                self.used_cprs.add(cpr)
                return cpr

    def _date_between(self, rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=rng.randint(0, (last - first).days))

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return local_time(day, hour, minute)

    # -- run --------------------------------------------------------------------------------

    def run(self) -> _Stats:
        self._make_staff()
        seeds = [self.rng.getrandbits(64) for _ in range(self.n_citizens)]
        areas = [("children" if self.rng.random() < 0.5 else "adults") for _ in seeds]
        if self.n_citizens >= 2:
            areas[0], areas[1] = "children", "adults"
        for index, (citizen_seed, area) in enumerate(zip(seeds, areas, strict=True)):
            _CitizenBuilder(self, random.Random(citizen_seed), index, area).build()
            self.writer.flush()
        self.writer.flush(force=True)
        record_event(
            self.session,
            "demo",
            details={
                "citizens": self.n_citizens,
                "years": self.years,
                "today": self.today.isoformat(),
                "journal_notes": self.stats.journal_notes,
            },
        )
        self.session.flush()
        return self.stats

    def _make_staff(self) -> None:
        rng = self.rng
        count = rng.randint(6, 10)
        initials_used: set[str] = set()
        created = self._at(self.window_start, 9)
        # The unit's departments are those its citizens live in; set without the random
        # generator, so a seed still makes the same citizens as before.
        departments = [name for area in ("children", "adults") for name in texts.DEPARTMENTS[area]]
        unit_row = self.session.scalars(select(Unit)).one()
        unit_row.departments = departments
        # One hash for all: Argon2id is slow on purpose, and every demo login is the same.
        demo_hash = passwords.hash_password(DEMO_PASSWORD)
        for index in range(count):
            gender = rng.choice("mf")
            first, surname = self._name(rng, gender)
            initials = (first[0] + surname[0]).upper()
            extra = 1
            while initials in initials_used:
                initials = (first[:2] + surname[0]).upper() if extra == 1 else f"{initials[:2]}{extra}"
                extra += 1
            initials_used.add(initials)
            title = texts.LEADER_TITLE if index == 0 else texts.STAFF_TITLES[(index - 1) % 3]
            member = StaffMember(
                name=f"{first} {surname}",
                initials=initials,
                title=title,
                # The leader set the unit up (its administrator); the others document.
                role=StaffRole.ADMINISTRATOR if index == 0 else StaffRole.EMPLOYEE,
                department=None if index == 0 else departments[(index - 1) % len(departments)],
                created_at=created,
                password_hash=demo_hash,
                password_set_at=created,
            )
            self.session.add(member)
            self.staff.append(member)
        self.session.flush()
        self.stats.staff = count
