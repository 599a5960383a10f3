from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("missing/", views.missing, name="missing"),
    path("compliance/", views.compliance, name="compliance"),
    path("reports/<int:pk>/decision/", views.decision, name="decision"),
    path("reports/<int:pk>/history/", views.history, name="history"),
    path("reports/<int:pk>/delete/", views.delete, name="delete"),
]
