"""The ``fko`` command: the unit file's operations without a screen, for IT staff and scripts.

One module per command group, each with a ``register(sub)`` that adds its subcommands:
``unit`` (init, demo, info, citizens, check, backup), ``restore``, ``casework`` (deadlines, search),
``report`` and ``bundle`` (bundle export|inspect|import, keys create|show). What they share
(the parser class, argument types, JSON output, the actor, exit codes) is in ``common``;
``entry`` builds the parser from the groups and turns every error into one line. Command
modules import ``common`` only, never each other or ``entry``.
"""

from fko_desktop.cli.entry import build_parser, main

__all__ = ["build_parser", "main"]
