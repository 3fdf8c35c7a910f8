"""The demo unit's login, in a module of its own: the login screen reads it without loading
the demo's text tables."""

from __future__ import annotations

#: Every demo staff member's password: the login screen of a demo unit shows it, so the
#: README's first command still takes a newcomer straight in.
DEMO_PASSWORD = "demo-adgangskode"
