import json
import shutil
from pathlib import Path

import pytest

from fko_desktop.errors import FkoError, InvalidScore, ValidationError
from fko_desktop.models import catalogs
from fko_desktop.models.catalogs import (
    CATALOG_DIR,
    Entry,
    catalog_ids,
    display_code,
    domain_catalog_for_area,
    function_level_code,
    load_catalog,
    score_for_function_level,
)
from fko_desktop.models.scores import NOT_ASSESSED

SHIPPED = ("aarhus", "care_social", "ffb", "ics", "magtanvendelse", "specialsektoren")

# Official code -> display pairs copied by hand from KL Terminologi 2.3.0 (CodeSystem-FFB.json),
# so the test does not depend on the reference file being present.
FFB_OFFICIAL = {
    "885400cc-dd71-479e-8993-3fc48fdd6710": "Vaske sig",
    "da3f488f-1742-4d00-b247-a7d47500b36b": "Egenomsorg",
    "eef71492-65f5-4297-aa95-3c3a6866ddef": "Praktiske opgaver",
    "d1495b2c-1452-4e49-8dbe-8193af5d8823": "Mobilitet",
    "c2b186f9-9c10-478e-8345-2d2c37ab4c46": "Kommunikation",
    "3856b434-f72e-42a5-b9d1-0cc93f48434b": "Relationer",
    "dfbe6ff6-223b-436a-b864-8ba29bda41e2": "Samfundsliv",
    "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7": "Indgå i samspil og kontakt",
    "a80e8f96-18ba-4ee4-9496-d3ce882c2f85": "Anvende kommunikationsudstyr- og teknikker",
    "759ddc8e-57c0-4aa6-8d32-14d8eb51c5dd": "Ændre og opretholde kropsstilling",
    "70443014-3faf-402d-abcf-396bfad32eb9": "Varetage økonomi",
    "b947f321-7cdb-4b33-9653-f3ff800572b0": "Lave mad",
}
THEMES = (
    "da3f488f-1742-4d00-b247-a7d47500b36b",  # Egenomsorg
    "eef71492-65f5-4297-aa95-3c3a6866ddef",  # Praktiske opgaver
    "d1495b2c-1452-4e49-8dbe-8193af5d8823",  # Mobilitet
    "c2b186f9-9c10-478e-8345-2d2c37ab4c46",  # Kommunikation
    "3856b434-f72e-42a5-b9d1-0cc93f48434b",  # Relationer
    "dfbe6ff6-223b-436a-b864-8ba29bda41e2",  # Samfundsliv
)
FUNCTION_LEVELS = {
    0: ("b508ff66-6326-4862-a6d7-7bbf184c9823", "Ingen nedsat funktionsevne"),
    1: ("8328ce4a-6238-4f73-bf1a-74aadb68eff8", "Let nedsat funktionsevne"),
    2: ("5bdde847-2837-416b-ab63-bbff8b7aa531", "Moderat nedsat funktionsevne"),
    3: ("cae545f5-2813-4d79-98fc-0a7d770af3cd", "Svært nedsat funktionsevne"),
    4: ("832ae90b-23b5-4063-80aa-0b81bdce680e", "Fuldstændig nedsat funktionsevne"),
    None: ("1c327095-107f-4b96-88d0-ec562cb980be", "Ikke vurderet"),
}
CONTEXT_FIELDS = {"ressourcer_og_udfordringer", "stoettebehov", "maal_og_delmaal", "evaluering"}
# KL's published terminology lives in shared/, which sits beside the checkout (the repository
# is the parent of tests/), wherever it was cloned: not at one machine's absolute path.
REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "kl-term"


@pytest.fixture(autouse=True)
def _fresh_cache():
    catalogs.clear_cache()
    yield
    catalogs.clear_cache()


def _copy_catalogs(tmp_path: Path) -> Path:
    target = tmp_path / "catalogs"
    shutil.copytree(CATALOG_DIR, target)
    return target


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# --- every shipped file ---------------------------------------------------------------------


def test_all_shipped_catalogs_are_present():
    assert set(SHIPPED) <= set(catalog_ids())


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_every_catalog_loads_with_metadata(catalog_id):
    catalog = load_catalog(catalog_id)
    assert catalog.id == catalog_id
    assert catalog.title and catalog.version and catalog.source
    assert catalog.sets
    for code_set in catalog.sets.values():
        assert len(code_set) > 0
        for entry in code_set:
            assert entry.display.strip() == entry.display != ""


