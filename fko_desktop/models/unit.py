"""The unit (bosted/tilbud) a file belongs to, and the staff who document in it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from fko_desktop.models.base import Base, IdMixin, utc_now


class Unit(IdMixin, Base):
    """One row: the unit this file belongs to. Bundles are addressed to it."""

    __tablename__ = "unit"

    name: Mapped[str]
    # A stable identifier for exchange: bundles addressed to another unit are refused.
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    organisation: Mapped[str | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class StaffMember(IdMixin, Base):
    __tablename__ = "staff_member"

    name: Mapped[str]
    initials: Mapped[str] = mapped_column(String(12))
    title: Mapped[str | None]  # "Pædagog", "Afdelingsleder", …
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    def __repr__(self) -> str:
        return f"StaffMember({self.id}, {self.initials!r})"
