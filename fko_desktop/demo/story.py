"""One citizen's story, start to end: timeline, profile, orders and goals, follow-ups, plan,
use of force, then journal notes, goal statuses, assessments, diary notes and Århus assessments,
in that order (``build`` below): each draws from the citizen's generator, so the order is part
of the output.
"""

from __future__ import annotations

import datetime as dt
import random

from fko_desktop.demo import texts
from fko_desktop.demo.aarhus import _Aarhus
from fko_desktop.demo.citizen import _fmt
from fko_desktop.demo.clock import _month_year, workday
from fko_desktop.demo.followups import _FollowUps
from fko_desktop.demo.goals import _Goals
from fko_desktop.demo.notes import _Notes
from fko_desktop.models import (
    Citizen,
    CitizenContact,
    Order,
    Plan,
    PlanContext,
    UseOfForce,
)
from fko_desktop.models.deadlines import next_follow_up
from fko_desktop.models.enums import (
    Area,
    ContactKind,
    MeetingKind,
    PlanState,
    UseOfForceKind,
)
from fko_desktop.models.schedule import add_months

#: Share of citizens who have been in the unit for the whole period (the rest move in later).
FULL_HISTORY_SHARE = 0.85


class _CitizenBuilder(_Goals, _FollowUps, _Notes, _Aarhus):
    # -- timeline ---------------------------------------------------------------------------

    def _timeline(self) -> None:
        rng, p = self.rng, self.p
        window_days = (p.last_day - p.window_start).days
        if self.index == 2 or window_days < 120:
            # A new measure: the first follow-up (three months in) is still ahead.
            first = max(p.window_start, p.last_day - dt.timedelta(days=rng.randint(30, 75)))
        elif rng.random() < FULL_HISTORY_SHARE:
            first = p.window_start + dt.timedelta(days=rng.randint(0, min(45, window_days // 4)))
        else:
            first = p._date_between(
                rng, p.window_start + dt.timedelta(days=46), p.last_day - dt.timedelta(days=90)
            )
        first = max(p.window_start, workday(first))
        self.meeting0 = first
        self.received0 = min(workday(first + dt.timedelta(days=rng.randint(2, 12))), p.last_day)
        self.intake = min(self.received0 + dt.timedelta(days=rng.randint(0, 7)), p.last_day)

        held: list[dt.date] = []
        last: dt.date | None = None
        upcoming: dt.date | None
        while True:
            planned = next_follow_up(self.area, measure_start=self.intake, last_follow_up=last)
            actual = workday(planned + dt.timedelta(days=rng.randint(-10, 10)))
            if actual > p.last_day:
                upcoming = actual if actual > p.today else p.today + dt.timedelta(days=rng.randint(3, 20))
                break
            held.append(actual)
            last = actual

        self.end_date: dt.date | None = None
        self.end_index: int | None = None
        eligible = [i for i, day in enumerate(held) if i >= 1 and day <= p.last_day - dt.timedelta(days=60)]
        if self.index != 2 and eligible and rng.random() < 0.12:
            self.end_index = rng.choice(eligible)
            held = held[: self.end_index + 1]
            self.end_date = held[-1] + dt.timedelta(days=rng.randint(14, 45))
            upcoming = None
        self.held = held
        self.upcoming = upcoming
        self.limit = self.end_date or p.last_day  # the last day anything happens

        # Orders: the first at intake, a revised one at the first follow-up a year or more on.
        self.order_dates: list[tuple[dt.date, dt.date, MeetingKind]] = [
            (self.meeting0, self.received0, MeetingKind.VISITATION)
        ]
        for i, day in enumerate(held):
            if i == self.end_index:
                break
            if (day - self.order_dates[-1][0]).days >= 330:
                received = min(workday(day + dt.timedelta(days=rng.randint(3, 12))), p.last_day)
                self.order_dates.append((day, received, MeetingKind.ANNUAL))

    # -- profile ----------------------------------------------------------------------------

    def _profile(self) -> Citizen:
        rng, p = self.rng, self.p
        self.gender = rng.choice("mf")
        first, surname = p._name(rng, self.gender, young=self.children)
        self.first, self.surname = first, surname
        if self.children:
            lo, hi = max(2008, self.intake.year - 17), min(2020, self.intake.year - 6)
            if lo > hi:
                lo, hi = self.intake.year - 17, self.intake.year - 6
        else:
            lo, hi = max(1960, p.today.year - 64), min(2004, self.intake.year - 18)
            if lo > hi:
                lo, hi = p.today.year - 64, self.intake.year - 18
        year = rng.randint(lo, hi)
        self.born = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        cpr = p._cpr(rng, self.born, self.gender)
        self.municipality = rng.choice(texts.MUNICIPALITIES)
        paying = self.municipality if rng.random() < 0.85 else rng.choice(texts.MUNICIPALITIES)
        cw_first, cw_surname = p._name(rng, rng.choice("mf"))
        self.caseworker = f"{cw_first} {cw_surname}"
        self.department = rng.choice(texts.DEPARTMENTS[self.area])
        self.fixed: dict[str, str] = {"navn": first, **texts.PRONOUNS[self.gender]}
        if self.children:
            parent_word = rng.choice(texts.CHILD_PARENTS)
            self.fixed.update(
                foraelder=parent_word,
                foraelder_voksen="sin " + parent_word,
                aktivitet=rng.choice(texts.CHILD_ACTIVITIES),
                arbejdssted="skolen",
                sengetid=texts.BEDTIMES[min(3, max(0, (self.intake.year - year - 6) // 3))],
            )
            diagnoses = rng.choice(texts.CHILD_DIAGNOSES)
            target_groups: list[str] = []
            wishes = rng.choice(texts.CHILD_WISHES)
        else:
            relative = rng.choice(texts.ADULT_RELATIVES)
            self.fixed.update(
                foraelder=relative.removeprefix("sin "),
                foraelder_voksen=relative,
                aktivitet=rng.choice(texts.ADULT_ACTIVITIES),
                arbejdssted=rng.choice(texts.WORKPLACES),
                sengetid="22.30",
            )
            diagnoses, group = rng.choice(texts.ADULT_DIAGNOSES)
            target_groups = [self.codes.target_groups[group]]
            wishes = rng.choice(texts.ADULT_WISHES)
        self.diagnoses = diagnoses
        department_kind = "Børne- og Familieafdelingen" if self.children else "Voksen- og Handicapafdelingen"
        self.caseworker_org = f"{self.municipality} Kommune, {department_kind}"

        # Contact persons from the staff (never the leader as primary), weights for authorship.
        staff = p.staff
        carers = staff[1:] if len(staff) > 1 else staff
        contacts = rng.sample(carers, 2 if len(carers) >= 2 and rng.random() < 0.7 else 1)
        self.primary = contacts[0]
        weights = []
        for member in staff:
            if member is contacts[0]:
                weights.append(4.0)
            elif member in contacts:
                weights.append(3.0)
            elif member is staff[0]:
                weights.append(0.15)
            else:
                weights.append(1.0)
        self.team = [member.id for member in staff]
        self.team_cum = []
        total = 0.0
        for weight in weights:
            total += weight
            self.team_cum.append(total)
        self.staff_names = {member.id: member.name for member in staff}

        citizen = Citizen(
            name=f"{first} {surname}",
            cpr=cpr,
            area=Area(self.area),
            department=self.department,
            intake_date=self.intake,
            end_date=self.end_date,
            caseworker_name=self.caseworker,
            caseworker_contact=self.caseworker_org,
            acting_municipality=self.municipality,
            paying_municipality=paying,
            diagnoses=diagnoses,
            wishes=_fmt(wishes, self.fixed, rng),
            target_groups=target_groups,
            created_at=p._at(self.received0, 10, 15),
            created_by_id=self.primary.id,
        )
        for position, member in enumerate(contacts):
            citizen.contacts.append(
                CitizenContact(
                    kind=ContactKind.CONTACT_PERSON,
                    name=member.name,
                    relation="Primær kontaktperson" if position == 0 else "Sekundær kontaktperson",
                    staff_id=member.id,
                )
            )
        if self.children:
            relations = [("Mor", "f"), ("Far", "m")]
            for relation, gender in relations[: rng.choice((1, 2, 2))]:
                parent_first, _ = p._name(rng, gender)
                citizen.contacts.append(
                    CitizenContact(
                        kind=ContactKind.GUARDIAN,
                        name=f"{parent_first} {surname}",
                        relation=relation,
                        email=_email(parent_first, surname),
                    )
                )
        else:
            relation = self.fixed["foraelder"].capitalize()
            kin_gender = "f" if relation in ("Mor", "Søster") else "m"
            kin_first, _ = p._name(rng, kin_gender)
            citizen.contacts.append(
                CitizenContact(
                    kind=ContactKind.NEXT_OF_KIN,
                    name=f"{kin_first} {surname}",
                    relation=relation,
                    email=_email(kin_first, surname),
                )
            )
            if rng.random() < 0.4:
                g_first, g_surname = p._name(rng, rng.choice("mf"))
                citizen.contacts.append(
                    CitizenContact(
                        kind=ContactKind.OTHER,
                        name=f"{g_first} {g_surname}",
                        relation="Værge",
                        email=_email(g_first, g_surname),
                    )
                )
        return citizen

    # -- plan, use of force, diary ----------------------------------------------------------

    def _plan(self, citizen: Citizen, orders: list[Order]) -> None:
        rng, p = self.rng, self.p
        extra = {
            **self.fixed,
            "foedselsaar": str(self.born.year),
            "afdeling": self.department,
            "indflytning": _month_year(self.intake),
            "diagnoser": self.diagnoses,
            "foraelder_stort": self.fixed["foraelder"].capitalize(),
            "barn": "dreng" if self.gender == "m" else "pige",
            "voksen": "mand" if self.gender == "m" else "kvinde",
        }
        created = min(self.intake + dt.timedelta(days=rng.randint(10, 30)), p.last_day)
        updated = None
        if len(self.order_dates) > 1:
            updated = p._at(
                min(self.order_dates[-1][1] + dt.timedelta(days=rng.randint(3, 14)), p.last_day), 12
            )
        plan = Plan(
            citizen_id=citizen.id,
            order_id=orders[-1].id,
            state=PlanState.ENDED if self.end_date else PlanState.ACTIVE,
            responsible_id=self.primary.id,
            background=_fmt(rng.choice(texts.PLAN_BACKGROUND[self.area]), extra, rng),
            purpose_unit_addition=_fmt(texts.PLAN_UNIT_ADDITION[self.area], extra, rng),
            purpose_citizen_addition=_fmt(texts.PLAN_CITIZEN_ADDITION[self.area], extra, rng),
            presentation=_fmt(texts.PLAN_PRESENTATION[self.area], extra, rng),
            earlier_interventions=texts.PLAN_EARLIER[self.area],
            use_of_force_prevention=_fmt(texts.PLAN_USE_OF_FORCE_PREVENTION, extra, rng)
            if self.children
            else None,
            created_at=p._at(created, 12, rng.randint(0, 59)),
            created_by_id=self.primary.id,
            updated_at=updated,
        )
        if self.children:
            chosen = set(rng.sample(self.codes.contexts, rng.randint(6, len(self.codes.contexts))))
            evaluated = (p.last_day - self.intake).days > 180
            for code in self.codes.contexts:  # catalog order
                if code not in chosen:
                    continue
                resources, support, goals, evaluation = texts.CONTEXT_TEXTS[code]
                plan.contexts.append(
                    PlanContext(
                        context_code=code,
                        resources_and_challenges=_fmt(resources, extra, rng),
                        support_need=_fmt(support, extra, rng),
                        goals_and_sub_goals=_fmt(goals, extra, rng),
                        evaluation=_fmt(evaluation, extra, rng) if evaluated else None,
                    )
                )
        self.session.add(plan)

    def _use_of_force(self, citizen: Citizen) -> None:
        rng, p = self.rng, self.p
        if not self.children or rng.random() >= 0.35:
            return
        for _ in range(rng.randint(1, 3)):
            day = p._date_between(rng, self.intake, self.limit)
            fill = {**self.fixed, "minutter": str(rng.choice((2, 3, 5, 8, 10, 15)))}
            # randrange draws as choice did, so the rest of the demo stays as it was.
            which = rng.randrange(len(texts.USE_OF_FORCE_REPORTS))
            # The details added later come from a generator of their own, for the same reason.
            own = random.Random(day.toordinal() * 7919 + citizen.id)
            self.session.add(
                UseOfForce(
                    citizen_id=citizen.id,
                    kind=UseOfForceKind.REPORT,
                    occurred_on=day,
                    occurred_time=dt.time(own.randint(7, 21), own.choice((0, 10, 20, 30, 40, 50))),
                    measure_code=texts.USE_OF_FORCE_REPORT_MEASURES[which],
                    duration_minutes=int(fill["minutter"]),
                    participants=f"{self.primary.initials} og en kollega",
                    prevention_tried=_fmt(own.choice(texts.USE_OF_FORCE_PREVENTION_TRIED), self.fixed, own),
                    description=_fmt(texts.USE_OF_FORCE_REPORTS[which], fill, rng),
                    reported_on=max(day, min(workday(day + dt.timedelta(days=1)), self.limit)),
                    reported_to=f"{self.municipality} Kommune og {texts.SOCIALTILSYN}",
                    created_at=p._at(day, 21, rng.randint(0, 59)),
                    created_by_id=self.primary.id,
                )
            )
            self.stats.use_of_force += 1
        if rng.random() < 0.4:
            start = p._date_between(rng, self.intake, self.limit)
            which = rng.randrange(len(texts.USE_OF_FORCE_PERMISSIONS))
            self.session.add(
                UseOfForce(
                    citizen_id=citizen.id,
                    kind=UseOfForceKind.PERMISSION,
                    measure_code=texts.USE_OF_FORCE_PERMISSION_MEASURES[which],
                    period_start=start,
                    period_end=add_months(start, 6),
                    review_date=add_months(start, 5),
                    description=_fmt(texts.USE_OF_FORCE_PERMISSIONS[which], self.fixed, rng),
                    reported_to=f"{self.municipality} Kommune",
                    created_at=p._at(start, 11, rng.randint(0, 59)),
                    created_by_id=p.staff[0].id,
                )
            )
            self.stats.use_of_force += 1

    # -- all of it --------------------------------------------------------------------------

    def build(self) -> None:
        self._timeline()
        citizen = self._profile()
        self._aarhus_schema(citizen)
        self.session.add(citizen)
        self.session.flush()
        plans = self._plan_goals()
        orders = self._orders(citizen, plans)
        held = self._follow_ups(citizen, orders, plans)
        self._plan(citizen, orders)
        self._use_of_force(citizen)
        self.session.flush()

        all_goals = [goal for goals in plans for goal in goals]
        rows = self._journal(citizen.id, all_goals)
        self.stats.journal_notes += len(rows)
        self.writer.journal.extend(rows)
        for goal in all_goals:
            self._goal_statuses(citizen.id, goal)
        self._assessments(citizen.id, held)
        self._diary(citizen.id)
        self._aarhus(citizen)  # last: its draws leave everything above as it was

        self.stats.citizens += 1
        if self.children:
            self.stats.children += 1
        else:
            self.stats.adults += 1
        if self.end_date is not None:
            self.stats.ended += 1


def _email(first: str, surname: str) -> str:
    ascii_name = f"{first}.{surname}".lower()
    for letter, replacement in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        ascii_name = ascii_name.replace(letter, replacement)
    return f"{ascii_name}@example.com"
