"""Reading Moodle's GIFT question format into plain values.

Pure: no ORM, no request. `parse_gift` never raises: it returns every question it could
read, every block it skipped and every problem, each with a line number and the
question's title, so an import can show them all before it creates anything.

Reading follows Moodle's own reader, question/format/gift/format.php (`readquestion`):
blank lines separate questions; a line starting with // is a comment; `::title::`; a
`[html]`, `[markdown]`, `[plain]` or `[moodle]` format tag; the first `{` and first `}`
hold the answers, and text after the `}` makes a missing-word question ("_____");
`####` starts the general feedback, `#` an answer's feedback; `\\ \\~ \\= \\# \\{ \\} \\:`
and `\\n` are escapes. The type is decided as Moodle decides it: `{>…}` ordering (the
ordering question type's import_from_gift), `{#…}` numerical, any `~` multiple choice
(multiple answers when there is no `=`), `=` with `->` matching, T/TRUE/F/FALSE
true/false, anything else short answer.

Where this module is stricter than Moodle, on purpose, a teacher gets an error instead of
a surprise: an unknown `[tag]` on the question text (Moodle keeps it as text), an empty
answer, a weight above 100 % or below −100 %, a second pair of braces, a weight after
`=` in a multiple-choice question. What the site has no place for becomes a warning:
partial-credit weights, per-answer feedback on typed answers, Moodle's other ordering
grading methods. Essay (`{}`) and description (no braces) questions are skipped.

Points have no GIFT syntax; a `// [points:2]` comment line before a question gives them,
as quizzes/gift/writing.py writes them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from html.parser import HTMLParser

from quizzes import scoring
from quizzes.validation import AcceptedSpec, ChoiceSpec, answer_key_problems

FORMATS = ("moodle", "html", "plain", "markdown")
BLANK = "_____"
PAIRS, ALL_OR_NOTHING = "pairs", "all_or_nothing"
HUNDRED = Decimal(100)

_PHP_SPACE = " \t\n\r\0\x0b"  # what PHP's trim() removes, as Moodle trims each line
# Escaped characters stand in as Unicode noncharacters (reserved for internal use) while
# the text is split, exactly as Moodle swaps them for "&&058;"-style placeholders.
_PLACEHOLDER = {char: chr(0xFDD0 + n) for n, char in enumerate(":#={}~\n")}
_RESTORE = str.maketrans({value: key for key, value in _PLACEHOLDER.items()})
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_WEIGHT = re.compile(r"%(-?\d{1,9}(?:\.\d{0,9})?)%")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?")
_POINTS = re.compile(r"\[points:([^\]]*)\]")
_TAG = re.compile(r"\[([A-Za-z]+)\]")
_LARGEST = Decimal(10) ** 10  # AcceptedAnswer.number holds 14 digits, 4 after the point
_WIDE = Context(prec=50)

# The `{>N …}` header words of Moodle's ordering question type, in the order it reads them.
_ORDERING_WORDS = (
    {"ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG"},
    {"HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0"},
    {
        "ALL_OR_NOTHING",
        "ABSOLUTE_POSITION",
        "ABSOLUTE",
        "ABS",
        "RELATIVE_NEXT_EXCLUDE_LAST",
        "RELATIVE_NEXT_INCLUDE_LAST",
        "RELATIVE_ONE_PREVIOUS_AND_NEXT",
        "RELATIVE_ALL_PREVIOUS_AND_NEXT",
        "RELATIVE_TO_CORRECT",
        "RELATIVE",
        "REL",
        "LONGEST_ORDERED_SUBSET",
        "LONGEST_CONTIGUOUS_SUBSET",
    },
    {"SHOW", "TRUE", "YES", "1", "HIDE", "FALSE", "NO", "0"},
    {"none", "123", "abc", "ABCD", "iii", "IIII"},
)
# Counting, for every item, the items before and after it that belong there is the
# share of pairs in the right relative order: our "pairs" grading.
MOODLE_PAIRS_GRADING = "RELATIVE_ALL_PREVIOUS_AND_NEXT"


@dataclass(frozen=True)
class GiftChoice:
    """A choice, a matching pair (text → match) or an ordering item, in file order."""

    text: str
    correct: bool = False
    match: str = ""
    feedback: str = ""


@dataclass(frozen=True)
class GiftQuestion:
    line: int
    title: str  # the ::title::, or "" when there is none
    category: str  # from the last $CATEGORY: line, or ""
    prompt: str
    type: str  # one of scoring.ALL_TYPES
    points: Decimal = Decimal(1)
    choices: tuple[GiftChoice, ...] = ()
    accepted: tuple[AcceptedSpec, ...] = ()
    explanation: str = ""
    ordering_grading: str = PAIRS
    text_format: str = "moodle"
    warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.title or _first_words(self.prompt)


@dataclass(frozen=True)
class Skipped:
    line: int
    title: str
    reason: str


@dataclass(frozen=True)
class GiftError:
    line: int
    title: str
    message: str


@dataclass(frozen=True)
class GiftParse:
    questions: tuple[GiftQuestion, ...]
    skipped: tuple[Skipped, ...]
    errors: tuple[GiftError, ...]


def parse_gift(text: str) -> GiftParse:
    """Every question in a GIFT file, and every block skipped or wrong."""
    text = _NONCHARACTERS.sub("", text.removeprefix("\ufeff"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _FileReader()
    block: list[str] = []
    start = 1
    for number, line in enumerate(lines, start=1):
        stripped = line.strip(_PHP_SPACE)
        if stripped:
            if not block:
                start = number
            block.append(stripped)
        elif block:
            reader.read_block(start, block)
            block = []
    if block:
        reader.read_block(start, block)
    return GiftParse(tuple(reader.questions), tuple(reader.skipped), tuple(reader.errors))


def category_name(path: str) -> str:
    """The name a `$CATEGORY:` path ends with: `$course$/top/Section 2` gives "Section 2".

    Moodle writes a "/" inside a category's name as "//". A path that stops at Moodle's
    own levels (`$course$`, `top`) names no category, so it gives "".
    """
    parts = [part.replace("\0", "/").strip() for part in path.replace("//", "\0").split("/")]
    named = [part for part in parts if part]
    name = named[-1] if named else ""
    return "" if name.casefold() == "top" or (name.startswith("$") and name.endswith("$")) else name


class _FileReader:
    def __init__(self) -> None:
        self.category = ""
        self.questions: list[GiftQuestion] = []
        self.skipped: list[Skipped] = []
        self.errors: list[GiftError] = []

    def read_block(self, start: int, lines: list[str]) -> None:
        body = ["" if line.startswith("//") else line for line in lines]
        filled = [n for n, line in enumerate(body) if line]
        if not filled:
            return  # only comments
        first, last = filled[0], filled[-1]
        if body[first].startswith("$CATEGORY:"):
            self.category = _restore(_protect(body[first][len("$CATEGORY:") :])).strip()
            # Moodle would fold the following lines into the category's name; a teacher
            # who forgot the blank line after $CATEGORY: meant them as a question.
            if first < last:
                self.read_block(start + first + 1, lines[first + 1 :])
            return
        comments = "\n".join(line for line in lines if line.startswith("//"))
        block = _Block(start + first, _protect("\n".join(body[first : last + 1])), comments, self.category)
        result = block.read()
        if isinstance(result, GiftQuestion):
            self.questions.append(result)
        elif isinstance(result, Skipped):
            self.skipped.append(result)
        else:
            self.errors.extend(result)


class _Block:
    """One question's lines (comments blanked, escapes protected), read as Moodle reads them."""

    def __init__(self, line: int, text: str, comments: str, category: str):
        self.line, self.text, self.comments, self.category = line, text, comments, category
        self.label = ""
        self.format = "moodle"
        self.problems: list[GiftError] = []
        self.warnings: list[str] = []

    def line_at(self, position: int) -> int:
        return self.line + self.text.count("\n", 0, max(position, 0))

    def error(self, message: str, position: int = 0) -> None:
        self.problems.append(GiftError(self.line_at(position), self.label, message))

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def formatted(self, raw: str) -> str:
        return _formatted(raw, self.format)[0]

    def read(self) -> GiftQuestion | Skipped | list[GiftError]:
        text, title, offset = self.text, "", 0
        if text.startswith("::"):
            end = text.find("::", 2)
            if end == -1:
                self.warn("The title has no closing “::”, so this question has no title.")
                offset = 2
            else:
                title = " ".join(_restore(text[2:end]).split())
                offset = end + 2
                offset += len(text[offset:]) - len(text[offset:].lstrip(_PHP_SPACE))
        rest = text[offset:]
        opened, closed = rest.find("{"), rest.find("}")
        self.label = title or _first_words(_formatted(rest[: opened if opened >= 0 else len(rest)], "moodle")[0])

        if opened == -1 and closed == -1:
            return Skipped(self.line, self.label, "A description (text with no answers): this site has no such item.")
        if opened == -1:
            self.error("There is a “}” with no “{” before it. Write a literal brace as \\}.", offset + closed)
            return self.problems
        if closed == -1:
            self.error(
                "The answers start with “{” but never end with “}”. A blank line ends a question, "
                "so check for a blank line inside the braces.",
                offset + opened,
            )
            return self.problems
        if closed < opened:
            self.error("There is a “}” before the “{”. Write a literal brace as \\}.", offset + closed)
            return self.problems
        after = rest[closed + 1 :]
        stray = next((n for n, char in enumerate(after) if char in "{}"), None)
        if stray is not None:
            self.error(
                "A question has one set of answers in braces; write any other brace as \\{ or \\}.",
                offset + closed + 1 + stray,
            )
            return self.problems

        inside = rest[opened + 1 : closed]
        answers_at = offset + opened + 1 + len(inside) - len(inside.lstrip(_PHP_SPACE))
        answers = inside.strip(_PHP_SPACE)
        question_text = rest[:opened] if not after else rest[:opened] + BLANK + after
        general = ""
        separator = answers.rfind("####")
        if separator != -1:
            general, answers = answers[separator + 4 :], answers[:separator].strip(_PHP_SPACE)

        tag = _TAG.match(question_text)
        if tag and tag.group(1) not in FORMATS:
            self.error(
                f"Unknown text format “[{tag.group(1)}]”: use [markdown], [html], [plain] or [moodle], in lower case.",
                offset,
            )
        prompt, self.format = _formatted(question_text, "moodle")
        explanation = self.formatted(general)
        if self.format == "html":
            self.warn("HTML was turned into plain text: this site shows questions as plain text.")

        if answers.startswith(">"):
            kind, choices, accepted, grading = self.ordering(answers, answers_at)
        elif not answers:
            return Skipped(self.line, self.label, "An essay question ({}): this site has no essay questions.")
        elif answers.startswith("#"):
            kind, choices, accepted, grading = self.numeric(answers, answers_at)
        elif "~" in answers:
            kind, choices, accepted, grading = self.multiple_choice(answers, answers_at)
        elif "=" in answers and "->" in answers:
            kind, choices, accepted, grading = self.matching(answers, answers_at)
        elif answers.split("#", 1)[0].strip(_PHP_SPACE) in ("T", "TRUE", "F", "FALSE"):
            kind, choices, accepted, grading = self.true_false(answers)
        else:
            kind, choices, accepted, grading = self.short_answer(answers, answers_at)

        if not prompt:
            self.error("The question has no text.")
        points = self.points()
        if not self.problems:
            specs = [ChoiceSpec(c.text, c.correct, c.match) for c in choices]
            for problem in answer_key_problems(kind, specs, accepted):
                for message in problem.messages:
                    self.error(message, answers_at)
        if self.problems:
            return self.problems
        return GiftQuestion(
            line=self.line,
            title=title,
            category=self.category,
            prompt=prompt,
            type=kind,
            points=points,
            choices=tuple(choices),
            accepted=tuple(accepted),
            explanation=explanation,
            ordering_grading=grading,
            text_format=self.format,
            warnings=tuple(self.warnings),
        )

    def points(self) -> Decimal:
        found = _POINTS.findall(self.comments)
        if not found:
            return Decimal(1)
        raw = found[-1].strip()
        value = _decimal(raw)
        if value is None or not Decimal("0.01") <= value < 1000 or _places(value) > 2:
            self.error(f"“[points:{raw}]” must give a number of points from 0.01 to 999.99.")
            return Decimal(1)
        return value

    def split(self, text: str, at: int, markers: str) -> list[_Answer]:
        """Answers as Moodle splits them: at every unescaped marker; text before the first
        marker is an answer too when it is not blank. Weight, then `#feedback`."""
        pieces: list[tuple[str, int, int]] = []
        marker, start = "", 0
        for n, char in enumerate(text):
            if char in markers:
                pieces.append((marker, start, n))
                marker, start = char, n + 1
        pieces.append((marker, start, len(text)))
        answers = []
        for marker, start, end in pieces:
            content = text[start:end].strip(_PHP_SPACE)
            if not marker and not content:
                continue
            weight = None
            found = _WEIGHT.match(content)
            if found:
                weight = Decimal(found.group(1))
                content = content[found.end() :]
                if not -HUNDRED <= weight <= HUNDRED:
                    self.error(f"The weight {found.group(0)} must be between -100% and 100%.", at + start)
            answer, _, feedback = content.partition("#")
            if not answer.strip(_PHP_SPACE):
                self.error(f"An answer after “{marker}” is empty.", at + start)
            answers.append(_Answer(marker, weight, answer, feedback, at + start))
        return answers

    def multiple_choice(self, text: str, at: int) -> _Parsed:
        answers = self.split(text, at, "~=")
        single = any(answer.marker == "=" for answer in answers)
        weights: list[Decimal] = []
        for answer in answers:
            if answer.marker == "=" and answer.weight is not None:
                self.error(
                    "In a multiple-choice question “=” already marks the right answer: "
                    "put a weight after “~” instead, like ~%50%answer.",
                    answer.position,
                )
            weight = HUNDRED if answer.marker == "=" else answer.weight or Decimal(0)
            weights.append(weight)
            if single and 0 < weight < HUNDRED:
                self.warn(
                    f"Partial credit for “{self.formatted(answer.text)}” was dropped: "
                    "a single-choice question gives points for the right answer only."
                )
            elif single and weight < 0:
                self.warn(
                    f"The negative weight of “{self.formatted(answer.text)}” was dropped: a wrong answer scores 0."
                )
        correct = [weight >= HUNDRED if single else weight > 0 for weight in weights]
        if not single:
            if not any(correct):
                self.error(
                    "A multiple-answer question needs at least one answer with a positive weight, like ~%50%answer.", at
                )
            elif not _scores_like_this_site(weights, correct):
                self.warn(
                    "Partial-credit weights converted: positive weights count as correct, others as wrong. "
                    "Here each correct choice ticked earns 1/k of the points and each wrong one takes 1/k away "
                    "(k = the number of correct choices), never below 0."
                )
        choices = [
            GiftChoice(self.formatted(answer.text), is_correct, "", self.formatted(answer.feedback))
            for answer, is_correct in zip(answers, correct, strict=True)
        ]
        return (scoring.SINGLE if single else scoring.MULTIPLE), choices, [], PAIRS

    def true_false(self, text: str) -> _Parsed:
        answer, wrong, right = ([*text.split("#", 2), "", ""])[:3]
        is_true = answer.strip(_PHP_SPACE) in ("T", "TRUE")
        wrong, right = self.formatted(wrong), self.formatted(right)
        choices = [
            GiftChoice("True", is_true, "", right if is_true else wrong),
            GiftChoice("False", not is_true, "", wrong if is_true else right),
        ]
        return scoring.TRUE_FALSE, choices, [], PAIRS

    def short_answer(self, text: str, at: int) -> _Parsed:
        answers = self.split(text, at, "=")
        accepted = []
        for answer in answers:
            value = self.formatted(answer.text)
            if answer.weight is not None and answer.weight != HUNDRED:
                self.warn(
                    f"The {answer.weight.normalize():f}% answer “{value}” was dropped: "
                    "a short answer here earns full points or none."
                )
                continue
            accepted.append(AcceptedSpec(text=value))
            if "*" in value:
                self.warn(f"“{value}”: Moodle reads * as a wildcard; this site compares the whole answer.")
        if any(self.formatted(answer.feedback) for answer in answers):
            self.warn("Feedback on accepted answers was not kept: this site has none for typed answers.")
        if (
            len(answers) == 1
            and not answers[0].marker
            and answers[0].text.strip().casefold() in {"t", "true", "f", "false"}
        ):
            self.warn(
                "Moodle reads this as a short answer; for a true/false question write {T}, {TRUE}, {F} or {FALSE}."
            )
        return scoring.SHORT_TEXT, [], accepted, PAIRS

    def numeric(self, text: str, at: int) -> _Parsed:
        text, at = text[1:], at + 1
        tilde = text.find("~")
        if tilde != -1:
            if self.formatted(text[tilde:].partition("#")[2]):
                self.warn("Feedback for other answers (~#…) was not kept: this site has none for typed answers.")
            text = text[:tilde]
        answers = self.split(text, at, "=")
        if not answers:
            self.error("A number question needs a number after “{#”, like {#1940} or {#1940:5}.", at)
        accepted = []
        for answer in answers:
            value = _restore(answer.text).strip()
            if answer.weight is not None and answer.weight != HUNDRED:
                self.warn(
                    f"The {answer.weight.normalize():f}% answer “{value}” was dropped: "
                    "a number answer here earns full points or none."
                )
                continue
            if self.formatted(answer.feedback):
                self.warn("Feedback on accepted answers was not kept: this site has none for typed answers.")
            if value:
                number = self.number(value, answer.position)
                if number is not None:
                    accepted.append(number)
        return scoring.NUMERIC, [], accepted, PAIRS

    def number(self, value: str, position: int) -> AcceptedSpec | None:
        if value.find("..") > 0:
            low, _, high = value.partition("..")
            bounds = [self.decimal(part, value, position) for part in (low, high)]
            if bounds[0] is None or bounds[1] is None:
                return None
            if bounds[0] > bounds[1]:
                self.error(f"In “{value}” the first number is larger than the second.", position)
                return None
            middle = _WIDE.divide(_WIDE.add(bounds[0], bounds[1]), 2)
            number, tolerance = middle, _WIDE.subtract(bounds[1], middle)
        elif value.find(":") > 0:
            left, _, right = value.partition(":")
            number, tolerance = self.decimal(left, value, position), self.decimal(right, value, position)
            if number is None or tolerance is None:
                return None
        else:
            number, tolerance = self.decimal(value, value, position), Decimal(0)
            if number is None:
                return None
        if _places(number) > 4 or _places(tolerance) > 4:
            self.error(f"“{value}”: this site keeps numbers to 4 decimal places.", position)
            return None
        return AcceptedSpec(number=number, tolerance=tolerance)

    def decimal(self, text: str, whole: str, position: int) -> Decimal | None:
        number = _decimal(text.strip())
        if number is None:
            self.error(f"“{whole}” is not a number, a number:tolerance or a min..max range.", position)
        elif number.copy_abs() >= _LARGEST:
            self.error(f"“{whole}”: numbers here must be smaller than 10,000,000,000.", position)
            return None
        return number

    def matching(self, text: str, at: int) -> _Parsed:
        choices = []
        for answer in self.split_pairs(text, at):
            left, arrow, right = answer.text.partition("->")
            prompt, match = self.formatted(left), _restore(right).strip()
            if not arrow:
                self.error(
                    f"“{_restore(answer.text).strip()}” has no “->”: write each pair as =question -> answer.",
                    answer.position,
                )
            elif not prompt and match:
                self.warn(f"The extra answer “{match}” was dropped: matching questions here have no distractors.")
            elif not match:
                self.error(f"“{prompt}” has nothing after “->”.", answer.position)
            else:
                choices.append(GiftChoice(prompt, False, match))
        return scoring.MATCHING, choices, [], PAIRS

    def split_pairs(self, text: str, at: int) -> list[_Answer]:
        # Moodle reads no weights or #feedback in matching pairs: "#" is part of the text.
        pieces, start = [], 0
        for n, char in enumerate([*text, "="]):
            if char == "=":
                pieces.append((start, n))
                start = n + 1
        answers = []
        for number, (start, end) in enumerate(pieces):
            content = text[start:end].strip(_PHP_SPACE)
            if number == 0 and not content:
                continue
            if not content:
                self.error("An answer after “=” is empty.", at + start)
                continue
            answers.append(_Answer("=", None, content, "", at + start))
        return answers

    def ordering(self, text: str, at: int) -> _Parsed:
        count = re.match(r">\s*(\d+)", text)
        if not count:
            self.error("An ordering question starts with {> and the number of items to show, like {>4 ALL.", at)
            return scoring.ORDERING, [], [], PAIRS
        rest = text[count.end() :]
        words: list[str | None] = [None] * len(_ORDERING_WORDS)
        items_at, group = len(rest), 0
        for word in re.finditer(r"\S+", rest):
            group = next((g for g in range(group, len(words)) if word.group() in _ORDERING_WORDS[g]), -1)
            if group == -1:
                items_at = word.start()
                break
            words[group] = word.group()
            group += 1
        items = [_restore(line).strip() for line in rest[items_at:].split("\n")]
        choices = [GiftChoice(item) for item in items if item]
        select, grading = words[0] or "RANDOM", words[2] or "RELATIVE_NEXT_EXCLUDE_LAST"
        shown = int(count.group(1)) if len(count.group(1)) < 6 else 0
        shown = shown if 2 <= shown <= len(choices) else min(6, len(choices))
        if select not in ("ALL", "EXACT") and shown < len(choices):
            self.warn(f"Moodle shows {shown} of the {len(choices)} items at random; this site shows all of them.")
        if grading == "ALL_OR_NOTHING":
            return scoring.ORDERING, choices, [], ALL_OR_NOTHING
        if grading != MOODLE_PAIRS_GRADING:
            self.warn(
                f"Moodle's {grading} grading was replaced by partial credit for each pair of items in the right order."
            )
        return scoring.ORDERING, choices, [], PAIRS


