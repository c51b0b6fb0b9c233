from django.urls import path

from . import views

app_name = "alerts"

BASE = "professional-development-workshops/alerts"

urlpatterns = [
    path(BASE, views.subscribe, name="subscribe"),
    path(f"{BASE}/sent", views.sent, name="sent"),
    path(f"{BASE}/confirm/<str:token>", views.confirm, name="confirm"),
    path(f"{BASE}/unsubscribe/<str:token>", views.unsubscribe, name="unsubscribe"),
]