@pytest.mark.parametrize("catalog_id", SHIPPED)
def test_files_are_utf8_with_two_space_indent(catalog_id):
    text = (CATALOG_DIR / f"{catalog_id}.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_loading_is_cached():
    assert load_catalog("ffb") is load_catalog("ffb")


# --- FFB ------------------------------------------------------------------------------------


def test_ffb_metadata():
    ffb = load_catalog("ffb")
    assert ffb.system == "urn:oid:1.2.208.176.2.22"
    assert ffb.version == "20240530"
    assert ffb.title == "Fælles Faglige Begreber (FFB)"
    assert set(ffb.sets) == {
        "goal_domains",
        "related_themes",
        "function_levels",
        "goal_types",
        "support_need",
        "intervention_status",
        "target_groups",
    }


@pytest.mark.parametrize(("code", "display"), sorted(FFB_OFFICIAL.items()))
def test_ffb_goal_domain_codes_match_the_official_terminology(code, display):
    goal_domains = load_catalog("ffb").set("goal_domains")
    assert goal_domains.display(code) == display
    assert load_catalog("ffb").set("related_themes").display(code) == display


def test_ffb_goal_domains_are_six_headings_with_selectable_sub_themes():
    goal_domains = load_catalog("ffb").set("goal_domains")
    headings = [entry for entry in goal_domains if not entry.selectable]
    assert tuple(entry.code for entry in headings) == THEMES  # in DOMAIN.md's order
    assert all(entry.parent is None for entry in headings)
    sub_themes = goal_domains.selectable()
    assert len(sub_themes) == 31
    for entry in sub_themes:
        assert entry.parent in THEMES, entry
    assert [e.display for e in goal_domains.children(THEMES[0])][:2] == [
        "Klæde sig af og på",
        "Vaske sig",
    ]
    assert goal_domains.children(None) == tuple(headings)


def test_ffb_related_themes_cover_all_three_categories():
    related = load_catalog("ffb").set("related_themes")
    top = [entry.display for entry in related.children(None)]
    assert top == ["Funktioner og forhold", "Omgivelsesfaktorer", "Aktivitet og deltagelse"]
    # Headings (categories and themes) cannot be chosen; sub-themes can.
    for entry in related:
        assert entry.selectable == (not related.children(entry.code))
    goal_domains = load_catalog("ffb").set("goal_domains")
    assert set(goal_domains.codes()) <= set(related.codes())
    assert related.display("83cf43f1-6d71-477c-8583-2e28755b41d3") == "Kriminalitet"
    assert related.display("df194a84-6e4b-4f14-a194-d8d9d9a1fcad") == "Personer i netværk"


def test_ffb_small_sets_are_in_the_agreed_order():
    ffb = load_catalog("ffb")
    assert [e.display for e in ffb.set("goal_types")] == [
        "Udvikle funktionsevne",
        "Fastholde funktionsevne",
        "Begrænse tab af funktionsevne",
    ]
    assert [e.display for e in ffb.set("support_need")] == [
        "Ikke vurderet",
        "Intet støttebehov",
        "Let støttebehov",
        "Moderat støttebehov",
        "Højt støttebehov",
        "Fuldstændigt støttebehov",
    ]
    assert ffb.set("intervention_status").codes() == (
        "1e971d84-10a4-4ef8-a8b3-0daa4c7d088a",
        "d7d03656-4c87-4e67-9146-aa5990460f16",
        "b4c01aa8-82fd-44e4-83ff-ca19ec02c779",
    )


def test_ffb_target_groups_are_a_tree():
    groups = load_catalog("ffb").set("target_groups")
    assert groups.display("9b3fd322-a75a-4ed8-9b74-425fa1e01c95") == "Autismespektrum"
    autism = groups.get("9b3fd322-a75a-4ed8-9b74-425fa1e01c95")
    assert groups.display(autism.parent) == "Udviklingsforstyrrelse"
    top = [e.display for e in groups.children(None)]
    assert top == ["Funktionsnedsættelse", "Socialt problem"]
    assert len(groups) == 57


def test_function_levels_have_scores_in_order():
    levels = load_catalog("ffb").set("function_levels")
    assert [(e.score, e.code, e.display) for e in levels] == [
        (score, *FUNCTION_LEVELS[score]) for score in (0, 1, 2, 3, 4, None)
    ]


@pytest.mark.parametrize("score", [0, 1, 2, 3, 4, None])
def test_function_levels_map_both_ways(score):
    code = function_level_code(score)
    assert code == FUNCTION_LEVELS[score][0]
    assert score_for_function_level(code) == score


def test_function_level_accepts_not_assessed():
    assert function_level_code(NOT_ASSESSED) == FUNCTION_LEVELS[None][0]


@pytest.mark.parametrize("bad", [-1, 5, True, 2.0, "2"])
def test_function_level_code_refuses_bad_scores(bad):
    with pytest.raises(InvalidScore):
        function_level_code(bad)


def test_score_for_unknown_function_level_is_refused():
    with pytest.raises(ValidationError):
        score_for_function_level("not-a-level")


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="KL reference files not available")
def test_every_shipped_kl_code_matches_the_reference_files():
    # A full cross-check against KL's files when they are around (development only;
    # the product itself never reads them).
    def flatten(concepts, acc):
        for concept in concepts:
            acc[concept["code"]] = concept["display"]
            flatten(concept.get("concept", []), acc)
        return acc

    for catalog_id, file_name in (
        ("ffb", "CodeSystem-FFB.json"),
        ("care_social", "CodeSystem-CareSocialCodes.json"),
    ):
        official = _read(REFERENCE / file_name)
        displays = flatten(official["concept"], {})
        catalog = load_catalog(catalog_id)
        assert catalog.version == official["version"]
        assert catalog.system == official["url"]
        for code_set in catalog.sets.values():
            for entry in code_set:
                assert displays.get(entry.code) == entry.display, (catalog_id, entry)


