"""SQL queries per page stay bounded whatever the data size (performance issue).

Public pages: at most 5 queries in English and in Spanish, measured with many workshops,
sign-ups and inquiries, on the first (uncached) visit and on a repeat. Admin change lists:
under 10. Timings are measured by `make bench`, not here."""

import datetime

import pytest
from django.conf import settings

from pdsite.i18n import localized
from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.models import Workshop

PUBLIC_MAX = 5
ADMIN_MAX = 9
BASE = "/professional-development-workshops"
ZIPS = ["60601", "60602", "60614", "60657", "60201", "94103", "10001", "30303"]


@pytest.fixture
def many(db, pages):
    """24 upcoming workshops in 3 states (3 sign-ups and a waitlisted teacher each), a past one,
    a cancelled one, a draft; returns the first upcoming one."""
    workshops = []
    for n in range(24):
        day = datetime.datetime(2099, 1, 1, 9) + datetime.timedelta(days=n)
        workshop = make_workshop(ZIPS[n % len(ZIPS)], local_start=day, title=f"W{n}", capacity=3)
        for _ in range(3):
            make_enrollment(workshop)
        make_enrollment(workshop, status="waitlisted")
        workshops.append(workshop)
    make_workshop("60601", local_start=datetime.datetime(2020, 1, 6, 9), title="Past")
    make_workshop("60601", title="Cancelled", status=Workshop.Status.CANCELLED)
    make_workshop("60601", title="Draft", status=Workshop.Status.DRAFT)
    return workshops[0]


def public_paths(workshop):
    enrollment = workshop.enrollments.first()
    return {
        "overview": "/",
        "overview (second address)": "/educate/professional-development",
        "k5": "/k5",
        "philosophy": "/educate/professional-development-philosophy",
        "districts": "/educate/districts",
        "finder browse": BASE,
        "finder results": f"{BASE}?q=Chicago%2C+IL&distance=50",
        "finder results, page 2": f"{BASE}?q=Chicago%2C+IL&distance=100&page=2",
        "finder results, dates": f"{BASE}?q=60601&date_from=2099-01-02&date_to=2099-01-20",
        "finder results, none": f"{BASE}?q=99501&distance=10",
        "finder error": f"{BASE}?q=nowhere",
        "state page": f"{BASE}/state/IL",
        "workshop page": workshop.get_absolute_url(),
        "workshop .ics": f"{BASE}/{workshop.pk}/calendar.ics",
        "sign-up page": f"{BASE}/{workshop.pk}/signup",
        "sign-up (teacher's own page)": enrollment.get_absolute_url(),
        "cancel sign-up page": enrollment.get_absolute_url() + "/cancel",
        "feed JSON": f"{BASE}.json",
        "feed JSON near": f"{BASE}.json?zip=60601&distance=50",
        "feed GeoJSON": f"{BASE}.geojson",
        "feed iCalendar": f"{BASE}.ics",
        "partners": f"{BASE}/partners",
        "alerts": "/professional-development-workshops/alerts",
        "robots": "/robots.txt",
        "sitemap": "/sitemap.xml",
    }


PAGE_NAMES = [
    "overview", "overview (second address)", "k5", "philosophy", "districts", "finder browse",
    "finder results", "finder results, page 2", "finder results, dates", "finder results, none",
    "finder error", "state page", "workshop page", "workshop .ics", "sign-up page",
    "sign-up (teacher's own page)", "cancel sign-up page", "feed JSON", "feed JSON near",
    "feed GeoJSON", "feed iCalendar", "partners", "alerts", "robots", "sitemap",
]  # fmt: skip


# The pages people read, in both languages; feeds, robots and the sitemap have one address.
NOT_TRANSLATED = {
    "workshop .ics", "feed JSON", "feed JSON near", "feed GeoJSON", "feed iCalendar", "robots",
    "sitemap",
}  # fmt: skip
PAGES_BY_LANGUAGE = [
    pytest.param(name, language, id=f"{name}-{language}")
    for name in PAGE_NAMES
    for language in ("en", "es")
    if language == "en" or name not in NOT_TRANSLATED
]


@pytest.mark.parametrize(("name", "language"), PAGES_BY_LANGUAGE)
def test_public_page_queries_are_bounded(
    client, many, name, language, django_assert_max_num_queries
):
    path = localized(public_paths(many)[name], language)
    for visit in ("first", "repeat"):
        with django_assert_max_num_queries(PUBLIC_MAX, info=f"{name} ({visit} visit)"):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response["Content-Language"] == language


def test_public_page_queries_do_not_grow_with_the_data(client, many):
    """The same pages with three times the workshops make exactly as many queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        result = {}
        for name, path in public_paths(many).items():
            with CaptureQueriesContext(connection) as ctx:
                client.get(path)
            result[name] = len(ctx.captured_queries)
        return result

    from django.core.cache import cache

    cache.clear()
    before = counts()
    for n in range(48):
        day = datetime.datetime(2099, 2, 1, 9) + datetime.timedelta(days=n)
        extra = make_workshop(ZIPS[n % len(ZIPS)], local_start=day, title=f"X{n}")
        make_enrollment(extra)
    cache.clear()
    assert counts() == before


@pytest.fixture
def admin_client_with_data(client, many, django_user_model):
    from inquiries.models import Inquiry

    for n in range(60):
        Inquiry.objects.create(
            district=f"District {n}",
            state="IL",
            city="Springfield",
            first_name="Jane",
            last_name="Doe",
            role="Director",
            email=f"jane{n}@example.org",
            schools_elementary=3,
            wants_middle_school=True,
            start_year="2027-28",
        )
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "workshops/workshop/",
        "workshops/workshop/?when=upcoming",
        "workshops/workshop/?o=5",  # sorted by seats taken
        "workshops/enrollment/",
        "workshops/course/",
        "inquiries/inquiry/",
        "inquiries/inquiry/?status__exact=new",
    ],
)
def test_admin_change_list_queries_are_bounded(
    admin_client_with_data, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(ADMIN_MAX, info=path):
        response = admin_client_with_data.get("/" + settings.ADMIN_URL + path)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) > 0
