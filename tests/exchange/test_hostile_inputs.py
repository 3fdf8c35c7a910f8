"""What comes in must not destroy or expose a unit's data (issue 9).

Files that are not files (``/dev/zero``, a FIFO), JSON built to exhaust the stack, a bundle
cut short, a passphrase file others can read, texts and dates beyond what the core stores,
bundles written over unit files, and the crashes the value fuzzer found. Each is refused
with one Danish line; the unit file stays as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pyrage
import pytest

from fko_desktop.cli import main
from fko_desktop.cli.bundle import _passphrase
from fko_desktop.errors import BundleError
from fko_desktop.exchange import Passphrase, export_bundle, read_bundle, read_bundle_file
from fko_desktop.exchange.archive import pack
from fko_desktop.exchange.format import FHIR_MEMBER, MANIFEST_NAME
from fko_desktop.ops import journal
from tests.logins import login_as
from tests.storage.util import file_state, one_line

from .helpers import CET, export, make_keys, reseal, resources

CUT_OFF = "Bundtet er beskadiget eller afkortet og kan ikke åbnes; bed afsenderen sende det igen."
SECRET = "hestebæk 42 rødgrød"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


POSIX = pytest.mark.skipif(os.name != "posix", reason="devices, FIFOs and file modes are POSIX")


def _limit_memory() -> None:
    import resource  # POSIX only, like the tests that use it

    # If a regression reads /dev/zero again, it fails at 1 GB instead of taking the machine.
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def run_guarded(*argv, timeout: float = 30) -> tuple[int, str]:
    """``fko …`` in a child process that is killed if it hangs or grows without end."""
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from fko_desktop.cli import main; sys.exit(main(sys.argv[1:]))",
                *map(str, argv),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"fko {' '.join(map(str, argv))} hung for {timeout} s instead of refusing")
    return done.returncode, one_line(done.stderr)


def opened(data: bytes, keys) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(pyrage.decrypt(data, [keys.identity.identity])))
    return {info.filename: archive.read(info) for info in archive.infolist()}


def seal(members: dict[str, bytes], keys, *, fix_hashes: bool = False) -> bytes:
    """Pack and encrypt ``members``; ``fix_hashes`` makes the manifest's sums match them."""
    if fix_hashes:
        manifest = json.loads(members[MANIFEST_NAME])
        for item in manifest["members"]:
            body = members[item["name"]]
            item["sha256"], item["size"] = hashlib.sha256(body).hexdigest(), len(body)
        members = {**members, MANIFEST_NAME: json.dumps(manifest).encode()}
    return pyrage.encrypt(pack(members), [keys.recipient.recipient])


def refused(data: bytes, keys) -> str:
    with pytest.raises(BundleError) as error:
        read_bundle(data, keys.identity)
    message = str(error.value)
    assert "\n" not in message and message.endswith(".")
    return message


@pytest.fixture
def sent(authority, provider_keys):
    return export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys)


# -- files that are not files -----------------------------------------------------------------


@POSIX
def test_dev_zero_as_bundle_passphrase_or_key_file_is_refused_quickly(tmp_path, provider_keys):
    # Only ever in a child process: a regression would read /dev/zero until memory runs out.
    started = time.monotonic()
    not_a_file = "fko: /dev/zero er ikke en almindelig fil (fx en enhed eller en kanal) og læses ikke."
    for argv in (
        ("bundle", "inspect", "/dev/zero", "--identity", provider_keys.identity_path),
        ("bundle", "inspect", tmp_path / "x.fkob", "--passphrase-file", "/dev/zero"),
        ("bundle", "inspect", tmp_path / "x.fkob", "--identity", "/dev/zero"),
        ("keys", "show", "/dev/zero"),
    ):
        assert run_guarded(*argv) == (1, not_a_file), argv
    assert time.monotonic() - started < 20


@POSIX
def test_a_fifo_as_bundle_passphrase_or_key_file_is_refused_without_waiting(tmp_path, provider_keys):
    fifo = tmp_path / "kanal"
    os.mkfifo(fifo)
    for argv in (
        ("bundle", "inspect", fifo, "--identity", provider_keys.identity_path),
        ("bundle", "inspect", tmp_path / "x.fkob", "--passphrase-file", fifo),
        ("bundle", "inspect", tmp_path / "x.fkob", "--identity", fifo),
        ("keys", "show", fifo),
    ):
        code, line = run_guarded(*argv, timeout=20)
        assert code == 1 and "er ikke en almindelig fil" in line, argv


