"""Import a verified bundle into a unit file: first a preview, then one transaction.

The public entry; the work is done in three modules below it:

- ``import_plan``: ``plan_import`` only reads. It refuses what must never be imported and
  otherwise lists, as Danish lines, what would be created and changed, what is already there,
  and where the bundle conflicts with local edits (the ``ImportPlan``). Who owns what, and the
  three-way decision against the content last exchanged, are described there.
- ``import_apply``: ``apply_import`` re-plans in its own write transaction (the file may have
  changed since the preview) and applies it whole.
- ``record_types``: what both know about each kind of record, one entry per type.
"""

from fko_desktop.exchange.import_apply import ImportResult, apply_import
from fko_desktop.exchange.import_plan import ConflictPolicy, ImportPlan, plan_import

__all__ = ["ConflictPolicy", "ImportPlan", "ImportResult", "apply_import", "plan_import"]
