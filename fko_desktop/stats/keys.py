"""The pseudonymous keys of a statistics file: one for the unit, one per citizen.

A citizen key is an HMAC-SHA256 of the citizen's exchange uid, keyed with the unit's own
secret (``Unit.stats_salt``), cut to 16 hex digits. So the same citizen has the same key in
every export of the unit (the municipality can count citizens, and follow them over time),
but nobody without the unit file can get from a key back to a citizen: not from the uid
(which travels in bundles), since the secret is needed, and not by trying every CPR number,
since the CPR number is not what is hashed. Two units give the same citizen different keys,
because their secrets differ: a statistics file does not link a citizen across units.

The unit key is a plain hash of the unit's uid: the unit is named in the file anyway, the key
only tells two units of the same name apart and finds the same unit given twice.
"""

from __future__ import annotations

import hashlib
import hmac

from fko_desktop.stats.format import KEY_CHARS

_UNIT_PREFIX = b"fko-statistik/enhed/"


def citizen_key(salt: str, citizen_uid: str) -> str:
    digest = hmac.new(salt.encode("utf-8"), citizen_uid.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:KEY_CHARS]


def unit_key(unit_uid: str) -> str:
    return hashlib.sha256(_UNIT_PREFIX + unit_uid.encode("utf-8")).hexdigest()[:KEY_CHARS]


_HEX = frozenset("0123456789abcdef")


def is_key(value: object) -> bool:
    return isinstance(value, str) and len(value) == KEY_CHARS and _HEX.issuperset(value)
