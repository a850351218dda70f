from django.urls import path

from lessons import views

app_name = "lessons"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("lessons/<slug:slug>/", views.LessonDetailView.as_view(), name="lesson"),
    path("lessons/<slug:lesson_slug>/<slug:slug>/", views.SectionDetailView.as_view(), name="section"),
]
