"""The printed reports, read back with pypdf: the right names, goals, scores and dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from fko_desktop.errors import NotFound, ValidationError
from fko_desktop.models import Citizen, FollowUp, GoalStatus, InterventionGoal, JournalNote, SubGoal
from fko_desktop.models.cpr import mask_cpr
from fko_desktop.models.enums import Area
from fko_desktop.models.formatting import format_date
from fko_desktop.models.outcome import outcome_category
from fko_desktop.models.schedule import add_months
from fko_desktop.models.scores import score_label
from fko_desktop.reports import (
    ReportKind,
    ReportOptions,
    citizen_view_data,
    render_report,
    report_title,
    status_data,
)
from fko_desktop.reports.common import datetime_text
from tests.reports.conftest import CET, LONG_END, TODAY, render, squash

DEMO_TODAY = dt.date(2026, 11, 23)
KINDS = [k.value for k in ReportKind]


def _words(text: str, stem: str) -> int:
    """How many of a long text's numbered words ("opsummering12") are there: all or a cut."""
    return len(re.findall(rf"\b{stem}\d+\b", text))


def _page_furniture(pdf, name: str, cpr: str, unit_name: str) -> None:
    total = len(pdf.pages)
    assert total >= 1
    for number, page in enumerate(pdf.pages, start=1):
        assert f"{name} · CPR {cpr}" in page, f"header missing on page {number}"
        assert f"Side {number} af {total}" in page
        assert unit_name in page
        assert "Udskrevet" in page


# -- the demo unit ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_citizens(demo_unit):
    with demo_unit.read() as session:
        people = list(session.scalars(select(Citizen).order_by(Citizen.id)))
    # One child and one adult keep the test quick and still cover both catalogs.
    child = next(c for c in people if c.area is Area.CHILDREN)
    adult = next(c for c in people if c.area is Area.ADULTS)
    return [child, adult]


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_from_the_demo_unit(demo_unit, demo_citizens, kind):
    unit_name = demo_unit.unit().name
    for citizen in demo_citizens:
        pdf = render(demo_unit, kind, citizen.id, today=DEMO_TODAY, printed_by="Anna Hansen")
        assert pdf.data.startswith(b"%PDF")
        _page_furniture(pdf, citizen.name, citizen.cpr, unit_name)
        assert pdf.metadata["/Title"] == report_title(kind, citizen.name)
        assert pdf.metadata["/Author"] == f"Anna Hansen, {unit_name}"
        assert f"Udskrevet {format_date(DEMO_TODAY)} af Anna Hansen" in pdf.text


def test_demo_status_report_has_goals_scores_and_dates(demo_unit, demo_citizens):
    child = demo_citizens[0]
    with demo_unit.read() as session:
        period_from, period_to = status_data.status_period(
            session, session.get(Citizen, child.id), ReportOptions(), DEMO_TODAY
        )
        last_meeting = max(
            f.meeting_date
            for f in session.scalars(
                select(FollowUp).where(FollowUp.citizen_id == child.id, FollowUp.held.is_(True))
            )
            if f.meeting_date <= DEMO_TODAY
        )
        goals = list(
            session.scalars(
                select(InterventionGoal).where(
                    InterventionGoal.citizen_id == child.id, InterventionGoal.end_date.is_(None)
                )
            )
        )
        statuses = {
            g.id: list(
                session.scalars(
                    select(GoalStatus)
                    .where(GoalStatus.goal_id == g.id, GoalStatus.withdrawn_at.is_(None))
                    .order_by(GoalStatus.period)
                )
            )
            for g in goals
        }
    assert (period_from, period_to) == (last_meeting, DEMO_TODAY)
    pdf = render(demo_unit, "status", child.id, today=DEMO_TODAY)
    text = pdf.text
    assert f"Periode {format_date(period_from)} – {format_date(period_to)}" in text
    assert goals
    for goal in goals:
        assert squash(goal.text) in text
        assert f"{goal.baseline} – {score_label(goal.baseline, scale='arhus')}" in text
        for status in statuses[goal.id]:
            if period_from <= status.assessed_on <= period_to:
                assert f"M{status.period} {format_date(status.assessed_on)}" in text
        latest = statuses[goal.id][-1].score if statuses[goal.id] else None
        outcome = outcome_category(goal.baseline, goal.target, latest)
        if outcome is not None:
            assert f"Målopfyldelse: {outcome.label}" in text
    assert "Underskrift" in text and "Modtaget af myndighed" in text


