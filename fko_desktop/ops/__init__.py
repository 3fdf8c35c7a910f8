"""Operations: everything a user can do to a unit, as plain functions over an open UnitFile.

Every write operation takes the open unit and the acting staff member, runs in one
transaction, and returns a ``Changed`` describing what it touched, so the window can refresh
only the views it concerns and the CLI and tests use exactly the same path.
"""
