"""Helpers for browser tests: open a page from the public list, and drive it by keyboard alone."""

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
NARROWEST = {"width": 320, "height": 640}


def open_public_page(page, site, public_page):
    """Go to a ``tests.public_pages.PublicPage`` (creating its rows) and check its status.

    With ``submit_empty`` the page's main POST form is then sent empty, the browser's own
    validation turned off, so the server's error summary and field errors are what is shown."""
    path = public_page.resolve()
    if public_page.signed_in:
        sign_in(page, site)
    response = page.goto(site + path)
    assert response is not None
    assert response.status == public_page.status, (
        f"{public_page.name}: {response.url} answered {response.status}, "
        f"expected {public_page.status}"
    )
    if public_page.submit_empty:
        # The page's own form, not the facilitators' sign-out button above it. (HTML matches
        # the method attribute case-insensitively.)
        form = page.locator("main form[method='post']:not([action$='/logout'])").first
        form.evaluate("form => { form.noValidate = true; }")
        with page.expect_navigation():
            form.locator("button[type='submit'], input[type='submit']").first.click()
    page.wait_for_load_state("load")
    return page


def sign_in(page, site, username="page-facilitator", password=None):
    """Sign in at /facilitate/login through its form, as a facilitator does."""
    from tests.public_pages import FACILITATOR_PASSWORD

    page.goto(site + "/facilitate/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or FACILITATOR_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def unexpected_problems(page, public_page):
    """``watched_page.problems`` less the page's own expected error status (the 404 page)."""
    if public_page.status < 400:
        return list(page.problems)
    expected = (
        f"HTTP {public_page.status}: ",
        f"console error: Failed to load resource: the server responded with a status of "
        f"{public_page.status}",
    )
    return [
        problem
        for problem in page.problems
        if not (problem.startswith(expected[1]) or problem == expected[0] + page.url)
    ]


# Keyboard only ---------------------------------------------------------------------------------
_DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "<body>";
  const name = (el.getAttribute("aria-label") || el.innerText || el.value || el.name || "")
    .trim().replace(/\\s+/g, " ").slice(0, 60);
  return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${name}`;
}"""


def focused(page):
    """A short description of the element that has focus: ``<a#id> its text``."""
    return page.evaluate(_DESCRIBE_FOCUS)


def tab_to(page, locator, max_tabs=80, backwards=False):
    """Press Tab (Shift+Tab) until ``locator`` has focus and return the focus path taken.

    Fails, listing every element that got focus on the way, when it is not reached: the way to
    find a focus trap or an element the keyboard cannot reach."""
    path = []
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(max_tabs):
        page.keyboard.press(key)
        path.append(focused(page))
        if locator.evaluate("el => el === document.activeElement"):
            return path
    raise AssertionError(
        f"{locator} not reached with {max_tabs} presses of {key}; focus went:\n  "
        + "\n  ".join(path)
    )


def activate(page, locator, max_tabs=80):
    """Tab to ``locator`` and press Enter (links, buttons, submit)."""
    path = tab_to(page, locator, max_tabs)
    page.keyboard.press("Enter")
    return path


def type_into(page, locator, text, max_tabs=80):
    """Tab to a field and type into it, as a keyboard user does."""
    path = tab_to(page, locator, max_tabs)
    page.keyboard.type(text)
    return path
