"""The Århus schema assessment in the core: every factor of the child's schema scored, the
target set, corrected with the earlier version kept, withdrawn never deleted, the roles held,
the history chain intact; and what it gives the overview (one fact per factor per pair of
consecutive assessments), checked against facts written out by hand."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select

from fko_desktop.errors import PermissionDenied, ValidationError
from fko_desktop.models import RecordVersion, StaffMember
from fko_desktop.models import permissions as perms
from fko_desktop.models.aarhus_assessment import AarhusAssessment, AarhusFactorScore, AarhusKind
from fko_desktop.models.enums import StaffRole
from fko_desktop.models.scores import NOT_ASSESSED
from fko_desktop.ops import aarhus_assessment as aa
from fko_desktop.ops import citizens, staff, unit_settings
from fko_desktop.ops.aarhus_assessment import FactorInput
from fko_desktop.overview.aarhus_facts import load_aarhus_facts
from fko_desktop.overview.model import FactKind, GoalFact, StatusPoint
from fko_desktop.storage.integrity import inspect_unit_file
from tests.aarhus import FACTORS

DAY1, DAY2, DAY3 = dt.date(2025, 1, 20), dt.date(2025, 4, 22), dt.date(2025, 10, 20)


def all_factors(score=2, target=1, **overrides) -> list[FactorInput]:
    """Every factor scored ``score`` with ``target``; ``overrides`` give single factors theirs."""
    return [overrides.get(code, FactorInput(code, score, target)) for code in FACTORS]


def record(world, day=DAY1, factors=None, actor=None, **fields):
    return aa.record_aarhus_assessment(
        world.unit, actor or world.actor, world.citizen.id, assessed_on=day,
        factors=all_factors() if factors is None else factors, **fields,
    ).value  # fmt: skip


def stored(world, assessment_id):
    with world.unit.read() as session:
        assessment = session.get(AarhusAssessment, assessment_id)
        rows = {
            r.factor_code: r
            for r in session.scalars(
                select(AarhusFactorScore).where(AarhusFactorScore.assessment_id == assessment_id)
            )
        }
        return assessment, rows


def count(world, model) -> int:
    with world.unit.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_assessment_keeps_every_factor_with_the_three_voices(world):
    factors = all_factors(
        skoleforhold=FactorInput(
            "skoleforhold", 3, 2, note="Møder sjældent op.",
            child_score=1, child_note="Mads synes, det går fint.",
            parent_score=NOT_ASSESSED, parent_note="Mor vil ikke score.",
        ),
        kriminalitet=FactorInput("kriminalitet", "iv"),
    )  # fmt: skip
    made = record(world, factors=factors, participants="Sagsbehandler, kontaktperson, mor", note="Første.")
    assessment, rows = stored(world, made.id)
    assert (assessment.assessed_on, assessment.kind, assessment.outcome_schema.value) == (
        DAY1, AarhusKind.INTAKE, "boern_og_familie",
    )  # fmt: skip
    assert assessment.participants == "Sagsbehandler, kontaktperson, mor"
    assert set(rows) == set(FACTORS)
    school = rows["skoleforhold"]
    assert (school.score, school.target, school.note) == (3, 2, "Møder sjældent op.")
    assert (school.child_score, school.child_note) == (1, "Mads synes, det går fint.")
    assert (school.parent_score, school.parent_note) == (NOT_ASSESSED, "Mor vil ikke score.")
    assert (rows["kriminalitet"].score, rows["kriminalitet"].target) == (NOT_ASSESSED, None)


def test_the_kind_follows_the_cadence_and_the_next_due_date_with_it(world):
    assert aa.next_due([], world.citizen.intake_date, fallback=DAY1) == aa.NextDue(
        world.citizen.intake_date, AarhusKind.INTAKE
    )
    kinds = [record(world, day).kind for day in (DAY1, DAY2, DAY3)]
    assert kinds == [AarhusKind.INTAKE, AarhusKind.THREE_MONTHS, AarhusKind.FOLLOW_UP]
    assert aa.next_due([DAY1], None, fallback=DAY3) == aa.NextDue(
        dt.date(2025, 4, 20), AarhusKind.THREE_MONTHS
    )
    assert aa.next_due([DAY2, DAY1, DAY3], None, fallback=DAY3) == aa.NextDue(
        dt.date(2026, 4, 20), AarhusKind.FOLLOW_UP
    )


@pytest.mark.parametrize(
    ("factors", "fields", "message"),
    [
        (all_factors()[:-1], {}, "Giv »Kriminalitet« en score fra 0 til 4 eller »Ikke vurderet«"),
        (all_factors(kriminalitet=FactorInput("kriminalitet", None)), {}, "Giv »Kriminalitet« en score"),
        ([*all_factors(), FactorInput("misbrug", 1, 1)], {}, "»misbrug« er ikke en faktor i skemaet Børn"),
        ([*all_factors(), FactorInput("skoleforhold", 1, 1)], {}, "»Skoleforhold« er scoret to gange"),
        (all_factors(skoleforhold=FactorInput("skoleforhold", 2, 5)), {}, "Målet for »Skoleforhold«"),
        (all_factors(skoleforhold=FactorInput("skoleforhold", 2, "iv")), {}, "skal være et tal fra 0 til 4"),
        (all_factors(skoleforhold=FactorInput("skoleforhold", 2)), {}, "Sæt et mål (0–4) for »Skoleforhold«"),
        (all_factors(skoleforhold=FactorInput("skoleforhold", 7, 1)), {}, "fra 0 til 4"),
        (all_factors(), {"day": dt.date.today() + dt.timedelta(days=1)}, "kan ikke ligge i fremtiden"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_danish_and_nothing_is_stored(world, factors, fields, message):
    with pytest.raises(ValidationError) as refused:
        record(world, factors=factors, **fields)
    assert message in refused.value.message
    assert count(world, AarhusAssessment) == count(world, AarhusFactorScore) == 0


def test_only_a_child_with_a_schema_is_assessed_and_one_a_day(world):
    adult = citizens.create_citizen(
        world.unit, world.actor, name="Karl Voksen", cpr="010170-1235", area="adults"
    ).value
    with pytest.raises(ValidationError) as refused:
        aa.record_aarhus_assessment(
            world.unit, world.actor, adult.id, assessed_on=DAY1, factors=all_factors()
        )
    assert refused.value.message == aa.NOT_A_CHILD
    record(world)
    with pytest.raises(ValidationError, match="Der er allerede en Århus-vurdering den 20.01.2025"):
        record(world)


def test_a_correction_keeps_the_earlier_scores_and_a_withdrawal_keeps_everything(world):
    made = record(world)
    aa.correct_aarhus_assessment(
        world.unit, world.actor, made.id, assessed_on=DAY1, note="Rettet.",
        factors=all_factors(skoleforhold=FactorInput("skoleforhold", 3, 1, note="Rettet score.")),
    )  # fmt: skip
    assessment, rows = stored(world, made.id)
    assert (assessment.version, assessment.note) == (2, "Rettet.")
    assert (rows["skoleforhold"].version, rows["skoleforhold"].score) == (2, 3)
    # Only the factor that changed has a new version.
    assert {r.factor_code for r in rows.values() if r.version == 2} == {"skoleforhold"}
    with world.unit.read() as session:
        kept = session.scalars(
            select(RecordVersion).where(RecordVersion.record_type == "aarhus_factor_score")
        ).all()
    assert [(v.version, v.data["score"], v.data["note"]) for v in kept] == [(1, 2, None)]

    aa.withdraw_aarhus_assessment(world.unit, world.actor, made.id, reason="Forkert barn.")
    assessment, rows = stored(world, made.id)
    assert assessment.withdrawal_reason == "Forkert barn."
    assert all(r.withdrawn_at is not None for r in rows.values())
    with pytest.raises(ValidationError, match="tilbagetrukket"):
        aa.correct_aarhus_assessment(
            world.unit, world.actor, made.id, assessed_on=DAY1, factors=all_factors()
        )
    # The file refuses a delete by any other tool too.
    world.unit.close()
    connection = sqlite3.connect(world.unit.path)
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        connection.execute("DELETE FROM aarhus_factor_score")
    connection.close()


def test_writes_keep_the_history_chain_valid_and_a_direct_edit_is_found(world):
    made = record(world)
    aa.correct_aarhus_assessment(
        world.unit, world.actor, made.id, assessed_on=DAY1, factors=all_factors(3, 2)
    )
    record(world, DAY2)
    path = world.unit.path
    world.unit.close()
    assert inspect_unit_file(path, full=True).history_problem is None
    connection = sqlite3.connect(path)
    for trigger in ("aarhus_factor_score_versioned_update",):
        connection.execute(f"DROP TRIGGER {trigger}")
    connection.execute("UPDATE aarhus_factor_score SET score = 0 WHERE id = 1")
    connection.commit()
    connection.close()
    assert "Århus-faktorscore nr. 1" in (inspect_unit_file(path, full=True).history_problem or "")


def _member(world, initials, role=StaffRole.EMPLOYEE):
    member = staff.add_staff(world.unit, world.actor, name=f"Person {initials}", initials=initials, role=role)
    return staff.actor_for(member.value)


def test_a_colleague_corrects_only_as_a_leder_and_with_a_reason(world):
    bo, ea, lise = _member(world, "BB"), _member(world, "EE"), _member(world, "LL", StaffRole.LEADER)
    made = record(world, actor=bo)
    with pytest.raises(PermissionDenied) as refused:
        aa.correct_aarhus_assessment(world.unit, ea, made.id, assessed_on=DAY1, factors=all_factors(3, 2))
    assert refused.value.message == perms.OTHERS_NOTE
    with pytest.raises(PermissionDenied) as refused:
        aa.withdraw_aarhus_assessment(world.unit, ea, made.id, reason="Fejl.")
    assert refused.value.message == perms.OTHERS_NOTE
    with pytest.raises(PermissionDenied) as refused:
        aa.correct_aarhus_assessment(world.unit, lise, made.id, assessed_on=DAY1, factors=all_factors(3, 2))
    assert refused.value.message == perms.REASON
    assert stored(world, made.id)[1]["skoleforhold"].score == 2
    aa.correct_aarhus_assessment(
        world.unit, lise, made.id, assessed_on=DAY1, factors=all_factors(3, 2), reason="Aftalt på mødet."
    )
    assert stored(world, made.id)[1]["skoleforhold"].score == 3
    # Bo corrects his own without a reason.
    aa.correct_aarhus_assessment(world.unit, bo, made.id, assessed_on=DAY1, factors=all_factors(2, 2))
    assert stored(world, made.id)[1]["skoleforhold"].score == 2


def test_a_medarbejder_of_another_department_is_refused(world):
    unit_settings.set_unit_settings(world.unit, world.actor, departments=["Huset", "Haven"])
    citizens.update_citizen(world.unit, world.actor, world.citizen.id, department="Huset")
    other = staff.add_staff(world.unit, world.actor, name="Ulla Ude", initials="UU", department="Haven").value
    with world.unit.write(world.actor) as session:
        session.get(StaffMember, other.id).department_only = True
    with pytest.raises(PermissionDenied) as refused:
        record(world, actor=staff.actor_for(other))
    assert refused.value.message == perms.DEPARTMENT
    assert count(world, AarhusAssessment) == 0


# -- what the overview gets ---------------------------------------------------------------------


def fact(world, code, baseline, target, on, score, start) -> GoalFact:
    return GoalFact(
        kind=FactKind.AARHUS_FACTOR, unit_name="Enheden", citizen_key=str(world.citizen.id),
        department=world.citizen.department, area="children", catalog="aarhus", domain_code=code,
        domain_group=f"aarhus:{code}", goal_type=None, baseline=baseline, target=target,
        statuses=(StatusPoint(on, score),), start_date=start, end_date=None,
        goal_id=None, citizen_id=world.citizen.id, citizen_name="Mads Testesen",
        text=f"Århus-vurdering {on:%d.%m.%Y} mod {start:%d.%m.%Y}",
    )  # fmt: skip


def test_each_pair_of_consecutive_standing_assessments_gives_one_fact_per_factor(world):
    record(world, DAY1, all_factors(3, 1, kriminalitet=FactorInput("kriminalitet", 0, 0)))
    wrong = record(world, dt.date(2025, 3, 1), all_factors(4, 4))
    record(world, DAY2, all_factors(2, 1, kriminalitet=FactorInput("kriminalitet", "iv")))
    record(world, DAY3, all_factors(1, 1, kriminalitet=FactorInput("kriminalitet", 1, 0)))
    aa.withdraw_aarhus_assessment(world.unit, world.actor, wrong.id, reason="Dobbelt registreret.")
    with world.unit.read() as session:
        facts = load_aarhus_facts(session, unit_name="Enheden")
    expected = []
    for code in FACTORS:
        if code == "kriminalitet":
            expected += [
                fact(world, code, 0, 0, DAY2, NOT_ASSESSED, DAY1),
                fact(world, code, NOT_ASSESSED, None, DAY3, 1, DAY2),
            ]
        else:
            expected += [fact(world, code, 3, 1, DAY2, 2, DAY1), fact(world, code, 2, 1, DAY3, 1, DAY2)]
    key = lambda f: (f.domain_code, f.start_date)  # noqa: E731
    assert sorted(facts, key=key) == sorted(expected, key=key)


def test_no_assessment_or_a_single_one_gives_no_facts(world):
    with world.unit.read() as session:
        assert load_aarhus_facts(session, unit_name="Enheden") == []
    record(world)
    with world.unit.read() as session:
        assert load_aarhus_facts(session, unit_name="Enheden") == []
