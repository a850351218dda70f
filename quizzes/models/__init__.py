from quizzes.models.attempt import Attempt, Response, ResponseOption
from quizzes.models.classes import Accommodation, ClassMembership, SchoolClass
from quizzes.models.question import AcceptedAnswer, Choice, Question
from quizzes.models.quiz import Quiz
from quizzes.models.regrade import Regrade, RegradeChange

__all__ = [
    "AcceptedAnswer",
    "Accommodation",
    "Attempt",
    "Choice",
    "ClassMembership",
    "Question",
    "Quiz",
    "Regrade",
    "RegradeChange",
    "Response",
    "ResponseOption",
    "SchoolClass",
]
