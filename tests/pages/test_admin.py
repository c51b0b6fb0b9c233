"""Staff edit pages in the admin: an edit shows at once, the preview renders, View on site."""

import pytest
from django.contrib.auth import get_user_model

from pages.models import Page

from .conftest import headings


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-12345")
    client.force_login(user)
    return client


def change_form_data(page, **changes):
    data = {
        "title": page.title,
        "url": page.url,
        "description": page.description,
        "is_published": "on",
        "in_sitemap": "on",
        "body": page.body,
    }
    data.update(changes)
    return data


def test_a_staff_edit_shows_on_the_page_at_once(client, staff_client, pages):
    page = Page.objects.get(url="/k5")
    before = client.get("/k5").content.decode()  # rendered and cached
    assert "Workshops now in Alaska" not in before

    body = page.body.replace(
        "## The elementary courses",
        "## Workshops now in Alaska\n\nNew this year.\n\n## The elementary courses",
    )
    response = staff_client.post(
        f"/admin/pages/page/{page.pk}/change/",
        change_form_data(page, title="K-5 workshops", body=body),
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/page/"

    html = client.get("/k5").content.decode()
    assert headings(html, 1) == ["K-5 workshops"]
    assert headings(html, 2)[0] == "Workshops now in Alaska"
    assert (
        '<h2 id="workshops-now-in-alaska">Workshops now in Alaska</h2>\n<p>New this year.</p>'
        in html
    )
    assert "<title>K-5 workshops | CS Educators Alliance</title>" in html


def test_staff_script_is_removed_from_the_page(client, staff_client, pages):
    page = Page.objects.get(url="/k5")
    staff_client.post(
        f"/admin/pages/page/{page.pk}/change/",
        change_form_data(
            page,
            body='Hi <script>alert(1)</script><b onclick="x()">there</b> [x](javascript:alert(2))',
        ),
    )
    article = client.get("/k5").content.decode().split("<article")[1].split("</article>")[0]
    assert "<script" not in article
    assert "onclick" not in article
    assert "javascript:" not in article
    assert '<p>Hi <b>there</b> <a rel="noopener noreferrer">x</a></p>' in article


def test_an_invalid_address_is_refused_with_a_clear_message(staff_client, pages):
    page = Page.objects.get(url="/k5")
    response = staff_client.post(
        f"/admin/pages/page/{page.pk}/change/", change_form_data(page, url="/K5/")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "url": [
            "Start with / and use lower-case letters, digits, hyphens and slashes, with no slash "
            "at the end (for example /educate/districts)."
        ]
    }
    assert Page.objects.get(pk=page.pk).url == "/k5"


def test_change_form_shows_a_rendered_preview(staff_client, pages):
    page = Page.objects.get(url="/educate/professional-development-philosophy")
    html = staff_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert '<div class="page-preview"><p class="lead">For the intellectually curious:' in html
    assert '<h2 id="teachers-learn-the-way-their-students-do">' in html
    assert '<link href="/static/css/admin-pages.css" media="all" rel="stylesheet">' in html


def test_view_on_site_opens_the_page(staff_client, pages):
    for url in ["/", "/k5", "/educate/districts", "/educate/professional-development-philosophy"]:
        page = Page.objects.get(url=url)
        change = staff_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
        view_on_site = change.split('class="viewsitelink"')[0].rsplit('href="', 1)[1].split('"')[0]
        response = staff_client.get(view_on_site)
        assert response.status_code == 302
        assert response["Location"] == "http://testserver" + url
        assert staff_client.get(url).context["page"] == page


def test_page_list_shows_the_pages(staff_client, pages):
    response = staff_client.get("/admin/pages/page/")
    assert [str(p) for p in response.context["cl"].result_list] == [
        "Professional development for computer science teachers (/)",
        "District partnerships (/educate/districts)",
        "Our professional development philosophy (/educate/professional-development-philosophy)",
        "Computer science for K-5: free one-day workshops (/k5)",
    ]
