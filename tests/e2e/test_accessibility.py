"""Every public page has zero axe-core violations of WCAG 2.1 A and AA, on a desktop and a phone.

The pages come from ``tests/public_pages.py``; adding a page there adds it here.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.public_pages import ALL_PAGES, page_params

from .helpers import (
    DESKTOP,
    PHONE,
    activate,
    focused,
    open_public_page,
    tab_to,
    unexpected_problems,
)

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],  # details of passing rules are not sent back: faster
}

axe = Axe()


def violations_report(violations):
    """One readable block per violation: rule, impact, help link, and each offending element."""
    lines = []
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, label):
    results = axe.run(page, options=WCAG_21_AA)
    violations = results.response["violations"]
    assert violations == [], f"{label}: {len(violations)} axe violation(s)" + violations_report(
        violations
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("public_page", page_params())
def test_page_has_no_wcag_violations(site, watched_page, public_page, viewport):
    watched_page.set_viewport_size(viewport)
    open_public_page(watched_page, site, public_page)
    assert_no_axe_violations(watched_page, f"{public_page.name} at {viewport['width']} px")
    assert unexpected_problems(watched_page, public_page) == []


def test_skip_link_is_first_and_moves_focus_to_main(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/k5")
    page.keyboard.press("Tab")
    assert focused(page) == "<a> Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url == site + "/k5#main"


def test_phone_menu_opens_and_follows_a_link_by_keyboard(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    finder_link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Find a workshop"
    )
    assert not finder_link.is_visible()
    path = activate(page, page.get_by_role("button", name="Show the menu"))
    assert path == [
        "<a> Skip to main content",
        "<a> CS Educators Alliance",
        "<button> Show the menu",
    ]
    finder_link.wait_for(state="visible")
    assert_no_axe_violations(page, "the phone menu, open")
    tab_to(page, finder_link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + "/professional-development-workshops"


_ERROR_LINKS = """() => {
  const problems = [];
  const summary = document.querySelector("[data-error-summary]");
  for (const link of summary.querySelectorAll("a[href^='#']")) {
    if (!document.getElementById(link.getAttribute("href").slice(1))) {
      problems.push(`summary link ${link.getAttribute("href")} leads nowhere`);
    }
  }
  const invalid = [...document.querySelectorAll("[aria-invalid='true']")];
  if (!invalid.length) problems.push("no field is marked aria-invalid");
  for (const field of invalid) {
    const owner = field.hasAttribute("aria-describedby") ? field
      : field.closest("fieldset[aria-describedby]");
    const ids = owner ? owner.getAttribute("aria-describedby").split(/\\s+/) : [];
    const texts = ids.map(id => document.getElementById(id)).filter(Boolean)
      .map(el => el.innerText.trim());
    if (!ids.some(id => id.endsWith("error") && document.getElementById(id))) {
      problems.push(`${field.id}: its error is not linked by aria-describedby`);
    }
    if (texts.some(text => !text)) problems.push(`${field.id}: an empty description`);
  }
  return problems;
}"""


@pytest.mark.parametrize(
    "public_page", page_params([page for page in ALL_PAGES if page.shows_errors])
)
def test_form_errors_are_announced_and_linked(site, watched_page, public_page):
    """The error summary (role=alert) has focus; each of its links leads to a field; each
    field in error names its error through aria-describedby."""
    page = watched_page
    open_public_page(page, site, public_page)
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_have_attribute("tabindex", "-1")
    expect(summary).to_be_focused()
    assert page.evaluate(_ERROR_LINKS) == []
    assert page.problems == []
