"""A follow-up travels as the legal record it is: its version, its kept earlier versions and its
withdrawal reach the receiver, and a withdrawn one arrives there as no meeting at all."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from fko_desktop.errors import BundleError
from fko_desktop.exchange import apply_import, plan_import
from fko_desktop.exchange import content as c
from fko_desktop.exchange.fhir import map as m
from fko_desktop.models import Citizen, FollowUp, RecordVersion
from fko_desktop.models.enums import AssessmentRole
from fko_desktop.ops import follow_up
from fko_desktop.reports.options import ReportOptions
from fko_desktop.reports.status_data import gather_status

from .helpers import export, importer, reread, reseal, resources, transfer_view

HELD = dt.date(2025, 8, 1)
MISTAKE = dt.date(2025, 9, 1)  # later than the real meeting: counted, it would be "the last one"
PLANNED = dt.date(2027, 3, 1)
REASON = "Registreret på den forkerte borger."
# The legal extensions a bundle from before follow-ups were legal records did not have.
LEGAL_EXTENSIONS = {
    m.ext_url(name)
    for name in ("record-version", "updated-at", "withdrawn-at", "withdrawal-reason", "earlier-version")
}


def held_meeting(authority, meeting: dt.date, agreements: str) -> int:
    goal = authority.goals[0]
    return follow_up.record_follow_up(
        authority.unit,
        authority.actor,
        authority.citizen.id,
        meeting_date=meeting,
        held=True,
        agreements=agreements,
        assessments=[follow_up.AssessmentInput(goal.id, AssessmentRole.CASEWORKER, score=2, note="Enig.")],
    ).value.id


def meetings(authority) -> dict[str, int]:
    """At the authority: a held follow-up corrected once (version 2), a held one saved by mistake
    and withdrawn, and a planned one."""
    held = held_meeting(authority, HELD, "Fortsæt som nu.")
    follow_up.update_follow_up(
        authority.unit, authority.actor, held, agreements="Rettet: fortsæt med skolen."
    )
    mistake = held_meeting(authority, MISTAKE, "Skrevet på forkert barn.")
    follow_up.withdraw_follow_up(authority.unit, authority.actor, mistake, reason=REASON)
    planned = follow_up.record_follow_up(
        authority.unit, authority.actor, authority.citizen.id, meeting_date=PLANNED, form="phone"
    ).value.id
    return {"held": held, "mistake": mistake, "planned": planned}


def send(authority, provider_keys) -> bytes:
    return export(authority.unit, authority.actor, "followup", authority.citizen.id, provider_keys)


def citizen_here(unit) -> int:
    with unit.read() as session:
        return session.scalars(select(Citizen.id)).one()


def by_date(unit, citizen_id: int) -> dict[dt.date, FollowUp]:
    return {
        f.meeting_date: f for f in follow_up.follow_ups_for_citizen(unit, citizen_id, include_withdrawn=True)
    }


def kept_versions(unit, follow_up_id: int) -> list[tuple[int, str | None]]:
    with unit.read() as session:
        rows = session.scalars(
            select(RecordVersion)
            .where(RecordVersion.record_type == "follow_up", RecordVersion.record_id == follow_up_id)
            .order_by(RecordVersion.version)
        )
        return [(v.version, v.data["agreements"]) for v in rows]


def test_versions_and_the_withdrawal_arrive_and_a_withdrawn_meeting_counts_nowhere(
    authority, provider, provider_keys
):
    meetings(authority)
    data = send(authority, provider_keys)
    bundle = reread(data, provider_keys)
    encounters = {e["period"]["start"]: e for e in resources(bundle.fhir, "Encounter")}
    assert {day: (e["status"], e["meta"]["versionId"]) for day, e in encounters.items()} == {
        HELD.isoformat(): ("finished", "2"),
        MISTAKE.isoformat(): ("entered-in-error", "1"),
        PLANNED.isoformat(): ("planned", "1"),
    }
    with provider.read() as session:
        preview = plan_import(session, bundle).lines()
    assert f"Opretter: afholdt opfølgning 01.09.2025, trukket tilbage: »{REASON}«" in preview, preview

    apply_import(provider, importer(provider), bundle)
    citizen_id = citizen_here(provider)
    # Everything the authority holds about its follow-ups, also the kept earlier text and when
    # and why the mistaken one was withdrawn.
    assert (
        transfer_view(provider, citizen_id)["follow_ups"]
        == transfer_view(authority.unit, authority.citizen.id)["follow_ups"]
    )
    here = by_date(provider, citizen_id)
    held, mistake = here[HELD], here[MISTAKE]
    assert (held.version, held.agreements, held.withdrawn_at) == (2, "Rettet: fortsæt med skolen.", None)
    assert kept_versions(provider, held.id) == [(1, "Fortsæt som nu.")]
    assert (mistake.withdrawal_reason, mistake.withdrawn_at is not None) == (REASON, True)
    assert all(a.withdrawn_at is not None for a in mistake.assessments)

    # Not a live follow-up at the receiver: not in the list, not in the status report.
    assert {f.meeting_date for f in follow_up.follow_ups_for_citizen(provider, citizen_id)} == {HELD, PLANNED}
    options = ReportOptions(period_to=dt.date(2025, 10, 1), today=dt.date(2025, 10, 1))
    with provider.read() as session:
        report = gather_status(session, citizen_id, options)
    assert report.last_follow_up is not None and report.last_follow_up.meeting_date == HELD
    assert report.period_from == HELD  # the period starts at the real meeting, not the mistake
    assert report.next_follow_up is not None and report.next_follow_up.meeting_date == PLANNED

    # The same bundle again changes nothing.
    before = provider.path.read_bytes()
    again = apply_import(provider, importer(provider), reread(data, provider_keys)).value
    assert (again.created, again.changed) == (0, 0)
    assert provider.path.read_bytes() == before


def test_a_newer_version_updates_a_late_older_one_does_not_and_a_later_withdrawal_arrives(
    authority, provider, provider_keys
):
    ids = meetings(authority)
    apply_import(provider, importer(provider), reread(send(authority, provider_keys), provider_keys))
    citizen_id = citizen_here(provider)
    late = send(authority, provider_keys)  # version 2, mailed but imported only at the end

    follow_up.update_follow_up(authority.unit, authority.actor, ids["held"], agreements="Ny aftale.")
    newer = apply_import(
        provider, importer(provider), reread(send(authority, provider_keys), provider_keys)
    ).value
    assert newer.changed == 1
    held = by_date(provider, citizen_id)[HELD]
    assert (held.version, held.agreements) == (3, "Ny aftale.")
    assert kept_versions(provider, held.id) == [(1, "Fortsæt som nu."), (2, "Rettet: fortsæt med skolen.")]

    bundle = reread(late, provider_keys)
    with provider.read() as session:
        preview = plan_import(session, bundle)
    assert not preview.conflicts
    assert preview.kept == (
        "afholdt opfølgning 01.08.2025 (version 2): her findes en nyere version end bundtets",
    )
    result = apply_import(provider, importer(provider), bundle).value
    assert (result.created, result.changed) == (0, 0)
    held = by_date(provider, citizen_id)[HELD]
    assert (held.version, held.agreements) == (3, "Ny aftale.")
    # … and the late bundle is not remembered as the last exchange: the sender's next version
    # is an update, no conflict.
    follow_up.update_follow_up(authority.unit, authority.actor, ids["held"], agreements="Endnu nyere.")
    result = apply_import(
        provider, importer(provider), reread(send(authority, provider_keys), provider_keys)
    ).value
    assert result.changed == 1
    assert by_date(provider, citizen_id)[HELD].version == 4

    # A meeting sent live and withdrawn at the authority afterwards is withdrawn here too.
    follow_up.withdraw_follow_up(authority.unit, authority.actor, ids["planned"], reason="Mødet er aflyst.")
    bundle = reread(send(authority, provider_keys), provider_keys)
    with provider.read() as session:
        changes = plan_import(session, bundle).changes
    assert changes == ("planlagt opfølgning 01.03.2027, trukket tilbage: »Mødet er aflyst.«: withdrawn",)
    apply_import(provider, importer(provider), bundle)
    planned = by_date(provider, citizen_id)[PLANNED]
    assert (planned.withdrawal_reason, planned.withdrawn_at is not None) == ("Mødet er aflyst.", True)
    assert {f.meeting_date for f in follow_up.follow_ups_for_citizen(provider, citizen_id)} == {HELD}


def _as_before_legal_follow_ups(message: dict) -> None:
    """What a bundle written before follow-ups were legal records says: no meta, no version or
    withdrawal, only ``created-at``."""
    for encounter in resources(message, "Encounter"):
        encounter.pop("meta")
        encounter["extension"] = [e for e in encounter["extension"] if e["url"] not in LEGAL_EXTENSIONS]
        assert any(e["url"] == m.ext_url("created-at") for e in encounter["extension"])


def test_a_bundle_without_the_follow_up_legal_extensions_still_imports(authority, provider, provider_keys):
    held = held_meeting(authority, HELD, "Fortsæt som nu.")
    follow_up.update_follow_up(authority.unit, authority.actor, held, agreements="Rettet.")
    old = reseal(send(authority, provider_keys), provider_keys, fhir=_as_before_legal_follow_ups)
    apply_import(provider, importer(provider), reread(old, provider_keys))
    citizen_id = citizen_here(provider)
    [here] = follow_up.follow_ups_for_citizen(provider, citizen_id)
    with authority.unit.read() as session:
        created_at = session.get_one(FollowUp, held).created_at
    assert (here.version, here.agreements, here.withdrawn_at, here.created_at) == (
        1,
        "Rettet.",
        None,
        created_at,
    )
    assert kept_versions(provider, here.id) == []
    # The next bundle, with the extensions, finds the same follow-up: nothing to change.
    result = apply_import(
        provider, importer(provider), reread(send(authority, provider_keys), provider_keys)
    ).value
    assert (result.created, result.changed) == (0, 0)


def test_a_live_follow_ups_fingerprint_is_the_one_remembered_before_it_carried_legal_data():
    live = c.FollowUpData(uid="f", meeting_date=HELD, held=True, agreements="Fint.")
    edited = dataclasses.replace(
        live, legal=c.Legal(version=3, updated_at=dt.datetime(2025, 8, 2, tzinfo=dt.UTC))
    )
    withdrawn = dataclasses.replace(
        live, legal=c.Legal(withdrawn_at=dt.datetime(2025, 8, 3, tzinfo=dt.UTC), withdrawal_reason=REASON)
    )
    assert c.content_hash(edited) == c.content_hash(live)
    assert c.content_hash(withdrawn) != c.content_hash(live)


def test_an_encounter_in_error_without_its_withdrawal_is_refused(authority, provider_keys):
    held_meeting(authority, HELD, "Fortsæt som nu.")

    def in_error(message: dict) -> None:
        for encounter in resources(message, "Encounter"):
            encounter["status"] = "entered-in-error"

    data = reseal(send(authority, provider_keys), provider_keys, fhir=in_error)
    with pytest.raises(BundleError, match="fejlregistreret, men uden tilbagetrækning"):
        reread(data, provider_keys)
