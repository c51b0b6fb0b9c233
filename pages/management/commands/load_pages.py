"""Load the PD programme pages from pages/content/*.md, with their Spanish from *.es.md.

Each file starts with a header block (url, title, description) and a blank line, then Markdown;
a Spanish file's header needs only title and description (its url is the English file's).
Pages that already exist are left alone, so staff edits survive a second run, except that an
existing page with no Spanish yet gets the Spanish file's (nothing staff wrote is replaced);
``--overwrite`` replaces them with the files' text.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pages.models import Page

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


SPANISH_FIELDS = {"title": "title_es", "description": "description_es", "body": "body_es"}


def read_page_file(path, required=("url", "title", "description")):
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = {}
    for line in header.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            raise CommandError(f"{path.name}: header line without a colon: {line!r}")
        fields[key.strip()] = value.strip()
    missing = set(required) - fields.keys()
    if missing:
        raise CommandError(f"{path.name}: header lacks {', '.join(sorted(missing))}")
    return {**fields, "body": body.strip() + "\n"}


def read_spanish(path):
    """The Spanish fields from ``<name>.es.md`` beside ``<name>.md`` ({} if there is none)."""
    spanish = path.with_name(path.stem + ".es.md")
    if not spanish.exists():
        return {}
    data = read_page_file(spanish, required=("title", "description"))
    return {SPANISH_FIELDS[key]: data[key] for key in SPANISH_FIELDS}


class Command(BaseCommand):
    help = "Create the PD programme pages that do not exist yet (staff edits are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace existing pages with the files' text."
        )

    def handle(self, *args, overwrite=False, **options):
        created = updated = kept = translated = 0
        for path in sorted(CONTENT_DIR.glob("*.md")):
            if path.name.endswith(".es.md"):
                continue  # read with its English file
            data = read_page_file(path)
            spanish = read_spanish(path)
            data.update(spanish)
            url = data.pop("url")
            page = Page.objects.filter(url=url).first()
            if page is None:
                Page.objects.create(url=url, **data)
                created += 1
            elif overwrite:
                for field, value in data.items():
                    setattr(page, field, value)
                page.save()
                updated += 1
            else:
                kept += 1
                if spanish and not page.has_spanish:
                    for field, value in spanish.items():
                        setattr(page, field, value)
                    page.save()
                    translated += 1
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                f"Pages: {created} created, {updated} overwritten, {kept} kept as they are."
            )
            if translated:
                self.stdout.write(f"Spanish added to {translated} page(s) that had none.")
