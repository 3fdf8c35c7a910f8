"""One citizen's orders, intervention goals, sub-goals and sub-goal evaluations."""

from __future__ import annotations

import datetime as dt

from fko_desktop.demo import texts
from fko_desktop.demo.citizen import _CitizenBase, _fmt, _Goal
from fko_desktop.demo.clock import DAY
from fko_desktop.demo.themes import Theme
from fko_desktop.demo.tracks import Track, _clamp_score, _continue_track, _new_track
from fko_desktop.models import (
    Citizen,
    InterventionGoal,
    Order,
    OrderService,
    SubGoal,
    SubGoalEvaluation,
)
from fko_desktop.models.enums import OrderState, SubGoalState
from fko_desktop.models.schedule import goal_status_schedule

#: Share of goals worked on through two sub-goals at once (else one).
TWO_SLOT_SHARE = 0.85


class _Goals(_CitizenBase):
    """The goals of every order, from blueprints to rows (``story._CitizenBuilder`` part)."""

    # -- goals ------------------------------------------------------------------------------

    def _pick_theme(self, used: list[Theme]) -> Theme:
        taken_domains = {t.domain for t in used}
        free = [t for t in self.themes if t.domain not in taken_domains and t not in used]
        if not free:
            free = [t for t in self.themes if t not in used] or list(self.themes)
        return self.rng.choice(free)

    def _goal_scores(self, track: Track, start: dt.date) -> tuple[int, int]:
        rng = self.rng
        baseline = _clamp_score(track.level(start) + rng.gauss(0, 0.25))
        if track.kind == "limit":
            return baseline, min(4, baseline + 1)
        if baseline == 0 or (track.kind == "maint" and baseline <= 1):
            return baseline, baseline
        step = 2 if baseline >= 3 and rng.random() < 0.35 else 1
        return baseline, max(0, baseline - step)

    def _plan_goals(self) -> list[list[_Goal]]:
        """The goals of every order, as blueprints (tracks carry on across orders)."""
        rng = self.rng
        span = (self.limit - self.intake).days + 1
        n = rng.choices((2, 3, 4), weights=(0.35, 0.55, 0.10))[0]
        tracks: list[Track] = []
        for _ in range(n):
            theme = self._pick_theme([t.theme for t in tracks])
            tracks.append(_new_track(rng, theme, self.intake, self.area, span))
        orders: list[list[_Goal]] = []
        starts = [self.intake] + [received for _, received, _ in self.order_dates[1:]]
        for k, start in enumerate(starts):
            if k > 0:
                previous = orders[-1]
                kept: list[Track] = []
                for goal in previous:
                    achieved = goal.track.level(start) <= goal.target + 0.3
                    if achieved and rng.random() < 0.5:
                        continue
                    kept.append(_continue_track(rng, goal.track, start, span))
                if len(kept) < 2 or (len(kept) < 3 and rng.random() < 0.3):
                    while len(kept) < rng.choice((2, 3)):
                        theme = self._pick_theme([t.theme for t in kept])
                        kept.append(_new_track(rng, theme, start, self.area, span))
                elif len(kept) > 3 and rng.random() < 0.6:
                    kept.pop()
                tracks = kept
            end = (starts[k + 1] - DAY) if k + 1 < len(starts) else self.end_date
            goals = []
            for track in tracks:
                baseline, target = self._goal_scores(track, start)
                goals.append(_Goal(track, start, end, baseline, target))
            orders.append(goals)
        return orders

    def _follow_up_after(self, day: dt.date) -> dt.date | None:
        for meeting in self.held:
            if meeting > day:
                return meeting
        return self.upcoming

    def _make_goal(self, goal: _Goal, order: Order, position: int, received: dt.date) -> InterventionGoal:
        rng, p = self.rng, self.p
        theme = goal.track.theme
        text = theme.maintenance if goal.target == goal.baseline else rng.choice(theme.goals)
        if self.children:
            catalog, domain = "ics", theme.domain
            goal_type = "udvikling" if goal.target < goal.baseline else "fastholdelse"
            related: list[str] = []
        else:
            catalog, domain = "ffb", self.codes.ffb_domain[theme.key]
            kind = (
                "dev" if goal.target < goal.baseline else "maint" if goal.target == goal.baseline else "limit"
            )
            goal_type = self.codes.ffb_goal_types[kind]
            related = [
                self.codes.related[name]
                for name in rng.sample(theme.related, rng.randint(0, min(2, len(theme.related))))
            ]
        orm = InterventionGoal(
            citizen_id=order.citizen_id,
            position=position,
            text=_fmt(text, self.fixed, rng),
            domain_catalog=catalog,
            domain_code=domain,
            goal_type_code=goal_type,
            baseline=goal.baseline,
            target=goal.target,
            start_date=goal.start,
            follow_up_date=self._follow_up_after(goal.start),
            end_date=goal.end,
            responsible_id=self.primary.id,
            related_themes=related,
            justification=_fmt(
                f"Ved mødet pegede {{navn}}, netværket og sagsbehandleren på {theme.label} som et "
                "område, hvor der er behov for en målrettet indsats.",
                self.fixed,
                rng,
            ),
            created_at=p._at(received, 11, rng.randint(0, 59)),
            created_by_id=self.primary.id,
        )
        order.goals.append(orm)
        goal.orm = orm
        self._make_sub_goals(goal)
        return orm

    def _make_sub_goals(self, goal: _Goal) -> None:
        rng, p = self.rng, self.p
        track, theme = goal.track, goal.track.theme
        goal_last = goal.end or p.last_day
        slots = 2 if rng.random() < TWO_SLOT_SHARE else 1
        position = 1
        for _ in range(slots):
            cursor = goal.start
            while cursor <= goal_last:
                length = rng.randint(120, 330)
                planned_end = cursor + dt.timedelta(days=length)
                final = planned_end >= goal_last - dt.timedelta(days=60)
                end = goal.end if final else planned_end
                template = theme.sub_goals[track.sub_counter[0] % len(theme.sub_goals)]
                track.sub_counter[0] += 1
                if end is None:
                    state = SubGoalState.ACTIVE
                elif track.level(end) < track.level(cursor) - 0.3:
                    state = SubGoalState.ACHIEVED
                else:
                    state = SubGoalState.ENDED
                text, justification, method = (_fmt(t, self.fixed, rng) for t in template)
                sub = SubGoal(
                    citizen_id=goal.record.citizen_id,
                    position=position,
                    text=text,
                    justification=justification,
                    method=method,
                    start_date=cursor,
                    end_date=end,
                    state=state,
                    responsible_id=self.primary.id,
                    created_at=p._at(
                        min(cursor + dt.timedelta(days=rng.randint(0, 6)), p.last_day), 13, rng.randint(0, 59)
                    ),
                    created_by_id=self.primary.id,
                )
                position += 1
                self._evaluations(sub, track, goal.start, cursor, end, state)
                goal.record.sub_goals.append(sub)
                goal.subs.append((sub, cursor, end))
                if final:
                    break
                cursor = planned_end + DAY

    def _evaluations(
        self,
        sub: SubGoal,
        track: Track,
        goal_start: dt.date,
        start: dt.date,
        end: dt.date | None,
        state: SubGoalState,
    ) -> None:
        rng, p = self.rng, self.p
        last = min(end or p.last_day, p.last_day)
        previous = start
        count = 0
        for status in goal_status_schedule(goal_start, last):
            due = status.due
            if due <= start or count >= 3 or rng.random() < 0.5:
                continue
            change = track.level(due) - track.level(previous)
            kind = "better" if change < -0.25 else "worse" if change > 0.3 else "same"
            self._evaluation(sub, due, kind)
            previous = due
            count += 1
        if end is not None and end <= p.last_day:
            self._evaluation(sub, end, "achieved" if state is SubGoalState.ACHIEVED else "ended")

    def _evaluation(self, sub: SubGoal, day: dt.date, kind: str) -> None:
        rng = self.rng
        sub.evaluations.append(
            SubGoalEvaluation(
                evaluated_on=day,
                text=_fmt(rng.choice(texts.EVALUATIONS[kind]), self.fixed, rng),
                created_at=self.p._at(day, 14, rng.randint(0, 59)),
                created_by_id=self.primary.id,
            )
        )

    # -- orders -----------------------------------------------------------------------------

    def _orders(self, citizen: Citizen, plans: list[list[_Goal]]) -> list[Order]:
        rng, p = self.rng, self.p
        orders: list[Order] = []
        last_index = len(self.order_dates) - 1
        for k, ((meeting, received, kind), goals) in enumerate(zip(self.order_dates, plans, strict=True)):
            if k < last_index:
                state = OrderState.REPLACED
            elif self.end_date is not None:
                state = OrderState.ENDED
            else:
                state = OrderState.ACCEPTED
            mean_level = sum(g.track.level(received) for g in goals) / len(goals)
            order = Order(
                citizen_id=citizen.id,
                meeting_date=meeting,
                meeting_kind=kind,
                received_date=received,
                sender_name=self.caseworker,
                sender_organisation=self.caseworker_org,
                intervention_purpose=_fmt(rng.choice(texts.ORDER_PURPOSES[self.area]), self.fixed, rng),
                agreements=_fmt(rng.choice(texts.ORDER_AGREEMENTS[self.area]), self.fixed, rng),
                other_needs=rng.choice(texts.ORDER_OTHER_NEEDS),
                support_need_code=None if self.children else self.codes.support_need_for(mean_level),
                state=state,
                replaces_order_id=orders[-1].id if orders else None,
                created_at=p._at(received, 9, rng.randint(0, 59)),
                created_by_id=self.primary.id,
            )
            name, legal_basis = rng.choice(texts.SERVICES[self.area])
            order.services.append(
                OrderService(
                    name=name,
                    legal_basis=legal_basis,
                    start_date=self.intake if k == 0 else received,
                    end_date=self.end_date if state is OrderState.ENDED else None,
                )
            )
            self.session.add(order)
            for position, goal in enumerate(goals, start=1):
                self._make_goal(goal, order, position, received)
            self.session.flush()
            orders.append(order)
            self.stats.orders += 1
            self.stats.goals += len(goals)
            self.stats.sub_goals += sum(len(g.subs) for g in goals)
        return orders
