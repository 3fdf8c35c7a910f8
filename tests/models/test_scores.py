import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko_desktop.errors import InvalidScore, ValidationError
from fko_desktop.models import scores
from fko_desktop.models.scores import (
    ARHUS_LABELS,
    FUNCTION_LEVEL_LABELS,
    NOT_ASSESSED,
    SCORE_VALUES,
    NotAssessed,
    check_score,
    display_score,
    from_storage,
    is_improvement,
    is_numeric,
    parse_score,
    score_label,
    to_storage,
)

any_score = st.one_of(st.sampled_from(SCORE_VALUES), st.just(NOT_ASSESSED))
score_or_none = st.one_of(any_score, st.none())


# --- NOT_ASSESSED -------------------------------------------------------------------------


def test_not_assessed_is_a_singleton():
    assert NotAssessed() is NOT_ASSESSED


def test_not_assessed_repr_and_str():
    assert repr(NOT_ASSESSED) == "NOT_ASSESSED"
    assert str(NOT_ASSESSED) == "Ikke vurderet"


def test_not_assessed_is_truthy_so_if_score_bugs_show():
    assert bool(NOT_ASSESSED) is True


@pytest.mark.parametrize("other", [-1, 0, None, "Ikke vurderet", "NOT_ASSESSED", False])
def test_not_assessed_equals_only_itself(other):
    assert NOT_ASSESSED == NOT_ASSESSED
    assert other != NOT_ASSESSED


def test_not_assessed_is_hashable():
    assert {NOT_ASSESSED: 1}[NOT_ASSESSED] == 1


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_not_assessed_survives_pickle(protocol):
    assert pickle.loads(pickle.dumps(NOT_ASSESSED, protocol=protocol)) is NOT_ASSESSED


def test_not_assessed_survives_copy():
    assert copy.copy(NOT_ASSESSED) is NOT_ASSESSED
    assert copy.deepcopy([NOT_ASSESSED])[0] is NOT_ASSESSED


def test_not_assessed_is_a_score_type():
    assert isinstance(NOT_ASSESSED, scores.Score)
    assert isinstance(3, scores.Score)


# --- parse_score --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("", None),
        ("   ", None),
        (0, 0),
        (4, 4),
        ("0", 0),
        (" 3 ", 3),
        ("\t2\n", 2),
        (NOT_ASSESSED, NOT_ASSESSED),
        ("iv", NOT_ASSESSED),
        ("IV", NOT_ASSESSED),
        ("Ikke vurderet", NOT_ASSESSED),
        ("IKKE VURDERET", NOT_ASSESSED),
        ("  ikke   vurderet ", NOT_ASSESSED),
        ("ikke_vurderet", NOT_ASSESSED),
        ("Ikke_Vurderet", NOT_ASSESSED),
    ],
)
def test_parse_score_accepts(value, expected):
    assert parse_score(value) is expected or parse_score(value) == expected
    if expected is not None and expected is not NOT_ASSESSED:
        assert type(parse_score(value)) is int


@pytest.mark.parametrize(
    "value",
    [5, -1, 2.5, 2.0, True, False, "abc", "5", "-1", "03", "+2", "2.0", "٣", "²", [], {}, b"2"],
)
def test_parse_score_rejects(value):
    with pytest.raises(InvalidScore) as info:
        parse_score(value)
    assert info.value.field == "score"
    assert isinstance(info.value, ValidationError)


def test_parse_score_message_is_danish_and_echoes_input():
    with pytest.raises(InvalidScore) as info:
        parse_score(5)
    assert str(info.value) == ("Scoren skal være et helt tal fra 0 til 4 eller »Ikke vurderet« (fik »5«).")


def test_parse_score_message_shortens_long_input():
    with pytest.raises(InvalidScore) as info:
        parse_score("x" * 500)
    assert len(str(info.value)) < 120


def test_parse_score_turns_int_subclasses_into_plain_ints():
    class MyInt(int):
        pass

    assert type(parse_score(MyInt(3))) is int


@given(score_or_none)
def test_parse_score_is_idempotent(score):
    assert parse_score(parse_score(score)) is parse_score(score) or parse_score(
        parse_score(score)
    ) == parse_score(score)


@given(any_score)
def test_parse_score_round_trips_display(score):
    assert parse_score(display_score(score)) == score


@given(st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none()))
def test_parse_score_returns_a_score_or_raises_invalid_score(value):
    try:
        result = parse_score(value)
    except InvalidScore:
        return
    assert result is None or result is NOT_ASSESSED or result in SCORE_VALUES


# --- check_score --------------------------------------------------------------------------


