"""Factories for test data: consistent related objects, no fixtures files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from lessons.models import Event, Lesson, Note, Section, Term
from quizzes.models import (
    AcceptedAnswer,
    Accommodation,
    Attempt,
    Choice,
    ClassMembership,
    Question,
    Quiz,
    Response,
    ResponseOption,
    SchoolClass,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"student{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.LazyAttribute(lambda lesson: slugify(lesson.title))
    subtitle = "A subtitle"
    introduction = "An introduction paragraph.\n\nA second one."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    lesson = factory.SubFactory(LessonFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda section: f"Section title {section.number}")
    slug = factory.LazyAttribute(lambda section: slugify(section.title))
    body = "The first paragraph of the section.\n\nThe second paragraph mentions an ice pick."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    year = 1924
    date_label = factory.LazyAttribute(lambda event: str(event.year))
    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "Something happened."
    section = factory.SubFactory(SectionFactory)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    name = factory.Sequence(lambda n: f"Term{n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))
    definition = "What the term means."


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    section = factory.SubFactory(SectionFactory)
    passage = "ice pick"
    title = "Ice pick or ice axe?"
    body = "Most historians say ice axe."


def lesson_with_sections(count: int, **lesson_fields) -> tuple[Lesson, list[Section]]:
    """A lesson and its sections numbered 1..count, as a loaded essay has them."""
    lesson = LessonFactory(**lesson_fields)
    return lesson, [SectionFactory(lesson=lesson, number=number) for number in range(1, count + 1)]


# Quizzes ---------------------------------------------------------------------------------------


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.LazyAttribute(lambda quiz: slugify(quiz.title))
    description = "A quiz."
    section = factory.SubFactory(SectionFactory)
    is_published = True
    shuffle_choices = False


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question with choices "Right" (correct) and "Wrong"; other types via helpers below."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    quiz = factory.SubFactory(QuizFactory)
    order = factory.Sequence(lambda n: n)
    type = Question.Type.SINGLE
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    points = Decimal(1)
    explanation = "Because the essay says so."
    section = factory.LazyAttribute(lambda question: question.quiz.section)

    @factory.post_generation
    def choices(question, create, extracted, **kwargs):
        """`choices=[("Right", True), ("Wrong", False)]`; the default for choice types when not given."""
        if not create or question.type not in (Question.Type.SINGLE, Question.Type.MULTIPLE, Question.Type.TRUE_FALSE):
            return
        if extracted is None:
            extracted = (
                [("True", True), ("False", False)]
                if question.type == Question.Type.TRUE_FALSE
                else [
                    ("Right", True),
                    ("Wrong", False),
                ]
            )
        for order, (text, correct) in enumerate(extracted, start=1):
            Choice.objects.create(question=question, text=text, is_correct=correct, order=order)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Choice {n}")
    order = factory.Sequence(lambda n: n)


def short_text_question(quiz: Quiz, *accepted: str, **fields) -> Question:
    question = QuestionFactory(quiz=quiz, type=Question.Type.SHORT_TEXT, **fields)
    for text in accepted or ("Ramón Mercader",):
        AcceptedAnswer.objects.create(question=question, text=text)
    return question


def numeric_question(quiz: Quiz, value: str = "1940", tolerance: str = "0", **fields) -> Question:
    question = QuestionFactory(quiz=quiz, type=Question.Type.NUMERIC, **fields)
    AcceptedAnswer.objects.create(question=question, number=Decimal(value), tolerance=Decimal(tolerance))
    return question


def ordering_question(quiz: Quiz, *items: str, **fields) -> Question:
    """Items in the correct order."""
    question = QuestionFactory(quiz=quiz, type=Question.Type.ORDERING, points=Decimal(2), **fields)
    for order, text in enumerate(items or ("Lenin dies", "Trotsky is exiled", "Trotsky is killed"), start=1):
        Choice.objects.create(question=question, text=text, order=order)
    return question


def matching_question(quiz: Quiz, *pairs: tuple[str, str], **fields) -> Question:
    question = QuestionFactory(quiz=quiz, type=Question.Type.MATCHING, points=Decimal(2), **fields)
    default = (("Stalin", "Socialism in One Country"), ("Trotsky", "International revolution"))
    for order, (prompt, match) in enumerate(pairs or default, start=1):
        Choice.objects.create(question=question, text=prompt, match_text=match, order=order)
    return question


def quiz_with_every_type(**quiz_fields) -> Quiz:
    """A quiz with one question of each of the seven types, in this order:
    single, true/false, multiple, short text, numeric, ordering, matching."""
    quiz = QuizFactory(**quiz_fields)
    QuestionFactory(quiz=quiz, order=1)
    QuestionFactory(quiz=quiz, order=2, type=Question.Type.TRUE_FALSE)
    QuestionFactory(
        quiz=quiz,
        order=3,
        type=Question.Type.MULTIPLE,
        points=Decimal(2),
        choices=[("Turkey", True), ("France", True), ("Norway", True), ("Spain", False)],
    )
    short_text_question(quiz, "Ramón Mercader", "Mercader", order=4)
    numeric_question(quiz, "1929", order=5)
    ordering_question(quiz, order=6)
    matching_question(quiz, order=7)
    return quiz


class AttemptFactory(factory.django.DjangoModelFactory):
    """A bare attempt row. To get one with its questions presented, use quizzes.services.attempt_start."""

    class Meta:
        model = Attempt

    student = factory.SubFactory(UserFactory)
    quiz = factory.SubFactory(QuizFactory)
    number = factory.Sequence(lambda n: n + 1)
    started_at = factory.LazyFunction(timezone.now)


class SubmittedAttemptFactory(AttemptFactory):
    """A finished attempt with its result and no responses: for pages that list results.
    Give `percent` (and `started_at` when order matters); the rest follows."""

    state = Attempt.State.SUBMITTED
    percent = Decimal("50.00")
    max_score = Decimal("10.00")
    score = factory.LazyAttribute(lambda attempt: attempt.max_score * attempt.percent / 100)
    passed = factory.LazyAttribute(lambda attempt: attempt.percent >= attempt.quiz.pass_mark)
    submitted_at = factory.SelfAttribute("started_at")


def quiz_with_many_questions(count: int, **quiz_fields) -> Quiz:
    """A quiz of `count` questions cycling through the seven types, as quiz_with_every_type orders them."""
    quiz = QuizFactory(**quiz_fields)
    makers = [
        lambda order: QuestionFactory(quiz=quiz, order=order),
        lambda order: QuestionFactory(quiz=quiz, order=order, type=Question.Type.TRUE_FALSE),
        lambda order: QuestionFactory(
            quiz=quiz,
            order=order,
            type=Question.Type.MULTIPLE,
            choices=[("Turkey", True), ("France", True), ("Norway", True), ("Spain", False)],
        ),
        lambda order: short_text_question(quiz, "Ramón Mercader", order=order),
        lambda order: numeric_question(quiz, "1929", order=order),
        lambda order: ordering_question(quiz, order=order),
        lambda order: matching_question(quiz, order=order),
    ]
    for order in range(1, count + 1):
        makers[(order - 1) % len(makers)](order)
    return quiz


# Classes and graded attempts, for the reports --------------------------------------------------


class SchoolClassFactory(factory.django.DjangoModelFactory):
    """A class; `students=[...]` makes them members."""

    class Meta:
        model = SchoolClass
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Class {n}")
    teacher = factory.SubFactory(UserFactory, is_staff=True)

    @factory.post_generation
    def students(school_class, create, extracted, **kwargs):
        for student in extracted or ():
            ClassMembership.objects.create(school_class=school_class, student=student, joined_at=timezone.now())


def graded_attempt(
    quiz: Quiz,
    student,
    points: Sequence[Decimal | int | str],
    *,
    number: int = 1,
    started_at=None,
    submitted_at=None,
    ticked: dict[int, Sequence[str]] | None = None,
    typed: dict[int, str] | None = None,
) -> Attempt:
    """A submitted attempt whose responses earned `points`, one per question in the quiz's order.

    Rows written directly, not through the services, so a test states the marks it needs.
    `ticked` (question position, 1-based → choice texts) and `typed` (position → text) record
    what was answered; a response is correct when it earned the question's full points.
    """
    questions = list(quiz.questions.order_by("order", "pk"))
    earned = [Decimal(str(value)) for value in points]
    assert len(earned) == len(questions), "one mark per question"
    started_at = started_at or timezone.now()
    score, max_score = sum(earned, Decimal(0)), sum((q.points for q in questions), Decimal(0))
    percent = (score * 100 / max_score).quantize(Decimal("0.01"))
    attempt = Attempt.objects.create(
        student=student,
        quiz=quiz,
        number=number,
        state=Attempt.State.SUBMITTED,
        started_at=started_at,
        submitted_at=submitted_at or started_at + timedelta(minutes=12, seconds=5),
        score=score,
        max_score=max_score,
        percent=percent,
        passed=percent >= quiz.pass_mark,
    )
    for position, (question, mark) in enumerate(zip(questions, earned, strict=True), start=1):
        response = Response.objects.create(
            attempt=attempt,
            question=question,
            position=position,
            points=mark,
            is_correct=mark == question.points,
            text_answer=(typed or {}).get(position, ""),
        )
        chosen = set((ticked or {}).get(position, ()))
        for order, choice in enumerate(question.choices.all(), start=1):
            ResponseOption.objects.create(
                response=response, choice=choice, position=order, selected=choice.text in chosen
            )
    return attempt


# Accommodations ---------------------------------------------------------------------------------


class AccommodationFactory(factory.django.DjangoModelFactory):
    """Extra time or attempts for one student on one quiz; by default it changes nothing."""

    class Meta:
        model = Accommodation

    quiz = factory.SubFactory(QuizFactory)
    student = factory.SubFactory(UserFactory)
