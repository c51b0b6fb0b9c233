"""Every public page, in one list, for the site-wide checks.

The accessibility (axe), valid-HTML (Nu checker), 320 px overflow and screenshot tests all run
over ``PUBLIC_PAGES``. Adding a page to every check is one line here.

An entry's ``path`` is either an address or a function that creates the rows the page needs
(inside the test's database) and returns the address, for example::

    def workshop_page():
        return make_workshop().get_absolute_url()

    PublicPage("workshop", workshop_page)

``submit_empty=True`` also checks the page's state after its main form is sent empty (the
error summary and field errors): the HTML checker POSTs no fields, the browser submits the
form with the browser's own validation turned off.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str | Callable[[], str]
    status: int = 200
    submit_empty: bool = False

    def resolve(self):
        """The page's address, after creating any rows it needs."""
        return self.path() if callable(self.path) else self.path


PUBLIC_PAGES = [
    PublicPage("overview", "/"),
    PublicPage("k5", "/k5"),
    PublicPage("philosophy", "/educate/professional-development-philosophy"),
    PublicPage("districts", "/educate/districts"),
    PublicPage("finder", "/professional-development-workshops"),
    PublicPage("not-found", "/no-such-page-here", status=404),
]

# INTEGRATOR: pages that need data or a finished feature go here as they land, e.g.
#   PublicPage("districts-errors", "/educate/districts", submit_empty=True),
#   PublicPage("finder-results", finder_results),   # loads demo workshops, returns "?q=..."
#   PublicPage("workshop", workshop_page),
#   PublicPage("signup-errors", workshop_signup_page, submit_empty=True),
#   PublicPage("enrollment", enrollment_page),  # returns the sign-up page address
#   PublicPage("cancel", enrollment_cancel_page),
DATA_PAGES: list[PublicPage] = []

ALL_PAGES = PUBLIC_PAGES + DATA_PAGES


def page_params(pages=None):
    """``pytest.param`` per page, with the page's name as the test id."""
    return [pytest.param(page, id=page.name) for page in (ALL_PAGES if pages is None else pages)]
