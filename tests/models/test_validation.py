import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko_desktop.errors import InvalidScore, ValidationError
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.models.validation import (
    MAX_GOALS_PER_ORDER,
    check_goal_scores,
    check_observation,
    goal_count_warning,
    missing_sub_goals,
    plan_can_be_active,
    require_text,
)

# --- goal count ---------------------------------------------------------------------------


def test_max_goals():
    assert MAX_GOALS_PER_ORDER == 3


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_no_warning_up_to_three_goals(count):
    assert goal_count_warning(count) is None


def test_warning_for_four_goals():
    assert goal_count_warning(4) == (
        "Bestillingen har 4 indsatsmål. Normalt højst 3 pr. udfører – er det en kompleks sag?"
    )


@given(st.integers())
def test_goal_count_warning_never_raises(count):
    warning = goal_count_warning(count)
    assert (warning is not None) == (count > 3)
    if warning:
        assert f"har {count} indsatsmål" in warning


# --- check_observation --------------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 3, "2", NOT_ASSESSED, "ikke vurderet"])
@pytest.mark.parametrize("text", [None, "", "   \n"])
def test_a_score_needs_an_observation(text, score):
    with pytest.raises(ValidationError) as info:
        check_observation(text, score)
    assert str(info.value) == "En score kræver en skriftlig observation."
    assert info.value.field == "text"


@pytest.mark.parametrize("score", [None, ""])
@pytest.mark.parametrize("text", [None, "", "  "])
def test_an_empty_note_is_refused(text, score):
    with pytest.raises(ValidationError) as info:
        check_observation(text, score)
    assert str(info.value) == "Skriv en observation."
    assert info.value.field == "text"


def test_a_note_without_score_is_allowed():
    assert check_observation("  Spiste morgenmad selv.  ", None) == "Spiste morgenmad selv."


@pytest.mark.parametrize("score", [0, 4, NOT_ASSESSED, "1"])
def test_a_note_with_score(score):
    assert check_observation("Gik selv i skole.\n", score) == "Gik selv i skole."


def test_an_invalid_score_is_reported_as_such():
    with pytest.raises(InvalidScore) as info:
        check_observation("Fin dag.", 7)
    assert info.value.field == "score"


@given(st.text(), st.one_of(st.none(), st.integers(0, 4), st.just(NOT_ASSESSED)))
def test_check_observation_returns_stripped_text_or_raises(text, score):
    try:
        result = check_observation(text, score)
    except ValidationError:
        assert not text.strip()
        return
    # Stored composed (NFC), as typed and as searched; a compatibility character such as
    # U+FA2A becomes its canonical form.
    assert result == unicodedata.normalize("NFC", text.strip()) and result


# --- check_goal_scores --------------------------------------------------------------------


def test_check_goal_scores_parses_both():
    assert check_goal_scores("3", 1) == (3, 1)
    assert check_goal_scores(NOT_ASSESSED, "iv") == (NOT_ASSESSED, NOT_ASSESSED)
    assert check_goal_scores(None, "") == (None, None)


def test_check_goal_scores_allows_a_target_worse_than_the_baseline():
    # "Begrænse tab af funktionsevne" goals are written that way.
    assert check_goal_scores(1, 3) == (1, 3)


def test_check_goal_scores_names_the_wrong_field():
    with pytest.raises(InvalidScore) as info:
        check_goal_scores(5, 1)
    assert info.value.field == "baseline"
    assert "(fik »5«)" in str(info.value)
    with pytest.raises(InvalidScore) as info:
        check_goal_scores(2, "x")
    assert info.value.field == "target"


# --- sub-goals ----------------------------------------------------------------------------


def test_missing_sub_goals():
    goals = [("a", 1), ("b", 0), ("c", 3), ("d", 0)]
    assert missing_sub_goals(goals) == ["b", "d"]
    assert missing_sub_goals(iter(goals)) == ["b", "d"]
    assert missing_sub_goals([]) == []


@pytest.mark.parametrize(
    "goals, expected",
    [
        ([], False),
        ([(1, 1)], True),
        ([(1, 2), (2, 1), (3, 1)], True),
        ([(1, 2), (2, 0)], False),
        ([(1, 0)], False),
    ],
)
def test_plan_can_be_active(goals, expected):
    assert plan_can_be_active(goals) is expected
    assert plan_can_be_active(iter(goals)) is expected  # a generator is read only once


@given(st.lists(st.tuples(st.integers(), st.integers(0, 5))))
def test_plan_active_iff_goals_and_none_missing(goals):
    assert plan_can_be_active(goals) == (bool(goals) and not missing_sub_goals(goals))


# --- require_text -------------------------------------------------------------------------


def test_require_text():
    assert require_text("  Indsatsformål  ", "purpose", "Indsatsformål") == "Indsatsformål"


@pytest.mark.parametrize("value", [None, "", " \t\n"])
def test_require_text_refuses_blank(value):
    with pytest.raises(ValidationError) as info:
        require_text(value, "purpose", "Indsatsformål")
    assert str(info.value) == "Udfyld »Indsatsformål«."
    assert info.value.field == "purpose"
