from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

url_validator = RegexValidator(
    r"^/([a-z0-9][a-z0-9/_-]*[a-z0-9])?$",
    "Start with / and use lower-case letters, digits, hyphens and slashes, with no slash at the "
    "end (for example /educate/districts).",
)


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Page(models.Model):
    """A programme page written by staff in Markdown and served at its own address."""

    url = models.CharField(
        "address",
        max_length=200,
        unique=True,
        validators=[url_validator],
        help_text="Where the page lives on the site, e.g. /k5. No slash at the end.",
    )
    title = models.CharField(
        max_length=120, help_text="The page's main heading and the browser tab's title."
    )
    description = models.CharField(
        "meta description",
        max_length=300,
        help_text="One or two sentences shown by search engines and link previews.",
    )
    body = models.TextField(
        help_text="Markdown. Headings with ## and ###; a button: "
        "[Label](/address){.btn .btn-primary}. Scripts and styles are removed."
    )
    is_published = models.BooleanField(
        "published", default=True, help_text="Unpublished pages are not shown to the public."
    )
    in_sitemap = models.BooleanField(default=True, help_text="List the page in sitemap.xml.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        constraints = [
            models.UniqueConstraint(Lower("url"), name="page_url_unique_ci"),
        ]

    def __str__(self):
        return f"{self.title} ({self.url})"

    def get_absolute_url(self):
        return self.url
