"""ScoreStyle: the one decision of how a citizen's scores read (words by area, 0–4 or 1–5)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko_desktop.models.enums import Area
from fko_desktop.models.scores import (
    ARHUS_LABELS,
    FUNCTION_LEVEL_LABELS,
    NOT_ASSESSED,
    SCORE_VALUES,
    ScoreStyle,
    score_text,
)


@pytest.mark.parametrize("area", [Area.CHILDREN, "children"])
def test_a_child_reads_in_problem_words(area):
    style = ScoreStyle.for_area(area)
    assert style == ScoreStyle("arhus", False)
    assert style.text(2) == "2 – Moderat problem"
    assert all("nedsat funktionsevne" not in style.text(level) for level in SCORE_VALUES)


@pytest.mark.parametrize("area", [Area.ADULTS, "adults"])
def test_an_adult_reads_in_ffb_function_levels(area):
    style = ScoreStyle.for_area(area, one_based=True)
    assert style == ScoreStyle("ffb", True)
    assert style.text(2) == "3 – Moderat nedsat funktionsevne"


def test_one_based_changes_the_number_never_the_words():
    zero, one = ScoreStyle.for_area("children"), ScoreStyle.for_area("children", one_based=True)
    assert (zero.number(0), one.number(0)) == ("0", "1")
    assert (zero.best, zero.worst, one.best, one.worst) == ("0", "4", "1", "5")
    assert zero.label(4) == one.label(4) == "Massivt problem"
    assert one.text(4) == "5 – Massivt problem" and one.text(4, words=False) == "5"


def test_not_assessed_and_no_score_stay_what_they_are():
    for style in (ScoreStyle.for_area("adults"), ScoreStyle.for_area("children", one_based=True)):
        assert style.text(NOT_ASSESSED) == style.number(NOT_ASSESSED) == "Ikke vurderet"
        assert style.text(None) == style.number(None) == "–"


@given(
    level=st.sampled_from(SCORE_VALUES),
    area=st.sampled_from(list(Area)),
    one_based=st.booleans(),
)
def test_the_style_is_score_text_with_the_areas_words(level, area, one_based):
    style = ScoreStyle.for_area(area, one_based=one_based)
    labels = FUNCTION_LEVEL_LABELS if area is Area.ADULTS else ARHUS_LABELS
    assert style.text(level) == score_text(level, scale=style.words, one_based=one_based)
    assert style.text(level) == f"{level + 1 if one_based else level} – {labels[level]}"


def test_the_style_is_a_value_and_refuses_unknown_words():
    style = ScoreStyle.for_area("children")
    with pytest.raises(dataclasses.FrozenInstanceError):
        style.one_based = True  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown scale"):
        ScoreStyle("ics")
    with pytest.raises(ValueError):
        ScoreStyle.for_area("pensioners")
