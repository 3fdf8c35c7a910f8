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
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from fko_desktop.demo import texts
from fko_desktop.demo.summary import DemoSummary
from fko_desktop.demo.themes import ADULT_THEMES, CHILD_THEMES, Theme
from fko_desktop.errors import FkoError
from fko_desktop.models import (
    Actor,
    AuditEvent,
    Citizen,
    CitizenContact,
    DiaryNote,
    FollowUp,
    FollowUpAssessment,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    OrderService,
    Plan,
    PlanContext,
    RecordVersion,
    StaffMember,
    SubGoal,
    SubGoalEvaluation,
    UseOfForce,
)
from fko_desktop.models import scores
from fko_desktop.models.catalogs import CodeSet, load_catalog
from fko_desktop.models.cpr import birth_date, parse_cpr
from fko_desktop.models.deadlines import next_follow_up
from fko_desktop.models.enums import (
    Area,
    AssessmentRole,
    ContactKind,
    FollowUpForm,
    MeetingKind,
    OrderState,
    PlanState,
    SubGoalState,
    UseOfForceKind,
)
from fko_desktop.models.history import record_event
from fko_desktop.models.schedule import add_months, goal_status_schedule
from fko_desktop.storage.unitfile import UnitFile

UTC = dt.timezone.utc
DAY = dt.timedelta(days=1)

ACTOR = Actor(None, "FKO Desktop (demodata)")
NOT_EMPTY = "Demodata kan kun lægges i en tom enhedsfil."

#: Journal notes per active sub-goal per week (before jitter). With four to five sub-goals
#: running per citizen this gives ~4,500 notes for a citizen with five years of history, and
#: 220k–280k notes for 60 citizens over 5 years.
NOTE_RATES = (3, 4, 4, 4, 5)
SCORED_SHARE = 0.70
NOT_ASSESSED_SHARE = 0.05
#: Share of citizens who have been in the unit for the whole period (the rest move in later).
FULL_HISTORY_SHARE = 0.85
#: Share of goals worked on through two sub-goals at once (else one).
TWO_SLOT_SHARE = 0.85
#: Rows buffered before a bulk write.
CHUNK = 40_000
#: Page cache for the build (KiB, negative = size): the FTS5 index thrashes the default 2 MB.
BUILD_CACHE_KIB = 200_000

_JOURNAL_COLUMNS = (
    "id", "sub_goal_id", "citizen_id", "observed_at", "author_id", "text", "score",
    "created_at", "created_by_id", "version", "updated_at", "updated_by_id",
    "withdrawn_at", "withdrawn_by_id", "withdrawal_reason",
)
_DIARY_COLUMNS = (
    "id", "citizen_id", "observed_at", "author_id", "text", "created_at", "created_by_id",
    "version", "updated_at", "updated_by_id", "withdrawn_at", "withdrawn_by_id",
    "withdrawal_reason",
)
_TAG_COLUMNS = ("note_id", "catalog", "code")


# --- time -----------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _summer_time(year: int) -> tuple[dt.date, dt.date]:
    """Danish summer time runs from the last Sunday of March to the last Sunday of October."""

    def last_sunday(month: int) -> dt.date:
        d = dt.date(year, month, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)

    return last_sunday(3), last_sunday(10)


