"""A pseudo-locale to find English the site wrote on a Spanish page or in a Spanish email.

``pseudo_spanish()`` wraps every Spanish translation the site has (its own catalogue and
Django's) in ``⟦ ⟧`` while it is active. ``leftovers(chunks, data)`` takes the wrapped parts out
of rendered text, then the rows' own data (names, places, staff-written text); any word still
there was written by the site without a Spanish translation: a string never marked, a marked
one missing from the catalogue, or one marked but left untranslated.

Why this and not a list of the English msgids: a list holds only the strings that were marked
(and the catalogue test already fails on any of those left untranslated); a string nobody
marked is in no list, and is the likelier mistake. The pseudo-locale needs no list and finds
both. Text inside an element marked ``lang="en"`` (the switcher's "English", an English page
shown under its Spanish note) is English on purpose and is skipped.
"""

import copy
import re
from contextlib import contextmanager
from html.parser import HTMLParser

from django.utils.translation import trans_real

OPEN, CLOSE, BREAK = "\u27e6", "\u27e7", "\u2029"
WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
ADDRESSES = re.compile(r"https?://\S+|\S+@\S+")
# Written by the site's date formats ("23 de marzo de 2027, 9:00 a. m. CDT"), not its catalogue.
FORMAT_WORDS = re.compile(r"\bde\b|\b[A-Z][DS]T\b|\bUTC\b")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
# Not text in any language: scripts, styles, and code shown as code (the feeds' parameters).
CODE = {"script", "style", "code", "pre"}


def _wrap(value):
    return f"{OPEN}{value}{CLOSE}" if isinstance(value, str) and value else value


@contextmanager
def pseudo_spanish():
    real = trans_real.translation("es")
    pseudo = copy.copy(real)
    catalog = copy.copy(real._catalog)
    catalog._catalogs = [
        {key: (value if key == "" else _wrap(value)) for key, value in part.items()}
        for part in real._catalog._catalogs
    ]
    pseudo._catalog = catalog
    trans_real._translations["es"] = pseudo
    try:
        yield
    finally:
        trans_real._translations["es"] = real


class VisibleText(HTMLParser):
    """The text a visitor reads (or hears) on a page, in chunks: text nodes, the title,
    descriptions and the attributes screen readers speak. Skips scripts, styles, code and anything
    inside an element whose ``lang`` is not the page's."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, language) of the open elements
        self.chunks = []

    def _current(self):
        return self.stack[-1][1] if self.stack else self.language

    def _hidden(self):
        return any(tag in CODE for tag, _ in self.stack) or (self._current() != self.language)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or self._current()
        if tag not in VOID:
            self.stack.append((tag, language))
        if language != self.language or self._hidden():
            return
        described = attrs.get("name") == "description" or attrs.get("property") in (
            "og:title",
            "og:description",
        )
        if tag == "meta" and described:
            self.chunks.append(attrs.get("content") or "")
        for name in SHOWN_ATTRIBUTES & attrs.keys():
            self.chunks.append(attrs[name] or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.chunks.append(data)


def visible_text(html, language="es"):
    parser = VisibleText(language)
    parser.feed(html)
    return parser.chunks


def leftovers(chunks, data=()):
    """The pieces of ``chunks`` that hold words no translation wrote: [] when all is Spanish."""
    data = {" ".join(str(item).split()) for item in data}
    data = sorted((item for item in data if re.search(r"[^\W\d_]", item)), key=len)
    data.reverse()
    # One string, so a translation that holds markup (its text in several chunks) is one span.
    text = BREAK.join(" ".join(chunk.split()) for chunk in chunks)
    while WRAPPED.search(text):
        text = WRAPPED.sub(" ", text)
    found = []
    for piece in text.split(BREAK):
        piece = ADDRESSES.sub(" ", piece)
        for item in data:
            piece = piece.replace(item, " ")
        piece = FORMAT_WORDS.sub(" ", piece)
        if re.search(r"[^\W\d_]", piece):
            found.append(" ".join(piece.split()))
    return found