# --- CareSocialCodes ------------------------------------------------------------------------


def test_care_social_sets():
    care = load_catalog("care_social")
    assert care.system == "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
    sources = care.set("assessment_sources")
    assert sources.display("25b4e705-2e9a-47a2-b11a-c829316b9d3a") == "Borger"
    assert sources.display("f6ea2920-7dde-491e-a489-6b99a3904069") == "Sagsbehandler"
    provider = sources.get("f00a6844-1005-401d-965d-1c5859df7beb")
    assert provider.display == "Udfører"
    assert sources.display(provider.parent) == "Andre"
    categories = care.set("goal_categories")
    first = [e.display for e in categories][:3]
    assert first == ["FFB indsatsmål", "FFB delmål", "Indsatsformål"]
    assert categories.get("0bb3daef-538d-45dc-b444-abdbcb63f6bc").display == "FFB indsatsmål"


# --- ICS, Århus, Specialsektoren ------------------------------------------------------------


def test_ics_has_exactly_six_dimensions_with_help():
    ics = load_catalog("ics")
    assert ics.system == "urn:fko-desktop:catalog:ics"
    domains = ics.set("goal_domains")
    assert domains.codes() == (
        "sundhed",
        "skole_og_laering",
        "fritid_og_venskaber",
        "udvikling_og_adfaerd",
        "familieforhold",
        "andre_forhold",
    )
    assert domains.display("skole_og_laering") == "Skole og læring"
    assert domains.display("andre_forhold") == "Andre relevante forhold"
    assert all(entry.selectable and entry.help for entry in domains)
    assert [e.display for e in ics.set("goal_types")] == ["Udviklingsmål", "Fastholdelsesmål"]


@pytest.mark.parametrize(
    ("schema", "specific"),
    [
        ("unge", ["hverdagsliv", "misbrug", "kriminalitet"]),
        ("boern_og_familie", ["selvhjulpenhed", "tilknytning", "kriminalitet"]),
        ("handicap", ["selvhjulpenhed", "livsduelighed", "kommunikation"]),
    ],
)
def test_aarhus_schemas(schema, specific):
    factors = load_catalog("aarhus").set(schema)
    assert factors.codes() == (
        "udvikling_og_adfaerd",
        "familieforhold",
        "familieforhold_mor",
        "familieforhold_far",
        "familieforhold_soeskende",
        "skoleforhold",
        "sundhedsforhold",
        "fritidsforhold_og_venskaber",
        *specific,
    )
    family = factors.get("familieforhold")
    assert not family.selectable
    assert [e.code for e in factors.children("familieforhold")] == [
        "familieforhold_mor",
        "familieforhold_far",
        "familieforhold_soeskende",
    ]
    # Every factor but the Familieforhold heading is scored.
    assert len(factors.selectable()) == len(factors) - 1
    assert all(entry.help for entry in factors)


