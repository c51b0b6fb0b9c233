from django.urls import path, re_path
from django.views.generic import RedirectView

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.page, {"url": "/"}, name="overview"),
    path(
        "educate/professional-development",
        views.page,
        {"url": "/", "canonical": "/"},
        name="overview-alias",
    ),
    path("k5", views.page, {"url": "/k5"}, name="k5"),
    path(
        "educate/professional-development-philosophy",
        views.page,
        {"url": "/educate/professional-development-philosophy"},
        name="philosophy",
    ),
    # Old addresses: /educate2/<x> moved to /educate/<x>.
    re_path(
        r"^educate2/(?P<rest>[\w/-]*)$",
        RedirectView.as_view(url="/educate/%(rest)s", permanent=True, query_string=True),
    ),
]

# Staff-added pages; keep last in the root URLconf.
catch_all = [re_path(r"^(?P<path>[a-z0-9][a-z0-9/_-]*)$", views.catch_all, name="page")]
