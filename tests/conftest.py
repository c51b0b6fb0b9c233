import os

import pytest
from django.core.cache import caches
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property-based tests (tests/test_fuzz.py): a few examples per test in `make test` (fixed seed,
# so the suite is repeatable), 2,000 per test in `make fuzz` (HYPOTHESIS_PROFILE=fuzz, random).
_hypothesis = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("default", max_examples=25, derandomize=True, **_hypothesis)
hypothesis_settings.register_profile("fuzz", max_examples=2000, print_blob=True, **_hypothesis)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, rendered Markdown, page fragments)."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to a Spanish address leaves Spanish active in the thread (LocaleMiddleware sets
    it for each request and never unsets it): each test starts in English, as a process does."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def pages(db):
    """The PD programme pages as `make run` loads them."""
    from django.core.management import call_command

    call_command("load_pages", verbosity=0)
