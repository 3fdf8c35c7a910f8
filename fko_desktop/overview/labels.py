"""The Danish names the overview shows for what it groups by, and the order it lists them in.

Domain groups, goal types and areas come from the catalog files and the product's enums, so a
statistics file of another unit (no session, no staff table) is labelled the same way as the
unit's own file; only staff names travel with the facts (``Labels.from_facts``).

A domain group's key is ``"catalog:code"``: an FFB sub-theme rolled up to its theme (the entry
under "Aktivitet og deltagelse" the sub-theme belongs to), an ICS dimension or an Århus factor as
it is. The catalog is part of the key because the ICS and Århus catalogs share codes
(``udvikling_og_adfaerd``) that mean different scales and must not be merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from fko_desktop.errors import FkoError
from fko_desktop.models.catalogs import Catalog, catalog_ids, load_catalog
from fko_desktop.models.enums import Area

from .model import GoalFact

NO_DEPARTMENT = "Uden afdeling"
NO_GOAL_TYPE = "Ingen måltype"
NO_RESPONSIBLE = "Ingen ansvarlig"
NO_STATUS = "Ingen målstatus i perioden"
TOTAL = "I alt"

#: The order catalogs' domains are listed in: the children's (ICS, Århus) before the adults'.
CATALOG_ORDER = ("ics", "aarhus", "ffb")

_CATALOG_NAMES = {"ics": "ICS", "aarhus": "Århus-skemaerne", "ffb": "FFB (VUM 2.0)"}
#: What a domain's name gets in brackets when a domain of another catalog shows beside it under
#: the same name (ICS and the Århus schemas both have "Udvikling og adfærd"; FFB and the
#: Handicap schema "Kommunikation").
_CATALOG_SUFFIX = {"ics": "ICS", "aarhus": "Århus", "ffb": "FFB"}

#: The catalogs whose goal types a goal of each domain catalog uses (the Århus schemas borrow
#: the ICS ones, as ``ops.orders`` does).
_GOAL_TYPE_CATALOGS = ("ics", "ffb")

# Danish sorts æ, ø, å after z (and in that order); Unicode puts å before æ.
_DANISH = str.maketrans({"æ": "z\x01", "ø": "z\x02", "å": "z\x03"})


def danish_key(text: str) -> str:
    """A sort key that puts names in Danish alphabetical order."""
    return text.casefold().translate(_DANISH)


def domain_key(catalog: str, code: str) -> str:
    return f"{catalog}:{code}"


def split_key(key: str) -> tuple[str, str]:
    catalog, _, code = key.partition(":")
    return catalog, code


@cache
def _catalog(catalog_id: str) -> Catalog | None:
    if catalog_id not in catalog_ids():
        return None
    try:
        return load_catalog(catalog_id)
    except FkoError:
        return None


@cache
def _domain_positions(catalog_id: str) -> Mapping[str, int]:
    """Each code's place in the catalog's own order (first set that has it wins)."""
    catalog = _catalog(catalog_id)
    positions: dict[str, int] = {}
    if catalog is None:
        return positions
    sets = ("goal_domains",) if "goal_domains" in catalog.sets else tuple(catalog.sets)
    for name in sets:
        for entry in catalog.sets[name]:
            positions.setdefault(entry.code, len(positions))
    return positions


def domain_group(catalog: str, code: str) -> str:
    """The key a goal of ``catalog``/``code`` is grouped under (see the module docstring)."""
    if catalog == "ffb":
        found = _catalog("ffb")
        entry = found.set("goal_domains").get(code) if found is not None else None
        if entry is not None and entry.parent is not None:
            return domain_key(catalog, entry.parent)
    return domain_key(catalog, code)


@dataclass(frozen=True)
class Labels:
    """Display names for the overview's groups. ``responsible`` maps staff ids to names."""

    responsible_names: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def from_facts(cls, facts: Iterable[GoalFact], staff: Mapping[int, str] | None = None) -> Labels:
        names = dict(staff or {})
        for fact in facts:
            if fact.responsible_id is not None and fact.responsible_name:
                names.setdefault(fact.responsible_id, fact.responsible_name)
        return cls(names)

    # -- domains -----------------------------------------------------------------------------

    def domain(self, key: str) -> str:
        catalog_id, code = split_key(key)
        catalog = _catalog(catalog_id)
        if catalog is None or not code:
            return f"Ukendt kode ({code or key})"
        return catalog.display(code)

    def domains(self, keys: Iterable[str]) -> dict[str, str]:
        """The names of ``keys`` shown together: a name two catalogs share gets its catalog in
        brackets, so a leader can tell the two bars apart; others stay as they are."""
        names = {key: self.domain(key) for key in keys}
        taken: dict[str, int] = {}
        for name in names.values():
            taken[name] = taken.get(name, 0) + 1
        return {
            key: f"{name} ({_CATALOG_SUFFIX.get(split_key(key)[0], split_key(key)[0])})"
            if taken[name] > 1
            else name
            for key, name in names.items()
        }

    def domain_sort(self, key: str) -> tuple[int, int, str]:
        """Catalog order (ICS, Århus, FFB, others), then the catalog's own order."""
        catalog_id, code = split_key(key)
        rank = CATALOG_ORDER.index(catalog_id) if catalog_id in CATALOG_ORDER else len(CATALOG_ORDER)
        position = _domain_positions(catalog_id).get(code)
        if position is None:  # unknown codes after the known ones, by name
            return rank, 1 << 30, danish_key(self.domain(key))
        return rank, position, ""

    @staticmethod
    def catalog(catalog_id: str) -> str:
        return _CATALOG_NAMES.get(catalog_id, catalog_id)

    # -- the rest ------------------------------------------------------------------------------

    @staticmethod
    def goal_type(code: str | None) -> str:
        if not code:
            return NO_GOAL_TYPE
        for catalog_id in _GOAL_TYPE_CATALOGS:
            catalog = _catalog(catalog_id)
            if catalog is not None and "goal_types" in catalog.sets:
                entry = catalog.set("goal_types").get(code)
                if entry is not None:
                    return entry.display
        return f"Ukendt kode ({code})"

    @staticmethod
    def department(name: str | None) -> str:
        return name or NO_DEPARTMENT

    @staticmethod
    def area(code: str | None) -> str:
        try:
            return Area(code or "").label
        except ValueError:
            return code or "Ukendt målgruppe"

    @staticmethod
    def area_sort(code: str) -> int:
        codes = [area.value for area in Area]
        return codes.index(code) if code in codes else len(codes)

    def responsible(self, staff_id: int | None) -> str:
        if staff_id is None:
            return NO_RESPONSIBLE
        return self.responsible_names.get(staff_id, f"Medarbejder {staff_id}")

    @staticmethod
    def unit(name: str) -> str:
        return name
