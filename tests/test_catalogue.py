"""The Spanish catalogue (locale/es/LC_MESSAGES): complete, consistent, and compiled.

Read with polib, so no system package is needed: `make messages` (GNU gettext) writes the
catalogue, these tests check what was committed."""

import re
from collections import Counter

import polib
import pytest
from django.conf import settings

LC_MESSAGES = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(LC_MESSAGES / "django.po"))


def forms(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "es"
    assert [e.msgid for e in po if not all(forms(e))] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")
TAG = re.compile(r"</?[a-z]+")


@pytest.mark.parametrize("pattern", [PLACEHOLDER, TAG], ids=["placeholders", "tags"])
def test_translations_keep_the_placeholders_and_the_markup(po, pattern):
    wrong = []
    for entry in po:
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        # A singular form may leave out the number ("un taller"); the plural keeps them all.
        expected = Counter(pattern.findall(sources[-1]))
        for text in forms(entry):
            found = Counter(pattern.findall(text))
            if found != expected and not (entry.msgid_plural and found <= expected):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_the_compiled_catalogue_is_the_committed_one(po):
    """`make messages` was run after the last change to django.po (the .mo is what Django
    reads)."""
    mo = polib.mofile(str(LC_MESSAGES / "django.mo"))

    def table(catalogue):
        return {(e.msgctxt, e.msgid): tuple(forms(e)) for e in catalogue if e.msgid}

    assert table(mo) == table(po)
