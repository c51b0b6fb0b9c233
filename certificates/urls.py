from django.urls import path

from . import views

app_name = "certificates"

SIGNUP = "professional-development-workshops/signup/<str:token>"

urlpatterns = [
    path("certificates", views.lookup, name="lookup"),
    path("certificates/<str:number>", views.verify, name="verify"),
    path(f"{SIGNUP}/certificate.pdf", views.download, name="download"),
    path(f"{SIGNUP}/certificate/name", views.correct_name, name="correct-name"),
]
