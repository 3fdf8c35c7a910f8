"""Exchange bundles: orders in, status out, by mail, encrypted, in the national FHIR format.

The core API the window and the ``fko bundle``/``fko keys`` commands share (no Qt here):

- ``export_bundle(unit, actor, kind=…, citizen_id=…, to=Passphrase(…) | RecipientKey, out=…)``
- ``read_bundle(data, secret)`` / ``read_bundle_file(path, secret)`` → a verified ``ReceivedBundle``
- ``plan_import(session, bundle)`` → ``ImportPlan`` (``.lines()``: the Danish preview)
- ``apply_import(unit, actor, bundle, policy)`` → ``Changed[ImportResult]``
- ``create_key_pair``, ``load_identity``, ``load_recipient``, ``fingerprint``

The format is specified in docs/bundle-format.md.
"""

from fko_desktop.exchange.crypto import IdentityKey, Passphrase, RecipientKey
from fko_desktop.exchange.exporter import ExportResult, bundle_kind, default_recipient, export_bundle
from fko_desktop.exchange.format import FILE_SUFFIX, FORMAT_VERSION, BundleKind, Manifest, Party
from fko_desktop.exchange.importer import ConflictPolicy, ImportPlan, ImportResult, apply_import, plan_import
from fko_desktop.exchange.keys import (
    KeyPairFiles,
    create_key_pair,
    fingerprint,
    load_identity,
    load_recipient,
    parse_recipient,
)
from fko_desktop.exchange.reader import ReceivedBundle, read_bundle, read_bundle_file

__all__ = [
    "FILE_SUFFIX",
    "FORMAT_VERSION",
    "BundleKind",
    "ConflictPolicy",
    "ExportResult",
    "IdentityKey",
    "ImportPlan",
    "ImportResult",
    "KeyPairFiles",
    "Manifest",
    "Party",
    "Passphrase",
    "ReceivedBundle",
    "RecipientKey",
    "apply_import",
    "bundle_kind",
    "create_key_pair",
    "default_recipient",
    "export_bundle",
    "fingerprint",
    "load_identity",
    "load_recipient",
    "parse_recipient",
    "plan_import",
    "read_bundle",
    "read_bundle_file",
]
