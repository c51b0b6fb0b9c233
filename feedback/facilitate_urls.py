"""The facilitators' own results, under /facilitate/ (included before ``facilitate.urls``)."""

from django.urls import path

from . import facilitator_views

app_name = "feedback-facilitate"

urlpatterns = [path("feedback", facilitator_views.results, name="results")]
