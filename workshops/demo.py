"""Demo workshops for development and demonstrations: ``manage.py load_demo_workshops``.

Deterministic (a seeded random generator; dates count from the day it runs) and idempotent:
each demo workshop is known by its title, venue and ZIP code, so a second run adds nothing.
Teachers' addresses are all @example.com.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import caching, geo
from .models import Course, Enrollment, Workshop
from .venues import venue_datetime

SEED = 20250905

COURSES = [  # name, Spanish name, slug, grades
    ("Course A (Kindergarten)", "Curso A (kínder)", "course-a", "K"),
    ("Course B (Grade 1)", "Curso B (1.er grado)", "course-b", "1"),
    ("Course C (Grade 2)", "Curso C (2.º grado)", "course-c", "2"),
    ("Course D (Grade 3)", "Curso D (3.er grado)", "course-d", "3"),
    ("Course E (Grade 4)", "Curso E (4.º grado)", "course-e", "4"),
    ("Course F (Grade 5)", "Curso F (5.º grado)", "course-f", "5"),
]
COURSE_TEXT = (
    "A day of hands-on, unplugged and on-screen activities from the {name} lessons: "
    "sequencing, loops, events and debugging, taught the way you will teach them. "
    "No computer science background needed."
)

# A city and the ZIP code of its centre (coordinates and time zone come from geo).
CITIES = [
    ("New York", "NY", "10001"),
    ("Brooklyn", "NY", "11201"),
    ("Buffalo", "NY", "14202"),
    ("Rochester", "NY", "14604"),
    ("Los Angeles", "CA", "90012"),
    ("San Diego", "CA", "92101"),
    ("San Jose", "CA", "95113"),
    ("San Francisco", "CA", "94103"),
    ("Oakland", "CA", "94612"),
    ("Sacramento", "CA", "95814"),
    ("Fresno", "CA", "93721"),
    ("Chicago", "IL", "60601"),
    ("Springfield", "IL", "62701"),
    ("Houston", "TX", "77002"),
    ("San Antonio", "TX", "78205"),
    ("Dallas", "TX", "75201"),
    ("Austin", "TX", "78701"),
    ("El Paso", "TX", "79901"),
    ("Fort Worth", "TX", "76102"),
    ("Phoenix", "AZ", "85004"),
    ("Tucson", "AZ", "85701"),
    ("Philadelphia", "PA", "19103"),
    ("Pittsburgh", "PA", "15222"),
    ("Jacksonville", "FL", "32202"),
    ("Miami", "FL", "33130"),
    ("Tampa", "FL", "33602"),
    ("Orlando", "FL", "32801"),
    ("Columbus", "OH", "43215"),
    ("Cleveland", "OH", "44113"),
    ("Cincinnati", "OH", "45202"),
    ("Indianapolis", "IN", "46204"),
    ("Charlotte", "NC", "28202"),
    ("Raleigh", "NC", "27601"),
    ("Seattle", "WA", "98101"),
    ("Spokane", "WA", "99201"),
    ("Denver", "CO", "80202"),
    ("Colorado Springs", "CO", "80903"),
    ("Boston", "MA", "02108"),
    ("Worcester", "MA", "01608"),
    ("Nashville", "TN", "37203"),
    ("Memphis", "TN", "38103"),
    ("Detroit", "MI", "48226"),
    ("Grand Rapids", "MI", "49503"),
    ("Portland", "OR", "97204"),
    ("Las Vegas", "NV", "89101"),
    ("Reno", "NV", "89501"),
    ("Louisville", "KY", "40202"),
    ("Baltimore", "MD", "21202"),
    ("Milwaukee", "WI", "53202"),
    ("Madison", "WI", "53703"),
    ("Albuquerque", "NM", "87102"),
    ("Kansas City", "MO", "64106"),
    ("St. Louis", "MO", "63101"),
    ("Omaha", "NE", "68102"),
    ("Atlanta", "GA", "30303"),
    ("Savannah", "GA", "31401"),
    ("Minneapolis", "MN", "55401"),
    ("Saint Paul", "MN", "55102"),
    ("New Orleans", "LA", "70112"),
    ("Baton Rouge", "LA", "70802"),
    ("Oklahoma City", "OK", "73102"),
    ("Tulsa", "OK", "74103"),
    ("Salt Lake City", "UT", "84111"),
    ("Birmingham", "AL", "35203"),
    ("Little Rock", "AR", "72201"),
    ("Des Moines", "IA", "50309"),
    ("Wichita", "KS", "67202"),
    ("Boise", "ID", "83702"),
    ("Anchorage", "AK", "99501"),
    ("Honolulu", "HI", "96813"),
    ("Providence", "RI", "02903"),
    ("Hartford", "CT", "06103"),
    ("Newark", "NJ", "07102"),
    ("Richmond", "VA", "23219"),
    ("Virginia Beach", "VA", "23451"),
    ("Charleston", "SC", "29401"),
    ("Columbia", "SC", "29201"),
    ("Jackson", "MS", "39201"),
    ("Burlington", "VT", "05401"),
    ("Portland", "ME", "04101"),
    ("Manchester", "NH", "03101"),
    ("Charleston", "WV", "25301"),
    ("Billings", "MT", "59101"),
    ("Fargo", "ND", "58102"),
    ("Sioux Falls", "SD", "57104"),
    ("Cheyenne", "WY", "82001"),
    ("Wilmington", "DE", "19801"),
    ("Washington", "DC", "20001"),
    ("San Juan", "PR", "00901"),
]

UNIVERSITIES = {
    "New York": "Hunter College School of Education",
    "Los Angeles": "California State University, Los Angeles",
    "Chicago": "University of Illinois Chicago, College of Education",
    "Houston": "University of Houston, Farish Hall",
    "Phoenix": "Arizona State University Downtown Phoenix",
    "Philadelphia": "Temple University Center City",
    "Seattle": "Seattle University, Loyola Hall",
    "Denver": "Metropolitan State University of Denver",
    "Boston": "UMass Boston Campus Center",
    "Atlanta": "Georgia State University, College of Education",
    "Minneapolis": "University of Minnesota, Education Sciences Building",
    "Salt Lake City": "University of Utah, Beverley Taylor Sorenson Arts and Education",
    "Albuquerque": "University of New Mexico, Hokona Hall",
    "Austin": "Austin Community College, Highland Campus",
    "Columbus": "Columbus State Community College",
    "Honolulu": "University of Hawaii at Manoa, Everly Hall",
}
SCHOOL_NAMES = [
    "Lincoln",
    "Washington",
    "Roosevelt",
    "Jefferson",
    "Franklin",
    "Martin Luther King Jr.",
    "Garfield",
    "Adams",
    "Madison",
    "Hawthorne",
    "Whittier",
    "Emerson",
    "Longfellow",
    "Sojourner Truth",
    "Cesar Chavez",
    "Mary McLeod Bethune",
    "Sally Ride",
    "Grace Hopper",
    "Katherine Johnson",
    "Maple Grove",
    "Riverside",
    "Oak Park",
    "Sunnyside",
    "Lakeview",
]
STREETS = [
    "Main Street",
    "Oak Avenue",
    "Elm Street",
    "Park Boulevard",
    "Washington Avenue",
    "Lincoln Way",
    "Broadway",
    "Maple Avenue",
    "Cedar Street",
    "Market Street",
    "Church Street",
    "Grand Avenue",
    "Center Street",
    "Highland Avenue",
    "Pine Street",
    "Lake Street",
]
FIRST_NAMES = [
    "Maria",
    "James",
    "Aisha",
    "Robert",
    "Mei",
    "David",
    "Fatima",
    "Michael",
    "Priya",
    "John",
    "Sofia",
    "William",
    "Keisha",
    "Daniel",
    "Ana",
    "Joseph",
    "Yuki",
    "Thomas",
    "Lucia",
    "Chris",
    "Emily",
    "Carlos",
    "Hannah",
    "Kevin",
    "Grace",
    "Andre",
    "Olivia",
    "Luis",
    "Nora",
    "Samuel",
    "Rachel",
    "Jamal",
    "Laura",
    "Tyrone",
    "Megan",
    "Hiroshi",
    "Sarah",
    "Diego",
    "Amy",
    "Omar",
]
LAST_NAMES = [
    "Garcia",
    "Smith",
    "Johnson",
    "Nguyen",
    "Williams",
    "Brown",
    "Patel",
    "Jones",
    "Kim",
    "Martinez",
    "Davis",
    "Lopez",
    "Wilson",
    "Anderson",
    "Chen",
    "Thomas",
    "Hernandez",
    "Moore",
    "Jackson",
    "Lee",
    "Walker",
    "Young",
    "Allen",
    "Okafor",
    "Wright",
    "Scott",
    "Torres",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Ramirez",
    "Roberts",
    "Campbell",
    "Murphy",
    "Rivera",
    "Cooper",
]
NOTES = [
    "Lunch and snacks are provided. Tell us about dietary needs when you sign up.",
    "Free parking in the lot behind the building. Check in at the front office.",
    "Bring a laptop or tablet if you have one; we have loaners for everyone else.",
    "The room is on the second floor; an elevator is next to the main entrance.",
    "",
]
ROLES = [
    (Enrollment.Role.CLASSROOM_TEACHER, 70),
    (Enrollment.Role.LIBRARIAN, 10),
    (Enrollment.Role.TECH_ED, 12),
    (Enrollment.Role.ADMINISTRATOR, 4),
    (Enrollment.Role.OTHER, 4),
]
GRADES = ["K", "1", "2", "3", "4", "5"]


def ensure_courses():
    """The six K-5 courses, created if missing (staff edits are kept; a Spanish name is only
    filled in where there is none)."""
    courses = []
    for position, (name, name_es, slug, grades) in enumerate(COURSES, start=1):
        course = Course.objects.filter(Q(slug=slug) | Q(name=name)).first()
        if course is not None and not course.name_es:
            course.name_es = name_es
            course.save(update_fields=["name_es"])
        if course is None:
            course = Course.objects.create(
                name=name,
                name_es=name_es,
                slug=slug,
                grades=grades,
                position=position,
                description=COURSE_TEXT.format(name=name),
            )
        courses.append(course)
    return courses


def _venues(rng, city, state):
    school = rng.choice(SCHOOL_NAMES)
    venues = [
        f"{city} Public Library, Central Branch",
        f"{school} Elementary School",
        f"{city} Public Schools Professional Learning Center",
    ]
    if city in UNIVERSITIES:
        venues.append(UNIVERSITIES[city])
    rng.shuffle(venues)
    return venues


def _workday(rng, today, min_days, max_days):
    """A Monday-Friday or Saturday date between ``min_days`` and ``max_days`` from ``today``."""
    while True:
        day = today + datetime.timedelta(days=rng.randint(min_days, max_days))
        if day.weekday() != 6:
            return day


def _plan(rng, today, courses):
    """Every demo workshop as (Workshop, kind), kind being how full it is or what became of it."""
    plans = []
    facilitators = [
        f"{first} {last}" for first, last in zip(FIRST_NAMES[::3], LAST_NAMES[::2], strict=False)
    ]
    for index, (city, state, zip_code) in enumerate(CITIES):
        place = geo.lookup_zip(zip_code)
        venues = _venues(rng, city, state)
        count = 3 if index % 4 == 0 else 2
        used = set()
        for n in range(count):
            venue = venues[n % len(venues)]
            course = rng.choice([c for c in courses if (venue, c.pk) not in used])
            used.add((venue, course.pk))
            roll = rng.random()
            if n == 2 and index % 8 == 0:
                kind, day = "past", _workday(rng, today, -90, -7)
            elif roll < 0.03:
                kind, day = "cancelled", _workday(rng, today, 10, 120)
            else:
                kind = "full" if roll < 0.15 else "nearly full" if roll < 0.27 else "open"
                day = _workday(rng, today, 5 if kind != "full" else 20, 160)
            start = datetime.time(8, 30) if rng.random() < 0.4 else datetime.time(9, 0)
            hours = rng.choice([6, 6.5, 7])
            starts_at = venue_datetime(datetime.datetime.combine(day, start), place.time_zone)
            lead = rng.sample(facilitators, rng.choice([1, 1, 2]))
            workshop = Workshop(
                title=f"CS Fundamentals: {course.name}",
                course=course,
                venue_name=venue,
                street_address=f"{rng.randint(100, 4999)} {rng.choice(STREETS)}",
                city=city,
                state=state,
                zip_code=zip_code,
                latitude=place.latitude,
                longitude=place.longitude,
                time_zone=place.time_zone,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=hours),
                capacity=rng.choice([20, 24, 25, 30, 30, 30, 35, 40]),
                facilitator_names=" and ".join(lead),
                facilitator_email=lead[0].lower().replace(" ", ".") + "@example.org",
                notes=rng.choice(NOTES),
                status=Workshop.Status.CANCELLED
                if kind == "cancelled"
                else Workshop.Status.PUBLISHED,
            )
            plans.append((workshop, kind))
    return plans


def _sign_ups(rng, workshop, kind, counter):
    taken = {
        "full": workshop.capacity,
        "nearly full": workshop.capacity - rng.randint(1, 2),
        "open": rng.randint(0, workshop.capacity * 2 // 3),
        "past": rng.randint(workshop.capacity // 2, workshop.capacity),
        "cancelled": rng.randint(3, 12),
    }[kind]
    waiting = rng.randint(1, 6) if kind == "full" else 0
    status = Enrollment.Status.CANCELLED if kind == "cancelled" else Enrollment.Status.ENROLLED
    roles, weights = zip(*ROLES, strict=True)
    sign_ups = []
    for n in range(taken + waiting):
        counter[0] += 1
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        start = rng.randrange(len(GRADES))
        sign_ups.append(
            Enrollment(
                workshop=workshop,
                first_name=first,
                last_name=last,
                email=f"{first}.{last}{counter[0]}@example.com".lower(),
                school_name=f"{rng.choice(SCHOOL_NAMES)} Elementary School",
                school_zip=workshop.zip_code,
                role=rng.choices(roles, weights)[0],
                grades=",".join(GRADES[start : start + rng.randint(1, 2)]),
                status=Enrollment.Status.WAITLISTED if n >= taken else status,
            )
        )
    return sign_ups


@transaction.atomic
def load_demo_workshops(today=None):
    """Create what is missing of the demo set; returns (workshops created, sign-ups created)."""
    now = timezone.now()
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    courses = ensure_courses()
    plans = _plan(rng, today, courses)
    existing = set(Workshop.objects.values_list("title", "venue_name", "zip_code"))
    new = [(w, kind) for w, kind in plans if (w.title, w.venue_name, w.zip_code) not in existing]
    for workshop, kind in new:
        workshop.published_at = min(now, workshop.starts_at) - datetime.timedelta(days=30)
        if kind == "cancelled":
            workshop.cancelled_at = now - datetime.timedelta(days=rng.randint(1, 5))
    created = Workshop.objects.bulk_create([w for w, _ in new])
    caching.bump_version()  # bulk_create sends no signals
    counter = [Enrollment.objects.count()]
    sign_ups = []
    for workshop, kind in new:
        sign_ups += _sign_ups(rng, workshop, kind, counter)
    Enrollment.objects.bulk_create(sign_ups, batch_size=500)
    _spread_sign_up_times(rng, sign_ups, now)
    Enrollment.objects.bulk_update(sign_ups, ["created_at"], batch_size=500)
    # Bulk writes go round the sign-up services: the seat columns are counted once here.
    Workshop.objects.filter(pk__in=[w.pk for w in created]).recount_seats()
    caching.bump_version()
    return len(created), len(sign_ups)


def _spread_sign_up_times(rng, sign_ups, now):
    """Sign-up times between publication and the workshop, in the order the sign-ups were
    made (so a workshop's waitlist comes after its enrolled teachers)."""
    by_workshop = {}
    for sign_up in sign_ups:
        by_workshop.setdefault(sign_up.workshop, []).append(sign_up)
    for workshop, group in by_workshop.items():
        first = workshop.published_at
        last = min(now, workshop.starts_at - datetime.timedelta(hours=1))
        span = max((last - first).total_seconds(), 60.0)
        offsets = sorted(rng.uniform(0, span) for _ in group)
        for sign_up, offset in zip(group, offsets, strict=True):
            sign_up.created_at = first + datetime.timedelta(seconds=offset)
