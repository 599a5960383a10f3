from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from uof.access import landing
from uof.reports import views as report_views

urlpatterns = [
    path("", report_views.start, name="start"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                         extra_context={"title": "Sign in"}), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/start/", landing.landing, name="landing"),  # LOGIN_REDIRECT_URL: each role's work page
    path("reports/", include("uof.reports.urls")),
    path("review/", include("uof.review.urls")),
    path("audit/", include(("uof.audit.urls", "audit"))),
    path("stats/", include("uof.stats.urls")),
    path("publish/", include("uof.publish.urls")),
    path("data/", include("uof.publish.public_urls")),
    path("api/v1/", include("uof.api.urls")),
    path("admin/", admin.site.urls),
]

# Error pages in the service's layout (uof/web/errors.py); the API answers its own errors in JSON.
handler400 = "uof.web.errors.bad_request"
handler403 = "uof.web.errors.permission_denied"
handler404 = "uof.web.errors.not_found"
handler500 = "uof.web.errors.server_error"