def test_demo_adult_plan_shows_ffb_domain_and_function_levels(demo_unit, demo_citizens):
    adult = demo_citizens[1]
    pdf = render(demo_unit, "plan", adult.id, today=DEMO_TODAY)
    assert "Handleplan / pædagogisk plan" in pdf.text
    assert "nedsat funktionsevne" in pdf.text  # FFB words, not the Århus problem scale
    assert "›" in pdf.text  # an FFB sub-theme is shown under its theme


# -- the edge-case unit ---------------------------------------------------------------------------


def test_plan_front_page_purpose_goals_and_contexts(edge_unit, edge):
    pdf = render(edge_unit, "plan", edge.child_id)
    front = pdf.pages[0]
    for expected in ("Mads Testesen", "010215-4321", "Børn og unge", "Indflytningsdato", "05.01.2025",
                     "Plan oprettet", "Anna Hansen", "Kontaktpersoner", "Forældremyndighed",
                     "Sagsbehandler"):  # fmt: skip
        assert expected in front, expected
    text = pdf.text
    assert "At Mads trives og går i skole." in text
    assert "Bostedet lægger vægt på skolegang og søvn." in text
    assert "Mads vil gerne spille fodbold på hold." in text
    assert "Indsatsmål 1" in text and "Mads går i skole fire dage om ugen." in text
    assert "Udgangspunkt (baseline) 3 – Svært problem" in text
    assert "Mål (target) 1 – Let problem" in text
    assert "Begrundelse: Søvnrytmen er nøglen til skolegangen." in text
    assert "Metode: Fast vækning kl. 7 og morgenmad på værelset." in text
    # Only contexts with content are printed.
    contexts = text.split("Planens kontekster", 1)[1]
    assert "Skoleforhold" in contexts and "Vækning og følgeskab om morgenen." in contexts
    assert "Fritidsforhold" not in contexts
    # Nothing of a long text is cut off, across page breaks too.
    assert LONG_END in text and _words(text, "baggrund") == _words(edge.long_background, "baggrund")


def test_status_report_with_not_assessed_no_status_and_use_of_force(edge_unit, edge):
    pdf = render(edge_unit, "status", edge.child_id, extra_agenda="Vi vil gerne tale om skolekørsel.")
    text = pdf.text
    assert f"Periode {format_date(dt.date(2025, 1, 15))} – {format_date(TODAY)}" in text
    assert "M1 15.04.2025 3 – Svært problem" in text
    assert "M2 15.07.2025 Ikke vurderet" in text
    assert "IV = Ikke vurderet, vises ikke som tal: M2 (15.07.2025)." in text
    assert "Borgerens egen vurdering: 1: Jeg synes selv, det går godt." in text
    assert "Målopfyldelse: Progression" in text  # baseline 3, target 1, latest 2
    assert "I perioden er scoren forbedret fra 3 (M1) til 2 (M3)." in text
    # The goal with no status yet still gets its section, graph and a plain statement.
    assert "Mads har en fast ven." in text
    assert "Der er ikke registreret målstatus i perioden." in text
    assert "Ingen målstatus endnu" in text
    # Sub-goal work counts notes, never averages scores.
    assert "2 notater i perioden, heraf 2 med score" in text
    # A record from before migration 0007 (no measure, time or reporting date) still prints.
    assert "I perioden er der registreret 1 magtanvendelse (indgreb ikke angivet 1)." in text
    assert "05.10.2025 – Fastholdelse i skolegården" in text
    assert "Tilladelser, der gælder i perioden:" in text and "01.06.2025 – 31.05.2026" in text
    assert "Vi vil gerne tale om skolekørsel." in text
    assert LONG_END in text and _words(text, "opsummering") == _words(edge.long_summary, "opsummering")


