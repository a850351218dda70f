"""The teacher's workbench in the Django admin, one module per concern."""

from quizzes.admin import attempts, classes, questions, quizzes, regrades

__all__ = ["attempts", "classes", "questions", "quizzes", "regrades"]
