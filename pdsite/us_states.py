"""The US states and territories the site knows, defined once: choices for the models and forms
(by name), their codes, and each code's name."""

import us

STATE_CHOICES = sorted(
    ((state.abbr, state.name) for state in us.states.STATES_AND_TERRITORIES), key=lambda c: c[1]
)
STATE_CODES = [code for code, _ in STATE_CHOICES]
STATE_NAMES = dict(STATE_CHOICES)
