from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("educate/districts", views.districts, name="districts"),
    path("educate/districts/thank-you", views.thanks, name="thanks"),
]
