"""Hostile and broken bundles: each refused with one clear Danish line, the unit file untouched."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fko_desktop.cli import main
from fko_desktop.errors import BundleError
from fko_desktop.exchange import Passphrase, export_bundle, read_bundle
from fko_desktop.exchange.archive import pack
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.format import FHIR_MEMBER, FORMAT_VERSION, MANIFEST_NAME
from tests.storage.util import file_state, one_line

from .helpers import export, make_keys, reread, reseal, resources

_FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def sent(authority, provider_keys):
    """A genuine order bundle for the provider, as bytes."""
    return export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys)


def refused(data: bytes, keys) -> str:
    with pytest.raises(BundleError) as error:
        read_bundle(data, keys.identity)
    message = str(error.value)
    assert "\n" not in message and message.endswith(".") and "Traceback" not in message
    return message


def test_the_genuine_bundle_reads(sent, provider_keys):
    assert reread(sent, provider_keys).content.citizen.name == "Mads Testesen"


def test_wrong_key(sent, tmp_path):
    stranger = make_keys(tmp_path, "fremmed")
    assert (
        refused(sent, stranger)
        == "Bundtet kan ikke åbnes med denne nøgle: det er til en anden, eller filen er beskadiget."
    )


def test_passphrase_round_trip_and_wrong_passphrase(authority):
    data = export_bundle(authority.unit, authority.actor, kind="order", citizen_id=authority.citizen.id,
                         to=Passphrase("hestebæk 42 rødgrød"), include_pdfs=False).data  # fmt: skip
    assert read_bundle(data, Passphrase("hestebæk 42 rødgrød")).content.citizen.cpr == "010215-4321"
    with pytest.raises(BundleError, match="^Forkert adgangsfrase, eller filen er ikke til dig.$"):
        read_bundle(data, Passphrase("hestebæk 42 rødgrøD"))


def test_a_passphrase_bundle_asks_for_the_passphrase_not_a_key(provider_keys):
    fake = b"age-encryption.org/v1\n-> scrypt c2FsdA 18\nAAAA\n--- AAAA\n"
    assert (
        refused(fake, provider_keys)
        == "Bundtet er krypteret med en adgangsfrase, ikke til en nøgle; angiv adgangsfrasen."
    )


@_FAST
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_truncated_file(sent, provider_keys, cut):
    message = refused(sent[: cut % len(sent)], provider_keys)
    assert message in {
        "Filen er ikke et krypteret FKO-bundt (ukendt filformat).",
        "Bundtet er beskadiget eller afkortet og kan ikke åbnes; bed afsenderen sende det igen.",
        "Bundtet er beskadiget eller ændret undervejs og kan ikke åbnes.",
        "Bundtet kan ikke åbnes med denne nøgle: det er til en anden, eller filen er beskadiget.",
    }


@_FAST
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_flipped_byte(sent, provider_keys, position, bit):
    damaged = bytearray(sent)
    damaged[position % len(sent)] ^= 1 << bit
    refused(bytes(damaged), provider_keys)


def test_appended_bytes(sent, provider_keys):
    assert (
        refused(sent + b"x", provider_keys)
        == "Bundtet er beskadiget eller ændret undervejs og kan ikke åbnes."
    )


def test_edited_manifest_citizen(sent, provider_keys):
    def edit(manifest):
        manifest["citizen"]["cpr"] = "020202-2222"

    assert refused(reseal(sent, provider_keys, manifest=edit), provider_keys) == (
        "Indholdsfortegnelsen og bundtets indhold er uenige om borgeren; bundtet afvises."
    )


def test_edited_manifest_sender(sent, provider_keys):
    def edit(manifest):
        manifest["sender"]["name"] = "Falsk Kommune"

    assert "uenige om afsenderen" in refused(reseal(sent, provider_keys, manifest=edit), provider_keys)


def test_member_hash_mismatch(sent, provider_keys):
    def tamper(message):
        resources(message, "Goal", lambda g: g["id"] != "")[1]["description"]["text"] = (
            "Mads må blive hjemme."
        )

    data = reseal(sent, provider_keys, fhir=tamper, fix_hashes=False)
    assert (
        refused(data, provider_keys)
        == "Kontrolsummen for fhir/message.json passer ikke; bundtet er ændret eller beskadiget."
    )


def test_unlisted_member(sent, provider_keys):
    data = reseal(sent, provider_keys, extra={"pdf/ekstra.pdf": b"%PDF-1.4"})
    assert (
        refused(data, provider_keys)
        == "Bundtets indhold passer ikke med indholdsfortegnelsen (uanmeldt indhold pdf/ekstra.pdf)."
    )


def test_unknown_format_version(sent, provider_keys):
    def newer(manifest):
        manifest["format_version"] = FORMAT_VERSION + 2
        manifest["something_new"] = {"we": "cannot read"}

    assert refused(reseal(sent, provider_keys, manifest=newer), provider_keys) == (
        f"Bundtet er lavet med en nyere version af FKO Desktop (format {FORMAT_VERSION + 2}); "
        "opdatér programmet."
    )


def _sealed_zip(members: list[tuple[str, bytes]], keys) -> bytes:
    import pyrage

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members:
            archive.writestr(name, body)
    return pyrage.encrypt(buffer.getvalue(), [keys.recipient.recipient])


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/tmp/x.json",
        "C:\\fko\\x.json",
        "fhir/../../x.json",
        "fhir/",
        "notes.txt",
        "FHIR/Message.json",
    ],
)
def test_path_traversal_and_unknown_names(provider_keys, name):
    data = _sealed_zip([(MANIFEST_NAME, b"{}"), (name, b"{}")], provider_keys)
    assert refused(data, provider_keys).startswith("Bundtet indeholder en fil med et ugyldigt navn")


def test_zip_bomb(provider_keys):
    data = _sealed_zip([(MANIFEST_NAME, b"{}"), (FHIR_MEMBER, b"\0" * (20 * 1024 * 1024))], provider_keys)
    assert refused(data, provider_keys) == (
        "Filen fhir/message.json i bundtet er usædvanligt stærkt komprimeret (mulig »zip-bombe«) og afvises."
    )


def test_not_a_zip_inside(provider_keys):
    import pyrage

    data = pyrage.encrypt(b"hello, not a zip", [provider_keys.recipient.recipient])
    assert refused(data, provider_keys) == "Bundtets indhold er beskadiget (arkivet kan ikke læses)."


def test_invalid_fhir_structure(sent, provider_keys):
    def break_it(message):
        resources(message, "Patient")[0]["favourite_colour"] = "blå"

    assert refused(reseal(sent, provider_keys, fhir=break_it), provider_keys).startswith(
        "Bundtets FHIR-indhold er ugyldigt"
    )


def _goal_target(message):
    goal = resources(
        message, "Goal", lambda g: any("0bb3daef" in c["code"] for c in g["category"][0]["coding"])
    )[0]
    return goal


def test_valid_fhir_with_score_7_breaks_fko_rules(sent, provider_keys):
    def score_seven(message):
        _goal_target(message)["target"][0]["detailCodeableConcept"] = {
            "coding": [{"system": m.FFB_SYSTEM, "code": "7"}]
        }

    assert refused(reseal(sent, provider_keys, fhir=score_seven), provider_keys) == (
        "Bundtet kan ikke indlæses: indsatsmålet »Mads går i skole fire dage om ugen.«, "
        "målscore: »7« er ikke en gyldig score (0–4 eller Ikke vurderet)."
    )


def test_valid_fhir_with_a_goal_without_text_breaks_fko_rules(sent, provider_keys):
    def no_text(message):
        _goal_target(message)["description"] = {"coding": [{"system": "urn:x", "code": "y"}]}

    assert refused(reseal(sent, provider_keys, fhir=no_text), provider_keys) == (
        "Bundtet kan ikke indlæses: et indsatsmål mangler sin tekst."
    )


def test_valid_fhir_with_an_unknown_domain_code(sent, provider_keys):
    def unknown(message):
        condition = resources(message, "Condition")[0]
        condition["code"]["coding"][0]["code"] = "rumfart"

    assert "»rumfart« er ikke en gyldig målområde" in refused(
        reseal(sent, provider_keys, fhir=unknown), provider_keys
    )


def test_cli_import_of_a_hostile_bundle_leaves_the_unit_file_byte_identical(
    sent, provider, provider_keys, tmp_path, capsys
):
    provider.close()
    path = tmp_path / "hostile.fkob"

    def score_seven(message):
        _goal_target(message)["target"][0]["detailCodeableConcept"] = {
            "coding": [{"system": m.FFB_SYSTEM, "code": "7"}]
        }

    for data in (
        reseal(sent, provider_keys, fhir=score_seven),
        sent[:-10],
        pack({MANIFEST_NAME: json.dumps({}).encode()}),
    ):
        path.write_bytes(data)
        before = file_state(provider.path)
        code = main(
            [
                "bundle",
                "import",
                str(path),
                str(provider.path),
                "--identity",
                str(provider_keys.identity_path),
            ]
        )
        out, err = capsys.readouterr()
        assert (code, out) == (1, "")
        assert one_line(err).startswith("fko: ")
        assert file_state(provider.path) == before
