"""The management report, the comparison report and the overview's CSV, XLSX and JSON.

The figures are checked against counts written down by hand for a small unit built here (not
computed by the overview's own code): thirteen children, six in Egely on a school goal from
baseline 3 towards 1, two in Lyngbo on a maintenance goal (2 → 2), five in Solsikken on a
health goal kept at 1, one målstatus each. Lyngbo is small, so Solsikken, the next smallest
department, is hidden with it ("skjult"): otherwise the total minus Egely and Solsikken would
give Lyngbo's numbers back.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fko_desktop.models import Actor
from fko_desktop.models.outcome import Outcome
from fko_desktop.ops import citizens, goal_status, orders, staff
from fko_desktop.overview import export
from fko_desktop.overview.model import (
    Comparison,
    Dimension,
    OutcomeRow,
    OutcomeTable,
    Overview,
    OverviewFilter,
)
from fko_desktop.reports.management import render_comparison, render_management_report
from fko_desktop.storage.files import FileRefused
from fko_desktop.storage.unitfile import UnitFile
from fko_desktop.unit import Unit
from tests.reports.conftest import read_pdf

TODAY = dt.date(2026, 6, 1)
START = dt.date(2025, 1, 15)
M1 = dt.date(2025, 4, 15)
SYSTEM = Actor(None, "test", system=True)

#: Egely's six latest scores on a 3 → 1 goal: two met, two progression, one still, one worse.
EGELY_SCORES = (1, 1, 2, 2, 3, 4)


def build_small_unit(path: Path) -> None:
    unit = UnitFile.create(path, "Bostedet Kløverly")
    try:
        actor = staff.actor_for(
            staff.add_staff(unit, SYSTEM, name="Lone Berg", initials="LB", role="administrator").value
        )
        people = [("Egely", "skole_og_laering", 3, 1, s) for s in EGELY_SCORES]
        people += [("Lyngbo", "fritid_og_venskaber", 2, 2, 2)] * 2
        people += [("Solsikken", "sundhed", 1, 1, 1)] * 5
        for number, (department, domain, baseline, target, score) in enumerate(people, start=1):
            citizen = citizens.create_citizen(
                unit, actor, name=f"Barn {number}", cpr=f"{number:02d}0315-12{number:02d}", area="children",
                department=department, intake_date=dt.date(2025, 1, 5),
            ).value  # fmt: skip
            order = orders.create_order(
                unit, actor, citizen.id, meeting_date=dt.date(2025, 1, 2), received_date=dt.date(2025, 1, 10),
                intervention_purpose="Trivsel.",
                goals=[orders.GoalInput(f"Mål {number}", domain, START, baseline=baseline, target=target)],
            ).value  # fmt: skip
            goal_status.record_goal_status(
                unit, actor, order.goals[0].id, score=score, summary="Opsummering.", assessed_on=M1
            )
    finally:
        unit.close()


@pytest.fixture(scope="module")
def small_unit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("management") / "kloeverly.fko"
    build_small_unit(path)
    return path


@pytest.fixture(scope="module")
def overview(small_unit: Path) -> Overview:
    with Unit.open(small_unit, SYSTEM, readonly=True) as unit:
        return unit.overview.build(today=TODAY)


def test_the_report_prints_the_counts_and_hides_the_small_group(overview, tmp_path):
    out = render_management_report(overview, tmp_path / "ledelse.pdf")
    pdf = read_pdf(out.read_bytes())
    text = pdf.text
    assert "Ledelsesinformation" in pdf.pages[0] and "Bostedet Kløverly" in pdf.pages[0]
    assert "Grupper med færre end 5 borgere vises som < 5." in pdf.pages[0]
    assert "ikke et bevis for effekt" in pdf.pages[0]
    # The whole unit: 13 goals of 13 citizens, all with an outcome; Egely's 2 met + 2 progressed,
    # Lyngbo's 2 and Solsikken's 5 maintained went well (11 of 13).
    assert "Udvalget omfatter 13 mål hos 13 borgere. 13 af målene har en opgjort målopfyldelse" in text
    assert "af dem er 11 (85 %) gået den rigtige vej" in text
    # Egely's row in the table by department: 6 citizens, 6 goals, 2 met (33 %), 0 maintained,
    # 0 unproblematic, 2 progression (33 %), 1 still (17 %), 1 worse (17 %), 0 uncategorised.
    assert "Egely 6 6 2 33 % 0 0 % 0 0 % 2 33 % 1 17 % 1 17 % 0" in text
    # Lyngbo has two citizens: "< 5" and none of its numbers.
    assert "Lyngbo < 5 vises ikke: færre end 5 borgere" in text
    assert "Lyngbo 2 2" not in text
    # Solsikken has five, but is hidden with Lyngbo, saying why (not "< 5": it is not small).
    assert "Solsikken skjult skjult, så en lille gruppe ikke kan regnes ud af totalen" in text
    assert "Solsikken 5 5" not in text
    # The change from baseline: Egely's goals moved +2, +2, +1, +1, 0, −1.
    assert "Skole og læring 6 6 0 0 0 1 1 2 2 0 0" in text
    assert "Side 1 af" in pdf.pages[0] and "CPR" not in text
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_without_suppression_the_small_group_is_printed(overview, tmp_path):
    shown = dataclasses.replace(
        overview, filter=dataclasses.replace(overview.filter, suppress_small_groups=False)
    )
    # The rows carry their own flag (the figures were counted under the filter): unset it too.
    table = overview.outcomes[Dimension.DEPARTMENT]
    rows = tuple(dataclasses.replace(r, suppressed=False) for r in table.rows)
    outcomes = {**overview.outcomes, Dimension.DEPARTMENT: dataclasses.replace(table, rows=rows)}
    text = read_pdf(
        render_management_report(
            dataclasses.replace(shown, outcomes=outcomes), tmp_path / "a.pdf"
        ).read_bytes()
    ).text
    assert "Lyngbo 2 2 0 0 % 2 100 %" in text
    assert "enkelte borgere kan genkendes" in text


def test_the_report_refuses_an_existing_file_unless_replacing(overview, tmp_path):
    target = tmp_path / "findes.pdf"
    target.write_bytes(b"brugerens egen fil")
    with pytest.raises(FileRefused, match="findes allerede"):
        render_management_report(overview, target)
    assert target.read_bytes() == b"brugerens egen fil"
    render_management_report(overview, target, replace=True)
    assert target.read_bytes().startswith(b"%PDF")


def test_one_grouping_only(overview, tmp_path):
    text = read_pdf(
        render_management_report(overview, tmp_path / "r.pdf", groupings=[Dimension.AREA]).read_bytes()
    ).text
    assert "Målopfyldelse pr. målgruppe" in text
    assert "Målopfyldelse pr. afdeling" not in text
    assert "Målopfyldelse pr. enhed" not in text


def test_csv_has_a_figure_column_and_danish_excel_format(overview, tmp_path):
    out = export.write_csv(overview, tmp_path / "tal.csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Danish Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Figur", "Område", "Borgere", "Mål"]
    by_department = [r for r in rows if r and r[0] == "Målopfyldelse pr. afdeling"]
    egely = next(r for r in by_department if r[1] == "Egely")
    column = {name: i for i, name in enumerate(rows[rows.index(by_department[0]) - 1])}
    assert egely[column["Borgere"]] == "6"
    assert egely[column["Progressionsmål opfyldt"]] == "2"
    assert egely[column["Progressionsmål opfyldt (andel) (%)"]] == "33,3"
    lyngbo = next(r for r in by_department if r[1] == "Lyngbo")
    assert lyngbo[column["Borgere"]] == "< 5" and lyngbo[column["Progressionsmål opfyldt (andel) (%)"]] == ""
    changes = [r for r in rows if r and r[0].startswith("Ændring")]
    school = next(r for r in changes if r[1] == "Skole og læring")
    assert school[1:] == ["Skole og læring", "6", "6", "0", "0", "0", "1", "1", "2", "2", "0", "0"]
    solsikken = next(r for r in by_department if r[1] == "Solsikken")
    assert solsikken[column["Borgere"]] == "skjult"


def test_xlsx_has_numbers_as_numbers_and_shares_in_percent(overview, tmp_path):
    out = export.write_xlsx(overview, tmp_path / "tal.xlsx")
    book = load_workbook(out)
    assert book.sheetnames[0] == "Om tallene"
    assert "Afdeling" in book.sheetnames and "Ændring" in book.sheetnames
    sheet = book["Afdeling"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(1, 1).font.b
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    egely = rows["Egely"]
    met = header.index("Progressionsmål opfyldt")
    assert egely[header.index("Borgere")].value == 6 and egely[met].value == 2
    share = egely[met + 1]
    assert share.value == pytest.approx(2 / 6) and share.number_format == "0.0%"
    lyngbo = rows["Lyngbo"]
    assert lyngbo[header.index("Borgere")].value == "< 5"
    assert lyngbo[met + 1].value in (None, "")
    assert rows["I alt"][header.index("Mål")].value == 13


def test_json_is_what_fko_overview_prints(overview):
    data = json.loads(json.dumps(export.overview_json(overview)))
    assert data["unit"] == "Bostedet Kløverly"
    departments = {r["label"]: r for r in data["outcomes"]["department"]["rows"]}
    assert departments["Egely"]["counts"]["progression_goal_met"] == 2
    assert departments["Egely"]["counts"]["negative_progression"] == 1
    assert departments["Lyngbo"] == {
        "key": departments["Lyngbo"]["key"], "label": "Lyngbo", "suppressed": True, "citizens": "< 5",
    }  # fmt: skip
    assert data["outcomes"]["department"]["total"]["goals"] == 13
    assert data["filter"]["suppress_small_groups"] is True


def _table(rows: list[tuple[str, dict[Outcome, int], int, bool]], dimension: Dimension) -> OutcomeTable:
    built = [OutcomeRow(k, k, counts, 0, sum(counts.values()), c, s) for k, counts, c, s in rows]
    total: dict[Outcome, int] = {}
    for row in built:
        for outcome, n in row.counts.items():
            total[outcome] = total.get(outcome, 0) + n
    citizens = sum(r.citizens for r in built)
    return OutcomeTable(dimension, tuple(built), OutcomeRow("total", "I alt", total, 0, sum(total.values()),
                                                            citizens, False))  # fmt: skip


def test_the_comparison_report_and_workbook(tmp_path):
    met, worse = Outcome.PROGRESSION_GOAL_MET, Outcome.NEGATIVE_PROGRESSION
    units = _table(
        [("Bostedet Nord", {met: 7, worse: 3}, 9, False), ("Bostedet Syd", {met: 1}, 2, True)], Dimension.UNIT
    )
    years = _table(
        [("2025", {met: 4, worse: 2}, 6, False), ("2026", {met: 4, worse: 1}, 5, False)], Dimension.YEAR
    )
    comparison = Comparison(
        filter=OverviewFilter(),
        made_on=TODAY,
        units=("Bostedet Nord", "Bostedet Syd"),
        domains=(("ics:familieforhold", "Familieforhold"),),
        all_by_unit=units,
        by_unit={"ics:familieforhold": units},
        by_year={"ics:familieforhold": years},
    )
    pdf = read_pdf(render_comparison(comparison, tmp_path / "sammenligning.pdf").read_bytes())
    assert "Sammenligning af enheder" in pdf.pages[0]
    assert "Familieforhold på tværs af enheder" in pdf.text and "Familieforhold over tid" in pdf.text
    assert "Bostedet Nord 9 10 7 70 %" in pdf.text
    assert "Bostedet Syd < 5 vises ikke" in pdf.text
    assert "2026 5 5 4 80 %" in pdf.text

    book = load_workbook(export.write_comparison_xlsx(comparison, tmp_path / "sammenligning.xlsx"))
    assert book.sheetnames == ["Om tallene", "Pr. enhed", "Pr. år"]
    rows = [[c.value for c in r] for r in book["Pr. enhed"].iter_rows()]
    assert rows[0][:3] == ["Område", "Enhed", "Borgere"]
    assert rows[4][:4] == ["Familieforhold", "Bostedet Nord", 9, 10]
    assert rows[5][2] == "< 5"
    years_rows = [[c.value for c in r] for r in book["Pr. år"].iter_rows()]
    assert years_rows[2][:4] == ["Familieforhold", "2026", 5, 5]


def test_a_formula_in_a_name_stays_text_in_the_csv(overview, tmp_path):
    table = overview.outcomes[Dimension.DEPARTMENT]
    evil = dataclasses.replace(table.rows[0], label='=HYPERLINK("x")')
    outcomes = {Dimension.DEPARTMENT: dataclasses.replace(table, rows=(evil,))}
    data = export.csv_data(dataclasses.replace(overview, outcomes=outcomes)).decode("utf-8-sig")
    cells = [row[1] for row in csv.reader(io.StringIO(data), delimiter=";") if len(row) > 1]
    assert '\'=HYPERLINK("x")' in cells


def test_aarhus_factors_by_year_are_printed_and_exported(overview, tmp_path):
    met, still = Outcome.PROGRESSION_GOAL_MET, Outcome.NO_PROGRESSION
    factors = _table([("Skoleforhold", {met: 4, still: 2}, 6, False), ("Misbrug", {met: 1}, 1, True)],
                     Dimension.DOMAIN)  # fmt: skip
    with_factors = dataclasses.replace(overview, factors_by_year={"2025": factors})
    text = read_pdf(render_management_report(with_factors, tmp_path / "f.pdf").read_bytes()).text
    assert "Århus-skemaernes faktorer over tid" in text and "Faktorer 2025" in text
    assert "Skoleforhold 6 6 4 67 %" in text and "Misbrug < 5 vises ikke" in text
    sheet = load_workbook(export.write_xlsx(with_factors, tmp_path / "f.xlsx"))["Faktorer 2025"]
    assert [c.value for c in sheet[2]][:4] == ["Skoleforhold", 6, 6, 6]


def test_a_new_unit_gets_one_line_instead_of_empty_tables(tmp_path):
    path = tmp_path / "ny.fko"
    UnitFile.create(path, "Bostedet Ny").close()
    with Unit.open(path, SYSTEM, readonly=True) as unit:
        empty = unit.overview.build(today=TODAY)
    pdf = read_pdf(render_management_report(empty, tmp_path / "ny.pdf").read_bytes())
    assert "ingen målopfyldelse at vise endnu" in pdf.pages[0]
    assert "Målopfyldelse pr. område" not in pdf.text and "Ændring fra udgangspunkt" not in pdf.text