def test_read_bundle_file_refuses_missing_files_and_folders(tmp_path, provider_keys):
    with pytest.raises(BundleError, match="^Bundtfilen .* findes ikke.$"):
        read_bundle_file(tmp_path / "væk.fkob", provider_keys.identity)
    with pytest.raises(BundleError, match="er en mappe"):
        read_bundle_file(tmp_path, provider_keys.identity)


# -- passphrase files are secrets -----------------------------------------------------------------


@POSIX
def test_a_passphrase_file_others_can_read_is_refused_like_a_key(authority, tmp_path, capsys):
    authority.unit.close()
    shared = tmp_path / "frase.txt"
    shared.write_text(SECRET + "\n", encoding="utf-8")
    shared.chmod(0o644)
    out = tmp_path / "bestilling.fkob"
    code, _, err = run(
        capsys,
        "bundle",
        "export",
        "--kind",
        "order",
        "--citizen",
        "010215-4321",
        "--passphrase-file",
        shared,
        "--out",
        out,
        "--no-pdf",
        authority.unit.path,
        *login_as(),
    )
    assert (code, one_line(err)) == (
        1,
        "fko: Adgangsfrasefilen frase.txt kan læses af andre; ret rettighederne til 0600 (chmod 600).",
    )
    assert not out.exists()
    shared.chmod(0o600)
    assert _passphrase(str(shared)).text == SECRET


# -- JSON built to exhaust the stack ----------------------------------------------------------------


def test_a_manifest_nested_100000_deep_is_refused(provider_keys):
    deep = b"[" * 100_000 + b"]" * 100_000
    assert refused(seal({MANIFEST_NAME: deep, FHIR_MEMBER: b"{}"}, provider_keys), provider_keys) == (
        "Bundtets indholdsfortegnelse (manifest.json) er indlejret dybere end 64 niveauer og afvises."
    )


def test_a_manifest_nested_deeper_than_the_cap_but_not_the_parser_is_refused(sent, provider_keys):
    def deep(manifest):
        manifest["sender"]["organisation"] = json.loads("[" * 200 + "]" * 200)

    assert refused(reseal(sent, provider_keys, manifest=deep), provider_keys) == (
        "Bundtets indholdsfortegnelse (manifest.json) er indlejret dybere end 64 niveauer og afvises."
    )


def test_fhir_nested_100000_deep_inside_a_valid_bundle_is_refused(sent, provider_keys):
    members = opened(sent, provider_keys)
    message = json.loads(members[FHIR_MEMBER])
    message["entry"][0]["resource"]["extension"] = "DEEP"
    members[FHIR_MEMBER] = json.dumps(message).encode().replace(b'"DEEP"', b"[" * 100_000 + b"]" * 100_000)
    assert refused(seal(members, provider_keys, fix_hashes=True), provider_keys) == (
        "Bundtets FHIR-indhold er indlejret dybere end 64 niveauer og afvises."
    )


# -- a bundle cut short --------------------------------------------------------------------------------


def test_a_bundle_cut_to_30_bytes_is_called_damaged_not_encrypted_to_a_key(sent, provider_keys):
    cut = sent[:30]
    assert refused(cut, provider_keys) == CUT_OFF
    with pytest.raises(BundleError, match=f"^{CUT_OFF}$"):
        read_bundle(cut, Passphrase(SECRET))


def test_a_bundle_cut_after_its_header_is_called_cut_off(sent, provider_keys):
    header_end = sent.index(b"\n", sent.index(b"\n--- ") + 1) + 1
    for cut in (0, 8, 16):  # no payload, half its nonce, nothing after the nonce
        assert refused(sent[: header_end + cut], provider_keys) == CUT_OFF


# -- texts and dates beyond what the core stores ------------------------------------------------------


@pytest.fixture
def transfer(authority, provider_keys):
    """A transfer bundle about the authority's citizen, with one journal note."""
    journal.add_note(authority.unit, authority.actor, authority.sub_goals[0].id, text="Kort notat.",
                     observed_at=dt.datetime(2025, 2, 1, 8, tzinfo=CET))  # fmt: skip
    return export(authority.unit, authority.actor, "transfer", authority.citizen.id, provider_keys)


def _note(message):
    return resources(message, "Observation", lambda o: o.get("note", [{}])[0].get("text") == "Kort notat.")[0]


