"""Where each trainee stands on the workshop's course: for every tutorial of it, in
order, passed (the quiz, and the practical when staff confirmed it), started (the step
they reached) or not started. Staff see it beside the attendance on the roster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Certification, TutorialProgress
from kiosk.tutorials.library import Library


@dataclass(frozen=True)
class CourseStep:
    tutorial_id: str
    title_fr: str
    title_en: str
    steps: int  # the tutorial's steps (the quiz comes after the last)
    reached: int  # the step they will see next: 0 not started, ``steps`` at the quiz
    theory_at: datetime | None  # quiz passed
    practical_at: datetime | None  # practical confirmed by staff

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr

    @property
    def passed(self) -> bool:
        return self.theory_at is not None


def course_progress(
    session: Session, library: Library, member_id: str, course: Sequence[str]
) -> tuple[CourseStep, ...]:
    """The member's progress on each tutorial of *course*; a tutorial no longer in the
    library still shows, by its id, with no steps."""
    done = {
        c.tutorial: c
        for c in session.scalars(
            select(Certification).where(
                Certification.member_id == member_id, Certification.tutorial.in_(course)
            )
        )
    }
    reached = {
        p.tutorial: p.step
        for p in session.scalars(
            select(TutorialProgress).where(
                TutorialProgress.member_id == member_id, TutorialProgress.tutorial.in_(course)
            )
        )
    }
    out = []
    for tutorial_id in course:
        tutorial = library.tutorials.get(tutorial_id)
        steps = len(tutorial.steps) if tutorial else 0
        certification = done.get(tutorial_id)
        out.append(
            CourseStep(
                tutorial_id,
                tutorial.title.get("fr") if tutorial else tutorial_id,
                tutorial.title.get("en") if tutorial else tutorial_id,
                steps,
                min(reached.get(tutorial_id, 0), steps),
                certification.theory_at if certification else None,
                certification.practical_at if certification else None,
            )
        )
    return tuple(out)
