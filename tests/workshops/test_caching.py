"""The finder's cached search and the cached page HTML stay exact (workshops.caching,
pdsite.pagecache): seats after a sign-up, a newly published or cancelled workshop, a workshop
that has started."""

import datetime
import re
from unittest import mock

from tests.workshops.conftest import make_enrollment, make_workshop
from workshops import caching
from workshops.importing import import_workshops
from workshops.models import Workshop
from workshops.services import cancel_workshop, enroll

URL = "/professional-development-workshops"
SEARCH = {"q": "Chicago, IL", "distance": "50"}


def seats(content):
    return re.findall(r'<span class="seats [^"]+">([^<]+)</span>', content)


def titles(content):
    return re.findall(r'<h3 class="result-title"><a href="[^"]+">([^<]+)</a>', content)


def teacher(email):
    return {
        "first_name": "Ada",
        "last_name": "Byron",
        "email": email,
        "school_name": "Lincoln Elementary",
        "school_zip": "60614",
        "role": "classroom_teacher",
        "grades": ["K", "1"],
    }


def test_a_cached_search_shows_the_new_seat_count_after_a_sign_up(
    client, db, django_assert_max_num_queries
):
    workshop = make_workshop("60601", title="Loop workshop", capacity=3)
    make_enrollment(workshop)
    first = client.get(URL, SEARCH).content.decode()
    assert seats(first) == ["2 seats left"]

    enroll(workshop=Workshop.objects.get(pk=workshop.pk), data=teacher("ada@example.org"))

    # The workshops' version changed, so the page is built again from the database: the
    # page's ids with the count of all matches, then its workshops with their seat columns.
    with django_assert_max_num_queries(2) as queries:
        again = client.get(URL, SEARCH).content.decode()
    assert [q["sql"].count("COUNT(") for q in queries.captured_queries] == [1, 0]
    assert seats(again) == ["1 seat left"]
    assert titles(again) == ["Loop workshop"]

    enroll(workshop=Workshop.objects.get(pk=workshop.pk), data=teacher("grace@example.org"))
    full = client.get(URL, SEARCH).content.decode()
    assert seats(full) == ["Full - join the waitlist"]


def test_a_cached_search_and_workshop_page_show_a_cancelled_sign_up(client, db):
    workshop = make_workshop("60601", capacity=2)
    enrollment = make_enrollment(workshop)
    assert seats(client.get(URL, SEARCH).content.decode()) == ["1 seat left"]
    page = workshop.get_absolute_url()
    assert seats(client.get(page).content.decode()) == ["1 seat left"]

    from workshops.services import cancel_enrollment

    cancel_enrollment(enrollment)
    assert seats(client.get(URL, SEARCH).content.decode()) == ["2 seats left"]
    assert seats(client.get(page).content.decode()) == ["2 seats left"]


def test_a_workshop_published_after_a_search_was_cached_is_found(client, db):
    make_workshop("60601", title="First")
    assert titles(client.get(URL, SEARCH).content.decode()) == ["First"]
    draft = make_workshop(
        "60602",
        title="Second",
        status=Workshop.Status.DRAFT,
        local_start=datetime.datetime(2099, 1, 5, 9),
    )
    assert titles(client.get(URL, SEARCH).content.decode()) == ["First"]

    draft.status = Workshop.Status.PUBLISHED
    draft.save()
    # 60602 is nearer the centre of Chicago: nearest first.
    assert titles(client.get(URL, SEARCH).content.decode()) == ["Second", "First"]


def test_a_cancelled_workshop_leaves_the_cached_search_and_its_page_says_so(client, db):
    workshop = make_workshop("60601", title="Soon cancelled")
    assert titles(client.get(URL, SEARCH).content.decode()) == ["Soon cancelled"]
    assert "Sign up</a>" in client.get(workshop.get_absolute_url()).content.decode()

    cancel_workshop(workshop)
    assert titles(client.get(URL, SEARCH).content.decode()) == []
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "This workshop has been cancelled, so it no longer takes sign-ups." in page
    assert "Sign up</a>" not in page


