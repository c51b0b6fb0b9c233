"""Uploaded CSV files (the workshop import, in the admin and from the command line)."""

from django.core.exceptions import ValidationError

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def decode_csv(data, name):
    """The text of an uploaded CSV file, or a ValidationError in plain words."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is 2 MB - split it into "
            "smaller files."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            f'"{name}" is not UTF-8 text - save the sheet as "CSV UTF-8" and try again.'
        ) from None
    if "\x00" in text:
        raise ValidationError(f'"{name}" is not a CSV text file.')
    return text
