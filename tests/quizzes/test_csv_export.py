"""CSV files open safely in a spreadsheet: UTF-8 with a BOM, quoted, and no cell read as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from quizzes.csv_export import BOM, csv_filename, csv_text, neutralise


def read_back(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


@pytest.mark.parametrize(
    "cell",
    ["=1+1", '=HYPERLINK("http://example.org","Click")', "+44 20 7946 0000", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"],
)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_gets_a_quote_in_front(cell):
    assert neutralise(cell) == f"'{cell}"


@pytest.mark.parametrize("cell", ["Ramón Mercader", "1940", "0.5", "a=b", "Trotsky - exile", " =1", "'quoted"])
def test_other_cells_are_left_as_they_are(cell):
    assert neutralise(cell) == cell


def test_a_negative_number_is_neutralised_like_any_other_cell():
    assert neutralise(-0.5) == "'-0.5"
    assert neutralise(Decimal("-1.25")) == "'-1.25"


def test_none_is_an_empty_cell():
    assert neutralise(None) == ""


def test_the_file_starts_with_a_byte_order_mark():
    assert csv_text([["a"]]).startswith("\ufeff")


def test_an_empty_file_is_only_the_byte_order_mark():
    assert csv_text([]) == BOM


def test_rows_end_with_windows_line_endings():
    assert csv_text([["a", "b"], ["c", "d"]]) == f"{BOM}a,b\r\nc,d\r\n"


def test_commas_quotes_and_line_breaks_inside_a_cell_survive_a_round_trip():
    row = ["Trotsky, Leon", 'the "Old Man"', "line one\nline two"]

    assert read_back(csv_text([row])) == [row]


def test_every_cell_of_every_row_is_neutralised():
    rows = [["Student", "Answer"], ["=cmd|' /C calc'!A0", "@import"], ["Ada", -3]]

    assert read_back(csv_text(rows)) == [["Student", "Answer"], ["'=cmd|' /C calc'!A0", "'@import"], ["Ada", "'-3"]]


def test_non_ascii_text_is_kept():
    assert read_back(csv_text([["Ramón", "Алма-Ата"]])) == [["Ramón", "Алма-Ата"]]


def test_a_filename_is_ascii_words_and_the_date():
    assert csv_filename("Trotsky's exile", "responses", day=date(2026, 11, 3)) == (
        "trotskys-exile-responses-2026-11-03.csv"
    )


def test_a_filename_drops_parts_with_nothing_left_after_cleaning():
    assert csv_filename("¿?", "statistics", day=date(2026, 1, 2)) == "statistics-2026-01-02.csv"
