from django.urls import path

from . import public_views as views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("dictionary/", views.data_dictionary, name="dictionary"),
    path("<slug:kind>/<slug:slug>/", views.scope, name="scope"),
    path("<slug:kind>/<slug:slug>/<slug:period>/", views.publication, name="publication"),
    path("<slug:kind>/<slug:slug>/<slug:period>/dictionary/", views.data_dictionary,
         name="publication_dictionary"),
    path("<slug:kind>/<slug:slug>/<slug:period>/revision-<int:revision>/", views.publication, name="revision"),
    path("<slug:kind>/<slug:slug>/<slug:period>/download/<slug:table>.<slug:fmt>", views.download, name="download"),
]
