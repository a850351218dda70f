"""CSV files a spreadsheet opens safely. Pure: rows of plain values in, text out.

Two things go wrong when a teacher opens a CSV download in Excel or LibreOffice:

- Without a byte-order mark, Excel reads UTF-8 as Windows-1252 and "Ramón"
  turns into "RamÃ³n". The text starts with U+FEFF, which Excel takes as
  "this is UTF-8" and other readers skip.
- A cell starting with `=`, `+`, `-` or `@` is read as a formula, and so is one
  starting with a tab or carriage return followed by one. Students type their
  own names and answers, so `=HYPERLINK("http://evil", "Click")` in an answer
  would become a live link or worse (CSV or formula injection, OWASP). Every
  such cell gets a single quote in front, which spreadsheets show as text.

The rule looks only at the first character and applies to every cell, numbers
included: a negative number such as -0.5 (a discrimination index, a mark after
negative marking) is written as '-0.5 and a spreadsheet keeps it as the text
-0.5 rather than the number. That is deliberate: telling a harmless "-0.5"
from a harmful "-1+cmd|..." means parsing, and a parser is where injections
slip through. Someone who needs the numbers back can remove the leading quote
with find and replace.

Quoting (commas, double quotes, line breaks inside a cell) is the csv module's,
with Windows line endings as RFC 4180 asks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from django.utils.text import slugify

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text, with a single quote in front if a spreadsheet would read it as a formula.

    None is an empty cell (a figure that cannot be computed).
    """
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """The whole file: the byte-order mark, then every row with every cell neutralised and quoted as needed."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_filename(*parts: str, day: date) -> str:
    """A name safe on every system and in a header: ASCII words joined by dashes, the date, ".csv"."""
    words = [slugify(part) for part in parts]
    return "-".join([word for word in words if word] + [day.isoformat()]) + ".csv"
