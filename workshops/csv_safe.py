"""CSV cells that a spreadsheet cannot run as formulas.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (CSV injection). Such a cell is written with a
leading apostrophe, which spreadsheets show as plain text.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The text of ``value`` for a CSV cell, neutralised when it could be a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_rows(file, header, rows):
    """Write ``header`` and ``rows`` (iterables of values) to ``file`` as safe CSV."""
    writer = csv.writer(file)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
