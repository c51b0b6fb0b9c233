from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("professional-development-workshops", views.finder, name="finder"),
    path("professional-development-workshops/<int:pk>", views.detail, name="detail"),
    path(
        "professional-development-workshops/signup/<str:token>",
        views.enrollment,
        name="enrollment",
    ),
]
