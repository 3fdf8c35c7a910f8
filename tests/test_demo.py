"""The demo data generator: realistic content, consistent with the FKO rules, deterministic."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import string
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from fko_desktop.demo import DemoSummary, build_demo, texts
from fko_desktop.demo.clock import _iso, _note_times, local_time, utc_offset_hours
from fko_desktop.demo.themes import THEMES
from fko_desktop.errors import FkoError, ValidationError
from fko_desktop.models import (
    AarhusAssessment,
    AarhusFactorScore,
    AuditEvent,
    Citizen,
    CitizenContact,
    DiaryNote,
    DiaryTag,
    FollowUp,
    FollowUpAssessment,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    Plan,
    PlanContext,
    RecordVersion,
    SubGoal,
    UseOfForce,
    scores,
)
from fko_desktop.models.aarhus_assessment import AarhusKind
from fko_desktop.models.base import UTCDateTime
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.cpr import birth_date, parse_cpr
from fko_desktop.models.enums import Area, AssessmentRole, ContactKind, OrderState
from fko_desktop.models.schedule import add_months, goal_status_schedule
from fko_desktop.storage.chain_check import verify_history
from fko_desktop.storage.unitfile import UnitFile

TODAY = dt.date(2026, 11, 23)
ARGS = dict(citizens=6, years=2, seed=3, today=TODAY)
WINDOW_START = add_months(TODAY, -24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "x.fko"
    unit = UnitFile.create(path, "Demo")
    summary = build_demo(unit, **ARGS)
    yield unit, summary
    unit.close()


@pytest.fixture
def session(demo):
    unit, _ = demo
    with unit.read() as session:
        yield session


def _all(session, entity):
    return list(session.scalars(select(entity).order_by(entity.id)))


# --- content ----------------------------------------------------------------------------------


def test_summary_matches_what_is_stored(demo, session):
    _, summary = demo
    assert isinstance(summary, DemoSummary)
    count = lambda entity: session.scalar(select(func.count()).select_from(entity))  # noqa: E731
    assert summary.citizens == count(Citizen) == 6
    assert summary.journal_notes == count(JournalNote) > 1000
    assert summary.diary_notes == count(DiaryNote) > 100
    assert summary.goal_statuses == count(GoalStatus) > 0
    assert summary.follow_ups == count(FollowUp) > 0
    assert summary.follow_up_assessments == count(FollowUpAssessment) > 0
    assert summary.goals == count(InterventionGoal)
    assert summary.sub_goals == count(SubGoal)
    assert summary.orders == count(Order)
    assert summary.use_of_force == count(UseOfForce)
    assert summary.aarhus_assessments == count(AarhusAssessment) > 0
    assert summary.aarhus_factor_scores == count(AarhusFactorScore) > summary.aarhus_assessments
    assert summary.children + summary.adults == summary.citizens
    assert 6 <= summary.staff <= 10


def test_children_and_adults_with_their_own_catalogs(session):
    ics_domains = set(load_catalog("ics").set("goal_domains").codes())
    ffb = load_catalog("ffb")
    ffb_domains = {e.code for e in ffb.set("goal_domains").selectable()}
    ffb_types = set(ffb.set("goal_types").codes())
    citizens = {c.id: c for c in _all(session, Citizen)}
    assert {c.area for c in citizens.values()} == {Area.CHILDREN, Area.ADULTS}
    for goal in _all(session, InterventionGoal):
        citizen = citizens[goal.citizen_id]
        if citizen.area is Area.CHILDREN:
            assert (goal.domain_catalog, goal.domain_code in ics_domains) == ("ics", True)
            assert goal.goal_type_code in {"udvikling", "fastholdelse"}
        else:
            assert (goal.domain_catalog, goal.domain_code in ffb_domains) == ("ffb", True)
            assert goal.goal_type_code in ffb_types
        assert scores.is_numeric(goal.baseline) and scores.is_numeric(goal.target)
        assert goal.text.strip() and "{" not in goal.text
    contacts = _all(session, CitizenContact)
    kinds = defaultdict(set)
    for contact in contacts:
        kinds[contact.citizen_id].add(contact.kind)
    for citizen in citizens.values():
        assert ContactKind.CONTACT_PERSON in kinds[citizen.id]
        expected = ContactKind.GUARDIAN if citizen.area is Area.CHILDREN else ContactKind.NEXT_OF_KIN
        assert expected in kinds[citizen.id]


def test_cprs_are_valid_unique_and_fit_the_area(session):
    citizens = _all(session, Citizen)
    cprs = [c.cpr for c in citizens]
    assert len(set(cprs)) == len(cprs)
    for citizen in citizens:
        assert parse_cpr(citizen.cpr) == citizen.cpr
        born = birth_date(citizen.cpr).year
        if citizen.area is Area.CHILDREN:
            assert 2008 <= born <= 2020
        else:
            assert 1960 <= born <= 2004
        assert WINDOW_START <= citizen.intake_date < TODAY
        assert citizen.end_date is None or citizen.intake_date < citizen.end_date < TODAY


def test_every_goal_has_a_sub_goal_and_sub_goals_lie_within_their_goal(session):
    subs = defaultdict(list)
    for sub in _all(session, SubGoal):
        subs[sub.goal_id].append(sub)
    for goal in _all(session, InterventionGoal):
        assert subs[goal.id], goal
        for sub in subs[goal.id]:
            assert sub.start_date >= goal.start_date
            if goal.end_date is not None:
                assert sub.end_date is not None and sub.end_date <= goal.end_date
            assert sub.justification and sub.method


def test_orders_follow_the_cycle(session):
    orders = _all(session, Order)
    by_citizen = defaultdict(list)
    for order in orders:
        by_citizen[order.citizen_id].append(order)
        assert order.received_date - order.meeting_date <= dt.timedelta(days=14)
        assert WINDOW_START <= order.meeting_date <= order.received_date < TODAY
    for citizen_orders in by_citizen.values():
        *earlier, latest = citizen_orders
        assert all(o.state is OrderState.REPLACED for o in earlier)
        assert latest.state in (OrderState.ACCEPTED, OrderState.ENDED)
        for before, after in itertools.pairwise(citizen_orders):
            assert after.replaces_order_id == before.id
    plans = _all(session, Plan)
    assert sorted(p.citizen_id for p in plans) == sorted(by_citizen)
    contexts = set(load_catalog("specialsektoren").set("contexts").codes())
    plan_contexts = _all(session, PlanContext)
    assert plan_contexts and all(c.context_code in contexts for c in plan_contexts)


def test_journal_notes_have_text_valid_scores_and_daytime_timestamps(session):
    notes = _all(session, JournalNote)
    tally = Counter()
    for note in notes:
        assert note.text.strip() and "{" not in note.text and "}" not in note.text
        if note.score is None:
            tally["none"] += 1
        elif note.score is scores.NOT_ASSESSED:
            tally["not_assessed"] += 1
        else:
            assert note.score in scores.SCORE_VALUES
            tally["scored"] += 1
        observed = note.observed_at
        assert observed.utcoffset() == dt.timedelta(0)
        local_hour = observed.hour + utc_offset_hours(observed.date())
        assert 7 <= local_hour < 22
        assert WINDOW_START <= observed.date() < TODAY
        assert note.created_at >= note.observed_at
    total = len(notes)
    assert 0.6 < tally["scored"] / total < 0.8
    assert 0.02 < tally["not_assessed"] / total < 0.1
    assert 0.15 < tally["none"] / total < 0.35


def test_some_notes_are_edited_or_withdrawn_with_their_history(session):
    edited = list(session.scalars(select(JournalNote).where(JournalNote.version == 2)))
    withdrawn = list(session.scalars(select(JournalNote).where(JournalNote.withdrawn_at.is_not(None))))
    assert edited and withdrawn
    versions = {v.record_id: v for v in _all(session, RecordVersion)}
    for note in edited:
        kept = versions[note.id]
        assert kept.record_type == "journal_note" and kept.version == 1
        assert note.text.startswith(kept.data["text"]) and note.text != kept.data["text"]
    assert all(note.withdrawal_reason for note in withdrawn)


def test_goal_status_periods_follow_the_schedule(session):
    statuses = defaultdict(list)
    for status in _all(session, GoalStatus):
        statuses[status.goal_id].append(status)
    assert statuses
    for goal in _all(session, InterventionGoal):
        until = min(goal.end_date or TODAY, TODAY - dt.timedelta(days=1))
        schedule = [s.period for s in goal_status_schedule(goal.start_date, until)]
        periods = [s.period for s in statuses[goal.id]]
        # M1, M2, … in order; only the most recent may still be missing (shown as overdue).
        assert periods == schedule[: len(periods)]
        assert len(schedule) - len(periods) <= 2
        for status in statuses[goal.id]:
            assert status.summary.strip()
            assert status.score is scores.NOT_ASSESSED or status.score in scores.SCORE_VALUES
            assert goal.start_date < status.assessed_on < TODAY


def test_follow_ups_carry_three_voices_per_goal(session):
    assessments = defaultdict(list)
    for assessment in _all(session, FollowUpAssessment):
        assessments[assessment.follow_up_id].append(assessment)
    follow_ups = _all(session, FollowUp)
    held = [f for f in follow_ups if f.held]
    upcoming = [f for f in follow_ups if not f.held]
    assert held and upcoming
    for follow_up in held:
        assert follow_up.meeting_date < TODAY
        assert follow_up.meeting_date - follow_up.invitation_date >= dt.timedelta(weeks=6)
        assert follow_up.meeting_date - follow_up.report_sent_date >= dt.timedelta(days=14)
        assert follow_up.intervention_status_code
        by_goal = defaultdict(set)
        for assessment in assessments[follow_up.id]:
            by_goal[assessment.goal_id].add(assessment.role)
        assert by_goal and all(roles == set(AssessmentRole) for roles in by_goal.values())
    for follow_up in upcoming:
        assert follow_up.meeting_date >= TODAY and not assessments[follow_up.id]


def test_diary_tags_use_the_area_catalog(session):
    citizens = {c.id: c for c in _all(session, Citizen)}
    notes = {n.id: n for n in _all(session, DiaryNote)}
    contexts = set(load_catalog("specialsektoren").set("contexts").codes())
    ffb_codes = set(load_catalog("ffb").set("related_themes").codes())
    tags = _all(session, DiaryTag)
    assert len({t.note_id for t in tags}) == len(notes)
    for tag in tags:
        citizen = citizens[notes[tag.note_id].citizen_id]
        if citizen.area is Area.CHILDREN:
            assert tag.catalog == "specialsektoren" and tag.code in contexts
        else:
            assert tag.catalog == "ffb" and tag.code in ffb_codes


def test_every_diary_tag_the_demo_writes_is_one_add_diary_note_accepts(session, unit):
    """The demo writes its diary rows in bulk, past ``add_diary_note``; its tags must still be
    ones the core accepts, or a unit's own demo data would be refused on re-entry or import."""
    from fko_desktop.demo.codes import Codes
    from fko_desktop.models import Actor
    from fko_desktop.ops import citizens, journal, staff

    # Every tag the generator can write, not only those this seed happened to draw …
    vocabulary = {("specialsektoren", key) for key in texts.CHILD_DIARY}
    vocabulary |= {("ffb", code) for code in Codes().diary_themes.values()}
    # … and every tag this demo unit holds.
    written = {(t.catalog, t.code) for t in _all(session, DiaryTag)}
    assert written and written <= vocabulary
    refused = sorted(tag for tag in vocabulary if not journal.is_diary_tag(*tag))
    assert not refused
    # The rule is the one add_diary_note applies: a note with all of them is saved (in a
    # unit of this test's own; the shared demo unit is only read).
    actor = staff.actor_for(staff.add_staff(unit, Actor(None, "t"), name="Anna Hansen", initials="ah").value)
    adult = citizens.create_citizen(unit, actor, name="Bo Voksen", cpr="010170-1234", area="adults").value
    tags = sorted(vocabulary)
    note = journal.add_diary_note(unit, actor, adult.id, text="Alle emner på én gang.", tags=tags)
    assert len(note.value.tags) == len(vocabulary)
    # Codes outside the diary's sets stay refused.
    function_level = load_catalog("ffb").set("function_levels").codes()[0]
    for catalog_id, code in (("ffb", function_level), ("ics", "skole_og_laering"), ("ffb", "Søvn")):
        with pytest.raises(ValidationError, match="ikke et gyldigt emne for dagbogen"):
            journal.add_diary_note(unit, actor, adult.id, text="Forkert emne.", tags=[(catalog_id, code)])


