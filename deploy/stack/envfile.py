"""Reads deploy/pdsite.env.example: the variables set (NAME=value lines) and the ones only
documented with their default ("# NAME=value" lines)."""

import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "pdsite.env.example"
SET = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")
DOCUMENTED = re.compile(r"^# ([A-Z][A-Z0-9_]*)=(.*)$")


def read(path=TEMPLATE):
    """({name: value} for the lines that set a variable, {name} of the commented ones)."""
    values, documented = {}, set()
    for line in Path(path).read_text().splitlines():
        if match := SET.match(line):
            values[match.group(1)] = match.group(2)
        elif match := DOCUMENTED.match(line):
            documented.add(match.group(1))
    return values, documented


def required(path=TEMPLATE):
    """The variables marked "# required:" on the line before them (or before their group)."""
    names, marked = [], False
    for line in Path(path).read_text().splitlines():
        if line.startswith("# required:"):
            marked = True
        elif match := SET.match(line):
            if marked:
                names.append(match.group(1))
        elif not line.startswith("#"):
            marked = False
    return names
