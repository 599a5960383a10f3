from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("download/", views.download, name="download"),
    path("home-office-return/", views.home_office_return_form, name="home_office_return"),
    path("home-office-return/download/", views.home_office_return_download, name="home_office_return_download"),
]
