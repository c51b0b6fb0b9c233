from django import forms
from django.contrib import admin
from django.utils.html import format_html

from pdsite.markdown import render_cached

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "url", "body"]
    readonly_fields = ["updated_at", "preview"]
    fieldsets = [
        (None, {"fields": ["title", "url", "description", "is_published", "in_sitemap"]}),
        ("Text", {"fields": ["body", "preview", "updated_at"]}),
    ]

    class Media:
        css = {"all": ["css/admin-pages.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            # A page is long: room for a screenful of Markdown, in a fixed-width font.
            kwargs["widget"] = forms.Textarea(
                attrs={"rows": 30, "class": "markdown-editor", "spellcheck": "true"}
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Preview (as last saved)")
    def preview(self, page):
        if not page.pk:
            return "Save the page to see a preview."
        return format_html('<div class="page-preview">{}</div>', render_cached(page.body))
