"""The US states and territories the site knows, defined once: choices for the models and forms
(by name), their codes, and each code's name."""

import unicodedata

import us
from django.utils.translation import gettext_lazy as _

STATE_CHOICES = sorted(
    ((state.abbr, state.name) for state in us.states.STATES_AND_TERRITORIES), key=lambda c: c[1]
)
STATE_CODES = [code for code, _name in STATE_CHOICES]
STATE_NAMES = dict(STATE_CHOICES)

# The names a visitor reads, in their language (the stored value is always the code).
TRANSLATED_NAMES = {
    "AL": _("Alabama"),
    "AK": _("Alaska"),
    "AZ": _("Arizona"),
    "AR": _("Arkansas"),
    "CA": _("California"),
    "CO": _("Colorado"),
    "CT": _("Connecticut"),
    "DE": _("Delaware"),
    "FL": _("Florida"),
    "GA": _("Georgia"),
    "HI": _("Hawaii"),
    "ID": _("Idaho"),
    "IL": _("Illinois"),
    "IN": _("Indiana"),
    "IA": _("Iowa"),
    "KS": _("Kansas"),
    "KY": _("Kentucky"),
    "LA": _("Louisiana"),
    "ME": _("Maine"),
    "MD": _("Maryland"),
    "MA": _("Massachusetts"),
    "MI": _("Michigan"),
    "MN": _("Minnesota"),
    "MS": _("Mississippi"),
    "MO": _("Missouri"),
    "MT": _("Montana"),
    "NE": _("Nebraska"),
    "NV": _("Nevada"),
    "NH": _("New Hampshire"),
    "NJ": _("New Jersey"),
    "NM": _("New Mexico"),
    "NY": _("New York"),
    "NC": _("North Carolina"),
    "ND": _("North Dakota"),
    "OH": _("Ohio"),
    "OK": _("Oklahoma"),
    "OR": _("Oregon"),
    "PA": _("Pennsylvania"),
    "RI": _("Rhode Island"),
    "SC": _("South Carolina"),
    "SD": _("South Dakota"),
    "TN": _("Tennessee"),
    "TX": _("Texas"),
    "UT": _("Utah"),
    "VT": _("Vermont"),
    "VA": _("Virginia"),
    "WA": _("Washington"),
    "WV": _("West Virginia"),
    "WI": _("Wisconsin"),
    "WY": _("Wyoming"),
    "AS": _("American Samoa"),
    "GU": _("Guam"),
    "MP": _("Northern Mariana Islands"),
    "PR": _("Puerto Rico"),
    "VI": _("Virgin Islands"),
    "DC": _("District of Columbia"),
}


def _sort_key(choice):
    return unicodedata.normalize("NFKD", str(choice[1])).encode("ascii", "ignore").lower()


def state_choices():
    """(code, name) for every state and territory, by name in the active language."""
    return sorted(((code, str(name)) for code, name in TRANSLATED_NAMES.items()), key=_sort_key)
