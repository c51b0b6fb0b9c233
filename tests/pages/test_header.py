"""The header and footer are rendered once per language and section and kept (the "fragments"
cache): one page's copy must never show on another page. Every page here is requested in one
test, so each reads the copies the pages before it left."""

import re

ACTIVE = ' active" aria-current="page'


def current_item(html):
    """The href of the header item marked as the current page, or None."""
    items = re.findall(r'<a class="nav-link( active" aria-current="page)?" href="([^"]+)">', html)
    assert len(items) == 4
    marked = [href for active, href in items if active == ACTIVE]
    assert len(marked) <= 1
    return marked[0] if marked else None


def switch_link(html):
    return re.findall(r'<a class="language-link" href="([^"]+)"', html)


def test_each_page_marks_its_own_section_and_links_to_itself_in_the_other_language(client, pages):
    expected = [
        ("/", "/", "/es/"),
        ("/k5", "/k5", "/es/k5"),
        ("/professional-development-workshops", "/professional-development-workshops",
         "/es/professional-development-workshops"),
        ("/professional-development-workshops/state/IL", "/professional-development-workshops",
         "/es/professional-development-workshops/state/IL"),
        ("/educate/districts", "/educate/districts", "/es/educate/districts"),
        ("/educate/professional-development-philosophy", None,
         "/es/educate/professional-development-philosophy"),
        ("/privacy", None, "/es/privacy"),
        ("/es/k5", "/es/k5", "/k5"),
        ("/es/", "/es/", "/"),
        ("/es/privacy", None, "/privacy"),
        ("/es/professional-development-workshops", "/es/professional-development-workshops",
         "/professional-development-workshops"),
    ]  # fmt: skip
    for address, marked, other_language in expected * 2:  # the second round: kept copies only
        html = client.get(address).content.decode()
        assert (current_item(html), switch_link(html)) == (marked, [other_language]), address


def test_the_footer_is_in_the_page_s_language(client, pages):
    english = client.get("/k5").content.decode()
    spanish = client.get("/es/k5").content.decode()
    assert "Verify a certificate" in english.split('<footer class="site-footer">')[1]
    assert "Verify a certificate" not in spanish.split('<footer class="site-footer">')[1]
    assert 'href="/es/certificates"' in spanish.split('<footer class="site-footer">')[1]