def test_a_workshop_that_has_started_drops_out_of_a_cached_search(client, db):
    workshop = make_workshop("60601", title="Starting")
    assert titles(client.get(URL, SEARCH).content.decode()) == ["Starting"]
    # Time passes (no save, no new version): the cached start times are checked on each read.
    later = workshop.starts_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert titles(client.get(URL, SEARCH).content.decode()) == []


def test_bulk_created_workshops_bump_the_version(db):
    """The importer saves its rows with ``bulk_create``, which sends no signal: it bumps the
    version itself. (Drafts: publishing would bump it anyway.)"""
    course = make_workshop("60601").course
    before = caching.version()

    report = import_workshops(
        "title,course,venue_name,street_address,city,state,zip_code,date,start_time,end_time,"
        "capacity,facilitator_names,facilitator_email,notes,status\n"
        f"Imported,{course.slug},Harold Washington Library,400 S State St,Chicago,IL,"
        "60602,2099-01-05,09:00,15:00,25,Sam Lee,sam@example.org,,draft\n",
        dry_run=False,
        skip_invalid=False,
    )

    assert [w.title for w in report.workshops] == ["Imported"]
    assert list(Workshop.objects.filter(title="Imported").values_list("status", flat=True)) == [
        "draft"
    ]
    assert caching.version() != before


def test_an_edited_pd_page_shows_at_once(client, pages):
    from pages.models import Page

    assert "<h1>" in client.get("/k5").content.decode()
    page = Page.objects.get(url="/k5")
    page.title = "K-5 computer science, edited"
    page.save()
    assert "<h1>K-5 computer science, edited</h1>" in client.get("/k5").content.decode()


def test_a_visitor_with_a_session_never_gets_the_cached_page(client, pages, django_user_model):
    client.get("/k5")  # cached for anonymous visitors
    staff = django_user_model.objects.create_user("staffer", is_staff=True)
    client.force_login(staff)
    from pdsite import pagecache

    request = client.get("/k5").wsgi_request
    assert pagecache.anonymous(request) is False


def test_workshop_and_results_pages_are_served_from_the_page_cache(client, db):
    """Both pages carry JSON data blocks (map data, JSON-LD): they need no CSP nonce, and a
    page that used one could not be cached. A title changed behind the cache's back (no
    version bump) shows the cached copy: proof the HTML came from the cache."""
    workshop = make_workshop("60601", title="Before")
    url = workshop.get_absolute_url()
    assert "Before" in client.get(url).content.decode()
    assert "Before" in client.get(URL, {"q": "60601"}).content.decode()
    Workshop.objects.filter(pk=workshop.pk).update(title="After")
    assert "Before" in client.get(url).content.decode()
    assert "Before" in client.get(URL, {"q": "60601"}).content.decode()


def test_cached_workshop_and_search_pages_are_served_without_a_query(
    client, db, django_assert_num_queries
):
    workshop = make_workshop("60601", title="Loop workshop", capacity=3)
    url = workshop.get_absolute_url()
    first_page = client.get(url).content
    first_search = client.get(URL, SEARCH).content
    with django_assert_num_queries(0):
        assert client.get(url).content == first_page
        assert client.get(URL, SEARCH).content == first_search


def test_a_cached_workshop_page_closes_sign_up_when_the_workshop_starts(client, db):
    workshop = make_workshop("60601", title="Starting")
    url = workshop.get_absolute_url()
    assert "Sign up</a>" in client.get(url).content.decode()
    later = workshop.starts_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = client.get(url).content.decode()
    assert "This workshop has already started, so it no longer takes sign-ups." in page
    assert "Sign up</a>" not in page


def test_a_cached_entry_of_another_format_is_never_read(client, db):
    """A deploy that changes what a cache entry holds (bytes before, ``Entry`` now) must not
    read the entries of the old format: the format is part of every key."""
    from pdsite import pagecache

    workshop = make_workshop("60601", title="Loop workshop")
    request = client.get(workshop.get_absolute_url()).wsgi_request
    with mock.patch.object(pagecache, "FORMAT", 2):
        old_key = pagecache.page_key(request)
    assert old_key != pagecache.page_key(request)