def test_a_10_mb_note_in_a_transfer_is_refused_quickly_and_the_unit_is_unchanged(
    transfer, provider, provider_keys, tmp_path, capsys
):
    # Random text: a run of one letter would already be refused as a "zip bomb".
    huge = base64.b64encode(os.urandom(7_500_000)).decode()

    def long_note(message):
        _note(message)["note"][0]["text"] = huge

    data = reseal(transfer, provider_keys, fhir=long_note)
    started = time.monotonic()
    assert refused(data, provider_keys) == (
        "Bundtet kan ikke indlæses: teksten i et delmålsnotat fylder 10.000.000 tegn; "
        "højst 20.000 er tilladt."
    )
    assert time.monotonic() - started < 5
    provider.close()
    path = tmp_path / "overflytning.fkob"
    path.write_bytes(data)
    before = file_state(provider.path)
    identity = provider_keys.identity_path
    code, out, err = run(capsys, "bundle", "import", path, provider.path, "--identity", identity)
    assert (code, out) == (1, "") and "fylder 10.000.000 tegn" in one_line(err)
    assert file_state(provider.path) == before


def test_a_line_field_over_its_column_length_is_refused_before_import(transfer, provider_keys):
    def long_initials(message):
        author = [e for e in _note(message)["extension"] if e["url"].endswith("author")][0]
        author["extension"][0]["valueString"] = "N" * 301  # the name: one line, 300 characters

    assert refused(reseal(transfer, provider_keys, fhir=long_initials), provider_keys) == (
        "Bundtet kan ikke indlæses: navnet i forfatteren til et delmålsnotat fylder 301 tegn; "
        "højst 300 er tilladt."
    )


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_date_outside_1900_to_2100_is_refused(transfer, provider_keys, day):
    def far_away(message):
        sub_goal = resources(message, "Goal", lambda g: g["description"]["text"].startswith("Delmål for"))[0]
        sub_goal["startDate"] = day

    message = refused(reseal(transfer, provider_keys, fhir=far_away), provider_keys)
    assert message.startswith("Bundtet kan ikke indlæses: startdatoen i ") and message.endswith(
        f"er {day}, uden for det tilladte interval (1900–2100)."
    )


