"""Factories for test data: consistent related objects, no fixtures files."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from lessons.models import Event, Lesson, Note, Section, Term


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
