"""Dates and times as the site writes them in English ("Tuesday, March 23, 2027, 9:00 AM CDT").

Templates name these formats (``|date:"DATE_FORMAT"``) instead of spelling a format out, so the
same template writes each language's own order. Only what differs from Django's "en" is here."""

DATE_FORMAT = "l, F j, Y"
SHORT_DATE_FORMAT = "M j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "l, F j, Y, g:i A T"
MONTH_DAY_FORMAT = "M j"
