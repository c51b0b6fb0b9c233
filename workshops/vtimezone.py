"""VTIMEZONE components written as the major calendar producers write them: one STANDARD and
one DAYLIGHT observance, each repeated by a yearly RRULE ("the second Sunday of March").

icalendar's own ``add_missing_timezones`` writes every changeover as a list of RDATEs. That is
valid, but vobject reads only the first date of each list, and so put summer workshops an hour
off. The rules are read from the zone itself (zoneinfo), year by year: if a zone's rule
changes, each rule gets its own observance, ended by UNTIL."""

import calendar
import datetime
import functools
import zoneinfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

FIRST_YEAR = 2020
LAST_YEAR = 2040
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _changes(zone, year):
    """The zone's changeovers in a year: (UTC instant, offset before, offset after)."""
    changes = []
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    before = moment.astimezone(zone).utcoffset()
    step = datetime.timedelta(hours=1)  # every changeover in use falls on a whole hour
    while moment < end:
        after = (moment + step).astimezone(zone).utcoffset()
        if after != before:
            changes.append((moment + step, before, after))
            before = after
        moment += step
    return changes


def _rule(instant, before, after, zone):
    """The yearly rule a changeover follows, and its wall-clock start (in the offset before)."""
    wall = (instant + before).replace(tzinfo=None)
    ordinal = (wall.day - 1) // 7 + 1
    if wall.day + 7 > calendar.monthrange(wall.year, wall.month)[1] and ordinal >= 4:
        ordinal = -1  # "the last Sunday": the fourth in some years, the fifth in others
    name = instant.astimezone(zone).tzname()
    key = (wall.month, f"{ordinal}{WEEKDAYS[wall.weekday()]}", wall.time(), before, after, name)
    return key, wall


def _observance(key, start, until):
    month, byday, _, before, after, name = key
    observance = TimezoneDaylight() if after > before else TimezoneStandard()
    observance.add("dtstart", start)
    observance.add("tzoffsetfrom", before)
    observance.add("tzoffsetto", after)
    observance.add("tzname", name)
    rule = {"freq": "yearly", "bymonth": month, "byday": byday}
    if until is not None:
        rule["until"] = until
    observance.add("rrule", rule)
    return observance


def _fixed(zone, year):
    """A zone without changeovers from the start of this year on: one standard time."""
    moment = datetime.datetime(year, 1, 1, tzinfo=zone)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970 if year == FIRST_YEAR else year, 1, 1))
    standard.add("tzoffsetfrom", moment.utcoffset())
    standard.add("tzoffsetto", moment.utcoffset())
    standard.add("tzname", moment.tzname())
    return standard


@functools.lru_cache(maxsize=64)
def vtimezone(name):
    """The VTIMEZONE of an IANA zone, valid from FIRST_YEAR to LAST_YEAR."""
    zone = zoneinfo.ZoneInfo(name)
    spans = []  # runs of years that follow the same rules: [rules, {rule: (first, last)}]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        rules = [
            _rule(instant, before, after, zone) for instant, before, after in _changes(zone, year)
        ]
        keys = tuple(key for key, _ in rules)
        if spans and spans[-1][0] == keys:
            for key, wall in rules:
                spans[-1][1][key] = (spans[-1][1][key][0], wall)
        else:
            spans.append([keys, {key: (wall, wall) for key, wall in rules}, year])
    component = Timezone()
    component.add("tzid", name)
    for keys, starts, year in spans:
        if not keys:
            component.add_component(_fixed(zone, year))
        for key in keys:
            first, last = starts[key]
            # UNTIL is in UTC in a VTIMEZONE (RFC 5545); none on the rules still in force.
            until = None
            if last.year < LAST_YEAR:
                until = (last - key[3]).replace(tzinfo=datetime.UTC)
            component.add_component(_observance(key, first, until))
    return component
