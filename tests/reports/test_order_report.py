"""The order report (bestilling): the authority's order alone, read back with pypdf."""

from __future__ import annotations

import datetime as dt

import pytest

from fko_desktop.cli import main
from fko_desktop.errors import NotFound, ValidationError
from fko_desktop.models import Actor
from fko_desktop.models.catalogs import load_catalog
from fko_desktop.models.scores import ScoreStyle
from fko_desktop.ops import citizens, orders, plans, staff
from fko_desktop.reports import ReportKind, ReportOptions, render_report, report_title
from fko_desktop.reports.common import scale_note
from tests.reports.conftest import TODAY, read_pdf, render

# FFB codes (KL Terminologi): sub-themes, goal types, support need, a related theme.
LAVE_MAD = "b947f321-7cdb-4b33-9653-f3ff800572b0"
UDVIKLE = "d41c8072-52f8-42b5-9375-ddbea454d27f"
FASTHOLDE = "10752a63-00b4-4958-b7f4-9f3a18f74266"
MODERAT = "401a397b-b3aa-4ca3-8b23-bd8f99dd3f76"

PURPOSE = "At Østen bliver så selvhjulpen som muligt i egen bolig og får et hverdagsliv med mening."
GOALS = (
    "Østen laver selv aftensmad tre dage om ugen efter ugens madplan.",
    "Østen køber selv ind én gang om ugen med indkøbsseddel.",
)


def _ffb_code(set_name: str, display: str) -> str:
    return next(e.code for e in load_catalog("ffb").set(set_name) if e.display == display)


@pytest.fixture
def adult_order(unit):
    """An adult's order with everything an order can hold, and its revision."""
    actor = staff.actor_for(staff.add_staff(unit, Actor(None, "t"), name="Anna Hansen", initials="ah").value)
    citizen = citizens.create_citizen(
        unit, actor, name="Østen Ærbødig", cpr="240265-1234", area="adults",
        acting_municipality="Randers", paying_municipality="Århus",
    ).value  # fmt: skip
    first = orders.create_order(
        unit, actor, citizen.id, meeting_date=dt.date(2024, 3, 1), received_date=dt.date(2024, 3, 8),
        intervention_purpose="Den første bestilling.",
        goals=[orders.GoalInput("Østen vasker selv tøj.", LAVE_MAD, dt.date(2024, 3, 8),
                                baseline=3, target=2)],
    ).value  # fmt: skip
    order = orders.create_order(
        unit, actor, citizen.id, replaces_order_id=first.id,
        meeting_date=dt.date(2025, 2, 3), meeting_kind="annual", received_date=dt.date(2025, 2, 12),
        sender_name="Søren Sagsbehandler", sender_organisation="Randers Kommune, Voksenhandicap",
        intervention_purpose=PURPOSE, agreements="Bostedet ringer til sagsbehandleren ved indlæggelse.",
        other_needs="Østen ønsker hjælp til at søge fleksjob; det følges op ved næste møde.",
        support_need_code=MODERAT,
        services=[orders.ServiceInput("Længerevarende botilbud", legal_basis="SEL § 108",
                                      start_date=dt.date(2025, 2, 15)),
                  orders.ServiceInput("Ledsagelse", legal_basis="SEL § 97", start_date=dt.date(2025, 3, 1),
                                      end_date=dt.date(2025, 12, 31))],
        goals=[
            orders.GoalInput(GOALS[0], LAVE_MAD, dt.date(2025, 2, 15), baseline=3, target=1,
                             goal_type_code=UDVIKLE, follow_up_date=dt.date(2026, 2, 1),
                             justification="Madlavning gør Østen mere selvstændig.",
                             related_themes=[_ffb_code("related_themes", "Kost")]),
            orders.GoalInput(GOALS[1], _ffb_code("goal_domains", "Købe ind"),
                             dt.date(2025, 2, 15), baseline=2, target=2, goal_type_code=FASTHOLDE),
        ],
    ).value  # fmt: skip
    return unit, citizen, first, order


def test_the_order_report_reads_like_the_caseworkers_order(adult_order):
    unit, citizen, _, _ = adult_order
    pdf = render(unit, "order", citizen.id, printed_by="Anna Hansen")
    text = pdf.text
    assert pdf.metadata["/Title"] == report_title(ReportKind.ORDER, "Østen Ærbødig")
    assert pdf.metadata["/Title"] == "Bestilling – Østen Ærbødig"
    for number, page in enumerate(pdf.pages, start=1):
        assert "Østen Ærbødig · CPR 240265-1234" in page and f"Side {number} af {len(pdf.pages)}" in page
    # The citizen, the sender and the dates.
    assert "Område Voksne" in text
    assert "Handlekommune: Randers Betalingskommune: Århus" in text
    assert "Afsender (sagsbehandler) Søren Sagsbehandler, Randers Kommune, Voksenhandicap" in text
    assert "Møde 03.02.2025 (Årligt planmøde)" in text
    assert "Modtaget 12.02.2025" in text
    assert "Støttebehov Moderat støttebehov" in text
    # The purpose and the services with legal basis and period.
    assert PURPOSE in text
    assert "Længerevarende botilbud SEL § 108 fra 15.02.2025" in text
    assert "Ledsagelse SEL § 97 01.03.2025 – 31.12.2025" in text
    # Every goal with its domain, type, scores in the scale's words, dates and justification.
    for goal in GOALS:
        assert goal in text
    assert "Område Praktiske opgaver › Lave mad" in text
    assert "Område Praktiske opgaver › Købe ind" in text
    assert "Måltype Udvikle funktionsevne" in text and "Måltype Fastholde funktionsevne" in text
    assert "Udgangspunkt (baseline) 3 – Svært nedsat funktionsevne" in text
    assert "Mål (target) 1 – Let nedsat funktionsevne" in text
    assert "Udgangspunkt (baseline) 2 – Moderat nedsat funktionsevne Mål (target) 2 – Moderat nedsat" in text
    assert "Startdato 15.02.2025" in text and "Opfølgning 01.02.2026" in text
    assert "Relaterede temaer Kost" in text
    assert "Begrundelse: Madlavning gør Østen mere selvstændig." in text
    assert " ".join(scale_note(ScoreStyle("ffb")).split()) in text
    # Agreements and other needs.
    assert "Bostedet ringer til sagsbehandleren ved indlæggelse." in text
    assert "Østen ønsker hjælp til at søge fleksjob" in text
    # The replaced order is named, and nothing of it (or of a plan) is printed.
    assert "Status Godkendt" not in text  # not accepted yet
    assert "Status Modtaget; erstatter bestillingen af 08.03.2024" in text
    assert "Den første bestilling." not in text and "Østen vasker selv tøj." not in text