def test_full_text_search_indexes_the_notes(demo, session):
    note = session.scalars(select(JournalNote).order_by(JournalNote.id.desc()).limit(1)).one()
    word = max(note.text.strip(string.punctuation + "«»").split(), key=len).strip(string.punctuation)
    connection = sqlite3.connect(demo[0].path)
    try:
        rows = connection.execute(
            "SELECT rowid FROM journal_note_fts WHERE journal_note_fts MATCH ?", (f'"{word}"',)
        ).fetchall()
    finally:
        connection.close()
    assert note.id in {row[0] for row in rows}


def test_every_child_has_aarhus_assessments_in_the_cadence_of_seed_003(session):
    citizens = {c.id: c for c in _all(session, Citizen)}
    by_citizen = defaultdict(list)
    for assessment in _all(session, AarhusAssessment):
        by_citizen[assessment.citizen_id].append(assessment)
    children = [c for c in citizens.values() if c.area is Area.CHILDREN]
    assert children and sorted(by_citizen) == sorted(c.id for c in children)
    for child in children:
        series = sorted(by_citizen[child.id], key=lambda a: a.assessed_on)
        days = [a.assessed_on for a in series]
        last = child.end_date or TODAY - dt.timedelta(days=1)
        assert child.intake_date <= days[0] <= child.intake_date + dt.timedelta(days=23)
        assert days[-1] <= last
        # Intake, the three-month check, then every half year (give or take a fortnight) …
        expected = [AarhusKind.INTAKE, AarhusKind.THREE_MONTHS] + [AarhusKind.FOLLOW_UP] * len(days)
        assert [a.kind for a in series] == expected[: len(days)]
        for number, (before, after) in enumerate(itertools.pairwise(days)):
            months = 3 if number == 0 else 6
            planned = add_months(before, months)
            assert abs((after - planned).days) <= 14, (child.id, before, after)
        # … and none owed more than a fortnight before the day the demo ends.
        step = 3 if len(days) == 1 else 6
        assert add_months(days[-1], step) + dt.timedelta(days=14) >= last
        assert all(a.outcome_schema == child.outcome_schema for a in series)
        assert all(a.participants and "{" not in a.participants for a in series)


