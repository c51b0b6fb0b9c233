from django.urls import path

from .views import feeds, finder, signup

app_name = "workshops"

BASE = "professional-development-workshops"

urlpatterns = [
    path(BASE, finder.finder, name="finder"),
    path(f"{BASE}.json", feeds.workshops_json, name="feed-json"),
    path(f"{BASE}.geojson", feeds.workshops_geojson, name="feed-geojson"),
    path(f"{BASE}.ics", feeds.workshops_ics, name="feed-ics"),
    path(f"{BASE}/partners", feeds.partners, name="partners"),
    path(f"{BASE}/state/<str:state>", finder.state, name="state"),
    path(f"{BASE}/<int:pk>", finder.detail, name="detail"),
    path(f"{BASE}/<int:pk>/calendar.ics", finder.ics, name="ics"),
    path(f"{BASE}/<int:pk>/signup", signup.signup, name="signup"),
    path(f"{BASE}/signup/<str:token>", signup.enrollment, name="enrollment"),
    path(f"{BASE}/signup/<str:token>/cancel", signup.cancel, name="cancel"),
]
