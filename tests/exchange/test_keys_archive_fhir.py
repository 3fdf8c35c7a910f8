"""Key files, the safe archive, the age command-line tool, and FHIR validation of every kind."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import warnings
import zipfile

import pytest

from fko_desktop.errors import BundleError
from fko_desktop.exchange import create_key_pair, fingerprint, load_identity, load_recipient
from fko_desktop.exchange.archive import pack, unpack
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.validate import validate_fhir
from fko_desktop.models.catalogs import load_catalog

from .helpers import export, reread


def test_key_pair_files(tmp_path):
    made = create_key_pair(tmp_path / "enhed.key", label="Bostedet Lærkereden")
    assert stat.S_IMODE(made.identity_path.stat().st_mode) == 0o600
    assert made.recipient_path == tmp_path / "enhed.pub"
    identity, recipient = load_identity(made.identity_path), load_recipient(made.recipient_path)
    assert recipient.text == identity.public().text == made.recipient
    assert load_recipient(made.identity_path).text == made.recipient
    assert fingerprint(recipient) == fingerprint(identity) == made.fingerprint
    groups = made.fingerprint.split(" ")
    assert len(groups) == 5 and all(len(g) == 4 and g.isalnum() and g.upper() == g for g in groups)
    assert "owner: Bostedet Lærkereden" in made.identity_path.read_text(encoding="utf-8")
    with pytest.raises(BundleError, match="findes allerede; en nøgle overskrives aldrig"):
        create_key_pair(tmp_path / "enhed.key")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_private_key_others_can_read_is_refused(tmp_path):
    made = create_key_pair(tmp_path / "enhed.key")
    made.identity_path.chmod(0o644)
    with pytest.raises(BundleError, match="kan læses af andre; ret rettighederne til 0600"):
        load_identity(made.identity_path)


def test_not_a_key_file(tmp_path):
    path = tmp_path / "noget.txt"
    path.write_text("hej\n")
    with pytest.raises(BundleError, match="er ikke en offentlig nøglefil"):
        load_recipient(path)


def test_archive_round_trip_and_refusals():
    members = {"manifest.json": b"{}", "fhir/message.json": b'{"a": 1}', "pdf/status.pdf": b"%PDF-1.4"}
    assert unpack(pack(members)) == members
    assert pack(members) == pack(dict(members))  # the same content gives the same bytes

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is told to write
        archive.writestr("manifest.json", b"{}")
        archive.writestr("manifest.json", b"{}")
    with pytest.raises(BundleError, match="den samme fil to gange"):
        unpack(buffer.getvalue())
    many = {f"pdf/p{i}.pdf": b"%PDF" for i in range(70)}
    with pytest.raises(BundleError, match="for mange filer"):
        unpack(pack(many))


@pytest.mark.skipif(
    shutil.which("age") is None, reason="the age command-line tool is not installed (apt-get install age)"
)
def test_the_age_tool_decrypts_a_key_bundle(authority, provider_keys, tmp_path):
    data = export(
        authority.unit, authority.actor, "order", authority.citizen.id, provider_keys, include_pdfs=True
    )
    (tmp_path / "bestilling.fkob").write_bytes(data)
    done = subprocess.run(
        [
            "age",
            "--decrypt",
            "--identity",
            str(provider_keys.identity_path),
            str(tmp_path / "bestilling.fkob"),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    archive = zipfile.ZipFile(io.BytesIO(done.stdout))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["kind"] == "order" and manifest["citizen"]["name"] == "Mads Testesen"
    assert sorted(archive.namelist()) == ["fhir/message.json", "manifest.json", "pdf/bestilling.pdf"]
    message = json.loads(archive.read("fhir/message.json"))
    header = message["entry"][0]["resource"]
    assert header["eventCoding"] == {"system": m.FFB_MESSAGE_EVENTS, "code": "ffb-order"}


def _codes(node, found):
    if isinstance(node, dict):
        if "system" in node and "code" in node:
            found.append((node["system"], node["code"]))
        for value in node.values():
            _codes(value, found)
    elif isinstance(node, list):
        for value in node:
            _codes(value, found)
    return found


@pytest.mark.parametrize("kind", ["order", "status", "followup", "transfer"])
def test_every_kind_validates_as_fhir_r4_with_catalog_codes(
    kind, authority, provider, provider_keys, authority_keys
):
    from .test_roundtrip import build_history

    citizen_id, actor = build_history(provider, authority, provider_keys)
    data = export(provider, actor, kind, citizen_id, authority_keys)
    bundle = reread(data, authority_keys)  # read_bundle validates with fhir.resources (R4B) itself …
    validate_fhir(bundle.fhir)  # … and so does this, explicitly
    systems = {m.catalog_system(c): c for c in ("ffb", "care_social", "ics", "specialsektoren")}
    for system, code in _codes(bundle.fhir, []):
        if system in systems:
            assert load_catalog(systems[system]).find(code) is not None or system == m.CARE_SOCIAL_SYSTEM, (
                system,
                code,
            )
    # Function levels, goal types, categories: the national codes, not display texts.
    pairs = set(_codes(bundle.fhir, []))
    assert (m.CARE_SOCIAL_SYSTEM, m.MEASURE_FUNCTION_LEVEL[0]) in pairs or kind == "followup"
