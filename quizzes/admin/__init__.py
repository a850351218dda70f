"""The teacher's workbench in the Django admin, one module per concern."""

from quizzes.admin import attempts, questions, quizzes

__all__ = ["attempts", "questions", "quizzes"]
