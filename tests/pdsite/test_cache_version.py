"""Version tokens in the cache (pdsite.cache_version): made once, kept, changed by a bump."""

from unittest import mock

from django.core.cache import cache

from pdsite import cache_version
from pdsite.cache_version import CacheVersion, current, still_current


def test_missing_tokens_are_made_together_and_then_kept(db):
    versions = [CacheVersion("test:a"), CacheVersion("test:b", timeout=60)]
    with (
        mock.patch.object(cache_version.cache, "set_many", wraps=cache.set_many) as set_many,
        mock.patch.object(cache_version.cache, "add", wraps=cache.add) as add,
    ):
        first = current(versions)
    # One write per timeout, none per token.
    assert [call.kwargs["timeout"] for call in set_many.call_args_list] == [None, 60]
    assert add.call_count == 0
    assert set(first) == {"test:a", "test:b"}
    assert len(set(first.values())) == 2
    assert current(versions) == first
    assert versions[0].get() == first["test:a"]
    assert still_current(tuple(first.items()))


def test_a_bump_changes_the_token_and_ends_what_was_stamped_with_the_old_one(db):
    version = CacheVersion("test:c")
    stamp = tuple(current([version]).items())
    version.bump()
    assert current([version])["test:c"] != stamp[0][1]
    assert not still_current(stamp)
