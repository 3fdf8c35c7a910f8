"""CPR numbers: parse, normalise, mask and read the birth date.

The canonical form everywhere in the product is ``DDMMYY-SSSS``. There is deliberately no
modulus-11 check: since 2007 CPR numbers are issued that do not satisfy it, so a check would
refuse real citizens.
"""

from __future__ import annotations

import re
from datetime import date

from fko_desktop.errors import InvalidCpr

# Separators people actually type or paste: hyphen, nothing, a space, and the en dash and
# non-breaking hyphen that word processors and PDFs turn a hyphen into.
_CPR_RE = re.compile(r"(\d{2})(\d{2})(\d{2})[-\u2011\u2013 ]?(\d{4})", re.ASCII)

_FORMAT_HINT = "DDMMÅÅ-SSSS"


def _shown(text: str) -> str:
    return text if len(text) <= 20 else text[:19] + "…"


def _full_year(yy: int, seventh_digit: int) -> int:
    """The official century rule: the first digit of the serial number picks the century."""
    if seventh_digit <= 3:
        return 1900 + yy
    if seventh_digit in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    # 5–8
    return (2000 if yy <= 57 else 1800) + yy


def _split(text: object) -> tuple[str, str, date]:
    """Validate and return (DDMMYY, SSSS, birth date)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InvalidCpr(f"Skriv et CPR-nummer på formen {_FORMAT_HINT}.", field="cpr")
    if not isinstance(text, str):
        # An int would already have lost the leading zero of days 01–09.
        raise InvalidCpr(
            f"CPR-nummeret skal have formen {_FORMAT_HINT} (fik »{_shown(str(text))}«).",
            field="cpr",
        )
    stripped = text.strip()
    match = _CPR_RE.fullmatch(stripped)
    if match is None:
        raise InvalidCpr(
            f"CPR-nummeret skal have formen {_FORMAT_HINT} (fik »{_shown(stripped)}«).",
            field="cpr",
        )
    dd, mm, yy, serial = match.groups()
    try:
        born = date(_full_year(int(yy), int(serial[0])), int(mm), int(dd))
    except ValueError:
        # Only the date part is echoed: it is what is wrong, and the serial adds nothing.
        raise InvalidCpr(
            f"CPR-nummeret indeholder ikke en gyldig dato ({dd}{mm}{yy}-…).", field="cpr"
        ) from None
    return f"{dd}{mm}{yy}", serial, born


def parse_cpr(text: str) -> str:
    """Validate a typed CPR number and return it as ``DDMMYY-SSSS``."""
    head, serial, _ = _split(text)
    return f"{head}-{serial}"


def parse_citizen_cpr(text: str, today: date) -> str:
    """:func:`parse_cpr` for a citizen's own number: a person cannot be born after *today*.

    The century rule makes some numbers read as a future date (010150-5123 is 1 January 2050),
    so a digit typed wrong can give a well-formed number nobody can have. Lookups keep using
    :func:`parse_cpr`: refusing to *find* such a number helps nobody.
    """
    head, serial, born = _split(text)
    if born > today:
        # Only the date part is echoed, as for an impossible date.
        raise InvalidCpr(
            f"CPR-nummeret ({head}-…) giver fødselsdatoen {born:%d.%m.%Y}, som ligger i fremtiden.",
            field="cpr",
        )
    return f"{head}-{serial}"


def is_valid_cpr(text: object) -> bool:
    """True if :func:`parse_cpr` would accept *text* (for live field feedback)."""
    try:
        _split(text)
    except InvalidCpr:
        return False
    return True


def birth_date(cpr: str) -> date:
    """The birth date encoded in a CPR number (century from the serial's first digit)."""
    return _split(cpr)[2]


def mask_cpr(cpr: str) -> str:
    """``DDMMYY-XXXX``: enough to tell citizens apart on screen, not enough to identify."""
    head, _, _ = _split(cpr)
    return f"{head}-XXXX"


def age_on(cpr: str, day: date) -> int:
    """Age in whole years on *day*. Someone born 29 February turns a year older on
    1 March in years without a 29 February."""
    born = _split(cpr)[2]
    if day < born:
        raise ValueError(f"{day.isoformat()} is before the birth date {born.isoformat()}")
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def shown_cpr(cpr: str, *, full: bool) -> str:
    """The one rule for a CPR number in a list, a header, a print or the command line: masked
    unless the person chose to see numbers in full (``show_full_cpr``). A stored number that
    does not parse (an old import) is masked as a whole rather than shown."""
    if full:
        return cpr
    try:
        return mask_cpr(cpr)
    except InvalidCpr:
        return "XXXXXX-XXXX"
