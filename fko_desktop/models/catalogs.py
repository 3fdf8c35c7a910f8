"""Catalogs of codes (FFB, CareSocialCodes, ICS, Århus, Specialsektoren) loaded from data files.

The catalogs ship as JSON files in ``resources/catalogs/``; this module only reads and checks
them. Records store codes (FFB UUIDs, ICS keys), never display texts, so that a display name can
change without touching old records, and a code the current catalog does not know (a record
made with an older or newer catalog version) is shown as "Ukendt kode (…)" instead of failing.

A catalog file looks like::

    {"catalog": "ffb", "title": "...", "version": "...", "system": "<uri or null>",
     "source": "...",
     "sets": {"<set name>": [{"code": "...", "display": "...", "parent": null,
                              "selectable": true, "score": null, "help": null,
                              "fields": {"<key>": "<help text>"}}, ...]}}

Only ``code`` and ``display`` are required in an entry. Entry order is display order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from fko_desktop.errors import FkoError, InvalidScore, ValidationError
from fko_desktop.models.scores import NotAssessed

CATALOG_DIR = Path(__file__).resolve().parents[2] / "resources" / "catalogs"

FFB = "ffb"
ICS = "ics"
FUNCTION_LEVELS = "function_levels"

# Which catalog holds the goal domains (ICS dimensions / FFB sub-themes) for each area.
_DOMAIN_CATALOGS = {"children": ICS, "adults": FFB}

_ENTRY_KEYS = frozenset(
    {"code", "display", "display_adults", "parent", "selectable", "score", "help", "fields"}
)
_CATALOG_ID = re.compile(r"^[a-z0-9_]+$")
_EMPTY_FIELDS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Entry:
    """One code in a code set."""

    code: str
    display: str
    parent: str | None = None
    selectable: bool = True
    score: int | None = None
    help: str | None = None
    # Per-field help texts (Specialsektoren contexts); read-only so a cached catalog
    # cannot be changed by a caller.
    fields: Mapping[str, str] = field(default_factory=lambda: _EMPTY_FIELDS, hash=False)
    # The Specialsektoren plan speaks of "barnet/den unge"; an adult's plan uses the same
    # sections under the adult's wording.
    display_adults: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.fields, MappingProxyType):
            object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def display_for(self, area: str | None) -> str:
        """The name to show for a citizen of ``area`` ("children"/"adults")."""
        return self.display_adults if area == "adults" and self.display_adults else self.display


class CodeSet:
    """An ordered list of entries with lookup by code."""

    def __init__(self, name: str, entries: tuple[Entry, ...]) -> None:
        self.name = name
        self.entries = entries
        self._by_code = {entry.code: entry for entry in entries}

    def get(self, code: str | None) -> Entry | None:
        if code is None:
            return None
        return self._by_code.get(code)

    def display(self, code: str | None) -> str:
        """The display text for ``code``; never raises.

        A code this catalog version does not know gives "Ukendt kode (<code>)" so that old
        records stay readable after a catalog update. No code (None or "") gives "".
        """
        if code is None or code == "":
            return ""
        entry = self._by_code.get(code)
        if entry is None:
            return f"Ukendt kode ({code})"
        return entry.display

    def codes(self) -> tuple[str, ...]:
        return tuple(entry.code for entry in self.entries)

    def selectable(self) -> tuple[Entry, ...]:
        """Entries a user may choose (headings left out), in display order."""
        return tuple(entry for entry in self.entries if entry.selectable)

    def children(self, code: str | None) -> tuple[Entry, ...]:
        """Direct children of ``code`` in display order; ``None`` gives the top level."""
        return tuple(entry for entry in self.entries if entry.parent == code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"CodeSet({self.name!r}, {len(self.entries)} entries)"


@dataclass(frozen=True, eq=False)
class Catalog:
    """One catalog file: metadata and its named code sets."""

    id: str
    title: str
    version: str
    system: str | None
    source: str
    sets: Mapping[str, CodeSet]

    def find(self, code: str | None) -> Entry | None:
        """The entry for ``code`` in any set (first set wins); records that store only
        catalog + code (a goal's domain, a diary tag) are looked up this way."""
        for code_set in self.sets.values():
            entry = code_set.get(code)
            if entry is not None:
                return entry
        return None

    def display(self, code: str | None) -> str:
        """Like :meth:`CodeSet.display`, searching every set of the catalog."""
        if code is None or code == "":
            return ""
        entry = self.find(code)
        return entry.display if entry is not None else f"Ukendt kode ({code})"

    def set(self, name: str) -> CodeSet:
        try:
            return self.sets[name]
        except KeyError:
            known = ", ".join(self.sets)
            raise KeyError(
                f"Kataloget '{self.id}' har intet sæt ved navn '{name}' (kendte sæt: {known})"
            ) from None


def catalog_ids(directory: Path | str | None = None) -> list[str]:
    """The ids of the catalogs in ``directory`` (default: the shipped catalogs), sorted."""
    folder = _directory(directory)
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.json") if _CATALOG_ID.match(path.stem))


def load_catalog(catalog_id: str, directory: Path | str | None = None) -> Catalog:
    """Load and check one catalog; cached, so repeated calls are cheap.

    Raises FkoError (Danish message naming the file) when the file is missing or malformed.
    """
    return _load(catalog_id, _directory(directory))


def display_code(
    catalog_id: str,
    code: str | None,
    set_name: str | None = None,
    directory: Path | str | None = None,
) -> str:
    """The display text for a stored catalog + code; never fails on what a record holds.

    An unknown catalog, set or code gives "Ukendt kode (<code>)", so a record written by
    another version of the product can still be shown. (A shipped catalog file that is
    malformed still raises FkoError: that is a broken installation, not an old record.)
    """
    if code is None or code == "":
        return ""
    unknown = f"Ukendt kode ({code})"
    if catalog_id not in catalog_ids(directory):
        return unknown
    catalog = load_catalog(catalog_id, directory)
    if set_name is None:
        return catalog.display(code)
    code_set = catalog.sets.get(set_name)
    return code_set.display(code) if code_set is not None else unknown


def clear_cache() -> None:
    """Forget loaded catalogs (for tests and after replacing catalog files)."""
    _load.cache_clear()


def domain_catalog_for_area(area: str) -> str:
    """The catalog whose ``goal_domains`` a goal in ``area`` ("children"/"adults") uses."""
    try:
        return _DOMAIN_CATALOGS[area]
    except KeyError:
        raise ValueError(f"Unknown area {area!r}; expected one of {', '.join(_DOMAIN_CATALOGS)}") from None


def function_level_code(score: int | NotAssessed | None) -> str:
    """The FFB funktionsevneniveau code for a score 0–4; "Ikke vurderet" for None.

    ``scores.NOT_ASSESSED`` is accepted as "Ikke vurderet" too, so callers holding a score from
    :mod:`fko_desktop.models.scores` need not translate it first.
    """
    if isinstance(score, NotAssessed):
        score = None
    if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
        raise InvalidScore(f"En score skal være et helt tal fra 0 til 4, ikke {score!r}.")
    for entry in load_catalog(FFB).set(FUNCTION_LEVELS):
        if entry.score == score:
            return entry.code
    raise InvalidScore(f"En score skal være fra 0 til 4 eller 'Ikke vurderet', ikke {score}.")


def score_for_function_level(code: str) -> int | None:
    """The score 0–4 of an FFB funktionsevneniveau code; None for "Ikke vurderet"."""
    entry = load_catalog(FFB).set(FUNCTION_LEVELS).get(code)
    if entry is None:
        raise ValidationError(f"Ukendt funktionsevneniveau: {code!r}.")
    return entry.score


# ----------------------------------------------------------------------------------------------


def _directory(directory: Path | str | None) -> Path:
    return CATALOG_DIR if directory is None else Path(directory)


@cache
def _load(catalog_id: str, directory: Path) -> Catalog:
    if not isinstance(catalog_id, str) or not _CATALOG_ID.match(catalog_id):
        # Also keeps a caller from reaching files outside the catalog folder.
        raise FkoError(f"Ugyldigt katalognavn: {catalog_id!r}.")
    path = directory / f"{catalog_id}.json"
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FkoError(f"Kataloget '{catalog_id}' findes ikke: filen {name} mangler i {directory}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FkoError(f"Katalogfilen {name} kan ikke læses: {exc}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FkoError(
            f"Katalogfilen {name} er ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno})."
        ) from None
    return _parse(catalog_id, name, data)


def _parse(catalog_id: str, name: str, data: object) -> Catalog:
    def fail(detail: str) -> FkoError:
        return FkoError(f"Katalogfilen {name} er ugyldig: {detail}")

    if not isinstance(data, dict):
        raise fail("indholdet skal være et JSON-objekt.")
    if data.get("catalog") != catalog_id:
        raise fail(f"feltet 'catalog' skal være '{catalog_id}', men er {data.get('catalog')!r}.")
    for key in ("title", "version", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"feltet '{key}' mangler eller er ikke en tekst.")
    system = data.get("system")
    if system is not None and not isinstance(system, str):
        raise fail("feltet 'system' skal være en tekst eller null.")
    raw_sets = data.get("sets")
    if not isinstance(raw_sets, dict) or not raw_sets:
        raise fail("feltet 'sets' skal være et ikke-tomt objekt.")

    sets: dict[str, CodeSet] = {}
    for set_name, raw_entries in raw_sets.items():
        if not isinstance(raw_entries, list):
            raise fail(f"sættet '{set_name}' skal være en liste.")
        entries = tuple(
            _parse_entry(raw, f"sættet '{set_name}', post nr. {number}", fail)
            for number, raw in enumerate(raw_entries, start=1)
        )
        _check_set(set_name, entries, fail)
        sets[set_name] = CodeSet(set_name, entries)

    return Catalog(
        id=catalog_id,
        title=data["title"],
        version=data["version"],
        system=system,
        source=data["source"],
        sets=MappingProxyType(sets),
    )


def _parse_entry(raw: object, where: str, fail: Callable[[str], FkoError]) -> Entry:
    if not isinstance(raw, dict):
        raise fail(f"{where} skal være et objekt.")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise fail(f"{where} har ukendte felter: {', '.join(sorted(unknown))}.")
    for key in ("code", "display"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{where} mangler '{key}' eller den er tom.")
    parent = raw.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent):
        raise fail(f"{where}: 'parent' skal være en kode eller null.")
    selectable = raw.get("selectable", True)
    if not isinstance(selectable, bool):
        raise fail(f"{where}: 'selectable' skal være true eller false.")
    score = raw.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
        raise fail(f"{where}: 'score' skal være et helt tal eller null.")
    help_text = raw.get("help")
    if help_text is not None and not isinstance(help_text, str):
        raise fail(f"{where}: 'help' skal være en tekst eller null.")
    display_adults = raw.get("display_adults")
    if display_adults is not None and (not isinstance(display_adults, str) or not display_adults.strip()):
        raise fail(f"{where}: 'display_adults' skal være en tekst eller null.")
    fields = raw.get("fields")
    if fields is None:
        fields = {}
    if not isinstance(fields, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in fields.items()
    ):
        raise fail(f"{where}: 'fields' skal være et objekt med tekster.")
    return Entry(
        code=raw["code"],
        display=raw["display"],
        parent=parent,
        selectable=selectable,
        score=score,
        help=help_text,
        fields=MappingProxyType(dict(fields)) if fields else _EMPTY_FIELDS,
        display_adults=display_adults,
    )


def _check_set(set_name: str, entries: tuple[Entry, ...], fail: Callable[[str], FkoError]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.code in seen:
            raise fail(f"koden '{entry.code}' står mere end én gang i sættet '{set_name}'.")
        seen.add(entry.code)
    parents = {entry.code: entry.parent for entry in entries}
    for entry in entries:
        if entry.parent is not None and entry.parent not in parents:
            raise fail(
                f"koden '{entry.code}' i sættet '{set_name}' har forælderen "
                f"'{entry.parent}', som ikke findes i sættet."
            )
        # Walk up to the root; meeting a code twice means the parents form a loop.
        visited = {entry.code}
        current = entry.parent
        while current is not None:
            if current in visited:
                raise fail(f"forældrene i sættet '{set_name}' danner en løkke ved '{entry.code}'.")
            visited.add(current)
            current = parents[current]
