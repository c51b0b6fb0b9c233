"""The admin's URLs built anew: used after a test registered a model admin (see test_admin)."""

from django.conf import settings
from django.contrib import admin
from django.urls import path

urlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]
