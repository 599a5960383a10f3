from django.urls import path

from . import views, views_drafts, views_tactics

app_name = "reports"

urlpatterns = [
    path("", views.my_reports, name="mine"),
    path("new/", views.new_report, name="new"),
    path("<int:pk>/", views.view_report, name="view"),
    path("<int:pk>/subject/", views.subject_page, name="subject"),
    path("<int:pk>/tactics/", views_tactics.tactics_page, name="tactics"),
    path("<int:pk>/check/", views.check_page, name="check"),
    path("<int:pk>/discard/", views_drafts.discard, name="discard"),
    path("<int:pk>/<slug:page>/", views.page, name="page"),
]
