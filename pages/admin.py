from django import forms
from django.contrib import admin
from django.utils.html import format_html

from pdsite.markdown import render_cached

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_filter = ["is_published"]
    list_display = ["title", "url", "is_published", "spanish", "updated_at"]
    search_fields = ["title", "url", "body", "title_es", "body_es"]
    readonly_fields = ["updated_at", "preview", "preview_es"]
    fieldsets = [
        (None, {"fields": ["title", "url", "description", "is_published", "in_sitemap"]}),
        ("Text", {"fields": ["body", "preview", "updated_at"]}),
        ("Spanish", {"fields": ["title_es", "description_es", "body_es", "preview_es"]}),
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

    @admin.display(description="Preview of the Spanish (as last saved)")
    def preview_es(self, page):
        if not page.pk:
            return "Save the page to see a preview."
        if not page.has_spanish:
            return "No Spanish yet: Spanish visitors see the English page under a short note."
        return format_html(
            '<div class="page-preview" lang="es">{}</div>', render_cached(page.body_es)
        )

    @admin.display(description="Spanish", boolean=True)
    def spanish(self, page):
        return page.has_spanish