def test_status_report_for_one_goal_and_a_chosen_period(edge_unit, edge):
    pdf = render(edge_unit, "status", edge.child_id, goal_id=edge.goal_with_status,
                 period_from=dt.date(2025, 7, 1), period_to=dt.date(2025, 8, 1))  # fmt: skip
    text = pdf.text
    assert "Periode 01.07.2025 – 01.08.2025" in text
    assert "M2 15.07.2025" in text and "M1 15.04.2025" not in text and "M3 15.10.2025" not in text
    assert "Mads har en fast ven." not in text
    assert "Der er ingen indberettede magtanvendelser i perioden." in text
    assert "Tilladelser, der gælder i perioden:" in text  # the permission spans the period


def test_forty_statuses(edge_unit, edge):
    pdf = render(
        edge_unit, "status", edge.long_id, period_from=dt.date(2016, 1, 1), today=dt.date(2026, 2, 1)
    )
    text = pdf.text
    for period in (1, 20, 40):
        assert f"Status nummer {period}." in text
    assert "M40" in text
    assert "nedsat funktionsevne" in text
    assert "M7 (04.10.2017), M8 (04.01.2018), M23 (04.10.2021)" in text


def test_citizen_without_order_or_plan_gets_sensible_documents(edge_unit, edge):
    # The order report refuses instead (test_order_report.py): an empty order makes no sense.
    texts = {kind: render(edge_unit, kind, edge.nobody_id).text for kind in KINDS if kind != ReportKind.ORDER}
    assert "Borgeren har hverken en plan eller en bestilling endnu." in texts["plan"]
    assert "Der er ingen bestilling registreret for borgeren." in texts["status"]
    assert "Der er ingen indsatsmål i perioden." in texts["status"]
    assert "Der er endnu ikke kommet en bestilling med mål fra kommunen." in texts["citizen"]
    assert "Der er ingen notater i perioden." in texts["journal"]
    for text in texts.values():
        assert "Åse Ørnebjerg" in text


def test_citizen_view_holds_no_journal_note_or_score(edge_unit, edge):
    pdf = render(edge_unit, "citizen", edge.child_id)
    text = pdf.text
    assert "Mads går i skole fire dage om ugen." in text
    assert "Her startede vi 3" in text and "Her vil vi hen 1" in text
    assert "Seneste målstatus er M3 fra 15.10.2025: 2." in text
    for note in (*edge.note_texts, edge.long_note[:60]):
        assert squash(note)[:40] not in text
    lowered = text.lower()
    for word in ("notat", "delmål", "dagbog", "journal", "opsummering"):
        assert word not in lowered, word
    # The professionals' summaries are not shown either, only the quarterly scores.
    assert "Mads var syg det meste af perioden" not in text


def test_citizen_view_data_cannot_carry_journal_scores(edge_unit, edge):
    with edge_unit.read() as session:
        report = citizen_view_data.gather_citizen_view(session, edge.child_id, ReportOptions(today=TODAY))
    seen: list[str] = []

    def walk(value: object) -> None:
        seen.append(type(value).__name__)
        if hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(report)
    assert "SeriesPoint" in seen
    assert not {"JournalEntry", "JournalGroup", "SubGoalWork", "StatusEntry", "NoteRow"} & set(seen)


def test_citizen_view_for_adults_speaks_to_the_reader_and_offers_one_to_five(edge_unit, edge):
    text = render(edge_unit, "citizen", edge.long_id, one_based=True).text
    assert "Her er målene for dig" in text
    assert "Tallene går fra 1 til 5" in text
    assert "Score (1 = bedst)" in text
    assert "Her startede vi 4" in text  # baseline 3 shown one-based


