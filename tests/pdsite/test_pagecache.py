"""The page cache middleware (pdsite.pagecache): a cached page is answered before the rest of
the middleware and the view, with the headers of the first response, and only while exact."""

import datetime
import re
from unittest import mock

from django.http import HttpResponse
from django.test import RequestFactory

from pdsite import pagecache
from tests.workshops.conftest import make_enrollment, make_workshop
from workshops.services import cancel_enrollment

STATE = "/professional-development-workshops/state/IL"


def headers(response):
    return {name: value for name, value in response.items() if name != "X-Request-ID"}


def test_a_cached_page_has_the_body_and_headers_of_the_first_and_its_own_request_id(
    client, pages, django_assert_num_queries
):
    first = client.get("/k5")
    with django_assert_num_queries(0):
        again = client.get("/k5")
    assert again.content == first.content
    assert headers(again) == headers(first)
    assert {"Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"} <= set(
        headers(again)
    )
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_a_page_nobody_keeps_is_built_every_time(client, pages, django_assert_num_queries):
    client.get("/educate/districts")
    with django_assert_num_queries(1):  # the page's text: the form page is never cached
        client.get("/educate/districts")


def test_when_the_cache_lookup_fails_the_view_answers(client, pages, caplog):
    with mock.patch.object(pagecache, "get_entry", side_effect=ConnectionError("cache down")):
        response = client.get("/k5")
    assert response.status_code == 200
    assert re.search(r"<h1>[^<]*K-5", response.content.decode())
    assert "page cache: lookup failed" in [r.getMessage() for r in caplog.records]


def seats(response):
    return re.findall(r'<span class="seats [^"]+">([^<]+)</span>', response.content.decode())


def test_a_cached_state_page_shows_a_sign_up_and_its_cancellation_at_once(client, db):
    workshop = make_workshop("60601", capacity=3)
    assert seats(client.get(STATE)) == ["3 seats left"]
    enrollment = make_enrollment(workshop)
    assert seats(client.get(STATE)) == ["2 seats left"]
    cancel_enrollment(enrollment)
    assert seats(client.get(STATE)) == ["3 seats left"]


def test_a_workshop_that_starts_leaves_the_cached_state_page(client, db):
    soon = make_workshop("60601", title="Soon")
    make_workshop("61801", title="Later", local_start=datetime.datetime(2099, 1, 5, 9))
    titles = re.compile(r'<h3 class="result-title"><a href="[^"]*">([^<]*)</a>')
    assert titles.findall(client.get(STATE).content.decode()) == ["Soon", "Later"]
    later = soon.starts_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert titles.findall(client.get(STATE).content.decode()) == ["Later"]


def test_addresses_of_views_that_keep_nothing_cost_no_cache_lookup(client, pages):
    with mock.patch.object(pagecache, "get_entry", wraps=pagecache.get_entry) as get_entry:
        client.get("/healthz")
        client.get("/educate/districts")
        client.get("/robots.txt")
        client.get("/no/SUCH/page")
        assert get_entry.call_count == 0
        client.get("/k5")
        assert get_entry.call_count == 1


class CountingView:
    """Stands for the middleware and view below the page cache: counts its calls."""

    def __init__(self, make_response):
        self.make_response = make_response
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return self.make_response(request)


def twice(make_response, **request_extra):
    """How many times the view below the page cache ran for two anonymous GETs of /k5."""
    view = CountingView(make_response)
    middleware = pagecache.PageCacheMiddleware(view)
    for _ in range(2):
        request = RequestFactory().get("/k5", **request_extra)
        middleware(request)
    return view.calls


def kept(status=200, cookie=False, nonce=False):
    def make_response(request):
        response = HttpResponse("page", status=status)
        if cookie:
            response.set_cookie("csrftoken", "x")
        if nonce:
            request._csp_nonce = "abc"
        return pagecache.keep(response)

    return make_response


def test_a_kept_page_is_answered_from_the_cache_the_second_time(db):
    assert twice(kept()) == 1


def test_a_page_that_sets_a_cookie_used_a_nonce_or_is_not_a_200_is_never_stored(db):
    assert twice(kept(cookie=True)) == 2
    assert twice(kept(nonce=True)) == 2
    assert twice(kept(status=404)) == 2
    assert twice(lambda request: HttpResponse("not kept")) == 2


def test_a_visitor_with_a_session_or_messages_never_gets_the_anonymous_copy(db):
    view = CountingView(kept())
    middleware = pagecache.PageCacheMiddleware(view)
    middleware(RequestFactory().get("/k5"))  # kept for anonymous visitors
    for cookie in ["sessionid=abc", "messages=abc"]:
        middleware(RequestFactory().get("/k5", HTTP_COOKIE=cookie))
    middleware(RequestFactory().get("/k5"))
    assert view.calls == 3


def test_a_page_kept_for_a_minute_is_not_served_after_it_by_another_worker(db):
    """A worker that copies a shared entry into its own memory keeps the entry's own lifetime,
    not the page cache's longest one: the browse page, kept for 60 s, is built again after 60 s
    in every worker."""
    from django.core.cache import caches

    def view(request):
        return pagecache.keep(HttpResponse("page"), timeout=60)

    counting = CountingView(view)
    middleware = pagecache.PageCacheMiddleware(counting)
    start = 1_900_000_000.0
    with mock.patch("time.time", return_value=start):
        middleware(RequestFactory().get("/k5"))  # built and stored
    caches["pages"].clear()  # another worker: only the shared cache has it
    with mock.patch("time.time", return_value=start + 30):
        middleware(RequestFactory().get("/k5"))  # copied from the shared cache
    assert counting.calls == 1
    later = start + 61
    with (
        mock.patch("time.time", return_value=later),
        mock.patch(
            "django.utils.timezone.now",
            return_value=datetime.datetime.fromtimestamp(later, tz=datetime.UTC),
        ),
    ):
        middleware(RequestFactory().get("/k5"))
    assert counting.calls == 2
