"""Browser journeys between the PD programme pages: buttons, header navigation, in-page links and
the phone menu, with no console errors and no failed requests on any page."""

import re

from playwright.sync_api import expect

PHILOSOPHY = "/educate/professional-development-philosophy"


def h1(page):
    return page.locator("h1").inner_text()


def test_overview_learn_more_leads_to_k5(site, watched_page):
    page = watched_page
    page.goto(site + "/")
    assert h1(page) == "Professional development for computer science teachers"
    page.get_by_role("link", name="Learn more about K-5 workshops", exact=True).click()
    page.wait_for_url(site + "/k5")
    assert h1(page) == "Computer science for K-5: free one-day workshops"
    assert page.problems == []


def test_header_navigation_between_the_pd_pages(site, watched_page):
    page = watched_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Main")
    for link, address, title in [
        ("K-5", "/k5", "Computer science for K-5: free one-day workshops"),
        ("Find a workshop", "/professional-development-workshops", "Find a K-5 workshop"),
        ("Districts", "/educate/districts", "District partnerships"),
        ("Overview", "/", "Professional development for computer science teachers"),
    ]:
        nav.get_by_role("link", name=link, exact=True).click()
        page.wait_for_url(site + address)
        assert h1(page) == title
        expect(nav.get_by_role("link", name=link, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
    assert page.problems == []


def test_in_page_links_between_the_pd_pages(site, watched_page):
    page = watched_page
    page.goto(site + "/")

    # The jump links go to the sections of the overview.
    page.get_by_role("link", name="High school computer science", exact=True).click()
    page.wait_for_url(site + "/#high-school")
    expect(page.locator("#high-school")).to_be_in_viewport()

    # The overview's buttons and closing link.
    page.get_by_role("link", name="Inquire about a district partnership").first.click()
    page.wait_for_url(site + "/educate/districts")
    assert h1(page) == "District partnerships"
    page.go_back()
    page.get_by_role("link", name="Read our professional development philosophy").click()
    page.wait_for_url(site + PHILOSOPHY)
    assert h1(page) == "Our professional development philosophy"

    # The philosophy page links to the K-5 page, which links to the districts page.
    page.locator("article").get_by_role("link", name="K-5 workshops").click()
    page.wait_for_url(site + "/k5")
    page.locator("article").get_by_role("link", name="district partnerships").click()
    page.wait_for_url(site + "/educate/districts")

    # The districts page links back to the overview's middle-school section.
    page.get_by_role("link", name="professional development overview").click()
    page.wait_for_url(site + "/#middle-school")
    expect(page.locator("#middle-school")).to_be_in_viewport()

    # The K-5 page's "find a workshop" buttons lead to the finder.
    page.goto(site + "/k5")
    page.get_by_role("link", name="Find a workshop (for K-5 teachers)").first.click()
    page.wait_for_url(site + "/professional-development-workshops")
    assert page.problems == []


def test_footer_leads_to_the_philosophy_page(site, watched_page):
    page = watched_page
    page.goto(site + "/k5")
    page.get_by_role("contentinfo").get_by_role("link", name="Our PD philosophy").click()
    page.wait_for_url(site + PHILOSOPHY)
    assert h1(page) == "Our professional development philosophy"
    assert page.problems == []


def test_phone_menu_opens_and_its_links_work(site, watched_page):
    page = watched_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site + "/")
    toggler = page.get_by_role("button", name="Show the menu")
    districts = page.get_by_role("navigation", name="Main").get_by_role("link", name="Districts")
    expect(districts).to_be_hidden()
    expect(toggler).to_have_attribute("aria-expanded", "false")

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(districts).to_be_visible()
    districts.click()
    page.wait_for_url(site + "/educate/districts")
    assert h1(page) == "District partnerships"

    page.get_by_role("button", name="Show the menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="K-5").click()
    page.wait_for_url(site + "/k5")
    assert h1(page) == "Computer science for K-5: free one-day workshops"
    # The page fits the phone's width: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.problems == []


def test_unknown_address_shows_the_404_page(site, watched_page):
    page = watched_page
    response = page.goto(site + "/no-such-page")
    assert response.status == 404
    assert h1(page) == "We can't find that page"
    # The only problem is the page's own 404; its styles, scripts and images all load.
    assert sorted(page.problems) == [
        f"HTTP 404: {site}/no-such-page",
        "console error: Failed to load resource: the server responded with a status of 404 "
        "(Not Found)",
    ]
    assert re.match(r"Page not found \|", page.title())