def test_aarhus_factors_are_each_scored_with_a_target_and_mostly_improve(session):
    assessments = {a.id: a for a in _all(session, AarhusAssessment)}
    rows = defaultdict(list)
    for row in _all(session, AarhusFactorScore):
        rows[row.assessment_id].append(row)
    tally = Counter()
    first_and_last = defaultdict(list)
    for assessment in assessments.values():
        schema = load_catalog("aarhus").set(assessment.outcome_schema.value).selectable()
        assert sorted(r.factor_code for r in rows[assessment.id]) == sorted(e.code for e in schema)
        for row in rows[assessment.id]:
            assert row.citizen_id == assessment.citizen_id
            if row.score is scores.NOT_ASSESSED:
                assert row.target is None
                tally["not_assessed"] += 1
                continue
            assert row.score in scores.SCORE_VALUES and row.target in scores.SCORE_VALUES
            assert row.target <= row.score  # a target is never worse than where the child is
            first_and_last[(assessment.citizen_id, row.factor_code)].append(
                (assessment.assessed_on, row.score)
            )
            for text in (row.note, row.child_note, row.parent_note):
                assert text is None or (text.strip() and "{" not in text)
            tally["note"] += row.note is not None
            tally["child"] += row.child_score is not None
            tally["parent"] += row.parent_score is not None
            tally["scored"] += 1
    assert tally["scored"] and tally["note"] and tally["child"] and tally["parent"]
    assert tally["note"] < tally["scored"]  # text beside some scores, not all
    moved = [
        sorted(series)[-1][1] - sorted(series)[0][1] for series in first_and_last.values() if len(series) > 1
    ]
    better, worse = sum(m < 0 for m in moved), sum(m > 0 for m in moved)
    assert better > 2 * worse > 0  # mostly toward the target, with setbacks


