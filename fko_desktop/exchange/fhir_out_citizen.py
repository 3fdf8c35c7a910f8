"""The citizen as FHIR: the Patient, its contacts and its target groups (Conditions).

Part of ``fhir_out._Writer``; its counterpart in ``fhir_in`` is ``_Reader.citizen``.
"""

from __future__ import annotations

from fko_desktop.exchange import fhir_map as m
from fko_desktop.exchange.fhir_out_common import (
    Json,
    _catalog_concept,
    _coding,
    _exts,
    _record_kind,
    _WriterBase,
)


class _CitizenOut(_WriterBase):
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
            "active": z.end_date is None,
            "name": [name],
            "extension": _exts(
                ("area", "valueCode", z.area),
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
                        "coding": [_coding(m.CONTACT_KIND_SYSTEM, contact.kind)],
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
                    "category": [_record_kind(m.KIND_TARGET_GROUP)],
                    "code": _catalog_concept("ffb", code),
                    "subject": self.patient_ref,
                }
            )
            groups.append(m.ref(condition_id))
        return groups
