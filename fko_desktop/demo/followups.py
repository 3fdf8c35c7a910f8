"""One citizen's follow-up meetings (held and upcoming) and the three voices' assessments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fko_desktop.demo import texts
from fko_desktop.demo.citizen import _CitizenBase, _fmt, _Goal
from fko_desktop.demo.clock import workday
from fko_desktop.demo.tracks import _clamp_score
from fko_desktop.models import Citizen, FollowUp, Order, scores
from fko_desktop.models.enums import AssessmentRole, FollowUpForm


class _FollowUps(_CitizenBase):
    """Follow-ups and their assessments (``story._CitizenBuilder`` part)."""

    # -- follow-ups -------------------------------------------------------------------------

    def _order_for(self, day: dt.date, orders: list[Order]) -> int:
        """The order a follow-up on ``day`` follows up: the latest one decided before it."""
        index = 0
        for k, (meeting, _, _) in enumerate(self.order_dates):
            if meeting < day:
                index = k
        return index

    def _follow_ups(
        self, citizen: Citizen, orders: list[Order], plans: list[list[_Goal]]
    ) -> list[tuple[FollowUp, list[_Goal], dt.date]]:
        rng, p = self.rng, self.p
        held: list[tuple[FollowUp, list[_Goal], dt.date]] = []
        for i, meeting in enumerate(self.held):
            k = self._order_for(meeting, orders)
            ending = i == self.end_index
            if self.children:
                form = rng.choices((FollowUpForm.MEETING, FollowUpForm.PHONE), weights=(0.85, 0.15))[0]
            else:
                form = rng.choices(
                    (FollowUpForm.MEETING, FollowUpForm.PHONE, FollowUpForm.WRITTEN),
                    weights=(0.6, 0.25, 0.15),
                )[0]
            goals = [g for g in plans[k] if g.start < meeting]
            level = sum(g.track.level(meeting) for g in goals) / len(goals) if goals else 2.0
            if ending:
                status = self.codes.end_refer_code if rng.random() < 0.5 else self.codes.end_code
                agreements = _fmt(texts.FOLLOW_UP_END_AGREEMENTS[self.area], self.fixed, rng)
            else:
                status = self.codes.continue_code
                agreements = _fmt(rng.choice(texts.FOLLOW_UP_AGREEMENTS[self.area]), self.fixed, rng)
            invitation = workday(meeting - dt.timedelta(days=rng.randint(44, 60)))
            follow_up = FollowUp(
                citizen_id=citizen.id,
                order_id=orders[k].id,
                meeting_date=meeting,
                form=form,
                invitation_date=invitation,
                report_sent_date=workday(meeting - dt.timedelta(days=rng.randint(16, 24))),
                caseworker_name=self.caseworker,
                support_need_code=None if self.children else self.codes.support_need_for(level),
                intervention_status_code=status,
                agreements=agreements,
                agenda_points=_fmt(rng.choice(texts.AGENDA_POINTS), self.fixed, rng)
                if rng.random() < 0.25
                else None,
                held=True,
                created_at=p._at(invitation, 10, rng.randint(0, 59)),
                created_by_id=self.primary.id,
            )
            self.session.add(follow_up)
            held.append((follow_up, goals, meeting))
        if self.upcoming is not None:
            meeting = self.upcoming
            invitation = workday(meeting - dt.timedelta(days=rng.randint(44, 60)))
            invited = invitation if invitation <= p.last_day else None
            report_due = meeting - dt.timedelta(days=14)
            report_sent = None
            if report_due < p.today and rng.random() < 0.5:
                report_sent = min(p.last_day, workday(report_due - dt.timedelta(days=rng.randint(2, 6))))
            registered = invited or (self.held[-1] if self.held else self.intake)
            self.session.add(
                FollowUp(
                    citizen_id=citizen.id,
                    order_id=orders[-1].id,
                    meeting_date=meeting,
                    form=FollowUpForm.MEETING,
                    invitation_date=invited,
                    report_sent_date=report_sent,
                    caseworker_name=self.caseworker,
                    held=False,
                    created_at=p._at(registered, 10, rng.randint(0, 59)),
                    created_by_id=self.primary.id,
                )
            )
            self.stats.follow_ups += 1
        self.session.flush()
        self.stats.follow_ups += len(held)
        return held

    def _assessments(self, citizen_id: int, held: list[tuple[FollowUp, list[_Goal], dt.date]]) -> None:
        rng, p = self.rng, self.p
        age_years = lambda day: (day - self.born).days // 365  # noqa: E731
        for follow_up, goals, meeting in held:
            created = p._at(meeting, 15, rng.randint(0, 59))
            for goal in goals:
                numeric = [s for on, s in goal.statuses if on <= meeting and scores.is_numeric(s)]
                provider = numeric[-1] if numeric else _clamp_score(goal.track.level(meeting))
                agrees = rng.random() < 0.85
                caseworker = provider if agrees else max(0, min(4, provider + rng.choice((-1, 1))))
                if self.children and age_years(meeting) < 10 and rng.random() < 0.4:
                    citizen_score: Any = scores.NOT_ASSESSED
                else:
                    citizen_score = max(0, min(4, provider + rng.choice((-1, -1, 0, 0, 0, 1))))
                citizen_source = rng.choice(
                    ("Borger", "Borger støttet af medarbejder", "Borger støttet af pårørende")
                    if self.children
                    else ("Borger", "Borger", "Borger støttet af medarbejder")
                )
                voices = (
                    (
                        AssessmentRole.CITIZEN,
                        citizen_source,
                        citizen_score,
                        _fmt(rng.choice(texts.CITIZEN_ASSESSMENT_NOTES), self.fixed, rng)
                        if rng.random() < 0.5
                        else None,
                        None,
                    ),
                    (AssessmentRole.PROVIDER, "Udfører", provider, None, None),
                    (
                        AssessmentRole.CASEWORKER,
                        "Sagsbehandler",
                        caseworker,
                        None if agrees else _fmt(rng.choice(texts.CASEWORKER_DISAGREE), self.fixed, rng),
                        agrees,
                    ),
                )
                for role, source, score, note, agreement in voices:
                    self.writer.assessments.append(
                        {
                            "follow_up_id": follow_up.id,
                            "goal_id": goal.record.id,
                            "citizen_id": citizen_id,
                            "role": role,
                            "source_code": self.codes.source[source],
                            "score": score,
                            "note": note,
                            "agrees_with_status": agreement,
                            "version": 1,
                            "created_at": created,
                            "created_by_id": self.primary.id,
                        }
                    )
                    self.stats.follow_up_assessments += 1