@dataclass(frozen=True)
class _Answer:
    marker: str
    weight: Decimal | None
    text: str  # escapes still protected
    feedback: str
    position: int


_Parsed = tuple[str, list[GiftChoice], list[AcceptedSpec], str]


def _protect(text: str) -> str:
    def swap(escape: re.Match[str]) -> str:
        char = escape.group(1)
        return "\\" if char == "\\" else _PLACEHOLDER["\n" if char == "n" else char]

    return _ESCAPE.sub(swap, text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _formatted(raw: str, default: str) -> tuple[str, str]:
    """Moodle's parse_text_with_format: an optional known [format] prefix, then the text."""
    text, text_format = raw.strip(_PHP_SPACE), default
    tag = _TAG.match(text)
    if tag and tag.group(1) in FORMATS:
        text_format, text = tag.group(1), text[tag.end() :]
    text = _restore(text).strip()
    return (_html_to_text(text) if text_format == "html" else text), text_format


def _scores_like_this_site(weights: list[Decimal], correct: list[bool]) -> bool:
    """Whether Moodle's weights are already +100/k and −100/k, our right-minus-wrong rule."""
    k = sum(correct)
    share = HUNDRED / k
    near = Decimal("0.001")
    return all(
        abs(weight - (share if is_correct else -share)) < near
        for weight, is_correct in zip(weights, correct, strict=True)
    )


def _decimal(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _places(number: Decimal) -> int:
    """Decimal places once trailing zeros go; read from the digits, so no context can overflow."""
    _, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


def _first_words(text: str, limit: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


class _TextOnly(HTMLParser):
    _BREAKS = frozenset(
        {"br", "p", "div", "li", "tr", "ul", "ol", "table", "blockquote", "pre", "hr", "h1", "h2", "h3"}
    )
    _HIDDEN = frozenset({"script", "style", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _html_to_text(markup: str) -> str:
    """The text a reader sees, one line per paragraph or line break; nothing tag-shaped survives."""
    parser = _TextOnly()
    try:
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    except AssertionError:  # html.parser still asserts on a few malformed <! declarations
        text = html.unescape(re.sub(r"<[^>]*>?", " ", markup))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
