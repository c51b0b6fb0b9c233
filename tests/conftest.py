import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, rendered Markdown, page fragments)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pages(db):
    """The PD programme pages as `make run` loads them."""
    from django.core.management import call_command

    call_command("load_pages", verbosity=0)
