"""Dates, times and numbers as the site writes them in US Spanish ("martes, 23 de marzo de
2027, 9:00 a. m. CDT").

Django's "es" formats are Spain's: a 24-hour clock and "1.234,5". Teachers in the United States
and Puerto Rico read a 12-hour clock and "1,234.5", so those are replaced; "a. m." and "p. m."
come from the site's catalogue (pdsite.i18n). Only what differs from Django's "es" is here."""

DATE_FORMAT = r"l, j \d\e F \d\e Y"
SHORT_DATE_FORMAT = r"j b Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"l, j \d\e F \d\e Y, g:i a T"
MONTH_DAY_FORMAT = r"j b"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
