"""CSV cells that a spreadsheet cannot run as formulas (CSV injection), for every export.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets. Such a cell is written with a leading
apostrophe, which spreadsheets show as plain text. Numbers stay numbers.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` for a CSV cell, neutralised when it could be a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values):
    return [safe_cell(value) for value in values]


def write_rows(file, header, rows):
    """Write ``header`` and ``rows`` (iterables of values) to ``file`` as safe CSV."""
    writer = csv.writer(file)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
