"""The unit's staff: who can be chosen as author of what is written."""

from __future__ import annotations

from fko_desktop.models import Actor, StaffMember
from fko_desktop.models.validation import require_text
from fko_desktop.ops.base import Changed, clean_text
from fko_desktop.storage.unitfile import UnitFile


def add_staff(
    unit: UnitFile, actor: Actor, *, name: str, initials: str, title: str | None = None
) -> Changed[StaffMember]:
    name = require_text(name, "name", "Navn")
    initials = require_text(initials, "initials", "Initialer").upper()
    with unit.write(actor) as session:
        member = StaffMember(name=name, initials=initials, title=clean_text(title))
        session.add(member)
        session.flush()
    return Changed.after(session, member)


def actor_for(member: StaffMember) -> Actor:
    return Actor(member.id, f"{member.name} ({member.initials})")
