"""The version of the staff-written pages: every cached page is stamped with it.

Saving or deleting a page (admin, ``load_pages``) makes a new version through the model signals
connected in ``pages.apps``, so an edit shows at the next request."""

from pdsite.cache_version import CacheVersion

VERSION = CacheVersion("pages:version")
bump_version = VERSION.bump