def test_an_earlier_order_is_printed_when_chosen_and_says_what_replaced_it(adult_order):
    unit, citizen, first, _ = adult_order
    text = render(unit, "order", citizen.id, order_id=first.id).text
    assert "Den første bestilling." in text and "Østen vasker selv tøj." in text
    assert "Status Erstattet af ny bestilling af 12.02.2025" in text
    assert PURPOSE not in text
    assert "Bestillingen nævner ingen aftaler." in text
    assert "Bestillingen nævner ingen andre behov." in text
    assert "Støttebehov Ikke angivet i bestillingen" in text
    assert "Ydelser" not in text  # no services: no empty table


def test_the_order_report_leaves_the_units_plan_and_sub_goals_out(edge_unit, edge):
    text = render(edge_unit, "order", edge.child_id).text
    assert "At Mads trives og går i skole." in text
    assert "Mads går i skole fire dage om ugen." in text and "Mads har en fast ven." in text
    assert "Udgangspunkt (baseline) 3 – Svært problem" in text and "Mål (target) 1 – Let problem" in text
    assert "Møde 02.01.2025" in text and "Modtaget 10.01.2025" in text
    assert "Område Børn og unge" in text
    assert "Støttebehov" not in text  # an adults' assessment only
    assert "Delmål" not in text and "Fast vækning kl. 7" not in text
    assert "Bostedet lægger vægt på skolegang og søvn." not in text  # the plan's addition


def test_masked_cpr_in_the_order_report(edge_unit, edge):
    pdf = render(edge_unit, "order", edge.child_id, mask_cpr=True)
    assert all("CPR 010215-XXXX" in page for page in pdf.pages)
    assert "4321" not in pdf.text


def test_a_citizen_without_an_order_is_refused(edge_unit, edge):
    with edge_unit.read() as session:
        refusal = "Åse Ørnebjerg har ingen bestilling, så der er ingen bestilling at udskrive."
        with pytest.raises(ValidationError, match=refusal):
            render_report(session, ReportKind.ORDER, edge.nobody_id, ReportOptions(today=TODAY))


def test_order_choice_refusals(adult_order):
    unit, citizen, first, _ = adult_order
    actor = staff.actor_for(unit.staff()[0])
    other = citizens.create_citizen(unit, actor, name="Bo Anden", cpr="010170-1234", area="adults").value
    with unit.read() as session:
        with pytest.raises(ValidationError, match="Bestillingen tilhører en anden borger."):
            render_report(session, "order", other.id, ReportOptions(order_id=first.id))
        with pytest.raises(NotFound, match="med id 4242 findes ikke"):
            render_report(session, "order", citizen.id, ReportOptions(order_id=4242))
        with pytest.raises(ValidationError, match="kun vælges til »Bestilling«, ikke til »Status til"):
            render_report(session, "status", citizen.id, ReportOptions(order_id=first.id))
        with pytest.raises(ValidationError, match="udskrives altid hel"):
            render_report(session, "order", citizen.id, ReportOptions(goal_id=first.goals[0].id))


def test_the_order_report_does_not_follow_the_plans_order(adult_order):
    """The plan report prints the order its plan was made from; the order report prints the
    current order unless told otherwise."""
    unit, citizen, first, _ = adult_order
    plans.create_plan(unit, staff.actor_for(unit.staff()[0]), citizen.id, order_id=first.id)
    assert "Den første bestilling." in render(unit, "plan", citizen.id).text
    assert PURPOSE in render(unit, "order", citizen.id).text


def test_fko_report_order_with_a_chosen_order(adult_order, tmp_path, capsys):
    unit, citizen, first, _ = adult_order
    unit.close()  # the command opens the file itself
    out = tmp_path / "bestilling.pdf"
    argv = ["report", "order", "--citizen", "240265-1234", "--order", str(first.id), "--today", "01.12.2025",
            "--out", str(out), str(unit.path)]  # fmt: skip
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)
    pdf = read_pdf(out.read_bytes())
    assert pdf.metadata["/Title"] == "Bestilling – Østen Ærbødig"
    assert "Den første bestilling." in pdf.text
