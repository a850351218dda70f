"""Moodle's GIFT question format: `reading` turns a file into plain values, `writing` turns
questions back into GIFT; both are pure. `importing` is the service that writes a parsed
file into quizzes (it needs the ORM, so it is imported from its module, not from here).
"""

from quizzes.gift.reading import (
    ALL_OR_NOTHING,
    BLANK,
    FORMATS,
    HUNDRED,
    PAIRS,
    GiftChoice,
    GiftError,
    GiftParse,
    GiftQuestion,
    Skipped,
    category_name,
    parse_gift,
)
from quizzes.gift.writing import ExportQuestion, category_path, export_gift, question_to_export, quiz_as_gift

__all__ = [
    "ALL_OR_NOTHING",
    "BLANK",
    "FORMATS",
    "HUNDRED",
    "PAIRS",
    "ExportQuestion",
    "GiftChoice",
    "GiftError",
    "GiftParse",
    "GiftQuestion",
    "Skipped",
    "category_name",
    "category_path",
    "export_gift",
    "parse_gift",
    "question_to_export",
    "quiz_as_gift",
]