def test_journal_extract_scopes_and_default_period(edge_unit, edge):
    whole = render(edge_unit, "journal", edge.child_id)
    default_from = add_months(TODAY, -3)
    assert f"Periode {format_date(default_from)} – {format_date(TODAY)}" in whole.text
    assert "Udtræk af Alle delmål" in whole.text
    assert "3 notater" in whole.text
    for note in edge.note_texts:
        assert note in whole.text
    observed = datetime_text(dt.datetime(2025, 9, 10, 8, 5, tzinfo=CET))  # shown in local time
    # The test's notes are written today about 2025, so each says when it was written down.
    assert f"{observed} · Anna Hansen · skrevet {dt.date.today():%d.%m.%Y} kl. " in whole.text
    assert "· Score 2 – Moderat problem" in whole.text
    assert "Score Ikke vurderet" in whole.text
    assert LONG_END in whole.text and _words(whole.text, "observation") == _words(
        edge.long_note, "observation"
    )

    one = render(edge_unit, "journal", edge.child_id, sub_goal_id=edge.sub_goal_ids[0])
    assert edge.note_texts[0] in one.text and LONG_END not in one.text
    assert "2 notater" in one.text

    goal = render(edge_unit, "journal", edge.child_id, goal_id=edge.goal_with_status,
                  period_from=dt.date(2025, 10, 1), period_to=dt.date(2025, 10, 31))  # fmt: skip
    assert "Udtræk af Indsatsmål 1: Mads går i skole fire dage om ugen." in goal.text
    assert edge.note_texts[0] not in goal.text and edge.note_texts[1] in goal.text


def test_journal_extract_leaves_out_withdrawn_notes_and_says_so(edge, tmp_path):
    import shutil

    from fko_desktop.ops import journal, staff
    from fko_desktop.storage.unitfile import UnitFile

    copy = tmp_path / "kopi.fko"
    shutil.copyfile(edge.path, copy)
    with UnitFile.open(copy) as unit:
        actor = staff.actor_for(unit.staff()[0])
        with unit.read() as session:
            note = session.scalars(select(JournalNote).where(JournalNote.text == edge.note_texts[1])).one()
        journal.withdraw_note(unit, actor, note.id, reason="Skrevet på den forkerte borger.")
        text = render(unit, "journal", edge.child_id).text
    assert edge.note_texts[1] not in text
    assert "2 notater (og 1 tilbagetrukne notater, som ikke er medtaget)" in text


def test_masked_cpr_on_every_page_and_full_number_nowhere(edge_unit, edge):
    for kind in KINDS:
        pdf = render(edge_unit, kind, edge.child_id, mask_cpr=True)
        masked = mask_cpr("010215-4321")
        assert masked == "010215-XXXX"
        for page in pdf.pages:
            assert f"CPR {masked}" in page
        assert "4321" not in pdf.text


def test_danish_characters_survive(edge_unit, edge):
    pdf = render(edge_unit, "plan", edge.long_id)
    assert "Søren Ærøskøbing" in pdf.text
    assert "At Søren klarer flest mulige gøremål selv." in pdf.text
    assert "Bostedet Æblehaven" in pdf.text
    assert pdf.metadata["/Title"] == "Handleplan / pædagogisk plan – Søren Ærøskøbing"
    # Every font in the file is embedded (a TTF subset), so no reader substitutes glyphs.
    assert b"/FontFile2" in pdf.data


# -- options and refusals --------------------------------------------------------------------------


def _options(**kw: object) -> ReportOptions:
    return ReportOptions(today=TODAY, **kw)  # type: ignore[arg-type]


