"""``fko report`` and the page images a person looks at (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image

from fko_desktop.cli import main
from tests.reports.conftest import read_pdf


def test_fko_report_writes_the_pdf_and_accepts_a_cpr_number(edge, tmp_path, capsys):
    out = tmp_path / "status.pdf"
    argv = ["report", "status", "--citizen", "010215-4321", "--out", str(out), "--mask-cpr",
            "--today", "01.12.2025", "--printed-by", "Anna Hansen", str(edge.path)]  # fmt: skip
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)
    pdf = read_pdf(out.read_bytes())
    assert "Mads Testesen · CPR 010215-XXXX" in pdf.pages[0]
    assert "Udskrevet 01.12.2025 af Anna Hansen" in pdf.pages[0]
    assert not list(tmp_path.glob(".status.pdf.*"))  # no temporary file left behind


def test_fko_report_journal_for_one_sub_goal_and_period(edge, tmp_path):
    out = tmp_path / "journal.pdf"
    argv = ["report", "journal", "--citizen", str(edge.child_id), "--sub-goal", str(edge.sub_goal_ids[0]),
            "--from", "2025-09-01", "--to", "2025-09-30", "--out", str(out), str(edge.path)]  # fmt: skip
    assert main(argv) == 0
    text = read_pdf(out.read_bytes()).text
    assert "Periode 01.09.2025 – 30.09.2025" in text
    assert "1 notater" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2025-05-01", "--to", "2025-04-01"], "fko: Til-dato ligger før fra-dato."),
        (["--goal", "4242"], "fko: Indsatsmålet med id 4242 findes ikke i enhedsfilen."),
    ],
)
def test_fko_report_errors_are_one_line_and_exit_1(edge, tmp_path, capsys, argv, message):
    out = tmp_path / "x.pdf"
    code = main(
        ["report", "status", "--citizen", str(edge.child_id), "--out", str(out), *argv, str(edge.path)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == message and err.count("\n") == 1
    assert not out.exists()


def test_fko_report_unknown_citizen_and_missing_folder(edge, tmp_path, capsys):
    assert main(["report", "plan", "--citizen", "77", "--out", str(tmp_path / "p.pdf"), str(edge.path)]) == 1
    assert "Ingen borger med id eller CPR-nummer »77«." in capsys.readouterr().err
    assert (
        main(["report", "plan", "--citizen", "1", "--out", str(tmp_path / "nej" / "p.pdf"), str(edge.path)])
        == 1
    )
    assert "findes ikke" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_report_pages_render_to_images(edge, tmp_path):
    for kind in ("plan", "status", "citizen", "journal"):
        pdf = tmp_path / f"{kind}.pdf"
        assert main(["report", kind, "--citizen", str(edge.child_id), "--today", "2025-12-01",
                     "--out", str(pdf), str(edge.path)]) == 0  # fmt: skip
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / kind)], check=True
        )
        images = list(tmp_path.glob(f"{kind}-*.png"))
        assert len(images) == 1
        with Image.open(images[0]) as image:
            assert image.size[1] > image.size[0]  # A4 portrait
            dark = sum(image.convert("L").histogram()[:128])
        # Not blank: at 40 dpi a first page (title, facts, rules) has well over a thousand
        # dark pixels; an empty page has none.
        assert dark > 1000, f"{images[0].name} looks blank"
