import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko_desktop.errors import InvalidScore
from fko_desktop.models.outcome import Outcome, outcome_category
from fko_desktop.models.scores import NOT_ASSESSED

NA = NOT_ASSESSED
Oc = Outcome


def test_labels():
    assert {o: o.label for o in Outcome} == {
        Oc.UNPROBLEMATIC: "Uproblematisk",
        Oc.PROGRESSION_GOAL_MET: "Progressionsmål opfyldt",
        Oc.PROGRESSION: "Progression",
        Oc.NO_PROGRESSION: "Ingen progression",
        Oc.NEGATIVE_PROGRESSION: "Negativ progression",
        Oc.MAINTENANCE_GOAL_MET: "Fastholdelsesmål opfyldt",
    }


def test_is_favourable():
    favourable = {o for o in Outcome if o.is_favourable}
    assert favourable == {
        Oc.UNPROBLEMATIC,
        Oc.PROGRESSION_GOAL_MET,
        Oc.PROGRESSION,
        Oc.MAINTENANCE_GOAL_MET,
    }


@pytest.mark.parametrize(
    "b, t, c, expected",
    [
        # Uproblematisk: b = 0 and c = 0, checked before anything else.
        (0, 0, 0, Oc.UNPROBLEMATIC),  # would otherwise be "Fastholdelsesmål opfyldt"
        (0, 2, 0, Oc.UNPROBLEMATIC),  # even with an (undefined) target above the baseline
        # Progression goal, t < b.
        (3, 1, 1, Oc.PROGRESSION_GOAL_MET),  # c = t
        (3, 1, 0, Oc.PROGRESSION_GOAL_MET),  # c < t
        (4, 0, 0, Oc.PROGRESSION_GOAL_MET),
        (3, 1, 2, Oc.PROGRESSION),  # t < c < b
        (4, 1, 3, Oc.PROGRESSION),
        (3, 1, 3, Oc.NO_PROGRESSION),  # c = b
        (1, 0, 1, Oc.NO_PROGRESSION),
        (3, 1, 4, Oc.NEGATIVE_PROGRESSION),  # c > b
        (2, 1, 3, Oc.NEGATIVE_PROGRESSION),
        # Maintenance goal, t = b.
        (2, 2, 2, Oc.MAINTENANCE_GOAL_MET),  # c = b
        (2, 2, 1, Oc.MAINTENANCE_GOAL_MET),  # c < b
        (2, 2, 0, Oc.MAINTENANCE_GOAL_MET),
        (4, 4, 4, Oc.MAINTENANCE_GOAL_MET),
        (2, 2, 3, Oc.NEGATIVE_PROGRESSION),  # c > b
        (0, 0, 1, Oc.NEGATIVE_PROGRESSION),
        # Target worse than the baseline: not defined by the seed.
        (1, 3, 1, None),
        (1, 3, 4, None),
        (1, 2, 0, None),
        # No score / not assessed: no category.
        (None, 1, 1, None),
        (3, None, 1, None),
        (3, 1, None, None),
        (NA, 1, 1, None),
        (3, NA, 1, None),
        (3, 1, NA, None),
        (0, 0, NA, None),
        (None, None, None, None),
    ],
)
def test_outcome_table(b, t, c, expected):
    assert outcome_category(b, t, c) is expected


@pytest.mark.parametrize("bad", [5, -1, "2", True, 2.0])
def test_garbage_is_an_error_not_no_category(bad):
    with pytest.raises(InvalidScore):
        outcome_category(bad, 1, 1)
    with pytest.raises(InvalidScore):
        outcome_category(3, 1, bad)


scores = st.one_of(st.integers(0, 4), st.just(NOT_ASSESSED), st.none())


@given(scores, scores, scores)
def test_total_over_the_score_domain(b, t, c):
    result = outcome_category(b, t, c)
    assert result is None or isinstance(result, Outcome)
    numeric = all(isinstance(s, int) for s in (b, t, c))
    if not numeric:
        assert result is None
    elif b == 0 and c == 0:
        assert result is Oc.UNPROBLEMATIC
    elif t > b:
        assert result is None
    else:
        assert result is not None


levels = st.integers(0, 4)


@given(levels, levels, levels)
def test_getting_worse_is_never_favourable(b, t, c):
    result = outcome_category(b, t, c)
    if result is not None and c > b:
        assert result is Oc.NEGATIVE_PROGRESSION
        assert not result.is_favourable


@given(levels, levels, levels, levels)
def test_a_better_current_score_never_gives_a_worse_outcome(b, t, c1, c2):
    # Monotonic: with baseline and target fixed, a lower (better) latest score is at least as
    # good an outcome.
    rank = {
        Oc.NEGATIVE_PROGRESSION: 0,
        Oc.NO_PROGRESSION: 1,
        Oc.PROGRESSION: 2,
        Oc.PROGRESSION_GOAL_MET: 3,
        Oc.MAINTENANCE_GOAL_MET: 3,
        Oc.UNPROBLEMATIC: 4,
    }
    better, worse = sorted((c1, c2))
    r_better, r_worse = outcome_category(b, t, better), outcome_category(b, t, worse)
    if r_better is not None and r_worse is not None:
        assert rank[r_better] >= rank[r_worse]
