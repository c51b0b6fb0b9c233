import copy

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from pdsite.i18n import SPANISH, active_language, localized

url_validator = RegexValidator(
    r"^/([a-z0-9][a-z0-9/_-]*[a-z0-9])?$",
    _(
        "Start with / and use lower-case letters, digits, hyphens and slashes, with no slash at "
        "the end (for example /educate/districts)."
    ),
)


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def shown(self, url, language=None):
        """The page at ``url`` as a visitor in ``language`` sees it (``Page.in_language``), or
        None if there is no such page here."""
        page = self.filter(url=url).first()
        return None if page is None else page.in_language(language)


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
    # Spanish beside the English, on the same row: staff edit both in one form, a page is one
    # row whatever the language, and the pages' cache version covers both.
    title_es = models.CharField(
        "title (Spanish)",
        max_length=120,
        blank=True,
        help_text="Leave the Spanish title and text empty until they are ready: Spanish "
        "visitors then see the English page under a short note.",
    )
    description_es = models.CharField("meta description (Spanish)", max_length=300, blank=True)
    body_es = models.TextField("body (Spanish)", blank=True, help_text="Markdown, as the body.")
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

    def save(self, *args, **kwargs):
        if hasattr(self, "shown_language"):
            raise ValueError("A page as shown in one language (in_language) is not saved.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return localized(self.url)

    @property
    def has_spanish(self):
        return bool(self.title_es.strip() and self.body_es.strip())

    def in_language(self, language=None):
        """The page as shown in ``language`` (default: the active one), for templates that
        read ``page.title``, ``page.description`` and ``page.body``: a copy holding the Spanish
        text when the page has it, else the English. ``shown_language`` says which. Never
        saved (``save`` refuses it), so the Spanish can never overwrite the English."""
        shown = copy.copy(self)
        shown.shown_language = "en"
        if (language or active_language()) == SPANISH and self.has_spanish:
            shown.title, shown.body = self.title_es, self.body_es
            shown.description = self.description_es or self.description
            shown.shown_language = SPANISH
        return shown
