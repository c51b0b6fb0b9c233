"""What a visitor does on the site (sign up, cancel, send an inquiry, log in), what a page says
about seats, and what the stack's database holds."""

import re

import psycopg

BASE = "/professional-development-workshops"
SEARCH = f"{BASE}?q=Chicago%2C+IL&distance=50"
FRIENDLY = "Something went wrong on our side"
SEATS_RE = re.compile(r'<span class="seats [^"]*">([^<]+)</span>')
FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def signup_form(email):
    return {
        "first_name": "Stack",
        "last_name": "Teacher",
        "email": email,
        "school_name": "Stack Elementary",
        "school_zip": "60601",
        "role": "classroom_teacher",
        "grades": ["K", "1"],
    }


def signup(visitor, pk, email, kind="signup"):
    """GET the form, POST it. Returns the POST's response (None if the form did not load); a
    302 to the sign-up's own page means the server confirmed it."""
    page = visitor.request("GET", f"{BASE}/{pk}/signup", kind=kind)
    if page.status != 200 or not page.csrf():
        return None
    form = {"csrfmiddlewaretoken": page.csrf(), **signup_form(email)}
    return visitor.request("POST", f"{BASE}/{pk}/signup", form, kind=kind)


def confirmed(response):
    return (
        response is not None
        and response.status == 302
        and f"{BASE}/signup/" in response.header("location")
    )


def seats_on_page(html):
    """The seats line of a workshop page ("9 seats left")."""
    found = SEATS_RE.findall(html)
    return found[0] if len(found) == 1 else None


def seats_in_results(html, pk):
    """The seats line of workshop ``pk`` in a search's results."""
    at = html.find(f'href="{BASE}/{pk}"')
    if at < 0:
        return None
    match = SEATS_RE.search(html, at)
    return match.group(1) if match else None


def seats_text(left):
    if left == 0:
        return "Full - join the waitlist"
    return "1 seat left" if left == 1 else f"{left} seats left"


def inquiry(visitor, district, headers=None):
    page = visitor.request("GET", "/educate/districts", kind="inquiry", headers=headers)
    token = FORM_TOKEN_RE.search(page.text)
    form = {
        "csrfmiddlewaretoken": page.csrf(),
        "form_token": token.group(1) if token else "",
        "district": district,
        "state": "IL",
        "city": "Springfield",
        "first_name": "Jane",
        "last_name": "Doe",
        "role": "Director of Curriculum",
        "email": "jane.doe@springfield.k12.il.us",
        "phone": "312.555.0100",
        "schools_elementary": "12",
        "schools_middle": "4",
        "schools_high": "2",
        "programmes": ["middle_school"],
        "start_year": "Not sure yet",
        "heard_about": "conference",
        "message": "We would like to start with two middle schools.",
        "leave_empty": "",
    }
    return visitor.request("POST", "/educate/districts", form, kind="inquiry", headers=headers)


def login(visitor, password, headers=None, admin="/admin/"):
    page = visitor.request("GET", f"{admin}login/", kind="login", headers=headers)
    form = {"csrfmiddlewaretoken": page.csrf(), "username": "staff", "password": password}
    return visitor.request(
        "POST", f"{admin}login/?next={admin}", form, kind="login", headers=headers
    )


class Database:
    """Plain SQL on the stack's own database, for the counts the checks compare."""

    def __init__(self, url):
        self.url = url

    def one(self, sql, params=()):
        with psycopg.connect(self.url, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchone()

    def all(self, sql, params=()):
        with psycopg.connect(self.url, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def statuses(self, workshop_id):
        rows = self.all(
            "SELECT status, count(*) FROM workshops_enrollment WHERE workshop_id = %s "
            "GROUP BY status",
            (workshop_id,),
        )
        return dict(rows)

    def seats_left(self, workshop_id):
        capacity, taken = self.one(
            "SELECT w.capacity, (SELECT count(*) FROM workshops_enrollment e "
            "WHERE e.workshop_id = w.id AND e.status = 'enrolled') "
            "FROM workshops_workshop w WHERE w.id = %s",
            (workshop_id,),
        )
        return max(capacity - taken, 0)

    def rows_like(self, pattern):
        """Sign-up rows whose email matches ``pattern`` (each phase has its own prefix)."""
        return self.all(
            "SELECT email, workshop_id, status FROM workshops_enrollment WHERE email LIKE %s",
            (pattern,),
        )

    def over_capacity(self):
        return self.all(
            "SELECT w.id, w.capacity, count(e.id) FROM workshops_workshop w "
            "JOIN workshops_enrollment e ON e.workshop_id = w.id AND e.status = 'enrolled' "
            "GROUP BY w.id HAVING count(e.id) > w.capacity"
        )

    def duplicates(self):
        return self.all(
            "SELECT lower(email), workshop_id, count(*) FROM workshops_enrollment "
            "WHERE status <> 'cancelled' GROUP BY 1, 2 HAVING count(*) > 1"
        )

    def half_saved(self):
        """Sign-ups without the email rows written in the same transaction."""
        return self.one(
            "SELECT count(*) FROM workshops_enrollment e WHERE NOT EXISTS ("
            "SELECT 1 FROM outbox_outgoingemail o WHERE o.object_id = e.id::text)"
        )[0]
