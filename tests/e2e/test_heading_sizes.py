"""On every public page a heading is never drawn larger than a heading of a higher level: an h4
is no larger than any h3, an h3 no larger than any h2 (issue 14: the districts page's phase
headings, h4, were larger than its programme headings, h3)."""

import pytest

from tests.public_pages import page_params

from .helpers import DESKTOP, PHONE, open_public_page

# Each visible heading's level and drawn font size, in document order.
_HEADINGS = """() => [...document.querySelectorAll(
    "main h1, main h2, main h3, main h4, main h5, main h6")]
  .filter(h => h.getClientRects().length)
  .map(h => ({level: +h.tagName[1], size: parseFloat(getComputedStyle(h).fontSize),
              text: h.innerText.trim().slice(0, 40)}))"""


def size_inversions(headings):
    """Pairs (larger deeper heading, smaller higher heading), in words."""
    problems = []
    for deep in headings:
        for high in headings:
            if high["level"] < deep["level"] and deep["size"] > high["size"]:
                problems.append(
                    f"h{deep['level']} {deep['text']!r} ({deep['size']}px) is larger than "
                    f"h{high['level']} {high['text']!r} ({high['size']}px)"
                )
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("public_page", page_params())
def test_heading_sizes_go_down_with_their_level(site, watched_page, public_page, viewport):
    watched_page.set_viewport_size(viewport)
    open_public_page(watched_page, site, public_page)
    headings = watched_page.evaluate(_HEADINGS)
    assert headings, "no heading drawn"
    assert size_inversions(headings) == []


def test_districts_page_is_drawn_like_the_programme_pages(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/educate/districts")
    style = page.evaluate(
        """() => {
        const card = document.querySelector(".phases > section");
        const lead = document.querySelector("p.lead");
        return {card: getComputedStyle(card).borderTopWidth,
                lead: getComputedStyle(lead).fontSize,
                body: document.querySelector("article").className};
    }"""
    )
    assert style == {"card": "4px", "lead": "20px", "body": "prose page-body"}