def test_refusals_have_danish_messages(edge_unit, edge):
    with edge_unit.read() as session:
        with pytest.raises(ValidationError, match="Til-dato ligger før fra-dato"):
            render_report(
                session,
                "status",
                edge.child_id,
                _options(period_from=dt.date(2025, 5, 1), period_to=dt.date(2025, 4, 1)),
            )
        with pytest.raises(ValidationError, match="Til-dato ligger før fra-dato"):
            render_report(session, "journal", edge.child_id, _options(period_from=dt.date(2026, 5, 1)))
        with pytest.raises(ValidationError, match="Ukendt rapporttype »brev«"):
            render_report(session, "brev", edge.child_id)
        with pytest.raises(NotFound, match="Borgeren med id 9999"):
            render_report(session, "plan", 9999)
        with pytest.raises(ValidationError, match="tilhører en anden borger"):
            render_report(session, "status", edge.long_id, _options(goal_id=edge.goal_with_status))
        with pytest.raises(ValidationError, match="tilhører en anden borger"):
            render_report(session, "journal", edge.long_id, _options(sub_goal_id=edge.sub_goal_ids[0]))
        with pytest.raises(ValidationError, match="hører ikke til det valgte indsatsmål"):
            render_report(
                session,
                "journal",
                edge.child_id,
                _options(goal_id=edge.goal_with_status, sub_goal_id=edge.sub_goal_ids[1]),
            )
        with pytest.raises(ValidationError, match="kun vælges til journaludtræk"):
            render_report(session, "status", edge.child_id, _options(sub_goal_id=edge.sub_goal_ids[0]))
        with pytest.raises(NotFound, match="Indsatsmålet med id 4242"):
            render_report(session, "citizen", edge.child_id, _options(goal_id=4242))


def test_kind_accepts_enum_and_text(edge_unit, edge):
    with edge_unit.read() as session:
        a = render_report(session, ReportKind.CITIZEN, edge.child_id, _options())
        b = render_report(session, " Citizen ", edge.child_id, _options())
    assert a[:4] == b[:4] == b"%PDF"
    assert report_title("status", "Åse") == "Status til myndighed – Åse"


def test_sub_goal_numbers_follow_goal_positions(edge_unit, edge):
    with edge_unit.read() as session:
        second = session.get(SubGoal, edge.sub_goal_ids[1])
    text = render(edge_unit, "journal", edge.child_id, sub_goal_id=second.id).text
    assert re.search(r"Delmål 2\.1: Delmål for Mads har en fast ven\.", text)


def test_an_adults_plan_speaks_of_the_citizen_not_the_child(unit):
    from fko_desktop.models import Actor
    from fko_desktop.ops import citizens, plans, staff

    actor = staff.actor_for(staff.add_staff(unit, Actor(None, "t"), name="Anna Hansen", initials="ah").value)
    adult = citizens.create_citizen(unit, actor, name="Bo Voksen", cpr="010170-1234", area="adults").value
    plans.create_plan(
        unit, actor, adult.id, presentation="Bo er 56 år.", purpose_citizen_addition="Bo vil bo selv."
    )
    text = render(unit, "plan", adult.id).text
    assert "Præsentation af borgeren" in text and "Borgerens tilføjelser til formålet" in text
    assert "barnet/den unge" not in text


def test_status_after_a_new_order_keeps_only_old_goals_that_got_a_status_and_says_whose(unit):
    import datetime as dt

    from fko_desktop.ops import goal_status, orders
    from tests.world import build_world

    world = build_world(unit)
    goal_status.record_goal_status(
        unit,
        world.actor,
        world.goals[0].id,
        score=2,
        summary="Tre dage om ugen.",
        assessed_on=dt.date(2025, 4, 15),
    )
    orders.create_order(
        unit,
        world.actor,
        world.citizen.id,
        replaces_order_id=world.order_id,
        received_date=dt.date(2025, 5, 1),
        intervention_purpose="Ny bestilling.",
        goals=[
            orders.GoalInput(
                "Mads møder til tiden.", "skole_og_laering", dt.date(2025, 5, 1), baseline=2, target=1
            )
        ],
    )
    text = render(
        unit, "status", world.citizen.id, period_from=dt.date(2025, 4, 1), period_to=dt.date(2025, 6, 30)
    ).text
    assert "Indsatsmål 1 (tidligere bestilling af 10.01.2025)" in text and "Tre dage om ugen." in text
    assert "Mads møder til tiden." in text
    assert "Mads har en fast ven." not in text  # the old order's goal without a status in the period