@pytest.mark.parametrize("created", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-12:00"])
def test_a_manifest_time_outside_1900_to_2100_is_refused(sent, provider_keys, created):
    def far_away(manifest):
        manifest["created_at"] = created

    assert refused(reseal(sent, provider_keys, manifest=far_away), provider_keys) == (
        f"Bundtets indholdsfortegnelse (manifest.json) er ugyldig: oprettelsestidspunktet {created} ligger "
        "uden for 1900–2100."
    )


# -- crashes the value fuzzer found (each was an "uventet fejl") ------------------------------------


def test_a_lone_surrogate_in_the_manifest_is_refused(sent, provider_keys):
    def surrogate(manifest):
        manifest["app_version"] = "1.0\ud800"

    assert refused(reseal(sent, provider_keys, manifest=surrogate), provider_keys) == (
        "Bundtets indholdsfortegnelse (manifest.json) indeholder tekst med ugyldige tegn "
        "(enlige surrogattegn) og afvises."
    )


def test_a_resource_without_a_type_is_refused(sent, provider_keys):
    def no_type(message):
        message["entry"][-1]["resource"]["resourceType"] = ""

    assert refused(reseal(sent, provider_keys, fhir=no_type), provider_keys) == (
        "Bundtets FHIR-indhold er ugyldigt (en ressource har en ukendt type eller opbygning)."
    )


def test_a_null_id_is_refused(sent, provider_keys):
    def null_id(message):
        message["entry"][-1]["resource"]["id"] = None

    assert refused(reseal(sent, provider_keys, fhir=null_id), provider_keys) == (
        "Bundtets FHIR-indhold indeholder en tom værdi (null) og afvises."
    )


@pytest.mark.parametrize("value", ["0007", True, 2.0])
def test_an_integer_the_validator_would_only_convert_is_refused(sent, provider_keys, value):
    def converted(message):
        goal = resources(message, "Goal")[-1]
        [position] = [e for e in goal["extension"] if e["url"].endswith("position")]
        position["valueInteger"] = value

    message = refused(reseal(sent, provider_keys, fhir=converted), provider_keys)
    assert message.startswith("Bundtets FHIR-indhold er ugyldigt (forkert værditype ved »entry.")


@pytest.mark.parametrize("value", [0, -1])
def test_a_goal_numbered_below_one_is_refused(sent, provider_keys, value):
    """Found by the fuzz test: position -1 was imported and reordered the goals."""

    def renumbered(message):
        goal = resources(message, "Goal")[-1]
        [position] = [e for e in goal["extension"] if e["url"].endswith("position")]
        position["valueInteger"] = value

    message = refused(reseal(sent, provider_keys, fhir=renumbered), provider_keys)
    assert message.startswith("Bundtet kan ikke indlæses: nummeret på ") and message.endswith(
        f"er {value}; det skal være mindst 1."
    )


# -- bundles are never written over unit files --------------------------------------------------------


@pytest.fixture
def recipient(tmp_path_factory):
    # In a folder of its own, so the folders under test hold only what the export leaves.
    return make_keys(tmp_path_factory.mktemp("modtager"), "egely")


def _export_to(capsys, authority, recipient, out, *extra):
    return run(capsys, "bundle", "export", "--kind", "order", "--citizen", "010215-4321", "--recipient-key",
               recipient.recipient_path, "--out", out, "--no-pdf", *extra, authority.unit.path,
               *login_as())  # fmt: skip


OPEN_UNIT = "er den åbne enhedsfil eller hører til den; vælg et andet filnavn."


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_export_over_the_open_unit_file_is_refused(authority, recipient, capsys, force):
    authority.unit.close()
    before = file_state(authority.unit.path)
    code, out, err = _export_to(capsys, authority, recipient, authority.unit.path, *force)
    assert (code, out, one_line(err)) == (1, "", f"fko: »myndighed.fko« {OPEN_UNIT}")
    assert file_state(authority.unit.path) == before


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_export_over_another_unit_file_is_refused(authority, provider, recipient, capsys, force):
    authority.unit.close()
    provider.close()
    before = file_state(provider.path)
    code, _, err = _export_to(capsys, authority, recipient, provider.path, *force)
    assert (code, one_line(err)) == (
        1,
        "fko: »egely.fko« er en FKO-enhedsfil eller sikkerhedskopi og overskrives aldrig; "
        "vælg et andet filnavn.",
    )
    assert file_state(provider.path) == before


@pytest.mark.parametrize(
    ("name", "force"), [("myndighed.fko-journal", ()), ("myndighed.fko-wal", ("--force",))]
)
def test_export_to_a_companion_name_of_the_unit_file_is_refused(authority, recipient, capsys, name, force):
    # A bundle named like the unit's rollback journal would be "rolled back" into the unit.
    authority.unit.close()
    before = file_state(authority.unit.path)
    companion = authority.unit.path.with_name(name)
    code, _, err = _export_to(capsys, authority, recipient, companion, *force)
    assert (code, one_line(err)) == (1, f"fko: »{name}« {OPEN_UNIT}")
    assert file_state(authority.unit.path) == before


def test_export_over_an_existing_file_needs_force(authority, recipient, tmp_path, capsys):
    authority.unit.close()
    out = tmp_path / "bestilling.fkob"
    out.write_bytes(b"en gammel fil")
    code, _, err = _export_to(capsys, authority, recipient, out)
    assert (code, one_line(err)) == (
        1, f"fko: Filen »{out}« findes allerede; vælg et andet navn (eller --force for at erstatte den)."
    )  # fmt: skip
    assert out.read_bytes() == b"en gammel fil"
    code, result, err = _export_to(capsys, authority, recipient, out, "--force")
    assert (code, err) == (0, "") and result.startswith("Bestilling om Mads Testesen skrevet til")
    assert read_bundle_file(out, recipient.identity).content.citizen.name == "Mads Testesen"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".fko-tmp")] == []


def test_export_bundle_refuses_a_unit_file_before_any_work(authority):
    with pytest.raises(BundleError, match=OPEN_UNIT):
        export_bundle(
            authority.unit,
            authority.actor,
            kind="order",
            citizen_id=authority.citizen.id,
            to=Passphrase(SECRET),
            out=authority.unit.path,
            replace=True,
            include_pdfs=False,
        )


def test_keys_create_refuses_a_unit_companion_and_never_overwrites(authority, tmp_path, capsys):
    authority.unit.close()
    target = authority.unit.path.with_name("myndighed.fko-journal")
    code, _, err = run(capsys, "keys", "create", "--out", target)
    assert (code, one_line(err)) == (
        1, "fko: »myndighed.fko-journal« hører til enhedsfilen myndighed.fko; vælg et andet filnavn."
    )  # fmt: skip
    assert not target.exists()
    before = file_state(authority.unit.path)
    code, _, err = run(capsys, "keys", "create", "--out", authority.unit.path)
    assert code == 1 and "FKO-enhedsfil" in one_line(err)
    assert file_state(authority.unit.path).content == before.content
