from django.urls import path

from .views import finder, signup

app_name = "workshops"

BASE = "professional-development-workshops"

urlpatterns = [
    path(BASE, finder.finder, name="finder"),
    path(f"{BASE}/state/<str:state>", finder.state, name="state"),
    path(f"{BASE}/<int:pk>", finder.detail, name="detail"),
    path(f"{BASE}/<int:pk>/calendar.ics", finder.ics, name="ics"),
    path(f"{BASE}/<int:pk>/signup", signup.signup, name="signup"),
    path(f"{BASE}/signup/<str:token>", signup.enrollment, name="enrollment"),
    path(f"{BASE}/signup/<str:token>/cancel", signup.cancel, name="cancel"),
]