def test_specialsektoren_contexts_have_all_four_field_help_texts():
    special = load_catalog("specialsektoren")
    contexts = special.set("contexts")
    assert contexts.codes() == (
        "familieforhold",
        "sundhedsforhold",
        "kommunikation",
        "indflydelse_paa_eget_liv",
        "foelelses_og_adfaerd",
        "identitet",
        "selvstaendighed",
        "skoleforhold",
        "fritidsforhold",
        "venskabsforhold",
    )
    assert contexts.display("foelelses_og_adfaerd") == "Følelses- og adfærdsmæssige forhold"
    for context in contexts:
        assert context.help and context.help.strip()
        assert set(context.fields) == CONTEXT_FIELDS, context.code
        for key, text in context.fields.items():
            assert text.strip(), (context.code, key)
    assert set(special.set("context_fields").codes()) == CONTEXT_FIELDS
    assert special.set("context_fields").display("stoettebehov") == "Behov for støtte"


def test_specialsektoren_sections_and_use_of_force():
    special = load_catalog("specialsektoren")
    sections = special.set("plan_sections")
    assert set(sections.codes()) == {
        "baggrund",
        "formaal",
        "formaal_tilbud",
        "formaal_barn_foraeldre",
        "praesentation",
        "tidligere_indsatser",
        "magtanvendelse",
    }
    assert all(entry.help for entry in sections)
    kinds = special.set("use_of_force_kinds")
    assert kinds.codes() == ("indberetning", "tilladelse", "forebyggelse")
    assert all(entry.help for entry in kinds)


# --- the API --------------------------------------------------------------------------------


def test_unknown_code_displays_without_crashing():
    goal_domains = load_catalog("ffb").set("goal_domains")
    assert goal_domains.display("00000000-0000-0000-0000-000000000000") == (
        "Ukendt kode (00000000-0000-0000-0000-000000000000)"
    )
    assert goal_domains.get("nope") is None
    assert "nope" not in goal_domains
    assert goal_domains.display(None) == ""
    assert load_catalog("ics").display("gammel_kode") == "Ukendt kode (gammel_kode)"


def test_display_code_for_stored_catalog_and_code():
    assert display_code("ffb", "885400cc-dd71-479e-8993-3fc48fdd6710") == "Vaske sig"
    assert display_code("aarhus", "familieforhold_far") == "Forhold til far"
    assert display_code("ics", "sundhed", "goal_domains") == "Sundhed"
    assert display_code("ics", "sundhed", "no_such_set") == "Ukendt kode (sundhed)"
    assert display_code("a_future_catalog", "x1") == "Ukendt kode (x1)"
    assert display_code("../etc", "x1") == "Ukendt kode (x1)"
    assert display_code("ffb", None) == ""


def test_code_set_protocol():
    goal_types = load_catalog("ffb").set("goal_types")
    first = goal_types.entries[0]
    assert isinstance(first, Entry)
    assert list(goal_types) == list(goal_types.entries)
    assert first.code in goal_types
    assert goal_types.get(first.code) is first
    assert goal_types.codes()[0] == first.code


def test_unknown_set_raises_a_clear_key_error():
    with pytest.raises(KeyError, match="goal_domainz"):
        load_catalog("ffb").set("goal_domainz")