def test_the_demo_history_verifies(demo):
    connection = sqlite3.connect(demo[0].path)
    try:
        assert verify_history(connection).problem is None
        hashed = connection.execute(
            "SELECT count(*), count(content_hash) FROM aarhus_factor_score"
        ).fetchone()
    finally:
        connection.close()
    assert hashed[0] == hashed[1] > 0


def test_the_build_is_audited(session):
    events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "demo")))
    assert len(events) == 1 and events[0].details["citizens"] == 6


# --- time stamps --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, hour, expected",
    [
        (dt.date(2026, 1, 15), 8, "2026-01-15T07:00:00.000000+00:00"),  # winter: UTC+1
        (dt.date(2026, 7, 15), 8, "2026-07-15T06:00:00.000000+00:00"),  # summer: UTC+2
        (dt.date(2026, 3, 29), 8, "2026-03-29T06:00:00.000000+00:00"),  # first day of summer time
        (dt.date(2026, 10, 25), 8, "2026-10-25T07:00:00.000000+00:00"),  # first day back
    ],
)
def test_local_times_become_utc_like_the_column_stores_them(day, hour, expected):
    instant = local_time(day, hour, 0)
    assert UTCDateTime().process_bind_param(instant, None) == _iso(instant) == expected
    observed, created = _note_times(day, hour, 0, 90)
    assert observed == expected
    assert created == _iso(instant + dt.timedelta(minutes=90))


