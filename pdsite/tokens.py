"""Secret link tokens (a teacher's sign-up, a workshop alert): what one can look like.

Tokens are ``secrets.token_urlsafe(32)``: 43 URL-safe characters (256 random bits), stored in a
unique, indexed column and looked up by the database, never compared in Python. Anything that
cannot be a token (wrong characters, NUL, too short or too long) is refused before it reaches
the database (PostgreSQL rejects a NUL in a query parameter with an error)."""

import re
import secrets

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43,64}")


def looks_like_token(text):
    return bool(text) and _TOKEN.fullmatch(text) is not None


def new_token():
    """A fresh secret for a link: 43 URL-safe characters."""
    return secrets.token_urlsafe(32)
