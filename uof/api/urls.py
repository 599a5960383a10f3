"""/api/v1/: the public data API (version 1). A breaking change would be /api/v2/, beside this."""
from django.urls import path, re_path

from . import views

app_name = "api"

PUBLICATION = "publications/<str:kind>/<str:scope>/<str:period>/"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("publications/", views.PublicationList.as_view(), name="publications"),
    path(PUBLICATION, views.PublicationDetail.as_view(), name="publication"),
    path(PUBLICATION + "tables/", views.TableList.as_view(), name="tables"),
    path(PUBLICATION + "tables/<str:key>/", views.TableDetail.as_view(), name="table"),
    path(PUBLICATION + "records/", views.RecordList.as_view(), name="records"),
    path("scopes/", views.ScopeList.as_view(), name="scopes"),
    path("schema/", views.Schema.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    # Anything else under /api/v1/ ending in a slash is a JSON 404 (without a slash, Django first
    # redirects to the address with one).
    re_path(r"^(?P<unmatched>.+/)$", views.not_found, name="not-found"),
]
