"""Forms of the staff side: a workshop in its venue's local time, duplicating, importing."""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .csv_files import MAX_IMPORT_BYTES, decode_csv
from .models import Workshop
from .venues import local_time_problem, place_for_zip, state_mismatch, venue_datetime


class VenueLocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a time zone: the form places it in the venue's zone.

    (Django's own field would read it in the server's zone.)"""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is None:
            result = forms.BaseTemporalField.to_python(self, value)
        return result

    def prepare_value(self, value):
        return value


class WorkshopAdminForm(forms.ModelForm):
    """Staff type the start and end as the venue's wall-clock time; the ZIP code gives the
    venue's time zone, coordinates and state."""

    starts_at = VenueLocalDateTimeField(
        label="Starts (venue's local time)",
        help_text="Date and time at the venue, as the venue's clock shows it. The time zone comes "
        "from the ZIP code.",
    )
    ends_at = VenueLocalDateTimeField(
        label="Ends (venue's local time)", help_text="Date and time at the venue."
    )
    # Set by the admin when the database's seats CHECK refused the save (sign-ups came in
    # between this form's check and the save): the form is shown again with the error.
    capacity_refused = False
    # Shown (as a checkbox) only next to a warning that needs it: see _confirm_unusual_times.
    save_anyway = forms.BooleanField(
        label=_("Save anyway"),
        help_text=_("The date and times above are what I mean."),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "course",
            "status",
            "venue_name",
            "street_address",
            "city",
            "state",
            "zip_code",
            "starts_at",
            "ends_at",
            "capacity",
            "facilitator_names",
            "facilitator_email",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = None
        if self.instance.pk:
            self.initial["starts_at"] = self.instance.local_starts_at.replace(tzinfo=None)
            self.initial["ends_at"] = self.instance.local_ends_at.replace(tzinfo=None)
        if "zip_code" in self.fields:
            self.fields["zip_code"].max_length = 10

    def clean_zip_code(self):
        self.place = place_for_zip(self.cleaned_data["zip_code"])
        return self.place.zip_code

    def clean(self):
        cleaned = super().clean()
        place = self.place
        if place is not None:
            message = state_mismatch(place, cleaned.get("state"))
            if message:
                self.add_error("state", message)
            self.instance.latitude = place.latitude
            self.instance.longitude = place.longitude
            self.instance.time_zone = place.time_zone
        if place is None:
            # The form is invalid anyway (the ZIP code); without a time zone the times mean
            # nothing yet, so they are kept as typed and not put on the workshop.
            cleaned.pop("starts_at", None)
            cleaned.pop("ends_at", None)
            return cleaned
        zone = place.time_zone
        self._check_local_times(cleaned, zone)
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at:
            cleaned["starts_at"] = starts_at = venue_datetime(starts_at, zone)
        if ends_at:
            cleaned["ends_at"] = ends_at = venue_datetime(ends_at, zone)
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The end must be after the start.")
        self._check_sign_ups(cleaned)
        self._confirm_unusual_times(cleaned)
        return cleaned

    def _check_local_times(self, cleaned, zone):
        """A wall-clock time the clocks skip or repeat at the venue is an error that says so
        (read as it is, 2:30 AM on the spring-forward night would silently become 3:30 AM)."""
        for name in ("starts_at", "ends_at"):
            problem = local_time_problem(cleaned.get(name), zone)
            if problem:
                self.add_error(name, problem)  # also drops it from cleaned

    def _confirm_unusual_times(self, cleaned):
        """Times that are possible but most likely a slip: a new workshop that starts in the
        past, one that ends on a later day. Each is an error until staff tick "Save anyway",
        which is shown only then."""
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if not starts_at or not ends_at or ends_at <= starts_at:
            return
        zone = zoneinfo.ZoneInfo(self.instance.time_zone)
        start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        warnings = []
        if not self.instance.pk and starts_at < timezone.now():
            warnings.append(
                (
                    "starts_at",
                    _(
                        "This start, %(start)s, is in the past. If that is right (say, to "
                        'record a workshop that took place), tick "Save anyway" below.'
                    )
                    % {"start": f"{start:%a %b %-d, %Y, %-I:%M %p %Z}"},
                )
            )
        days = (end.date() - start.date()).days
        if days:
            warnings.append(
                (
                    "ends_at",
                    ngettext(
                        "This workshop ends on %(end)s, %(days)d day after it starts; "
                        'workshops last one day. If it really runs longer, tick "Save anyway" '
                        "below.",
                        "This workshop ends on %(end)s, %(days)d days after it starts; "
                        'workshops last one day. If it really runs longer, tick "Save anyway" '
                        "below.",
                        days,
                    )
                    % {"end": f"{end:%a %b %-d, %Y}", "days": days},
                )
            )
        if not warnings:
            return
        self.fields["save_anyway"].widget = forms.CheckboxInput()
        if not cleaned.get("save_anyway"):
            for name, message in warnings:
                self.add_error(name, ValidationError(message, code="confirm"))

    def _post_clean(self):
        # Without a place (the ZIP code has its error already) the typed times mean nothing
        # yet: they are not put on the workshop, and there is nothing more to check.
        if self.place is not None:
            super()._post_clean()

    def _check_sign_ups(self, cleaned):
        """Changes that would strand teachers who have already signed up."""
        if not self.instance.pk:
            return
        active = self.instance.enrollments.active()
        # Read now, not when the form was drawn: sign-ups went on meanwhile. The admin holds
        # the workshop's row lock while it saves, so none arrives between this read and the
        # save (should one ever, the database's seats CHECK refuses the save).
        taken = Workshop.objects.values_list("seats_taken", flat=True).get(pk=self.instance.pk)
        capacity = cleaned.get("capacity")
        if capacity and capacity < taken:
            self.add_error(
                "capacity",
                ngettext(
                    "%(taken)d seat is taken - the capacity can't be lower than %(taken)d.",
                    "%(taken)d seats are taken - the capacity can't be lower than %(taken)d.",
                    taken,
                )
                % {"taken": taken},
            )
        elif capacity and self.capacity_refused:
            self.add_error(
                "capacity",
                _(
                    "Teachers signed up while this was being saved, and the seats taken are "
                    "now more than %(capacity)d. Nothing was saved: check the seats and save "
                    "again."
                )
                % {"capacity": capacity},
            )
        status = cleaned.get("status")
        if status == self.instance.status or not active.exists():
            return
        if status == Workshop.Status.DRAFT:
            self.add_error(
                "status",
                "Teachers have signed up - a workshop with sign-ups can't go back to draft.",
            )
        elif status == Workshop.Status.CANCELLED:
            self.add_error(
                "status",
                "Teachers have signed up - cancel it with the workshop list's action "
                '"Cancel workshop" so that everyone is told.',
            )


class DuplicateForm(forms.Form):
    """The new date for copies of workshops (same local times, venue and course)."""

    new_date = forms.DateField(
        label="New date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The copies start and end at the same local times on this day, as drafts.",
    )

    def __init__(self, *args, workshops=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workshops = workshops

    def clean_new_date(self):
        new_date = self.cleaned_data["new_date"]
        if new_date < timezone.localdate():
            raise ValidationError("Choose today or a later date.")
        for workshop in self.workshops:
            # The same wall-clock times may not exist (or happen twice) on the new day.
            start, end = workshop.local_starts_at, workshop.local_ends_at
            days = datetime.timedelta(days=(end.date() - start.date()).days)
            for day, moment in ((new_date, start), (new_date + days, end)):
                problem = local_time_problem(
                    datetime.datetime.combine(day, moment.time()), workshop.time_zone
                )
                if problem:
                    raise ValidationError(f"{workshop}: {problem}")
        return new_date


class CancelForm(forms.Form):
    """Why the workshops are cancelled: the teachers read it in their email."""

    reason = forms.CharField(
        label=_("Reason (sent to everyone signed up)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_(
            'One or two sentences the teachers will read, e.g. "The venue is closed for '
            'repairs; we are looking for a new date."'
        ),
        error_messages={
            "required": _("Say why the workshop is cancelled: the teachers' email includes it."),
            "max_length": _("Keep the reason to 500 characters or fewer (it has %(show_value)d)."),
        },
    )

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()


class ImportForm(forms.Form):
    csv_file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with a header row, at most 2 MB. Columns: title, course, "
        "venue_name, street_address, city, state, zip_code, date (YYYY-MM-DD), start_time "
        "(HH:MM), end_time (HH:MM), capacity, facilitator_names, facilitator_email, notes, "
        "status (optional: draft, published or cancelled; default published). Times are the "
        "venue's local time.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label="Check only (dry run): save nothing, show what would be imported",
        required=False,
        initial=True,
    )
    skip_invalid = forms.BooleanField(
        label="Import the valid rows even if some rows have errors",
        required=False,
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 2 MB - split it "
                "into smaller files."
            )
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(
                f'"{upload.name}" is not a .csv file - save the sheet as "CSV UTF-8" and '
                "upload that."
            )
        return decode_csv(upload.read(), upload.name)