def local_time(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """A Danish wall-clock time (07–22, never in the switch-over hour) as an aware UTC instant.

    Computed by rule instead of ``zoneinfo`` so the demo needs no time zone database (Windows
    has none without the ``tzdata`` package).
    """
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - dt.timedelta(
        hours=utc_offset_hours(day)
    )


def utc_offset_hours(day: dt.date) -> int:
    start, end = _summer_time(day.year)
    return 2 if start <= day < end else 1


def _note_times(day: dt.date, hour: int, minute: int, delay_minutes: int) -> tuple[str, str]:
    """(observed_at, created_at) as stored text for a note observed at local *hour*:*minute*.

    The fast path of ``_iso(local_time(...))`` for the bulk tables: local 07–22 is UTC 05–21,
    and a delay of at most 90 minutes stays within the same UTC day.
    """
    utc_minutes = (hour - utc_offset_hours(day)) * 60 + minute
    stamp = day.isoformat()
    created = utc_minutes + delay_minutes
    return (
        f"{stamp}T{utc_minutes // 60:02d}:{utc_minutes % 60:02d}:00.000000+00:00",
        f"{stamp}T{created // 60:02d}:{created % 60:02d}:00.000000+00:00",
    )


def _iso(instant: dt.datetime) -> str:
    """Exactly what ``UTCDateTime`` stores."""
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def _month_year(day: dt.date) -> str:
    months = (
        "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
        "oktober", "november", "december",
    )
    return f"i {months[day.month - 1]} {day.year}"


def workday(day: dt.date) -> dt.date:
    """*day* moved off weekends and the Christmas week: meetings and letters happen on workdays."""
    if day.month == 12 and day.day >= 22:
        day = dt.date(day.year, 12, 19)
    if day.weekday() == 5:
        return day - DAY
    if day.weekday() == 6:
        return day + DAY
    return day


def _clamp_score(value: float) -> int:
    return 0 if value < 0.5 else 4 if value >= 3.5 else int(round(value))


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# --- catalog codes --------------------------------------------------------------------------


def _by_display(codes: CodeSet, display: str) -> str:
    for entry in codes:
        if entry.display == display and entry.selectable:
            return entry.code
    raise FkoError(
        f"Kataloget mangler »{display}« i sættet {codes.name}; demodata kan ikke bygges."
    )


class Codes:
    """The catalog codes the demo uses, looked up once (from resources/, never hard-coded)."""

    def __init__(self) -> None:
        ffb = load_catalog("ffb")
        ics = load_catalog("ics")
        care = load_catalog("care_social")
        special = load_catalog("specialsektoren")
        ics_domains = ics.set("goal_domains")
        self.ics_goal_types = {code: code for code in ("udvikling", "fastholdelse")}
        for code in (*self.ics_goal_types, *(t.domain for t in CHILD_THEMES)):
            if code not in ics_domains and code not in ics.set("goal_types"):
                raise FkoError(f"ICS-kataloget mangler koden »{code}«.")
        domains = ffb.set("goal_domains")
        self.ffb_domain = {t.key: _by_display(domains, t.domain) for t in ADULT_THEMES}
        related = ffb.set("related_themes")
        self.related = {
            display: _by_display(related, display)
            for t in ADULT_THEMES
            for display in t.related
        }
        goal_types = ffb.set("goal_types")
        self.ffb_goal_types = {
            "dev": _by_display(goal_types, "Udvikle funktionsevne"),
            "maint": _by_display(goal_types, "Fastholde funktionsevne"),
            "limit": _by_display(goal_types, "Begrænse tab af funktionsevne"),
        }
        need = ffb.set("support_need")
        self.support_need = [
            _by_display(need, display)
            for display in (
                "Intet støttebehov",
                "Let støttebehov",
                "Moderat støttebehov",
                "Højt støttebehov",
                "Fuldstændigt støttebehov",
            )
        ]
        status = ffb.set("intervention_status")
        self.continue_code = _by_display(status, "Træf afgørelse om fortsættelse af indsats")
        self.end_code = _by_display(status, "Træf afgørelse om afslutning af indsats")
        self.end_refer_code = _by_display(
            status, "Træf afgørelse om afslutning af indsats og visiter til ny"
        )
        sources = care.set("assessment_sources")
        self.source = {
            name: _by_display(sources, name)
            for name in (
                "Borger",
                "Sagsbehandler",
                "Udfører",
                "Medarbejder alene",
                "Medarbejder og pårørende alene",
                "Borger støttet af medarbejder",
                "Borger støttet af pårørende",
            )
        }
        self.contexts = [entry.code for entry in special.set("contexts")]
        missing = [code for code in texts.CONTEXT_TEXTS if code not in self.contexts]
        if missing:
            raise FkoError(f"Specialsektoren-kataloget mangler {', '.join(missing)}.")
        self.diary_themes = {
            display: _by_display(related, display) for display in texts.ADULT_DIARY
        }
        groups = ffb.set("target_groups")
        self.target_groups = {
            display: _by_display(groups, display) for _, display in texts.ADULT_DIAGNOSES
        }

    def support_need_for(self, level: float) -> str:
        index = 0 if level < 0.5 else 1 if level < 1.5 else 2 if level < 2.5 else 3 if level < 3.4 else 4
        return self.support_need[index]


# --- the latent development of one goal theme ------------------------------------------------


@dataclass
class Track:
    theme: Theme
    kind: str  # "dev" | "maint" | "limit"
    start: dt.date
    l0: float
    floor: float
    tau: float
    amp: float
    period: float
    phase: float
    slope: float
    setbacks: list[tuple[int, int, float]]
    # Shared by the continuations of a track, so revised goals carry on with the next sub-goal.
    sub_counter: list[int] = field(default_factory=lambda: [0])

    def level(self, day: dt.date) -> float:
        x = (day - self.start).days
        if self.kind == "dev":
            value = self.floor + (self.l0 - self.floor) * math.exp(-x / self.tau)
        elif self.kind == "limit":
            value = self.l0 + self.slope * x / 365.0
        else:
            value = self.l0
        value += self.amp * math.sin(x / self.period + self.phase)
        for begin, length, depth in self.setbacks:
            if begin <= x < begin + length:
                half = length / 2
                value += depth * (1 - abs(x - begin - half) / half)
        return value


def _continue_track(rng: random.Random, track: Track, start: dt.date, span: int) -> Track:
    """The same theme under a revised order: a development track gets a new push from where
    it stands (most of the time), so revised goals are not all stuck at their baseline."""
    if track.kind != "dev":
        return track
    now = track.level(start)
    if rng.random() < 0.75:
        floor = max(0.1, now - rng.uniform(0.6, 1.5))
    else:
        floor = now - rng.uniform(0.0, 0.4)
    setbacks = [
        (rng.randrange(30, max(31, span)), rng.randint(20, 70), rng.uniform(0.7, 1.6))
        for _ in range(rng.choice((0, 0, 1)))
    ]
    return dataclasses.replace(
        track, start=start, l0=now, floor=floor, tau=rng.uniform(100, 350), setbacks=setbacks
    )


def _new_track(rng: random.Random, theme: Theme, start: dt.date, area: str, span: int) -> Track:
    roll = rng.random()
    if area == "adults" and roll < 0.04:
        kind = "limit"
    elif roll < 0.16:
        kind = "maint"
    else:
        kind = "dev"
    if kind == "dev":
        l0 = rng.uniform(2.3, 3.9)
        floor = rng.uniform(0.2, max(0.4, l0 - 1.0))
        if rng.random() < 0.2:  # a goal that hardly moves
            floor = l0 - rng.uniform(0.2, 0.7)
    elif kind == "maint":
        l0 = rng.uniform(0.7, 1.6)
        floor = l0
    else:
        l0 = rng.uniform(1.6, 2.4)
        floor = l0
    setbacks = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        setbacks.append((rng.randrange(30, max(31, span)), rng.randint(20, 70), rng.uniform(0.7, 1.6)))
    return Track(
        theme=theme,
        kind=kind,
        start=start,
        l0=l0,
        floor=floor,
        tau=rng.uniform(100, 450),
        amp=rng.uniform(0.1, 0.35),
        period=rng.uniform(8, 25),  # days per radian: a wobble of roughly 2–5 months
        phase=rng.uniform(0, 6.28),
        slope=rng.uniform(0.25, 0.5),
        setbacks=setbacks,
    )


# --- per-note text --------------------------------------------------------------------------


class _Keep(dict):
    """Fixed placeholder values; varying ones are kept as ``{key}`` for a later pass."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Fill(dict):
    """Placeholder values for one text: fixed ones given, varying ones drawn when first used."""

    def __init__(self, fixed: dict[str, str], rng: random.Random) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = self.rng.choice(texts.FILLERS[key])
        self[key] = value
        return value


def _fmt(template: str, fixed: dict[str, str], rng: random.Random) -> str:
    return template.format_map(_Fill(fixed, rng))


# --- blueprints -----------------------------------------------------------------------------


@dataclass
class _Goal:
    track: Track
    start: dt.date
    end: dt.date | None
    baseline: int
    target: int
    orm: InterventionGoal | None = None
    subs: list[tuple[SubGoal, dt.date, dt.date | None]] = field(default_factory=list)
    scores: list[tuple[dt.date, int]] = field(default_factory=list)
    note_days: list[dt.date] = field(default_factory=list)
    statuses: list[tuple[dt.date, Any]] = field(default_factory=list)


@dataclass
class _Stats:
    citizens: int = 0
    children: int = 0
    adults: int = 0
    ended: int = 0
    staff: int = 0
    orders: int = 0
    goals: int = 0
    sub_goals: int = 0
    journal_notes: int = 0
    diary_notes: int = 0
    goal_statuses: int = 0
    follow_ups: int = 0
    follow_up_assessments: int = 0
    use_of_force: int = 0
    edited: int = 0
    withdrawn: int = 0


class _Writer:
    """Buffers bulk rows and writes them in a few large statements."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.journal: list[tuple[Any, ...]] = []
        self.diary: list[tuple[Any, ...]] = []
        self.tags: list[tuple[Any, ...]] = []
        self.statuses: list[dict[str, Any]] = []
        self.assessments: list[dict[str, Any]] = []
        self.versions: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.next_journal_id = self._next_id(JournalNote)
        self.next_diary_id = self._next_id(DiaryNote)

    def _next_id(self, entity: type) -> int:
        return (self.session.scalar(select(func.max(entity.id))) or 0) + 1

    def _raw(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})"
            )
            self.session.connection().exec_driver_sql(sql, rows)
            rows.clear()

    def flush(self, *, force: bool = False) -> None:
        if force or len(self.journal) + len(self.diary) >= CHUNK:
            self._raw("journal_note", _JOURNAL_COLUMNS, self.journal)
            self._raw("diary_note", _DIARY_COLUMNS, self.diary)
            self._raw("diary_tag", _TAG_COLUMNS, self.tags)
        if force or len(self.statuses) + len(self.assessments) >= CHUNK // 4:
            for entity, rows in (
                (GoalStatus, self.statuses),
                (FollowUpAssessment, self.assessments),
                (RecordVersion, self.versions),
                (AuditEvent, self.events),
            ):
                if rows:
                    self.session.execute(insert(entity), rows)
                    rows.clear()


