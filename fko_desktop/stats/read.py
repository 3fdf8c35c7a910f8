"""Reading a statistics file: strictly, all or nothing, with a Danish message naming the file.

A statistics file comes from another unit, often by e-mail: it is input from outside, read in
the spirit of the bundle reader (``exchange/bounds.py``). Its size is bounded before it is
parsed, every field is checked for its type, length and range, and a field the format does
not have is refused rather than ignored, so a file with a name or a note added by another
tool is not quietly taken in. Nothing is half-read: the caller gets every goal or an error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from fko_desktop.errors import FkoError
from fko_desktop.models.limits import MAX_DATE, MIN_DATE
from fko_desktop.models.outcome import Outcome
from fko_desktop.models.scores import Score
from fko_desktop.overview.model import FactKind, GoalFact, StatusPoint
from fko_desktop.stats import keys
from fko_desktop.stats.format import (
    AREAS,
    FORMAT,
    KINDS,
    MAX_CODE_CHARS,
    MAX_FILE_BYTES,
    MAX_GOALS,
    MAX_GROUP_CHARS,
    MAX_LINE_CHARS,
    MAX_STATUSES,
    VERSION,
    score_from_file,
)
from fko_desktop.storage.files import FileRefused, read_regular_file


class StatisticsFileError(FkoError):
    """A statistics file that cannot be used: corrupt, foreign, too new, or too large."""


_TOP = {"format", "version", "unit", "made_on", "goals"}
_TOP_OPTIONAL = frozenset({"period"})
_GOAL = {
    "citizen", "kind", "catalog", "domain", "domain_group", "goal_type", "baseline", "target",
    "statuses", "outcome", "department", "area", "start", "end",
}  # fmt: skip
_STATUS = {"on", "score"}
_OUTCOMES = frozenset(outcome.value for outcome in Outcome)
#: Control characters: a name or a code with an escape sequence in it is not one we wrote.
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class StatisticsFile:
    """One unit's statistics, as read: who made it, when, for which period, and its goals."""

    source: str  # the file's name, for messages
    unit_name: str
    unit_key: str
    made_on: dt.date
    period_from: dt.date | None
    period_to: dt.date | None
    facts: tuple[GoalFact, ...]


#: Where in the file a value is: a text, or (goal number, field name or målstatus number),
#: turned into words only when something is wrong (a file has thousands of goals).
Where = str | tuple[int, str | int | None]


def _words(where: Where) -> str:
    if isinstance(where, str):
        return where
    number, part = where
    if part is None:
        return f"mål nr. {number}"
    if isinstance(part, int):
        return f"mål nr. {number}, målstatus nr. {part}"
    return f"mål nr. {number}: »{part}«"


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        # Departments, codes and dates repeat on every goal: each distinct one is checked once.
        self._texts: set[tuple[str, int]] = set()
        self._dates: dict[str, dt.date] = {}

    def fail(self, where: Where, what: str) -> NoReturn:
        raise StatisticsFileError(f"Statistikfilen »{self.name}« kan ikke bruges: {_words(where)} {what}.")

    def obj(
        self, value: object, where: Where, required: set[str], optional: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "er ikke et objekt")
        if not optional and value.keys() == required:
            return value  # the common case, in one comparison
        missing = required - value.keys()
        if missing:
            self.fail(where, f"mangler »{sorted(missing)[0]}«")
        extra = value.keys() - required - optional
        if extra:
            self.fail(where, f"har et felt, formatet ikke kender (»{sorted(extra)[0][:40]}«)")
        return value

    def text(self, value: object, where: Where, *, limit: int, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "skal være en tekst")
        if (value, limit) in self._texts:
            return value
        if len(value) > limit or _CONTROL.search(value):
            self.fail(where, "er for lang eller har ugyldige tegn")
        self._texts.add((value, limit))
        return value

    def date(self, value: object, where: Where, *, optional: bool = False) -> dt.date | None:
        if value is None and optional:
            return None
        if isinstance(value, str) and value in self._dates:
            return self._dates[value]
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or not MIN_DATE <= day <= MAX_DATE:
            self.fail(where, "er ikke en dato (ÅÅÅÅ-MM-DD)")
        assert isinstance(value, str)
        self._dates[value] = day
        return day

    def score(self, value: object, where: Where) -> Score | None:
        try:
            return score_from_file(value)
        except ValueError:
            self.fail(where, "er ikke en score (0–4, »ikke_vurderet« eller null)")

    def key(self, value: object, where: Where) -> str:
        if not keys.is_key(value):
            self.fail(where, "er ikke en nøgle på 16 hextegn")
        assert isinstance(value, str)
        return value

    def choice(self, value: object, where: Where, allowed: tuple[str, ...] | frozenset[str]) -> str:
        if not isinstance(value, str) or value not in allowed:
            self.fail(where, "har en ukendt værdi")
        return value

    def goal(self, raw: object, number: int, unit_name: str) -> GoalFact:
        g = self.obj(raw, (number, None), _GOAL)
        statuses_raw = g["statuses"]
        if not isinstance(statuses_raw, list) or len(statuses_raw) > MAX_STATUSES:
            self.fail((number, "statuses"), f"er ikke en liste (højst {MAX_STATUSES})")
        statuses = []
        for index, point in enumerate(statuses_raw, 1):
            p = self.obj(point, (number, index), _STATUS)
            on = self.date(p["on"], (number, index))
            assert on is not None
            statuses.append(StatusPoint(on, self.score(p["score"], (number, index))))
        if any(a.on > b.on for a, b in zip(statuses, statuses[1:], strict=False)):
            self.fail((number, None), "har målstatus, der ikke står i datoorden")
        if g["outcome"] is not None:
            self.choice(g["outcome"], (number, "outcome"), _OUTCOMES)
        return GoalFact(
            kind=FactKind(self.choice(g["kind"], (number, "kind"), KINDS)),
            unit_name=unit_name,
            citizen_key=self.key(g["citizen"], (number, "citizen")),
            department=self.text(
                g["department"], (number, "department"), limit=MAX_LINE_CHARS, optional=True
            ),
            area=self.choice(g["area"], (number, "area"), AREAS),
            catalog=str(self.text(g["catalog"], (number, "catalog"), limit=MAX_CODE_CHARS)),
            domain_code=str(self.text(g["domain"], (number, "domain"), limit=MAX_CODE_CHARS)),
            domain_group=str(self.text(g["domain_group"], (number, "domain_group"), limit=MAX_GROUP_CHARS)),
            goal_type=self.text(g["goal_type"], (number, "goal_type"), limit=MAX_CODE_CHARS, optional=True),
            baseline=self.score(g["baseline"], (number, "baseline")),
            target=self.score(g["target"], (number, "target")),
            statuses=tuple(statuses),
            start_date=self.date(g["start"], (number, "start"), optional=True),
            end_date=self.date(g["end"], (number, "end"), optional=True),
        )


