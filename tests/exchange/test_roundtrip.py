"""Round trips between two unit files: order in, status out, follow-up in, transfer to a new unit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fko_desktop.errors import BundleError
from fko_desktop.exchange import ConflictPolicy, Party, apply_import, plan_import
from fko_desktop.exchange.content import plain
from fko_desktop.exchange.exporter import unit_party
from fko_desktop.models import (
    AuditEvent,
    BundleReceipt,
    Citizen,
    GoalStatus,
    InterventionGoal,
    JournalNote,
    Order,
    StaffMember,
    StatusAssessment,
    UseOfForce,
)
from fko_desktop.models.enums import AssessmentRole, OrderState, UseOfForceKind
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import citizens, follow_up, goal_status, journal, orders, plans, staff, status_assessment
from fko_desktop.storage.unitfile import UnitFile

from .helpers import CET, IMPORTER, export, importer, make_keys, reread, transfer_view

SUPPORT_NEED_MODERATE = "401a397b-b3aa-4ca3-8b23-bd8f99dd3f76"
CONTINUE = "1e971d84-10a4-4ef8-a8b3-0daa4c7d088a"
SOURCE_STAFF = "8fe80acb-2c2a-4f10-b2b8-ddb77d2f69dc"


def goal_rows(unit: UnitFile) -> list[tuple]:
    with unit.read() as session:
        return [
            (
                g.uid,
                g.position,
                g.text,
                g.domain_catalog,
                g.domain_code,
                g.goal_type_code,
                g.baseline,
                g.target,
                g.start_date,
            )
            for g in session.scalars(select(InterventionGoal).order_by(InterventionGoal.uid))
        ]


def deliver_order(authority, provider, provider_keys):
    data = export(
        authority.unit, authority.actor, "order", authority.citizen.id, provider_keys, include_pdfs=True
    )
    bundle = reread(data, provider_keys)
    return bundle, apply_import(provider, importer(provider), bundle).value


def test_an_order_arrives_with_every_goal_score_and_code(authority, provider, provider_keys):
    orders.update_goal(
        authority.unit,
        authority.actor,
        authority.goals[0].id,
        orders.GoalInput(
            "Mads går i skole fire dage om ugen.",
            "skole_og_laering",
            dt.date(2025, 1, 15),
            baseline=3,
            target=1,
            goal_type_code="udvikling",
            follow_up_date=dt.date(2025, 7, 15),
            justification="Skolen er nøglen.",
            end_date=dt.date(2026, 1, 15),
            end_reason="Mads går i skole hver dag.",
        ),
    )
    orders.update_order(
        authority.unit,
        authority.actor,
        authority.order_id,
        agreements="Møde hver måned.",
        meeting_kind="visitation",
    )
    bundle, result = deliver_order(authority, provider, provider_keys)

    assert result.created == 4  # citizen, order, two goals
    assert goal_rows(provider) == goal_rows(authority.unit)
    with provider.read() as session:
        [goal_one, goal_two] = session.scalars(
            select(InterventionGoal).order_by(InterventionGoal.position)
        ).all()
        assert goal_two.target is NOT_ASSESSED and goal_two.baseline == 2
        assert (goal_one.follow_up_date, goal_one.justification) == (
            dt.date(2025, 7, 15),
            "Skolen er nøglen.",
        )
        assert (goal_one.end_date, goal_one.end_reason) == (
            dt.date(2026, 1, 15),
            "Mads går i skole hver dag.",
        )
        order = session.scalars(select(Order)).one()
        assert (order.intervention_purpose, order.agreements, order.meeting_kind.value) == (
            "At Mads trives og går i skole.",
            "Møde hver måned.",
            "visitation",
        )
        assert (
            order.state is OrderState.RECEIVED
            and order.sender_organisation == "Randers Kommune, Børn og Familie"
        )
        citizen = session.scalars(select(Citizen)).one()
        assert (citizen.name, citizen.cpr, citizen.area.value) == ("Mads Testesen", "010215-4321", "children")
    assert set(bundle.pdfs) == {"pdf/bestilling.pdf"} and bundle.pdfs["pdf/bestilling.pdf"].startswith(
        b"%PDF-"
    )


def test_an_adult_ffb_order_keeps_its_ffb_codes(provider, provider_keys, tmp_path):
    unit = UnitFile.create(tmp_path / "voksen.fko", "Aarhus Kommune")
    try:
        member = staff.add_staff(unit, IMPORTER, name="Sara Sagsbehandler", initials="ss").value
        actor = staff.actor_for(member)
        citizen = citizens.create_citizen(
            unit,
            actor,
            name="Ib Voksen",
            cpr="120560-1234",
            area="adults",
            target_groups=["9b3fd322-a75a-4ed8-9b74-425fa1e01c95"],
        ).value
        orders.create_order(
            unit,
            actor,
            citizen.id,
            intervention_purpose="Ib bor godt.",
            support_need_code=SUPPORT_NEED_MODERATE,
            goals=[
                orders.GoalInput(
                    "Ib laver mad to gange om ugen.",
                    _first_ffb_domain(),
                    dt.date(2025, 3, 1),
                    baseline=3,
                    target=2,
                    goal_type_code="d41c8072-52f8-42b5-9375-ddbea454d27f",
                    related_themes=[_first_related_theme()],
                )
            ],
            services=[
                orders.ServiceInput(
                    "Længerevarende botilbud", legal_basis="SEL § 108", start_date=dt.date(2025, 3, 1)
                )
            ],
        )
        data = export(unit, actor, "order", citizen.id, provider_keys)
    finally:
        unit.close()
    apply_import(provider, importer(provider), reread(data, provider_keys))
    with provider.read() as session:
        goal = session.scalars(select(InterventionGoal)).one()
        assert (goal.domain_catalog, goal.domain_code, goal.goal_type_code) == (
            "ffb",
            _first_ffb_domain(),
            "d41c8072-52f8-42b5-9375-ddbea454d27f",
        )
        assert goal.related_themes == [_first_related_theme()]
        order = session.scalars(select(Order)).one()
        assert order.support_need_code == SUPPORT_NEED_MODERATE
        assert [(s.name, s.legal_basis, s.start_date) for s in order.services] == [
            ("Længerevarende botilbud", "SEL § 108", dt.date(2025, 3, 1))
        ]
        assert session.scalars(select(Citizen)).one().target_groups == [
            "9b3fd322-a75a-4ed8-9b74-425fa1e01c95"
        ]


def _first_ffb_domain() -> str:
    from fko_desktop.models.catalogs import load_catalog

    return load_catalog("ffb").set("goal_domains").selectable()[0].code


def _first_related_theme() -> str:
    from fko_desktop.models.catalogs import load_catalog

    return load_catalog("ffb").set("related_themes").selectable()[0].code


def test_status_goes_back_with_every_goal_status_and_follow_up_returns(
    authority, provider, provider_keys, authority_keys
):
    deliver_order(authority, provider, provider_keys)
    member = staff.add_staff(
        provider, importer(provider), name="Pia Pædagog", initials="pp", role="leder"
    ).value
    actor = staff.actor_for(member)
    with provider.read() as session:
        goals = session.scalars(select(InterventionGoal).order_by(InterventionGoal.position)).all()
    sub_goal = plans.add_sub_goal(
        provider, actor, goals[0].id, text="Mads står selv op.", start_date=dt.date(2025, 1, 20)
    ).value
    journal.add_note(
        provider,
        actor,
        sub_goal.id,
        text="Stod op selv.",
        score=2,
        observed_at=dt.datetime(2025, 3, 1, 8, tzinfo=CET),
    )
    recorded = [
        goal_status.record_goal_status(
            provider, actor, goals[0].id, score=2, summary="Bedre.", assessed_on=dt.date(2025, 4, 15)
        ),
        goal_status.record_goal_status(
            provider,
            actor,
            goals[0].id,
            score=1,
            summary="Meget bedre.",
            assessed_on=dt.date(2025, 7, 15),
            source_code=SOURCE_STAFF,
            citizen_score=NOT_ASSESSED,
            citizen_note="Mads synes det går fint.",
        ),
        goal_status.record_goal_status(
            provider,
            actor,
            goals[1].id,
            score=NOT_ASSESSED,
            summary="Ikke vurderet endnu.",
            assessed_on=dt.date(2025, 4, 15),
        ),
    ]
    goal_status.edit_goal_status(
        provider, actor, recorded[0].value.id, score=3, summary="Rettet: lidt dårligere."
    )
    # Bostedets vurdering goes with the status: per goal and for the whole, one corrected.
    period = {"period_from": dt.date(2025, 1, 15), "period_to": dt.date(2025, 7, 1)}
    answer = status_assessment.StatusAssessmentInput
    for done in ("Udkast.", "Fast morgenrutine og aftaler med skolen."):
        status_assessment.save_status_assessments(
            provider, actor, goals[0].citizen_id, **period,
            entries=[answer(goals[0].id, done=done, effect="Oftere i skole."),
                     answer(None, purpose="Indsatsen passer til formålet.")],
        )  # fmt: skip

    data = export(provider, actor, "status", goals[0].citizen_id, authority_keys, include_pdfs=True)
    bundle = reread(data, authority_keys)
    # The status goes back to whoever sent the order, recognised from the ledger.
    assert bundle.manifest.recipient.uid == unit_party_of(authority.unit).uid
    assert set(bundle.pdfs) == {"pdf/status.pdf"}
    result = apply_import(authority.unit, authority.actor, bundle).value
    assert result.created >= 4  # three statuses and the sub-goal (plus nothing else new)

    def statuses(unit):
        with unit.read() as session:
            return sorted(
                (
                    s.uid,
                    s.period,
                    s.score,
                    s.summary,
                    s.source_code,
                    s.citizen_score,
                    s.citizen_note,
                    s.version,
                    session.get(InterventionGoal, s.goal_id).uid,
                )
                for s in session.scalars(select(GoalStatus))
            )

    assert statuses(authority.unit) == statuses(provider)
    assert len(statuses(authority.unit)) == 3

    def assessments(unit):
        with unit.read() as session:
            return sorted(
                (a.uid, a.period_from, a.period_to, a.done, a.effect, a.purpose, a.version,
                 session.get(InterventionGoal, a.goal_id).uid if a.goal_id else None)
                for a in session.scalars(select(StatusAssessment))
            )  # fmt: skip

    assert assessments(authority.unit) == assessments(provider)
    assert [(a[3], a[6]) for a in assessments(provider) if a[7]] == [
        ("Fast morgenrutine og aftaler med skolen.", 2)
    ]
    with authority.unit.read() as session:
        # Journal notes stay at the unit: a status carries the summary, not the diary.
        assert session.scalar(select(func.count()).select_from(JournalNote)) == 0

    follow_up.record_follow_up(
        authority.unit,
        authority.actor,
        authority.citizen.id,
        meeting_date=dt.date(2025, 8, 1),
        held=True,
        support_need_code=SUPPORT_NEED_MODERATE,
        intervention_status_code=CONTINUE,
        agreements="Fortsæt som nu.",
        assessments=[
            follow_up.AssessmentInput(
                authority.goals[0].id,
                AssessmentRole.CASEWORKER,
                score=1,
                note="Enig.",
                agrees_with_status=True,
            ),
            follow_up.AssessmentInput(authority.goals[0].id, AssessmentRole.CITIZEN, score=NOT_ASSESSED),
        ],
    )
    data = export(authority.unit, authority.actor, "followup", authority.citizen.id, provider_keys)
    apply_import(provider, importer(provider), reread(data, provider_keys))
    view = transfer_view(provider, goals[0].citizen_id)["follow_ups"]
    assert transfer_view(authority.unit, authority.citizen.id)["follow_ups"] == view
    [meeting] = view
    assert (meeting["agreements"], meeting["support_need_code"], meeting["intervention_status_code"]) == (
        "Fortsæt som nu.",
        SUPPORT_NEED_MODERATE,
        CONTINUE,
    )
    assert sorted((a["role"], a["score"]) for a in meeting["assessments"]) == [
        ("caseworker", 1),
        ("citizen", "ikke_vurderet"),
    ]


def unit_party_of(unit: UnitFile) -> Party:
    with unit.read() as session:
        return unit_party(session)


def build_history(provider: UnitFile, authority, provider_keys) -> tuple[int, object]:
    """A citizen with some of everything at the provider: the world a transfer must move."""
    deliver_order(authority, provider, provider_keys)
    member = staff.add_staff(
        provider, importer(provider), name="Pia Pædagog", initials="pp", role="leder"
    ).value
    actor = staff.actor_for(member)
    with provider.read() as session:
        goals = session.scalars(select(InterventionGoal).order_by(InterventionGoal.position)).all()
        citizen_id = goals[0].citizen_id
    citizens.set_contacts(
        provider, actor, citizen_id, [citizens.ContactInput("guardian", "Mor Testesen", "Mor", "12345678")]
    )
    plan = plans.create_plan(
        provider, actor, citizen_id, order_id=goals[0].order_id, background="Kom fra plejefamilie."
    ).value
    plans.set_plan_context(
        provider, actor, plan.id, "familieforhold", resources_and_challenges="God kontakt til mor."
    )
    sub_goal = plans.add_sub_goal(
        provider,
        actor,
        goals[0].id,
        text="Mads står selv op.",
        start_date=dt.date(2025, 1, 20),
        method="Vækkeur.",
    ).value
    plans.add_sub_goal_evaluation(
        provider, actor, sub_goal.id, evaluated_on=dt.date(2025, 3, 1), text="Går godt."
    )
    edited = journal.add_note(
        provider,
        actor,
        sub_goal.id,
        text="Første tekst.",
        score=3,
        observed_at=dt.datetime(2025, 2, 1, 8, tzinfo=CET),
    ).value
    journal.edit_note(provider, actor, edited.id, text="Rettet tekst.", score=2)
    gone = journal.add_note(
        provider,
        actor,
        sub_goal.id,
        text="Skrevet på forkert barn.",
        observed_at=dt.datetime(2025, 2, 2, 8, tzinfo=CET),
    ).value
    journal.withdraw_note(provider, actor, gone.id, reason="Forkert borger.")
    journal.add_note(
        provider, actor, sub_goal.id, text="Uden score.", observed_at=dt.datetime(2025, 2, 3, 8, tzinfo=CET)
    )
    journal.add_diary_note(
        provider,
        actor,
        citizen_id,
        text="Glad dag.",
        tags=[("specialsektoren", "familieforhold")],
        observed_at=dt.datetime(2025, 2, 4, 18, tzinfo=CET),
    )
    goal_status.record_goal_status(
        provider, actor, goals[0].id, score=2, summary="Bedre.", assessed_on=dt.date(2025, 4, 15)
    )
    follow_up.record_follow_up(
        provider,
        actor,
        citizen_id,
        meeting_date=dt.date(2025, 8, 1),
        today=dt.date(2025, 7, 1),  # planned ahead, in the story's time
        agenda_points="Skoleskift.",
        assessments=[follow_up.AssessmentInput(goals[0].id, AssessmentRole.PROVIDER, score=2)],
    )
    with provider.write(actor) as session:
        session.add(
            UseOfForce(
                citizen_id=citizen_id,
                kind=UseOfForceKind.REPORT,
                occurred_on=dt.date(2025, 2, 5),
                occurred_time=dt.time(14, 5),
                measure_code="fastholdelse",
                duration_minutes=3,
                participants="AH og KL",
                prevention_tried="Afledning og en rolig stemme.",
                description="Fastholdt kortvarigt.",
                reported_on=dt.date(2025, 2, 6),
                reported_to="Kommunen",
            )
        )
    status_assessment.save_status_assessments(
        provider, actor, citizen_id, period_from=dt.date(2025, 1, 15), period_to=dt.date(2025, 3, 1),
        entries=[status_assessment.StatusAssessmentInput(None, done="Tryg start.")],
    )  # fmt: skip
    return citizen_id, actor


def test_transfer_moves_the_whole_history(authority, provider, provider_keys, tmp_path):
    citizen_id, actor = build_history(provider, authority, provider_keys)
    new_home = UnitFile.create(tmp_path / "nyt-sted.fko", "Bostedet Nyt Sted")
    new_keys = make_keys(tmp_path, "nyt-sted")
    try:
        data = export(provider, actor, "transfer", citizen_id, new_keys)
        result = apply_import(new_home, importer(new_home), reread(data, new_keys)).value
        with new_home.read() as session:
            [moved] = session.scalars(select(Citizen)).all()
            note = session.scalars(select(JournalNote).where(JournalNote.text == "Rettet tekst.")).one()
            assert (note.version, note.score) == (2, 2)
            # The author moves by name, as a staff entry of the new unit that cannot write.
            author = session.get(StaffMember, note.author_id)
            assert (author.name, author.initials, author.active) == ("Pia Pædagog", "PP", False)
        before, after = transfer_view(provider, citizen_id), transfer_view(new_home, moved.id)
        assert after == before  # every record, field, version, withdrawal and kept earlier text
        assert [v["data"]["text"] for n in after["journal_notes"] for v in n["legal"]["earlier"]] == [
            "Første tekst."
        ]
        assert result.created == 1 + 1 + 2 + 1 + 1 + 3 + 1 + 1 + 1 + 1 + 1 + 1  # fmt: skip
        # A second import of the same transfer changes nothing.
        again = apply_import(new_home, importer(new_home), reread(data, new_keys)).value
        assert (again.created, again.changed) == (0, 0)
        assert transfer_view(new_home, moved.id) == after
    finally:
        new_home.close()


def test_a_second_import_changes_nothing_and_each_is_audited(authority, provider, provider_keys):
    bundle, _ = deliver_order(authority, provider, provider_keys)
    with provider.read() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
        assert session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == "bundle_import")
        ).all() == ["bundle_import"]
        assert session.scalars(select(BundleReceipt.direction)).all() == ["import"]
    before = provider.path.read_bytes()
    again = apply_import(provider, importer(provider), bundle).value
    assert again.lines[-1].startswith("Bundtet er allerede indlæst")
    with provider.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
    assert provider.path.read_bytes() == before
    with authority.unit.read() as session:
        exported = session.scalars(select(AuditEvent).where(AuditEvent.action == "bundle_export")).one()
        assert (
            exported.details["bundle_id"] == bundle.bundle_id and exported.citizen_id == authority.citizen.id
        )


def test_a_revised_order_replaces_the_earlier_one(authority, provider, provider_keys):
    deliver_order(authority, provider, provider_keys)
    revised = orders.create_order(
        authority.unit,
        authority.actor,
        authority.citizen.id,
        replaces_order_id=authority.order_id,
        intervention_purpose="Ny plan.",
        goals=[
            orders.GoalInput(
                "Mads har to venner.", "fritid_og_venskaber", dt.date(2025, 9, 1), baseline=2, target=1
            )
        ],
    ).value
    data = export(
        authority.unit, authority.actor, "order", authority.citizen.id, provider_keys, order_id=revised.id
    )
    bundle = reread(data, provider_keys)
    with provider.read() as session:
        assert any("erstattet" in line for line in plan_import(session, bundle).lines())
    apply_import(provider, importer(provider), bundle)
    with provider.read() as session:
        states = {
            o.intervention_purpose: (o.state, o.replaces_order_id) for o in session.scalars(select(Order))
        }
        first_id = session.scalars(
            select(Order.id).where(Order.intervention_purpose == "At Mads trives og går i skole.")
        ).one()
    assert states == {
        "At Mads trives og går i skole.": (OrderState.REPLACED, None),
        "Ny plan.": (OrderState.RECEIVED, first_id),
    }


def test_conflicting_edits_are_refused_never_overwritten(authority, provider, provider_keys):
    deliver_order(authority, provider, provider_keys)
    with provider.read() as session:
        local_goal = session.scalars(select(InterventionGoal).order_by(InterventionGoal.position)).first()
    member = staff.add_staff(
        provider, importer(provider), name="Pia Pædagog", initials="pp", role="leder"
    ).value
    orders.update_goal(
        provider,
        staff.actor_for(member),
        local_goal.id,
        orders.GoalInput(
            "Mads går i skole fem dage om ugen.",
            "skole_og_laering",
            local_goal.start_date,
            baseline=3,
            target=1,
        ),
    )
    orders.update_goal(
        authority.unit,
        authority.actor,
        authority.goals[0].id,
        orders.GoalInput(
            "Mads går i skole hver dag.", "skole_og_laering", local_goal.start_date, baseline=3, target=0
        ),
    )
    bundle = reread(
        export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys), provider_keys
    )
    with provider.read() as session:
        preview = plan_import(session, bundle)
    assert [line for line in preview.lines() if line.startswith("Konflikt")] == [
        "Konflikt: indsatsmål 1 »Mads går i skole hver dag.« (baseline 3, mål 0) er ændret både her "
        "og hos afsenderen siden sidste udveksling"
    ]
    before = provider.path.read_bytes()
    with pytest.raises(BundleError, match="^Bundtet er i konflikt med nyere lokale ændringer"):
        apply_import(provider, importer(provider), bundle)
    assert provider.path.read_bytes() == before
    apply_import(provider, importer(provider), bundle, ConflictPolicy.KEEP_LOCAL)
    with provider.read() as session:
        assert session.get(InterventionGoal, local_goal.id).text == "Mads går i skole fem dage om ugen."


def test_a_change_made_only_by_the_sender_is_applied(authority, provider, provider_keys):
    deliver_order(authority, provider, provider_keys)
    orders.update_goal(
        authority.unit,
        authority.actor,
        authority.goals[1].id,
        orders.GoalInput(
            "Mads har to faste venner.", "fritid_og_venskaber", dt.date(2025, 1, 15), baseline=2, target=1
        ),
    )
    bundle = reread(
        export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys), provider_keys
    )
    result = apply_import(provider, importer(provider), bundle).value
    assert (result.created, result.changed) == (0, 1)
    assert goal_rows(provider) == goal_rows(authority.unit)


def test_a_cpr_number_known_under_another_name_is_refused(authority, provider, provider_keys):
    member = staff.add_staff(
        provider, importer(provider), name="Pia Pædagog", initials="pp", role="leder"
    ).value
    citizens.create_citizen(
        provider, staff.actor_for(member), name="Helt Anden", cpr="010215-4321", area="children"
    )
    data = export(authority.unit, authority.actor, "order", authority.citizen.id, provider_keys)
    before = provider.path.read_bytes()
    with pytest.raises(BundleError) as refused:
        apply_import(provider, importer(provider), reread(data, provider_keys))
    assert str(refused.value) == (
        "CPR-nummeret 010215-XXXX tilhører »Helt Anden« i denne enhed, "
        "men bundtet kalder borgeren »Mads Testesen«; bundtet afvises."
    )
    assert provider.path.read_bytes() == before


def test_a_bundle_for_another_unit_is_refused(authority, provider, provider_keys, tmp_path):
    other = Party(name="Bostedet Andetsteds", uid="6f1c0a52-59a4-4a0c-9d1e-5d0b8f3f0a11")
    data = export(
        authority.unit, authority.actor, "order", authority.citizen.id, provider_keys, recipient=other
    )
    with provider.read() as session, pytest.raises(BundleError) as refused:
        plan_import(session, reread(data, provider_keys))
    assert (
        str(refused.value)
        == "Bundtet er til »Bostedet Andetsteds«, ikke til denne enhed (»Bostedet Egely«); bundtet afvises."
    )


def test_a_matching_citizen_typed_by_hand_is_recognised_by_cpr(authority, provider, provider_keys):
    member = staff.add_staff(
        provider, importer(provider), name="Pia Pædagog", initials="pp", role="leder"
    ).value
    local = citizens.create_citizen(
        provider, staff.actor_for(member), name="mads  testesen", cpr="0102154321", area="children"
    ).value
    bundle, result = deliver_order(authority, provider, provider_keys)
    assert any("genkendes på CPR-nummeret" in line for line in result.lines)
    with provider.read() as session:
        assert session.scalar(select(func.count()).select_from(Citizen)) == 1
        assert {g.citizen_id for g in session.scalars(select(InterventionGoal))} == {local.id}
    assert plain(bundle.content.citizen)["name"] == "Mads Testesen"
