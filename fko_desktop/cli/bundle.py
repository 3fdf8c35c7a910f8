"""``fko bundle export|inspect|import`` and ``fko keys create|show``: exchange bundles without a screen.

Secrets come from files only, never from the command line (where other users of the machine
could read them in the process list): ``--passphrase-file`` holds the passphrase on its first
line, ``--identity`` is an age identity file. Option abbreviations are off, so a mistyped
``--passphrase SECRET`` is a usage error instead of a file name that echoes the secret.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from fko_desktop.cli.common import Subcommands, add_login_options, command_group, open_logged_in, print_json
from fko_desktop.errors import BundleError

_SECRET_MAX_BYTES = 4096


def _passphrase(path: str) -> Any:
    from fko_desktop.exchange import Passphrase
    from fko_desktop.unit.places import FileRefused, read_regular_file, readable_by_others

    file = Path(path)
    try:
        # A regular file only: /dev/zero would be read without end, a FIFO waited on forever.
        text = read_regular_file(file, max_bytes=_SECRET_MAX_BYTES, what="Adgangsfrasefilen").decode("utf-8")
    except FileRefused as error:
        raise BundleError(error.message) from None
    except UnicodeDecodeError:
        raise BundleError(f"Adgangsfrasefilen {file.name} kan ikke læses (ugyldige tegn).") from None
    lines = text.splitlines()
    first = lines[0].strip() if lines else ""
    if not first:
        raise BundleError(f"Adgangsfrasefilen {file.name} er tom.")
    # Like a private key: a passphrase others can read is no longer a secret. (An empty file
    # holds none, so it is called empty first.)
    if readable_by_others(file):
        raise BundleError(
            f"Adgangsfrasefilen {file.name} kan læses af andre; ret rettighederne til 0600 (chmod 600)."
        )
    return Passphrase(first)


def _decrypt_secret(args: argparse.Namespace) -> Any:
    from fko_desktop.exchange import load_identity

    return _passphrase(args.passphrase_file) if args.passphrase_file else load_identity(args.identity)


def cmd_bundle_export(args: argparse.Namespace) -> int:
    from fko_desktop.exchange import Party, fingerprint, load_recipient

    to = _passphrase(args.passphrase_file) if args.passphrase_file else load_recipient(args.recipient_key)
    recipient = None
    if args.recipient_unit or args.recipient_name:
        recipient = Party(name=args.recipient_name or "Modtager", uid=args.recipient_unit)
    with open_logged_in(args) as unit:
        citizen = unit.citizens.find(args.citizen)
        result = unit.bundles.export(
            kind=args.kind,
            citizen_id=citizen.id,
            to=to,
            out=args.out,
            recipient=recipient,
            order_id=args.order,
            include_pdfs=not args.no_pdf,
            replace=args.force,
        )
    key = "" if args.passphrase_file else f"; nøglens fingeraftryk {fingerprint(to)}"
    print(
        f"{result.manifest.kind.label} om {citizen.name} skrevet til {result.path} "
        f"(til {result.manifest.recipient.describe()}{key})."
    )
    return 0


def cmd_bundle_inspect(args: argparse.Namespace) -> int:
    from fko_desktop.exchange import read_bundle_file
    from fko_desktop.exchange.content import plain

    bundle = read_bundle_file(args.file, _decrypt_secret(args))
    manifest = json.loads(bundle.manifest.to_json_bytes())
    if args.json:
        print_json(
            {
                "manifest": manifest,
                "file_sha256": bundle.file_sha256,
                "counts": bundle.content.counts(),
                "content": plain(bundle.content),
            }
        )
        return 0
    m = bundle.manifest
    print(f"Bundt:      {m.bundle_id} (format {m.format_version}, FKO Desktop {m.app_version})")
    print(f"Slags:      {m.kind.label}")
    print(f"Afsender:   {m.sender.describe()}")
    print(f"Modtager:   {m.recipient.describe()}")
    print(f"Borger:     {m.citizen.name}")
    print(f"Oprettet:   {m.created_at.astimezone().strftime('%d.%m.%Y %H:%M')}")
    for member in m.members:
        print(f"Indhold:    {member.name} ({member.size:,} byte)".replace(",", "."))
    for key, count in bundle.content.counts().items():
        if count:
            print(f"  {key}: {count}")
    return 0


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from fko_desktop.exchange import read_bundle_file
    from fko_desktop.unit import Unit

    # Everything about the bundle is checked before the unit file is even opened.
    bundle = read_bundle_file(args.file, _decrypt_secret(args))
    if args.dry_run:
        with Unit.open(args.unitfile, readonly=True) as unit:
            preview = unit.bundles.plan(bundle, args.on_conflict)
        for line in preview.lines():
            print(line)
        print("Prøvekørsel: intet er ændret.")
        return 1 if preview.conflicts else 0
    with open_logged_in(args) as unit:
        result = unit.bundles.apply(bundle, args.on_conflict).value
    for line in result.lines:
        print(line)
    if result.created or result.changed or result.kept:
        print(
            f"Indlæst: {result.created} oprettet, {result.changed} ændret, "
            f"{result.kept} lokale ændringer beholdt."
        )
    return 0


def cmd_keys_create(args: argparse.Namespace) -> int:
    from fko_desktop.exchange import create_key_pair

    made = create_key_pair(args.out, args.public, label=args.label or "")
    print(f"Privat nøgle:    {made.identity_path} (kun til dig; rettigheder 0600)")
    print(f"Offentlig nøgle: {made.recipient_path} (send den til modparten)")
    print(f"Fingeraftryk:    {made.fingerprint}")
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    from fko_desktop.exchange import fingerprint, load_recipient

    key = load_recipient(args.keyfile)
    print(f"Offentlig nøgle: {key.text}")
    print(f"Fingeraftryk:    {fingerprint(key)}")
    return 0


def register(sub: Subcommands) -> None:
    """Add ``bundle`` and ``keys`` to the ``fko`` parser's subcommands."""
    actions = command_group(sub, "bundle", "Udvekslingsbundter: eksportér, vis og indlæs.")

    export = actions.add_parser(
        "export",
        allow_abbrev=False,
        help="Skriv et krypteret bundt om en borger.",
        description="Skriv et krypteret bundt om en borger.",
    )
    export.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    export.add_argument(
        "--kind", required=True, choices=["order", "status", "followup", "transfer"], help="bundtets slags"
    )
    export.add_argument("--citizen", required=True, metavar="ID", help="borgerens id eller CPR-nummer")
    export.add_argument("--out", required=True, metavar="FILE", help="bundtfilen der skrives (*.fkob)")
    secret = export.add_mutually_exclusive_group(required=True)
    secret.add_argument(
        "--passphrase-file", metavar="F", help="fil med den aftalte adgangsfrase på første linje"
    )
    secret.add_argument("--recipient-key", metavar="KEYFILE", help="modtagerens offentlige nøglefil (age1…)")
    export.add_argument(
        "--order", type=int, metavar="ID", help="bestillingen der sendes (standard: den nyeste aktuelle)"
    )
    export.add_argument(
        "--recipient-unit", metavar="UID", help="modtagerenhedens id (standard: fra tidligere udveksling)"
    )
    export.add_argument("--recipient-name", metavar="NAME", help="modtagerens navn")
    export.add_argument("--no-pdf", action="store_true", help="udelad PDF-dokumenterne")
    export.add_argument(
        "--force",
        action="store_true",
        help="erstat en eksisterende fil (aldrig en enhedsfil eller sikkerhedskopi)",
    )
    add_login_options(export)
    export.set_defaults(handler=cmd_bundle_export)

    inspect = actions.add_parser(
        "inspect",
        allow_abbrev=False,
        help="Vis et bundts indhold efter kontrol (ændrer intet).",
        description="Vis et bundts indhold efter kontrol (ændrer intet).",
    )
    inspect.add_argument("file", metavar="FILE", help="bundtfilen (*.fkob)")
    _decrypt_options(inspect)
    inspect.add_argument("--json", action="store_true", help="udskriv som JSON")
    inspect.set_defaults(handler=cmd_bundle_inspect)

    load = actions.add_parser(
        "import",
        allow_abbrev=False,
        help="Indlæs et bundt i enhedsfilen.",
        description="Indlæs et bundt i enhedsfilen.",
    )
    load.add_argument("file", metavar="FILE", help="bundtfilen (*.fkob)")
    load.add_argument("unitfile", metavar="UNITFILE", help="enhedsfilen (*.fko)")
    _decrypt_options(load)
    load.add_argument("--dry-run", action="store_true", help="vis kun hvad der ville ske")
    load.add_argument(
        "--on-conflict",
        choices=["refuse", "keep-local", "take-incoming"],
        default="refuse",
        help="ved konflikt med lokale ændringer: afvis (standard), behold de lokale, eller tag bundtets",
    )
    add_login_options(load, required=False)  # not for --dry-run, which writes nothing
    load.set_defaults(handler=cmd_bundle_import)

    key_actions = command_group(sub, "keys", "Nøglepar til krypterede bundter.")
    create = key_actions.add_parser(
        "create", allow_abbrev=False, help="Lav et nyt nøglepar.", description="Lav et nyt nøglepar."
    )
    create.add_argument(
        "--out", required=True, metavar="KEYFILE", help="den private nøglefil (skrives med rettigheder 0600)"
    )
    create.add_argument(
        "--public", metavar="FILE", help="den offentlige nøglefil (standard: KEYFILE med .pub)"
    )
    create.add_argument("--label", help="hvem nøglen tilhører, fx enhedens navn")
    create.set_defaults(handler=cmd_keys_create)
    show = key_actions.add_parser(
        "show",
        allow_abbrev=False,
        help="Vis en nøgles offentlige del og fingeraftryk.",
        description="Vis en nøgles offentlige del og fingeraftryk.",
    )
    show.add_argument("keyfile", metavar="KEYFILE", help="privat eller offentlig nøglefil")
    show.set_defaults(handler=cmd_keys_show)


def _decrypt_options(parser: argparse.ArgumentParser) -> None:
    secret = parser.add_mutually_exclusive_group(required=True)
    secret.add_argument(
        "--passphrase-file", metavar="F", help="fil med den aftalte adgangsfrase på første linje"
    )
    secret.add_argument("--identity", metavar="KEYFILE", help="din private nøglefil")


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: fko bundle … / fko keys …")
