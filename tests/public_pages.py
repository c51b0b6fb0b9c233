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

import itertools
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
    signed_in: bool = False  # a facilitator's page: the checks sign in as ``facilitator()``

    @property
    def shows_errors(self):
        return self.submit_empty or self.errors

    def resolve(self):
        """The page's address, after creating any rows it needs."""
        return self.path() if callable(self.path) else self.path

    def sign_in(self, client):
        """A Django test client signed in as the facilitator for a signed-in page, signed out
        for any other."""
        if self.signed_in:
            client.force_login(facilitator())
        else:
            client.logout()


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


_alerts = itertools.count(1)


def alert_confirm_page():
    from tests.alerts.factories import make_alert

    # A new address each time: the page is also rendered in Spanish (SPANISH_PAGES).
    alert = make_alert(f"pending{next(_alerts)}@example.org", status="pending")
    return f"/professional-development-workshops/alerts/confirm/{alert.token}"


def alert_unsubscribe_page():
    from tests.alerts.factories import make_alert

    alert = make_alert(f"confirmed{next(_alerts)}@example.org")
    return f"/professional-development-workshops/alerts/unsubscribe/{alert.token}"


# The facilitators' pages (signed in as one facilitator, who leads a workshop running now).
FACILITATOR_PASSWORD = "a-long-facilitator-passphrase"


def facilitator():
    """The facilitator the signed-in pages are seen as (made once per database)."""
    from django.contrib.auth.models import Group, User

    user, created = User.objects.get_or_create(
        username="page-facilitator",
        defaults={"first_name": "Jordan", "last_name": "Lee", "email": "jordan@example.org"},
    )
    if created:
        user.set_password(FACILITATOR_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    return user


def _led_workshop(**fields):
    import datetime

    from django.utils import timezone

    from attendance import services
    from tests.workshops.conftest import make_enrollment

    start = timezone.now() - datetime.timedelta(hours=1)
    fields.setdefault("title", "Computer science fundamentals, K-5")
    workshop = _workshop(starts_at=start, ends_at=start + datetime.timedelta(hours=6), **fields)
    workshop.facilitators.add(facilitator())
    names = [("Ada", "Byron"), ("Grace", "Hopper-Montgomery"), ("Katherine", "Johnson")]
    for first, last in names:
        make_enrollment(workshop, first_name=first, last_name=last, school_name="Park Elementary")
    waiting = make_enrollment(workshop, first_name="Mary", last_name="Jackson", status="waitlisted")
    services.record(enrollment=waiting, present=True, by=facilitator())
    return workshop


def facilitate_home():
    import datetime

    _led_workshop()
    past = _workshop(title="Loops and events", local_start=datetime.datetime(2026, 3, 5, 9))
    past.facilitators.add(facilitator())
    return "/facilitate/"


def facilitate_roster():
    return f"/facilitate/workshops/{_led_workshop().pk}"


def facilitate_attendance():
    return f"/facilitate/workshops/{_led_workshop().pk}/attendance"


def facilitate_attendance_closed():
    from attendance import services

    workshop = _led_workshop()
    services.close_attendance(workshop=workshop, by=facilitator())
    return f"/facilitate/workshops/{workshop.pk}/attendance"


def facilitate_walk_in():
    return f"/facilitate/workshops/{_led_workshop().pk}/walk-in"


def facilitate_complete():
    return f"/facilitate/workshops/{_led_workshop().pk}/complete"


FACILITATE_PAGES = [
    PublicPage("facilitate-login", "/facilitate/login"),
    PublicPage("facilitate-login-errors", "/facilitate/login", submit_empty=True),
    PublicPage("facilitate-password-reset", "/facilitate/password-reset"),
    PublicPage("facilitate-password-reset-sent", "/facilitate/password-reset/sent"),
    PublicPage("facilitate-password-reset-bad-link", "/facilitate/password-reset/MQ/bad-link"),
    PublicPage("facilitate-home", facilitate_home, signed_in=True),
    PublicPage("facilitate-roster", facilitate_roster, signed_in=True),
    PublicPage("facilitate-attendance", facilitate_attendance, signed_in=True),
    PublicPage("facilitate-attendance-closed", facilitate_attendance_closed, signed_in=True),
    PublicPage("facilitate-walk-in", facilitate_walk_in, signed_in=True),
    PublicPage("facilitate-walk-in-errors", facilitate_walk_in, signed_in=True, submit_empty=True),
    PublicPage("facilitate-complete", facilitate_complete, signed_in=True),
]


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


def in_spanish(page):
    """The same page at its Spanish address (/es/...)."""

    def spanish_address():
        from django.utils import translation

        from pdsite.i18n import localized

        with translation.override("en"):
            return localized(page.resolve(), "es")

    return PublicPage(
        f"es-{page.name}",
        spanish_address,
        page.status,
        page.submit_empty,
        page.errors,
        page.signed_in,
    )


# Every check runs on these in Spanish too: the pages whose text is translated (issue 18).
SPANISH_PAGES = [
    in_spanish(page)
    for page in PUBLIC_PAGES + DATA_PAGES + FACILITATE_PAGES
    if page.name.startswith("facilitate-")
    or page.name
    in {
        "overview",
        "k5",
        "philosophy",
        "districts",
        "districts-errors",
        "districts-thanks",
        "not-found",
        "alerts",
        "alerts-errors",
        "alerts-sent",
        "alert-confirm",
        "alert-unsubscribe",
        "finder",
        "finder-results",
        "finder-no-results",
        "finder-bad-place",
        "state",
        "workshop",
        "workshop-full",
        "workshop-past",
        "workshop-cancelled",
        "signup",
        "signup-errors",
        "enrollment",
        "cancel",
        "cancelled",
        "partners",
        "certificate",
        "certificate-revoked",
        "certificate-lookup",
        "certificate-lookup-errors",
        "enrollment-certificate",
        "certificate-name",
        "certificate-name-errors",
        "survey",
        "survey-errors",
        "privacy",
    }
]

ALL_PAGES = PUBLIC_PAGES + DATA_PAGES + FACILITATE_PAGES + SPANISH_PAGES


def page_params(pages=None):
    """``pytest.param`` per page, with the page's name as the test id."""
    return [pytest.param(page, id=page.name) for page in (ALL_PAGES if pages is None else pages)]
