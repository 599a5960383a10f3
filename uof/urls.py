from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from uof.reports import views as report_views

urlpatterns = [
    path("", report_views.start, name="start"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                         extra_context={"title": "Sign in"}), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("reports/", include("uof.reports.urls")),
    path("review/", include("uof.review.urls")),
    path("audit/", include(("uof.audit.urls", "audit"))),
    path("stats/", include("uof.stats.urls")),
    path("publish/", include("uof.publish.urls")),
    path("data/", include("uof.publish.public_urls")),
    path("api/v1/", include("uof.api.urls")),
    path("admin/", admin.site.urls),
]
