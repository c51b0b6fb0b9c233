"""CSV cells that spreadsheet programs will not run as formulas (CSV injection).

A text cell starting with =, +, -, @ (or a tab or carriage return, which some programs skip
before looking) is prefixed with an apostrophe, so it is shown as the text it is. Numbers are
left as numbers."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values):
    return [safe_cell(value) for value in values]
