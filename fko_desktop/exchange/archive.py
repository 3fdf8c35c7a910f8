"""The ZIP archive inside a bundle: written deterministically, read defensively.

The reader trusts nothing it has not checked: member names (no folders of their own, no
``..``, no absolute or drive paths, no backslashes: only the names ``format.MEMBER_NAME``
allows), member count, each member's and the total uncompressed size, and the compression
ratio, so a zip bomb is refused before it is inflated. Members are inflated in chunks with a
hard cap, because the sizes in a ZIP header are claims, not facts.
"""

from __future__ import annotations

import io
import zipfile

from fko_desktop.errors import BundleError
from fko_desktop.exchange.format import MANIFEST_NAME, MEMBER_NAME

MAX_MEMBERS = 64
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
# FHIR JSON compresses about 10–20 times; a bomb compresses thousands of times.
MAX_RATIO = 200
# Below this size a high ratio is harmless (a few kB of repeated text) and not worth refusing.
RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024
# A fixed time stamp: the same content gives the same archive bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_BROKEN = "Bundtets indhold er beskadiget (arkivet kan ikke læses)."


def pack(members: dict[str, bytes]) -> bytes:
    """A ZIP with ``manifest.json`` first and the other members in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in sorted(members.items(), key=lambda item: item[0] != MANIFEST_NAME):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _allowed(name: str) -> bool:
    return name == MANIFEST_NAME or bool(MEMBER_NAME.match(name))


def unpack(data: bytes) -> dict[str, bytes]:
    """Every member of the archive by name, after the checks described above."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise BundleError(_BROKEN) from None
    if len(infos) > MAX_MEMBERS:
        raise BundleError(f"Bundtet indeholder for mange filer ({len(infos)}); højst {MAX_MEMBERS}.")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise BundleError("Bundtet indeholder den samme fil to gange og afvises.")
    for info in infos:
        if not _allowed(info.filename):
            # Path traversal ("../x", "/etc/x", "C:\\x"), folders and unknown files all end here.
            shown = info.filename[:60].encode("unicode_escape").decode("ascii")
            raise BundleError(f"Bundtet indeholder en fil med et ugyldigt navn (»{shown}«) og afvises.")
        if info.flag_bits & 0x1:
            raise BundleError("Bundtet indeholder en krypteret ZIP-fil og afvises.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError("Bundtet bruger en ukendt komprimering og afvises.")
        _check_sizes(info)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise BundleError("Bundtets indhold er for stort og afvises.")
    members: dict[str, bytes] = {}
    total = 0
    for info in infos:
        content = _read_capped(archive, info)
        total += len(content)
        if total > MAX_TOTAL_BYTES:
            raise BundleError("Bundtets indhold er for stort og afvises.")
        members[info.filename] = content
    return members


def _check_sizes(info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_MEMBER_BYTES:
        raise BundleError(f"Filen {info.filename} i bundtet er for stor og afvises.")
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise BundleError(
            f"Filen {info.filename} i bundtet er usædvanligt stærkt komprimeret "
            "(mulig »zip-bombe«) og afvises."
        )


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Inflate one member, stopping as soon as it grows past what its header claimed."""
    limit = min(info.file_size, MAX_MEMBER_BYTES)
    chunks = []
    size = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise BundleError(f"Filen {info.filename} i bundtet er større end angivet og afvises.")
                if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
                    raise BundleError(
                        f"Filen {info.filename} i bundtet er usædvanligt stærkt komprimeret "
                        "(mulig »zip-bombe«) og afvises."
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # zipfile also raises BadZipFile on a CRC mismatch.
        raise BundleError(_BROKEN) from None
    return b"".join(chunks)