def parse_statistics(data: bytes, name: str) -> StatisticsFile:
    """The statistics in ``data`` (the bytes of the file called ``name``), or a refusal."""
    reader = _Reader(name)
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise StatisticsFileError(
            f"»{name}« er ikke en FKO-statistikfil (ikke gyldig JSON i UTF-8)."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StatisticsFileError(f"»{name}« er ikke en FKO-statistikfil.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        reader.fail("versionen", "mangler eller er ugyldig")
    if version > VERSION:
        raise StatisticsFileError(
            f"Statistikfilen »{name}« er lavet af en nyere udgave af FKO Desktop (format {version}; "
            f"denne udgave læser format {VERSION}). Opdatér FKO Desktop for at læse den."
        )
    top = reader.obj(document, "filen", _TOP, _TOP_OPTIONAL)
    unit = reader.obj(top["unit"], "»unit«", {"name", "key"})
    unit_name = str(reader.text(unit["name"], "enhedens navn", limit=MAX_LINE_CHARS))
    unit_key = reader.key(unit["key"], "enhedens nøgle")
    made_on = reader.date(top["made_on"], "»made_on«")
    assert made_on is not None
    period_from = period_to = None
    if "period" in top:
        period = reader.obj(top["period"], "»period«", {"from", "to"})
        period_from = reader.date(period["from"], "periodens start", optional=True)
        period_to = reader.date(period["to"], "periodens slutning", optional=True)
    goals = top["goals"]
    if not isinstance(goals, list):
        reader.fail("»goals«", "er ikke en liste")
    if len(goals) > MAX_GOALS:
        reader.fail("filen", f"har flere end {MAX_GOALS:,} mål".replace(",", "."))
    facts = tuple(reader.goal(raw, number, unit_name) for number, raw in enumerate(goals, 1))
    return StatisticsFile(name, unit_name, unit_key, made_on, period_from, period_to, facts)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A key given twice is read by different tools as either value: such a file is not ours.
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def read_statistics(path: Path | str) -> StatisticsFile:
    """Read and check the statistics file at ``path``; ``StatisticsFileError`` (or the file
    reader's refusal) with a Danish message naming the file, and nothing else happens."""
    path = Path(path)
    try:
        data = read_regular_file(path, max_bytes=MAX_FILE_BYTES, what="Statistikfilen")
    except FileRefused as error:
        raise StatisticsFileError(error.message) from None
    return parse_statistics(data, path.name)
