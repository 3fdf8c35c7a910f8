"""The unit (bosted/tilbud) a file belongs to, and the staff who document in it."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import JSON, CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from fko_desktop.models.base import Base, IdMixin, utc_now
from fko_desktop.models.enums import StaffRole, enum_column_type


class Unit(IdMixin, Base):
    """One row: the unit this file belongs to. Bundles are addressed to it."""

    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint("backup_keep_days BETWEEN 1 AND 3650", name="backup_keep_days"),
        CheckConstraint("retention_years BETWEEN 1 AND 100", name="retention_years"),
    )

    name: Mapped[str]
    # A stable identifier for exchange: bundles addressed to another unit are refused.
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    organisation: Mapped[str | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    #: The unit's departments ("Afd. Nord", …); a citizen and a staff member belong to one.
    departments: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The areas the unit serves ("children", "adults"): what a new citizen can be.
    areas: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["children", "adults"])
    #: Days the automatic backups are kept (never fewer than the newest five; migration 0009).
    backup_keep_days: Mapped[int] = mapped_column(default=30, server_default=text("30"))
    #: Years a citizen's records are kept after the stay ended, before they may be erased.
    retention_years: Mapped[int] = mapped_column(default=5, server_default=text("5"))
    #: In anything printed or exported from the overview, groups of fewer than five citizens
    #: show "< 5" instead of their counts, so no single citizen can be recognised (issue 14).
    suppress_small_groups: Mapped[bool] = mapped_column(default=True, server_default=text("1"))
    #: The unit's secret for the pseudonymous citizen keys of its statistics files: the same
    #: citizen gets the same key in every export of this unit, and nobody without the unit
    #: file can link a key to a citizen, not even from the citizen's exchange id.
    stats_salt: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))


class StaffMember(IdMixin, Base):
    """Someone who documents in the unit. Never deleted: deactivated, so every note keeps its
    author. Initials are unique among the active (an imported author from another unit is an
    inactive entry and may share them). The credentials of issue 13 join this record."""

    __tablename__ = "staff_member"
    __table_args__ = (
        Index(
            "uq_staff_member_active_initials",
            "initials",
            unique=True,
            sqlite_where=text("active = 1"),
            postgresql_where=text("active"),
        ),
    )

    name: Mapped[str]
    initials: Mapped[str] = mapped_column(String(12))
    title: Mapped[str | None]  # "Pædagog", "Afdelingsleder", …
    department: Mapped[str | None]
    role: Mapped[StaffRole] = mapped_column(
        enum_column_type(StaffRole, "staff_role"), default=StaffRole.EMPLOYEE
    )
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    deactivated_at: Mapped[dt.datetime | None]
    # Login (migration 0009): an Argon2id hash, never the password; None = none chosen yet.
    password_hash: Mapped[str | None]
    password_set_at: Mapped[dt.datetime | None]
    #: A one-time password given by a leder: the person chooses their own at the next login.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    failed_logins: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    locked_until: Mapped[dt.datetime | None]
    #: A medarbejder who sees and documents only the citizens of their own department.
    department_only: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    #: The person's own choice to see CPR numbers in full (masked by default).
    show_full_cpr: Mapped[bool] = mapped_column(default=False, server_default=text("0"))

    def __repr__(self) -> str:
        return f"StaffMember({self.id}, {self.initials!r})"
