"""``fko bundle export|inspect|import`` and ``fko keys create|show``."""

from __future__ import annotations

import json
import stat

from fko_desktop.cli import main
from tests.logins import ensure_login, login_as
from tests.storage.util import file_state, one_line

from .helpers import make_keys


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_create_and_show(tmp_path, capsys):
    code, out, err = run(
        capsys, "keys", "create", "--out", tmp_path / "egely.key", "--label", "Bostedet Egely"
    )
    assert (code, err) == (0, "")
    assert stat.S_IMODE((tmp_path / "egely.key").stat().st_mode) == 0o600
    fingerprint = out.splitlines()[-1].split(":", 1)[1].strip()
    code, shown, _ = run(capsys, "keys", "show", tmp_path / "egely.pub")
    assert code == 0 and shown.splitlines()[1].endswith(fingerprint)
    assert run(capsys, "keys", "show", tmp_path / "egely.key")[1] == shown


def test_export_inspect_dry_run_import(authority, provider, tmp_path, capsys):
    authority.unit.close()
    provider.close()
    keys = make_keys(tmp_path, "egely")
    bundle = tmp_path / "bestilling.fkob"
    code, out, err = run(
        capsys,
        "bundle",
        "export",
        "--kind",
        "order",
        "--citizen",
        "010215-4321",
        "--recipient-key",
        keys.recipient_path,
        "--out",
        bundle,
        "--no-pdf",
        authority.unit.path,
        *login_as(),
    )
    assert (code, err) == (0, "") and out.startswith("Bestilling om Mads Testesen skrevet til")

    code, out, err = run(capsys, "bundle", "inspect", bundle, "--identity", keys.identity_path, "--json")
    shown = json.loads(out)
    assert shown["manifest"]["kind"] == "order" and shown["counts"]["goals"] == 2
    assert [g["text"] for g in shown["content"]["orders"][0]["goals"]] == [
        "Mads går i skole fire dage om ugen.",
        "Mads har en fast ven.",
    ]

    before = file_state(provider.path)
    code, out, err = run(
        capsys, "bundle", "import", bundle, provider.path, "--identity", keys.identity_path, "--dry-run"
    )
    assert (
        code == 0
        and "Opretter: borgeren Mads Testesen (010215-XXXX)" in out
        and out.endswith("Prøvekørsel: intet er ændret.\n")
    )
    assert file_state(provider.path).content == before.content

    login = ensure_login(provider.path, "LB")
    code, out, err = run(
        capsys, "bundle", "import", bundle, provider.path, "--identity", keys.identity_path, *login
    )
    assert (code, err) == (0, "") and out.splitlines()[
        -1
    ] == "Indlæst: 4 oprettet, 0 ændret, 0 lokale ændringer beholdt."
    code, out, _ = run(
        capsys, "bundle", "import", bundle, provider.path, "--identity", keys.identity_path, *login
    )
    assert code == 0 and "allerede indlæst" in out


def test_passphrase_comes_from_a_file_and_errors_are_one_line(authority, tmp_path, capsys):
    authority.unit.close()
    empty = tmp_path / "frase.txt"
    empty.write_text("\n")
    message = one_line(
        run(
            capsys,
            "bundle",
            "export",
            "--kind",
            "order",
            "--citizen",
            "1",
            "--passphrase-file",
            empty,
            "--out",
            tmp_path / "x.fkob",
            authority.unit.path,
            *login_as(),
        )[2]
    )
    assert message == "fko: Adgangsfrasefilen frase.txt er tom."
    # Never a secret on the command line, not even by abbreviating --passphrase-file.
    code, _, err = run(
        capsys,
        "bundle",
        "export",
        "--kind",
        "order",
        "--citizen",
        "1",
        "--passphrase",
        "hemmelig",
        "--out",
        tmp_path / "x.fkob",
        authority.unit.path,
    )
    assert code == 2 and "hemmelig" not in one_line(err)
    missing = one_line(
        run(capsys, "bundle", "inspect", tmp_path / "findes-ikke.fkob", "--identity", tmp_path / "nope.key")[
            2
        ]
    )
    assert missing.startswith("fko: Nøglefilen") and "findes ikke" in missing


def test_an_unknown_citizen_is_one_line(provider, tmp_path, capsys):
    provider.close()
    keys = make_keys(tmp_path, "randers")
    message = one_line(
        run(
            capsys,
            "bundle",
            "export",
            "--kind",
            "status",
            "--citizen",
            "1",
            "--recipient-key",
            keys.recipient_path,
            "--out",
            tmp_path / "s.fkob",
            provider.path,
            *ensure_login(provider.path),
        )[2]
    )
    assert message == "fko: Ingen borger med id eller CPR-nummer »1«."
