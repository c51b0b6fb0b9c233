"""Certificate numbers: unguessable, yet easy to read aloud and type.

A number is 16 characters of Crockford's base 32 (digits and capitals without I, L, O and U, so
nothing is mistaken for something else), from ``secrets``: 80 random bits, in four groups of
four: ``K7Q4-M9XD-2HTW-8PRN``. Typed numbers are forgiving: lower case, spaces, missing dashes,
and O, I and L for 0, 1 and 1 all find the same certificate."""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CANONICAL = re.compile(rf"[{ALPHABET}]{{4}}(-[{ALPHABET}]{{4}}){{3}}")


def new_number():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(text):
    """The canonical form of a typed number, or None if it cannot be one."""
    raw = re.sub(r"[\s-]", "", str(text or "")[:40]).upper().translate(_TYPED)
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def looks_like_number(text):
    return bool(text) and _CANONICAL.fullmatch(text) is not None
