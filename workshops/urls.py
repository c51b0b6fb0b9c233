from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("professional-development-workshops", views.finder, name="finder"),
]