def test_templates_only_use_known_placeholders():
    keys = (
        set(texts.FILLERS)
        | set(texts.PRONOUNS["m"])
        | {
            "navn",
            "foraelder",
            "foraelder_voksen",
            "aktivitet",
            "arbejdssted",
            "sengetid",
        }
    )
    formatter = string.Formatter()
    templates = [
        t
        for theme in THEMES
        for group in (theme.goals, (theme.maintenance,), theme.good, theme.mid, theme.hard)
        for t in group
    ] + [t for theme in THEMES for sub in theme.sub_goals for t in sub]
    for template in templates:
        used = {name for _, name, _, _ in formatter.parse(template) if name}
        assert used <= keys, (template, used - keys)


def test_aarhus_texts_only_use_the_citizens_fixed_placeholders():
    from fko_desktop.demo import aarhus_texts as t

    pools = [p for bands in t.FACTOR_TEXTS.values() for p in bands.values()]
    pools += [*t.ZERO_TEXTS.values(), *t.CHILD_NOTES.values(), *t.PARENT_NOTES.values()]
    pools += [t.BETTER, t.WORSE, (t.NO_FATHER, t.NO_SIBLINGS)]
    pools += [t.INTAKE_NOTES, t.THREE_MONTH_NOTES, t.FOLLOW_UP_NOTES]
    formatter = string.Formatter()
    for template in (text for pool in pools for text in pool):
        used = {name for _, name, _, _ in formatter.parse(template) if name}
        assert used <= {"navn", "foraelder", *texts.PRONOUNS["m"]}, template
    every_factor = {e.code for name in ("unge", "boern_og_familie", "handicap") for e in
                    load_catalog("aarhus").set(name).selectable()}  # fmt: skip
    assert every_factor <= set(t.FACTOR_TEXTS)


