"""The citizen in a FHIR bundle: the Patient, its contacts and its target groups (Conditions).

Part of ``fhir_in._Reader``; its counterpart in ``fhir_out`` is ``_Writer.patient``.
"""

from __future__ import annotations

from fko_desktop.exchange import content as c
from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_in_common import (
    _catalog_code,
    _code_in,
    _date,
    _enum,
    _ext,
    _ReaderBase,
    _record_kind,
    _refuse,
    _rule,
)
from fko_desktop.models.cpr import parse_cpr
from fko_desktop.models.enums import Area, ContactKind
from fko_desktop.models.validation import require_text


class _CitizenIn(_ReaderBase):
    """Reads the bundle's one Patient."""

    def citizen(self) -> c.CitizenData:
        patients = self.resources.of("Patient")
        if len(patients) != 1:
            raise _refuse("bundtet skal handle om præcis én borger.")
        p = patients[0]
        cprs = [i.get("value") for i in p.get("identifier") or [] if i.get("system") == m.CPR_SYSTEM]
        if len(cprs) != 1:
            raise _refuse("borgerens CPR-nummer mangler.")
        cpr = _rule("borgerens CPR-nummer", parse_cpr, cprs[0])
        names = p.get("name") or []
        name = _rule("borgerens navn", require_text, names[0].get("text") if names else None, "name", "Navn")
        area = _enum(_ext(p, "area", "valueCode"), Area, "borgerens område (børn/voksne)")
        groups = []
        for condition in self.resources.of("Condition"):
            if _record_kind(condition) == m.KIND_TARGET_GROUP:
                groups.append(
                    _catalog_code(
                        condition.get("code"), "ffb", "target_groups", "målgruppe", selectable=False
                    )
                )
        contacts = []
        for contact in p.get("contact") or []:
            relationship = (contact.get("relationship") or [{}])[0]
            kind = _enum(
                _code_in(relationship, m.CONTACT_KIND_SYSTEM),
                ContactKind,
                "kontaktens type",
                ContactKind.OTHER,
            )
            contact_name = _rule(
                "kontaktperson",
                require_text,
                (contact.get("name") or {}).get("text"),
                "contacts",
                "Kontaktens navn",
            )
            telecom = {t.get("system"): t.get("value") for t in contact.get("telecom") or []}
            contacts.append(
                c.ContactData(
                    kind, contact_name, relationship.get("text"), telecom.get("phone"), telecom.get("email")
                )
            )
        return c.CitizenData(
            uid=p["id"],
            cpr=cpr,
            name=name,
            area=area,
            department=_ext(p, "department", "valueString"),
            intake_date=_date(_ext(p, "intake-date", "valueDate"), "indflytningsdatoen"),
            end_date=_date(_ext(p, "end-date", "valueDate"), "fraflytningsdatoen"),
            caseworker_name=_ext(p, "caseworker-name", "valueString"),
            caseworker_contact=_ext(p, "caseworker-contact", "valueString"),
            acting_municipality=_ext(p, "acting-municipality", "valueString"),
            paying_municipality=_ext(p, "paying-municipality", "valueString"),
            diagnoses=_ext(p, "diagnoses", "valueString"),
            wishes=_ext(p, "wishes", "valueString"),
            target_groups=tuple(groups),
            contacts=tuple(contacts),
        )
