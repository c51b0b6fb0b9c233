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
    errors: bool = False  # shows form errors without a POST (a search that failed)

    @property
    def shows_errors(self):
        return self.submit_empty or self.errors

    def resolve(self):
        """The page's address, after creating any rows it needs."""
        return self.path() if callable(self.path) else self.path


PUBLIC_PAGES = [
    PublicPage("overview", "/"),
    PublicPage("privacy", "/privacy"),
    PublicPage("certificate-lookup", "/certificates"),
    PublicPage("certificate-lookup-errors", "/certificates?number=ABC", errors=True),
    PublicPage("k5", "/k5"),
    PublicPage("philosophy", "/educate/professional-development-philosophy"),
    PublicPage("districts", "/educate/districts"),
    PublicPage("finder", "/professional-development-workshops"),
    PublicPage("not-found", "/no-such-page-here", status=404),
]


# Pages that need rows: each function creates them (in the test's database) and returns the
# address. The factories are imported inside, so that this module loads before Django is set up.
def _workshop(**fields):
    from tests.workshops.conftest import make_workshop

    return make_workshop(**fields)


def finder_results():
    from tests.workshops.conftest import make_enrollment

    _workshop(zip_code="60601", title="The Loop workshop", venue_name="Harold Washington Library")
    _workshop(zip_code="60614", title="Lincoln Park workshop")
    make_enrollment(_workshop(zip_code="60201", title="Evanston workshop", capacity=1))
    return "/professional-development-workshops?q=Chicago%2C+IL"


def finder_no_results():
    _workshop(zip_code="60601", title="The Loop workshop")
    return "/professional-development-workshops?q=99501&distance=25"


def finder_bad_place():
    return "/professional-development-workshops?q=Springfield"


def state_page():
    _workshop(zip_code="60601", title="The Loop workshop")
    _workshop(zip_code="62701", title="Springfield workshop")
    return "/professional-development-workshops/state/IL"


def workshop_page():
    return _workshop(title="Computer science fundamentals, K-5", notes="Park in the back lot.")


def open_workshop():
    return workshop_page().get_absolute_url()


def full_workshop():
    from tests.workshops.conftest import make_enrollment

    workshop = _workshop(title="Full workshop", venue_name="Garfield School", capacity=1)
    make_enrollment(workshop)
    return workshop.get_absolute_url()


def past_workshop():
    import datetime

    start = datetime.datetime.now() - datetime.timedelta(days=30)
    return _workshop(
        title="Past workshop", local_start=start.replace(hour=9, minute=0, microsecond=0)
    ).get_absolute_url()


def cancelled_workshop():
    workshop = _workshop(title="Cancelled workshop", venue_name="Dunbar School", status="cancelled")
    return workshop.get_absolute_url()


def signup_page():
    return workshop_page().get_absolute_url() + "/signup"


def enrollment_page():
    from tests.workshops.conftest import make_enrollment

    return make_enrollment(workshop_page()).get_absolute_url()


def cancel_page():
    from tests.workshops.conftest import make_enrollment

    return make_enrollment(workshop_page()).get_absolute_url() + "/cancel"


def cancelled_page():
    from tests.workshops.conftest import make_enrollment

    enrollment = make_enrollment(workshop_page(), status="cancelled")
    return enrollment.get_absolute_url() + "/cancel"


def alert_confirm_page():
    from tests.alerts.factories import make_alert

    alert = make_alert("pending@example.org", status="pending")
    return f"/professional-development-workshops/alerts/confirm/{alert.token}"


def alert_unsubscribe_page():
    from tests.alerts.factories import make_alert

    alert = make_alert("confirmed@example.org")
    return f"/professional-development-workshops/alerts/unsubscribe/{alert.token}"


def _certificate(revoked=False):
    from certificates.services import revoke
    from tests.certificates.conftest import MINH, make_certificate

    certificate = make_certificate((MINH,), title="Computer science in the early grades")
    if revoked:
        revoke(certificate=certificate)
    return certificate


def certificate_page():
    return _certificate().get_absolute_url()


def revoked_certificate_page():
    return _certificate(revoked=True).get_absolute_url()


def enrollment_with_certificate():
    return _certificate().enrollment.get_absolute_url()


def correct_name_page():
    return _certificate().enrollment.get_absolute_url() + "/certificate/name"


def survey_page():
    return _certificate().enrollment.feedback.get_absolute_url()


DATA_PAGES: list[PublicPage] = [
    PublicPage("certificate", certificate_page),
    PublicPage("certificate-revoked", revoked_certificate_page),
    PublicPage("enrollment-certificate", enrollment_with_certificate),
    PublicPage("certificate-name", correct_name_page),
    PublicPage("certificate-name-errors", correct_name_page, submit_empty=True),
    PublicPage("survey", survey_page),
    PublicPage("survey-errors", survey_page, submit_empty=True),
    PublicPage("finder-results", finder_results),
    PublicPage("finder-no-results", finder_no_results),
    PublicPage("finder-bad-place", finder_bad_place, errors=True),
    PublicPage("state", state_page),
    PublicPage("workshop", open_workshop),
    PublicPage("workshop-full", full_workshop),
    PublicPage("workshop-past", past_workshop),
    PublicPage("workshop-cancelled", cancelled_workshop),
    PublicPage("signup", signup_page),
    PublicPage("signup-errors", signup_page, submit_empty=True),
    PublicPage("enrollment", enrollment_page),
    PublicPage("cancel", cancel_page),
    PublicPage("cancelled", cancelled_page),
    PublicPage("districts-errors", "/educate/districts", submit_empty=True),
    PublicPage("districts-thanks", "/educate/districts/thank-you"),
    PublicPage("alerts", "/professional-development-workshops/alerts"),
    PublicPage("alerts-errors", "/professional-development-workshops/alerts", submit_empty=True),
    PublicPage("alerts-sent", "/professional-development-workshops/alerts/sent"),
    PublicPage("alert-confirm", alert_confirm_page),
    PublicPage("alert-unsubscribe", alert_unsubscribe_page),
    PublicPage("partners", "/professional-development-workshops/partners"),
]

ALL_PAGES = PUBLIC_PAGES + DATA_PAGES


def page_params(pages=None):
    """``pytest.param`` per page, with the page's name as the test id."""
    return [pytest.param(page, id=page.name) for page in (ALL_PAGES if pages is None else pages)]