# --- the build ------------------------------------------------------------------------------


def build(unit: UnitFile, *, citizens: int, years: int, seed: int, today: dt.date) -> DemoSummary:
    codes = Codes()
    with unit.write(ACTOR) as session:
        if session.scalar(select(func.count()).select_from(Citizen)):
            raise FkoError(NOT_EMPTY)
        connection = session.connection()
        cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
        try:
            builder = _Builder(session, codes, citizens=citizens, years=years, seed=seed, today=today)
            stats = builder.run()
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size={int(cache)}")
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
        pool = texts.BOY_NAMES if gender == "m" else texts.GIRL_NAMES
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
            if born.year >= 2000:
                century = rng.choice((4, 5, 6, 7, 8, 9))
            else:
                century = rng.randint(0, 3)
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
        for index, (citizen_seed, area) in enumerate(zip(seeds, areas)):
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
                name=f"{first} {surname}", initials=initials, title=title, created_at=created
            )
            self.session.add(member)
            self.staff.append(member)
        self.session.flush()
        self.stats.staff = count


class _CitizenBuilder:
    def __init__(self, parent: _Builder, rng: random.Random, index: int, area: str) -> None:
        self.p = parent
        self.rng = rng
        self.index = index
        self.area = area
        self.children = area == "children"
        self.codes = parent.codes
        self.session = parent.session
        self.writer = parent.writer
        self.stats = parent.stats
        self.themes = CHILD_THEMES if self.children else ADULT_THEMES
        self._pre_cache: dict[str, str] = {}

    def _pre(self, template: str) -> str:
        """*template* with this citizen's fixed values filled in (cached)."""
        done = self._pre_cache.get(template)
        if done is None:
            done = template.format_map(_Keep(self.fixed))
            self._pre_cache[template] = done
        return done

    # -- timeline ---------------------------------------------------------------------------

    def _timeline(self) -> None:
        rng, p = self.rng, self.p
        window_days = (p.last_day - p.window_start).days
        if self.index == 2 or window_days < 120:
            # A new measure: the first follow-up (three months in) is still ahead.
            first = max(p.window_start, p.last_day - dt.timedelta(days=rng.randint(30, 75)))
        elif rng.random() < FULL_HISTORY_SHARE:
            first = p.window_start + dt.timedelta(days=rng.randint(0, min(45, window_days // 4)))
        else:
            first = p._date_between(
                rng, p.window_start + dt.timedelta(days=46), p.last_day - dt.timedelta(days=90)
            )
        first = max(p.window_start, workday(first))
        self.meeting0 = first
        self.received0 = min(workday(first + dt.timedelta(days=rng.randint(2, 12))), p.last_day)
        self.intake = min(self.received0 + dt.timedelta(days=rng.randint(0, 7)), p.last_day)

        held: list[dt.date] = []
        last: dt.date | None = None
        upcoming: dt.date | None
        while True:
            planned = next_follow_up(self.area, measure_start=self.intake, last_follow_up=last)
            actual = workday(planned + dt.timedelta(days=rng.randint(-10, 10)))
            if actual > p.last_day:
                upcoming = actual if actual > p.today else p.today + dt.timedelta(days=rng.randint(3, 20))
                break
            held.append(actual)
            last = actual

        self.end_date: dt.date | None = None
        self.end_index: int | None = None
        eligible = [i for i, day in enumerate(held) if i >= 1 and day <= p.last_day - dt.timedelta(days=60)]
        if self.index != 2 and eligible and rng.random() < 0.12:
            self.end_index = rng.choice(eligible)
            held = held[: self.end_index + 1]
            self.end_date = held[-1] + dt.timedelta(days=rng.randint(14, 45))
            upcoming = None
        self.held = held
        self.upcoming = upcoming
        self.limit = self.end_date or p.last_day  # the last day anything happens

        # Orders: the first at intake, a revised one at the first follow-up a year or more on.
        self.order_dates: list[tuple[dt.date, dt.date, MeetingKind]] = [
            (self.meeting0, self.received0, MeetingKind.VISITATION)
        ]
        for i, day in enumerate(held):
            if i == self.end_index:
                break
            if (day - self.order_dates[-1][0]).days >= 330:
                received = min(workday(day + dt.timedelta(days=rng.randint(3, 12))), p.last_day)
                self.order_dates.append((day, received, MeetingKind.ANNUAL))

    # -- profile ----------------------------------------------------------------------------

    def _profile(self) -> Citizen:
        rng, p = self.rng, self.p
        self.gender = rng.choice("mf")
        first, surname = p._name(rng, self.gender, young=self.children)
        self.first, self.surname = first, surname
        if self.children:
            lo, hi = max(2008, self.intake.year - 17), min(2020, self.intake.year - 6)
            if lo > hi:
                lo, hi = self.intake.year - 17, self.intake.year - 6
        else:
            lo, hi = max(1960, p.today.year - 64), min(2004, self.intake.year - 18)
            if lo > hi:
                lo, hi = p.today.year - 64, self.intake.year - 18
        year = rng.randint(lo, hi)
        self.born = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        cpr = p._cpr(rng, self.born, self.gender)
        self.municipality = rng.choice(texts.MUNICIPALITIES)
        paying = self.municipality if rng.random() < 0.85 else rng.choice(texts.MUNICIPALITIES)
        cw_first, cw_surname = p._name(rng, rng.choice("mf"))
        self.caseworker = f"{cw_first} {cw_surname}"
        self.department = rng.choice(texts.DEPARTMENTS[self.area])
        self.fixed: dict[str, str] = {"navn": first, **texts.PRONOUNS[self.gender]}
        if self.children:
            parent_word = rng.choice(texts.CHILD_PARENTS)
            self.fixed.update(
                foraelder=parent_word,
                foraelder_voksen="sin " + parent_word,
                aktivitet=rng.choice(texts.CHILD_ACTIVITIES),
                arbejdssted="skolen",
                sengetid=texts.BEDTIMES[min(3, max(0, (self.intake.year - year - 6) // 3))],
            )
            diagnoses = rng.choice(texts.CHILD_DIAGNOSES)
            target_groups: list[str] = []
            wishes = rng.choice(texts.CHILD_WISHES)
        else:
            relative = rng.choice(texts.ADULT_RELATIVES)
            self.fixed.update(
                foraelder=relative.removeprefix("sin "),
                foraelder_voksen=relative,
                aktivitet=rng.choice(texts.ADULT_ACTIVITIES),
                arbejdssted=rng.choice(texts.WORKPLACES),
                sengetid="22.30",
            )
            diagnoses, group = rng.choice(texts.ADULT_DIAGNOSES)
            target_groups = [self.codes.target_groups[group]]
            wishes = rng.choice(texts.ADULT_WISHES)
        self.diagnoses = diagnoses
        department_kind = "Børne- og Familieafdelingen" if self.children else "Voksen- og Handicapafdelingen"
        self.caseworker_org = f"{self.municipality} Kommune, {department_kind}"

        # Contact persons from the staff (never the leader as primary), weights for authorship.
        staff = p.staff
        carers = staff[1:] if len(staff) > 1 else staff
        contacts = rng.sample(carers, 2 if len(carers) >= 2 and rng.random() < 0.7 else 1)
        self.primary = contacts[0]
        weights = []
        for member in staff:
            if member is contacts[0]:
                weights.append(4.0)
            elif member in contacts:
                weights.append(3.0)
            elif member is staff[0]:
                weights.append(0.15)
            else:
                weights.append(1.0)
        self.team = [member.id for member in staff]
        self.team_cum = []
        total = 0.0
        for weight in weights:
            total += weight
            self.team_cum.append(total)
        self.staff_names = {member.id: member.name for member in staff}

        citizen = Citizen(
            name=f"{first} {surname}",
            cpr=cpr,
            area=Area(self.area),
            department=self.department,
            intake_date=self.intake,
            end_date=self.end_date,
            caseworker_name=self.caseworker,
            caseworker_contact=self.caseworker_org,
            acting_municipality=self.municipality,
            paying_municipality=paying,
            diagnoses=diagnoses,
            wishes=_fmt(wishes, self.fixed, rng),
            target_groups=target_groups,
            created_at=p._at(self.received0, 10, 15),
            created_by_id=self.primary.id,
        )
        for position, member in enumerate(contacts):
            citizen.contacts.append(
                CitizenContact(
                    kind=ContactKind.CONTACT_PERSON,
                    name=member.name,
                    relation="Primær kontaktperson" if position == 0 else "Sekundær kontaktperson",
                    staff_id=member.id,
                )
            )
        if self.children:
            relations = [("Mor", "f"), ("Far", "m")]
            for relation, gender in relations[: rng.choice((1, 2, 2))]:
                parent_first, _ = p._name(rng, gender)
                citizen.contacts.append(
                    CitizenContact(
                        kind=ContactKind.GUARDIAN,
                        name=f"{parent_first} {surname}",
                        relation=relation,
                        email=_email(parent_first, surname),
                    )
                )
        else:
            relation = self.fixed["foraelder"].capitalize()
            kin_gender = "f" if relation in ("Mor", "Søster") else "m"
            kin_first, _ = p._name(rng, kin_gender)
            citizen.contacts.append(
                CitizenContact(
                    kind=ContactKind.NEXT_OF_KIN,
                    name=f"{kin_first} {surname}",
                    relation=relation,
                    email=_email(kin_first, surname),
                )
            )
            if rng.random() < 0.4:
                g_first, g_surname = p._name(rng, rng.choice("mf"))
                citizen.contacts.append(
                    CitizenContact(
                        kind=ContactKind.OTHER,
                        name=f"{g_first} {g_surname}",
                        relation="Værge",
                        email=_email(g_first, g_surname),
                    )
                )
        return citizen

    # -- goals ------------------------------------------------------------------------------

    def _pick_theme(self, used: list[Theme]) -> Theme:
        taken_domains = {t.domain for t in used}
        free = [t for t in self.themes if t.domain not in taken_domains and t not in used]
        if not free:
            free = [t for t in self.themes if t not in used] or list(self.themes)
        return self.rng.choice(free)

    def _goal_scores(self, track: Track, start: dt.date) -> tuple[int, int]:
        rng = self.rng
        baseline = _clamp_score(track.level(start) + rng.gauss(0, 0.25))
        if track.kind == "limit":
            return baseline, min(4, baseline + 1)
        if baseline == 0 or (track.kind == "maint" and baseline <= 1):
            return baseline, baseline
        step = 2 if baseline >= 3 and rng.random() < 0.35 else 1
        return baseline, max(0, baseline - step)

    def _plan_goals(self) -> list[list[_Goal]]:
        """The goals of every order, as blueprints (tracks carry on across orders)."""
        rng = self.rng
        span = (self.limit - self.intake).days + 1
        n = rng.choices((2, 3, 4), weights=(0.35, 0.55, 0.10))[0]
        tracks: list[Track] = []
        for _ in range(n):
            theme = self._pick_theme([t.theme for t in tracks])
            tracks.append(_new_track(rng, theme, self.intake, self.area, span))
        orders: list[list[_Goal]] = []
        starts = [self.intake] + [received for _, received, _ in self.order_dates[1:]]
        for k, start in enumerate(starts):
            if k > 0:
                previous = orders[-1]
                kept: list[Track] = []
                for goal in previous:
                    achieved = goal.track.level(start) <= goal.target + 0.3
                    if achieved and rng.random() < 0.5:
                        continue
                    kept.append(_continue_track(rng, goal.track, start, span))
                if len(kept) < 2 or (len(kept) < 3 and rng.random() < 0.3):
                    while len(kept) < rng.choice((2, 3)):
                        theme = self._pick_theme([t.theme for t in kept])
                        kept.append(_new_track(rng, theme, start, self.area, span))
                elif len(kept) > 3 and rng.random() < 0.6:
                    kept.pop()
                tracks = kept
            end = (starts[k + 1] - DAY) if k + 1 < len(starts) else self.end_date
            goals = []
            for track in tracks:
                baseline, target = self._goal_scores(track, start)
                goals.append(_Goal(track, start, end, baseline, target))
            orders.append(goals)
        return orders

    def _follow_up_after(self, day: dt.date) -> dt.date | None:
        for meeting in self.held:
            if meeting > day:
                return meeting
        return self.upcoming

    def _make_goal(self, goal: _Goal, order: Order, position: int) -> InterventionGoal:
        rng, p = self.rng, self.p
        theme = goal.track.theme
        if goal.target == goal.baseline:
            text = theme.maintenance
        else:
            text = rng.choice(theme.goals)
        if self.children:
            catalog, domain = "ics", theme.domain
            goal_type = "udvikling" if goal.target < goal.baseline else "fastholdelse"
            related: list[str] = []
        else:
            catalog, domain = "ffb", self.codes.ffb_domain[theme.key]
            kind = "dev" if goal.target < goal.baseline else "maint" if goal.target == goal.baseline else "limit"
            goal_type = self.codes.ffb_goal_types[kind]
            related = [
                self.codes.related[name]
                for name in rng.sample(theme.related, rng.randint(0, min(2, len(theme.related))))
            ]
        orm = InterventionGoal(
            citizen_id=order.citizen_id,
            position=position,
            text=_fmt(text, self.fixed, rng),
            domain_catalog=catalog,
            domain_code=domain,
            goal_type_code=goal_type,
            baseline=goal.baseline,
            target=goal.target,
            start_date=goal.start,
            follow_up_date=self._follow_up_after(goal.start),
            end_date=goal.end,
            responsible_id=self.primary.id,
            related_themes=related,
            justification=_fmt(
                f"Ved mødet pegede {{navn}}, netværket og sagsbehandleren på {theme.label} som et "
                "område, hvor der er behov for en målrettet indsats.",
                self.fixed,
                rng,
            ),
            created_at=p._at(order.received_date, 11, rng.randint(0, 59)),
            created_by_id=self.primary.id,
        )
        order.goals.append(orm)
        goal.orm = orm
        self._make_sub_goals(goal)
        return orm

    def _make_sub_goals(self, goal: _Goal) -> None:
        rng, p = self.rng, self.p
        track, theme = goal.track, goal.track.theme
        goal_last = goal.end or p.last_day
        slots = 2 if rng.random() < TWO_SLOT_SHARE else 1
        position = 1
        for _ in range(slots):
            cursor = goal.start
            while cursor <= goal_last:
                length = rng.randint(120, 330)
                planned_end = cursor + dt.timedelta(days=length)
                final = planned_end >= goal_last - dt.timedelta(days=60)
                end = goal.end if final else planned_end
                template = theme.sub_goals[track.sub_counter[0] % len(theme.sub_goals)]
                track.sub_counter[0] += 1
                if end is None:
                    state = SubGoalState.ACTIVE
                elif track.level(end) < track.level(cursor) - 0.3:
                    state = SubGoalState.ACHIEVED
                else:
                    state = SubGoalState.ENDED
                text, justification, method = (_fmt(t, self.fixed, rng) for t in template)
                sub = SubGoal(
                    citizen_id=goal.orm.citizen_id,
                    position=position,
                    text=text,
                    justification=justification,
                    method=method,
                    start_date=cursor,
                    end_date=end,
                    state=state,
                    responsible_id=self.primary.id,
                    created_at=p._at(min(cursor + dt.timedelta(days=rng.randint(0, 6)), p.last_day), 13, rng.randint(0, 59)),
                    created_by_id=self.primary.id,
                )
                position += 1
                self._evaluations(sub, track, goal.start, cursor, end, state)
                goal.orm.sub_goals.append(sub)
                goal.subs.append((sub, cursor, end))
                if final:
                    break
                cursor = planned_end + DAY

    def _evaluations(
        self,
        sub: SubGoal,
        track: Track,
        goal_start: dt.date,
        start: dt.date,
        end: dt.date | None,
        state: SubGoalState,
    ) -> None:
        rng, p = self.rng, self.p
        last = min(end or p.last_day, p.last_day)
        previous = start
        count = 0
        for status in goal_status_schedule(goal_start, last):
            due = status.due
            if due <= start or count >= 3 or rng.random() < 0.5:
                continue
            change = track.level(due) - track.level(previous)
            kind = "better" if change < -0.25 else "worse" if change > 0.3 else "same"
            self._evaluation(sub, due, kind)
            previous = due
            count += 1
        if end is not None and end <= p.last_day:
            self._evaluation(sub, end, "achieved" if state is SubGoalState.ACHIEVED else "ended")

    def _evaluation(self, sub: SubGoal, day: dt.date, kind: str) -> None:
        rng = self.rng
        sub.evaluations.append(
            SubGoalEvaluation(
                evaluated_on=day,
                text=_fmt(rng.choice(texts.EVALUATIONS[kind]), self.fixed, rng),
                created_at=self.p._at(day, 14, rng.randint(0, 59)),
                created_by_id=self.primary.id,
            )
        )

    # -- orders -----------------------------------------------------------------------------

    def _orders(self, citizen: Citizen, plans: list[list[_Goal]]) -> list[Order]:
        rng, p = self.rng, self.p
        orders: list[Order] = []
        last_index = len(self.order_dates) - 1
        for k, ((meeting, received, kind), goals) in enumerate(zip(self.order_dates, plans)):
            if k < last_index:
                state = OrderState.REPLACED
            elif self.end_date is not None:
                state = OrderState.ENDED
            else:
                state = OrderState.ACCEPTED
            mean_level = sum(g.track.level(received) for g in goals) / len(goals)
            order = Order(
                citizen_id=citizen.id,
                meeting_date=meeting,
                meeting_kind=kind,
                received_date=received,
                sender_name=self.caseworker,
                sender_organisation=self.caseworker_org,
                intervention_purpose=_fmt(rng.choice(texts.ORDER_PURPOSES[self.area]), self.fixed, rng),
                agreements=_fmt(rng.choice(texts.ORDER_AGREEMENTS[self.area]), self.fixed, rng),
                other_needs=rng.choice(texts.ORDER_OTHER_NEEDS),
                support_need_code=None if self.children else self.codes.support_need_for(mean_level),
                state=state,
                replaces_order_id=orders[-1].id if orders else None,
                created_at=p._at(received, 9, rng.randint(0, 59)),
                created_by_id=self.primary.id,
            )
            name, legal_basis = rng.choice(texts.SERVICES[self.area])
            order.services.append(
                OrderService(
                    name=name,
                    legal_basis=legal_basis,
                    start_date=self.intake if k == 0 else received,
                    end_date=self.end_date if state is OrderState.ENDED else None,
                )
            )
            self.session.add(order)
            for position, goal in enumerate(goals, start=1):
                self._make_goal(goal, order, position)
            self.session.flush()
            orders.append(order)
            self.stats.orders += 1
            self.stats.goals += len(goals)
            self.stats.sub_goals += sum(len(g.subs) for g in goals)
        return orders

    # -- journal ----------------------------------------------------------------------------

    def _journal(self, citizen_id: int, goals: list[_Goal]) -> list[tuple[Any, ...]]:
        rng, p = self.rng, self.p
        rows: list[tuple[Any, ...]] = []
        pre = self._pre
        not_assessed_texts = [pre(t) for t in texts.NOT_ASSESSED_TEXTS[self.area]]
        openers = {part: [pre(t) for t in options] for part, options in texts.OPENERS.items()}
        reactions = {mood: [pre(t) for t in options] for mood, options in texts.REACTIONS.items()}
        actions = [pre(t) for t in texts.ACTIONS]
        team, team_cum = self.team, self.team_cum
        team_total = team_cum[-1]
        moods = ("good", "good", "mid", "hard", "hard")
        writer = self.writer
        for goal in goals:
            track, theme = goal.track, goal.track.theme
            good, mid, hard = ([pre(t) for t in group] for group in (theme.good, theme.mid, theme.hard))
            observations = (good, good, mid, hard, hard)
            day_range = 5 if theme.weekdays_only else 7
            hours = theme.hours
            for sub, start, end in goal.subs:
                last = min(end or p.last_day, p.last_day)
                if last < start:
                    continue
                sub_id = sub.id
                rate = rng.choice(NOTE_RATES)
                monday = start - dt.timedelta(days=start.weekday())
                while monday <= last:
                    roll = rng.random()
                    n = rate + (1 if roll < 0.15 else -1 if roll < 0.3 else 0)
                    n = max(1, min(day_range, n))
                    for offset in sorted(rng.sample(range(day_range), n)):
                        day = monday + dt.timedelta(days=offset)
                        if day < start or day > last:
                            continue
                        a, b = rng.choice(hours)
                        hour = rng.randrange(a, b)
                        minute = rng.randrange(60)
                        latent = _clamp_score(track.level(day) + rng.gauss(0, 0.55))
                        kind = rng.random()
                        if SCORED_SHARE <= kind < SCORED_SHARE + NOT_ASSESSED_SHARE:
                            text = rng.choice(not_assessed_texts)
                            stored: int | None = scores.NOT_ASSESSED_STORAGE
                        else:
                            part = "morning" if hour < 11 else "day" if hour < 17 else "evening"
                            opener = rng.choice(openers[part])
                            body = rng.choice(observations[latent])
                            text = f"{opener} {body}" if opener else body
                            if rng.random() < 0.55:
                                text = f"{text} {rng.choice(reactions[moods[latent]])}"
                            if rng.random() < 0.45:
                                text = f"{text} {rng.choice(actions)}"
                            if kind < SCORED_SHARE:
                                stored = latent
                                goal.scores.append((day, latent))
                            else:
                                stored = None
                        if "{" in text:
                            text = text.format_map(_Fill({}, rng))
                        goal.note_days.append(day)
                        author = team[bisect.bisect_left(team_cum, rng.random() * team_total)]
                        observed, created = _note_times(day, hour, minute, rng.randint(3, 90))
                        rows.append(
                            (
                                writer.next_journal_id, sub_id, citizen_id, observed, author,
                                text, stored, created, author, 1, None, None, None, None, None,
                            )
                        )
                        writer.next_journal_id += 1
                    monday += dt.timedelta(days=7)
            goal.scores.sort()
            goal.note_days.sort()
        self._edit_and_withdraw(citizen_id, rows)
        return rows

    def _edit_and_withdraw(self, citizen_id: int, rows: list[tuple[Any, ...]]) -> None:
        """A few notes corrected afterwards (version 2 + the kept version) and one withdrawn."""
        rng, p = self.rng, self.p
        if len(rows) < 60:
            return
        picks = rng.sample(range(len(rows)), 3)
        for number, index in enumerate(picks):
            row = list(rows[index])
            note_id, author = row[0], row[4]
            created = dt.datetime.fromisoformat(row[7])
            when = created + dt.timedelta(hours=rng.randint(1, 30))
            if when.date() > p.last_day:
                continue
            if number < 2:
                old_text, old_score = row[5], row[6]
                row[5] = f"{old_text} {_fmt(rng.choice(texts.EDIT_ADDITIONS), self.fixed, rng)}"
                row[9], row[10], row[11] = 2, _iso(when), author
                self.writer.versions.append(
                    {
                        "record_type": "journal_note",
                        "record_id": note_id,
                        "version": 1,
                        "data": {
                            "observed_at": dt.datetime.fromisoformat(row[3]).isoformat(),
                            "author_id": author,
                            "text": old_text,
                            "score": "ikke_vurderet"
                            if old_score == scores.NOT_ASSESSED_STORAGE
                            else old_score,
                        },
                        "saved_at": created,
                        "saved_by_id": author,
                        "replaced_at": when,
                        "replaced_by_id": author,
                    }
                )
                action, details = "edit", {"fields": ["text", "updated_at", "updated_by_id", "version"]}
                self.stats.edited += 1
            else:
                reason = rng.choice(texts.WITHDRAWAL_REASONS)
                row[12], row[13], row[14] = _iso(when), author, reason
                action, details = "withdraw", {"reason": reason}
                self.stats.withdrawn += 1
            rows[index] = tuple(row)
            self.writer.events.append(
                {
                    "at": when,
                    "actor_id": author,
                    "actor_name": self.staff_names[author],
                    "action": action,
                    "record_type": "journal_note",
                    "record_id": note_id,
                    "citizen_id": citizen_id,
                    "details": details,
                }
            )

    # -- goal status ------------------------------------------------------------------------

    def _goal_statuses(self, citizen_id: int, goal: _Goal) -> None:
        rng, p = self.rng, self.p
        last = min(goal.end or p.last_day, p.last_day)
        schedule = goal_status_schedule(goal.start, last)
        if goal.end is None and schedule and rng.random() < 0.2:
            # Not written yet: shows up as overdue on the deadline list.
            recent = [s for s in schedule if (p.today - s.due).days < 120]
            drop = min(len(recent), rng.choice((1, 1, 2)))
            if drop:
                schedule = schedule[:-drop]
        days = [day for day, _ in goal.scores]
        previous_due = goal.start
        previous_score: int | None = None
        for status in schedule:
            lo = bisect.bisect_right(days, previous_due)
            hi = bisect.bisect_right(days, status.due)
            window = [score for _, score in goal.scores[lo:hi]]
            notes = bisect.bisect_right(goal.note_days, status.due) - bisect.bisect_right(
                goal.note_days, previous_due
            )
            if window:
                mean = sum(window) / len(window)
                score: Any = _clamp_score(mean + rng.gauss(0, 0.25))
            else:
                mean = goal.track.level(status.due)
                score = _clamp_score(mean)
            if rng.random() < 0.02:
                score = scores.NOT_ASSESSED
            if previous_score is None:
                trend = "first"
            elif score is scores.NOT_ASSESSED:
                trend = "same"
            else:
                trend = "better" if score < previous_score else "worse" if score > previous_score else "same"
            if score is scores.NOT_ASSESSED:
                summary = _fmt(
                    "Målstatus kunne ikke vurderes i denne periode, fordi {navn} i længere tid "
                    "har været væk fra bostedet (ferie og sygdom). ",
                    self.fixed,
                    rng,
                ) + f"Der er skrevet {notes} notater om delmålene."
            else:
                summary = (
                    _fmt(rng.choice(texts.STATUS_TREND[trend]), self.fixed, rng)
                    + f" I perioden er der skrevet {notes} notater om delmålene, heraf "
                    f"{len(window)} med score"
                    + (f" (gennemsnit {_decimal(mean)})." if window else ".")
                    + " "
                    + _fmt(rng.choice(texts.STATUS_NEXT), self.fixed, rng)
                )
            assessed = status.due + dt.timedelta(days=rng.randint(-10, 4))
            assessed = max(goal.start + DAY, min(assessed, p.last_day))
            if self.children:
                source = rng.choices(
                    ("Medarbejder alene", "Medarbejder og pårørende alene", "Borger støttet af medarbejder"),
                    weights=(0.75, 0.1, 0.15),
                )[0]
            else:
                source = rng.choices(
                    ("Medarbejder alene", "Borger støttet af medarbejder"), weights=(0.6, 0.4)
                )[0]
            citizen_score = citizen_note = None
            if scores.is_numeric(score) and rng.random() < 0.2:
                citizen_score = max(0, min(4, score + rng.choice((-1, -1, 0, 0, 1))))
                citizen_note = _fmt(
                    rng.choice(texts.CITIZEN_STATUS_NOTES),
                    {**self.fixed, "label": goal.track.theme.label},
                    rng,
                )
            self.writer.statuses.append(
                {
                    "goal_id": goal.orm.id,
                    "citizen_id": citizen_id,
                    "period": status.period,
                    "assessed_on": assessed,
                    "score": score,
                    "summary": summary,
                    "source_code": self.codes.source[source],
                    "citizen_score": citizen_score,
                    "citizen_note": citizen_note,
                    "version": 1,
                    "created_at": p._at(assessed, 14, rng.randint(0, 59)),
                    "created_by_id": self.primary.id,
                }
            )
            goal.statuses.append((assessed, score))
            self.stats.goal_statuses += 1
            previous_due = status.due
            if scores.is_numeric(score):
                previous_score = score

    # -- follow-ups -------------------------------------------------------------------------

    def _order_for(self, day: dt.date, orders: list[Order]) -> int:
        """The order a follow-up on ``day`` follows up: the latest one decided before it."""
        index = 0
        for k, (meeting, _, _) in enumerate(self.order_dates):
            if meeting < day:
                index = k
        return index

    def _follow_ups(
        self, citizen: Citizen, orders: list[Order], plans: list[list[_Goal]]
    ) -> list[tuple[FollowUp, list[_Goal], dt.date]]:
        rng, p = self.rng, self.p
        held: list[tuple[FollowUp, list[_Goal], dt.date]] = []
        for i, meeting in enumerate(self.held):
            k = self._order_for(meeting, orders)
            ending = i == self.end_index
            if self.children:
                form = rng.choices(
                    (FollowUpForm.MEETING, FollowUpForm.PHONE), weights=(0.85, 0.15)
                )[0]
            else:
                form = rng.choices(
                    (FollowUpForm.MEETING, FollowUpForm.PHONE, FollowUpForm.WRITTEN),
                    weights=(0.6, 0.25, 0.15),
                )[0]
            goals = [g for g in plans[k] if g.start < meeting]
            level = (
                sum(g.track.level(meeting) for g in goals) / len(goals) if goals else 2.0
            )
            if ending:
                status = self.codes.end_refer_code if rng.random() < 0.5 else self.codes.end_code
                agreements = _fmt(texts.FOLLOW_UP_END_AGREEMENTS[self.area], self.fixed, rng)
            else:
                status = self.codes.continue_code
                agreements = _fmt(rng.choice(texts.FOLLOW_UP_AGREEMENTS[self.area]), self.fixed, rng)
            invitation = workday(meeting - dt.timedelta(days=rng.randint(44, 60)))
            follow_up = FollowUp(
                citizen_id=citizen.id,
                order_id=orders[k].id,
                meeting_date=meeting,
                form=form,
                invitation_date=invitation,
                report_sent_date=workday(meeting - dt.timedelta(days=rng.randint(16, 24))),
                caseworker_name=self.caseworker,
                support_need_code=None if self.children else self.codes.support_need_for(level),
                intervention_status_code=status,
                agreements=agreements,
                agenda_points=_fmt(rng.choice(texts.AGENDA_POINTS), self.fixed, rng)
                if rng.random() < 0.25
                else None,
                held=True,
                created_at=p._at(invitation, 10, rng.randint(0, 59)),
                created_by_id=self.primary.id,
            )
            self.session.add(follow_up)
            held.append((follow_up, goals, meeting))
        if self.upcoming is not None:
            meeting = self.upcoming
            invitation = workday(meeting - dt.timedelta(days=rng.randint(44, 60)))
            invited = invitation if invitation <= p.last_day else None
            report_due = meeting - dt.timedelta(days=14)
            report_sent = None
            if report_due < p.today and rng.random() < 0.5:
                report_sent = min(p.last_day, workday(report_due - dt.timedelta(days=rng.randint(2, 6))))
            registered = invited or (self.held[-1] if self.held else self.intake)
            self.session.add(
                FollowUp(
                    citizen_id=citizen.id,
                    order_id=orders[-1].id,
                    meeting_date=meeting,
                    form=FollowUpForm.MEETING,
                    invitation_date=invited,
                    report_sent_date=report_sent,
                    caseworker_name=self.caseworker,
                    held=False,
                    created_at=p._at(registered, 10, rng.randint(0, 59)),
                    created_by_id=self.primary.id,
                )
            )
            self.stats.follow_ups += 1
        self.session.flush()
        self.stats.follow_ups += len(held)
        return held

    def _assessments(self, citizen_id: int, held: list[tuple[FollowUp, list[_Goal], dt.date]]) -> None:
        rng, p = self.rng, self.p
        age_years = lambda day: (day - self.born).days // 365  # noqa: E731
        for follow_up, goals, meeting in held:
            created = p._at(meeting, 15, rng.randint(0, 59))
            for goal in goals:
                numeric = [s for on, s in goal.statuses if on <= meeting and scores.is_numeric(s)]
                provider = numeric[-1] if numeric else _clamp_score(goal.track.level(meeting))
                agrees = rng.random() < 0.85
                caseworker = provider if agrees else max(0, min(4, provider + rng.choice((-1, 1))))
                if self.children and age_years(meeting) < 10 and rng.random() < 0.4:
                    citizen_score: Any = scores.NOT_ASSESSED
                else:
                    citizen_score = max(0, min(4, provider + rng.choice((-1, -1, 0, 0, 0, 1))))
                citizen_source = rng.choice(
                    ("Borger", "Borger støttet af medarbejder", "Borger støttet af pårørende")
                    if self.children
                    else ("Borger", "Borger", "Borger støttet af medarbejder")
                )
                voices = (
                    (
                        AssessmentRole.CITIZEN,
                        citizen_source,
                        citizen_score,
                        _fmt(rng.choice(texts.CITIZEN_ASSESSMENT_NOTES), self.fixed, rng)
                        if rng.random() < 0.5
                        else None,
                        None,
                    ),
                    (AssessmentRole.PROVIDER, "Udfører", provider, None, None),
                    (
                        AssessmentRole.CASEWORKER,
                        "Sagsbehandler",
                        caseworker,
                        None if agrees else _fmt(rng.choice(texts.CASEWORKER_DISAGREE), self.fixed, rng),
                        agrees,
                    ),
                )
                for role, source, score, note, agreement in voices:
                    self.writer.assessments.append(
                        {
                            "follow_up_id": follow_up.id,
                            "goal_id": goal.orm.id,
                            "citizen_id": citizen_id,
                            "role": role,
                            "source_code": self.codes.source[source],
                            "score": score,
                            "note": note,
                            "agrees_with_status": agreement,
                            "version": 1,
                            "created_at": created,
                            "created_by_id": self.primary.id,
                        }
                    )
                    self.stats.follow_up_assessments += 1

    # -- plan, use of force, diary ----------------------------------------------------------

    def _plan(self, citizen: Citizen, orders: list[Order]) -> None:
        rng, p = self.rng, self.p
        extra = {
            **self.fixed,
            "foedselsaar": str(self.born.year),
            "afdeling": self.department,
            "indflytning": _month_year(self.intake),
            "diagnoser": self.diagnoses,
            "foraelder_stort": self.fixed["foraelder"].capitalize(),
            "barn": "dreng" if self.gender == "m" else "pige",
            "voksen": "mand" if self.gender == "m" else "kvinde",
        }
        created = min(self.intake + dt.timedelta(days=rng.randint(10, 30)), p.last_day)
        updated = None
        if len(self.order_dates) > 1:
            updated = p._at(min(self.order_dates[-1][1] + dt.timedelta(days=rng.randint(3, 14)), p.last_day), 12)
        plan = Plan(
            citizen_id=citizen.id,
            order_id=orders[-1].id,
            state=PlanState.ENDED if self.end_date else PlanState.ACTIVE,
            responsible_id=self.primary.id,
            background=_fmt(rng.choice(texts.PLAN_BACKGROUND[self.area]), extra, rng),
            purpose_unit_addition=_fmt(texts.PLAN_UNIT_ADDITION[self.area], extra, rng),
            purpose_citizen_addition=_fmt(texts.PLAN_CITIZEN_ADDITION[self.area], extra, rng),
            presentation=_fmt(texts.PLAN_PRESENTATION[self.area], extra, rng),
            earlier_interventions=texts.PLAN_EARLIER[self.area],
            use_of_force_prevention=_fmt(texts.PLAN_USE_OF_FORCE_PREVENTION, extra, rng)
            if self.children
            else None,
            created_at=p._at(created, 12, rng.randint(0, 59)),
            created_by_id=self.primary.id,
            updated_at=updated,
        )
        if self.children:
            chosen = set(rng.sample(self.codes.contexts, rng.randint(6, len(self.codes.contexts))))
            evaluated = (p.last_day - self.intake).days > 180
            for code in self.codes.contexts:  # catalog order
                if code not in chosen:
                    continue
                resources, support, goals, evaluation = texts.CONTEXT_TEXTS[code]
                plan.contexts.append(
                    PlanContext(
                        context_code=code,
                        resources_and_challenges=_fmt(resources, extra, rng),
                        support_need=_fmt(support, extra, rng),
                        goals_and_sub_goals=_fmt(goals, extra, rng),
                        evaluation=_fmt(evaluation, extra, rng) if evaluated else None,
                    )
                )
        self.session.add(plan)

    def _use_of_force(self, citizen: Citizen) -> None:
        rng, p = self.rng, self.p
        if not self.children or rng.random() >= 0.35:
            return
        for _ in range(rng.randint(1, 3)):
            day = p._date_between(rng, self.intake, self.limit)
            fill = {**self.fixed, "minutter": str(rng.choice((2, 3, 5, 8, 10, 15)))}
            self.session.add(
                UseOfForce(
                    citizen_id=citizen.id,
                    kind=UseOfForceKind.REPORT,
                    occurred_on=day,
                    description=_fmt(rng.choice(texts.USE_OF_FORCE_REPORTS), fill, rng),
                    reported_to=f"{self.municipality} Kommune og {texts.SOCIALTILSYN}",
                    created_at=p._at(day, 21, rng.randint(0, 59)),
                    created_by_id=self.primary.id,
                )
            )
            self.stats.use_of_force += 1
        if rng.random() < 0.4:
            start = p._date_between(rng, self.intake, self.limit)
            self.session.add(
                UseOfForce(
                    citizen_id=citizen.id,
                    kind=UseOfForceKind.PERMISSION,
                    period_start=start,
                    period_end=add_months(start, 6),
                    review_date=add_months(start, 5),
                    description=_fmt(rng.choice(texts.USE_OF_FORCE_PERMISSIONS), self.fixed, rng),
                    reported_to=f"{self.municipality} Kommune",
                    created_at=p._at(start, 11, rng.randint(0, 59)),
                    created_by_id=p.staff[0].id,
                )
            )
            self.stats.use_of_force += 1

    def _diary(self, citizen_id: int) -> None:
        rng, p = self.rng, self.p
        writer = self.writer
        if self.children:
            catalog = "specialsektoren"
            keys = list(texts.CHILD_DIARY)
            tag_code = {key: key for key in keys}
            templates = texts.CHILD_DIARY
        else:
            catalog = "ffb"
            keys = list(texts.ADULT_DIARY)
            tag_code = self.codes.diary_themes
            templates = texts.ADULT_DIARY
        team, team_cum = self.team, self.team_cum
        last = min(self.limit, p.last_day)
        monday = self.intake - dt.timedelta(days=self.intake.weekday())
        while monday <= last:
            for offset in sorted(rng.sample(range(7), rng.choice((1, 2, 2, 3)))):
                day = monday + dt.timedelta(days=offset)
                if day < self.intake or day > last:
                    continue
                tags = rng.sample(keys, 2 if rng.random() < 0.25 else 1)
                text = self._pre(rng.choice(templates[tags[0]])) + rng.choice(texts.DIARY_TAILS)
                if "{" in text:
                    text = text.format_map(_Fill({}, rng))
                observed, created = _note_times(
                    day, rng.randrange(8, 22), rng.randrange(60), rng.randint(2, 60)
                )
                author = team[bisect.bisect_left(team_cum, rng.random() * team_cum[-1])]
                note_id = writer.next_diary_id
                writer.next_diary_id += 1
                writer.diary.append(
                    (note_id, citizen_id, observed, author, text, created, author,
                     1, None, None, None, None, None)
                )
                for tag in tags:
                    writer.tags.append((note_id, catalog, tag_code[tag]))
                self.stats.diary_notes += 1
            monday += dt.timedelta(days=7)

    # -- all of it --------------------------------------------------------------------------

    def build(self) -> None:
        self._timeline()
        citizen = self._profile()
        self.session.add(citizen)
        self.session.flush()
        plans = self._plan_goals()
        orders = self._orders(citizen, plans)
        held = self._follow_ups(citizen, orders, plans)
        self._plan(citizen, orders)
        self._use_of_force(citizen)
        self.session.flush()

        all_goals = [goal for goals in plans for goal in goals]
        rows = self._journal(citizen.id, all_goals)
        self.stats.journal_notes += len(rows)
        self.writer.journal.extend(rows)
        for goal in all_goals:
            self._goal_statuses(citizen.id, goal)
        self._assessments(citizen.id, held)
        self._diary(citizen.id)

        self.stats.citizens += 1
        if self.children:
            self.stats.children += 1
        else:
            self.stats.adults += 1
        if self.end_date is not None:
            self.stats.ended += 1


def _email(first: str, surname: str) -> str:
    ascii_name = f"{first}.{surname}".lower()
    for letter, replacement in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        ascii_name = ascii_name.replace(letter, replacement)
    return f"{ascii_name}@example.com"
