"""The status report carries the child's Århus schema assessments of the period (seed 003
Figure 7): per factor the score and target of the assessment before, the new score and its
outcome category, the professionals' text and the child's and parents' own scores; a withdrawn
assessment neither shows nor is compared with; a child without assessments gets no section."""

from __future__ import annotations

import datetime as dt

import pytest

from fko_desktop.ops import aarhus_assessment as aa
from fko_desktop.ops.aarhus_assessment import FactorInput
from fko_desktop.reports import ReportOptions, render_report
from tests.aarhus import FACTORS
from tests.reports.conftest import Pdf, read_pdf, render
from tests.world import World

INTAKE, THREE_MONTHS, WITHDRAWN, FOLLOW_UP = (
    dt.date(2025, 1, 20), dt.date(2025, 4, 22), dt.date(2025, 9, 1), dt.date(2025, 10, 20),
)  # fmt: skip
PERIOD = {
    "period_from": dt.date(2025, 6, 1),
    "period_to": dt.date(2025, 12, 1),
    "today": dt.date(2025, 12, 1),
}
SCHOOL_TEXT = "Mads møder nu i skole fire dage om ugen."
CHILD_SAYS = "Jeg kan godt lide min nye klasse."
PARENT_SAYS = "Mor synes, det går bedre."
WITHDRAWN_TEXT = "Scoret på den forkerte borger WRONGWORD."

#: factor → (score, target) at the three-month check, and the score at the follow-up, with
#: the category ``outcome_category`` gives that pair (worked out by hand from DOMAIN.md).
PAIRS = {
    "skoleforhold": ((3, 2), 2, "Progressionsmål opfyldt"),
    "tilknytning": ((3, 1), 2, "Progression"),
    "sundhedsforhold": ((2, 1), 2, "Ingen progression"),
    "udvikling_og_adfaerd": ((2, 2), 3, "Negativ progression"),
    "familieforhold_mor": ((1, 1), 1, "Fastholdelsesmål opfyldt"),
    "kriminalitet": ((0, 0), 0, "Uproblematisk"),
}
NAMES = {
    "skoleforhold": "Skoleforhold",
    "tilknytning": "Tilknytning",
    "sundhedsforhold": "Sundhedsforhold",
    "udvikling_og_adfaerd": "Udvikling og adfærd",
    "familieforhold_mor": "Forhold til mor",
    "kriminalitet": "Kriminalitet",
}


def _record(world: World, day: dt.date, factors: dict[str, FactorInput], **fields: object) -> int:
    given = [factors.get(code, FactorInput(code, 2, 1)) for code in FACTORS]
    return aa.record_aarhus_assessment(
        world.unit, world.actor, world.citizen.id, assessed_on=day, factors=given,
        today=dt.date(2025, 12, 1), **fields,  # type: ignore[arg-type]
    ).value.id  # fmt: skip


@pytest.fixture
def assessed(world: World) -> World:
    _record(world, INTAKE, {})
    _record(world, THREE_MONTHS, {c: FactorInput(c, *before) for c, (before, _, _) in PAIRS.items()})
    wrong = _record(
        world, WITHDRAWN, {"skoleforhold": FactorInput("skoleforhold", 4, 3, note=WITHDRAWN_TEXT)}
    )
    aa.withdraw_aarhus_assessment(world.unit, world.actor, wrong, reason="Forkert barn")
    later = {c: FactorInput(c, after, 1 if after else 0) for c, (_, after, _) in PAIRS.items()}
    later["skoleforhold"] = FactorInput(
        "skoleforhold", 2, 1, note=SCHOOL_TEXT, child_score=1, child_note=CHILD_SAYS,
        parent_score=2, parent_note=PARENT_SAYS,
    )  # fmt: skip
    later["selvhjulpenhed"] = FactorInput("selvhjulpenhed", "iv")
    _record(world, FOLLOW_UP, later, participants="Sagsbehandler, kontaktpædagog, mor")
    return world


def _section(pdf: Pdf) -> str:
    text = pdf.text
    assert "Århus-skema (Børn og familie)" in text
    return text.split("Århus-skema (Børn og familie)", 1)[1].split("Bostedets samlede vurdering", 1)[0]


