from quizzes.models.attempt import Attempt, Response, ResponseOption
from quizzes.models.question import AcceptedAnswer, Choice, Question
from quizzes.models.quiz import Quiz

__all__ = ["AcceptedAnswer", "Attempt", "Choice", "Question", "Quiz", "Response", "ResponseOption"]
