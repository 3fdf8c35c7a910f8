"""The catalog codes the demo writes, looked up by display text in the shipped catalogs."""

from __future__ import annotations

from fko_desktop.demo import texts
from fko_desktop.demo.themes import ADULT_THEMES, CHILD_THEMES
from fko_desktop.errors import FkoError
from fko_desktop.models.catalogs import CodeSet, load_catalog


def _by_display(codes: CodeSet, display: str) -> str:
    for entry in codes:
        if entry.display == display and entry.selectable:
            return entry.code
    raise FkoError(f"Kataloget mangler »{display}« i sættet {codes.name}; demodata kan ikke bygges.")


class Codes:
    """The catalog codes the demo uses, looked up once (from resources/, never hard-coded)."""

    def __init__(self) -> None:
        ffb = load_catalog("ffb")
        ics = load_catalog("ics")
        care = load_catalog("care_social")
        special = load_catalog("specialsektoren")
        ics_domains = ics.set("goal_domains")
        self.ics_goal_types = {code: code for code in ("udvikling", "fastholdelse")}
        for code in (*self.ics_goal_types, *(t.domain for t in CHILD_THEMES)):
            if code not in ics_domains and code not in ics.set("goal_types"):
                raise FkoError(f"ICS-kataloget mangler koden »{code}«.")
        domains = ffb.set("goal_domains")
        self.ffb_domain = {t.key: _by_display(domains, t.domain) for t in ADULT_THEMES}
        related = ffb.set("related_themes")
        self.related = {display: _by_display(related, display) for t in ADULT_THEMES for display in t.related}
        goal_types = ffb.set("goal_types")
        self.ffb_goal_types = {
            "dev": _by_display(goal_types, "Udvikle funktionsevne"),
            "maint": _by_display(goal_types, "Fastholde funktionsevne"),
            "limit": _by_display(goal_types, "Begrænse tab af funktionsevne"),
        }
        need = ffb.set("support_need")
        self.support_need = [
            _by_display(need, display)
            for display in (
                "Intet støttebehov",
                "Let støttebehov",
                "Moderat støttebehov",
                "Højt støttebehov",
                "Fuldstændigt støttebehov",
            )
        ]
        status = ffb.set("intervention_status")
        self.continue_code = _by_display(status, "Træf afgørelse om fortsættelse af indsats")
        self.end_code = _by_display(status, "Træf afgørelse om afslutning af indsats")
        self.end_refer_code = _by_display(status, "Træf afgørelse om afslutning af indsats og visiter til ny")
        sources = care.set("assessment_sources")
        self.source = {
            name: _by_display(sources, name)
            for name in (
                "Borger",
                "Sagsbehandler",
                "Udfører",
                "Medarbejder alene",
                "Medarbejder og pårørende alene",
                "Borger støttet af medarbejder",
                "Borger støttet af pårørende",
            )
        }
        self.contexts = [entry.code for entry in special.set("contexts")]
        missing = [code for code in texts.CONTEXT_TEXTS if code not in self.contexts]
        if missing:
            raise FkoError(f"Specialsektoren-kataloget mangler {', '.join(missing)}.")
        self.diary_themes = {display: _by_display(related, display) for display in texts.ADULT_DIARY}
        groups = ffb.set("target_groups")
        self.target_groups = {display: _by_display(groups, display) for _, display in texts.ADULT_DIAGNOSES}

    def support_need_for(self, level: float) -> str:
        index = 0 if level < 0.5 else 1 if level < 1.5 else 2 if level < 2.5 else 3 if level < 3.4 else 4
        return self.support_need[index]