def test_the_new_assessment_is_compared_factor_by_factor_with_the_one_before(assessed: World) -> None:
    section = _section(render(assessed.unit, "status", assessed.citizen.id, **PERIOD))
    assert "Vurdering 20.10.2025 · Opfølgning" in section
    assert "Sammenlignet med vurderingen 22.04.2025." in section
    assert "Deltagere: Sagsbehandler, kontaktpædagog, mor." in section
    for code, ((before, target), after, category) in PAIRS.items():
        # Faktor, Før, Mål før, Nu, Målopfyldelse: one row, read left to right.
        assert f"{NAMES[code]} {before} {target} {after} {category}" in section, code
    assert "Selvhjulpenhed 2 1 IV ikke opgjort" in section
    assert SCHOOL_TEXT in section
    assert "Barnets egen score: 1" in section and CHILD_SAYS in section
    assert "Forældrenes egen score: 2" in section and PARENT_SAYS in section
    # Four of PAIRS went as hoped or held; Sundhedsforhold and the three left at 2 (mål 1) → 2
    # stood still; Selvhjulpenhed has no category.
    assert (
        "Kort fortalt: 4 faktorer er nået, holdt eller går den rigtige vej, 4 uden progression, "
        "1 med negativ progression og 1 kan ikke opgøres."
    ) in section
    assert "Næste Århus-vurdering, opfølgning, skal laves 20.04.2026." in section
    # Only the period's assessment gets a table; the one before is named, not repeated.
    assert "Vurdering 22.04.2025" not in section


def test_a_withdrawn_assessment_is_not_shown_and_not_compared_with(assessed: World) -> None:
    text = render(assessed.unit, "status", assessed.citizen.id, **PERIOD).text
    assert WITHDRAWN_TEXT not in text and "WRONGWORD" not in text
    assert "01.09.2025" not in text
    # Compared with 22.04 (3 → 2: goal met), not with the withdrawn 01.09 (4, target 3).
    assert "Skoleforhold 3 2 2 Progressionsmål opfyldt" in text


def test_without_an_assessment_in_the_period_the_latest_before_it_is_shown_marked(assessed: World) -> None:
    section = _section(
        render(
            assessed.unit, "status", assessed.citizen.id,
            period_from=dt.date(2025, 5, 1), period_to=dt.date(2025, 8, 1), today=dt.date(2025, 8, 1),
        )
    )  # fmt: skip
    assert "Vurdering 22.04.2025 · Opfølgning (3 måneder) · før perioden" in section
    assert "Der er ingen ny Århus-vurdering i perioden" in section
    assert "Sammenlignet med vurderingen 20.01.2025." in section
    assert "Skoleforhold 2 1 3 Negativ progression" in section  # intake 2 (mål 1) → 3
    assert "Næste Århus-vurdering, opfølgning, skal laves 22.10.2025." in section


def test_the_first_assessment_has_nothing_to_compare_with(world: World) -> None:
    _record(world, INTAKE, {"skoleforhold": FactorInput("skoleforhold", 3, 2)})
    section = _section(
        render(world.unit, "status", world.citizen.id, period_from=dt.date(2025, 1, 15),
               period_to=dt.date(2025, 3, 1), today=dt.date(2025, 3, 1))
    )  # fmt: skip
    assert "Første vurdering" in section
    assert "Skoleforhold – – 3 – 2" in section
    assert "Kort fortalt" not in section
    assert "Næste Århus-vurdering, opfølgning (3 måneder), skal laves 20.04.2025." in section


def test_a_child_without_assessments_gets_no_section(world: World) -> None:
    text = render(world.unit, "status", world.citizen.id, **PERIOD).text
    assert "Århus-skema" not in text and "Århus-vurdering" not in text


def test_a_print_of_one_goal_leaves_the_assessments_out(assessed: World) -> None:
    goal = assessed.goals[0].id
    with assessed.unit.read() as session:
        data = render_report(session, "status", assessed.citizen.id, ReportOptions(goal_id=goal, **PERIOD))  # type: ignore[arg-type]
    assert "Århus-skema" not in read_pdf(data).text
