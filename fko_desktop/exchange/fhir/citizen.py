"""The citizen in FHIR, both ways: the Patient, its contacts and its target groups (Conditions).

``CitizenOut.patient`` writes them and ``CitizenIn.citizen`` reads them back; the two sit side
by side so that a change to how the citizen maps is made in both directions at once. Each is a
part of the writer or the reader that ``bundle`` composes.
"""

from __future__ import annotations

import datetime as dt

from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.exchange.fhir.common import (
    Json,
    ReaderBase,
    WriterBase,
    catalog_code,
    catalog_concept,
    code_in,
    coding,
    enum_value,
    ext_value,
    exts,
    read_date,
    record_kind_concept,
    record_kind_of,
    refuse,
    rule,
)
from fko_desktop.models.citizen import ADULTS_HAVE_NO_SCHEMA, OutcomeSchema, lives_here_on
from fko_desktop.models.cpr import parse_cpr
from fko_desktop.models.enums import Area, ContactKind
from fko_desktop.models.validation import require_text

# == writing ======================================================================================


class CitizenOut(WriterBase):
    """Writes the bundle's one Patient and its target groups."""

    def patient(self) -> list[Json]:
        z = self.content.citizen
        given, _, family = z.name.rpartition(" ")
        name: Json = {"text": z.name, "family": family or z.name}
        if given:
            name["given"] = given.split()
        patient: Json = {
            "resourceType": "Patient",
            "id": z.uid,
            "identifier": [{"system": m.CPR_SYSTEM, "value": z.cpr.replace("-", "")}],
            # Living at the unit as the bundle is written: a planned move-out is still active.
            "active": lives_here_on(z.end_date, dt.date.today()),
            "name": [name],
            "extension": exts(
                ("area", "valueCode", z.area),
                ("outcome-schema", "valueCode", z.outcome_schema),
                ("department", "valueString", z.department),
                ("intake-date", "valueDate", z.intake_date),
                ("end-date", "valueDate", z.end_date),
                ("caseworker-name", "valueString", z.caseworker_name),
                ("caseworker-contact", "valueString", z.caseworker_contact),
                ("acting-municipality", "valueString", z.acting_municipality),
                ("paying-municipality", "valueString", z.paying_municipality),
                ("diagnoses", "valueString", z.diagnoses),
                ("wishes", "valueString", z.wishes),
            ),
        }
        contacts = []
        for contact in z.contacts:
            item: Json = {
                "relationship": [
                    {
                        "coding": [coding(m.CONTACT_KIND_SYSTEM, contact.kind)],
                        **({"text": contact.relation} if contact.relation else {}),
                    }
                ],
                "name": {"text": contact.name},
            }
            telecom = [{"system": "phone", "value": contact.phone}] if contact.phone else []
            telecom += [{"system": "email", "value": contact.email}] if contact.email else []
            if telecom:
                item["telecom"] = telecom
            contacts.append(item)
        if contacts:
            patient["contact"] = contacts
        if not patient["extension"]:
            del patient["extension"]
        self.add(patient)
        groups = []
        for code in z.target_groups:
            condition_id = m.derived_id(z.uid, f"target-group:{code}")
            self.add(
                {
                    "resourceType": "Condition",
                    "id": condition_id,
                    "category": [record_kind_concept(m.KIND_TARGET_GROUP)],
                    "code": catalog_concept("ffb", code),
                    "subject": self.patient_ref,
                }
            )
            groups.append(m.ref(condition_id))
        return groups


# == reading ======================================================================================


class CitizenIn(ReaderBase):
    """Reads the bundle's one Patient."""

    def citizen(self) -> c.CitizenData:
        patients = self.resources.of("Patient")
        if len(patients) != 1:
            raise refuse("bundtet skal handle om præcis én borger.")
        p = patients[0]
        cprs = [i.get("value") for i in p.get("identifier") or [] if i.get("system") == m.CPR_SYSTEM]
        if len(cprs) != 1:
            raise refuse("borgerens CPR-nummer mangler.")
        cpr = rule("borgerens CPR-nummer", parse_cpr, cprs[0])
        names = p.get("name") or []
        name = rule("borgerens navn", require_text, names[0].get("text") if names else None, "name", "Navn")
        area = enum_value(ext_value(p, "area", "valueCode"), Area, "borgerens område (børn/voksne)")
        schema = ext_value(p, "outcome-schema", "valueCode")
        if schema is not None:
            if area == Area.ADULTS.value:
                raise refuse("bundtet giver en voksen et Århus-skema; " + ADULTS_HAVE_NO_SCHEMA)
            schema = enum_value(schema, OutcomeSchema, "borgerens Århus-skema")
        groups = []
        for condition in self.resources.of("Condition"):
            if record_kind_of(condition) == m.KIND_TARGET_GROUP:
                groups.append(
                    catalog_code(condition.get("code"), "ffb", "target_groups", "målgruppe", selectable=False)
                )
        contacts = []
        for contact in p.get("contact") or []:
            relationship = (contact.get("relationship") or [{}])[0]
            kind = enum_value(
                code_in(relationship, m.CONTACT_KIND_SYSTEM),
                ContactKind,
                "kontaktens type",
                ContactKind.OTHER,
            )
            contact_name = rule(
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
            department=ext_value(p, "department", "valueString"),
            intake_date=read_date(ext_value(p, "intake-date", "valueDate"), "indflytningsdatoen"),
            end_date=read_date(ext_value(p, "end-date", "valueDate"), "fraflytningsdatoen"),
            caseworker_name=ext_value(p, "caseworker-name", "valueString"),
            caseworker_contact=ext_value(p, "caseworker-contact", "valueString"),
            acting_municipality=ext_value(p, "acting-municipality", "valueString"),
            paying_municipality=ext_value(p, "paying-municipality", "valueString"),
            diagnoses=ext_value(p, "diagnoses", "valueString"),
            wishes=ext_value(p, "wishes", "valueString"),
            target_groups=tuple(groups),
            contacts=tuple(contacts),
            outcome_schema=schema,
        )
