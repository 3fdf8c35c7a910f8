import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fko_desktop.errors import InvalidCpr, ValidationError
from fko_desktop.models.cpr import age_on, birth_date, is_valid_cpr, mask_cpr, parse_cpr

CANONICAL = re.compile(r"\d{6}-\d{4}", re.ASCII)


# --- parse_cpr ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["010203-1234", "0102031234", "010203 1234", "  010203-1234\n", "\t0102031234 ", "010203\u20131234"],
)
def test_parse_cpr_accepts_the_usual_forms(text):
    assert parse_cpr(text) == "010203-1234"


@pytest.mark.parametrize(
    "text",
    [
        "01020-31234",
        "010203--1234",
        "010203-123",
        "010203-12345",
        "01020312345",
        "abcdef-ghij",
        "010203_1234",
        "010203 - 1234",
        "٠١٠٢٠٣-١٢٣٤",
        "010203-1234x",
        "cpr 010203-1234",
    ],
)
def test_parse_cpr_rejects_other_shapes(text):
    with pytest.raises(InvalidCpr) as info:
        parse_cpr(text)
    assert info.value.field == "cpr"
    assert isinstance(info.value, ValidationError)
    assert str(info.value).startswith("CPR-nummeret skal have formen DDMMÅÅ-SSSS (fik »")


@pytest.mark.parametrize("text", ["", "   ", None])
def test_parse_cpr_blank(text):
    with pytest.raises(InvalidCpr) as info:
        parse_cpr(text)
    assert str(info.value) == "Skriv et CPR-nummer på formen DDMMÅÅ-SSSS."


def test_parse_cpr_rejects_an_int():
    # 101010 1234 as an int would hide lost leading zeros for days 01–09.
    with pytest.raises(InvalidCpr):
        parse_cpr(1010101234)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "310299-1234",
        "320199-1234",
        "001099-1234",
        "010099-1234",
        "011399-1234",
        "290201-1234",  # 1901 was not a leap year
        "290200-0234",  # 7th digit 0 → 1900, not a leap year
        "290258-5234",
    ],  # 7th digit 5, yy 58 → 1858, not a leap year
)
def test_parse_cpr_rejects_impossible_dates(text):
    with pytest.raises(InvalidCpr) as info:
        parse_cpr(text)
    assert info.value.field == "cpr"
    assert str(info.value) == f"CPR-nummeret indeholder ikke en gyldig dato ({text[:6]}-…)."


def test_invalid_date_message_does_not_echo_the_serial():
    with pytest.raises(InvalidCpr) as info:
        parse_cpr("310299-9876")
    assert "9876" not in str(info.value)


def test_long_input_is_shortened_in_the_message():
    with pytest.raises(InvalidCpr) as info:
        parse_cpr("1" * 300)
    assert len(str(info.value)) < 100


def test_no_modulus_11_check():
    # 010203-1235 fails modulus 11 for sure if 010203-1234 passes, and vice versa; both are
    # accepted because numbers issued since 2007 need not satisfy it.
    assert parse_cpr("010203-1234") and parse_cpr("010203-1235")


# --- century rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cpr, year",
    [
        ("010100-0000", 1900),
        ("010199-3999", 1999),  # 0–3 → 1900s
        ("010100-4000", 2000),
        ("010136-4000", 2036),
        ("010137-4000", 1937),
        ("010199-4000", 1999),  # 4 → 2000–2036 / 1937–1999
        ("010136-9000", 2036),
        ("010137-9000", 1937),  # 9 like 4
        ("010100-5000", 2000),
        ("010157-5000", 2057),
        ("010158-5000", 1858),
        ("010199-8999", 1899),  # 5–8 → 2000–2057 / 1858–1899
        ("010157-8000", 2057),
        ("010158-6000", 1858),
    ],
)
def test_century_rule(cpr, year):
    assert birth_date(cpr).year == year


