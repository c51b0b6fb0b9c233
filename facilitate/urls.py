from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import FacilitatorLoginForm, FacilitatorPasswordResetForm

app_name = "facilitate"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login",
        auth_views.LoginView.as_view(
            template_name="facilitate/login.html",
            authentication_form=FacilitatorLoginForm,
            next_page=reverse_lazy("facilitate:home"),
        ),
        name="login",
    ),
    path(
        "logout",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("facilitate:login")),
        name="logout",
    ),
    path(
        "password-reset",
        auth_views.PasswordResetView.as_view(
            template_name="facilitate/password_reset.html",
            form_class=FacilitatorPasswordResetForm,
            success_url=reverse_lazy("facilitate:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent",
        auth_views.PasswordResetDoneView.as_view(
            template_name="facilitate/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="facilitate/password_reset_confirm.html",
            success_url=reverse_lazy("facilitate:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="facilitate/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("workshops/<int:pk>", views.roster, name="roster"),
    path("workshops/<int:pk>/roster.csv", views.roster_csv, name="roster-csv"),
    path("workshops/<int:pk>/attendance", views.attendance, name="attendance"),
    path("workshops/<int:pk>/walk-in", views.walk_in, name="walk-in"),
    path("workshops/<int:pk>/complete", views.complete, name="complete"),
]
