"""Load the PD programme pages from pages/content/*.md.

Each file starts with a header block (url, title, description) and a blank line, then Markdown.
Pages that already exist are left alone, so staff edits survive a second run; ``--overwrite``
replaces them with the files' text.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pages.models import Page

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def read_page_file(path):
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = {}
    for line in header.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            raise CommandError(f"{path.name}: header line without a colon: {line!r}")
        fields[key.strip()] = value.strip()
    missing = {"url", "title", "description"} - fields.keys()
    if missing:
        raise CommandError(f"{path.name}: header lacks {', '.join(sorted(missing))}")
    return {**fields, "body": body.strip() + "\n"}


class Command(BaseCommand):
    help = "Create the PD programme pages that do not exist yet (staff edits are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace existing pages with the files' text."
        )

    def handle(self, *args, overwrite=False, **options):
        created = updated = kept = 0
        for path in sorted(CONTENT_DIR.glob("*.md")):
            data = read_page_file(path)
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
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                f"Pages: {created} created, {updated} overwritten, {kept} kept as they are."
            )
