"""Addresses of CONTENT.md, the old /educate2/ addresses, the 404 page, robots.txt and sitemap."""

import pytest

from pages.models import Page

from .conftest import headings

PAGES = {
    "/": "Professional development for computer science teachers",
    "/educate/professional-development": "Professional development for computer science teachers",
    "/k5": "Computer science for K-5: free one-day workshops",
    "/educate/districts": "District partnerships",
    "/educate/professional-development-philosophy": "Our professional development philosophy",
}


@pytest.mark.parametrize(("address", "title"), PAGES.items())
def test_each_address_serves_its_page(get_page, address, title):
    response, html = get_page(address)
    assert headings(html, 1) == [title]
    assert response.context["page"].title == title


def test_overview_alias_has_the_root_as_canonical(get_page):
    for address in ["/", "/educate/professional-development"]:
        response, html = get_page(address)
        assert response.context["page"].url == "/"
        assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in html
        assert '<meta property="og:url" content="http://127.0.0.1:8000/">' in html


def test_other_pages_are_their_own_canonical(get_page):
    _, html = get_page("/k5")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/k5">' in html


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/educate2/professional-development-philosophy",
            "/educate/professional-development-philosophy",
        ),
        ("/educate2/districts", "/educate/districts"),
        ("/educate2/districts?utm_source=mail&x=1", "/educate/districts?utm_source=mail&x=1"),
        (
            "/educate2/professional-development-philosophy?from=old",
            "/educate/professional-development-philosophy?from=old",
        ),
    ],
)
def test_old_educate2_addresses_redirect_permanently(client, pages, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_unknown_address_gives_the_custom_404(client, pages):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "404.html"
    html = response.content.decode()
    assert headings(html, 1) == ["We can't find that page"]
    assert "<title>Page not found | CS Educators Alliance</title>" in html


def test_unpublished_page_is_a_404(client, pages):
    Page.objects.filter(url="/k5").update(is_published=False)
    response = client.get("/k5")
    assert response.status_code == 404
    assert headings(response.content.decode(), 1) == ["We can't find that page"]


def test_staff_added_page_is_served_at_its_address(client, db):
    Page.objects.create(url="/educate/summer", title="Summer", description="d", body="Hello")
    response = client.get("/educate/summer")
    assert response.status_code == 200
    assert headings(response.content.decode(), 1) == ["Summer"]


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /professional-development-workshops/signup/\n"
        "Disallow: /es/professional-development-workshops/signup/\n"
        "Sitemap: http://127.0.0.1:8000/sitemap.xml\n"
    )


def test_sitemap_lists_the_pages_with_site_url(client, pages, settings):
    settings.SITE_URL = "https://pd.example.org"
    Page.objects.create(url="/hidden", title="Hidden", description="d", body="x", in_sitemap=False)
    Page.objects.create(url="/draft", title="Draft", description="d", body="x", is_published=False)
    response = client.get("/sitemap.xml", HTTP_HOST="testserver")
    assert response.status_code == 200
    locs = [line.split("</loc>")[0] for line in response.content.decode().split("<loc>")[1:]]
    assert locs == [
        "https://pd.example.org/",
        "https://pd.example.org/es/",
        "https://pd.example.org/educate/districts",
        "https://pd.example.org/es/educate/districts",
        "https://pd.example.org/educate/professional-development-philosophy",
        "https://pd.example.org/es/educate/professional-development-philosophy",
        "https://pd.example.org/k5",
        "https://pd.example.org/es/k5",
        "https://pd.example.org/professional-development-workshops",
        "https://pd.example.org/es/professional-development-workshops",
    ]