@given(score_or_none)
def test_check_score_accepts_scores(score):
    assert check_score(score) is score


@pytest.mark.parametrize("value", ["3", 5, -1, True, 1.0, "Ikke vurderet"])
def test_check_score_rejects_anything_not_already_parsed(value):
    with pytest.raises(InvalidScore):
        check_score(value)


# --- is_numeric ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (0, True),
        (4, True),
        (NOT_ASSESSED, False),
        (None, False),
        (True, False),
        (5, False),
        ("2", False),
        (2.0, False),
    ],
)
def test_is_numeric(value, expected):
    assert is_numeric(value) is expected


# --- storage ------------------------------------------------------------------------------


def test_storage_encoding():
    assert to_storage(None) is None
    assert to_storage(NOT_ASSESSED) == -1
    assert [to_storage(s) for s in SCORE_VALUES] == [0, 1, 2, 3, 4]


@given(score_or_none)
def test_storage_round_trips(score):
    stored = to_storage(score)
    assert stored is None or (type(stored) is int and -1 <= stored <= 4)
    assert from_storage(stored) is score or from_storage(stored) == score


@pytest.mark.parametrize("value", [5, -2, 99, True, "2", 2.0, "-1"])
def test_from_storage_rejects_unknown_values(value):
    with pytest.raises(InvalidScore) as info:
        from_storage(value)
    assert info.value.field == "score"


@pytest.mark.parametrize("value", [5, -1, "3", True])
def test_to_storage_rejects_non_scores(value):
    # -1 is the storage code, not a score: passing it in means something skipped from_storage.
    with pytest.raises(InvalidScore):
        to_storage(value)


# --- display ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, zero_based, one_based",
    [
        (0, "0", "1"),
        (2, "2", "3"),
        (4, "4", "5"),
        (NOT_ASSESSED, "Ikke vurderet", "Ikke vurderet"),
        (None, "–", "–"),
    ],
)
def test_display_score(score, zero_based, one_based):
    assert display_score(score) == zero_based
    assert display_score(score, one_based=True) == one_based


@given(st.sampled_from(SCORE_VALUES), st.sampled_from(SCORE_VALUES))
def test_one_based_display_keeps_the_order(a, b):
    # Lower is still better in the 1–5 display; only the numbers shift.
    shown_a = int(display_score(a, one_based=True))
    shown_b = int(display_score(b, one_based=True))
    assert (shown_a < shown_b) == (a < b)
    assert 1 <= shown_a <= 5


def test_display_score_rejects_garbage():
    with pytest.raises(InvalidScore):
        display_score(7)


# --- labels -------------------------------------------------------------------------------


def test_function_level_labels_match_kl_terminology():
    assert FUNCTION_LEVEL_LABELS == {
        0: "Ingen nedsat funktionsevne",
        1: "Let nedsat funktionsevne",
        2: "Moderat nedsat funktionsevne",
        3: "Svært nedsat funktionsevne",
        4: "Fuldstændig nedsat funktionsevne",
    }


def test_arhus_labels_cover_the_scale_with_seed_wording_at_the_ends():
    assert set(ARHUS_LABELS) == set(SCORE_VALUES)
    assert ARHUS_LABELS[0] == "Ingen problemer"
    assert ARHUS_LABELS[4] == "Massivt problem"


def test_label_tables_are_read_only():
    with pytest.raises(TypeError):
        FUNCTION_LEVEL_LABELS[0] = "x"  # type: ignore[index]


def test_score_label():
    assert score_label(2) == "Moderat nedsat funktionsevne"
    assert score_label(4, scale="arhus") == "Massivt problem"
    assert score_label(NOT_ASSESSED) == "Ikke vurderet"
    assert score_label(NOT_ASSESSED, scale="arhus") == "Ikke vurderet"
    assert score_label(None) == "–"


def test_score_label_unknown_scale():
    with pytest.raises(ValueError):
        score_label(1, scale="ics")


def test_score_label_rejects_garbage():
    with pytest.raises(InvalidScore):
        score_label(5)


# --- is_improvement -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (3, 1, True),
        (1, 3, False),
        (2, 2, False),
        (4, 0, True),
        (0, 4, False),
        (NOT_ASSESSED, 1, None),
        (2, NOT_ASSESSED, None),
        (None, 1, None),
        (1, None, None),
    ],
)
def test_is_improvement(old, new, expected):
    assert is_improvement(old, new) is expected


@given(score_or_none, score_or_none)
def test_is_improvement_is_antisymmetric(a, b):
    forward, backward = is_improvement(a, b), is_improvement(b, a)
    if forward is None:
        assert backward is None
    else:
        assert not (forward and backward)
