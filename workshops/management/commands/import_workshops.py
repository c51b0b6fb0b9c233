"""``python manage.py import_workshops FILE.csv [--dry-run] [--skip-invalid]``"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from workshops.csv_files import decode_csv
from workshops.importing import COLUMNS, import_workshops


class Command(BaseCommand):
    help = (
        "Import workshops from a UTF-8 CSV file with the columns "
        + ", ".join(COLUMNS)
        + ". Every row is checked; nothing is saved when a row has an error, unless "
        "--skip-invalid. Exits non-zero when rows failed (without --skip-invalid)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (header row first).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, save nothing."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and report the others, instead of importing nothing.",
        )

    def handle(self, *args, file, dry_run, skip_invalid, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            text = decode_csv(data, path.name)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None

        def progress(rows, total):
            return tqdm(
                rows,
                total=total,
                desc="Checking rows",
                unit="row",
                file=self.stderr._out,
                disable=options["verbosity"] == 0,
            )

        report = import_workshops(
            text, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
        )
        summary, *details = report.lines()
        for line in details:
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
