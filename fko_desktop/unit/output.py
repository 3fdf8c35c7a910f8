"""The facade's areas for what leaves the unit: printed reports and encrypted bundles.

Both are slow reads (rendering, key derivation, encryption); the window runs them through its
runner off the GUI thread, and each opens its own session, so nothing is shared between threads.
Both read a citizen's record out of the unit, so each logs a read in the audit trail (a small
transaction after the work; a read-only file cannot log, see ``ops.audit``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from fko_desktop.exchange import (
    BundleKind,
    ConflictPolicy,
    ExportResult,
    ImportPlan,
    ImportResult,
    Party,
    ReceivedBundle,
    apply_import,
    default_recipient,
    export_bundle,
    plan_import,
    read_bundle_file,
)
from fko_desktop.exchange.exporter import (
    MadeExport,
    PreparedExport,
    check_export_target,
    make_export,
    prepare_export,
    record_export,
    unit_party,
)
from fko_desktop.exchange.keys import KeyPairFiles, create_key_pair
from fko_desktop.models import Citizen
from fko_desktop.models.authorization import require
from fko_desktop.models.changes import OpChanges, RecordKind
from fko_desktop.models.history import record_event
from fko_desktop.models.permissions import Permission
from fko_desktop.ops.base import Changed, get_or_refuse
from fko_desktop.ops.privacy import show_full_cpr
from fko_desktop.reports import GatheredReport, ReportKind, ReportOptions, gather_report, render_report
from fko_desktop.storage import paths
from fko_desktop.unit.area import Area
from fko_desktop.unit.audit import log_read

#: A report with no choices made: the whole current period, CPR as the person chose.
DEFAULT_OPTIONS = ReportOptions()

__all__ = ["BundleKind", "ConflictPolicy", "Party", "ReceivedBundle", "ReportKind", "ReportOptions"]


class Reports(Area):
    def _as_chosen(self, options: ReportOptions) -> ReportOptions:
        """Every print masks the CPR number unless the printing person chose to see it in full."""
        if options.mask_cpr is not None:
            return options
        actor = self._actor()
        full = show_full_cpr(self._file, actor.staff_id if actor is not None else None)
        return dataclasses.replace(options, mask_cpr=not full)

    def gather(
        self, kind: ReportKind | str, citizen_id: int, options: ReportOptions = DEFAULT_OPTIONS
    ) -> GatheredReport:
        """What the report prints, read in one session; ``.render()`` lays it out without one."""
        options = self._as_chosen(options)
        with self._file.read() as session:
            gathered = gather_report(session, kind, citizen_id, options)
        log_read(self._file, self._actor(), citizen_id, f"report:{ReportKind(kind).value}")
        return gathered

    def render(
        self, kind: ReportKind | str, citizen_id: int, options: ReportOptions = DEFAULT_OPTIONS
    ) -> bytes:
        """The report as PDF bytes (nothing is written; the caller saves or previews them)."""
        options = self._as_chosen(options)
        with self._file.read() as session:
            pdf = render_report(session, kind, citizen_id, options)
        log_read(self._file, self._actor(), citizen_id, f"report:{ReportKind(kind).value}")
        return pdf


class Bundles(Area):
    def own_party(self) -> Party:
        """This unit as the sender or receiver of bundles."""
        with self._file.read() as session:
            return unit_party(session)

    def key_paths(self) -> tuple[Path, Path]:
        """Where this unit's own key pair lives: (secret identity, public key)."""
        with self._file.read() as session:
            return paths.unit_key_paths(unit_party(session).uid or "")

    def create_key_pair(self, identity_path: Path, public_path: Path, *, label: str) -> KeyPairFiles:
        """The unit's own key pair, made by an administrator (whoever holds the secret half
        reads every bundle sent to the unit); audited with its fingerprint."""
        with self._file.write(self.actor) as session:
            require(session, Permission.KEYS)
            made = create_key_pair(identity_path, public_path, label=label)
            record_event(session, "key-pair-created", details={"fingerprint": made.fingerprint})
        return made

    def suggested_recipient(self, kind: BundleKind | str, citizen_id: int) -> Party:
        """Who a bundle of ``kind`` about the citizen goes to, from the exchange history."""
        with self._file.read() as session:
            return default_recipient(session, BundleKind(kind), get_or_refuse(session, Citizen, citizen_id))

    def export(self, *, kind: BundleKind | str, citizen_id: int, to: Any, **options: Any) -> ExportResult:
        """Write a bundle encrypted to ``to`` (a key or a passphrase); audited and ledgered."""
        result = export_bundle(self._file, self.actor, kind=kind, citizen_id=citizen_id, to=to, **options)
        log_read(self._file, self.actor, citizen_id, f"bundle:{BundleKind(kind).value}")
        return result

    def prepare_export(self, *, kind: BundleKind | str, citizen_id: int, **options: Any) -> PreparedExport:
        """Step 1 of an export in the window: the snapshot of what the bundle will carry."""
        return prepare_export(self._file, self.actor, kind=kind, citizen_id=citizen_id, **options)

    @staticmethod
    def make_export(prepared: PreparedExport, to: Any) -> MadeExport:
        """Step 2: PDFs, FHIR, ZIP and encryption; touches no unit, so it runs anywhere."""
        return make_export(prepared, to)

    def record_export(
        self, made: MadeExport, *, out: Path | str | None, replace: bool = False
    ) -> Changed[ExportResult]:
        """Step 3: the file, the ledger and the audit event; the change a view may show."""
        result = record_export(self._file, self.actor, made, out=out, replace=replace)
        log_read(self._file, self.actor, made.citizen_id, f"bundle:{result.manifest.kind.value}")
        kinds = {RecordKind.BUNDLE_RECEIPT, RecordKind.SYNC_STATE}
        return Changed(result, OpChanges.of(kinds, citizen_ids=[made.citizen_id]))

    @staticmethod
    def check_target(out: Path | str, *, replace: bool = False) -> None:
        """Refuse a bundle file name before anything is made for it."""
        check_export_target(Path(out), replace)

    def read(
        self, path: Path | str, secret: Any, policy: ConflictPolicy | str
    ) -> tuple[ReceivedBundle, ImportPlan]:
        """Decrypt and verify a received bundle and plan its import; nothing is written."""
        bundle = read_bundle_file(path, secret)
        return bundle, self.plan(bundle, policy)

    def plan(
        self, bundle: ReceivedBundle, policy: ConflictPolicy | str, *, one_based: bool = False
    ) -> ImportPlan:
        """The preview; ``one_based`` shows its scores 1–5 like the window."""
        with self._file.read() as session:
            return plan_import(session, bundle, policy, one_based=one_based)

    def apply(self, bundle: ReceivedBundle, policy: ConflictPolicy | str) -> Changed[ImportResult]:
        """Import the bundle in one transaction; a second import of it changes nothing."""
        return apply_import(self._file, self.actor, bundle, policy)