# --- determinism and refusals ---------------------------------------------------------------------


def _dump(path) -> list:
    connection = sqlite3.connect(path)
    try:
        return [
            connection.execute(query).fetchall()
            for query in (
                "SELECT id, name, cpr, area, intake_date, end_date, created_at FROM citizen ORDER BY id",
                "SELECT id, name, initials, title FROM staff_member ORDER BY id",
                'SELECT id, citizen_id, meeting_date, received_date, state FROM "order" ORDER BY id',
                "SELECT id, text, domain_code, baseline, target, start_date, end_date "
                "FROM intervention_goal ORDER BY id",
                "SELECT id, goal_id, text, start_date, end_date, state FROM sub_goal ORDER BY id",
                "SELECT id, sub_goal_id, observed_at, author_id, text, score, version "
                "FROM journal_note ORDER BY id",
                "SELECT id, goal_id, period, assessed_on, score, summary FROM goal_status ORDER BY id",
                "SELECT id, meeting_date, held FROM follow_up ORDER BY id",
                "SELECT id, follow_up_id, goal_id, role, score FROM follow_up_assessment ORDER BY id",
                "SELECT id, observed_at, text FROM diary_note ORDER BY id",
                "SELECT id, citizen_id, assessed_on, kind, outcome_schema, participants, note "
                "FROM aarhus_assessment ORDER BY id",
                "SELECT id, assessment_id, factor_code, score, target, note, child_score, parent_score "
                "FROM aarhus_factor_score ORDER BY id",
            )
        ]
    finally:
        connection.close()


def _build(path, **kwargs):
    with UnitFile.create(path, "Demo") as unit:
        return build_demo(unit, **kwargs)


def test_same_arguments_give_identical_content_and_another_seed_does_not(tmp_path):
    small = dict(citizens=3, years=1, today=TODAY)
    first = _build(tmp_path / "a.fko", seed=5, **small)
    second = _build(tmp_path / "b.fko", seed=5, **small)
    other = _build(tmp_path / "c.fko", seed=6, **small)
    assert first == second
    assert _dump(tmp_path / "a.fko") == _dump(tmp_path / "b.fko")
    assert _dump(tmp_path / "a.fko") != _dump(tmp_path / "c.fko")
    assert first.journal_notes > 0 and other.journal_notes > 0


def test_refuses_a_unit_that_already_has_citizens(demo):
    unit, summary = demo
    with pytest.raises(FkoError, match="tom enhedsfil"):
        build_demo(unit, **ARGS)
    with unit.read() as session:
        assert session.scalar(select(func.count()).select_from(Citizen)) == summary.citizens


@pytest.mark.parametrize(
    "kwargs",
    [dict(citizens=0), dict(citizens=501), dict(years=0), dict(years=11), dict(citizens=True)],
)
def test_refuses_arguments_out_of_range(tmp_path, kwargs):
    with UnitFile.create(tmp_path / "x.fko", "Demo") as unit:
        with pytest.raises(FkoError):
            build_demo(unit, today=TODAY, **kwargs)
        with unit.read() as session:
            assert session.scalar(select(func.count()).select_from(Citizen)) == 0
            assert session.scalar(select(func.count()).select_from(JournalNote)) == 0
