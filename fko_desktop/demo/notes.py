"""What staff write about one citizen: daily journal notes (with a few later edits and one
withdrawal), quarterly goal statuses and diary notes. All of it goes to the bulk writer."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

from fko_desktop.demo import texts
from fko_desktop.demo.citizen import _CitizenBase, _Fill, _fmt, _Goal
from fko_desktop.demo.clock import DAY, _iso, _note_times
from fko_desktop.demo.tracks import _clamp_score
from fko_desktop.models import scores
from fko_desktop.models.schedule import goal_status_schedule

#: Journal notes per active sub-goal per week (before jitter). With four to five sub-goals
#: running per citizen this gives ~4,500 notes for a citizen with five years of history, and
#: 220k–280k notes for 60 citizens over 5 years.
NOTE_RATES = (3, 4, 4, 4, 5)
SCORED_SHARE = 0.70
NOT_ASSESSED_SHARE = 0.05


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class _Notes(_CitizenBase):
    """Journal notes, goal statuses and diary notes (``story._CitizenBuilder`` part)."""

    # -- journal ----------------------------------------------------------------------------

    def _journal(self, citizen_id: int, goals: list[_Goal]) -> list[tuple[Any, ...]]:
        rng, p = self.rng, self.p
        rows: list[tuple[Any, ...]] = []
        pre = self._pre
        not_assessed_texts = [pre(t) for t in texts.NOT_ASSESSED_TEXTS[self.area]]
        openers = {part: [pre(t) for t in options] for part, options in texts.OPENERS.items()}
        reactions = {mood: [pre(t) for t in options] for mood, options in texts.REACTIONS.items()}
        actions = [pre(t) for t in texts.ACTIONS]
        team, team_cum = self.team, self.team_cum
        team_total = team_cum[-1]
        moods = ("good", "good", "mid", "hard", "hard")
        writer = self.writer
        for goal in goals:
            track, theme = goal.track, goal.track.theme
            good, mid, hard = ([pre(t) for t in group] for group in (theme.good, theme.mid, theme.hard))
            observations = (good, good, mid, hard, hard)
            day_range = 5 if theme.weekdays_only else 7
            hours = theme.hours
            for sub, start, end in goal.subs:
                last = min(end or p.last_day, p.last_day)
                if last < start:
                    continue
                sub_id = sub.id
                rate = rng.choice(NOTE_RATES)
                monday = start - dt.timedelta(days=start.weekday())
                while monday <= last:
                    roll = rng.random()
                    n = rate + (1 if roll < 0.15 else -1 if roll < 0.3 else 0)
                    n = max(1, min(day_range, n))
                    for offset in sorted(rng.sample(range(day_range), n)):
                        day = monday + dt.timedelta(days=offset)
                        if day < start or day > last:
                            continue
                        a, b = rng.choice(hours)
                        hour = rng.randrange(a, b)
                        minute = rng.randrange(60)
                        latent = _clamp_score(track.level(day) + rng.gauss(0, 0.55))
                        kind = rng.random()
                        if SCORED_SHARE <= kind < SCORED_SHARE + NOT_ASSESSED_SHARE:
                            text = rng.choice(not_assessed_texts)
                            stored: int | None = scores.NOT_ASSESSED_STORAGE
                        else:
                            part = "morning" if hour < 11 else "day" if hour < 17 else "evening"
                            opener = rng.choice(openers[part])
                            body = rng.choice(observations[latent])
                            text = f"{opener} {body}" if opener else body
                            if rng.random() < 0.55:
                                text = f"{text} {rng.choice(reactions[moods[latent]])}"
                            if rng.random() < 0.45:
                                text = f"{text} {rng.choice(actions)}"
                            if kind < SCORED_SHARE:
                                stored = latent
                                goal.scores.append((day, latent))
                            else:
                                stored = None
                        if "{" in text:
                            text = text.format_map(_Fill({}, rng))
                        goal.note_days.append(day)
                        author = team[bisect.bisect_left(team_cum, rng.random() * team_total)]
                        observed, created = _note_times(day, hour, minute, rng.randint(3, 90))
                        rows.append(
                            (
                                writer.next_journal_id,
                                sub_id,
                                citizen_id,
                                observed,
                                author,
                                text,
                                stored,
                                created,
                                author,
                                1,
                                None,
                                None,
                                None,
                                None,
                                None,
                            )
                        )
                        writer.next_journal_id += 1
                    monday += dt.timedelta(days=7)
            goal.scores.sort()
            goal.note_days.sort()
        self._edit_and_withdraw(citizen_id, rows)
        return rows

    def _edit_and_withdraw(self, citizen_id: int, rows: list[tuple[Any, ...]]) -> None:
        """A few notes corrected afterwards (version 2 + the kept version) and one withdrawn."""
        rng, p = self.rng, self.p
        if len(rows) < 60:
            return
        picks = rng.sample(range(len(rows)), 3)
        for number, index in enumerate(picks):
            row = list(rows[index])
            note_id, author = row[0], row[4]
            details: dict[str, object]
            created = dt.datetime.fromisoformat(row[7])
            when = created + dt.timedelta(hours=rng.randint(1, 30))
            if when.date() > p.last_day:
                continue
            if number < 2:
                old_text, old_score = row[5], row[6]
                row[5] = f"{old_text} {_fmt(rng.choice(texts.EDIT_ADDITIONS), self.fixed, rng)}"
                row[9], row[10], row[11] = 2, _iso(when), author
                self.writer.versions.append(
                    {
                        "record_type": "journal_note",
                        "record_id": note_id,
                        "version": 1,
                        "data": {
                            "observed_at": dt.datetime.fromisoformat(row[3]).isoformat(),
                            "author_id": author,
                            "text": old_text,
                            "score": "ikke_vurderet"
                            if old_score == scores.NOT_ASSESSED_STORAGE
                            else old_score,
                        },
                        "saved_at": created,
                        "saved_by_id": author,
                        "replaced_at": when,
                        "replaced_by_id": author,
                    }
                )
                action, details = "edit", {"fields": ["text", "updated_at", "updated_by_id", "version"]}
                self.stats.edited += 1
            else:
                reason = rng.choice(texts.WITHDRAWAL_REASONS)
                row[12], row[13], row[14] = _iso(when), author, reason
                action, details = "withdraw", {"reason": reason}
                self.stats.withdrawn += 1
            rows[index] = tuple(row)
            self.writer.events.append(
                {
                    "at": when,
                    "actor_id": author,
                    "actor_name": self.staff_names[author],
                    "action": action,
                    "record_type": "journal_note",
                    "record_id": note_id,
                    "citizen_id": citizen_id,
                    "details": details,
                }
            )

    # -- goal status ------------------------------------------------------------------------

    def _goal_statuses(self, citizen_id: int, goal: _Goal) -> None:
        rng, p = self.rng, self.p
        last = min(goal.end or p.last_day, p.last_day)
        schedule = goal_status_schedule(goal.start, last)
        if goal.end is None and schedule and rng.random() < 0.2:
            # Not written yet: shows up as overdue on the deadline list.
            recent = [s for s in schedule if (p.today - s.due).days < 120]
            drop = min(len(recent), rng.choice((1, 1, 2)))
            if drop:
                schedule = schedule[:-drop]
        days = [day for day, _ in goal.scores]
        previous_due = goal.start
        previous_score: int | None = None
        for status in schedule:
            lo = bisect.bisect_right(days, previous_due)
            hi = bisect.bisect_right(days, status.due)
            window = [score for _, score in goal.scores[lo:hi]]
            notes = bisect.bisect_right(goal.note_days, status.due) - bisect.bisect_right(
                goal.note_days, previous_due
            )
            if window:
                mean = sum(window) / len(window)
                score: Any = _clamp_score(mean + rng.gauss(0, 0.25))
            else:
                mean = goal.track.level(status.due)
                score = _clamp_score(mean)
            if rng.random() < 0.02:
                score = scores.NOT_ASSESSED
            if previous_score is None:
                trend = "first"
            elif score is scores.NOT_ASSESSED:
                trend = "same"
            else:
                trend = "better" if score < previous_score else "worse" if score > previous_score else "same"
            if score is scores.NOT_ASSESSED:
                summary = (
                    _fmt(
                        "Målstatus kunne ikke vurderes i denne periode, fordi {navn} i længere tid "
                        "har været væk fra bostedet (ferie og sygdom). ",
                        self.fixed,
                        rng,
                    )
                    + f"Der er skrevet {notes} notater om delmålene."
                )
            else:
                summary = (
                    _fmt(rng.choice(texts.STATUS_TREND[trend]), self.fixed, rng)
                    + f" I perioden er der skrevet {notes} notater om delmålene, heraf "
                    f"{len(window)} med score"
                    + (f" (gennemsnit {_decimal(mean)})." if window else ".")
                    + " "
                    + _fmt(rng.choice(texts.STATUS_NEXT), self.fixed, rng)
                )
            assessed = status.due + dt.timedelta(days=rng.randint(-10, 4))
            assessed = max(goal.start + DAY, min(assessed, p.last_day))
            if self.children:
                source = rng.choices(
                    ("Medarbejder alene", "Medarbejder og pårørende alene", "Borger støttet af medarbejder"),
                    weights=(0.75, 0.1, 0.15),
                )[0]
            else:
                source = rng.choices(
                    ("Medarbejder alene", "Borger støttet af medarbejder"), weights=(0.6, 0.4)
                )[0]
            citizen_score = citizen_note = None
            if scores.is_numeric(score) and rng.random() < 0.2:
                citizen_score = max(0, min(4, score + rng.choice((-1, -1, 0, 0, 1))))
                citizen_note = _fmt(
                    rng.choice(texts.CITIZEN_STATUS_NOTES),
                    {**self.fixed, "label": goal.track.theme.label},
                    rng,
                )
            self.writer.statuses.append(
                {
                    "goal_id": goal.record.id,
                    "citizen_id": citizen_id,
                    "period": status.period,
                    "assessed_on": assessed,
                    "score": score,
                    "summary": summary,
                    "source_code": self.codes.source[source],
                    "citizen_score": citizen_score,
                    "citizen_note": citizen_note,
                    "version": 1,
                    "created_at": p._at(assessed, 14, rng.randint(0, 59)),
                    "created_by_id": self.primary.id,
                }
            )
            goal.statuses.append((assessed, score))
            self.stats.goal_statuses += 1
            previous_due = status.due
            if scores.is_numeric(score):
                previous_score = score

    def _diary(self, citizen_id: int) -> None:
        rng, p = self.rng, self.p
        writer = self.writer
        if self.children:
            catalog = "specialsektoren"
            keys = list(texts.CHILD_DIARY)
            tag_code = {key: key for key in keys}
            templates = texts.CHILD_DIARY
        else:
            catalog = "ffb"
            keys = list(texts.ADULT_DIARY)
            tag_code = self.codes.diary_themes
            templates = texts.ADULT_DIARY
        team, team_cum = self.team, self.team_cum
        last = min(self.limit, p.last_day)
        monday = self.intake - dt.timedelta(days=self.intake.weekday())
        while monday <= last:
            for offset in sorted(rng.sample(range(7), rng.choice((1, 2, 2, 3)))):
                day = monday + dt.timedelta(days=offset)
                if day < self.intake or day > last:
                    continue
                tags = rng.sample(keys, 2 if rng.random() < 0.25 else 1)
                text = self._pre(rng.choice(templates[tags[0]])) + rng.choice(texts.DIARY_TAILS)
                if "{" in text:
                    text = text.format_map(_Fill({}, rng))
                observed, created = _note_times(
                    day, rng.randrange(8, 22), rng.randrange(60), rng.randint(2, 60)
                )
                author = team[bisect.bisect_left(team_cum, rng.random() * team_cum[-1])]
                note_id = writer.next_diary_id
                writer.next_diary_id += 1
                writer.diary.append(
                    (
                        note_id,
                        citizen_id,
                        observed,
                        author,
                        text,
                        created,
                        author,
                        1,
                        None,
                        None,
                        None,
                        None,
                        None,
                    )
                )
                for tag in tags:
                    writer.tags.append((note_id, catalog, tag_code[tag]))
                self.stats.diary_notes += 1
            monday += dt.timedelta(days=7)