def test_loaded_data_cannot_be_changed_by_a_caller():
    special = load_catalog("specialsektoren")
    context = special.set("contexts").get("familieforhold")
    with pytest.raises(TypeError):
        context.fields["evaluering"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        special.sets["contexts"] = None  # type: ignore[index]


def test_domain_catalog_for_area():
    assert domain_catalog_for_area("children") == "ics"
    assert domain_catalog_for_area("adults") == "ffb"
    with pytest.raises(ValueError):
        domain_catalog_for_area("elderly")


# --- catalog versions and broken files ------------------------------------------------------


def test_a_catalog_that_gains_an_entry_still_displays_every_old_code(tmp_path):
    folder = _copy_catalogs(tmp_path)
    old = load_catalog("ffb")
    data = _read(folder / "ffb.json")
    data["version"] = "20990101"
    theme = THEMES[0]
    data["sets"]["goal_domains"].insert(
        3, {"code": "new-sub-theme", "display": "Nyt undertema", "parent": theme}
    )
    _write(folder / "ffb.json", data)

    new = load_catalog("ffb", folder)
    assert new.version == "20990101"
    for name, old_set in old.sets.items():
        for entry in old_set:
            assert new.set(name).display(entry.code) == entry.display
    assert new.set("goal_domains").display("new-sub-theme") == "Nyt undertema"
    # The shipped catalog is unaffected by the copy.
    assert "new-sub-theme" not in load_catalog("ffb").set("goal_domains")


def test_catalog_ids_in_another_directory(tmp_path):
    folder = _copy_catalogs(tmp_path)
    (folder / "aarhus.json").unlink()
    (folder / "README.txt").write_text("not a catalog", encoding="utf-8")
    assert "aarhus" not in catalog_ids(folder)
    assert "ffb" in catalog_ids(folder)
    assert catalog_ids(tmp_path / "missing") == []


def _broken(tmp_path: Path, name: str, mutate) -> Path:
    folder = _copy_catalogs(tmp_path)
    data = _read(folder / f"{name}.json")
    mutate(data)
    _write(folder / f"{name}.json", data)
    return folder


def test_file_that_is_not_json_raises_fko_error_naming_the_file(tmp_path):
    folder = _copy_catalogs(tmp_path)
    (folder / "ics.json").write_text('{"catalog": "ics", "sets": {', encoding="utf-8")
    with pytest.raises(FkoError, match=r"ics\.json") as raised:
        load_catalog("ics", folder)
    assert "JSON" in str(raised.value)


def test_missing_catalog_raises_fko_error(tmp_path):
    with pytest.raises(FkoError, match=r"findes ikke.*nope\.json"):
        load_catalog("nope", tmp_path)


def test_bad_catalog_name_is_refused():
    with pytest.raises(FkoError):
        load_catalog("../secrets")


def _dup(data):
    data["sets"]["goal_domains"].append(dict(data["sets"]["goal_domains"][0]))


def _orphan(data):
    data["sets"]["goal_domains"][1]["parent"] = "no-such-parent"


def _loop(data):
    data["sets"]["goal_domains"][0]["parent"] = data["sets"]["goal_domains"][1]["code"]


def _no_display(data):
    del data["sets"]["goal_types"][0]["display"]


def _typo(data):
    data["sets"]["goal_types"][0]["dispaly"] = "x"


def _bad_score(data):
    data["sets"]["function_levels"][0]["score"] = "0"


def _bad_fields(data):
    data["sets"]["goal_types"][0]["fields"] = ["x"]


def _wrong_id(data):
    data["catalog"] = "ics"


def _no_sets(data):
    data["sets"] = {}


def _set_not_list(data):
    data["sets"]["goal_types"] = {"code": "x"}


def _not_an_object(data):
    data.clear()


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (_dup, "mere end én gang"),
        (_orphan, "no-such-parent"),
        (_loop, "løkke"),
        (_no_display, "display"),
        (_typo, "dispaly"),
        (_bad_score, "score"),
        (_bad_fields, "fields"),
        (_wrong_id, "catalog"),
        (_no_sets, "sets"),
        (_set_not_list, "goal_types"),
        (_not_an_object, "catalog"),
    ],
)
def test_malformed_catalog_raises_fko_error_naming_the_file(tmp_path, mutate, words):
    folder = _broken(tmp_path, "ffb", mutate)
    with pytest.raises(FkoError) as raised:
        load_catalog("ffb", folder)
    message = str(raised.value)
    assert "ffb.json" in message
    assert words in message


def test_top_level_json_array_is_refused(tmp_path):
    folder = _copy_catalogs(tmp_path)
    _write(folder / "ics.json", [1, 2])
    with pytest.raises(FkoError, match=r"ics\.json.*JSON-objekt"):
        load_catalog("ics", folder)


def test_entry_fields_are_read_only_even_when_built_by_hand():
    entry = Entry(code="x", display="X", fields={"a": "b"})
    with pytest.raises(TypeError):
        entry.fields["a"] = "c"  # type: ignore[index]
    assert hash(entry) == hash(Entry(code="x", display="X"))


def test_plan_sections_have_adult_wording_where_the_childrens_would_be_wrong():
    sections = load_catalog("specialsektoren").set("plan_sections")
    presentation = sections.get("praesentation")
    assert presentation.display_for("children") == "Præsentation af barnet/den unge"
    assert presentation.display_for("adults") == "Præsentation af borgeren"
    background = sections.get("baggrund")
    assert background.display_for("adults") == background.display  # no adult wording needed
