"""The sign-up and search forms in Spanish: each mistake gets its exact Spanish message next to
the field it is about (and in the error summary), the other answers are kept, nothing is
saved."""

import re

import pytest
from django.core import mail

from workshops.models import Enrollment

from .factories_signup import make_course, make_workshop, signup_data

pytestmark = pytest.mark.django_db


def next_to(html, field):
    """The messages shown under the field ``field`` (by crispy-forms or the finder's own
    field include), in order."""
    return re.findall(rf'<[a-z]+ id="error_\d+_id_{field}"[^>]*><strong>(.*?)</strong>', html)


def sign_up_in_spanish(client, workshop, capture, **fields):
    with capture(execute=True):
        return client.post(
            f"/es/professional-development-workshops/{workshop.pk}/signup", signup_data(**fields)
        )


def test_a_zip_code_that_does_not_exist(client, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    response = sign_up_in_spanish(
        client, workshop, django_capture_on_commit_callbacks, school_zip="00000"
    )
    html = response.content.decode()
    message = "No existe el código postal 00000 en EE. UU.: revise los cinco dígitos."
    assert response.status_code == 200
    assert next_to(html, "school_zip") == [message]
    assert f'href="#id_school_zip">Código postal de la escuela: {message}</a>' in html
    assert 'value="Garfield Elementary"' in html  # the other answers are kept
    assert Enrollment.objects.count() == 0
    assert mail.outbox == []


def test_a_zip_code_that_is_not_five_digits(client, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    html = sign_up_in_spanish(
        client, workshop, django_capture_on_commit_callbacks, school_zip="8020"
    ).content.decode()
    assert next_to(html, "school_zip") == ["Escriba cinco dígitos, por ejemplo, 80202."]


def test_a_missing_field(client, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    response = sign_up_in_spanish(
        client, workshop, django_capture_on_commit_callbacks, last_name="", grades=[]
    )
    html = response.content.decode()
    assert next_to(html, "last_name") == ["Escriba su apellido."]
    assert next_to(html, "grades") == ["Marque al menos un grado que enseñe."]
    assert 'href="#id_last_name">Apellido: Escriba su apellido.</a>' in html
    assert "<title>Error: Inscripción: Computer science fundamentals, Denver, CO" in html
    assert Enrollment.objects.count() == 0


def test_a_duplicate_sign_up(client, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    sign_up_in_spanish(client, workshop, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = sign_up_in_spanish(
        client,
        workshop,
        django_capture_on_commit_callbacks,
        email="ADA.BYRON@school.example.org",
        first_name="Ada otra vez",
    )
    html = response.content.decode()
    message = (
        "Este correo electrónico ya está inscrito en este taller. El correo de confirmación que "
        "le enviamos tiene un enlace para ver o cancelar esa inscripción."
    )
    assert next_to(html, "email") == [message]
    assert 'value="Ada otra vez"' in html
    assert Enrollment.objects.count() == 1
    assert mail.outbox == []


def test_the_sign_up_itself_speaks_spanish(client, django_capture_on_commit_callbacks):
    workshop = make_workshop(course=make_course(name="Course C", name_es="Curso C"))
    response = sign_up_in_spanish(client, workshop, django_capture_on_commit_callbacks)
    enrollment = Enrollment.objects.get()
    assert (
        response["Location"] == f"/es/professional-development-workshops/signup/{enrollment.token}"
    )
    page = client.get(response["Location"]).content.decode()
    assert (
        "Listo, ya tiene su lugar. Enviamos una confirmación a ada.byron@school.example.org."
    ) in page
    assert "Estado: Inscripción confirmada" in page
    assert "<dt>Curso</dt><dd>Curso C</dd>" in page
    assert "<dt>Función</dt><dd>Maestro(a) de salón</dd>" in page


def test_the_finder_in_spanish(client):
    html = client.get("/es/professional-development-workshops", {"q": "99999"}).content.decode()
    assert next_to(html, "q") == [
        "99999 no es un código postal de EE. UU. en uso. Revise los dígitos, o escriba una "
        "ciudad y un estado, como Chicago, IL."
    ]
    html = client.get("/es/professional-development-workshops", {"q": ""}).content.decode()
    assert next_to(html, "q") == [
        "Escriba un código postal, o una ciudad y un estado, como 60601 o Chicago, IL."
    ]
