from django.urls import path

from . import views

app_name = "publish"

urlpatterns = [
    path("", views.index, name="index"),
    path("preview/", views.preview, name="preview"),
    path("publish/", views.publish, name="publish"),
]
