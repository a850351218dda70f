from django.urls import path

from quizzes.views import attempts, classes, progress, quizzes

app_name = "quizzes"

urlpatterns = [
    path("quizzes/", quizzes.QuizListView.as_view(), name="list"),
    path("quizzes/<slug:slug>/", quizzes.QuizDetailView.as_view(), name="quiz"),
    path("quizzes/<slug:slug>/start/", quizzes.AttemptStartView.as_view(), name="start"),
    path("attempts/<int:pk>/", attempts.AttemptView.as_view(), name="attempt"),
    path("attempts/<int:pk>/result/", attempts.AttemptResultView.as_view(), name="result"),
    path("progress/", progress.ProgressView.as_view(), name="progress"),
    path("progress/join-class/", classes.ClassJoinView.as_view(), name="join_class"),
]