def test_leap_day_depends_on_century():
    assert birth_date("290200-4000") == date(2000, 2, 29)
    assert is_valid_cpr("290200-4000")
    assert not is_valid_cpr("290200-0000")  # 1900 was not a leap year


# --- birth_date / mask / age --------------------------------------------------------------


def test_birth_date():
    assert birth_date("241287-1234") == date(1987, 12, 24)
    assert birth_date("2412871234") == date(1987, 12, 24)


def test_mask_cpr():
    assert mask_cpr("241287-1234") == "241287-XXXX"
    assert mask_cpr(" 241287 1234 ") == "241287-XXXX"


def test_mask_cpr_validates():
    with pytest.raises(InvalidCpr):
        mask_cpr("nonsense")


@pytest.mark.parametrize(
    "day, age",
    [
        (date(2005, 6, 14), 17),
        (date(2005, 6, 15), 18),  # birthday
        (date(2005, 6, 16), 18),
        (date(1987, 6, 15), 0),
    ],
)
def test_age_on(day, age):
    assert age_on("150687-1234", day) == age


def test_age_on_leap_day_birthday():
    # Born 29 Feb 2008 (7th digit 4 → 2000s); in 2009 the birthday is taken on 1 March.
    assert age_on("290208-4321", date(2009, 2, 28)) == 0
    assert age_on("290208-4321", date(2009, 3, 1)) == 1
    assert age_on("290208-4321", date(2012, 2, 29)) == 4


def test_age_before_birth_is_an_error():
    with pytest.raises(ValueError):
        age_on("150687-1234", date(1987, 6, 14))


# --- properties ---------------------------------------------------------------------------


def _century_digits(year: int) -> list[int]:
    """The 7th digits that put a two-digit year in *year*'s century."""
    yy = year % 100
    digits = []
    for d in range(10):
        if d <= 3:
            full = 1900 + yy
        elif d in (4, 9):
            full = (2000 if yy <= 36 else 1900) + yy
        else:
            full = (2000 if yy <= 57 else 1800) + yy
        if full == year:
            digits.append(d)
    return digits


@given(
    st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)),
    st.integers(0, 999),
    st.data(),
    st.sampled_from(["-", "", " "]),
)
def test_every_valid_date_round_trips(born, tail, data, sep):
    digits = _century_digits(born.year)
    assume(digits)
    seventh = data.draw(st.sampled_from(digits))
    serial = f"{seventh}{tail:03d}"
    text = f"{born:%d%m%y}{sep}{serial}"
    cpr = parse_cpr(text)
    assert cpr == f"{born:%d%m%y}-{serial}"
    assert birth_date(cpr) == born
    assert parse_cpr(cpr) == cpr  # idempotent
    assert mask_cpr(cpr) == f"{born:%d%m%y}-XXXX"
    assert age_on(cpr, born) == 0


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), st.integers(0, 9999))
def test_any_four_digits_are_accepted_for_a_valid_twentieth_century_date(born, serial):
    # 7th digits 0–3 always mean the 1900s; other digits may move the year and are covered above.
    serial = f"{serial % 4000:04d}"
    assert parse_cpr(f"{born:%d%m%y}{serial}") == f"{born:%d%m%y}-{serial}"


@given(st.text())
def test_random_text_parses_canonically_or_raises_invalid_cpr(text):
    try:
        result = parse_cpr(text)
    except InvalidCpr as error:
        assert error.field == "cpr"
        assert str(error).startswith(("CPR-nummeret", "Skriv et CPR-nummer"))
        return
    assert CANONICAL.fullmatch(result)
    assert parse_cpr(result) == result


@given(st.from_regex(r"\A\d{6}[- ]?\d{4}\Z", fullmatch=True))
def test_digit_strings_parse_canonically_or_raise_invalid_cpr(text):
    try:
        result = parse_cpr(text)
    except InvalidCpr:
        return
    assert CANONICAL.fullmatch(result)
    assert result.replace("-", "") == text.replace("-", "").replace(" ", "")
