"""`manage.py load_pages` creates the pages, keeps staff edits, and --overwrite replaces them."""

from io import StringIO

import pytest
from django.core.management import call_command

from pages.models import Page


def load(*args):
    out = StringIO()
    call_command("load_pages", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_pages_twice_keeps_staff_edits_and_overwrite_replaces_them():
    assert load() == "Pages: 4 created, 0 overwritten, 0 kept as they are.\n"
    assert list(Page.objects.values_list("url", flat=True)) == [
        "/",
        "/educate/districts",
        "/educate/professional-development-philosophy",
        "/k5",
    ]
    Page.objects.filter(url="/k5").update(title="Edited by staff", body="Staff text")

    assert load() == "Pages: 0 created, 0 overwritten, 4 kept as they are.\n"
    k5 = Page.objects.get(url="/k5")
    assert (k5.title, k5.body) == ("Edited by staff", "Staff text")
    assert Page.objects.count() == 4

    assert load("--overwrite") == "Pages: 0 created, 4 overwritten, 0 kept as they are.\n"
    k5 = Page.objects.get(url="/k5")
    assert k5.title == "Computer science for K-5: free one-day workshops"
    assert k5.body.startswith("Young children can learn the basics of computer science")
    assert Page.objects.count() == 4


@pytest.mark.django_db
def test_a_deleted_page_comes_back_and_others_are_kept():
    load()
    Page.objects.filter(url="/educate/districts").delete()
    assert load() == "Pages: 1 created, 0 overwritten, 3 kept as they are.\n"
    assert Page.objects.get(url="/educate/districts").title == "District partnerships"


@pytest.mark.django_db
def test_the_spanish_files_fill_the_spanish_fields_and_never_replace_staff_spanish():
    load()
    k5 = Page.objects.get(url="/k5")
    assert k5.title_es == "Ciencias de la computación para K-5: talleres gratuitos de un día"
    assert k5.body_es.startswith("Los niños pequeños pueden aprender los fundamentos")
    assert sorted(Page.objects.filter(body_es="").values_list("url", flat=True)) == []

    # A site that had the pages before the Spanish: Spanish is added, English kept.
    Page.objects.filter(url="/k5").update(title="Edited by staff", title_es="", body_es="")
    Page.objects.filter(url="/").update(title_es="Editado por el equipo")
    assert load() == (
        "Pages: 0 created, 0 overwritten, 4 kept as they are.\n"
        "Spanish added to 1 page(s) that had none.\n"
    )
    k5 = Page.objects.get(url="/k5")
    assert (k5.title, k5.title_es) == (
        "Edited by staff",
        "Ciencias de la computación para K-5: talleres gratuitos de un día",
    )
    assert Page.objects.get(url="/").title_es == "Editado por el equipo"
