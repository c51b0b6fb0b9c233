import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pdsite.settings")

application = get_wsgi_application()

# Build the in-memory place tables (every US ZIP code, a few seconds) while the server starts,
# not in a visitor's request. Only when serving: tests and commands never import this module.
from workshops import geo  # noqa: E402

geo.warm()
