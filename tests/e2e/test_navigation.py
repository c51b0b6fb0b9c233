def test_overview_learn_more_leads_to_k5(site, watched_page):
    page = watched_page
    page.goto(site + "/")
    page.get_by_role("link", name="Learn more").first.click()
    page.wait_for_url(site + "/k5")
    assert page.locator("h1").inner_text() != ""
    assert page.problems == []
